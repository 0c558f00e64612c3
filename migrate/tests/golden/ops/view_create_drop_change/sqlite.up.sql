-- cstack:step transaction
DROP VIEW IF EXISTS "nameses";
DROP VIEW IF EXISTS "gones";
CREATE VIEW "nameses" AS
SELECT id, upper(name) AS name FROM accounts;
CREATE VIEW "freshs" AS
SELECT id FROM accounts WHERE id > 10;

