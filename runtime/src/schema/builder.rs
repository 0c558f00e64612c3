//! Marker types of the typestate builders generated for create inputs: a
//! required field's slot is [`Unset`] until its setter turns it into
//! [`Set`], and `build()` exists only when every slot is `Set`.

/// A required field that has not been given yet.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Unset;

/// A required field that has been given.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Set<T>(pub T);
