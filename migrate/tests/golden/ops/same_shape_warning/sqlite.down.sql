-- cstack:step transaction
SELECT * FROM "this migration cannot be reverted automatically: it destroys data (drop column `accounts.full_name` and its data)";

