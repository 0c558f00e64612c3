-- cstack:step transaction
SET LOCAL lock_timeout = '5s';
ALTER TABLE "accounts" DROP COLUMN "nickname";
ALTER TABLE "accounts" DROP COLUMN "credits";
ALTER TABLE "accounts" DROP COLUMN "active";
ALTER TABLE "accounts" DROP COLUMN "code";

