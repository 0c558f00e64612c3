-- cstack:step transaction
DO $$ BEGIN RAISE EXCEPTION '%', 'this migration cannot be reverted automatically: it destroys data (drop column `accounts.legacy` and its data)'; END $$;

