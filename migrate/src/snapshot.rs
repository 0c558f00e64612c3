//! `snapshot.json`: the physical schema the committed migrations of one
//! backend produce, in canonical JSON (fixed key order, two-space indent,
//! trailing newline) so it diffs well in review and hashes stably.

use crate::Dialect;
use crate::physical::PhysicalSchema;
use serde::{Deserialize, Serialize};

pub const FORMAT_VERSION: u32 = 1;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Snapshot {
    pub format_version: u32,
    pub dialect: Dialect,
    pub schema: PhysicalSchema,
}

impl Snapshot {
    /// The snapshot of `schema`, without the rename hints (they describe
    /// how to get here, not what the database holds).
    pub fn of(schema: &PhysicalSchema, dialect: Dialect) -> Self {
        Snapshot {
            format_version: FORMAT_VERSION,
            dialect,
            schema: without_rename_hints(schema),
        }
    }

    pub fn empty(dialect: Dialect) -> Self {
        Snapshot::of(&PhysicalSchema::default(), dialect)
    }

    pub fn to_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).expect("snapshot serialises");
        text.push('\n');
        text
    }

    pub fn from_json(text: &str) -> Result<Self, String> {
        let snapshot: Snapshot =
            serde_json::from_str(text).map_err(|e| format!("snapshot.json is not valid: {e}"))?;
        if snapshot.format_version != FORMAT_VERSION {
            return Err(format!(
                "snapshot.json has format version {}, this cstackc reads version {FORMAT_VERSION}",
                snapshot.format_version
            ));
        }
        Ok(snapshot)
    }
}

pub fn without_rename_hints(schema: &PhysicalSchema) -> PhysicalSchema {
    let mut schema = schema.clone();
    for table in &mut schema.tables {
        table.renamed_from.clear();
        for column in &mut table.columns {
            column.renamed_from.clear();
        }
    }
    schema
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_rejects_other_versions() {
        let snapshot = Snapshot::empty(Dialect::Sqlite);
        let text = snapshot.to_json();
        assert_eq!(Snapshot::from_json(&text).unwrap(), snapshot);
        let other = text.replace("\"format_version\": 1", "\"format_version\": 9");
        assert!(
            Snapshot::from_json(&other)
                .unwrap_err()
                .contains("version 9")
        );
    }
}
