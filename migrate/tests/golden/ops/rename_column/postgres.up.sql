-- cstack:step transaction
SET LOCAL lock_timeout = '5s';
ALTER TABLE "accounts" RENAME COLUMN "full_name" TO "display_name";

