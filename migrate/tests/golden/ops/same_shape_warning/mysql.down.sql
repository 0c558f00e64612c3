-- cstack:step transaction
SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'this migration cannot be reverted automatically: it destroys data (drop column `accounts.full_name` and its data)';

