//! Code actions: the fixes the checker attached to the diagnostics under the
//! cursor (did-you-mean names, a missing `@id`, ...), applied as they are;
//! and two edits of the editor's own that fix no diagnostic for certain:
//! creating a declaration an unknown type names, and adding the
//! back-relation field a relation's target lacks.

use crate::format::TextEdit;
use crate::index::{decl_at, type_decl};
use cstack_compiler::{Db, SourceFile, check_file};
use cstack_diagnostics::{Code, Diagnostic, Fix, TextRange};
use cstack_syntax::ast::{Arity, DeclKind};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ActionKind {
    QuickFix,
    Refactor,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CodeAction {
    pub title: String,
    pub kind: ActionKind,
    pub edits: Vec<TextEdit>,
    /// The diagnostic it fixes, if any.
    pub fixes: Option<Diagnostic>,
    pub is_preferred: bool,
}

fn overlaps(a: TextRange, b: TextRange) -> bool {
    a.start <= b.end && b.start <= a.end
}

/// The actions for `range`.
pub fn code_actions(db: &dyn Db, file: SourceFile, range: TextRange) -> Vec<CodeAction> {
    let text = file.text(db);
    let mut out = Vec::new();
    for diagnostic in &check_file(db, file).diagnostics {
        if !overlaps(diagnostic.primary.range, range) {
            continue;
        }
        if let Some(fix) = &diagnostic.fix {
            out.push(fix_action(fix, diagnostic));
        }
        if diagnostic.code == Code::UnknownType {
            let name = &text[diagnostic.primary.range.to_range()];
            for (keyword, body) in [
                ("model", "  id Int @id @default(autoincrement())\n"),
                ("type", ""),
                ("enum", ""),
            ] {
                let separator = if text.ends_with("\n\n") || text.is_empty() {
                    ""
                } else if text.ends_with('\n') {
                    "\n"
                } else {
                    "\n\n"
                };
                out.push(CodeAction {
                    title: format!("Create {keyword} `{name}`"),
                    kind: ActionKind::QuickFix,
                    edits: vec![TextEdit {
                        range: TextRange::empty(text.len() as u32),
                        new_text: format!("{separator}{keyword} {name} {{\n{body}}}\n"),
                    }],
                    fixes: Some(diagnostic.clone()),
                    is_preferred: false,
                });
            }
        }
    }
    if let Some(action) = back_relation(db, file, range) {
        out.push(action);
    }
    out
}

/// The checker's fix of `diagnostic`, as the preferred quick fix. Its edits
/// are absolute: `check_file` resolved them with the labels.
fn fix_action(fix: &Fix, diagnostic: &Diagnostic) -> CodeAction {
    CodeAction {
        title: fix.title.clone(),
        kind: ActionKind::QuickFix,
        edits: fix
            .edits
            .iter()
            .map(|edit| TextEdit {
                range: edit.range,
                new_text: edit.new_text.clone(),
            })
            .collect(),
        fixes: Some(diagnostic.clone()),
        is_preferred: true,
    }
}

/// On a relation field whose target model has no field pointing back: add
/// one (a list, since the field here is the owning side).
fn back_relation(db: &dyn Db, file: SourceFile, range: TextRange) -> Option<CodeAction> {
    let (_, decl) = decl_at(db, file, range.start)?;
    let syntax = decl.syntax(db);
    if syntax.kind != DeclKind::Model {
        return None;
    }
    let base = decl.offset(db);
    let field = syntax
        .fields
        .iter()
        .find(|f| f.range.shifted(base).touches(range.start))?;
    let ty = field.ty.as_ref()?;
    let target = type_decl(db, file, &ty.name.text)?;
    if target.kind(db) != DeclKind::Model || target == decl {
        return None;
    }
    let own = syntax.name_text();
    let target_syntax = target.syntax(db);
    if target_syntax
        .fields
        .iter()
        .any(|f| f.ty.as_ref().is_some_and(|t| t.name.text == own))
    {
        return None;
    }
    let (name, written) = if ty.arity == Arity::List || !field.has_attribute("relation") {
        let mut name = own.to_string();
        name[..1].make_ascii_lowercase();
        (name, format!("{own}?"))
    } else {
        let mut name = cstack_compiler::pluralize(own);
        name[..1].make_ascii_lowercase();
        (name, format!("{own}[]"))
    };
    let text = file.text(db);
    // After the target's last field, or before its closing brace.
    let target_base = target.offset(db) as usize;
    let line_start = match target_syntax.fields.last() {
        Some(last) => {
            let end = target_base + last.range.end as usize;
            text[end..].find('\n').map_or(text.len(), |i| end + i + 1)
        }
        None => {
            let close = text[..target_base + target_syntax.range.end as usize].rfind('}')?;
            text[..close].rfind('\n').map_or(0, |i| i + 1)
        }
    };
    Some(CodeAction {
        title: format!(
            "Add back-relation field `{name}` to `{}`",
            target_syntax.name_text()
        ),
        kind: ActionKind::Refactor,
        edits: vec![TextEdit {
            range: TextRange::empty(line_start as u32),
            new_text: format!("  {name} {written}\n"),
        }],
        fixes: None,
        is_preferred: false,
    })
}
