-- cstack:step transaction
SET LOCAL lock_timeout = '5s';
CREATE TYPE "fresh" AS ENUM ('X', 'Y');
ALTER TABLE "accounts" ADD COLUMN "fresh" "fresh";
ALTER TABLE "accounts" DROP COLUMN "old";
DROP TYPE "old";

