-- cstack:step transaction
SET LOCAL lock_timeout = '5s';
ALTER TABLE "accounts" DROP CONSTRAINT IF EXISTS "accounts_pkey";
ALTER TABLE "accounts" RENAME TO "customers";
ALTER TABLE "customers" ADD CONSTRAINT "customers_pkey" PRIMARY KEY ("id");

