-- cstack:step no-transaction
ALTER TABLE "accounts" ALTER COLUMN "name" DROP DEFAULT;

-- cstack:step no-transaction
ALTER TABLE "accounts" MODIFY COLUMN "name" longtext;

-- cstack:step no-transaction
ALTER TABLE "accounts" MODIFY COLUMN "note" longtext NOT NULL;

-- cstack:step no-transaction
ALTER TABLE "accounts" ALTER COLUMN "tier" SET DEFAULT 1;

-- cstack:step no-transaction
ALTER TABLE "accounts" ALTER COLUMN "label" DROP DEFAULT;

