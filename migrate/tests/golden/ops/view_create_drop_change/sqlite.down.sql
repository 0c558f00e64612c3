-- cstack:step transaction
DROP VIEW IF EXISTS "freshs";
DROP VIEW IF EXISTS "nameses";
CREATE VIEW "gones" AS
SELECT id FROM accounts;
CREATE VIEW "nameses" AS
SELECT id, name FROM accounts;

