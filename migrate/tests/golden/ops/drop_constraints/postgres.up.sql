-- cstack:step no-transaction
DROP INDEX CONCURRENTLY IF EXISTS "members_age_idx";
DROP INDEX CONCURRENTLY IF EXISTS "members_team_id_idx";

-- cstack:step transaction
SET LOCAL lock_timeout = '5s';
ALTER TABLE "members" DROP CONSTRAINT IF EXISTS "members_team_id_fkey";
ALTER TABLE "members" DROP CONSTRAINT IF EXISTS "members_email_key";
ALTER TABLE "members" DROP CONSTRAINT IF EXISTS "members_age_range_check";

