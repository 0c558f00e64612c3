//! The schema's enums, stored as their schema spelling.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, ::serde::Serialize, ::serde::Deserialize)]
pub enum Status {
    #[serde(rename = "Draft")]
    Draft,
    #[serde(rename = "Published")]
    Published,
}

impl Status {
    /// Every variant, in schema order.
    pub const ALL: &'static [Self] = &[Self::Draft, Self::Published];
    /// The schema's spelling, which is what is stored.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Draft => "Draft",
            Self::Published => "Published",
        }
    }
}

impl ::std::fmt::Display for Status {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl ::std::str::FromStr for Status {
    type Err = ::cstack_runtime::UnknownVariant;
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        match text {
            "Draft" => Ok(Self::Draft),
            "Published" => Ok(Self::Published),
            _ => Err(::cstack_runtime::UnknownVariant {
                enum_name: "Status",
                text: text.to_string(),
            }),
        }
    }
}

impl ::cstack_runtime::__codegen::ToValue for Status {
    const KIND: ::cstack_runtime::Kind = ::cstack_runtime::Kind::Enum("status");
    fn to_value(&self) -> ::cstack_runtime::Value {
        ::cstack_runtime::Value::Enum {
            type_name: "status",
            variant: self.as_str(),
        }
    }
}

impl ::cstack_runtime::__codegen::FromValue for Status {
    fn from_value(value: ::cstack_runtime::Value) -> ::cstack_runtime::Result<Self> {
        ::cstack_runtime::__codegen::from_enum_text(value)
    }
}
