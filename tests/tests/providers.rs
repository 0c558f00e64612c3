//! `provider = "mysql"`: a schema using what MySQL and MariaDB store (models,
//! relations, enums, defaults, policies, events, plain views, procedures)
//! checks clean, and what they cannot (materialized views, pgvector) is an
//! error on the offending word, which the same schema on `postgresql`
//! accepts. The fixtures under `tests/check/` pin the messages.

use cstack_compiler::{Provider, RootDatabase, SourceFile, check_file, schema_model};
use cstack_diagnostics::{Code, Diagnostic};

const MYSQL: &str = r#"datasource db {
  provider = "mysql"
  url = env("DATABASE_URL")
}

transport rpc

extension rate_limit {
}

auth Session {
  id Int
  role String
}

mixin Timestamps {
  createdAt DateTime @default(now())
  updatedAt DateTime @default(dbgenerated())
}

enum PostStatus {
  Draft
  Published
}

model Author {
  @use(Timestamps)

  id Int @id @default(autoincrement())
  email String @unique @email @length(max: 254)
  token Uuid @default(uuid())
  settings Json @default("{}")
  posts Post[] @relation(fields: [id], references: [authorId])

  @@allow("read", true)
  @@allow("update", auth().id == id)
}

model Post {
  @use(Timestamps)

  id Int @id @default(autoincrement())
  title String @length(min: 1, max: 200)
  price Decimal @range(min: 0.01, max: 999999.99)
  status PostStatus @default(Draft)
  authorId Int
  author Author @relation(fields: [authorId], references: [id], onDelete: Cascade)

  @@unique([authorId, title])
  @@index([authorId])
  @@emit(created, updated)
  @@subscribe
  @@audit
  @@allow("read", status == Published || auth().id == authorId)
  @@deny("delete", status == Published && !hasRole('admin'))
}

view PublishedPost from Post {
  id Int @id @from(Post.id)
  title String @from(Post.title)

  @@server_sql("""
    SELECT id, title FROM posts WHERE status = 'Published'
  """)
  @@allow("read", true)
}

view PostCount from Post, Author {
  authorId Int
  posts Int

  @@sql("SELECT author_id AS author_id, COUNT(*) AS posts FROM posts GROUP BY author_id")
  @@no_unique
}

procedure byAuthor(authorId: Int): Post[]
  @allow(authorId == auth().id)
"#;

/// The diagnostics of `text`, and the provider of its model when it has
/// no errors.
fn check(text: &str) -> (Vec<Diagnostic>, Option<Provider>) {
    let db = RootDatabase::default();
    let file = SourceFile::new(&db, "providers.cstack".to_string(), text.to_string());
    let diagnostics = check_file(&db, file).diagnostics.clone();
    let provider = schema_model(&db, file)
        .as_ref()
        .ok()
        .and_then(|model| model.provider);
    (diagnostics, provider)
}

fn describe(diagnostics: &[Diagnostic]) -> String {
    diagnostics
        .iter()
        .map(|d| format!("{}: {}", d.code.as_str(), d.message))
        .collect::<Vec<_>>()
        .join("\n")
}

/// `MYSQL` with the first `from` replaced by `to`.
fn edited(from: &str, to: &str) -> String {
    assert!(MYSQL.contains(from), "`{from}` is not in the schema");
    MYSQL.replacen(from, to, 1)
}

#[test]
fn a_mysql_schema_checks_clean_and_its_model_says_mysql() {
    let (diagnostics, provider) = check(MYSQL);
    assert!(diagnostics.is_empty(), "{}", describe(&diagnostics));
    assert_eq!(provider, Some(Provider::Mysql));
}

/// Each case adds what MySQL lacks: exactly one error, with `code`, on the
/// word `primary`, with a label and help naming the `postgresql` provider;
/// on `postgresql` the same text checks clean.
#[test]
fn what_mysql_lacks_is_an_error_on_the_offending_word() {
    let cases = [
        (
            edited(
                "  @@allow(\"read\", true)\n}\n\nview PostCount",
                "  @@allow(\"read\", true)\n  @@materialized\n}\n\nview PostCount",
            ),
            Code::MaterializedOnMysql,
            "@@materialized",
            "view `PublishedPost`",
        ),
        (
            edited("extension rate_limit {\n}", "extension pgvector {\n}"),
            Code::PgvectorOnMysql,
            "pgvector",
            "`extension pgvector`",
        ),
    ];
    for (text, code, primary, names) in cases {
        let (diagnostics, _) = check(&text);
        let [diagnostic] = diagnostics.as_slice() else {
            panic!("expected one {code:?}:\n{}", describe(&diagnostics));
        };
        assert_eq!(diagnostic.code, code);
        assert_eq!(&text[diagnostic.primary.range.to_range()], primary);
        assert!(diagnostic.message.contains(names), "{}", diagnostic.message);
        assert!(
            diagnostic.message.contains("`mysql`"),
            "{}",
            diagnostic.message
        );
        assert_eq!(diagnostic.primary.message, "not available on MySQL");
        assert!(
            diagnostic
                .help
                .as_deref()
                .is_some_and(|help| help.contains("`postgresql` provider")),
            "{:?}",
            diagnostic.help
        );
        let on_postgresql = text.replacen("\"mysql\"", "\"postgresql\"", 1);
        let (diagnostics, provider) = check(&on_postgresql);
        assert!(diagnostics.is_empty(), "{}", describe(&diagnostics));
        assert_eq!(provider, Some(Provider::Postgresql));
    }
}

/// Without the extension a `Vector(n)` field is E2005 on every provider;
/// on MySQL the help does not suggest the extension MySQL refuses.
#[test]
fn a_vector_field_on_mysql_points_at_postgresql() {
    let text = edited(
        "  title String @length",
        "  embedding Vector(3)\n  title String @length",
    );
    let (diagnostics, _) = check(&text);
    let [diagnostic] = diagnostics.as_slice() else {
        panic!("expected one E2005:\n{}", describe(&diagnostics));
    };
    assert_eq!(diagnostic.code, Code::VectorWithoutExtension);
    assert_eq!(&text[diagnostic.primary.range.to_range()], "Vector");
    let help = diagnostic.help.as_deref().unwrap_or_default();
    assert!(
        help.contains("datasource is `mysql`") && help.contains("`postgresql` provider"),
        "{help}"
    );
}

/// InnoDB refuses `SET DEFAULT` actions: on MySQL they are an error on the
/// action, which `postgresql` accepts.
#[test]
fn set_default_actions_are_refused_on_mysql() {
    let text = edited(
        "  authorId Int\n  author Author @relation(fields: [authorId], references: [id], onDelete: Cascade)",
        "  authorId Int @default(1)\n  author Author @relation(fields: [authorId], references: [id], onDelete: SetDefault)",
    );
    let (diagnostics, _) = check(&text);
    let [diagnostic] = diagnostics.as_slice() else {
        panic!("expected one error:\n{}", describe(&diagnostics));
    };
    assert_eq!(diagnostic.code, Code::InvalidReferentialAction);
    assert!(
        text[diagnostic.primary.range.to_range()].contains("SetDefault"),
        "{}",
        &text[diagnostic.primary.range.to_range()]
    );
    assert!(
        diagnostic.message.contains("MySQL"),
        "{}",
        diagnostic.message
    );
    let on_postgresql = text.replacen("\"mysql\"", "\"postgresql\"", 1);
    let (diagnostics, _) = check(&on_postgresql);
    assert!(diagnostics.is_empty(), "{}", describe(&diagnostics));
}
