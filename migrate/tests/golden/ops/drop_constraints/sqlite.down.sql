-- cstack:step no-transaction
PRAGMA foreign_keys = OFF;

-- cstack:step transaction
CREATE TABLE "members__new" (
  "id" INTEGER NOT NULL,
  "team_id" INTEGER NOT NULL,
  "age" INTEGER NOT NULL,
  "email" TEXT NOT NULL,
  CONSTRAINT "members_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "members_age_range_check" CHECK ("age" >= 0 AND "age" <= 150),
  CONSTRAINT "members_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "teams" ("id")
);
INSERT INTO "members__new" ("id", "team_id", "age", "email") SELECT "id", "team_id", "age", "email" FROM "members";
DROP TABLE "members";
ALTER TABLE "members__new" RENAME TO "members";
CREATE UNIQUE INDEX "members_email_key" ON "members" ("email");
CREATE INDEX "members_age_idx" ON "members" ("age");
CREATE INDEX "members_team_id_idx" ON "members" ("team_id");

-- cstack:step no-transaction
PRAGMA foreign_keys = ON;

