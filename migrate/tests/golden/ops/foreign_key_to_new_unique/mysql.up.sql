-- cstack:step no-transaction
CREATE TABLE "badges" (
  "id" bigint NOT NULL,
  "team_code" varchar(255) NOT NULL,
  CONSTRAINT "badges_pkey" PRIMARY KEY ("id"),
  INDEX "badges_team_code_idx" ("team_code")
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- cstack:step no-transaction
ALTER TABLE "teams" MODIFY COLUMN "code" varchar(255) NOT NULL;

-- cstack:step no-transaction
ALTER TABLE "members" MODIFY COLUMN "team_code" varchar(255) NOT NULL;

-- cstack:step no-transaction
ALTER TABLE "teams" ADD CONSTRAINT "teams_code_key" UNIQUE ("code"), ALGORITHM = INPLACE, LOCK = NONE;

-- cstack:step no-transaction
CREATE INDEX "members_team_code_idx" ON "members" ("team_code") ALGORITHM = INPLACE LOCK = NONE;

-- cstack:step no-transaction
ALTER TABLE "badges" ADD CONSTRAINT "badges_team_code_fkey" FOREIGN KEY ("team_code") REFERENCES "teams" ("code");

-- cstack:step no-transaction
ALTER TABLE "members" ADD CONSTRAINT "members_team_code_fkey" FOREIGN KEY ("team_code") REFERENCES "teams" ("code");

