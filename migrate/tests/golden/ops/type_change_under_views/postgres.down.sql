-- cstack:step transaction
DO $$ BEGIN RAISE EXCEPTION '%', 'this migration cannot be reverted automatically: it destroys data (change the type of `accounts.code` from bigint to text (converts every value; may lose data))'; END $$;

