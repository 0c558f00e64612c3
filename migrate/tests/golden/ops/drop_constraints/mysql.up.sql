-- cstack:step no-transaction
ALTER TABLE "members" DROP FOREIGN KEY "members_team_id_fkey";

-- cstack:step no-transaction
ALTER TABLE "members" DROP CONSTRAINT "members_age_range_check";

-- cstack:step no-transaction
ALTER TABLE "members" MODIFY COLUMN "email" longtext NOT NULL;

-- cstack:step no-transaction
ALTER TABLE "members" DROP INDEX "members_email_key", ALGORITHM = INPLACE, LOCK = NONE;

-- cstack:step no-transaction
ALTER TABLE "members" DROP INDEX "members_age_idx", ALGORITHM = INPLACE, LOCK = NONE;

-- cstack:step no-transaction
ALTER TABLE "members" DROP INDEX "members_team_id_idx", ALGORITHM = INPLACE, LOCK = NONE;

