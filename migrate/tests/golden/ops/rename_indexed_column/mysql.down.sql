-- cstack:step no-transaction
ALTER TABLE "accounts" RENAME COLUMN "email" TO "mail";

-- cstack:step no-transaction
ALTER TABLE "accounts" RENAME COLUMN "squad" TO "team";

-- cstack:step no-transaction
ALTER TABLE "accounts" RENAME INDEX "accounts_email_key" TO "accounts_mail_key";

-- cstack:step no-transaction
ALTER TABLE "accounts" RENAME INDEX "accounts_squad_idx" TO "accounts_team_idx";

