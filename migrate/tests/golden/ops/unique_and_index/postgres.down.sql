-- cstack:step no-transaction
DROP INDEX CONCURRENTLY IF EXISTS "accounts_team_region_idx";

-- cstack:step transaction
SET LOCAL lock_timeout = '5s';
ALTER TABLE "accounts" DROP CONSTRAINT IF EXISTS "accounts_email_key";

-- cstack:step no-transaction
DROP INDEX CONCURRENTLY IF EXISTS "accounts_region_key";
CREATE UNIQUE INDEX CONCURRENTLY "accounts_region_key" ON "accounts" ("region");

-- cstack:step transaction
SET LOCAL lock_timeout = '5s';
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_region_key" UNIQUE USING INDEX "accounts_region_key";

