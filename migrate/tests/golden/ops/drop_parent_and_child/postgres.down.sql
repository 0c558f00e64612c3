-- cstack:step transaction
DO $$ BEGIN RAISE EXCEPTION '%', 'this migration cannot be reverted automatically: it destroys data (drop table `authors` and all its rows; drop table `posts` and all its rows)'; END $$;

