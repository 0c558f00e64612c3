-- cstack:step no-transaction
ALTER TABLE "accounts" DROP CONSTRAINT "accounts_status_enum_check";

-- cstack:step no-transaction
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_status_enum_check" CHECK ("status" IN ('Pending', 'Active', 'Frozen', 'Closed'));

