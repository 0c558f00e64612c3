-- cstack:step transaction
DO $$ BEGIN RAISE EXCEPTION '%', 'this migration cannot be reverted automatically: it destroys data (drop table `notes` and all its rows)'; END $$;

