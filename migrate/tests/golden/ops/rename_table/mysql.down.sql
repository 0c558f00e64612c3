-- cstack:step no-transaction
RENAME TABLE "customers" TO "accounts";

