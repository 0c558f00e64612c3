-- cstack:step transaction
SET LOCAL lock_timeout = '5s';
CREATE TABLE "badges" (
  "id" bigint NOT NULL,
  "team_code" text NOT NULL,
  CONSTRAINT "badges_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "badges_team_code_idx" ON "badges" ("team_code");

-- cstack:step no-transaction
DROP INDEX CONCURRENTLY IF EXISTS "teams_code_key";
CREATE UNIQUE INDEX CONCURRENTLY "teams_code_key" ON "teams" ("code");
DROP INDEX CONCURRENTLY IF EXISTS "members_team_code_idx";
CREATE INDEX CONCURRENTLY "members_team_code_idx" ON "members" ("team_code");

-- cstack:step transaction
SET LOCAL lock_timeout = '5s';
ALTER TABLE "teams" ADD CONSTRAINT "teams_code_key" UNIQUE USING INDEX "teams_code_key";

-- cstack:step transaction
SET LOCAL lock_timeout = '5s';
ALTER TABLE "members" ADD CONSTRAINT "members_team_code_fkey" FOREIGN KEY ("team_code") REFERENCES "teams" ("code") NOT VALID;
ALTER TABLE "badges" ADD CONSTRAINT "badges_team_code_fkey" FOREIGN KEY ("team_code") REFERENCES "teams" ("code");

-- cstack:step transaction
SET LOCAL lock_timeout = '5s';
ALTER TABLE "members" VALIDATE CONSTRAINT "members_team_code_fkey";

