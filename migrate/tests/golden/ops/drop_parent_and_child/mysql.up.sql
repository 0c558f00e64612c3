-- cstack:step no-transaction
ALTER TABLE "posts" DROP FOREIGN KEY "posts_author_id_fkey";

-- cstack:step no-transaction
DROP TABLE "posts";

-- cstack:step no-transaction
DROP TABLE "authors";

