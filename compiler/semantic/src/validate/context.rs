//! The state a declaration's validation works with: the declaration, the
//! scope and settings of its file, and the diagnostics found so far.

use crate::{Db, Decl, ItemTree, Resolved, Scope, Settings, item_tree, scope, settings};
use cstack_diagnostics::{Anchor, Code, Diagnostic, Label, TextRange};
use cstack_syntax::ast::{Declaration, Field};
use std::sync::Arc;

pub struct Ctx<'db> {
    pub db: &'db dyn Db,
    pub decl: Decl<'db>,
    pub syntax: &'db Arc<Declaration>,
    pub scope: &'db Scope,
    pub settings: &'db Settings,
    items: &'db ItemTree<'db>,
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
            scope: scope(db, file),
            settings: settings(db, file),
            items: item_tree(db, file),
            diagnostics: Vec::new(),
        }
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

    /// The declaration at `index` of the item tree.
    pub fn decl_at(&self, index: usize) -> (Decl<'db>, &'db Arc<Declaration>) {
        let decl = self.items.decls[index];
        (decl, decl.syntax(self.db))
    }

    /// The syntax of the model, type, enum, mixin or auth block named `name`.
    pub fn resolve(&self, name: &str) -> Option<Resolved> {
        self.scope.resolve_type(name)
    }

    pub fn model_named(&self, name: &str) -> Option<(Decl<'db>, &'db Arc<Declaration>)> {
        self.scope.model(name).map(|index| self.decl_at(index))
    }

    pub fn enum_named(&self, name: &str) -> Option<&'db Arc<Declaration>> {
        match self.resolve(name)? {
            Resolved::Enum(index) => Some(self.decl_at(index).1),
            _ => None,
        }
    }

    pub fn type_named(&self, name: &str) -> Option<&'db Arc<Declaration>> {
        match self.resolve(name)? {
            Resolved::Type(index) => Some(self.decl_at(index).1),
            _ => None,
        }
    }

    pub fn auth_block(&self) -> Option<&'db Arc<Declaration>> {
        self.scope.auth.map(|index| self.decl_at(index).1)
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
                let Some(Resolved::Mixin(index)) = self.resolve(name) else {
                    continue;
                };
                let (mixin_decl, mixin) = self.decl_at(index);
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
