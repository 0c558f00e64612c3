-- cstack:step no-transaction
PRAGMA foreign_keys = OFF;

-- cstack:step transaction
CREATE TABLE "accounts__new" (
  "id" INTEGER NOT NULL,
  "fresh" TEXT,
  CONSTRAINT "accounts_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "accounts_fresh_enum_check" CHECK ("fresh" IN ('X', 'Y'))
);
INSERT INTO "accounts__new" ("id") SELECT "id" FROM "accounts";
DROP TABLE "accounts";
ALTER TABLE "accounts__new" RENAME TO "accounts";

-- cstack:step no-transaction
PRAGMA foreign_keys = ON;

