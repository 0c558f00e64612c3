-- cstack:step transaction
ALTER TABLE "accounts" RENAME COLUMN "email" TO "mail";
ALTER TABLE "accounts" RENAME COLUMN "squad" TO "team";
DROP INDEX IF EXISTS "accounts_email_key";
CREATE UNIQUE INDEX "accounts_mail_key" ON "accounts" ("mail");
DROP INDEX IF EXISTS "accounts_squad_idx";
CREATE INDEX "accounts_team_idx" ON "accounts" ("team");

