-- cstack:step transaction
DROP INDEX IF EXISTS "accounts_region_key";
CREATE UNIQUE INDEX "accounts_email_key" ON "accounts" ("email");
CREATE INDEX "accounts_team_region_idx" ON "accounts" ("team", "region");

