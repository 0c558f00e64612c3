-- cstack:step no-transaction
PRAGMA foreign_keys = OFF;

-- cstack:step transaction
CREATE TABLE "accounts__new" (
  "id" INTEGER NOT NULL,
  "status" TEXT NOT NULL DEFAULT 'Active',
  CONSTRAINT "accounts_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "accounts_status_enum_check" CHECK ("status" IN ('Active', 'Closed'))
);
INSERT INTO "accounts__new" ("id", "status") SELECT "id", COALESCE("status", 'Active') FROM "accounts";
DROP TABLE "accounts";
ALTER TABLE "accounts__new" RENAME TO "accounts";

-- cstack:step no-transaction
PRAGMA foreign_keys = ON;

