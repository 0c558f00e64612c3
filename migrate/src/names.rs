//! SQL identifiers: quoting and PostgreSQL's 63-byte limit.

/// PostgreSQL silently truncates identifiers to 63 bytes, which would make
/// the database disagree with the snapshot. Longer names are shortened here,
/// deterministically, keeping a hash of the full name so two long names that
/// share a prefix stay distinct.
pub fn fit_identifier(name: &str) -> String {
    const LIMIT: usize = 63;
    if name.len() <= LIMIT {
        return name.to_string();
    }
    let hash = fnv1a(name.as_bytes());
    let mut cut = LIMIT - 9;
    while !name.is_char_boundary(cut) {
        cut -= 1;
    }
    format!("{}_{:08x}", &name[..cut], hash as u32)
}

fn fnv1a(bytes: &[u8]) -> u64 {
    let mut hash = 0xcbf29ce484222325u64;
    for byte in bytes {
        hash ^= u64::from(*byte);
        hash = hash.wrapping_mul(0x100000001b3);
    }
    hash
}

/// `name` as a double-quoted SQL identifier (both dialects), so reserved
/// words such as `order`, `end` or `limit` are safe as names.
pub fn quote(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// `text` as a single-quoted SQL string literal.
pub fn literal(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

/// A comma-separated list of quoted identifiers.
pub fn quote_list(names: &[String]) -> String {
    names
        .iter()
        .map(|n| quote(n))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_identifiers_are_shortened_to_63_bytes_and_stay_distinct() {
        let a = format!("{}_a_key", "x".repeat(70));
        let b = format!("{}_b_key", "x".repeat(70));
        assert_eq!(fit_identifier(&a).len(), 63);
        assert_ne!(fit_identifier(&a), fit_identifier(&b));
        assert_eq!(fit_identifier("users_pkey"), "users_pkey");
    }

    #[test]
    fn quotes_are_doubled() {
        assert_eq!(quote("a\"b"), "\"a\"\"b\"");
        assert_eq!(literal("it's"), "'it''s'");
    }
}
