-- cstack:step no-transaction
DROP VIEW IF EXISTS "nameses";

-- cstack:step no-transaction
DROP VIEW IF EXISTS "gones";

-- cstack:step no-transaction
CREATE VIEW "nameses" AS
SELECT id, upper(name) AS name FROM accounts;

-- cstack:step no-transaction
CREATE VIEW "freshs" AS
SELECT id FROM accounts WHERE id > 10;

