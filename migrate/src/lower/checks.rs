//! CHECK constraints: validators marked `@db_enforce`, and on SQLite the
//! checks that stand in for types it lacks (enums, booleans, JSON).

use super::attrs::{field_attribute, has_field_attribute, named};
use super::columns::Storage;
use crate::Dialect;
use crate::names::{fit_identifier, literal, quote};
use crate::physical::Check;
use cstack_compiler::syntax::ast::Arity;
use cstack_compiler::{FieldModel, Scalar, SchemaModel, TypeModel, Value};

pub fn field_checks(
    schema: &SchemaModel,
    table: &str,
    field: &FieldModel,
    storage: Storage,
    dialect: Dialect,
) -> Vec<Check> {
    let column = quote(&field.column);
    let mut checks = Vec::new();
    let mut push = |kind: &str, expression: String| {
        checks.push(Check {
            name: fit_identifier(&format!("{table}_{}_{kind}_check", field.column)),
            column: Some(field.column.clone()),
            expression,
        })
    };
    let list = field.arity == Arity::List;
    if dialect == Dialect::Sqlite {
        match storage {
            _ if list => push("json", format!("json_valid({column})")),
            Storage::Enum => {
                if let TypeModel::Enum(name) = &field.ty
                    && let Some(e) = schema.enums.iter().find(|e| &e.name == name)
                    && !e.variants.is_empty()
                {
                    let variants: Vec<String> = e.variants.iter().map(|v| literal(v)).collect();
                    push("enum", format!("{column} IN ({})", variants.join(", ")));
                }
            }
            Storage::Scalar(Scalar::Boolean) => push("bool", format!("{column} IN (0, 1)")),
            Storage::Scalar(Scalar::Json) | Storage::Json => {
                push("json", format!("json_valid({column})"))
            }
            _ => {}
        }
    }
    if !has_field_attribute(field, "db_enforce") || list {
        return checks;
    }
    let scalar = match storage {
        Storage::Scalar(scalar) => scalar,
        _ => return checks,
    };
    if let Some(range) = field_attribute(field, "range") {
        let value = if dialect == Dialect::Sqlite && scalar == Scalar::Decimal {
            // Decimals are TEXT on SQLite; compare them as numbers.
            format!("CAST({column} AS NUMERIC)")
        } else {
            column.clone()
        };
        let bounds = bounds(named(range, "min"), named(range, "max"), &value);
        if !bounds.is_empty() {
            push("range", bounds.join(" AND "));
        }
    }
    if let Some(length) = field_attribute(field, "length") {
        let measure = match (dialect, scalar) {
            (Dialect::Postgres, Scalar::Bytes) => format!("octet_length({column})"),
            (Dialect::Postgres, _) => format!("char_length({column})"),
            (Dialect::Sqlite, _) => format!("length({column})"),
        };
        let bounds = bounds(named(length, "min"), named(length, "max"), &measure);
        if !bounds.is_empty() {
            push("length", bounds.join(" AND "));
        }
    }
    if has_field_attribute(field, "iso4217") {
        push(
            "iso4217",
            match dialect {
                Dialect::Postgres => format!("{column} ~ '^[A-Z]{{3}}$'"),
                Dialect::Sqlite => {
                    format!("length({column}) = 3 AND {column} GLOB '[A-Z][A-Z][A-Z]'")
                }
            },
        );
    }
    checks
}

fn bounds(min: Option<&Value>, max: Option<&Value>, value: &str) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(Value::Number(min)) = min {
        out.push(format!("{value} >= {min}"));
    }
    if let Some(Value::Number(max)) = max {
        out.push(format!("{value} <= {max}"));
    }
    out
}
