-- cstack:step no-transaction
CREATE INDEX "members_team_id_idx" ON "members" ("team_id") ALGORITHM = INPLACE LOCK = NONE;

-- cstack:step no-transaction
ALTER TABLE "members" ADD CONSTRAINT "members_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "teams" ("id") ON DELETE CASCADE;

