//! The `generated_crate` query on small schemas: which files, which
//! dependency features, what a schema with errors gives, and a few shapes of
//! the generated code that the compile tests cannot see (exact decimal
//! bounds, excluded fields).

use cstack_codegen::{
    BuildError, BuildOptions, BuildRequest, GeneratedCrate, RuntimeDependency, Target,
    generated_crate,
};
use cstack_compiler::{RootDatabase, SourceFile};

fn generate(text: &str, target: Target) -> Result<GeneratedCrate, BuildError> {
    let db = RootDatabase::default();
    let file = SourceFile::new(&db, "test.cstack".into(), text.into());
    let request = BuildRequest::new(
        &db,
        BuildOptions {
            crate_name: "test-data".into(),
            target,
            runtime: RuntimeDependency::Path("../runtime".into()),
            migrations: Vec::new(),
            source_name: "test.cstack".into(),
        },
    );
    generated_crate(&db, file, request)
        .as_ref()
        .map(|c| (**c).clone())
        .map_err(Clone::clone)
}

fn file<'a>(generated: &'a GeneratedCrate, path: &str) -> &'a str {
    &generated
        .files
        .iter()
        .find(|f| f.path == path)
        .unwrap_or_else(|| panic!("no {path}"))
        .contents
}

const SHOP: &str = r#"
datasource db {
  provider = "sqlite"
}

enum Size {
  small
  LARGE
}

model Product {
  id Int @id @default(autoincrement())
  name String @length(min: 1, max: 80)
  price Decimal @range(min: 0.01, max: 999999.99)
  size Size @default(small)
  internal String @server_only
  version Int @version
}
"#;

#[test]
fn a_schema_with_errors_builds_nothing() {
    let outcome = generate(
        "model A {\n  id Int @id\n  b Missing\n}\n",
        Target::Embedded,
    );
    assert_eq!(outcome, Err(BuildError::SchemaErrors));
}

#[test]
fn an_embedded_crate_has_its_files_and_features() {
    let generated = generate(SHOP, Target::Embedded).unwrap();
    let paths: Vec<&str> = generated.files.iter().map(|f| f.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "Cargo.toml",
            "src/lib.rs",
            "src/enums.rs",
            "src/types.rs",
            "src/http.rs",
            "src/database.rs",
            "src/product.rs"
        ]
    );
    let manifest = file(&generated, "Cargo.toml");
    assert!(manifest.contains(r#"path = "../runtime""#));
    assert!(
        manifest.contains(r#"default = ["sqlite", "json"]"#),
        "{manifest}"
    );
    assert!(manifest.contains(r#"redis = ["http", "cstack-runtime/redis"]"#));
    for feature in ["postgres", "sqlite", "json", "cbor", "http"] {
        assert!(
            manifest.contains(&format!("{feature} = [\"cstack-runtime/{feature}\"]")),
            "{manifest}"
        );
    }
    assert!(
        manifest.contains("default-features = false }"),
        "{manifest}"
    );
    let database = file(&generated, "src/database.rs");
    assert!(database.contains("open_sqlite") && !database.contains("connect_postgres"));
    assert!(
        database.contains("CREATE TABLE"),
        "the initial DDL is embedded"
    );
}

#[test]
fn decimal_bounds_are_exact_constants() {
    let generated = generate(SHOP, Target::Embedded).unwrap();
    let product: String = file(&generated, "src/product.rs")
        .split_whitespace()
        .collect();
    // 0.01 = 1 × 10⁻² and 999999.99 = 99999999 × 10⁻², never floats.
    assert!(
        product.contains("Decimal::from_parts(1,0,0,false,2"),
        "{product}"
    );
    assert!(product.contains("Decimal::from_parts(99999999,0,0,false,2"));
}

#[test]
fn inputs_leave_out_what_the_caller_must_not_set() {
    let generated = generate(SHOP, Target::Embedded).unwrap();
    let product = file(&generated, "src/product.rs");
    let create = product
        .split("pub struct CreateProductInput")
        .nth(1)
        .unwrap();
    let create = &create[..create.find('}').unwrap()];
    assert!(
        !create.contains("version"),
        "@version is the runtime's: {create}"
    );
    assert!(
        create.contains("pub id: Option<i64>"),
        "autoincrement keys are optional"
    );
    let update = product
        .split("pub struct UpdateProductInput")
        .nth(1)
        .unwrap();
    let update = &update[..update.find('}').unwrap()];
    assert!(!update.contains("pub id"), "the key is not updatable");
    assert!(update.contains("Patch<String>"));
    assert!(
        product.contains("skip_serializing"),
        "@server_only is not serialised"
    );
    let enums = file(&generated, "src/enums.rs");
    assert!(enums.contains("Small") && enums.contains("#[serde(rename = \"small\")]"));
    assert!(enums.contains("Large") && enums.contains("\"LARGE\""));
}

#[test]
fn a_schema_without_a_database_gets_types_only() {
    let text = "datasource db {\n  provider = \"none\"\n}\n\ntype Point {\n  x Int\n  y Int\n}\n\n\
                procedure nearest(at: Point, limit: Int?): Point[]\n";
    let generated = generate(
        text,
        Target::for_provider(Some(cstack_compiler::Provider::None)),
    )
    .unwrap();
    assert!(generated.files.iter().all(|f| f.path != "src/database.rs"));
    assert!(file(&generated, "Cargo.toml").contains(r#"default = ["json"]"#));
    assert!(file(&generated, "src/types.rs").contains("pub struct Point"));
    let procedures: String = file(&generated, "src/procedures.rs")
        .split_whitespace()
        .collect();
    assert!(procedures.contains("pubstructNearestArgs{"), "{procedures}");
    assert!(procedures.contains("pubat:crate::types::Point"));
    assert!(procedures.contains("publimit:Option<i64>"));
    assert!(procedures.contains("pubtypeNearestOutput=Vec<crate::types::Point>;"));
}

#[test]
fn policies_become_descriptors_and_what_the_runtime_cannot_evaluate_is_a_check_error() {
    let schema = |condition: &str| {
        format!(
            "datasource db {{\n  provider = \"sqlite\"\n}}\n\nauth User {{\n  id Int\n}}\n\n\
             model Note {{\n  id Int @id\n  ownerId Int\n  editorId Int\n\n  @@allow(\"read, update\", {condition})\n}}\n"
        )
    };
    let generated = generate(&schema("ownerId == auth().id"), Target::Embedded).unwrap();
    let note = file(&generated, "src/note.rs");
    assert!(note.contains("const POLICIES"), "{note}");
    let compact: String = note.split_whitespace().collect();
    assert!(
        compact.contains("action::READ|::cstack_runtime::__codegen::action::UPDATE"),
        "{note}"
    );
    assert!(file(&generated, "src/types.rs").contains("impl ::cstack_runtime::Principal for User"));

    // Two fields of one row: the checker refuses it, so the build never sees it.
    let text = schema("ownerId == editorId");
    assert_eq!(
        generate(&text, Target::Embedded),
        Err(BuildError::SchemaErrors)
    );
    let db = RootDatabase::default();
    let file = SourceFile::new(&db, "test.cstack".into(), text);
    let diagnostics = &cstack_compiler::check_file(&db, file).diagnostics;
    assert!(
        diagnostics
            .iter()
            .any(|d| d.code.as_str() == "E5004" && d.message.contains("two fields")),
        "{diagnostics:?}"
    );
}

#[test]
fn what_only_postgresql_has_refuses_an_embedded_target() {
    let text = "extension pgvector {\n}\n";
    let outcome = generate(text, Target::Embedded);
    let Err(BuildError::ServerOnly(reasons)) = outcome else {
        panic!("{outcome:?}")
    };
    assert!(reasons[0].contains("pgvector"), "{reasons:?}");
    assert!(generate(text, Target::Server).is_ok());
    assert!(matches!(
        generate(text, Target::Both),
        Err(BuildError::ServerOnly(_))
    ));
}

#[test]
fn what_mysql_cannot_do_refuses_a_mysql_target() {
    let text = "datasource db {\n  provider = \"postgresql\"\n}\n\n\
        model Author {\n  id Int @id\n}\n\n\
        model Post {\n  id Int @id\n  meta Json @unique\n  authorId Int @default(0)\n  \
        author Author @relation(fields: [authorId], references: [id], onDelete: SetDefault)\n}\n\n\
        view Totals from Post {\n  authorId Int @id @from(Post.authorId)\n  \
        @@server_sql(\"SELECT DISTINCT author_id FROM posts\")\n  @@materialized\n}\n";
    assert!(generate(text, Target::Server).is_ok());
    let outcome = generate(text, Target::Mysql);
    let Err(BuildError::NotOnMysql(reasons)) = outcome else {
        panic!("{outcome:?}")
    };
    for expected in ["Totals", "Post.meta", "Post.author"] {
        assert!(
            reasons.iter().any(|r| r.contains(expected)),
            "{expected}: {reasons:?}"
        );
    }
    assert!(generate(text, Target::All).is_err());
    let plain = "datasource db {\n  provider = \"mysql\"\n}\n\nmodel Note {\n  id Int @id\n}\n";
    let generated = generate(
        plain,
        Target::for_provider(Some(cstack_compiler::Provider::Mysql)),
    )
    .expect("a mysql crate");
    let database = generated
        .files
        .iter()
        .find(|f| f.path == "src/database.rs")
        .expect("database.rs");
    assert!(database.contents.contains("MYSQL_MIGRATIONS"));
    assert!(database.contents.contains("ENGINE = InnoDB"));
}
