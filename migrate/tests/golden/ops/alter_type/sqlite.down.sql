-- cstack:step transaction
SELECT * FROM "this migration cannot be reverted automatically: it destroys data (change the type of `accounts.code` from INTEGER to TEXT (converts every value; may lose data))";

