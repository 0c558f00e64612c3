-- cstack:step transaction
SET LOCAL lock_timeout = '5s';
ALTER TABLE "accounts" DROP CONSTRAINT IF EXISTS "accounts_age_range_check";
ALTER TABLE "accounts" DROP CONSTRAINT IF EXISTS "accounts_name_length_check";

