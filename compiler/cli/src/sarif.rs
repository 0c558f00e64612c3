//! The `sarif` format: one SARIF 2.1.0 log, for code-scanning services
//! (GitHub code scanning and other SARIF viewers).
//!
//! One run; the driver lists one rule per code that occurs, sorted by code.
//! Each result points at the primary label, carrying the label's message on
//! the location; secondary labels become `relatedLocations`; help is
//! appended to the message text, since SARIF viewers show nothing else of a
//! result. A diagnostic's fix becomes the result's one `fixes` entry: a
//! replacement per edit, an empty region inserting. Regions carry both
//! line/column (columns counted in Unicode code points, declared by the
//! run's `columnKind`) and byte offsets.

use crate::report::{CheckedFile, Report, slash_path};
use cstack_diagnostics::{Code, Diagnostic, Fix, Label, Severity, TextRange};
use serde::Serialize;
use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::Path;

const SCHEMA: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

#[derive(Serialize)]
struct Log {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: Vec<Run>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run {
    tool: Tool,
    /// SARIF's default is UTF-16 code units; our columns count characters.
    column_kind: &'static str,
    results: Vec<SarifResult>,
}

#[derive(Serialize)]
struct Tool {
    driver: Driver,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver {
    name: &'static str,
    version: &'static str,
    information_uri: &'static str,
    rules: Vec<Rule>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Rule {
    id: &'static str,
    short_description: Message,
    default_configuration: Configuration,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
struct Message {
    text: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult {
    rule_id: &'static str,
    rule_index: usize,
    level: &'static str,
    message: Message,
    locations: Vec<Location>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related_locations: Vec<Location>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    fixes: Vec<SarifFix>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifFix {
    description: Message,
    artifact_changes: Vec<ArtifactChange>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactChange {
    artifact_location: ArtifactLocation,
    replacements: Vec<Replacement>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Replacement {
    deleted_region: Region,
    inserted_content: Content,
}

#[derive(Serialize)]
struct Content {
    text: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<usize>,
    physical_location: PhysicalLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<Message>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    region: Region,
}

#[derive(Serialize)]
struct ArtifactLocation {
    uri: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: u32,
    start_column: u32,
    end_line: u32,
    end_column: u32,
    byte_offset: u32,
    byte_length: u32,
}

pub fn render(out: &mut dyn Write, report: &Report) -> io::Result<()> {
    // Rule indices are positions in the sorted list of codes that occur.
    let mut rule_indices: BTreeMap<Code, usize> = report
        .diagnostics()
        .map(|(_, diagnostic)| (diagnostic.code, 0))
        .collect();
    for (index, slot) in rule_indices.values_mut().enumerate() {
        *slot = index;
    }
    let log = Log {
        schema: SCHEMA,
        version: "2.1.0",
        runs: vec![Run {
            tool: Tool {
                driver: Driver {
                    name: "cstackc",
                    version: env!("CARGO_PKG_VERSION"),
                    information_uri: env!("CARGO_PKG_REPOSITORY"),
                    rules: rule_indices.keys().map(|&code| rule(code)).collect(),
                },
            },
            column_kind: "unicodeCodePoints",
            results: report
                .diagnostics()
                .map(|(file, diagnostic)| result(file, diagnostic, rule_indices[&diagnostic.code]))
                .collect(),
        }],
    };
    serde_json::to_writer_pretty(&mut *out, &log)?;
    writeln!(out)?;
    out.flush()
}

fn rule(code: Code) -> Rule {
    Rule {
        id: code.as_str(),
        short_description: Message {
            text: code.summary().to_owned(),
        },
        default_configuration: Configuration {
            level: level(code.severity()),
        },
    }
}

fn result(file: &CheckedFile, diagnostic: &Diagnostic, rule_index: usize) -> SarifResult {
    let mut text = diagnostic.message.clone();
    if let Some(help) = &diagnostic.help {
        text.push_str("\nhelp: ");
        text.push_str(help);
    }
    SarifResult {
        rule_id: diagnostic.code.as_str(),
        rule_index,
        level: level(diagnostic.severity),
        message: Message { text },
        locations: vec![location(file, &diagnostic.primary, None)],
        related_locations: diagnostic
            .secondary
            .iter()
            .enumerate()
            .map(|(index, label)| location(file, label, Some(index + 1)))
            .collect(),
        fixes: diagnostic
            .fix
            .iter()
            .map(|fix| sarif_fix(file, fix))
            .collect(),
    }
}

fn sarif_fix(file: &CheckedFile, fix: &Fix) -> SarifFix {
    SarifFix {
        description: Message {
            text: fix.title.clone(),
        },
        artifact_changes: vec![ArtifactChange {
            artifact_location: ArtifactLocation {
                uri: uri(file.path),
            },
            replacements: fix
                .edits
                .iter()
                .map(|edit| Replacement {
                    deleted_region: region(file, edit.range),
                    inserted_content: Content {
                        text: edit.new_text.clone(),
                    },
                })
                .collect(),
        }],
    }
}

fn location(file: &CheckedFile, label: &Label, id: Option<usize>) -> Location {
    Location {
        id,
        physical_location: PhysicalLocation {
            artifact_location: ArtifactLocation {
                uri: uri(file.path),
            },
            region: region(file, label.range),
        },
        message: (!label.message.is_empty()).then(|| Message {
            text: label.message.clone(),
        }),
    }
}

/// A region with both line/column and byte positions.
fn region(file: &CheckedFile, range: TextRange) -> Region {
    let range = file.clamp(range);
    let span = file.span(range);
    Region {
        start_line: span.start.line,
        start_column: span.start.column,
        end_line: span.end.line,
        end_column: span.end.column,
        byte_offset: range.start,
        byte_length: range.len(),
    }
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "note",
    }
}

/// A relative path stays a relative URI reference (resolved against the
/// repository root by code-scanning services); an absolute one becomes a
/// `file://` URI. Either way, characters that are not allowed in a URI path
/// are percent-encoded.
fn uri(path: &str) -> String {
    let slashed = slash_path(path);
    if Path::new(path).is_absolute() {
        // Windows paths (`C:/x`) need the extra slash of `file:///C:/x`; the
        // drive colon is legal there.
        let rooted = if slashed.starts_with('/') {
            slashed
        } else {
            format!("/{slashed}")
        };
        format!("file://{}", percent_encode(&rooted, true))
    } else {
        // In a relative reference a `:` in the first segment would be read
        // as a scheme, so it is encoded.
        percent_encode(&slashed, false)
    }
}

fn percent_encode(path: &str, keep_colon: bool) -> String {
    let mut encoded = String::with_capacity(path.len());
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric()
            || matches!(byte, b'-' | b'.' | b'_' | b'~' | b'/')
            || (keep_colon && byte == b':')
        {
            encoded.push(byte as char);
        } else {
            encoded.push_str(&format!("%{byte:02X}"));
        }
    }
    encoded
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_stay_relative_and_are_encoded() {
        assert_eq!(uri("schemas/a b.cstack"), "schemas/a%20b.cstack");
        assert_eq!(uri("x:y.cstack"), "x%3Ay.cstack");
        assert_eq!(uri("café.cstack"), "caf%C3%A9.cstack");
    }

    #[cfg(unix)]
    #[test]
    fn absolute_paths_become_file_uris() {
        assert_eq!(uri("/tmp/a b.cstack"), "file:///tmp/a%20b.cstack");
    }
}
