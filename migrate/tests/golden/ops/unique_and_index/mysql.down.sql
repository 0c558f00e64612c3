-- cstack:step transaction
SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'this migration cannot be reverted automatically: it destroys data (change the type of `accounts.email` from longtext to varchar(255) (converts every value; may lose data); change the type of `accounts.team` from longtext to varchar(255) (converts every value; may lose data))';

