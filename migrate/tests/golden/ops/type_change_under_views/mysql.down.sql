-- cstack:step transaction
SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'this migration cannot be reverted automatically: it destroys data (change the type of `accounts.code` from bigint to longtext (converts every value; may lose data))';

