-- cstack:step no-transaction
ALTER TABLE "members" DROP FOREIGN KEY "members_team_id_fkey";

-- cstack:step no-transaction
ALTER TABLE "members" DROP INDEX "members_team_id_idx", ALGORITHM = INPLACE, LOCK = NONE;

