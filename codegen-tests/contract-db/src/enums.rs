//! The schema's enums, stored as their schema spelling.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, ::serde::Serialize, ::serde::Deserialize)]
pub enum Mood {
    #[serde(rename = "Calm")]
    Calm,
    #[serde(rename = "Stormy")]
    Stormy,
}

impl Mood {
    /// Every variant, in schema order.
    pub const ALL: &'static [Self] = &[Self::Calm, Self::Stormy];
    /// The schema's spelling, which is what is stored.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Calm => "Calm",
            Self::Stormy => "Stormy",
        }
    }
}

impl ::std::fmt::Display for Mood {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl ::std::str::FromStr for Mood {
    type Err = ::cstack_runtime::UnknownVariant;
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        match text {
            "Calm" => Ok(Self::Calm),
            "Stormy" => Ok(Self::Stormy),
            _ => Err(::cstack_runtime::UnknownVariant {
                enum_name: "Mood",
                text: text.to_string(),
            }),
        }
    }
}

impl ::cstack_runtime::__codegen::ToValue for Mood {
    const KIND: ::cstack_runtime::Kind = ::cstack_runtime::Kind::Enum("mood");
    fn to_value(&self) -> ::cstack_runtime::Value {
        ::cstack_runtime::Value::Enum {
            type_name: "mood",
            variant: self.as_str(),
        }
    }
}

impl ::cstack_runtime::__codegen::FromValue for Mood {
    fn from_value(value: ::cstack_runtime::Value) -> ::cstack_runtime::Result<Self> {
        ::cstack_runtime::__codegen::from_enum_text(value)
    }
}
