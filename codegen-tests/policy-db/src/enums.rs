//! The schema's enums, stored as their schema spelling.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, ::serde::Serialize, ::serde::Deserialize)]
pub enum Visibility {
    #[serde(rename = "Public")]
    Public,
    #[serde(rename = "Internal")]
    Internal,
    #[serde(rename = "Secret")]
    Secret,
}

impl Visibility {
    /// Every variant, in schema order.
    pub const ALL: &'static [Self] = &[Self::Public, Self::Internal, Self::Secret];
    /// The schema's spelling, which is what is stored.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Public => "Public",
            Self::Internal => "Internal",
            Self::Secret => "Secret",
        }
    }
}

impl ::std::fmt::Display for Visibility {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl ::std::str::FromStr for Visibility {
    type Err = ::cstack_runtime::UnknownVariant;
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        match text {
            "Public" => Ok(Self::Public),
            "Internal" => Ok(Self::Internal),
            "Secret" => Ok(Self::Secret),
            _ => Err(::cstack_runtime::UnknownVariant {
                enum_name: "Visibility",
                text: text.to_string(),
            }),
        }
    }
}

impl ::cstack_runtime::__codegen::ToValue for Visibility {
    const KIND: ::cstack_runtime::Kind = ::cstack_runtime::Kind::Enum("visibility");
    fn to_value(&self) -> ::cstack_runtime::Value {
        ::cstack_runtime::Value::Enum {
            type_name: "visibility",
            variant: self.as_str(),
        }
    }
}

impl ::cstack_runtime::__codegen::FromValue for Visibility {
    fn from_value(value: ::cstack_runtime::Value) -> ::cstack_runtime::Result<Self> {
        ::cstack_runtime::__codegen::from_enum_text(value)
    }
}
