//! Names: the normalisations generated code and SQL use (the collision
//! rules are stated in terms of them), and every physical name a schema
//! gives the database, fitted to one identifier limit
//! ([`cstack_storage::fit_identifier`]). Code generation, migrations and
//! the editor take physical names from here and nowhere else.

use cstack_storage::fit_identifier;

/// `UserGroup` → `user_group`; every uppercase letter starts a word.
pub fn to_snake_case(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 4);
    for (i, c) in name.chars().enumerate() {
        if c.is_uppercase() {
            if i != 0 {
                out.push('_');
            }
            out.extend(c.to_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// English-ish plural used for table names and routes: `bus` → `buses`,
/// `category` → `categories`, `day` → `days`.
pub fn pluralize(word: &str) -> String {
    if word.ends_with('s') {
        return format!("{word}es");
    }
    let mut chars = word.chars().rev();
    if let (Some('y'), Some(before)) = (chars.next(), chars.next())
        && !matches!(before, 'a' | 'e' | 'i' | 'o' | 'u')
    {
        return format!("{}ies", &word[..word.len() - 1]);
    }
    format!("{word}s")
}

/// The table (or view) of a model: `pluralize(snake_case(name))`, fitted.
pub fn table_name(model: &str) -> String {
    fit_identifier(&pluralize(&to_snake_case(model)))
}

/// The column of a field: `snake_case(name)`, fitted.
pub fn column_name(field: &str) -> String {
    fit_identifier(&to_snake_case(field))
}

/// The PostgreSQL enum type of an enum: `OrderStatus` → `order_status`.
pub fn enum_type_name(name: &str) -> String {
    fit_identifier(&to_snake_case(name))
}

/// The tombstone column `@@soft_delete` adds to a model's table.
pub const SOFT_DELETE_COLUMN: &str = "deleted_at";

/// The primary-key constraint of `table` (a materialized view's unique
/// index too).
pub fn primary_key_name(table: &str) -> String {
    fit_identifier(&format!("{table}_pkey"))
}

/// A unique constraint over `columns`.
pub fn unique_name(table: &str, columns: &[String]) -> String {
    fit_identifier(&format!("{table}_{}_key", columns.join("_")))
}

/// An index over `columns`, with its access method when it names one.
pub fn index_name(table: &str, columns: &[String], using: Option<&str>) -> String {
    let using = using.map(|method| format!("_{method}")).unwrap_or_default();
    fit_identifier(&format!("{table}_{}{using}_idx", columns.join("_")))
}

/// A foreign key over `columns`.
pub fn foreign_key_name(table: &str, columns: &[String]) -> String {
    fit_identifier(&format!("{table}_{}_fkey", columns.join("_")))
}

/// A CHECK constraint of kind `what` (`range`, `enum`, ...) on `column`.
pub fn check_name(table: &str, column: &str, what: &str) -> String {
    fit_identifier(&format!("{table}_{column}_{what}_check"))
}

/// PascalCase for generated Rust names: `in_progress` and `IN_PROGRESS`
/// become `InProgress`; an already PascalCase name is unchanged. Not a
/// valid identifier when it starts with a digit: callers prefix it.
pub fn to_pascal_case(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for word in name.split('_').filter(|w| !w.is_empty()) {
        let all_upper = word.chars().all(|c| !c.is_ascii_lowercase());
        let mut chars = word.chars();
        if let Some(first) = chars.next() {
            out.extend(first.to_uppercase());
            if all_upper {
                out.extend(chars.flat_map(char::to_lowercase));
            } else {
                out.extend(chars);
            }
        }
    }
    out
}

pub const RESERVED: &[&str] = &["self", "Self", "super", "crate"];

pub fn is_reserved(name: &str) -> bool {
    RESERVED.contains(&name)
}

/// The closest of `candidates` to `name`, if it is close enough to suggest.
pub fn did_you_mean<'a>(
    name: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|candidate| (strsim::damerau_levenshtein(name, candidate), candidate))
        .filter(|&(distance, candidate)| {
            distance > 0 && distance <= (candidate.len().max(name.len()) / 3).max(1)
        })
        .min_by_key(|&(distance, _)| distance)
        .map(|(_, candidate)| candidate)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalisations_match_upstream() {
        assert_eq!(to_snake_case("UserGroup"), "user_group");
        assert_eq!(to_snake_case("User_Group"), "user__group");
        assert_eq!(to_snake_case("HTTPServer"), "h_t_t_p_server");
        assert_eq!(pluralize("bus"), "buses");
        assert_eq!(pluralize("category"), "categories");
        assert_eq!(pluralize("day"), "days");
        assert_eq!(table_name("OrderItem"), "order_items");
        assert_eq!(to_pascal_case("echoName"), "EchoName");
        assert_eq!(to_pascal_case("already_snake"), "AlreadySnake");
        assert_eq!(to_pascal_case("IN_PROGRESS"), "InProgress");
        assert_eq!(to_pascal_case("PostStatus"), "PostStatus");
    }

    #[test]
    fn physical_names_fit_the_identifier_limit() {
        let long = "CustomerAccountReconciliationStatementLineItemAdjustmentHistoryEntryRecord";
        let table = table_name(long);
        assert_eq!(table.len(), cstack_storage::IDENTIFIER_LIMIT);
        assert!(table.starts_with("customer_account_reconciliation"));
        assert_eq!(table_name("OrderItem"), "order_items");
        assert_eq!(column_name("createdAt"), "created_at");
        assert_eq!(primary_key_name("users"), "users_pkey");
        assert_eq!(
            index_name("posts", &["a".into(), "b".into()], Some("gin")),
            "posts_a_b_gin_idx"
        );
        assert!(unique_name(&table, &["id".into()]).len() <= cstack_storage::IDENTIFIER_LIMIT);
    }

    #[test]
    fn suggestions_are_close_matches_only() {
        assert_eq!(did_you_mean("uniqe", ["unique", "id"]), Some("unique"));
        assert_eq!(did_you_mean("audti", ["audit", "emit"]), Some("audit"));
        assert_eq!(did_you_mean("banana", ["unique", "id"]), None);
    }
}
