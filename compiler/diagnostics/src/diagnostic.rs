//! The diagnostic type: a stable code, a severity, a message, a narrow primary
//! label, secondary labels, help and, where it is certain, a [`Fix`].

use crate::{Code, Edit, Fix, TextRange};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
    Note,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        }
    }
}

/// What a label's range is relative to.
///
/// Stages that want their output to survive edits elsewhere in the file (the
/// per-declaration validation) report ranges relative to the start of a
/// declaration, naming it by an opaque key; the driver makes them absolute
/// with [`Diagnostic::resolve`] before anyone renders them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Anchor(pub u64);

impl Anchor {
    /// The range is already an absolute byte range in the file.
    pub const FILE: Anchor = Anchor(u64::MAX);
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Label {
    pub range: TextRange,
    pub anchor: Anchor,
    pub message: String,
}

impl Label {
    pub fn new(range: TextRange, message: impl Into<String>) -> Self {
        Self {
            range,
            anchor: Anchor::FILE,
            message: message.into(),
        }
    }

    pub fn anchored(anchor: Anchor, range: TextRange, message: impl Into<String>) -> Self {
        Self {
            range,
            anchor,
            message: message.into(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Diagnostic {
    pub code: Code,
    pub severity: Severity,
    pub message: String,
    /// The offending token; its message is short (the detail is in `message`).
    pub primary: Label,
    pub secondary: Vec<Label>,
    pub help: Option<String>,
    /// The change that resolves it, when the checker knows it for certain;
    /// its edits are anchored like the labels.
    pub fix: Option<Fix>,
}

impl Diagnostic {
    /// A diagnostic with the code's default severity.
    pub fn new(code: Code, message: impl Into<String>, primary: Label) -> Self {
        Self {
            code,
            severity: code.severity(),
            message: message.into(),
            primary,
            secondary: Vec::new(),
            help: None,
            fix: None,
        }
    }

    pub fn error(code: Code, message: impl Into<String>, range: TextRange) -> Self {
        Self::new(code, message, Label::new(range, ""))
    }

    pub fn with_label(mut self, message: impl Into<String>) -> Self {
        self.primary.message = message.into();
        self
    }

    pub fn with_secondary(mut self, label: Label) -> Self {
        self.secondary.push(label);
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn with_severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }

    pub fn with_fix(mut self, fix: Fix) -> Self {
        self.fix = Some(fix);
        self
    }

    /// "did you mean `replacement`?": the help, and a fix that writes
    /// `replacement` over the primary label's range.
    pub fn suggest(&mut self, replacement: &str) -> &mut Self {
        let (anchor, range) = (self.primary.anchor, self.primary.range);
        self.suggest_at(anchor, range, replacement)
    }

    /// Like [`suggest`](Self::suggest), replacing `range` (relative to
    /// `anchor`) instead: for a misspelling that is part of the primary
    /// label's text, like one action in a policy's action string.
    pub fn suggest_at(&mut self, anchor: Anchor, range: TextRange, replacement: &str) -> &mut Self {
        self.help = Some(format!("did you mean `{replacement}`?"));
        self.fix = Some(Fix::single(
            format!("Change to `{replacement}`"),
            Edit::anchored(anchor, range, replacement),
        ));
        self
    }

    /// Every label, primary first.
    pub fn labels(&self) -> impl Iterator<Item = &Label> {
        std::iter::once(&self.primary).chain(&self.secondary)
    }

    /// Every range with its anchor: the labels', then the fix's edits'.
    fn ranges_mut(&mut self) -> impl Iterator<Item = (&mut TextRange, &mut Anchor)> {
        std::iter::once(&mut self.primary)
            .chain(&mut self.secondary)
            .map(|label| (&mut label.range, &mut label.anchor))
            .chain(
                self.fix
                    .iter_mut()
                    .flat_map(|fix| &mut fix.edits)
                    .map(|edit| (&mut edit.range, &mut edit.anchor)),
            )
    }

    /// Makes every range (labels and fix edits) absolute; `base` gives the
    /// start offset of an anchor, or `None` when the anchor no longer exists.
    pub fn resolve(&mut self, base: impl Fn(Anchor) -> Option<u32>) {
        for (range, anchor) in self.ranges_mut() {
            if *anchor != Anchor::FILE {
                *range = range.shifted(base(*anchor).unwrap_or(0));
                *anchor = Anchor::FILE;
            }
        }
    }

    /// Sets the anchor of every range (labels and fix edits) that has none
    /// yet.
    pub fn anchor_to(&mut self, anchor: Anchor) {
        for (_, own) in self.ranges_mut() {
            if *own == Anchor::FILE {
                *own = anchor;
            }
        }
    }

    /// Moves every absolute range (labels and fix edits) right by `delta`:
    /// for a stage that checked a slice of a larger text.
    pub fn shift(&mut self, delta: u32) {
        for (range, anchor) in self.ranges_mut() {
            if *anchor == Anchor::FILE {
                *range = range.shifted(delta);
            }
        }
    }
}
