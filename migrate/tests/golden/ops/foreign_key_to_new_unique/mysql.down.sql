-- cstack:step transaction
SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'this migration cannot be reverted automatically: it destroys data (change the type of `teams.code` from longtext to varchar(255) (converts every value; may lose data); change the type of `members.team_code` from longtext to varchar(255) (converts every value; may lose data))';

