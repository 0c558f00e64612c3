-- cstack:step transaction
SET LOCAL lock_timeout = '5s';
ALTER TABLE "members" ADD CONSTRAINT "members_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "teams" ("id") NOT VALID;
ALTER TABLE "members" ADD CONSTRAINT "members_age_range_check" CHECK ("age" >= 0 AND "age" <= 150) NOT VALID;

-- cstack:step no-transaction
DROP INDEX CONCURRENTLY IF EXISTS "members_email_key";
CREATE UNIQUE INDEX CONCURRENTLY "members_email_key" ON "members" ("email");
DROP INDEX CONCURRENTLY IF EXISTS "members_age_idx";
CREATE INDEX CONCURRENTLY "members_age_idx" ON "members" ("age");
DROP INDEX CONCURRENTLY IF EXISTS "members_team_id_idx";
CREATE INDEX CONCURRENTLY "members_team_id_idx" ON "members" ("team_id");

-- cstack:step transaction
SET LOCAL lock_timeout = '5s';
ALTER TABLE "members" ADD CONSTRAINT "members_email_key" UNIQUE USING INDEX "members_email_key";

-- cstack:step transaction
SET LOCAL lock_timeout = '5s';
ALTER TABLE "members" VALIDATE CONSTRAINT "members_team_id_fkey";

-- cstack:step transaction
SET LOCAL lock_timeout = '5s';
ALTER TABLE "members" VALIDATE CONSTRAINT "members_age_range_check";

