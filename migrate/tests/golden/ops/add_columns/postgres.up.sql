-- cstack:step transaction
SET LOCAL lock_timeout = '5s';
ALTER TABLE "accounts" ADD COLUMN "nickname" text;
ALTER TABLE "accounts" ADD COLUMN "credits" bigint NOT NULL DEFAULT 10;
ALTER TABLE "accounts" ADD COLUMN "active" boolean NOT NULL DEFAULT true;
ALTER TABLE "accounts" ADD COLUMN "code" text NOT NULL;

