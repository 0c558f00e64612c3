-- cstack:step no-transaction
ALTER TABLE "tickets" MODIFY COLUMN "id" bigint NOT NULL AUTO_INCREMENT;

