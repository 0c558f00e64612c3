-- cstack:step no-transaction
PRAGMA foreign_keys = OFF;

-- cstack:step transaction
CREATE TABLE "accounts__new" (
  "id" INTEGER NOT NULL,
  "nickname" TEXT,
  "credits" INTEGER NOT NULL DEFAULT 10,
  "active" INTEGER NOT NULL DEFAULT 1,
  "code" TEXT NOT NULL,
  CONSTRAINT "accounts_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "accounts_active_bool_check" CHECK ("active" IN (0, 1))
);
INSERT INTO "accounts__new" ("id") SELECT "id" FROM "accounts";
DROP TABLE "accounts";
ALTER TABLE "accounts__new" RENAME TO "accounts";

-- cstack:step no-transaction
PRAGMA foreign_keys = ON;

