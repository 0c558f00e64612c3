-- cstack:step transaction
SET LOCAL lock_timeout = '5s';
DROP TABLE "posts";
DROP TABLE "authors";

