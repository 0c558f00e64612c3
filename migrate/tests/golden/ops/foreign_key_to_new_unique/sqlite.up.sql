-- cstack:step no-transaction
PRAGMA foreign_keys = OFF;

-- cstack:step transaction
CREATE TABLE "badges" (
  "id" INTEGER NOT NULL,
  "team_code" TEXT NOT NULL,
  CONSTRAINT "badges_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "badges_team_code_fkey" FOREIGN KEY ("team_code") REFERENCES "teams" ("code")
);
CREATE INDEX "badges_team_code_idx" ON "badges" ("team_code");
CREATE TABLE "members__new" (
  "id" INTEGER NOT NULL,
  "team_code" TEXT NOT NULL,
  CONSTRAINT "members_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "members_team_code_fkey" FOREIGN KEY ("team_code") REFERENCES "teams" ("code")
);
INSERT INTO "members__new" ("id", "team_code") SELECT "id", "team_code" FROM "members";
DROP TABLE "members";
ALTER TABLE "members__new" RENAME TO "members";
CREATE INDEX "members_team_code_idx" ON "members" ("team_code");
CREATE UNIQUE INDEX "teams_code_key" ON "teams" ("code");

-- cstack:step no-transaction
PRAGMA foreign_keys = ON;

