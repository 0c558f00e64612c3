//! The salsa inputs: source files.

/// One `.cstack` file; each file is one schema.
#[salsa::input(debug)]
pub struct SourceFile {
    /// The path as given by the user, used in messages.
    #[returns(ref)]
    pub path: String,
    #[returns(ref)]
    pub text: String,
}
