//! The schema's enums, stored as their schema spelling.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, ::serde::Serialize, ::serde::Deserialize)]
pub enum Role {
    #[serde(rename = "Reader")]
    Reader,
    #[serde(rename = "Writer")]
    Writer,
    #[serde(rename = "Admin")]
    Admin,
}

impl Role {
    /// Every variant, in schema order.
    pub const ALL: &'static [Self] = &[Self::Reader, Self::Writer, Self::Admin];
    /// The schema's spelling, which is what is stored.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Reader => "Reader",
            Self::Writer => "Writer",
            Self::Admin => "Admin",
        }
    }
}

impl ::std::fmt::Display for Role {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl ::std::str::FromStr for Role {
    type Err = ::cstack_runtime::UnknownVariant;
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        match text {
            "Reader" => Ok(Self::Reader),
            "Writer" => Ok(Self::Writer),
            "Admin" => Ok(Self::Admin),
            _ => Err(::cstack_runtime::UnknownVariant {
                enum_name: "Role",
                text: text.to_string(),
            }),
        }
    }
}

impl ::cstack_runtime::__codegen::ToValue for Role {
    const KIND: ::cstack_runtime::Kind = ::cstack_runtime::Kind::Enum("role");
    fn to_value(&self) -> ::cstack_runtime::Value {
        ::cstack_runtime::Value::Enum {
            type_name: "role",
            variant: self.as_str(),
        }
    }
}

impl ::cstack_runtime::__codegen::FromValue for Role {
    fn from_value(value: ::cstack_runtime::Value) -> ::cstack_runtime::Result<Self> {
        ::cstack_runtime::__codegen::from_enum_text(value)
    }
}
