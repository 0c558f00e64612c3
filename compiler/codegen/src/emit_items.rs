//! Enums, `type` structs (and the auth principal), the `Db` handle and the
//! crate root.

use crate::emit_model::doc;
use crate::names::{allow_case, lit, snake_ident, type_name};
use crate::plan;
use crate::{Migration, Target};
use cstack_compiler::SchemaModel;
use cstack_compiler::generated::{self, Declared, Owner};
use cstack_compiler::model::{Enum, Record};
use cstack_compiler::syntax::ast::Arity;
use std::fmt::Write;

const RT: &str = "::cstack_runtime";
const ANY_BACKEND: &str = any_backend!();

/// A raw string literal, so embedded SQL reads as written.
fn raw_lit(text: &str) -> String {
    let mut hashes = 1;
    while text.contains(&format!("\"{}", "#".repeat(hashes))) {
        hashes += 1;
    }
    let fence = "#".repeat(hashes);
    format!("r{fence}\"{text}\"{fence}")
}

pub fn enums_file(schema: &SchemaModel) -> String {
    let mut out = String::from("//! The schema's enums, stored as their schema spelling.\n\n");
    for item in &schema.enums {
        out += &enum_item(item);
    }
    out
}

fn enum_item(item: &Enum) -> String {
    let name = type_name(&item.name);
    let (variants, verbatim) = crate::names::variant_names(&item.variants);
    let mut out = doc(item.docs.as_deref());
    out += &allow_case(&item.name);
    if verbatim && allow_case(&item.name).is_empty() {
        out += "#[allow(non_camel_case_types)]\n";
    }
    out += "#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, ::serde::Serialize, ::serde::Deserialize)]\n";
    let _ = writeln!(out, "pub enum {name} {{");
    for (variant, spelling) in variants.iter().zip(&item.variants) {
        let _ = writeln!(out, "#[serde(rename = {})]\n{variant},", lit(spelling));
    }
    let _ = writeln!(
        out,
        "}}\n\nimpl {name} {{\n/// Every variant, in schema order.\npub const ALL: &'static [Self] = &["
    );
    for variant in &variants {
        let _ = writeln!(out, "Self::{variant},");
    }
    let _ = writeln!(
        out,
        "];\n\n/// The schema's spelling, which is what is stored.\npub const fn as_str(self) -> &'static str {{\nmatch self {{"
    );
    for (variant, spelling) in variants.iter().zip(&item.variants) {
        let _ = writeln!(out, "Self::{variant} => {},", lit(spelling));
    }
    let _ = writeln!(
        out,
        "}}\n}}\n}}\n\n\
         impl ::std::fmt::Display for {name} {{\n\
         fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {{ f.write_str(self.as_str()) }}\n}}\n\n\
         impl ::std::str::FromStr for {name} {{\ntype Err = {RT}::UnknownVariant;\n\
         fn from_str(text: &str) -> Result<Self, Self::Err> {{\nmatch text {{"
    );
    for (variant, spelling) in variants.iter().zip(&item.variants) {
        let _ = writeln!(out, "{} => Ok(Self::{variant}),", lit(spelling));
    }
    let _ = writeln!(
        out,
        "_ => Err({RT}::UnknownVariant {{ enum_name: {}, text: text.to_string() }}),\n}}\n}}\n}}\n\n\
         impl {RT}::__codegen::ToValue for {name} {{\nconst KIND: {RT}::Kind = {RT}::Kind::Enum({type_name});\n\
         fn to_value(&self) -> {RT}::Value {{ {RT}::Value::Enum {{ type_name: {type_name}, variant: self.as_str() }} }}\n}}\n\n\
         impl {RT}::__codegen::FromValue for {name} {{\n\
         fn from_value(value: {RT}::Value) -> {RT}::Result<Self> {{ {RT}::__codegen::from_enum_text(value) }}\n}}\n",
        lit(&item.name),
        type_name = lit(&item.type_name),
    );
    out
}

pub fn types_file(schema: &SchemaModel) -> String {
    let mut out = String::from(
        "//! The schema's `type` structs and its auth principal. Stored as JSON when a model field holds one.\n\n",
    );
    for record in schema.types.iter().chain(schema.auth.as_ref()) {
        out += &type_item(record, schema);
    }
    out
}

fn type_item(record: &Record, _schema: &SchemaModel) -> String {
    let name = type_name(&record.name);
    let mut out = doc(record.docs.as_deref());
    out += &allow_case(&record.name);
    let _ = writeln!(
        out,
        "#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]\npub struct {name} {{"
    );
    for field in &record.fields {
        let inner = plan::rust_type(&field.storage().rust);
        // A `type` may refer to itself; the indirection keeps it finite.
        let inner = if inner == format!("crate::types::{name}") && field.arity != Arity::List {
            format!("Box<{inner}>")
        } else {
            inner
        };
        let ty = match field.arity {
            Arity::List => format!("Vec<{inner}>"),
            Arity::Optional => format!("Option<{inner}>"),
            _ => inner,
        };
        let extra = match field.arity {
            Arity::Optional => ", default, skip_serializing_if = \"Option::is_none\"",
            Arity::List => ", default",
            _ => "",
        }
        .to_string()
            + crate::wire::bytes_attributes(&plan::rust_type(&field.storage().rust), false);
        out += &doc(field.docs.as_deref());
        let _ = writeln!(
            out,
            "#[serde(rename = {}{extra})]\npub {}: {ty},",
            lit(&field.name),
            snake_ident(&field.name)
        );
    }
    let _ = writeln!(
        out,
        "}}\n\n\
         impl {RT}::__codegen::ToValue for {name} {{\nconst KIND: {RT}::Kind = {RT}::Kind::Json;\n\
         fn to_value(&self) -> {RT}::Value {{ {RT}::__codegen::json_value(self) }}\n}}\n\n\
         impl {RT}::__codegen::FromValue for {name} {{\n\
         fn from_value(value: {RT}::Value) -> {RT}::Result<Self> {{ {RT}::__codegen::from_json_value(value) }}\n}}\n"
    );
    out
}

/// Names `Db` keeps for itself; a model whose accessor would clash gets
/// `_model` appended.
const DB_METHODS: &[&str] = &[
    "connect_postgres",
    "from_pool",
    "migrate_postgres",
    "connect_mysql",
    "from_mysql_pool",
    "migrate_mysql",
    "open_sqlite",
    "open_sqlite_memory",
    "from_handle",
    "handle",
    "with_auth",
    "with_context",
    "context",
    "transaction",
    "statement_count",
    "clone",
];

pub fn accessor(name: &str) -> String {
    let snake = crate::names::snake_plain(name);
    if DB_METHODS.contains(&snake.as_str()) {
        format!("{snake}_model")
    } else {
        snake_ident(name)
    }
}

pub fn database_file(
    schema: &SchemaModel,
    models: &[plan::Model<'_>],
    target: Target,
    migrations: &[Migration],
) -> String {
    let mut out = String::from(
        "//! `Db`: the database handle, one accessor per model, transactions, and the embedded migrations.\n\n",
    );
    let consts = |backend: &str, name: &str| {
        let mut text = format!(
            "/// The {backend} migrations, applied in order (each once, recorded in `cstack_migrations`).\n\
             pub const {name}: &[{RT}::Migration] = &[\n"
        );
        for migration in migrations.iter().filter(|m| m.backend == backend) {
            let (checksum, steps) = migration.planned();
            let _ = writeln!(
                text,
                "{RT}::Migration::new({}, {}, &[",
                lit(&migration.name),
                lit(&checksum)
            );
            for (transactional, statements) in steps {
                let _ = write!(text, "{RT}::MigrationStep::new({transactional}, &[");
                for statement in statements {
                    let _ = write!(text, "{},", raw_lit(&statement));
                }
                text += "]),\n";
            }
            text += "]),\n";
        }
        text + "];\n\n"
    };
    if target.postgres() {
        out += &consts("postgres", "POSTGRES_MIGRATIONS");
    }
    if target.mysql() {
        out += &consts("mysql", "MYSQL_MIGRATIONS");
    }
    // `refresh = on_change` views are refreshed after commits that write
    // one of their sources; the runtime picks them out of the list.
    let refresh = if target.postgres() && crate::materialized::has_on_change_view(schema) {
        ".refresh_on_change(crate::MATERIALIZED_VIEWS)"
    } else {
        ""
    };
    if target.sqlite() {
        out += &consts("sqlite", "SQLITE_MIGRATIONS");
    }
    let wrapped = if refresh.is_empty() {
        "handle".to_string()
    } else {
        format!("handle: handle{refresh}")
    };
    out += "/// The database handle. Cheap to clone; clones share connections.\n#[derive(Clone)]\n";
    let _ = writeln!(
        out,
        "pub struct Db {{\nhandle: {RT}::Handle,\n}}\n\nimpl Db {{"
    );
    if target.postgres() {
        let _ = writeln!(
            out,
            "/// Connects to PostgreSQL. Apply migrations with `cstackc migrate` or [`Db::migrate_postgres`].\n\
             #[cfg(feature = \"postgres\")]\npub async fn connect_postgres(url: &str) -> {RT}::Result<Self> {{\n\
             Ok(Self {{ handle: {RT}::Handle::connect_postgres(url).await?{refresh} }})\n}}\n\n\
             /// Wraps an existing pool.\n\
             #[cfg(feature = \"postgres\")]\npub fn from_pool(pool: {RT}::sqlx_postgres::PgPool) -> Self {{ Self {{ handle: {RT}::Handle::postgres(pool){refresh} }} }}\n\n\
             /// Applies the PostgreSQL migrations not yet applied.\n\
             #[cfg(feature = \"postgres\")]\npub async fn migrate_postgres(&self) -> {RT}::Result<()> {{ self.handle.apply_migrations(POSTGRES_MIGRATIONS).await }}\n"
        );
    }
    if target.mysql() {
        let _ = writeln!(
            out,
            "/// Connects to MySQL or MariaDB (`mysql://user@host/database`). Apply migrations with `cstackc migrate` or [`Db::migrate_mysql`].\n\
             #[cfg(feature = \"mysql\")]\npub async fn connect_mysql(url: &str) -> {RT}::Result<Self> {{\n\
             Ok(Self {{ handle: {RT}::Handle::connect_mysql(url).await? }})\n}}\n\n\
             /// Wraps an existing MySQL pool (its connections must run the session setup `Handle::connect_mysql` gives them).\n\
             #[cfg(feature = \"mysql\")]\npub fn from_mysql_pool(pool: {RT}::sqlx_mysql::MySqlPool) -> Self {{ Self {{ handle: {RT}::Handle::mysql(pool) }} }}\n\n\
             /// Applies the MySQL migrations not yet applied, each DDL statement its own recorded step.\n\
             #[cfg(feature = \"mysql\")]\npub async fn migrate_mysql(&self) -> {RT}::Result<()> {{ self.handle.apply_migrations(MYSQL_MIGRATIONS).await }}\n"
        );
    }
    if target.sqlite() {
        let _ = writeln!(
            out,
            "/// Opens (creating if needed) an SQLite database file and applies the schema's migrations.\n\
             #[cfg(feature = \"sqlite\")]\npub async fn open_sqlite(path: impl AsRef<::std::path::Path>) -> {RT}::Result<Self> {{\n\
             let handle = {RT}::Handle::open_sqlite(path)?;\nhandle.apply_migrations(SQLITE_MIGRATIONS).await?;\nOk(Self {{ handle }})\n}}\n\n\
             /// A private in-memory SQLite database with the schema applied.\n\
             #[cfg(feature = \"sqlite\")]\npub async fn open_sqlite_memory() -> {RT}::Result<Self> {{\n\
             let handle = {RT}::Handle::open_sqlite_memory()?;\nhandle.apply_migrations(SQLITE_MIGRATIONS).await?;\nOk(Self {{ handle }})\n}}\n"
        );
    }
    let _ = writeln!(
        out,
        "/// Wraps a runtime handle.\npub fn from_handle(handle: {RT}::Handle) -> Self {{ Self {{ {wrapped} }} }}\n\n\
         /// The runtime handle.\npub fn handle(&self) -> &{RT}::Handle {{ &self.handle }}\n\n\
         /// How many statements this handle and its clones have sent.\n\
         pub fn statement_count(&self) -> u64 {{ self.handle.statement_count() }}\n\n\
         /// Runs `body` in a transaction: committed on `Ok`, rolled back on `Err`. `body` gets a `Db` on the transaction.\n\
         pub async fn transaction<T, F, Fut>(&self, body: F) -> {RT}::Result<T>\nwhere\nF: FnOnce(Db) -> Fut,\n\
         Fut: ::std::future::Future<Output = {RT}::Result<T>>,\n{{\n\
         self.handle.transaction(|handle| body(Db {{ handle }})).await\n}}\n\n\
         /// The same database acting in `context`: who `auth()` is and whether `isSystem()` holds, for policies and `@default(auth().x)`.\n\
         pub fn with_context(&self, context: {RT}::Context) -> Self {{ Self {{ handle: self.handle.with_context(context) }} }}\n\n\
         /// The context this handle acts in.\npub fn context(&self) -> &{RT}::Context {{ self.handle.context() }}\n"
    );
    if let Some(auth) = &schema.auth {
        let _ = writeln!(
            out,
            "/// The same database acting for `auth` (what `@default(auth().x)` reads).\n\
             pub fn with_auth(&self, auth: crate::types::{0}) -> Self {{ self.with_context({RT}::Context::authenticated(auth)) }}\n",
            type_name(&auth.name)
        );
    }
    if schema.models.iter().any(|m| m.tracking.audit) {
        let _ = writeln!(
            out,
            "/// Registers `sink`: after each commit it gets the transaction's `@@audit` records (never for a rollback).\n\
             pub fn with_audit_sink(self, sink: impl {RT}::AuditSink) -> Self {{ Self {{ handle: self.handle.with_audit_sink(sink) }} }}\n"
        );
    }
    if schema.models.iter().any(|m| m.tracking.emits()) {
        let _ = writeln!(
            out,
            "/// Delivers the `@@emit` events committed but not yet delivered (after a crash, or before anyone subscribed) \
             to the subscribers present now, oldest first; returns how many. Call it once subscribers are in place.\n\
             pub async fn deliver_pending(&self) -> {RT}::Result<u64> {{ self.handle.deliver_pending().await }}\n"
        );
    }
    if !refresh.is_empty() {
        let _ = writeln!(
            out,
            "/// How long on-change refreshes gather writes before refreshing (250 ms unless set).\n\
             pub fn set_refresh_debounce(&self, window: ::std::time::Duration) {{ self.handle.set_refresh_debounce(window) }}\n\n\
             /// How many on-change refreshes ran, and the last refresh error.\n\
             pub fn on_change_refreshes(&self) -> (u64, Option<String>) {{ self.handle.on_change_refreshes() }}\n"
        );
    }
    for model in models.iter().filter(|m| crate::emit_model::has_delegate(m)) {
        let delegate = if model.view.is_some() {
            "ViewDelegate"
        } else {
            "Delegate"
        };
        let _ = writeln!(
            out,
            "/// The `{}` delegate.\npub fn {}(&self) -> {RT}::{delegate}<'_, {}> {{ {RT}::{delegate}::new(&self.handle) }}",
            model.name,
            accessor(model.name),
            crate::names::model_path(model.name)
        );
    }
    out += &crate::materialized::db_methods(models);
    out += "}\n";
    out
}

pub fn lib_file(
    schema: &SchemaModel,
    models: &[plan::Model<'_>],
    source_name: &str,
    hash: &str,
    target: Target,
) -> String {
    let database = target != Target::NoDatabase;
    let mut out = format!(
        "//! The data layer of `{source_name}`, generated by `cstackc build`. Do not edit: rebuild from the schema.\n//!\n\
         //! Each model has a module with its struct, `Create…Input` (with a typestate builder), `Update…Input`\n\
         //! (three-state `Patch` fields) and one function per column for filters and ordering.\n\n"
    );
    // Typestate builders name long types and inputs push one column per
    // field: regular shapes that these style lints would flag on every model.
    out += "#![allow(clippy::type_complexity, clippy::vec_init_then_push)]\n\n";
    out += "pub mod enums;\npub mod types;\n";
    if !schema.procedures.is_empty() {
        out += "pub mod procedures;\n";
    }
    // Root re-exports: every declaration's own name, then the companions of
    // models whose names are free (`cstack_compiler::generated` decides,
    // and the checker warns about what a declaration hides).
    let declared: Vec<Declared<'_>> = models
        .iter()
        .map(|model| Declared {
            owner: if model.view.is_some() {
                Owner::View
            } else {
                Owner::Model
            },
            name: model.name,
            emits: model.emits() && crate::emit_model::has_delegate(model),
        })
        .chain(schema.enums.iter().map(|item| Declared {
            owner: Owner::Enum,
            name: &item.name,
            emits: false,
        }))
        .chain(schema.types.iter().map(|item| Declared {
            owner: Owner::Type,
            name: &item.name,
            emits: false,
        }))
        .chain(schema.auth.iter().map(|item| Declared {
            owner: Owner::Auth,
            name: &item.name,
            emits: false,
        }))
        .collect();
    let root = generated::root(&declared);
    let reexport = |module: &str, owners: &[&str], out: &mut String| {
        let names: Vec<String> = root
            .exports
            .iter()
            .filter(|export| owners.contains(&export.owner.as_str()) && export.module == module)
            .map(|export| type_name(&export.name))
            .collect();
        if !names.is_empty() {
            let _ = writeln!(out, "pub use {module}::{{{}}};", names.join(", "));
        }
    };
    if database {
        // The crate's `postgres` / `sqlite` / `mysql` features choose the backends.
        let _ = writeln!(out, "#[cfg({ANY_BACKEND})]\nmod database;");
        let _ = writeln!(
            out,
            "/// The HTTP service: `http::router(db, http::Options::new(auth))`.\n\
             #[cfg(all(feature = \"http\", {ANY_BACKEND}))]\npub mod http;"
        );
        let mut items = vec!["Db".to_string()];
        if target.postgres() {
            items.push("POSTGRES_MIGRATIONS".into());
        }
        if target.sqlite() {
            items.push("SQLITE_MIGRATIONS".into());
        }
        if target.mysql() {
            items.push("MYSQL_MIGRATIONS".into());
        }
        let _ = writeln!(
            out,
            "#[cfg({ANY_BACKEND})]\npub use database::{{{}}};",
            items.join(", ")
        );
    }
    for model in models {
        let module = snake_ident(model.name);
        if crate::names::snake_plain(model.name).contains("__") {
            out += "#[allow(non_snake_case)]\n";
        }
        let _ = writeln!(out, "pub mod {module};");
        reexport(&generated::module(model.name), &[model.name], &mut out);
    }
    let enums: Vec<&str> = schema.enums.iter().map(|e| e.name.as_str()).collect();
    reexport("enums", &enums, &mut out);
    let types: Vec<&str> = schema
        .types
        .iter()
        .chain(schema.auth.as_ref())
        .map(|t| t.name.as_str())
        .collect();
    reexport("types", &types, &mut out);
    out += "\n/// The runtime this crate is generated against.\npub use ::cstack_runtime as runtime;\n\n";
    let _ = writeln!(
        out,
        "/// A fingerprint of the schema text this crate was generated from.\npub const SCHEMA_HASH: &str = {};",
        lit(hash)
    );
    let _ = writeln!(
        out,
        "/// The digest of the schema contract (SHA-256 of `SCHEMA_HASH`, labelled): what a COSE envelope binds, equal for every crate built from this schema.\npub const CONTRACT_DIGEST: [u8; 32] = {RT}::__codegen::digest({});",
        lit(&contract_digest(hash))
    );
    let names = |items: Vec<&str>| items.iter().map(|n| lit(n)).collect::<Vec<_>>().join(", ");
    let _ = writeln!(
        out,
        "/// The schema's models.\npub const MODELS: &[&str] = &[{}];\n/// The schema's enums.\npub const ENUMS: &[&str] = &[{}];\n/// The schema's `type`s.\npub const TYPES: &[&str] = &[{}];\n/// The schema's procedures.\npub const PROCEDURES: &[&str] = &[{}];",
        names(schema.models.iter().map(|m| m.name.as_str()).collect()),
        names(schema.enums.iter().map(|m| m.name.as_str()).collect()),
        names(schema.types.iter().map(|m| m.name.as_str()).collect()),
        names(schema.procedures.iter().map(|p| p.name.as_str()).collect()),
    );
    out += &crate::materialized::lib_items(models);
    out
}

/// SHA-256 over a label and the schema fingerprint, in hex: the contract
/// digest both ends of a COSE envelope derive from the same schema.
fn contract_digest(fingerprint: &str) -> String {
    use sha2::Digest as _;
    let mut hasher = sha2::Sha256::new();
    hasher.update(b"cstack-contract-v1:");
    hasher.update(fingerprint.as_bytes());
    hasher
        .finalize()
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}
