-- cstack:step no-transaction
ALTER TABLE "accounts" DROP CONSTRAINT "accounts_old_enum_check";

-- cstack:step no-transaction
ALTER TABLE "accounts" ADD COLUMN "fresh" varchar(255), ALGORITHM = INSTANT;

-- cstack:step no-transaction
ALTER TABLE "accounts" DROP COLUMN "old", ALGORITHM = INSTANT;

-- cstack:step no-transaction
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_fresh_enum_check" CHECK ("fresh" IN ('X', 'Y'));

