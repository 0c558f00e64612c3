//! The evolution suite: one schema through 24 versions exercising every
//! operation (renames, type changes under views, view-on-view, enum variant
//! removal with a backfill, NOT NULL with a default, SQLite rebuilds with
//! child rows present, drops, materialized views), on the real PostgreSQL
//! server, on SQLite and on MariaDB (which creates no materialized view). At each step: diff, write the migration, apply it to
//! a database that holds rows, then `verify` is clean, `drift` is empty, and
//! every row of every surviving column still holds its value. Each
//! reversible step is also undone with its `down.sql` on that database
//! (the earlier rows must come back intact) and redone with `up.sql`.

mod support;

use cstack_migrate::diff::Renames;
use cstack_migrate::files::plan_backend;
use cstack_migrate::physical::PhysicalSchema;
use cstack_migrate::plan::parse_steps;
use cstack_migrate::{Dialect, Risk, Step, files, lower};
use cstack_migrate_live::db::{Access, Connection, execute_script, pg_error};
use cstack_migrate_live::runner;
use cstack_migrate_live::spawner::{
    MysqlServerSpawner, ServerSpawner, Spawner, SqliteMemorySpawner,
};
use cstack_migrate_live::workflow::{drift, verify};
use sqlx_core::connection::Connection as _;
use sqlx_core::executor::Executor;
use sqlx_core::row::Row;
use sqlx_mysql::MySql;
use sqlx_postgres::Postgres;
use std::collections::BTreeMap;
use std::path::Path;
use support::{MYSQL_URL, MysqlScratch, SERVER_URL, ScratchDatabase, model};

struct Version {
    what: &'static str,
    body: &'static str,
    /// Rows to add after the migration (both dialects); `{k}` is the step.
    inserts: &'static [&'static str],
    /// A backfill written into `up.pre.sql` before applying.
    backfill: Option<&'static str>,
    /// `(table, column)` whose values this step changes on purpose.
    changes: &'static [(&'static str, &'static str)],
}

const HEADER: &str = "datasource db {\n  provider = \"postgresql\"\n}\n\n";

const WRITER_V1: &str = "model Author {\n  id Int @id\n  name String\n  posts Post[] @relation(fields: [id], references: [authorId])\n}\n";
const WRITER_V2: &str = "model Author {\n  id Int @id\n  name String\n  bio String?\n  posts Post[] @relation(fields: [id], references: [authorId])\n}\n";
const WRITER: &str = "model Writer {\n  id Int @id\n  name String\n  bio String?\n  posts Post[] @relation(fields: [id], references: [authorId])\n\n  @@rename(from = \"Author\")\n}\n";
const WRITER_UNIQUE: &str = "model Writer {\n  id Int @id\n  name String @unique\n  bio String?\n  posts Post[] @relation(fields: [id], references: [authorId])\n}\n";
const WRITER_BIO: &str = "model Writer {\n  id Int @id\n  name String @unique\n  bio String @default(\"\")\n  posts Post[] @relation(fields: [id], references: [authorId])\n}\n";
const WRITER_NO_BIO: &str = "model Writer {\n  id Int @id\n  name String @unique\n  posts Post[] @relation(fields: [id], references: [authorId])\n}\n";

fn versions() -> Vec<Version> {
    let v = |what, body, inserts, backfill, changes| Version {
        what,
        body,
        inserts,
        backfill,
        changes,
    };
    vec![
        v(
            "initial schema",
            concat!(
                "enum Status {\n  Draft\n  Published\n  Archived\n}\n\n",
                "model Author {\n  id Int @id\n  name String\n  posts Post[] @relation(fields: [id], references: [authorId])\n}\n\n",
                "model Post {\n  id Int @id\n  authorId Int\n  author Author @relation(fields: [authorId], references: [id])\n  title String\n  status Status @default(Draft)\n  score Int\n}\n\n",
                "view PostTitle from Post {\n  id Int @id\n  title String\n  score Int\n\n  @@sql(\"SELECT id, title, score FROM posts\")\n}\n\n",
                "view TitleCount from Post {\n  id Int @id\n\n  @@sql(\"SELECT count(*) AS id FROM post_titles\")\n}\n"
            ),
            &[
                "INSERT INTO authors (id, name) VALUES ({k}, 'author {k}')",
                "INSERT INTO posts (id, author_id, title, status, score) VALUES ({k}, {k}, 'post {k}', 'Archived', {k})",
            ],
            None,
            &[],
        ),
        v(
            "add a nullable column",
            "",
            &[
                "INSERT INTO authors (id, name) VALUES ({k}, 'author {k}')",
                "INSERT INTO posts (id, author_id, title, status, score) VALUES ({k}, {k}, 'post {k}', 'Draft', {k})",
            ],
            None,
            &[],
        ),
        v(
            "add a column with a default",
            "likes",
            &[
                "INSERT INTO authors (id, name, bio) VALUES ({k}, 'author {k}', 'bio {k}')",
                "INSERT INTO posts (id, author_id, title, status, score, likes) VALUES ({k}, {k}, 'post {k}', 'Published', {k}, {k})",
            ],
            None,
            &[],
        ),
        v(
            "rename a column read by a view",
            "headline",
            &[
                "INSERT INTO authors (id, name) VALUES ({k}, 'author {k}')",
                "INSERT INTO posts (id, author_id, headline, status, score) VALUES ({k}, {k}, 'post {k}', 'Draft', {k})",
            ],
            None,
            &[],
        ),
        v(
            "rename a table referenced by a foreign key",
            "writer",
            &[
                "INSERT INTO writers (id, name) VALUES ({k}, 'writer {k}')",
                "INSERT INTO posts (id, author_id, headline, status, score) VALUES ({k}, {k}, 'post {k}', 'Draft', {k})",
            ],
            None,
            &[],
        ),
        v(
            "change a column type under a view and a view on that view",
            "score_text",
            &[
                "INSERT INTO writers (id, name) VALUES ({k}, 'writer {k}')",
                "INSERT INTO posts (id, author_id, headline, status, score) VALUES ({k}, {k}, 'post {k}', 'Draft', 'score {k}')",
            ],
            None,
            &[],
        ),
        v(
            "add an index",
            "index",
            &[
                "INSERT INTO writers (id, name) VALUES ({k}, 'writer {k}')",
                "INSERT INTO posts (id, author_id, headline, status, score) VALUES ({k}, {k}, 'post {k}', 'Draft', 's{k}')",
            ],
            None,
            &[],
        ),
        v(
            "add a unique constraint",
            "unique",
            &[
                "INSERT INTO writers (id, name) VALUES ({k}, 'writer {k}')",
                "INSERT INTO posts (id, author_id, headline, status, score) VALUES ({k}, {k}, 'post {k}', 'Draft', 's{k}')",
            ],
            None,
            &[],
        ),
        v(
            "add an enum variant",
            "review",
            &[
                "INSERT INTO writers (id, name) VALUES ({k}, 'writer {k}')",
                "INSERT INTO posts (id, author_id, headline, status, score) VALUES ({k}, {k}, 'post {k}', 'Review', 's{k}')",
            ],
            None,
            &[],
        ),
        v(
            "remove an enum variant, with a backfill",
            "no_archived",
            &[
                "INSERT INTO writers (id, name) VALUES ({k}, 'writer {k}')",
                "INSERT INTO posts (id, author_id, headline, status, score) VALUES ({k}, {k}, 'post {k}', 'Review', 's{k}')",
            ],
            Some("UPDATE posts SET status = 'Draft' WHERE CAST(status AS TEXT) = 'Archived';\n"),
            &[("posts", "status")],
        ),
        v(
            "make a column NOT NULL with a default",
            "bio_required",
            &[
                "INSERT INTO writers (id, name, bio) VALUES ({k}, 'writer {k}', 'b')",
                "INSERT INTO posts (id, author_id, headline, status, score) VALUES ({k}, {k}, 'post {k}', 'Draft', 's{k}')",
            ],
            None,
            &[("writers", "bio")],
        ),
        v(
            "make a column nullable",
            "likes_optional",
            &[
                "INSERT INTO writers (id, name) VALUES ({k}, 'writer {k}')",
                "INSERT INTO posts (id, author_id, headline, status, score, likes) VALUES ({k}, {k}, 'post {k}', 'Draft', 's{k}', NULL)",
            ],
            None,
            &[],
        ),
        v(
            "add a CHECK from @db_enforce",
            "check",
            &[
                "INSERT INTO writers (id, name) VALUES ({k}, 'writer {k}')",
                "INSERT INTO posts (id, author_id, headline, status, score, likes) VALUES ({k}, {k}, 'post {k}', 'Draft', 's{k}', 7)",
            ],
            None,
            &[],
        ),
        v(
            "add a child table with ON DELETE CASCADE",
            "comments",
            &[
                "INSERT INTO writers (id, name) VALUES ({k}, 'writer {k}')",
                "INSERT INTO posts (id, author_id, headline, status, score) VALUES ({k}, {k}, 'post {k}', 'Draft', 's{k}')",
                "INSERT INTO comments (id, post_id, text) VALUES ({k}, 100, 'comment {k}')",
            ],
            None,
            &[],
        ),
        v(
            "change the parent of child rows (a SQLite rebuild)",
            "likes_default",
            &[
                "INSERT INTO writers (id, name) VALUES ({k}, 'writer {k}')",
                "INSERT INTO posts (id, author_id, headline, status, score) VALUES ({k}, {k}, 'post {k}', 'Draft', 's{k}')",
                "INSERT INTO comments (id, post_id, text) VALUES ({k}, 100, 'comment {k}')",
            ],
            None,
            &[],
        ),
        v(
            "drop a column",
            "drop_bio",
            &[
                "INSERT INTO writers (id, name) VALUES ({k}, 'writer {k}')",
                "INSERT INTO posts (id, author_id, headline, status, score) VALUES ({k}, {k}, 'post {k}', 'Draft', 's{k}')",
                "INSERT INTO comments (id, post_id, text) VALUES ({k}, 101, 'comment {k}')",
            ],
            None,
            &[],
        ),
        v(
            "add a materialized view and a boolean column",
            "materialized",
            &["INSERT INTO writers (id, name) VALUES ({k}, 'writer {k}')"],
            None,
            &[],
        ),
        v(
            "change a view body under a dependent view",
            "view_body",
            &["INSERT INTO writers (id, name) VALUES ({k}, 'writer {k}')"],
            None,
            &[],
        ),
        v(
            "drop a view",
            "drop_view",
            &["INSERT INTO writers (id, name) VALUES ({k}, 'writer {k}')"],
            None,
            &[],
        ),
        v(
            "add an enum column with a default",
            "kind",
            &[
                "INSERT INTO writers (id, name) VALUES ({k}, 'writer {k}')",
                "INSERT INTO comments (id, post_id, text, kind) VALUES ({k}, 102, 'comment {k}', 'Question')",
            ],
            None,
            &[],
        ),
        v(
            "drop a table and its enum",
            "drop_comments",
            &["INSERT INTO writers (id, name) VALUES ({k}, 'writer {k}')"],
            None,
            &[],
        ),
        v(
            "add a composite unique",
            "composite_unique",
            &[
                "INSERT INTO writers (id, name) VALUES ({k}, 'writer {k}')",
                "INSERT INTO posts (id, author_id, headline, status, score) VALUES ({k}, {k}, 'post {k}', 'Draft', 's{k}')",
            ],
            None,
            &[],
        ),
        v(
            "add a table that names posts by headline",
            "pins",
            &["INSERT INTO pins (id, headline) VALUES ({k}, 'post 100')"],
            None,
            &[],
        ),
        v(
            "make a column unique and reference it from rows already there",
            "pin_foreign_key",
            &[
                "INSERT INTO posts (id, author_id, headline, status, score) VALUES ({k}, 100, 'post {k}', 'Draft', 's{k}')",
                "INSERT INTO pins (id, headline) VALUES ({k}, 'post {k}')",
            ],
            None,
            &[],
        ),
    ]
}

/// The schema text of a version, built from the named feature set.
fn schema_text(key: &str, index: usize) -> String {
    let after = |feature: &str| {
        let order = [
            "",
            "likes",
            "headline",
            "writer",
            "score_text",
            "index",
            "unique",
            "review",
            "no_archived",
            "bio_required",
            "likes_optional",
            "check",
            "comments",
            "likes_default",
            "drop_bio",
            "materialized",
            "view_body",
            "drop_view",
            "kind",
            "drop_comments",
            "composite_unique",
            "pins",
            "pin_foreign_key",
        ];
        let position = order.iter().position(|f| *f == feature).unwrap();
        let current = order.iter().position(|f| *f == key).unwrap_or(0);
        index > 0 && current >= position
    };
    let _ = index;
    let mut out = String::from(HEADER);
    let variants = if after("no_archived") {
        "Draft\n  Review\n  Published"
    } else if after("review") {
        "Draft\n  Review\n  Published\n  Archived"
    } else {
        "Draft\n  Published\n  Archived"
    };
    out.push_str(&format!("enum Status {{\n  {variants}\n}}\n\n"));
    if after("kind") && !after("drop_comments") {
        out.push_str("enum Kind {\n  Note\n  Question\n}\n\n");
    }
    let writer = if after("drop_bio") {
        WRITER_NO_BIO
    } else if after("bio_required") {
        WRITER_BIO
    } else if after("unique") {
        WRITER_UNIQUE
    } else if after("writer") {
        WRITER
    } else if index >= 1 {
        WRITER_V2
    } else {
        WRITER_V1
    };
    out.push_str(writer);
    out.push('\n');
    let parent = if after("writer") { "Writer" } else { "Author" };
    let title = if after("pin_foreign_key") {
        "  headline String @unique @rename(from = \"title\")\n  pins Pin[] @relation(fields: [headline], references: [headline])\n"
    } else if after("headline") {
        "  headline String @rename(from = \"title\")\n"
    } else {
        "  title String\n"
    };
    let score = if after("score_text") { "String" } else { "Int" };
    let likes = if after("likes_default") {
        "  likes Int? @default(1) @range(min: 0, max: 1000000) @db_enforce\n"
    } else if after("check") {
        "  likes Int? @default(0) @range(min: 0, max: 1000000) @db_enforce\n"
    } else if after("likes_optional") {
        "  likes Int? @default(0)\n"
    } else if after("likes") {
        "  likes Int @default(0)\n"
    } else {
        ""
    };
    let comments = if after("comments") && !after("drop_comments") {
        "  comments Comment[] @relation(fields: [id], references: [postId])\n"
    } else {
        ""
    };
    let mut post_attrs = String::new();
    if after("index") {
        post_attrs.push_str("  @@index([status])\n");
    }
    if after("composite_unique") {
        post_attrs.push_str("  @@unique([authorId, headline])\n");
    }
    let pinned = if after("materialized") {
        "  pinned Boolean @default(false)\n"
    } else {
        ""
    };
    out.push_str(&format!(
        "model Post {{\n  id Int @id\n  authorId Int\n  author {parent} @relation(fields: [authorId], references: [id])\n{title}  status Status @default(Draft)\n  score {score}\n{likes}{pinned}{comments}\n{post_attrs}}}\n\n"
    ));
    if after("comments") && !after("drop_comments") {
        let kind = if after("kind") {
            "  kind Kind @default(Note)\n"
        } else {
            ""
        };
        out.push_str(&format!(
            "model Comment {{\n  id Int @id\n  postId Int\n  post Post @relation(fields: [postId], references: [id], onDelete: Cascade)\n  text String\n{kind}}}\n\n"
        ));
    }
    if after("pin_foreign_key") {
        out.push_str("model Pin {\n  id Int @id\n  headline String\n  post Post @relation(fields: [headline], references: [headline])\n}\n\n");
    } else if after("pins") {
        out.push_str("model Pin {\n  id Int @id\n  headline String\n}\n\n");
    }
    let title_sql = if after("headline") {
        "headline AS title"
    } else {
        "title"
    };
    let filter = if after("view_body") {
        " WHERE id > 0"
    } else {
        ""
    };
    out.push_str(&format!(
        "view PostTitle from Post {{\n  id Int @id\n  title String\n  score {score}\n\n  @@sql(\"SELECT id, {title_sql}, score FROM posts{filter}\")\n}}\n\n"
    ));
    if !after("drop_view") {
        out.push_str("view TitleCount from Post {\n  id Int @id\n\n  @@sql(\"SELECT count(*) AS id FROM post_titles\")\n}\n\n");
    }
    if after("materialized") {
        out.push_str("view TopPost from Post {\n  id Int @id\n  score String\n\n  @@server_sql(\"SELECT id, score FROM posts WHERE status = 'Published'\")\n  @@embedded_sql(\"SELECT id, score FROM posts WHERE status = 'Published'\")\n  @@materialized\n}\n");
    }
    out
}

type Rows = BTreeMap<String, BTreeMap<String, Option<String>>>;

/// Every row of every table as text, keyed by table then primary key then
/// column.
async fn dump(conn: &mut Connection, schema: &PhysicalSchema) -> BTreeMap<String, Rows> {
    let mut out = BTreeMap::new();
    for table in &schema.tables {
        let pk = table.primary_key.as_ref().unwrap().columns.join(", ");
        // MySQL casts to `CHAR`, the others to `TEXT`.
        let text = if conn.dialect() == Dialect::Mysql {
            "CHAR"
        } else {
            "TEXT"
        };
        let cols: Vec<String> = table
            .columns
            .iter()
            .map(|c| format!("CAST(\"{}\" AS {text})", c.name))
            .collect();
        let sql = format!(
            "SELECT CAST({pk} AS {text}), {} FROM \"{}\"",
            cols.join(", "),
            table.name
        );
        let mut rows = Rows::new();
        let names: Vec<String> = table.columns.iter().map(|c| c.name.clone()).collect();
        match conn {
            Connection::Postgres(client) => {
                let query = sqlx_core::query::query::<Postgres>(&sql);
                for row in Executor::fetch_all(&mut **client, query).await.unwrap() {
                    let key: String = row.try_get(0).unwrap();
                    let values = names
                        .iter()
                        .enumerate()
                        .map(|(i, n)| (n.clone(), row.try_get::<Option<String>, _>(i + 1).unwrap()))
                        .collect();
                    rows.insert(key, values);
                }
            }
            Connection::Mysql(client) => {
                let query = sqlx_core::query::query::<MySql>(&sql);
                for row in Executor::fetch_all(&mut **client, query).await.unwrap() {
                    let key: String = row.try_get_unchecked(0).unwrap();
                    let values = names
                        .iter()
                        .enumerate()
                        .map(|(i, n)| {
                            let value = row.try_get_unchecked::<Option<String>, _>(i + 1);
                            (n.clone(), value.unwrap())
                        })
                        .collect();
                    rows.insert(key, values);
                }
            }
            Connection::Sqlite(c) => {
                let mut stmt = c.prepare(&sql).unwrap();
                let mut query = stmt.query([]).unwrap();
                while let Some(row) = query.next().unwrap() {
                    let key: String = row.get(0).unwrap();
                    let values = names
                        .iter()
                        .enumerate()
                        .map(|(i, n)| (n.clone(), row.get::<_, Option<String>>(i + 1).unwrap()))
                        .collect();
                    rows.insert(key, values);
                }
            }
        }
        out.insert(table.name.clone(), rows);
    }
    out
}

async fn run_suite(dialect: Dialect, live_url: &str, spawner: &dyn Spawner, dir: &Path) {
    let schema_path = dir.join("app.cstack");
    let mut prev = PhysicalSchema::default();
    let mut steps = 0;
    let versions = versions();
    assert!(versions.len() >= 20);
    for (k, version) in versions.iter().enumerate() {
        let text = schema_text(version.body, k);
        std::fs::write(&schema_path, &text).unwrap();
        let lowered = lower(&model(&text), dialect);
        let backend = files::backend_dir(dir, dialect);
        let planned = plan_backend(&lowered, dir, dialect).unwrap();
        assert!(
            !planned.plan.is_empty(),
            "step {k} ({}) changes nothing on {dialect}\n{text}",
            version.what
        );
        let existing = files::load(&backend).unwrap();
        let id = format!("{:04}_{}", k + 1, files::slug(version.what));
        assert!(existing.iter().all(|m| m.id < id));
        let path = files::write(&backend, &id, &planned.plan, &planned.next).unwrap();
        if let Some(backfill) = version.backfill {
            assert!(planned.plan.pre.is_some() || dialect == Dialect::Sqlite);
            // The backfill is the user's SQL: MySQL spells the cast `CHAR`.
            let backfill = match dialect {
                Dialect::Mysql => backfill.replace("AS TEXT)", "AS CHAR)"),
                _ => backfill.to_string(),
            };
            std::fs::write(path.join("up.pre.sql"), backfill).unwrap();
            let migrations = files::load(&backend).unwrap();
            std::fs::write(backend.join(files::SUM_FILE), files::sum_text(&migrations)).unwrap();
        }
        let migrations = files::load(&backend).unwrap();
        let mut conn = Connection::open(live_url, Access::ReadWrite).await.unwrap();
        let before = dump(&mut conn, &prev).await;
        runner::apply(live_url, &migrations, None)
            .await
            .unwrap_or_else(|e| {
                panic!(
                    "step {k} ({}) on {dialect}: {e}\n{}",
                    version.what,
                    std::fs::read_to_string(path.join("up.sql")).unwrap()
                )
            });
        let next = planned.next.schema.clone();
        // Every surviving value is still there (through renames).
        let after = dump(&mut conn, &next).await;
        let renames = Renames::detect(&prev, &lowered.schema);
        for (table, rows) in &before {
            let new_table = renames
                .tables
                .iter()
                .find(|(from, _)| from == table)
                .map_or(table.clone(), |(_, to)| to.clone());
            let Some(now) = after.get(&new_table) else {
                continue;
            };
            for (key, values) in rows {
                let row = now.get(key).unwrap_or_else(|| {
                    panic!(
                        "step {k} ({}) on {dialect}: row {table}/{key} lost",
                        version.what
                    )
                });
                for (column, value) in values {
                    let new_column = renames
                        .columns
                        .iter()
                        .find(|(t, from, _)| *t == new_table && from == column)
                        .map_or(column.clone(), |(_, _, to)| to.clone());
                    if version
                        .changes
                        .iter()
                        .any(|(t, c)| *t == new_table && *c == new_column)
                    {
                        continue;
                    }
                    if let Some(now) = row.get(&new_column) {
                        assert_eq!(
                            now, value,
                            "step {k} ({}) on {dialect}: {table}.{column} of row {key} changed",
                            version.what
                        );
                    }
                }
            }
        }
        if planned.plan.risk() != Risk::Lossy {
            down_and_up_again(&mut conn, &path, &prev, &next, &before, &after, k, version).await;
        }
        for insert in version.inserts {
            let id = 100 + k;
            conn.batch(&insert.replace("{k}", &id.to_string()))
                .await
                .unwrap_or_else(|e| panic!("step {k} insert on {dialect}: {e}: {insert}"));
        }
        if let Connection::Postgres(client) = &mut conn
            && next.views.iter().any(|v| v.materialized)
        {
            execute_script(client, "REFRESH MATERIALIZED VIEW CONCURRENTLY top_posts")
                .await
                .unwrap();
        }
        conn.close().await;
        let report = verify(dir, dialect, spawner, Some(&lowered)).await.unwrap();
        assert!(
            report.is_clean(),
            "step {k} ({}) on {dialect}: verify: {report:#?}",
            version.what
        );
        let drifted = drift(live_url, dir, spawner).await.unwrap();
        assert!(
            drifted.is_clean() && drifted.pending.is_empty(),
            "step {k} ({}) on {dialect}: drift: {drifted:#?}",
            version.what
        );
        prev = next;
        steps += 1;
    }
    assert!(steps >= 20);
}

/// A reversible step, undone and redone on the database holding the rows
/// of the earlier steps: after `down.sql` every row of every column of the
/// earlier schema holds its value from before `up.sql` (except the columns
/// the step changes on purpose), and after `up.sql` again the rows equal
/// those after the first `up.sql`.
#[allow(clippy::too_many_arguments)]
async fn down_and_up_again(
    conn: &mut Connection,
    migration: &Path,
    prev: &PhysicalSchema,
    next: &PhysicalSchema,
    before: &BTreeMap<String, Rows>,
    after: &BTreeMap<String, Rows>,
    k: usize,
    version: &Version,
) {
    let dialect = conn.dialect();
    let read = |file: &str| std::fs::read_to_string(migration.join(file)).unwrap();
    let down = read("down.sql");
    run_steps(conn, &parse_steps(&down))
        .await
        .unwrap_or_else(|e| {
            panic!(
                "step {k} ({}) on {dialect}: down with rows present: {e}\n{down}",
                version.what
            )
        });
    let reverted = dump(conn, prev).await;
    for (table, rows) in before {
        let now = &reverted[table];
        assert_eq!(
            now.len(),
            rows.len(),
            "step {k} ({}) on {dialect}: down changed the row count of {table}",
            version.what
        );
        for (key, values) in rows {
            let row = now.get(key).unwrap_or_else(|| {
                panic!(
                    "step {k} ({}) on {dialect}: down lost row {table}/{key}",
                    version.what
                )
            });
            for (column, value) in values {
                if version
                    .changes
                    .iter()
                    .any(|(t, c)| *t == table && *c == column)
                {
                    continue;
                }
                assert_eq!(
                    row.get(column),
                    Some(value),
                    "step {k} ({}) on {dialect}: after down, {table}.{column} of row {key} changed",
                    version.what
                );
            }
        }
    }
    let up = read("up.sql");
    run_steps(conn, &parse_steps(&up))
        .await
        .unwrap_or_else(|e| {
            panic!(
                "step {k} ({}) on {dialect}: up after down: {e}\n{up}",
                version.what
            )
        });
    assert_eq!(
        &dump(conn, next).await,
        after,
        "step {k} ({}) on {dialect}: up after down changed rows",
        version.what
    );
}

/// Runs planned steps outside the migrations table (a down file has no
/// record there), with the runner's rules: one transaction per
/// transactional step and, on SQLite, no foreign key violation at commit.
async fn run_steps(conn: &mut Connection, steps: &[Step]) -> Result<(), String> {
    for step in steps {
        if !step.transactional {
            for statement in &step.statements {
                conn.batch(statement).await?;
            }
            continue;
        }
        let body = step.statements.join(";\n");
        match conn {
            Connection::Postgres(client) => {
                let mut tx = client.begin().await.map_err(pg_error)?;
                execute_script(&mut tx, &body).await?;
                tx.commit().await.map_err(|e| e.to_string())?;
            }
            Connection::Mysql(_) => {
                conn.batch(&format!("START TRANSACTION;\n{body};\nCOMMIT"))
                    .await?;
            }
            Connection::Sqlite(c) => {
                let tx = c.transaction().map_err(|e| e.to_string())?;
                tx.execute_batch(&body).map_err(|e| e.to_string())?;
                let violations: i64 = tx
                    .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
                        r.get(0)
                    })
                    .map_err(|e| e.to_string())?;
                if violations > 0 {
                    return Err(format!("{violations} rows violate foreign keys"));
                }
                tx.commit().map_err(|e| e.to_string())?;
            }
        }
    }
    Ok(())
}

#[tokio::test]
async fn twenty_versions_on_postgres_keep_every_row() {
    let live = ScratchDatabase::new("evolution");
    let dir = tempfile::tempdir().unwrap();
    let spawner = ServerSpawner {
        admin_url: SERVER_URL.into(),
    };
    run_suite(Dialect::Postgres, &live.url, &spawner, dir.path()).await;
}

#[tokio::test]
async fn twenty_versions_on_mariadb_keep_every_row() {
    let live = MysqlScratch::new("evolution");
    let dir = tempfile::tempdir().unwrap();
    let spawner = MysqlServerSpawner {
        admin_url: MYSQL_URL.into(),
    };
    run_suite(Dialect::Mysql, &live.url, &spawner, dir.path()).await;
}

#[tokio::test]
async fn twenty_versions_on_sqlite_keep_every_row() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("live.db").display());
    run_suite(Dialect::Sqlite, &url, &SqliteMemorySpawner, dir.path()).await;
}
