-- cstack:step transaction
DO $$ BEGIN RAISE EXCEPTION '%', 'this migration cannot be reverted automatically: it destroys data (drop column `accounts.old` and its data)'; END $$;

