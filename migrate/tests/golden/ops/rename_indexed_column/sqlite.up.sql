-- cstack:step transaction
ALTER TABLE "accounts" RENAME COLUMN "mail" TO "email";
ALTER TABLE "accounts" RENAME COLUMN "team" TO "squad";
DROP INDEX IF EXISTS "accounts_mail_key";
CREATE UNIQUE INDEX "accounts_email_key" ON "accounts" ("email");
DROP INDEX IF EXISTS "accounts_team_idx";
CREATE INDEX "accounts_squad_idx" ON "accounts" ("squad");

