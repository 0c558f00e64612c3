-- cstack:step no-transaction
DROP TABLE "accounts";

