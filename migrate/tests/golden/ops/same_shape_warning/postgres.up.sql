-- cstack:step transaction
SET LOCAL lock_timeout = '5s';
ALTER TABLE "accounts" ADD COLUMN "display_name" text NOT NULL;
ALTER TABLE "accounts" DROP COLUMN "full_name";

