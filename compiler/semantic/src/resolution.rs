//! Name resolution: what each top-level name refers to.
//!
//! Built from declaration kinds and names only, so it is recomputed on every
//! edit but compares equal (and stops invalidation) unless a name changed.

use crate::{Db, Scalar, SourceFile, item_tree};
use cstack_syntax::ast::DeclKind;
use rustc_hash::FxHashMap;

/// What a type name refers to. Indices are positions in the item tree.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Resolved {
    Builtin(Scalar),
    Model(usize),
    Type(usize),
    Enum(usize),
    Mixin(usize),
    Auth(usize),
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Scope {
    /// The type namespace: models, types, enums, mixins and auth blocks. The
    /// first declaration of a name wins; duplicates are reported separately.
    types: FxHashMap<String, Resolved>,
    pub views: FxHashMap<String, usize>,
    pub procedures: FxHashMap<String, usize>,
    /// The first `datasource` and `auth` declarations.
    pub datasource: Option<usize>,
    pub auth: Option<usize>,
}

impl Scope {
    pub fn resolve_type(&self, name: &str) -> Option<Resolved> {
        Scalar::from_name(name)
            .map(Resolved::Builtin)
            .or_else(|| self.types.get(name).copied())
    }

    pub fn model(&self, name: &str) -> Option<usize> {
        match self.types.get(name) {
            Some(Resolved::Model(index)) => Some(*index),
            _ => None,
        }
    }

    pub fn type_names(&self) -> impl Iterator<Item = &str> {
        self.types
            .keys()
            .map(String::as_str)
            .chain(Scalar::ALL.iter().map(|scalar| scalar.name()))
    }
}

#[salsa::tracked(returns(ref))]
pub fn scope(db: &dyn Db, file: SourceFile) -> Scope {
    let mut scope = Scope::default();
    for (index, decl) in item_tree(db, file).decls.iter().enumerate() {
        let name = decl.name(db);
        let resolved = match decl.kind(db) {
            DeclKind::Model => Resolved::Model(index),
            DeclKind::Type => Resolved::Type(index),
            DeclKind::Enum => Resolved::Enum(index),
            DeclKind::Mixin => Resolved::Mixin(index),
            DeclKind::Auth => {
                scope.auth.get_or_insert(index);
                Resolved::Auth(index)
            }
            DeclKind::View => {
                scope.views.entry(name.clone()).or_insert(index);
                continue;
            }
            DeclKind::Procedure => {
                scope.procedures.entry(name.clone()).or_insert(index);
                continue;
            }
            DeclKind::Datasource => {
                scope.datasource.get_or_insert(index);
                continue;
            }
            DeclKind::Extension | DeclKind::Mcp | DeclKind::Transport => continue,
        };
        if !name.is_empty() && Scalar::from_name(name).is_none() {
            scope.types.entry(name.clone()).or_insert(resolved);
        }
    }
    scope
}
