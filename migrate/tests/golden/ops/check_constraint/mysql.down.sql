-- cstack:step no-transaction
ALTER TABLE "accounts" DROP CONSTRAINT "accounts_age_range_check";

-- cstack:step no-transaction
ALTER TABLE "accounts" DROP CONSTRAINT "accounts_name_length_check";

