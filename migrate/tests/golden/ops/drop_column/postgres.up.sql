-- cstack:step transaction
SET LOCAL lock_timeout = '5s';
ALTER TABLE "accounts" DROP COLUMN "legacy";

