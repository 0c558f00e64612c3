-- cstack:step no-transaction
DROP VIEW IF EXISTS "code_counts";

-- cstack:step no-transaction
DROP VIEW IF EXISTS "codeses";

-- cstack:step no-transaction
ALTER TABLE "accounts" MODIFY COLUMN "code" longtext NOT NULL;

-- cstack:step no-transaction
CREATE VIEW "codeses" AS
SELECT id, code FROM accounts;

-- cstack:step no-transaction
CREATE VIEW "code_counts" AS
SELECT count(*) AS id FROM codeses;

