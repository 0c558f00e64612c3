-- cstack:step no-transaction
ALTER TABLE "accounts" DROP COLUMN "nickname", ALGORITHM = INSTANT;

-- cstack:step no-transaction
ALTER TABLE "accounts" DROP COLUMN "credits", ALGORITHM = INSTANT;

-- cstack:step no-transaction
ALTER TABLE "accounts" DROP COLUMN "active", ALGORITHM = INSTANT;

-- cstack:step no-transaction
ALTER TABLE "accounts" DROP COLUMN "code", ALGORITHM = INSTANT;

