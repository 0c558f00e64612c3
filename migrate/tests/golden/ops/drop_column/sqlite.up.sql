-- cstack:step no-transaction
PRAGMA foreign_keys = OFF;

-- cstack:step transaction
CREATE TABLE "accounts__new" (
  "id" INTEGER NOT NULL,
  CONSTRAINT "accounts_pkey" PRIMARY KEY ("id")
);
INSERT INTO "accounts__new" ("id") SELECT "id" FROM "accounts";
DROP TABLE "accounts";
ALTER TABLE "accounts__new" RENAME TO "accounts";

-- cstack:step no-transaction
PRAGMA foreign_keys = ON;

