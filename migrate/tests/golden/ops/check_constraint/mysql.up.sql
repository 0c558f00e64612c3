-- cstack:step no-transaction
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_age_range_check" CHECK ("age" >= 0 AND "age" <= 150);

-- cstack:step no-transaction
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_name_length_check" CHECK (char_length("name") >= 1 AND char_length("name") <= 40);

