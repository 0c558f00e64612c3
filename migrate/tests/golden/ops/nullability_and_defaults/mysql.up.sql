-- cstack:step no-transaction
ALTER TABLE "accounts" ALTER COLUMN "name" SET DEFAULT ('anonymous');

-- cstack:step no-transaction
UPDATE "accounts" SET "name" = ('anonymous') WHERE "name" IS NULL;

-- cstack:step no-transaction
ALTER TABLE "accounts" MODIFY COLUMN "name" longtext NOT NULL DEFAULT ('anonymous');

-- cstack:step no-transaction
ALTER TABLE "accounts" MODIFY COLUMN "note" longtext;

-- cstack:step no-transaction
ALTER TABLE "accounts" ALTER COLUMN "tier" DROP DEFAULT;

-- cstack:step no-transaction
ALTER TABLE "accounts" ALTER COLUMN "label" SET DEFAULT ('none');

