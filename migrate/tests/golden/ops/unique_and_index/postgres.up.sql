-- cstack:step transaction
SET LOCAL lock_timeout = '5s';
ALTER TABLE "accounts" DROP CONSTRAINT IF EXISTS "accounts_region_key";

-- cstack:step no-transaction
DROP INDEX CONCURRENTLY IF EXISTS "accounts_email_key";
CREATE UNIQUE INDEX CONCURRENTLY "accounts_email_key" ON "accounts" ("email");
DROP INDEX CONCURRENTLY IF EXISTS "accounts_team_region_idx";
CREATE INDEX CONCURRENTLY "accounts_team_region_idx" ON "accounts" ("team", "region");

-- cstack:step transaction
SET LOCAL lock_timeout = '5s';
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_email_key" UNIQUE USING INDEX "accounts_email_key";

