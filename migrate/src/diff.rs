//! Diffing two physical schemas into operations. Objects are matched by
//! name; renames come only from `@rename(from = ...)` / `@@rename(from =
//! ...)` hints, never from guessing, but a drop plus an add of the same shape
//! gets a warning suggesting the hint.

use crate::ops::Op;
use crate::physical::{Column, PhysicalSchema, Table, View};
use std::collections::{BTreeMap, BTreeSet};

/// Renames between two schemas: tables `(from, to)` and columns
/// `(table after, from, to)`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Renames {
    pub tables: Vec<(String, String)>,
    pub columns: Vec<(String, String, String)>,
}

impl Renames {
    /// The renames `next`'s hints ask for that apply to `prev`: the old name
    /// exists in `prev`, and the new name neither exists there nor is the
    /// old name still used in `next`.
    pub fn detect(prev: &PhysicalSchema, next: &PhysicalSchema) -> Renames {
        let mut renames = Renames::default();
        for table in &next.tables {
            let prev_table = if prev.table(&table.name).is_some() {
                prev.table(&table.name)
            } else if let Some(from) = table
                .renamed_from
                .iter()
                .find(|from| prev.table(from).is_some() && next.table(from).is_none())
            {
                renames.tables.push((from.clone(), table.name.clone()));
                prev.table(from)
            } else {
                None
            };
            let Some(prev_table) = prev_table else {
                continue;
            };
            for column in &table.columns {
                if prev_table.column(&column.name).is_some() {
                    continue;
                }
                if let Some(from) = column
                    .renamed_from
                    .iter()
                    .find(|from| prev_table.column(from).is_some() && table.column(from).is_none())
                {
                    renames
                        .columns
                        .push((table.name.clone(), from.clone(), column.name.clone()));
                }
            }
        }
        renames
    }

    /// The renames that undo these.
    pub fn inverted(&self) -> Renames {
        let table_back: BTreeMap<&str, &str> = self
            .tables
            .iter()
            .map(|(from, to)| (to.as_str(), from.as_str()))
            .collect();
        Renames {
            tables: self
                .tables
                .iter()
                .map(|(from, to)| (to.clone(), from.clone()))
                .collect(),
            columns: self
                .columns
                .iter()
                .map(|(table, from, to)| {
                    let table = table_back.get(table.as_str()).copied().unwrap_or(table);
                    (table.to_string(), to.clone(), from.clone())
                })
                .collect(),
        }
    }

    fn table_from(&self, to: &str) -> Option<&str> {
        self.tables
            .iter()
            .find(|(_, t)| t == to)
            .map(|(f, _)| f.as_str())
    }

    fn column_from(&self, table: &str, to: &str) -> Option<&str> {
        self.columns
            .iter()
            .find(|(t, _, c)| t == table && c == to)
            .map(|(_, f, _)| f.as_str())
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Diff {
    pub ops: Vec<Op>,
    pub warnings: Vec<String>,
}

/// The operations taking `prev` to `next`. On SQLite every changed table is
/// rebuilt, so views reading any changed table are recreated around it; on
/// PostgreSQL only column renames, drops and type changes need that.
pub fn diff(
    prev: &PhysicalSchema,
    next: &PhysicalSchema,
    renames: &Renames,
    dialect: crate::Dialect,
) -> Diff {
    let mut ops = Vec::new();
    let mut warnings = Vec::new();

    for name in &next.extensions {
        if !prev.extensions.contains(name) {
            ops.push(Op::CreateExtension { name: name.clone() });
        }
    }

    // Enum types.
    let mut replaced_enums = BTreeSet::new();
    for e in &next.enums {
        match prev.enum_type(&e.name) {
            None => ops.push(Op::CreateEnum {
                enum_type: e.clone(),
            }),
            Some(old) if old.variants == e.variants => {}
            Some(old) => {
                let mut kept = e.variants.iter().filter(|v| old.variants.contains(v));
                let order_kept = old.variants.iter().all(|v| kept.next() == Some(v));
                if order_kept {
                    ops.push(Op::AddEnumVariants {
                        from: old.clone(),
                        to: e.clone(),
                    });
                } else {
                    replaced_enums.insert(e.name.clone());
                    let columns = next
                        .tables
                        .iter()
                        .flat_map(|t| {
                            t.columns
                                .iter()
                                .filter(|c| enum_of(&c.sql_type) == e.name)
                                .map(|c| (t.name.clone(), c.clone()))
                        })
                        .collect();
                    ops.push(Op::ReplaceEnum {
                        from: old.clone(),
                        to: e.clone(),
                        columns,
                    });
                }
            }
        }
    }

    // Tables.
    let mut matched_prev = BTreeSet::new();
    let mut created = Vec::new();
    // Tables whose columns change in a way views reading them must be
    // recreated around.
    let mut reshaped: BTreeSet<String> = BTreeSet::new();
    for table in &next.tables {
        let prev_name = if prev.table(&table.name).is_some() {
            Some(table.name.as_str())
        } else {
            renames.table_from(&table.name)
        };
        match prev_name.and_then(|n| prev.table(n)) {
            None => {
                created.push(table);
                ops.push(Op::CreateTable {
                    table: table.clone(),
                });
            }
            Some(old) => {
                matched_prev.insert(old.name.clone());
                if old.name != table.name {
                    reshaped.insert(table.name.clone());
                    ops.push(Op::RenameTable {
                        from: old.name.clone(),
                        to: table.name.clone(),
                    });
                }
                let before = ops.len();
                diff_table(old, table, renames, &mut ops, &mut warnings);
                let column_changes = ops[before..].iter().any(|op| {
                    matches!(
                        op,
                        Op::RenameColumn { .. }
                            | Op::DropColumn { .. }
                            | Op::AlterColumnType { .. }
                    )
                });
                let enum_swapped = table
                    .columns
                    .iter()
                    .any(|c| replaced_enums.contains(enum_of(&c.sql_type)));
                let any_change = ops.len() > before;
                if column_changes
                    || enum_swapped
                    || (dialect == crate::Dialect::Sqlite && any_change)
                {
                    reshaped.insert(table.name.clone());
                }
            }
        }
    }
    let dropped: Vec<&Table> = prev
        .tables
        .iter()
        .filter(|t| !matched_prev.contains(&t.name))
        .collect();
    for table in &dropped {
        reshaped.insert(table.name.clone());
        if let Some(twin) = created.iter().find(|t| same_shape(t, table)) {
            warnings.push(format!(
                "table `{}` is dropped and `{}` of the same shape is created: if it was renamed, \
                 add `@@rename(from = \"...\")` to keep its rows",
                table.name, twin.name
            ));
        }
        ops.push(Op::DropTable {
            table: (*table).clone(),
        });
    }
    for e in &prev.enums {
        if next.enum_type(&e.name).is_none() {
            ops.push(Op::DropEnum {
                enum_type: e.clone(),
            });
        }
    }

    // Views: changed ones, and every view reading a reshaped table or a
    // recreated view, are dropped and created again.
    let mut recreate: BTreeSet<String> = BTreeSet::new();
    for view in &next.views {
        if let Some(old) = prev.view(&view.name)
            && old != view
        {
            recreate.insert(view.name.clone());
        }
    }
    loop {
        let before = recreate.len();
        for view in &prev.views {
            let reads_changed = view
                .depends_on
                .iter()
                .any(|d| reshaped.contains(d) || recreate.contains(d) || renamed_away(d, renames));
            let gone = next.view(&view.name).is_none();
            if reads_changed && !gone {
                recreate.insert(view.name.clone());
            }
            if gone {
                reshaped.insert(view.name.clone());
            }
        }
        if recreate.len() == before {
            break;
        }
    }
    for view in &prev.views {
        if recreate.contains(&view.name) || next.view(&view.name).is_none() {
            ops.push(Op::DropView { view: view.clone() });
        }
    }
    for view in &next.views {
        if recreate.contains(&view.name) || prev.view(&view.name).is_none() {
            ops.push(Op::CreateView { view: view.clone() });
        }
    }
    Diff { ops, warnings }
}

fn renamed_away(name: &str, renames: &Renames) -> bool {
    renames.tables.iter().any(|(from, _)| from == name)
}

/// The enum type a column's SQL type names (`status` or `status[]`).
pub fn enum_of(sql_type: &str) -> &str {
    sql_type.strip_suffix("[]").unwrap_or(sql_type)
}

fn same_shape(a: &Table, b: &Table) -> bool {
    let shape = |t: &Table| -> Vec<(String, String, bool)> {
        t.columns
            .iter()
            .map(|c| (c.name.clone(), c.sql_type.clone(), c.not_null))
            .collect()
    };
    shape(a) == shape(b)
}

fn same_column_shape(a: &Column, b: &Column) -> bool {
    a.sql_type == b.sql_type && a.not_null == b.not_null
}

fn diff_table(
    old: &Table,
    new: &Table,
    renames: &Renames,
    ops: &mut Vec<Op>,
    warnings: &mut Vec<String>,
) {
    let table = new.name.clone();
    let mut matched = BTreeSet::new();
    let mut added = Vec::new();
    for column in &new.columns {
        let old_name = if old.column(&column.name).is_some() {
            Some(column.name.as_str())
        } else {
            renames.column_from(&table, &column.name)
        };
        match old_name.and_then(|n| old.column(n)) {
            None => {
                added.push(column);
                ops.push(Op::AddColumn {
                    table: table.clone(),
                    column: column.clone(),
                });
            }
            Some(prev) => {
                matched.insert(prev.name.clone());
                if prev.name != column.name {
                    ops.push(Op::RenameColumn {
                        table: table.clone(),
                        from: prev.name.clone(),
                        to: column.name.clone(),
                    });
                }
                diff_column(&table, prev, column, ops);
            }
        }
    }
    for column in &old.columns {
        if matched.contains(&column.name) {
            continue;
        }
        if let Some(twin) = added.iter().find(|c| same_column_shape(c, column)) {
            warnings.push(format!(
                "column `{table}.{}` is dropped and `{table}.{}` of the same type is added: if it \
                 was renamed, add `@rename(from = \"...\")` to keep its data",
                column.name, twin.name
            ));
        }
        ops.push(Op::DropColumn {
            table: table.clone(),
            column: column.clone(),
        });
    }

    // Constraints and indexes are matched by name; a changed definition is
    // a drop and an add. Column renames carry over into their definitions.
    let rename_cols = |cols: &[String]| -> Vec<String> {
        cols.iter()
            .map(|c| {
                renames
                    .columns
                    .iter()
                    .find(|(t, from, _)| t == &table && from == c)
                    .map_or_else(|| c.clone(), |(_, _, to)| to.clone())
            })
            .collect()
    };
    let old_pk = old.primary_key.clone().map(|mut pk| {
        pk.columns = rename_cols(&pk.columns);
        pk
    });
    if old_pk != new.primary_key {
        if let Some(pk) = &old.primary_key {
            ops.push(Op::DropPrimaryKey {
                table: table.clone(),
                primary_key: pk.clone(),
            });
        }
        if let Some(pk) = &new.primary_key {
            ops.push(Op::AddPrimaryKey {
                table: table.clone(),
                primary_key: pk.clone(),
            });
        }
    }
    macro_rules! by_name {
        ($field:ident, $add:ident, $drop:ident, $key:ident, $adjust:expr) => {{
            for item in &old.$field {
                let adjusted = $adjust(item.clone());
                if !new.$field.iter().any(|n| *n == adjusted) {
                    ops.push(Op::$drop {
                        table: table.clone(),
                        $key: item.clone(),
                    });
                }
            }
            for item in &new.$field {
                if !old.$field.iter().any(|o| $adjust(o.clone()) == *item) {
                    ops.push(Op::$add {
                        table: table.clone(),
                        $key: item.clone(),
                    });
                }
            }
        }};
    }
    by_name!(
        uniques,
        AddUnique,
        DropUnique,
        unique,
        |mut u: crate::physical::Unique| {
            u.columns = rename_cols(&u.columns);
            u
        }
    );
    by_name!(
        indexes,
        CreateIndex,
        DropIndex,
        index,
        |mut i: crate::physical::Index| {
            i.columns = rename_cols(&i.columns);
            i
        }
    );
    by_name!(
        foreign_keys,
        AddForeignKey,
        DropForeignKey,
        foreign_key,
        |mut f: crate::physical::ForeignKey| {
            f.columns = rename_cols(&f.columns);
            if let Some((_, to)) = renames
                .tables
                .iter()
                .find(|(from, _)| *from == f.referenced_table)
            {
                f.referenced_table = to.clone();
            }
            f
        }
    );
    // A check's text names its column, so a renamed column changes it.
    by_name!(
        checks,
        AddCheck,
        DropCheck,
        check,
        |c: crate::physical::Check| c
    );
}

fn diff_column(table: &str, prev: &Column, next: &Column, ops: &mut Vec<Op>) {
    if prev.sql_type != next.sql_type {
        ops.push(Op::AlterColumnType {
            table: table.into(),
            from: prev.clone(),
            to: next.clone(),
        });
    }
    if prev.identity != next.identity {
        ops.push(Op::SetIdentity {
            table: table.into(),
            column: next.clone(),
            identity: next.identity,
        });
    }
    if prev.default != next.default {
        ops.push(Op::SetDefault {
            table: table.into(),
            from: prev.clone(),
            to: next.clone(),
        });
    }
    if prev.not_null != next.not_null {
        ops.push(if next.not_null {
            Op::SetNotNull {
                table: table.into(),
                column: next.clone(),
            }
        } else {
            Op::DropNotNull {
                table: table.into(),
                column: next.clone(),
            }
        });
    }
}

/// Views that read `name`, directly or through other views.
pub fn dependent_views<'a>(views: &'a [View], name: &str) -> Vec<&'a View> {
    let mut out: Vec<&View> = Vec::new();
    let mut frontier = vec![name.to_string()];
    while let Some(current) = frontier.pop() {
        for view in views {
            if view.depends_on.contains(&current) && !out.iter().any(|v| v.name == view.name) {
                out.push(view);
                frontier.push(view.name.clone());
            }
        }
    }
    out
}
