-- cstack:step transaction
SET LOCAL lock_timeout = '5s';
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_age_range_check" CHECK ("age" >= 0 AND "age" <= 150) NOT VALID;
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_name_length_check" CHECK (char_length("name") >= 1 AND char_length("name") <= 40) NOT VALID;

-- cstack:step transaction
SET LOCAL lock_timeout = '5s';
ALTER TABLE "accounts" VALIDATE CONSTRAINT "accounts_age_range_check";

-- cstack:step transaction
SET LOCAL lock_timeout = '5s';
ALTER TABLE "accounts" VALIDATE CONSTRAINT "accounts_name_length_check";

