//! The schema's `type` structs and its auth principal. Stored as JSON when a model field holds one.
#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]
pub struct User {
    #[serde(rename = "id")]
    pub id: i64,
    #[serde(rename = "role")]
    pub role: String,
}

impl ::cstack_runtime::__codegen::ToValue for User {
    const KIND: ::cstack_runtime::Kind = ::cstack_runtime::Kind::Json;
    fn to_value(&self) -> ::cstack_runtime::Value {
        ::cstack_runtime::__codegen::json_value(self)
    }
}

impl ::cstack_runtime::__codegen::FromValue for User {
    fn from_value(value: ::cstack_runtime::Value) -> ::cstack_runtime::Result<Self> {
        ::cstack_runtime::__codegen::from_json_value(value)
    }
}

/// What policies read through `auth()`.
impl ::cstack_runtime::Principal for User {
    fn member(&self, path: &[&str]) -> Option<::cstack_runtime::Value> {
        match path {
            ["id"] => Some(::cstack_runtime::__codegen::ToValue::to_value(&self.id))
                .filter(|v| !v.is_null()),
            ["role"] => Some(::cstack_runtime::__codegen::ToValue::to_value(&self.role))
                .filter(|v| !v.is_null()),
            _ => ::cstack_runtime::__codegen::policy_json_member(
                &::cstack_runtime::serde_json::to_value(self).ok()?,
                path,
            ),
        }
    }
    fn as_any(&self) -> &(dyn ::std::any::Any + Send + Sync) {
        self
    }
}
