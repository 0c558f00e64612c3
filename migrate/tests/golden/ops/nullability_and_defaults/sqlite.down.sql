-- cstack:step no-transaction
PRAGMA foreign_keys = OFF;

-- cstack:step transaction
CREATE TABLE "accounts__new" (
  "id" INTEGER NOT NULL,
  "name" TEXT,
  "note" TEXT NOT NULL,
  "tier" INTEGER NOT NULL DEFAULT 1,
  "label" TEXT NOT NULL,
  CONSTRAINT "accounts_pkey" PRIMARY KEY ("id")
);
INSERT INTO "accounts__new" ("id", "name", "note", "tier", "label") SELECT "id", "name", "note", COALESCE("tier", 1), "label" FROM "accounts";
DROP TABLE "accounts";
ALTER TABLE "accounts__new" RENAME TO "accounts";

-- cstack:step no-transaction
PRAGMA foreign_keys = ON;

