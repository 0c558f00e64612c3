-- cstack:step no-transaction
ALTER TABLE "accounts" ADD COLUMN "display_name" longtext NOT NULL, ALGORITHM = INSTANT;

-- cstack:step no-transaction
ALTER TABLE "accounts" DROP COLUMN "full_name", ALGORITHM = INSTANT;

