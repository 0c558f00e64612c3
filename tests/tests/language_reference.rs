//! `docs/language.md`, the vocabulary reference, is rendered from the
//! language catalogue (`cstack_compiler::lang`), the one the checker,
//! completion and hover read: this test fails when the two differ, and
//! `UPDATE_EXPECT=1` rewrites the file.

use cstack_compiler::Scalar;
use cstack_compiler::lang::{self, Position, Shape};
use cstack_compiler::syntax::ast::DeclKind;
use std::fmt::Write;

fn positions(positions: &[Position]) -> String {
    positions
        .iter()
        .map(|position| {
            match position {
                Position::ModelField => "model field",
                Position::MixinField => "mixin field",
                Position::TypeField => "`type` field",
                Position::AuthField => "auth field",
                Position::ViewField => "view field",
                Position::EnumVariant => "enum variant",
                Position::ModelBlock => "model",
                Position::ViewBlock => "view",
                Position::OtherBlock => "other block",
                Position::ModelLine => "model line",
                Position::OtherLine => "other line",
                Position::Procedure => "procedure",
            }
            .to_string()
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// A table cell: pipes escaped, line breaks flattened.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

fn words(out: &mut String, title: &str, words: &[lang::Word]) {
    let _ = writeln!(out, "## {title}\n\n| | |\n|---|---|");
    for (name, summary) in words {
        let _ = writeln!(out, "| `{name}` | {} |", cell(summary));
    }
    out.push('\n');
}

fn render() -> String {
    let mut out = String::from(
        "# The `.cstack` vocabulary\n\n\
         Every attribute, function and keyword the language has, as the checker,\n\
         completion and hover know them. Rendered from the catalogue in\n\
         `compiler/semantic/src/lang.rs` (a test keeps this page equal to it:\n\
         `UPDATE_EXPECT=1 cargo test -p cstack-tests --test language_reference`).\n\n",
    );
    out += "## Declarations\n\n| | |\n|---|---|\n";
    for kind in [
        DeclKind::Datasource,
        DeclKind::Auth,
        DeclKind::Mixin,
        DeclKind::Model,
        DeclKind::Type,
        DeclKind::Enum,
        DeclKind::View,
        DeclKind::Procedure,
        DeclKind::Extension,
        DeclKind::Mcp,
        DeclKind::Transport,
    ] {
        let _ = writeln!(
            out,
            "| `{}` | {} |",
            kind.keyword(),
            cell(lang::keyword_summary(kind))
        );
    }
    out += "\n## Built-in types\n\n| | |\n|---|---|\n";
    for scalar in Scalar::ALL {
        let _ = writeln!(
            out,
            "| `{}` | {} |",
            scalar.name(),
            cell(lang::scalar_summary(scalar))
        );
    }
    out += "\n## Attributes\n\n| attribute | where | arguments | meaning |\n|---|---|---|---|\n";
    for spec in lang::ATTRIBUTES {
        let arguments = match spec.shape {
            Shape::Bare => "none".to_string(),
            Shape::Arguments(example) => format!("required: {example}"),
            Shape::Either => "optional".to_string(),
        };
        let repeats = if spec.repeatable { " (repeatable)" } else { "" };
        let _ = writeln!(
            out,
            "| `{}`{repeats} | {} | {} | {} |",
            spec.display(),
            positions(spec.positions),
            cell(&arguments),
            cell(spec.summary)
        );
    }
    out += "\n### Named arguments\n\n| of | argument | meaning |\n|---|---|---|\n";
    for spec in lang::ARGUMENTS {
        let _ = writeln!(
            out,
            "| `{}` | `{}` | {} |",
            spec.owner,
            spec.name,
            cell(spec.summary)
        );
    }
    out += "\n### Removed field attributes\n\n| | |\n|---|---|\n";
    for (name, instead) in lang::REMOVED_FIELD_ATTRIBUTES {
        let _ = writeln!(out, "| `@{name}` | {} |", cell(instead));
    }
    out += "\n## Default functions\n\n| function | field types | meaning |\n|---|---|---|\n";
    for function in lang::DEFAULT_FUNCTIONS {
        let fits: Vec<String> = function
            .fits
            .iter()
            .map(|s| format!("`{}`", s.name()))
            .collect();
        let _ = writeln!(
            out,
            "| `{}()` | {} | {} |",
            function.name,
            fits.join(", "),
            cell(function.summary)
        );
    }
    out += "\n## Policy functions\n\n| | |\n|---|---|\n";
    for (name, _, summary) in lang::POLICY_FUNCTIONS {
        let _ = writeln!(out, "| `{name}()` | {} |", cell(summary));
    }
    out.push('\n');
    words(&mut out, "Model policy actions", lang::MODEL_ACTIONS);
    words(&mut out, "View policy actions", lang::VIEW_ACTIONS);
    words(&mut out, "Relation quantifiers", lang::QUANTIFIERS);
    words(&mut out, "Referential actions", lang::REFERENTIAL_ACTIONS);
    words(&mut out, "Datasource providers", lang::PROVIDERS);
    words(&mut out, "Extensions", lang::EXTENSIONS);
    words(&mut out, "Transports", lang::TRANSPORTS);
    words(&mut out, "Event operations", lang::EVENT_OPERATIONS);
    let _ = writeln!(
        out,
        "## Isolation levels\n\n{}\n\n## `@authorize` actions\n\n{}",
        lang::ISOLATION_LEVELS
            .iter()
            .map(|level| format!("`{level}`"))
            .collect::<Vec<_>>()
            .join(", "),
        lang::AUTHORIZE_ACTIONS
            .iter()
            .map(|action| format!("`{action}`"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    out
}

#[test]
fn the_vocabulary_reference_is_the_catalogue() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../docs/language.md");
    let rendered = render();
    let written = std::fs::read_to_string(path).unwrap_or_default();
    if written != rendered {
        if std::env::var_os("UPDATE_EXPECT").is_some() {
            std::fs::write(path, &rendered).expect("docs/language.md is writable");
        } else {
            panic!(
                "docs/language.md differs from the catalogue; rerun with UPDATE_EXPECT=1 \
                 (cargo test -p cstack-tests --test language_reference)"
            );
        }
    }
}
