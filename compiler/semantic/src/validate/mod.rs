//! Validation: one query per declaration ([`validate_decl`]) and one
//! schema-wide query over names only ([`validate_names`]).
//!
//! Each rule family lives in its own module. Diagnostics are produced with
//! ranges relative to a declaration (their anchor) so they stay valid when the
//! declaration moves; `check_file` makes them absolute.

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

use crate::{Db, Decl};
use context::Ctx;
use cstack_diagnostics::Diagnostic;
use cstack_syntax::ast::DeclKind;

pub use names::validate_names;

/// Every diagnostic about one declaration, anchored to declarations.
#[salsa::tracked(returns(ref))]
pub fn validate_decl<'db>(db: &'db dyn Db, decl: Decl<'db>) -> Vec<Diagnostic> {
    let mut ctx = Ctx::new(db, decl);
    match decl.kind(db) {
        DeclKind::Model => model::validate_model(&mut ctx),
        DeclKind::Type | DeclKind::Mixin | DeclKind::Auth => fields::validate_field_block(&mut ctx),
        DeclKind::View => view::validate_view(&mut ctx),
        DeclKind::Enum => enums::validate_enum(&mut ctx),
        DeclKind::Procedure => procedure::validate_procedure(&mut ctx),
        DeclKind::Datasource | DeclKind::Extension | DeclKind::Mcp | DeclKind::Transport => {
            config::validate_config(&mut ctx)
        }
    }
    ctx.finish()
}
