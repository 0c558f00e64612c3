-- cstack:step transaction
DROP TABLE "accounts";

