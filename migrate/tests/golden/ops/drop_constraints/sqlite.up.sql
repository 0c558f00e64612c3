-- cstack:step no-transaction
PRAGMA foreign_keys = OFF;

-- cstack:step transaction
DROP INDEX IF EXISTS "members_email_key";
DROP INDEX IF EXISTS "members_age_idx";
DROP INDEX IF EXISTS "members_team_id_idx";
CREATE TABLE "members__new" (
  "id" INTEGER NOT NULL,
  "team_id" INTEGER NOT NULL,
  "age" INTEGER NOT NULL,
  "email" TEXT NOT NULL,
  CONSTRAINT "members_pkey" PRIMARY KEY ("id")
);
INSERT INTO "members__new" ("id", "team_id", "age", "email") SELECT "id", "team_id", "age", "email" FROM "members";
DROP TABLE "members";
ALTER TABLE "members__new" RENAME TO "members";

-- cstack:step no-transaction
PRAGMA foreign_keys = ON;

