//! Client-side defaults: `@default(now())`, `@default(uuid())` and
//! `@default(cuid())` are filled in by the runtime, so a row gets the same
//! kind of value on both backends whatever the DDL says.

use chrono::{DateTime, SubsecRound, Utc};
use std::sync::atomic::{AtomicU32, Ordering};

/// The current time, truncated to microseconds (what both backends store).
pub fn now() -> DateTime<Utc> {
    Utc::now().trunc_subsecs(6)
}

/// A random (v4) UUID.
pub fn uuid() -> uuid::Uuid {
    uuid::Uuid::new_v4()
}

/// A collision-resistant id in the cuid style: `c`, the time in base 36, a
/// per-process counter and random characters.
pub fn cuid() -> String {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let millis = Utc::now().timestamp_millis().unsigned_abs();
    let count = COUNTER.fetch_add(1, Ordering::Relaxed);
    let random = uuid::Uuid::new_v4().as_u128();
    let mut id = String::from("c");
    push_base36(&mut id, u128::from(millis), 8);
    push_base36(&mut id, u128::from(count % 1_679_616), 4);
    push_base36(&mut id, random, 12);
    id
}

fn push_base36(out: &mut String, mut value: u128, width: usize) {
    const DIGITS: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut digits = Vec::with_capacity(width);
    for _ in 0..width {
        digits.push(DIGITS[(value % 36) as usize]);
        value /= 36;
    }
    out.extend(digits.iter().rev().map(|&d| d as char));
}

#[cfg(test)]
mod tests {
    #[test]
    fn cuids_are_distinct_and_shaped() {
        let a = super::cuid();
        let b = super::cuid();
        assert_ne!(a, b);
        assert_eq!(a.len(), 25);
        assert!(a.starts_with('c'));
    }
}
