-- cstack:step no-transaction
DROP TABLE "notes";

