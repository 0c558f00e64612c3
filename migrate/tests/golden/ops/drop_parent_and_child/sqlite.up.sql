-- cstack:step transaction
DROP TABLE "posts";
DROP TABLE "authors";

