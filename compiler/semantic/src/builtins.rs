//! Built-in type names.

/// A built-in type.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Scalar {
    String,
    Cuid,
    Int,
    Float,
    Boolean,
    DateTime,
    Decimal,
    Json,
    Bytes,
    Uuid,
    /// `Page<T>`: procedure return types only.
    Page,
    /// `PageInput`: procedure arguments only.
    PageInput,
    /// `FindMany<T>`: procedure arguments only.
    FindMany,
    /// `Vector(n)`: needs `extension pgvector`.
    Vector,
}

impl Scalar {
    pub const ALL: [Scalar; 14] = [
        Scalar::String,
        Scalar::Cuid,
        Scalar::Int,
        Scalar::Float,
        Scalar::Boolean,
        Scalar::DateTime,
        Scalar::Decimal,
        Scalar::Json,
        Scalar::Bytes,
        Scalar::Uuid,
        Scalar::Page,
        Scalar::PageInput,
        Scalar::FindMany,
        Scalar::Vector,
    ];

    pub fn from_name(name: &str) -> Option<Scalar> {
        Scalar::ALL.into_iter().find(|scalar| scalar.name() == name)
    }

    pub fn name(self) -> &'static str {
        match self {
            Scalar::String => "String",
            Scalar::Cuid => "Cuid",
            Scalar::Int => "Int",
            Scalar::Float => "Float",
            Scalar::Boolean => "Boolean",
            Scalar::DateTime => "DateTime",
            Scalar::Decimal => "Decimal",
            Scalar::Json => "Json",
            Scalar::Bytes => "Bytes",
            Scalar::Uuid => "Uuid",
            Scalar::Page => "Page",
            Scalar::PageInput => "PageInput",
            Scalar::FindMany => "FindMany",
            Scalar::Vector => "Vector",
        }
    }

    /// The plain value types a field or argument can hold directly.
    pub fn is_value(self) -> bool {
        !matches!(
            self,
            Scalar::Page | Scalar::PageInput | Scalar::FindMany | Scalar::Vector
        )
    }

    /// Text-like types that compare with string literals.
    pub fn is_textual(self) -> bool {
        matches!(self, Scalar::String | Scalar::Cuid | Scalar::Uuid)
    }

    pub fn is_numeric(self) -> bool {
        matches!(self, Scalar::Int | Scalar::Float | Scalar::Decimal)
    }

    /// Types with a meaningful `<`/`>` order.
    pub fn is_ordered(self) -> bool {
        self.is_numeric() || self.is_textual() || self == Scalar::DateTime
    }
}
