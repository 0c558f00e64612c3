//! What a migration is to the runner: an id, a checksum and steps of
//! statements, borrowed so that generated crates keep them as constants and
//! `cstackc migrate` lends them from the files it read.

/// One migration: its id (the folder name, `<timestamp>_<slug>`), the
/// checksum `cstack-migrate` computes over its files, and its steps in
/// order. Generated crates hold them as constants; `cstackc migrate`
/// borrows them from the files it read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Migration<'a> {
    pub id: &'a str,
    pub checksum: &'a str,
    pub steps: &'a [MigrationStep<'a>],
}

impl<'a> Migration<'a> {
    pub const fn new(id: &'a str, checksum: &'a str, steps: &'a [MigrationStep<'a>]) -> Self {
        Migration {
            id,
            checksum,
            steps,
        }
    }
}

/// Statements applied together: in one transaction with the step's
/// progress, unless the migration marks the step `no-transaction`; then
/// each statement runs on its own (PostgreSQL would otherwise wrap a
/// multi-statement script in one implicit transaction).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MigrationStep<'a> {
    pub transactional: bool,
    pub statements: &'a [&'a str],
}

impl<'a> MigrationStep<'a> {
    pub const fn new(transactional: bool, statements: &'a [&'a str]) -> Self {
        MigrationStep {
            transactional,
            statements,
        }
    }
}
