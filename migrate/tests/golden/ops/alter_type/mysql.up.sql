-- cstack:step no-transaction
ALTER TABLE "accounts" MODIFY COLUMN "code" longtext NOT NULL;

