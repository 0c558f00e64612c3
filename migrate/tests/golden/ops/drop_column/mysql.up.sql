-- cstack:step no-transaction
ALTER TABLE "accounts" DROP COLUMN "legacy", ALGORITHM = INSTANT;

