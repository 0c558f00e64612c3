//! Selection ranges: from the name under the cursor outwards through the
//! expression, argument, attribute, field and declaration to the file.

use crate::index::decl_at;
use cstack_compiler::{Db, SourceFile};
use cstack_diagnostics::TextRange;
use cstack_syntax::ast::{Attribute, Expr, ExprKind};

/// The ranges around `offset`, innermost first.
pub fn selection_ranges(db: &dyn Db, file: SourceFile, offset: u32) -> Vec<TextRange> {
    let text = file.text(db);
    let mut ranges = vec![TextRange::new(0, text.len() as u32)];
    if let Some((_, decl)) = decl_at(db, file, offset) {
        let base = decl.offset(db);
        let relative = offset - base;
        let syntax = decl.syntax(db);
        let mut found = vec![syntax.range];
        if let Some(name) = &syntax.name {
            found.push(name.range);
        }
        let attribute = |found: &mut Vec<TextRange>, attribute: &Attribute| {
            found.push(attribute.range);
            found.push(attribute.head_range());
            if let Some(arguments) = &attribute.arguments {
                found.push(arguments.range);
                for argument in &arguments.items {
                    found.push(argument.range);
                    if let Some(name) = &argument.name {
                        found.push(name.range);
                    }
                    expression(found, &argument.value);
                }
            }
        };
        for field in &syntax.fields {
            found.push(field.range);
            found.push(field.name.range);
            if let Some(ty) = &field.ty {
                found.push(ty.range);
                found.push(ty.name.range);
            }
            for a in &field.attributes {
                attribute(&mut found, a);
            }
        }
        for a in syntax.block_attributes.iter().chain(&syntax.attributes) {
            attribute(&mut found, a);
        }
        for variant in &syntax.variants {
            found.push(variant.range);
            found.push(variant.name.range);
        }
        for parameter in &syntax.parameters {
            found.push(parameter.range);
            found.push(parameter.name.range);
        }
        for entry in &syntax.entries {
            found.push(entry.range);
            found.push(entry.key.range);
            expression(&mut found, &entry.value);
        }
        ranges.extend(
            found
                .into_iter()
                .filter(|r| r.touches(relative))
                .map(|r| r.shifted(base)),
        );
    }
    ranges.sort_by_key(|r| (std::cmp::Reverse(r.len()), r.start));
    ranges.dedup();
    ranges.reverse();
    ranges
}

fn expression(found: &mut Vec<TextRange>, expr: &Expr) {
    found.push(expr.range);
    match &expr.kind {
        ExprKind::Binary { left, right, .. } | ExprKind::In { left, right, .. } => {
            expression(found, left);
            expression(found, right);
        }
        ExprKind::Not(inner) | ExprKind::Paren(inner) => expression(found, inner),
        ExprKind::Member { object, property } => {
            expression(found, object);
            found.push(property.range);
        }
        ExprKind::Call { callee, arguments } => {
            expression(found, callee);
            for argument in &arguments.items {
                expression(found, &argument.value);
            }
        }
        ExprKind::Array(items) => items.iter().for_each(|item| expression(found, item)),
        _ => {}
    }
}
