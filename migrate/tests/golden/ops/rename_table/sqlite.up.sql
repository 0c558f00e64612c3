-- cstack:step no-transaction
PRAGMA foreign_keys = OFF;

-- cstack:step transaction
ALTER TABLE "accounts" RENAME TO "customers";
CREATE TABLE "customers__new" (
  "id" INTEGER NOT NULL,
  "name" TEXT NOT NULL,
  CONSTRAINT "customers_pkey" PRIMARY KEY ("id")
);
INSERT INTO "customers__new" ("id", "name") SELECT "id", "name" FROM "customers";
DROP TABLE "customers";
ALTER TABLE "customers__new" RENAME TO "customers";

-- cstack:step no-transaction
PRAGMA foreign_keys = ON;

