-- cstack:step transaction
SET LOCAL lock_timeout = '5s';
ALTER TABLE "accounts" ALTER COLUMN "name" DROP DEFAULT;
ALTER TABLE "accounts" ALTER COLUMN "name" DROP NOT NULL;
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_note_not_null" CHECK ("note" IS NOT NULL) NOT VALID;
ALTER TABLE "accounts" ALTER COLUMN "tier" SET DEFAULT 1;
ALTER TABLE "accounts" ALTER COLUMN "label" DROP DEFAULT;

-- cstack:step transaction
SET LOCAL lock_timeout = '5s';
ALTER TABLE "accounts" VALIDATE CONSTRAINT "accounts_note_not_null";
ALTER TABLE "accounts" ALTER COLUMN "note" SET NOT NULL;
ALTER TABLE "accounts" DROP CONSTRAINT "accounts_note_not_null";

