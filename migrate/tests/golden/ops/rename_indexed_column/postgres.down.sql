-- cstack:step transaction
SET LOCAL lock_timeout = '5s';
ALTER TABLE "accounts" RENAME COLUMN "email" TO "mail";
ALTER TABLE "accounts" RENAME COLUMN "squad" TO "team";
ALTER TABLE "accounts" RENAME CONSTRAINT "accounts_email_key" TO "accounts_mail_key";
ALTER INDEX "accounts_squad_idx" RENAME TO "accounts_team_idx";

