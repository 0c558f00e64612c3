//! The comparison operators and relation quantifiers: one vocabulary for
//! the policies generated code declares and the filter tree the query layer
//! builds, so lowering a policy into a filter maps nothing.

/// How a comparison relates its two sides.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CmpOp {
    Eq,
    Ne,
    Lt,
    Lte,
    Gt,
    Gte,
}

/// Which related rows a relation condition is about. A to-one path uses
/// `Some`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Quantifier {
    /// At least one related row matches.
    Some,
    /// Every related row matches (true when there are none).
    Every,
    /// No related row matches.
    None,
}
