-- cstack:step transaction
SET LOCAL lock_timeout = '5s';
ALTER TABLE "accounts" ALTER COLUMN "name" SET DEFAULT 'anonymous';
UPDATE "accounts" SET "name" = 'anonymous' WHERE "name" IS NULL;
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_name_not_null" CHECK ("name" IS NOT NULL) NOT VALID;
ALTER TABLE "accounts" ALTER COLUMN "note" DROP NOT NULL;
ALTER TABLE "accounts" ALTER COLUMN "tier" DROP DEFAULT;
ALTER TABLE "accounts" ALTER COLUMN "label" SET DEFAULT 'none';

-- cstack:step transaction
SET LOCAL lock_timeout = '5s';
ALTER TABLE "accounts" VALIDATE CONSTRAINT "accounts_name_not_null";
ALTER TABLE "accounts" ALTER COLUMN "name" SET NOT NULL;
ALTER TABLE "accounts" DROP CONSTRAINT "accounts_name_not_null";

