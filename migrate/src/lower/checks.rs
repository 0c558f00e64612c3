//! CHECK constraints: validators marked `@db_enforce`, and on SQLite and
//! MySQL the checks that stand in for types they lack (enums; on SQLite
//! booleans and JSON too).

use crate::Dialect;
use crate::names::{literal, quote};
use crate::physical::Check;
use cstack_compiler::model::{Field, Type, Validator};
use cstack_compiler::names::check_name;
use cstack_compiler::storage_contract::Kind;
use cstack_compiler::{Scalar, SchemaModel};
use rust_decimal::Decimal;

pub fn field_checks(
    schema: &SchemaModel,
    table: &str,
    field: &Field,
    dialect: Dialect,
) -> Vec<Check> {
    let column = quote(&field.column);
    let mut checks = Vec::new();
    let mut push = |kind: &str, expression: String| {
        checks.push(Check {
            name: check_name(table, &field.column, kind),
            column: Some(field.column.clone()),
            expression,
        })
    };
    if dialect == Dialect::Mysql
        && let (Kind::Enum(_), Type::Enum(name)) = (&field.storage().kind, &field.ty)
        && let Some(e) = schema.enumeration(name).filter(|e| !e.variants.is_empty())
    {
        let variants: Vec<String> = e.variants.iter().map(|v| literal(v)).collect();
        push("enum", format!("{column} IN ({})", variants.join(", ")));
    }
    if dialect == Dialect::Sqlite {
        match (&field.storage().kind, &field.ty) {
            (Kind::Json, _) => push("json", format!("json_valid({column})")),
            (Kind::Enum(_), Type::Enum(name)) => {
                if let Some(e) = schema.enumeration(name).filter(|e| !e.variants.is_empty()) {
                    let variants: Vec<String> = e.variants.iter().map(|v| literal(v)).collect();
                    push("enum", format!("{column} IN ({})", variants.join(", ")));
                }
            }
            (Kind::Bool, _) => push("bool", format!("{column} IN (0, 1)")),
            _ => {}
        }
    }
    let Type::Scalar(scalar) = field.ty else {
        return checks;
    };
    if !field.db_enforce || field.is_list() {
        return checks;
    }
    // Range, then length, then currency code: a fixed order, whatever the
    // order the validators are written in.
    for validator in &field.validators {
        if let Validator::Range { min, max } = validator {
            let value = if dialect == Dialect::Sqlite && scalar == Scalar::Decimal {
                // Decimals are TEXT on SQLite; compare them as numbers.
                format!("CAST({column} AS NUMERIC)")
            } else {
                column.clone()
            };
            let bounds = bounds(*min, *max, &value);
            if !bounds.is_empty() {
                push("range", bounds.join(" AND "));
            }
        }
    }
    for validator in &field.validators {
        if let Validator::Length { min, max } = validator {
            let measure = match (dialect, scalar) {
                (Dialect::Postgres | Dialect::Mysql, Scalar::Bytes) => {
                    format!("octet_length({column})")
                }
                (Dialect::Postgres | Dialect::Mysql, _) => format!("char_length({column})"),
                (Dialect::Sqlite, _) => format!("length({column})"),
            };
            let bounds = bounds(min.map(Decimal::from), max.map(Decimal::from), &measure);
            if !bounds.is_empty() {
                push("length", bounds.join(" AND "));
            }
        }
    }
    if field.validators.contains(&Validator::Iso4217) {
        push(
            "iso4217",
            match dialect {
                Dialect::Postgres => format!("{column} ~ '^[A-Z]{{3}}$'"),
                Dialect::Sqlite => {
                    format!("length({column}) = 3 AND {column} GLOB '[A-Z][A-Z][A-Z]'")
                }
                // Case-sensitive: the column's collation is binary.
                Dialect::Mysql => format!("{column} REGEXP '^[A-Z]{{3}}$'"),
            },
        );
    }
    checks
}

fn bounds(min: Option<Decimal>, max: Option<Decimal>, value: &str) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(min) = min {
        out.push(format!("{value} >= {min}"));
    }
    if let Some(max) = max {
        out.push(format!("{value} <= {max}"));
    }
    out
}
