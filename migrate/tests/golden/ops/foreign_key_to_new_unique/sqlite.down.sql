-- cstack:step no-transaction
PRAGMA foreign_keys = OFF;

-- cstack:step transaction
DROP INDEX IF EXISTS "teams_code_key";
DROP INDEX IF EXISTS "members_team_code_idx";
DROP TABLE "badges";
CREATE TABLE "members__new" (
  "id" INTEGER NOT NULL,
  "team_code" TEXT NOT NULL,
  CONSTRAINT "members_pkey" PRIMARY KEY ("id")
);
INSERT INTO "members__new" ("id", "team_code") SELECT "id", "team_code" FROM "members";
DROP TABLE "members";
ALTER TABLE "members__new" RENAME TO "members";

-- cstack:step no-transaction
PRAGMA foreign_keys = ON;

