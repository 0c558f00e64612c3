-- cstack:step transaction
DROP TABLE "notes";

