-- cstack:step no-transaction
ALTER TABLE "accounts" ADD COLUMN "nickname" longtext, ALGORITHM = INSTANT;

-- cstack:step no-transaction
ALTER TABLE "accounts" ADD COLUMN "credits" bigint NOT NULL DEFAULT 10, ALGORITHM = INSTANT;

-- cstack:step no-transaction
ALTER TABLE "accounts" ADD COLUMN "active" tinyint(1) NOT NULL DEFAULT 1, ALGORITHM = INSTANT;

-- cstack:step no-transaction
ALTER TABLE "accounts" ADD COLUMN "code" longtext NOT NULL, ALGORITHM = INSTANT;

