-- cstack:step transaction
SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'this migration cannot be reverted automatically: it destroys data (drop table `notes` and all its rows)';

