//! Fixes: the text change that resolves a diagnostic, carried by the
//! diagnostic as data so every consumer (an editor's code action, the
//! command line's `json` and `sarif` output) applies the one the checker
//! computed instead of re-deriving it from the message.

use crate::{Anchor, TextRange};

/// One replacement: `range` (relative to `anchor`, like a label's) becomes
/// `new_text`. An empty range inserts.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Edit {
    pub range: TextRange,
    pub anchor: Anchor,
    pub new_text: String,
}

impl Edit {
    /// An edit whose range is absolute in the file, or that a stage anchors
    /// later (see [`crate::Diagnostic::anchor_to`]).
    pub fn new(range: TextRange, new_text: impl Into<String>) -> Self {
        Self::anchored(Anchor::FILE, range, new_text)
    }

    pub fn anchored(anchor: Anchor, range: TextRange, new_text: impl Into<String>) -> Self {
        Self {
            range,
            anchor,
            new_text: new_text.into(),
        }
    }
}

/// A change that makes the diagnostic go away, certain enough to apply
/// without asking: what an editor offers as the preferred quick fix.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Fix {
    /// What it does, in the imperative: "Change to `@unique`".
    pub title: String,
    /// At least one edit; the edits do not overlap.
    pub edits: Vec<Edit>,
}

impl Fix {
    pub fn new(title: impl Into<String>, edits: Vec<Edit>) -> Self {
        Self {
            title: title.into(),
            edits,
        }
    }

    /// A fix of a single edit.
    pub fn single(title: impl Into<String>, edit: Edit) -> Self {
        Self::new(title, vec![edit])
    }
}

#[cfg(test)]
mod tests {
    use crate::{Anchor, Code, Diagnostic, Edit, Fix, Label, TextRange};

    #[test]
    fn a_suggestion_is_help_and_a_fix_over_the_primary_label() {
        let mut diagnostic = Diagnostic::new(
            Code::UnknownType,
            "unknown type `Strin`",
            Label::anchored(Anchor(7), TextRange::new(3, 8), ""),
        );
        diagnostic.suggest("String");
        assert_eq!(diagnostic.help.as_deref(), Some("did you mean `String`?"));
        assert_eq!(
            diagnostic.fix,
            Some(Fix::single(
                "Change to `String`",
                Edit::anchored(Anchor(7), TextRange::new(3, 8), "String")
            ))
        );
    }

    #[test]
    fn fix_edits_are_anchored_resolved_and_shifted_like_labels() {
        let mut diagnostic = Diagnostic::error(Code::UnknownType, "m", TextRange::new(3, 8))
            .with_fix(Fix::single("f", Edit::new(TextRange::empty(10), "x")));
        diagnostic.anchor_to(Anchor(1));
        let edit = &diagnostic.fix.as_ref().unwrap().edits[0];
        assert_eq!(edit.anchor, Anchor(1));
        diagnostic.resolve(|anchor| (anchor == Anchor(1)).then_some(100));
        let edit = &diagnostic.fix.as_ref().unwrap().edits[0];
        assert_eq!(
            (edit.anchor, edit.range),
            (Anchor::FILE, TextRange::empty(110))
        );
        assert_eq!(diagnostic.primary.range, TextRange::new(103, 108));
        diagnostic.shift(5);
        let edit = &diagnostic.fix.as_ref().unwrap().edits[0];
        assert_eq!(edit.range, TextRange::empty(115));
        assert_eq!(diagnostic.primary.range, TextRange::new(108, 113));
    }
}
