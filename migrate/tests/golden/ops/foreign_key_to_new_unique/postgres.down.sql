-- cstack:step no-transaction
DROP INDEX CONCURRENTLY IF EXISTS "members_team_code_idx";

-- cstack:step transaction
SET LOCAL lock_timeout = '5s';
ALTER TABLE "members" DROP CONSTRAINT IF EXISTS "members_team_code_fkey";
ALTER TABLE "badges" DROP CONSTRAINT IF EXISTS "badges_team_code_fkey";
ALTER TABLE "teams" DROP CONSTRAINT IF EXISTS "teams_code_key";
DROP TABLE "badges";

