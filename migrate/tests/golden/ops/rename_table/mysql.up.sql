-- cstack:step no-transaction
RENAME TABLE "accounts" TO "customers";

