-- cstack:step transaction
SET LOCAL lock_timeout = '5s';
DROP VIEW IF EXISTS "code_counts";
DROP VIEW IF EXISTS "codeses";
ALTER TABLE "accounts" ALTER COLUMN "code" DROP DEFAULT;
ALTER TABLE "accounts" ALTER COLUMN "code" TYPE text USING "code"::text::text;
CREATE VIEW "codeses" AS
SELECT id, code FROM accounts;
CREATE VIEW "code_counts" AS
SELECT count(*) AS id FROM codeses;

