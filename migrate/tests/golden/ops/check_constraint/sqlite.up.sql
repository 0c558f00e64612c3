-- cstack:step no-transaction
PRAGMA foreign_keys = OFF;

-- cstack:step transaction
CREATE TABLE "accounts__new" (
  "id" INTEGER NOT NULL,
  "age" INTEGER NOT NULL,
  "name" TEXT NOT NULL,
  CONSTRAINT "accounts_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "accounts_age_range_check" CHECK ("age" >= 0 AND "age" <= 150),
  CONSTRAINT "accounts_name_length_check" CHECK (length("name") >= 1 AND length("name") <= 40)
);
INSERT INTO "accounts__new" ("id", "age", "name") SELECT "id", "age", "name" FROM "accounts";
DROP TABLE "accounts";
ALTER TABLE "accounts__new" RENAME TO "accounts";

-- cstack:step no-transaction
PRAGMA foreign_keys = ON;

