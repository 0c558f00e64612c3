-- cstack:step no-transaction
ALTER TABLE "accounts" RENAME COLUMN "mail" TO "email";

-- cstack:step no-transaction
ALTER TABLE "accounts" RENAME COLUMN "team" TO "squad";

-- cstack:step no-transaction
ALTER TABLE "accounts" RENAME INDEX "accounts_mail_key" TO "accounts_email_key";

-- cstack:step no-transaction
ALTER TABLE "accounts" RENAME INDEX "accounts_team_idx" TO "accounts_squad_idx";

