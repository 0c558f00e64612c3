CREATE TABLE "users" (
  "id" bigint NOT NULL AUTO_INCREMENT,
  "email" varchar(255) NOT NULL,
  "name" longtext,
  "active" tinyint(1) NOT NULL DEFAULT 1,
  "balance" decimal(65,30) NOT NULL DEFAULT 0,
  "currency" longtext NOT NULL DEFAULT ('EUR'),
  "created_at" datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  "external_id" char(36) NOT NULL DEFAULT (uuid()),
  "settings" json,
  "avatar" longblob,
  "revision" bigint NOT NULL DEFAULT 0,
  "deleted_at" datetime(6),
  CONSTRAINT "users_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "users_email_key" UNIQUE ("email"),
  CONSTRAINT "users_name_length_check" CHECK (char_length("name") >= 1 AND char_length("name") <= 80),
  CONSTRAINT "users_balance_range_check" CHECK ("balance" >= 0 AND "balance" <= 1000000),
  CONSTRAINT "users_currency_iso4217_check" CHECK ("currency" REGEXP '^[A-Z]{3}$')
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE "posts" (
  "id" varchar(255) NOT NULL,
  "author_id" bigint NOT NULL,
  "status" varchar(255) NOT NULL DEFAULT 'Draft',
  "title" varchar(255) NOT NULL,
  "score" double,
  CONSTRAINT "posts_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "posts_author_id_title_key" UNIQUE ("author_id", "title"),
  CONSTRAINT "posts_status_enum_check" CHECK ("status" IN ('Draft', 'Published', 'Archived')),
  INDEX "posts_status_score_idx" ("status", "score"),
  CONSTRAINT "posts_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "users" ("id") ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE "cratestack_audit" (
  "event_id" char(36) NOT NULL,
  "schema_name" longtext NOT NULL,
  "model" varchar(255) NOT NULL,
  "operation" longtext NOT NULL,
  "primary_key" json NOT NULL,
  "actor" json,
  "tenant" longtext,
  "before" json,
  "after" json,
  "request_id" longtext,
  "occurred_at" datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  CONSTRAINT "cratestack_audit_pkey" PRIMARY KEY ("event_id"),
  INDEX "cratestack_audit_model_occurred_at_idx" ("model", "occurred_at")
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE "cratestack_event_outbox" (
  "event_id" char(36) NOT NULL,
  "model" longtext NOT NULL,
  "operation" longtext NOT NULL,
  "payload" json NOT NULL,
  "occurred_at" datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  "delivered_at" datetime(6),
  "attempts" bigint NOT NULL DEFAULT 0,
  "last_error" longtext,
  CONSTRAINT "cratestack_event_outbox_pkey" PRIMARY KEY ("event_id"),
  INDEX "cratestack_event_outbox_delivered_at_idx" ("delivered_at")
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE VIEW "published_posts" AS
SELECT id, title FROM posts WHERE status = 'Published';

