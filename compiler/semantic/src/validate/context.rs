//! The state a declaration's validation works with: the declaration, the
//! settings of its file, name lookups, and the diagnostics found so far.
//!
//! Names are looked up one at a time through [`resolve_type`], so what a
//! declaration's validation depends on is the names it uses, not the whole
//! scope (see `crate::resolution`).

use crate::resolution::{Name, auth_decl, resolve_type};
use crate::{Db, Decl, Resolved, Scope, Settings, SourceFile, scope, settings};
use cstack_diagnostics::{Anchor, Code, Diagnostic, Label, TextRange};
use cstack_syntax::ast::{Declaration, Field};
use std::sync::Arc;

pub struct Ctx<'db> {
    pub db: &'db dyn Db,
    pub decl: Decl<'db>,
    pub syntax: &'db Arc<Declaration>,
    pub settings: &'db Settings,
    file: SourceFile,
    diagnostics: Vec<Diagnostic>,
}

/// A field together with the declaration it is written in: a model's own
/// fields and the fields it takes from mixins.
#[derive(Clone, Copy)]
pub struct FieldRef<'a> {
    pub field: &'a Field,
    /// The declaration the field is written in.
    pub anchor: Anchor,
    /// The mixin it came from, when it is not the model's own field.
    pub mixin: Option<&'a str>,
}

impl<'db> Ctx<'db> {
    pub fn new(db: &'db dyn Db, decl: Decl<'db>) -> Self {
        let file = decl.file(db);
        Self {
            db,
            decl,
            syntax: decl.syntax(db),
            settings: settings(db, file),
            file,
            diagnostics: Vec::new(),
        }
    }

    /// The whole scope of the file. Reading it makes this declaration
    /// depend on every name, so only "did you mean" suggestions, on the
    /// error path, do.
    pub fn scope(&self) -> &'db Scope<'db> {
        scope(self.db, self.file)
    }

    pub fn finish(self) -> Vec<Diagnostic> {
        self.diagnostics
    }

    pub fn name(&self) -> &'db str {
        self.syntax.name_text()
    }

    pub fn anchor(&self) -> Anchor {
        self.decl.anchor()
    }

    /// Reports a diagnostic whose unanchored ranges are in this declaration.
    pub fn report(&mut self, mut diagnostic: Diagnostic) {
        diagnostic.anchor_to(self.anchor());
        self.diagnostics.push(diagnostic);
    }

    /// Reports `message` at `range` of this declaration.
    pub fn error(
        &mut self,
        code: Code,
        message: impl Into<String>,
        range: TextRange,
    ) -> &mut Diagnostic {
        self.report(Diagnostic::error(code, message, range));
        self.diagnostics.last_mut().expect("just pushed")
    }

    /// Reports at a range of the declaration `anchor`.
    pub fn error_at(
        &mut self,
        code: Code,
        message: impl Into<String>,
        anchor: Anchor,
        range: TextRange,
    ) -> &mut Diagnostic {
        let diagnostic = Diagnostic::new(code, message, Label::anchored(anchor, range, ""));
        self.report(diagnostic);
        self.diagnostics.last_mut().expect("just pushed")
    }

    /// Reports something declared twice: at `again`, pointing back at `first`.
    pub fn redeclared(
        &mut self,
        code: Code,
        message: impl Into<String>,
        again: (Anchor, TextRange),
        first: (Anchor, TextRange),
    ) {
        let diagnostic = self.error_at(code, message, again.0, again.1);
        diagnostic.primary.message = "declared again here".to_string();
        diagnostic
            .secondary
            .push(Label::anchored(first.0, first.1, "first declared here"));
    }

    /// The fields written in this declaration, anchored to it.
    pub fn own_fields(&self) -> Vec<FieldRef<'db>> {
        let anchor = self.anchor();
        self.syntax
            .fields
            .iter()
            .map(|field| FieldRef {
                field,
                anchor,
                mixin: None,
            })
            .collect()
    }

    /// What the type name `name` refers to.
    pub fn resolve(&self, name: &str) -> Option<Resolved<'db>> {
        if let Some(scalar) = crate::Scalar::from_name(name) {
            return Some(Resolved::Builtin(scalar));
        }
        resolve_type(self.db, self.file, Name::new(self.db, name.to_string()))
    }

    pub fn model_named(&self, name: &str) -> Option<(Decl<'db>, &'db Arc<Declaration>)> {
        match self.resolve(name)? {
            Resolved::Model(decl) => Some((decl, decl.syntax(self.db))),
            _ => None,
        }
    }

    pub fn enum_named(&self, name: &str) -> Option<&'db Arc<Declaration>> {
        match self.resolve(name)? {
            Resolved::Enum(decl) => Some(decl.syntax(self.db)),
            _ => None,
        }
    }

    pub fn type_named(&self, name: &str) -> Option<&'db Arc<Declaration>> {
        match self.resolve(name)? {
            Resolved::Type(decl) => Some(decl.syntax(self.db)),
            _ => None,
        }
    }

    pub fn auth_block(&self) -> Option<&'db Arc<Declaration>> {
        auth_decl(self.db, self.file).map(|decl| decl.syntax(self.db))
    }

    /// A model's fields after `@use(...)` expansion: mixin fields first (in
    /// `@use` order, first mixin wins), then the model's own; a model field
    /// replaces a mixin field of the same name.
    pub fn expanded_fields(&self, model_decl: Decl<'db>) -> Vec<FieldRef<'db>> {
        let model: &'db Declaration = model_decl.syntax(self.db);
        let mut out: Vec<FieldRef<'db>> = Vec::new();
        for attribute in model.attributes.iter().filter(|a| a.name.text == "use") {
            for value in attribute.positional() {
                let Some(name) = value.as_ident() else {
                    continue;
                };
                let Some(Resolved::Mixin(mixin_decl)) = self.resolve(name) else {
                    continue;
                };
                let mixin: &'db Declaration = mixin_decl.syntax(self.db);
                for field in &mixin.fields {
                    let shadowed = model.field(&field.name.text).is_some()
                        || out
                            .iter()
                            .any(|existing| existing.field.name.text == field.name.text);
                    if !shadowed {
                        out.push(FieldRef {
                            field,
                            anchor: mixin_decl.anchor(),
                            mixin: Some(mixin.name_text()),
                        });
                    }
                }
            }
        }
        out.extend(model.fields.iter().map(|field| FieldRef {
            field,
            anchor: model_decl.anchor(),
            mixin: None,
        }));
        out
    }
}
