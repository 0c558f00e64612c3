//! `cstackc build`: the generated Rust data layer of a schema.
//!
//! [`generated_crate`] is a salsa query on the compiler's database: from a
//! [`SourceFile`] and a [`BuildRequest`] it produces the whole crate as data
//! ([`GeneratedFile`]s: relative path and contents). It does no I/O; the
//! command line reads the migrations folder into the request and writes the
//! files. The generated code holds the schema-specific types and
//! descriptors; the generic machinery is the `cstack-runtime` crate.

/// The `cfg` predicate of a generated item that needs a database: any of
/// the crate's backend features (a literal, for `concat!`).
macro_rules! any_backend {
    () => {
        "any(feature = \"postgres\", feature = \"sqlite\", feature = \"mysql\")"
    };
}

mod emit_items;
mod emit_model;
mod format;
mod http;
mod materialized;
mod names;
mod plan;
mod policy;
mod procedure;
mod wire;

use cstack_compiler::{Db, Provider, SchemaModel, SourceFile, schema_model};
use std::sync::Arc;

/// Which backends the generated crate supports.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Target {
    /// PostgreSQL (sqlx).
    Server,
    /// SQLite (rusqlite).
    Embedded,
    /// PostgreSQL and SQLite.
    Both,
    /// MySQL or MariaDB (sqlx).
    Mysql,
    /// PostgreSQL, SQLite and MySQL.
    All,
    /// No database: types, enums and validators only.
    NoDatabase,
}

impl Target {
    /// The default for a datasource provider.
    pub fn for_provider(provider: Option<Provider>) -> Target {
        match provider {
            Some(Provider::Postgresql) => Target::Server,
            Some(Provider::Sqlite) => Target::Embedded,
            Some(Provider::Mysql) => Target::Mysql,
            Some(Provider::None) | None => Target::NoDatabase,
        }
    }

    pub fn postgres(self) -> bool {
        matches!(self, Target::Server | Target::Both | Target::All)
    }

    pub fn sqlite(self) -> bool {
        matches!(self, Target::Embedded | Target::Both | Target::All)
    }

    pub fn mysql(self) -> bool {
        matches!(self, Target::Mysql | Target::All)
    }

    /// Whether the crate runs on `dialect`'s backend.
    pub fn includes(self, dialect: cstack_migrate::Dialect) -> bool {
        match dialect {
            cstack_migrate::Dialect::Postgres => self.postgres(),
            cstack_migrate::Dialect::Sqlite => self.sqlite(),
            cstack_migrate::Dialect::Mysql => self.mysql(),
        }
    }

    /// The generated crate's default features. Embedded builds leave CBOR
    /// and the HTTP service out (enable `cbor` or `http` to get them):
    /// every dependency counts on a device, and a device links no network
    /// stack unless asked.
    fn default_features(self) -> &'static str {
        match self {
            Target::Server => r#"["postgres", "json", "cbor", "http"]"#,
            Target::Embedded => r#"["sqlite", "json"]"#,
            Target::Both => r#"["postgres", "sqlite", "json", "cbor", "http"]"#,
            Target::Mysql => r#"["mysql", "json", "cbor", "http"]"#,
            Target::All => r#"["postgres", "sqlite", "mysql", "json", "cbor", "http"]"#,
            Target::NoDatabase => r#"["json"]"#,
        }
    }
}

/// How the generated `Cargo.toml` names the runtime.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum RuntimeDependency {
    /// `cstack-runtime = "<version>"` from the registry.
    Version(String),
    /// A path dependency (written as given, relative to the crate).
    Path(String),
}

/// One migration embedded into the crate.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Migration {
    /// `postgres`, `sqlite` or `mysql`.
    pub backend: String,
    /// The folder name, `<timestamp>_<slug>`.
    pub name: String,
    /// `up.sql`.
    pub sql: String,
    /// `up.pre.sql` and `down.sql`, which the checksum covers.
    pub pre: Option<String>,
    pub down: Option<String>,
}

impl Migration {
    /// What `cstack-migrate` records for it: the checksum and the steps.
    pub(crate) fn planned(&self) -> (String, Vec<(bool, Vec<String>)>) {
        let migration = cstack_migrate::files::Migration {
            id: self.name.clone(),
            up: self.sql.clone(),
            down: self.down.clone(),
            pre: self.pre.clone(),
        };
        let steps = cstack_migrate::files::migration_steps(&migration)
            .into_iter()
            .map(|step| (step.transactional, step.statements))
            .collect();
        (migration.checksum(), steps)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct BuildOptions {
    pub crate_name: String,
    pub target: Target,
    pub runtime: RuntimeDependency,
    /// From the schema's migrations folder. When there are none for a
    /// backend, the initial DDL is embedded instead.
    pub migrations: Vec<Migration>,
    /// The schema's file name, for doc comments.
    pub source_name: String,
}

/// The options of one build, as a salsa input.
#[salsa::input]
pub struct BuildRequest {
    #[returns(ref)]
    pub options: BuildOptions,
}

/// One file of the generated crate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GeneratedFile {
    /// Relative to the crate root, with `/` separators.
    pub path: String,
    pub contents: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GeneratedCrate {
    pub files: Vec<GeneratedFile>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BuildError {
    /// The schema has errors; `check_file` has them.
    SchemaErrors,
    /// The generator produced text that is not Rust: a bug in the generator.
    Internal(String),
    /// The schema uses what only PostgreSQL has, and the target includes
    /// the embedded (SQLite) backend; each entry says what.
    ServerOnly(Vec<String>),
    /// The schema uses what MySQL cannot do, and the target includes it;
    /// each entry says what.
    NotOnMysql(Vec<String>),
}

impl std::fmt::Display for BuildError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BuildError::SchemaErrors => f.write_str("the schema has errors"),
            BuildError::Internal(message) => write!(f, "internal code generation error: {message}"),
            BuildError::ServerOnly(reasons) => write!(
                f,
                "the schema cannot be built for the embedded (SQLite) target: {}",
                reasons.join("; ")
            ),
            BuildError::NotOnMysql(reasons) => write!(
                f,
                "the schema cannot be built for the MySQL target: {}",
                reasons.join("; ")
            ),
        }
    }
}

/// The generated crate for `file` built with `request`.
#[salsa::tracked(returns(ref))]
pub fn generated_crate(
    db: &dyn Db,
    file: SourceFile,
    request: BuildRequest,
) -> Result<Arc<GeneratedCrate>, BuildError> {
    let schema = schema_model(db, file)
        .as_ref()
        .map_err(|_| BuildError::SchemaErrors)?;
    let options = request.options(db);
    if options.target.sqlite() {
        let blockers = schema.embedded_blockers();
        if !blockers.is_empty() {
            return Err(BuildError::ServerOnly(blockers));
        }
    }
    if options.target.mysql() {
        let blockers = schema.mysql_blockers();
        if !blockers.is_empty() {
            return Err(BuildError::NotOnMysql(blockers));
        }
    }
    // The fingerprint is of the model, not the text: a comment edit leaves
    // the model, and so this query's result, unchanged.
    render(schema, options, &schema.fingerprint()).map(Arc::new)
}

fn render(
    schema: &SchemaModel,
    options: &BuildOptions,
    hash: &str,
) -> Result<GeneratedCrate, BuildError> {
    let mut models: Vec<plan::Model<'_>> = schema
        .models
        .iter()
        .map(|m| plan::model(m, schema))
        .collect();
    // Views get a read-only struct (and, with a key, a read-only delegate).
    models.extend(schema.views.iter().map(|v| plan::view(v, schema)));
    let linkable = |name: &str| {
        models
            .iter()
            .any(|m| m.name == name && emit_model::has_delegate(m))
    };
    let target = options.target;
    let database = target != Target::NoDatabase;
    let mut migrations = options.migrations.clone();
    for dialect in cstack_migrate::Dialect::ALL {
        let backend = dialect.name();
        if target.includes(dialect) && !migrations.iter().any(|m| m.backend == backend) {
            migrations.push(Migration {
                backend: backend.to_string(),
                name: "00000000000000_initial".to_string(),
                sql: cstack_migrate::initial_ddl(schema, dialect),
                pre: None,
                down: None,
            });
        }
    }
    let mut files = vec![GeneratedFile {
        path: "Cargo.toml".to_string(),
        contents: cargo_toml(options),
    }];
    let mut sources: Vec<(String, String)> = vec![
        (
            "src/lib.rs".into(),
            emit_items::lib_file(schema, &models, &options.source_name, hash, target),
        ),
        ("src/enums.rs".into(), emit_items::enums_file(schema)),
        (
            "src/types.rs".into(),
            emit_items::types_file(schema) + &policy::principal_impl(schema),
        ),
    ];
    if !schema.procedures.is_empty() {
        sources.push((
            "src/procedures.rs".into(),
            procedure::procedures_file(schema, target),
        ));
    }
    if database {
        sources.push(("src/http.rs".into(), http::http_file(schema, &models)));
        sources.push((
            "src/database.rs".into(),
            emit_items::database_file(schema, &models, target, &migrations),
        ));
    }
    let auth = schema.auth.as_ref().map(|a| names::type_name(&a.name));
    for model in &models {
        sources.push((
            format!("src/{}.rs", names::snake_plain(model.name)),
            emit_model::model_file(
                model,
                auth.as_deref(),
                &linkable,
                // SQLite and MySQL rows read straight into the struct.
                target.sqlite() || target.mysql(),
                &policy::policies_const(model, schema),
            ) + &materialized::view_items(model)
                + &http::resource_impl(model, &models, &linkable),
        ));
    }
    files.extend(format::all(sources).map_err(BuildError::Internal)?);
    Ok(GeneratedCrate { files })
}

fn cargo_toml(options: &BuildOptions) -> String {
    let runtime = match &options.runtime {
        RuntimeDependency::Version(version) => format!("version = \"{version}\""),
        RuntimeDependency::Path(path) => format!(
            "version = \"{}\", path = {}",
            env!("CARGO_PKG_VERSION"),
            toml_string(path)
        ),
    };
    format!(
        "# Generated by `cstackc build` from {}. Do not edit: rebuild from the schema.\n\
         [package]\n\
         name = {}\n\
         version = \"0.1.0\"\n\
         edition = \"2024\"\n\
         publish = false\n\n\
         [features]\n\
         default = {}\n\
         # The backends (`Db::connect_postgres`, `Db::open_sqlite`, `Db::connect_mysql`) and the wire codecs.\n\
         postgres = [\"cstack-runtime/postgres\"]\n\
         sqlite = [\"cstack-runtime/sqlite\"]\n\
         mysql = [\"cstack-runtime/mysql\"]\n\
         json = [\"cstack-runtime/json\"]\n\
         cbor = [\"cstack-runtime/cbor\"]\n\
         # The HTTP service (`http::router`), and Redis stores for its rate limiting and idempotency.\n\
         http = [\"cstack-runtime/http\"]\n\
         redis = [\"http\", \"cstack-runtime/redis\"]\n\
         # The COSE envelope of the HTTP service (`http::cose`): signed and MACed bodies.\n\
         cose = [\"http\", \"cstack-runtime/cose\"]\n\n\
         [dependencies]\n\
         cstack-runtime = {{ {runtime}, default-features = false }}\n\
         serde = {{ version = \"1\", features = [\"derive\"] }}\n",
        options.source_name,
        toml_string(&options.crate_name),
        options.target.default_features()
    )
}

fn toml_string(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

/// The version of the runtime a registry dependency names: this compiler's.
pub const RUNTIME_VERSION: &str = env!("CARGO_PKG_VERSION");
