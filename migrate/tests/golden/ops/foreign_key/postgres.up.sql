-- cstack:step transaction
SET LOCAL lock_timeout = '5s';
ALTER TABLE "members" ADD CONSTRAINT "members_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "teams" ("id") ON DELETE CASCADE NOT VALID;

-- cstack:step no-transaction
DROP INDEX CONCURRENTLY IF EXISTS "members_team_id_idx";
CREATE INDEX CONCURRENTLY "members_team_id_idx" ON "members" ("team_id");

-- cstack:step transaction
SET LOCAL lock_timeout = '5s';
ALTER TABLE "members" VALIDATE CONSTRAINT "members_team_id_fkey";

