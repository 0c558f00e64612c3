-- cstack:step no-transaction
PRAGMA foreign_keys = OFF;

-- cstack:step transaction
CREATE TABLE "members__new" (
  "id" INTEGER NOT NULL,
  "team_id" INTEGER NOT NULL,
  CONSTRAINT "members_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "members_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "teams" ("id") ON DELETE CASCADE
);
INSERT INTO "members__new" ("id", "team_id") SELECT "id", "team_id" FROM "members";
DROP TABLE "members";
ALTER TABLE "members__new" RENAME TO "members";
CREATE INDEX "members_team_id_idx" ON "members" ("team_id");

-- cstack:step no-transaction
PRAGMA foreign_keys = ON;

