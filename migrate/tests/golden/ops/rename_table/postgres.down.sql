-- cstack:step transaction
SET LOCAL lock_timeout = '5s';
ALTER TABLE "customers" DROP CONSTRAINT IF EXISTS "customers_pkey";
ALTER TABLE "customers" RENAME TO "accounts";
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_pkey" PRIMARY KEY ("id");

