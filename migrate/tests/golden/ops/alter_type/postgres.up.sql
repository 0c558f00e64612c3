-- cstack:step transaction
SET LOCAL lock_timeout = '5s';
ALTER TABLE "accounts" ALTER COLUMN "code" DROP DEFAULT;
ALTER TABLE "accounts" ALTER COLUMN "code" TYPE text USING "code"::text::text;

