//! The diagnostic type: a stable code, a severity, a message, a narrow primary
//! label, secondary labels and help.

use crate::{Code, TextRange};

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

    /// Every label, primary first.
    pub fn labels(&self) -> impl Iterator<Item = &Label> {
        std::iter::once(&self.primary).chain(&self.secondary)
    }

    /// Makes every label range absolute; `base` gives the start offset of an
    /// anchor, or `None` when the anchor no longer exists.
    pub fn resolve(&mut self, base: impl Fn(Anchor) -> Option<u32>) {
        let resolve_one = |label: &mut Label| {
            if label.anchor != Anchor::FILE {
                let offset = base(label.anchor).unwrap_or(0);
                label.range = label.range.shifted(offset);
                label.anchor = Anchor::FILE;
            }
        };
        resolve_one(&mut self.primary);
        self.secondary.iter_mut().for_each(resolve_one);
    }

    /// Sets the anchor of every label that has none yet.
    pub fn anchor_to(&mut self, anchor: Anchor) {
        for label in std::iter::once(&mut self.primary).chain(&mut self.secondary) {
            if label.anchor == Anchor::FILE {
                label.anchor = anchor;
            }
        }
    }
}
