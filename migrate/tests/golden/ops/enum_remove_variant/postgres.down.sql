-- cstack:step no-transaction
ALTER TYPE "status" ADD VALUE IF NOT EXISTS 'Frozen' BEFORE 'Closed';

