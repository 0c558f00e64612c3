//! Validation: one query per declaration ([`validate_decl`]) and one
//! schema-wide query over names only ([`validate_names`]).
//!
//! Each rule family lives in its own module. Diagnostics are produced with
//! ranges relative to a declaration (their anchor) so they stay valid when the
//! declaration moves; `check_file` makes them absolute. What a check
//! establishes is kept as the declaration's [`Item`]: the typed facts the
//! schema model is assembled from, so no later stage reads an attribute
//! again.

mod attributes;
mod config;
mod context;
mod defaults;
mod enums;
mod fields;
mod model;
mod names;
mod policy;
mod procedure;
mod relations;
mod types;
mod validators;
mod view;

use crate::model::{Enum, Model, Procedure, Record, View};
use crate::{Db, Decl};
use context::Ctx;
use cstack_diagnostics::Diagnostic;
use cstack_syntax::ast::DeclKind;
use std::sync::Arc;

pub use names::{emits, validate_names};

/// One declaration, checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Validated {
    /// Every diagnostic about it, anchored to declarations.
    pub diagnostics: Vec<Diagnostic>,
    /// What it declares, as far as its checks could establish it.
    pub item: Option<Item>,
}

/// The typed meaning of a declaration.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Item {
    Model(Arc<Model>),
    View(Arc<View>),
    Type(Arc<Record>),
    Auth(Arc<Record>),
    Enum(Arc<Enum>),
    Procedure(Arc<Procedure>),
}

/// Checks one declaration.
#[salsa::tracked(returns(ref))]
pub fn validate_decl<'db>(db: &'db dyn Db, decl: Decl<'db>) -> Validated {
    let mut ctx = Ctx::new(db, decl);
    let item = match decl.kind(db) {
        DeclKind::Model => model::validate_model(&mut ctx).map(|m| Item::Model(Arc::new(m))),
        DeclKind::Type => fields::validate_field_block(&mut ctx).map(|r| Item::Type(Arc::new(r))),
        DeclKind::Auth => fields::validate_field_block(&mut ctx).map(|r| Item::Auth(Arc::new(r))),
        DeclKind::Mixin => fields::validate_field_block(&mut ctx).and(None),
        DeclKind::View => view::validate_view(&mut ctx).map(|v| Item::View(Arc::new(v))),
        DeclKind::Enum => enums::validate_enum(&mut ctx).map(|e| Item::Enum(Arc::new(e))),
        DeclKind::Procedure => {
            procedure::validate_procedure(&mut ctx).map(|p| Item::Procedure(Arc::new(p)))
        }
        DeclKind::Datasource | DeclKind::Extension | DeclKind::Mcp | DeclKind::Transport => {
            config::validate_config(&mut ctx);
            None
        }
    };
    Validated {
        diagnostics: ctx.finish(),
        item,
    }
}
