-- cstack:step transaction
DROP INDEX IF EXISTS "accounts_email_key";
DROP INDEX IF EXISTS "accounts_team_region_idx";
CREATE UNIQUE INDEX "accounts_region_key" ON "accounts" ("region");

