-- cstack:step transaction
SELECT * FROM "this migration cannot be reverted automatically: it destroys data (drop table `notes` and all its rows)";

