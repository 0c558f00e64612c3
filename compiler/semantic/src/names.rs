//! The name normalisations generated code and SQL use: the collision rules
//! are stated in terms of them.

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

/// The table (or view) name of a model: `pluralize(snake_case(name))`.
pub fn table_name(model: &str) -> String {
    pluralize(&to_snake_case(model))
}

/// `echoName` → `EchoName`, `already_snake` → `AlreadySnake`.
pub fn to_pascal_case(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut word_start = true;
    for c in name.chars() {
        if c == '_' || c == '-' || c == ' ' {
            word_start = true;
            continue;
        }
        if c.is_ascii_uppercase() {
            word_start = true;
        }
        if word_start {
            out.extend(c.to_uppercase());
            word_start = false;
        } else {
            out.extend(c.to_lowercase());
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
    }

    #[test]
    fn suggestions_are_close_matches_only() {
        assert_eq!(did_you_mean("uniqe", ["unique", "id"]), Some("unique"));
        assert_eq!(did_you_mean("audti", ["audit", "emit"]), Some("audit"));
        assert_eq!(did_you_mean("banana", ["unique", "id"]), None);
    }
}
