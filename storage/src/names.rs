//! Physical names fitted to one identifier limit.

/// The longest identifier any supported dialect keeps as written: PostgreSQL
/// truncates identifiers to 63 bytes (MySQL allows 64, SQLite has no limit).
/// Every physical name is fitted to it once, whatever the dialect, so a
/// crate that talks to several backends uses one name for each table,
/// column, constraint and type.
pub const IDENTIFIER_LIMIT: usize = 63;

/// `name` shortened to [`IDENTIFIER_LIMIT`] bytes when longer,
/// deterministically: a prefix and a hash of the whole name, so two long
/// names that share a prefix stay distinct.
pub fn fit_identifier(name: &str) -> String {
    if name.len() <= IDENTIFIER_LIMIT {
        return name.to_string();
    }
    let hash = fnv1a(name.as_bytes());
    let mut cut = IDENTIFIER_LIMIT - 9;
    while !name.is_char_boundary(cut) {
        cut -= 1;
    }
    format!("{}_{:08x}", &name[..cut], hash as u32)
}

fn fnv1a(bytes: &[u8]) -> u64 {
    let mut hash = 0xcbf2_9ce4_8422_2325_u64;
    for byte in bytes {
        hash ^= u64::from(*byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_identifiers_are_fitted_and_stay_distinct() {
        let a = format!("{}_a_key", "x".repeat(70));
        let b = format!("{}_b_key", "x".repeat(70));
        assert_eq!(fit_identifier(&a).len(), IDENTIFIER_LIMIT);
        assert_ne!(fit_identifier(&a), fit_identifier(&b));
        assert_eq!(fit_identifier("users_pkey"), "users_pkey");
        // A multi-byte character is never cut in half.
        let wide = "é".repeat(40);
        assert!(fit_identifier(&wide).len() <= IDENTIFIER_LIMIT);
    }
}
