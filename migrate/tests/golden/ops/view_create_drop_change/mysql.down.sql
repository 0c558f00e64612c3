-- cstack:step no-transaction
DROP VIEW IF EXISTS "freshs";

-- cstack:step no-transaction
DROP VIEW IF EXISTS "nameses";

-- cstack:step no-transaction
CREATE VIEW "gones" AS
SELECT id FROM accounts;

-- cstack:step no-transaction
CREATE VIEW "nameses" AS
SELECT id, name FROM accounts;

