-- cstack:step transaction
SET LOCAL lock_timeout = '5s';
ALTER TABLE "customers" RENAME TO "accounts";
ALTER TABLE "accounts" RENAME CONSTRAINT "customers_pkey" TO "accounts_pkey";

