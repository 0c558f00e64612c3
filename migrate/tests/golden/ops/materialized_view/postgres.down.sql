-- cstack:step transaction
SET LOCAL lock_timeout = '5s';
DROP MATERIALIZED VIEW IF EXISTS "sale_totals";

