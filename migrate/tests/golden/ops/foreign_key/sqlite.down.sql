-- cstack:step no-transaction
PRAGMA foreign_keys = OFF;

-- cstack:step transaction
DROP INDEX IF EXISTS "members_team_id_idx";
CREATE TABLE "members__new" (
  "id" INTEGER NOT NULL,
  "team_id" INTEGER NOT NULL,
  CONSTRAINT "members_pkey" PRIMARY KEY ("id")
);
INSERT INTO "members__new" ("id", "team_id") SELECT "id", "team_id" FROM "members";
DROP TABLE "members";
ALTER TABLE "members__new" RENAME TO "members";

-- cstack:step no-transaction
PRAGMA foreign_keys = ON;

