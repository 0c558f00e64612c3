CREATE TABLE "users" (
  "id" INTEGER NOT NULL,
  "email" TEXT NOT NULL,
  "name" TEXT,
  "active" INTEGER NOT NULL DEFAULT 1,
  "balance" TEXT NOT NULL DEFAULT '0',
  "currency" TEXT NOT NULL DEFAULT 'EUR',
  "created_at" TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z'),
  "external_id" TEXT NOT NULL DEFAULT (lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6)))),
  "settings" TEXT,
  "avatar" BLOB,
  "revision" INTEGER NOT NULL DEFAULT 0,
  "deleted_at" TEXT,
  CONSTRAINT "users_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "users_name_length_check" CHECK (length("name") >= 1 AND length("name") <= 80),
  CONSTRAINT "users_active_bool_check" CHECK ("active" IN (0, 1)),
  CONSTRAINT "users_balance_range_check" CHECK (CAST("balance" AS NUMERIC) >= 0 AND CAST("balance" AS NUMERIC) <= 1000000),
  CONSTRAINT "users_currency_iso4217_check" CHECK (length("currency") = 3 AND "currency" GLOB '[A-Z][A-Z][A-Z]'),
  CONSTRAINT "users_settings_json_check" CHECK (json_valid("settings"))
);

CREATE TABLE "posts" (
  "id" TEXT NOT NULL,
  "author_id" INTEGER NOT NULL,
  "status" TEXT NOT NULL DEFAULT 'Draft',
  "title" TEXT NOT NULL,
  "score" REAL,
  CONSTRAINT "posts_pkey" PRIMARY KEY ("id"),
  CONSTRAINT "posts_status_enum_check" CHECK ("status" IN ('Draft', 'Published', 'Archived')),
  CONSTRAINT "posts_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "users" ("id") ON DELETE CASCADE
);

CREATE TABLE "cratestack_audit" (
  "event_id" TEXT NOT NULL,
  "schema_name" TEXT NOT NULL,
  "model" TEXT NOT NULL,
  "operation" TEXT NOT NULL,
  "primary_key" TEXT NOT NULL,
  "actor" TEXT,
  "tenant" TEXT,
  "before" TEXT,
  "after" TEXT,
  "request_id" TEXT,
  "occurred_at" TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z'),
  CONSTRAINT "cratestack_audit_pkey" PRIMARY KEY ("event_id")
);

CREATE TABLE "cratestack_event_outbox" (
  "event_id" TEXT NOT NULL,
  "model" TEXT NOT NULL,
  "operation" TEXT NOT NULL,
  "payload" TEXT NOT NULL,
  "occurred_at" TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%f', 'now') || '000Z'),
  "delivered_at" TEXT,
  "attempts" INTEGER NOT NULL DEFAULT 0,
  "last_error" TEXT,
  CONSTRAINT "cratestack_event_outbox_pkey" PRIMARY KEY ("event_id")
);

CREATE UNIQUE INDEX "users_email_key" ON "users" ("email");

CREATE UNIQUE INDEX "posts_author_id_title_key" ON "posts" ("author_id", "title");

CREATE INDEX "posts_status_score_idx" ON "posts" ("status", "score");

CREATE INDEX "cratestack_audit_model_occurred_at_idx" ON "cratestack_audit" ("model", "occurred_at");

CREATE INDEX "cratestack_event_outbox_delivered_at_idx" ON "cratestack_event_outbox" ("delivered_at");

CREATE VIEW "published_posts" AS
SELECT id, title FROM posts WHERE status = 'Published';

