-- cstack:step transaction
SET LOCAL lock_timeout = '5s';
ALTER TABLE "accounts" RENAME COLUMN "mail" TO "email";
ALTER TABLE "accounts" RENAME COLUMN "team" TO "squad";
ALTER TABLE "accounts" RENAME CONSTRAINT "accounts_mail_key" TO "accounts_email_key";
ALTER INDEX "accounts_team_idx" RENAME TO "accounts_squad_idx";

