-- cstack:step no-transaction
ALTER TABLE "accounts" MODIFY COLUMN "email" varchar(255) NOT NULL;

-- cstack:step no-transaction
ALTER TABLE "accounts" MODIFY COLUMN "team" varchar(255) NOT NULL;

-- cstack:step no-transaction
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_email_key" UNIQUE ("email"), ALGORITHM = INPLACE, LOCK = NONE;

-- cstack:step no-transaction
CREATE INDEX "accounts_team_region_idx" ON "accounts" ("team", "region") ALGORITHM = INPLACE LOCK = NONE;

-- cstack:step no-transaction
ALTER TABLE "accounts" DROP INDEX "accounts_region_key", ALGORITHM = INPLACE, LOCK = NONE;

