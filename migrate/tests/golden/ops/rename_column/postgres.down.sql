-- cstack:step transaction
SET LOCAL lock_timeout = '5s';
ALTER TABLE "accounts" RENAME COLUMN "display_name" TO "full_name";

