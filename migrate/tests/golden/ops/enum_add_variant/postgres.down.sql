-- cstack:step transaction
SET LOCAL lock_timeout = '5s';
DO $$ BEGIN IF EXISTS (SELECT 1 FROM "accounts" WHERE "status"::text IN ('Pending', 'Frozen')) THEN RAISE EXCEPTION 'rows of accounts still hold removed values of enum status in column status; move them in up.pre.sql'; END IF; END $$;
ALTER TYPE "status" RENAME TO "status__old";
CREATE TYPE "status" AS ENUM ('Active', 'Closed');
ALTER TABLE "accounts" ALTER COLUMN "status" DROP DEFAULT;
ALTER TABLE "accounts" ALTER COLUMN "status" TYPE "status" USING "status"::text::"status";
ALTER TABLE "accounts" ALTER COLUMN "status" SET DEFAULT 'Active';
DROP TYPE "status__old";

