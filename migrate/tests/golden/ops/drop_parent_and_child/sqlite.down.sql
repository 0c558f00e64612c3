-- cstack:step transaction
SELECT * FROM "this migration cannot be reverted automatically: it destroys data (drop table `authors` and all its rows; drop table `posts` and all its rows)";

