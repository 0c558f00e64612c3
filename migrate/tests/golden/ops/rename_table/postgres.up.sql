-- cstack:step transaction
SET LOCAL lock_timeout = '5s';
ALTER TABLE "accounts" RENAME TO "customers";
ALTER TABLE "customers" RENAME CONSTRAINT "accounts_pkey" TO "customers_pkey";

