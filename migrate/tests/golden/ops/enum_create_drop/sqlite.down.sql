-- cstack:step transaction
SELECT * FROM "this migration cannot be reverted automatically: it destroys data (drop column `accounts.old` and its data)";

