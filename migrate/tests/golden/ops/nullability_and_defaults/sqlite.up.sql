-- cstack:step no-transaction
PRAGMA foreign_keys = OFF;

-- cstack:step transaction
CREATE TABLE "accounts__new" (
  "id" INTEGER NOT NULL,
  "name" TEXT NOT NULL DEFAULT 'anonymous',
  "note" TEXT,
  "tier" INTEGER NOT NULL,
  "label" TEXT NOT NULL DEFAULT 'none',
  CONSTRAINT "accounts_pkey" PRIMARY KEY ("id")
);
INSERT INTO "accounts__new" ("id", "name", "note", "tier", "label") SELECT "id", COALESCE("name", 'anonymous'), "note", "tier", COALESCE("label", 'none') FROM "accounts";
DROP TABLE "accounts";
ALTER TABLE "accounts__new" RENAME TO "accounts";

-- cstack:step no-transaction
PRAGMA foreign_keys = ON;

