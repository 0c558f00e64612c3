-- cstack:step no-transaction
PRAGMA foreign_keys = OFF;

-- cstack:step transaction
DROP VIEW IF EXISTS "code_counts";
DROP VIEW IF EXISTS "codeses";
CREATE TABLE "accounts__new" (
  "id" INTEGER NOT NULL,
  "code" TEXT NOT NULL,
  CONSTRAINT "accounts_pkey" PRIMARY KEY ("id")
);
INSERT INTO "accounts__new" ("id", "code") SELECT "id", CAST("code" AS TEXT) FROM "accounts";
DROP TABLE "accounts";
ALTER TABLE "accounts__new" RENAME TO "accounts";
CREATE VIEW "codeses" AS
SELECT id, code FROM accounts;
CREATE VIEW "code_counts" AS
SELECT count(*) AS id FROM codeses;

-- cstack:step no-transaction
PRAGMA foreign_keys = ON;

