-- cstack:step no-transaction
CREATE TABLE "accounts" (
  "id" bigint NOT NULL AUTO_INCREMENT,
  "email" varchar(255) NOT NULL,
  "created_at" datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  CONSTRAINT "accounts_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "accounts_email_key" UNIQUE ("email")
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

