-- cstack:step transaction
SET LOCAL lock_timeout = '5s';
CREATE MATERIALIZED VIEW "sale_totals" AS
SELECT id, amount FROM sales;
CREATE UNIQUE INDEX "sale_totals_pkey" ON "sale_totals" ("id");

