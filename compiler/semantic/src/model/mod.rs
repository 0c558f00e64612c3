//! The schema model: what a schema without errors declares, resolved and
//! typed. Code generation, migrations, the editor and the command line read
//! it, and nothing else: every attribute was read once, by the check that
//! validated it (see `crate::validate`), into the facts kept here.
//!
//! It holds no source positions, so reformatting a schema or editing a
//! comment leaves it equal, and queries that read it are not re-run.
//! Items are shared (`Arc`) with the per-declaration checks they come from.

mod policy;
mod procedures;
mod records;

pub use policy::{Actions, CmpOp, Condition, Operand, Policy, Quantifier};
pub use procedures::{Authorize, Isolation, Parameter, Procedure, Returns, Rule};
pub use records::{
    Default, Enum, EventOperation, Exposure, Field, Index, Literal, Model, Record,
    ReferentialAction, Refresh, Relation, Tracking, Type, Validator, View,
};

use crate::validate::{Item, validate_decl};
use crate::{Db, Provider, SourceFile, Transport, check_file, item_tree, settings};
use std::hash::{Hash, Hasher};
use std::sync::Arc;

/// A token proving that errors were reported: the schema has no model.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ErrorsReported(());

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct SchemaModel {
    /// `None` without a datasource.
    pub provider: Option<Provider>,
    pub transport: Transport,
    /// `extension pgvector`.
    pub pgvector: bool,
    /// `extension rate_limit`.
    pub rate_limit: bool,
    pub auth: Option<Arc<Record>>,
    pub models: Vec<Arc<Model>>,
    pub types: Vec<Arc<Record>>,
    pub views: Vec<Arc<View>>,
    pub enums: Vec<Arc<Enum>>,
    pub procedures: Vec<Arc<Procedure>>,
}

impl SchemaModel {
    pub fn model(&self, name: &str) -> Option<&Model> {
        self.models
            .iter()
            .find(|model| model.name == name)
            .map(|m| &**m)
    }

    pub fn view(&self, name: &str) -> Option<&View> {
        self.views
            .iter()
            .find(|view| view.name == name)
            .map(|v| &**v)
    }

    pub fn enumeration(&self, name: &str) -> Option<&Enum> {
        self.enums
            .iter()
            .find(|item| item.name == name)
            .map(|e| &**e)
    }

    /// A `type` (or the auth block) by name.
    pub fn record(&self, name: &str) -> Option<&Record> {
        self.types
            .iter()
            .chain(&self.auth)
            .find(|record| record.name == name)
            .map(|r| &**r)
    }

    /// The local and referenced fields of `relation` of `model`, resolved
    /// to fields of both models.
    pub fn relation_ends<'a>(
        &'a self,
        model: &'a Model,
        relation: &Relation,
    ) -> Option<(&'a Field, &'a Field)> {
        let local = model.field(relation.fields.first()?)?;
        let remote = self
            .model(&relation.target)?
            .field(relation.references.first()?)?;
        Some((local, remote))
    }

    /// Why the schema cannot be built for an embedded (SQLite) target, if
    /// it cannot: what only PostgreSQL stores or computes.
    pub fn embedded_blockers(&self) -> Vec<String> {
        let mut out = Vec::new();
        if self.pgvector {
            out.push(
                "`extension pgvector` is server-only: the embedded (SQLite) target cannot store vectors"
                    .to_string(),
            );
        }
        for view in self.views.iter().filter(|view| view.materialized.is_some()) {
            out.push(format!(
                "view `{}` is @@materialized, which the embedded (SQLite) target cannot build",
                view.name
            ));
        }
        for model in &self.models {
            for field in &model.fields {
                if matches!(field.ty, Type::Vector(_)) {
                    out.push(format!(
                        "field `{}.{}` is a pgvector `Vector`, which the embedded (SQLite) target cannot store",
                        model.name, field.name
                    ));
                }
            }
        }
        out
    }

    /// Why the schema cannot be built for a MySQL target, if it cannot:
    /// what the checker refuses under `provider = "mysql"` (E6009, E8007,
    /// E2006, E4005), for a schema written for another provider.
    pub fn mysql_blockers(&self) -> Vec<String> {
        let mut out = Vec::new();
        if self.pgvector {
            out.push(
                "`extension pgvector` is PostgreSQL-only: MySQL cannot store vectors".to_string(),
            );
        }
        for view in self.views.iter().filter(|view| view.materialized.is_some()) {
            out.push(format!(
                "view `{}` is @@materialized, and MySQL has no materialized views",
                view.name
            ));
        }
        for model in &self.models {
            let keyed = std::iter::once(&model.primary_key)
                .chain(&model.uniques)
                .chain(model.indexes.iter().map(|index| &index.fields))
                .flatten();
            let mut reported: Vec<&str> = Vec::new();
            for name in keyed {
                let Some(field) = model.field(name) else {
                    continue;
                };
                if !field.storage().kind.mysql_indexable() && !reported.contains(&name.as_str()) {
                    reported.push(name);
                    out.push(format!(
                        "field `{}.{name}` is in a key or index, and MySQL cannot index its type",
                        model.name
                    ));
                }
            }
            for relation in &model.relations {
                let actions = [relation.on_delete, relation.on_update];
                if actions.contains(&Some(records::ReferentialAction::SetDefault)) {
                    out.push(format!(
                        "relation `{}.{}` uses SetDefault, which InnoDB refuses",
                        model.name, relation.name
                    ));
                }
            }
        }
        out
    }

    /// A stable fingerprint of the model: equal for equal models, whatever
    /// the formatting or comments of the text they came from.
    pub fn fingerprint(&self) -> String {
        let mut hasher = Fnv1a::default();
        self.hash(&mut hasher);
        format!("{:016x}", hasher.finish())
    }
}

/// FNV-1a: stable across runs and platforms, unlike the standard hasher.
struct Fnv1a(u64);

impl std::default::Default for Fnv1a {
    fn default() -> Self {
        Fnv1a(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for Fnv1a {
    fn write(&mut self, bytes: &[u8]) {
        for byte in bytes {
            self.0 ^= u64::from(*byte);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// The model of `file`, or [`ErrorsReported`] when `check_file` found errors.
#[salsa::tracked(returns(ref))]
pub fn schema_model(db: &dyn Db, file: SourceFile) -> Result<Arc<SchemaModel>, ErrorsReported> {
    if check_file(db, file).has_errors() {
        return Err(ErrorsReported(()));
    }
    let settings = settings(db, file);
    let mut model = SchemaModel {
        provider: settings.provider,
        transport: settings.transport,
        pgvector: settings.pgvector,
        rate_limit: settings.rate_limit,
        auth: None,
        models: Vec::new(),
        types: Vec::new(),
        views: Vec::new(),
        enums: Vec::new(),
        procedures: Vec::new(),
    };
    for decl in &item_tree(db, file).decls {
        match &validate_decl(db, *decl).item {
            Some(Item::Model(item)) => model.models.push(item.clone()),
            Some(Item::View(item)) => model.views.push(item.clone()),
            Some(Item::Type(item)) => model.types.push(item.clone()),
            Some(Item::Auth(item)) => {
                model.auth.get_or_insert_with(|| item.clone());
            }
            Some(Item::Enum(item)) => model.enums.push(item.clone()),
            Some(Item::Procedure(item)) => model.procedures.push(item.clone()),
            None => {}
        }
    }
    Ok(Arc::new(model))
}
