//! Name resolution: what each top-level name refers to, by declaration
//! identity.
//!
//! [`scope`] maps every name of a file to the [`Decl`] it names; it is
//! rebuilt whenever a declaration is added, removed or renamed. Validation
//! never reads it whole: it asks [`resolve_type`] one name at a time, and
//! each of those answers is memoised on its own and compares equal unless
//! that name's meaning changed. So an edit that adds, removes or renames a
//! declaration re-validates only the declarations that use the names it
//! touched.

use crate::{Db, Decl, Scalar, SourceFile, item_tree};
use cstack_syntax::ast::DeclKind;
use rustc_hash::FxHashMap;

/// A name as a query key.
#[salsa::interned(debug)]
pub struct Name<'db> {
    #[returns(ref)]
    pub text: String,
}

/// What a type name refers to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, salsa::SalsaValue)]
pub enum Resolved<'db> {
    Builtin(Scalar),
    Model(Decl<'db>),
    Type(Decl<'db>),
    Enum(Decl<'db>),
    Mixin(Decl<'db>),
    Auth(Decl<'db>),
}

#[derive(Clone, Debug, Default, PartialEq, Eq, salsa::SalsaValue)]
pub struct Scope<'db> {
    /// The type namespace: models, types, enums, mixins and auth blocks. The
    /// first declaration of a name wins; duplicates are reported separately.
    types: FxHashMap<String, Resolved<'db>>,
    pub views: FxHashMap<String, Decl<'db>>,
    pub procedures: FxHashMap<String, Decl<'db>>,
    /// The first `datasource` and `auth` declarations.
    pub datasource: Option<Decl<'db>>,
    pub auth: Option<Decl<'db>>,
}

impl<'db> Scope<'db> {
    pub fn resolve_type(&self, name: &str) -> Option<Resolved<'db>> {
        Scalar::from_name(name)
            .map(Resolved::Builtin)
            .or_else(|| self.types.get(name).copied())
    }

    /// Every name of the type namespace, declared names in byte order, then
    /// the built-ins.
    pub fn type_names(&self) -> impl Iterator<Item = &str> {
        self.names_where(|_| true)
            .into_iter()
            .chain(Scalar::ALL.iter().map(|scalar| scalar.name()))
    }

    /// The names of the type namespace that `pick` accepts, in byte order.
    /// Sorted because a map's order depends on its history: a scope that
    /// compares equal after an edit may keep the earlier map, and answers
    /// (which name a did-you-mean offers) must not depend on edits past.
    pub fn names_where(&self, pick: impl Fn(&Resolved<'db>) -> bool) -> Vec<&str> {
        let mut names: Vec<&str> = self
            .types
            .iter()
            .filter(|(_, resolved)| pick(resolved))
            .map(|(name, _)| name.as_str())
            .collect();
        names.sort_unstable();
        names
    }
}

#[salsa::tracked(returns(ref))]
pub fn scope(db: &dyn Db, file: SourceFile) -> Scope<'_> {
    let mut scope = Scope::default();
    for decl in &item_tree(db, file).decls {
        let decl = *decl;
        let name = decl.name(db);
        let resolved = match decl.kind(db) {
            DeclKind::Model => Resolved::Model(decl),
            DeclKind::Type => Resolved::Type(decl),
            DeclKind::Enum => Resolved::Enum(decl),
            DeclKind::Mixin => Resolved::Mixin(decl),
            DeclKind::Auth => {
                scope.auth.get_or_insert(decl);
                Resolved::Auth(decl)
            }
            DeclKind::View => {
                scope.views.entry(name.clone()).or_insert(decl);
                continue;
            }
            DeclKind::Procedure => {
                scope.procedures.entry(name.clone()).or_insert(decl);
                continue;
            }
            DeclKind::Datasource => {
                scope.datasource.get_or_insert(decl);
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

/// What `name` means in the type namespace of `file`.
#[salsa::tracked(returns(copy))]
pub fn resolve_type<'db>(
    db: &'db dyn Db,
    file: SourceFile,
    name: Name<'db>,
) -> Option<Resolved<'db>> {
    scope(db, file).resolve_type(name.text(db))
}

/// The schema's `auth` block, if it has one.
#[salsa::tracked(returns(copy))]
pub fn auth_decl(db: &dyn Db, file: SourceFile) -> Option<Decl<'_>> {
    scope(db, file).auth
}
