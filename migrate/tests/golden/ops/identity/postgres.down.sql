-- cstack:step transaction
SET LOCAL lock_timeout = '5s';
ALTER TABLE "tickets" ALTER COLUMN "id" DROP IDENTITY IF EXISTS;

