//! Diffing two physical schemas into operations. Objects are matched by
//! name; renames come only from `@rename(from = ...)` / `@@rename(from =
//! ...)` hints, never from guessing, but a drop plus an add of the same shape
//! gets a warning suggesting the hint.

use crate::ops::{ConstraintKind, Op};
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
        let prev_by = by_name(prev);
        let next_by = by_name(next);
        let find_prev = |name: &str| prev_by.get(name).copied();
        let find_next = |name: &str| next_by.get(name).copied();
        for table in &next.tables {
            let prev_table = if find_prev(&table.name).is_some() {
                find_prev(&table.name)
            } else if let Some(from) = table
                .renamed_from
                .iter()
                .find(|from| find_prev(from).is_some() && find_next(from).is_none())
            {
                renames.tables.push((from.clone(), table.name.clone()));
                find_prev(from)
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
    let prev_by = by_name(prev);
    let find_prev = |name: &str| prev_by.get(name).copied();

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
        let prev_name = if find_prev(&table.name).is_some() {
            Some(table.name.as_str())
        } else {
            renames.table_from(&table.name)
        };
        match prev_name.and_then(find_prev) {
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

/// Tables by name: large schemas have thousands.
fn by_name(schema: &PhysicalSchema) -> std::collections::HashMap<&str, &Table> {
    schema.tables.iter().map(|t| (t.name.as_str(), t)).collect()
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
    match (&old_pk, &new.primary_key) {
        (Some(o), Some(n)) if o.columns == n.columns && o.name != n.name => {
            ops.push(Op::RenameConstraint {
                table: table.clone(),
                from: o.name.clone(),
                to: n.name.clone(),
                kind: ConstraintKind::PrimaryKey,
            });
        }
        (o, n) if o != n => {
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
        _ => {}
    }
    let uniques = pair(
        &old.uniques,
        &new.uniques,
        |u| u.name.clone(),
        |u| {
            let mut u = u.clone();
            u.columns = rename_cols(&u.columns);
            u.name.clear();
            u
        },
    );
    for (o, n) in uniques.renamed {
        ops.push(Op::RenameConstraint {
            table: table.clone(),
            from: o.name.clone(),
            to: n.name.clone(),
            kind: ConstraintKind::Unique,
        });
    }
    for u in uniques.dropped {
        ops.push(Op::DropUnique {
            table: table.clone(),
            unique: u.clone(),
        });
    }
    for u in uniques.added {
        ops.push(Op::AddUnique {
            table: table.clone(),
            unique: u.clone(),
        });
    }
    let indexes = pair(
        &old.indexes,
        &new.indexes,
        |i| i.name.clone(),
        |i| {
            let mut i = i.clone();
            i.columns = rename_cols(&i.columns);
            i.name.clear();
            i
        },
    );
    for (o, n) in indexes.renamed {
        ops.push(Op::RenameIndex {
            table: table.clone(),
            from: o.name.clone(),
            index: n.clone(),
        });
    }
    for i in indexes.dropped {
        ops.push(Op::DropIndex {
            table: table.clone(),
            index: i.clone(),
        });
    }
    for i in indexes.added {
        ops.push(Op::CreateIndex {
            table: table.clone(),
            index: i.clone(),
        });
    }
    let fks = pair(
        &old.foreign_keys,
        &new.foreign_keys,
        |f| f.name.clone(),
        |f| {
            let mut f = f.clone();
            f.columns = rename_cols(&f.columns);
            if let Some((_, to)) = renames
                .tables
                .iter()
                .find(|(from, _)| *from == f.referenced_table)
            {
                f.referenced_table = to.clone();
            }
            f.name.clear();
            f
        },
    );
    for (o, n) in fks.renamed {
        ops.push(Op::RenameConstraint {
            table: table.clone(),
            from: o.name.clone(),
            to: n.name.clone(),
            kind: ConstraintKind::ForeignKey,
        });
    }
    for f in fks.dropped {
        ops.push(Op::DropForeignKey {
            table: table.clone(),
            foreign_key: f.clone(),
        });
    }
    for f in fks.added {
        ops.push(Op::AddForeignKey {
            table: table.clone(),
            foreign_key: f.clone(),
        });
    }
    // A check's text names its column, so a renamed column changes it.
    let checks = pair(
        &old.checks,
        &new.checks,
        |c| c.name.clone(),
        |c| {
            let mut c = c.clone();
            c.name.clear();
            c.column = c.column.map(|col| rename_cols(&[col]).remove(0));
            c
        },
    );
    for (o, n) in checks.renamed {
        ops.push(Op::RenameConstraint {
            table: table.clone(),
            from: o.name.clone(),
            to: n.name.clone(),
            kind: ConstraintKind::Check,
        });
    }
    for c in checks.dropped {
        ops.push(Op::DropCheck {
            table: table.clone(),
            check: c.clone(),
        });
    }
    for c in checks.added {
        ops.push(Op::AddCheck {
            table: table.clone(),
            check: c.clone(),
        });
    }
}

struct Paired<'a, T> {
    renamed: Vec<(&'a T, &'a T)>,
    dropped: Vec<&'a T>,
    added: Vec<&'a T>,
}

/// Matches constraints or indexes: same name and same definition is no
/// change; a different name with the same definition is a rename; the rest
/// are drops and adds. `shape` is the definition without the name, with the
/// old side's column and table renames applied.
fn pair<'a, T: PartialEq>(
    old: &'a [T],
    new: &'a [T],
    name: impl Fn(&T) -> String,
    shape: impl Fn(&T) -> T,
) -> Paired<'a, T> {
    let mut out = Paired {
        renamed: Vec::new(),
        dropped: Vec::new(),
        added: Vec::new(),
    };
    let mut new_matched = vec![false; new.len()];
    let mut old_left = Vec::new();
    for o in old {
        match new
            .iter()
            .position(|n| name(n) == name(o) && shape(n) == shape(o))
        {
            Some(i) => new_matched[i] = true,
            None => old_left.push(o),
        }
    }
    for o in old_left {
        let twin = new.iter().enumerate().position(|(i, n)| {
            !new_matched[i] && shape(n) == shape(o) && !old.iter().any(|x| name(x) == name(n))
        });
        match twin {
            Some(i) => {
                new_matched[i] = true;
                out.renamed.push((o, &new[i]));
            }
            None => out.dropped.push(o),
        }
    }
    for (i, n) in new.iter().enumerate() {
        if !new_matched[i] {
            out.added.push(n);
        }
    }
    out
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
