//! The file of one model: its struct, descriptor, create and update inputs,
//! the typestate builder, validation, and the field and relation helpers.

use crate::names::{allow_case, lit, type_name};
use crate::plan::{self, DefaultValue, Field, Model, Storage, decimal_expr, float_expr};
use cstack_compiler::generated;
use cstack_compiler::model::Validator;
use std::fmt::Write;

const RT: &str = "::cstack_runtime";

/// `#[doc = ...]` lines for a schema doc comment.
pub fn doc(docs: Option<&str>) -> String {
    docs.map(|text| {
        text.lines()
            .map(|line| format!("#[doc = {}]\n", lit(&format!(" {}", line.trim_end()))))
            .collect()
    })
    .unwrap_or_default()
}

/// `value` (a `&T` of the field's inner type, or `&Vec<T>` for a list) as a
/// runtime value.
fn value_of(field: &Field<'_>, value: &str) -> String {
    match &field.storage {
        _ if field.list => format!("{RT}::__codegen::json_value({value})"),
        Storage::Direct(_) | Storage::Enum(_) => {
            format!("{RT}::__codegen::ToValue::to_value({value})")
        }
        Storage::Json => format!("{RT}::__codegen::json_value({value})"),
    }
}

fn null_of(field: &Field<'_>) -> String {
    format!("{RT}::Value::Null({RT}::Kind::{})", field.kind())
}

fn usize_bound(bound: &Option<u32>) -> String {
    match bound {
        Some(n) => format!("Some({n})"),
        None => "None".into(),
    }
}

/// Statements checking one value `v` (a reference to the inner type).
fn checks(field: &Field<'_>) -> String {
    let name = lit(&field.model.name);
    let mut out = String::new();
    let text = field.inner == "String";
    for validator in field.validators {
        match validator {
            Validator::Length { min, max } if text => {
                let _ = writeln!(
                    out,
                    "{RT}::__codegen::validate::length_text(&mut errors, {name}, v, {}, {});",
                    usize_bound(min),
                    usize_bound(max)
                );
            }
            Validator::Length { min, max } if field.inner == "Vec<u8>" => {
                let _ = writeln!(
                    out,
                    "{RT}::__codegen::validate::length_bytes(&mut errors, {name}, v, {}, {});",
                    usize_bound(min),
                    usize_bound(max)
                );
            }
            Validator::Range { min, max } => {
                let (function, bound): (&str, fn(&rust_decimal::Decimal) -> Option<String>) =
                    match field.inner.as_str() {
                        "i64" => ("range_int", |b| {
                            i64::try_from(*b).ok().map(|n| format!("{n}_i64"))
                        }),
                        "f64" => ("range_float", |b| Some(float_expr(&b.to_string()))),
                        "::cstack_runtime::rust_decimal::Decimal" => {
                            ("range_decimal", |b| Some(decimal_expr(b)))
                        }
                        _ => continue,
                    };
                let bound = |b: &Option<rust_decimal::Decimal>| match b.as_ref().and_then(bound) {
                    Some(expr) => format!("Some({expr})"),
                    None => "None".to_string(),
                };
                let _ = writeln!(
                    out,
                    "{RT}::__codegen::validate::{function}(&mut errors, {name}, *v, {}, {});",
                    bound(min),
                    bound(max)
                );
            }
            Validator::Regex(pattern) if text => {
                let _ = writeln!(
                    out,
                    "{{ static PATTERN: ::std::sync::LazyLock<Option<{RT}::regex::Regex>> = \
                     ::std::sync::LazyLock::new(|| {RT}::regex::Regex::new({}).ok());\n\
                     if let Some(pattern) = PATTERN.as_ref() {{ {RT}::__codegen::validate::regex(&mut errors, {name}, v, pattern); }} }}",
                    lit(pattern)
                );
            }
            Validator::Email if text => {
                let _ = writeln!(
                    out,
                    "{RT}::__codegen::validate::email(&mut errors, {name}, v);"
                );
            }
            Validator::Uri if text => {
                let _ = writeln!(
                    out,
                    "{RT}::__codegen::validate::uri(&mut errors, {name}, v);"
                );
            }
            Validator::Iso4217 if text => {
                let _ = writeln!(
                    out,
                    "{RT}::__codegen::validate::iso4217(&mut errors, {name}, v);"
                );
            }
            _ => {}
        }
    }
    out
}

/// A setter's parameter type: numbers and booleans exactly (so an untyped
/// literal is not taken as `i32`), anything else through `Into`.
fn setter_type(ty: &str) -> String {
    match ty {
        "i64" | "f64" | "bool" => ty.to_string(),
        _ => format!("impl Into<{ty}>"),
    }
}

fn setter_value(ty: &str) -> &'static str {
    match ty {
        "i64" | "f64" | "bool" => "value",
        _ => "value.into()",
    }
}

fn serde_rename(field: &Field<'_>) -> String {
    lit(&field.model.name)
}

/// The create input's type for a field.
fn create_type(field: &Field<'_>) -> String {
    if field.list || Model::is_required(field) {
        field.ty()
    } else {
        format!("Option<{}>", field.inner)
    }
}

pub fn model_file(
    model: &Model<'_>,
    auth: Option<&str>,
    linkable: &dyn Fn(&str) -> bool,
    row_readers: bool,
    policies: &str,
) -> String {
    let name = type_name(model.name);
    let create = generated::create_input(model.name);
    let update = generated::update_input(model.name);
    let builder = generated::create_input_builder(model.name);
    let allow = allow_case(model.name);
    let is_view = model.view.is_some();
    let mut out = String::new();
    let _ = writeln!(
        out,
        "//! The `{}` {}: its row struct, {}descriptor and filter helpers.\n",
        model.name,
        if is_view { "view" } else { "model" },
        if is_view { "" } else { "inputs, " }
    );

    // The row struct.
    out += &doc(model.docs);
    let _ = writeln!(
        out,
        "{allow}#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]\npub struct {name} {{"
    );
    for field in &model.fields {
        out += &doc(field.model.docs.as_deref());
        let mut serde = format!("rename = {}", serde_rename(field));
        if field.server_only {
            serde += ", skip_serializing";
        }
        if crate::wire::model_field_default(field) {
            serde += ", default";
        }
        serde += crate::wire::bytes_attributes(&field.inner, false);
        let _ = writeln!(
            out,
            "#[serde({serde})]\npub {}: {},",
            field.ident,
            field.ty()
        );
    }
    let relations: Vec<_> = model
        .relations
        .iter()
        .filter(|r| has_delegate(model) && linkable(r.target))
        .collect();
    for relation in &relations {
        let target = crate::names::model_path(relation.target);
        let ty = if relation.to_many {
            format!("Option<Vec<{target}>>")
        } else {
            format!("Option<Box<{target}>>")
        };
        out += &doc(relation.model.docs.as_deref());
        let _ = writeln!(
            out,
            "#[doc = \" Filled by `include({}::{}())`; `None` when not loaded.\"]\n\
             #[serde(rename = {}, default, skip_serializing_if = \"Option::is_none\")]\npub {}: {ty},",
            crate::names::snake_ident(model.name),
            relation.ident,
            lit(&relation.model.name),
            relation.ident
        );
    }
    out += "}\n\n";

    // The descriptor.
    let soft_delete = if model.soft_delete {
        format!("Some({})", lit(cstack_compiler::names::SOFT_DELETE_COLUMN))
    } else {
        "None".to_string()
    };
    let version = model
        .version_field()
        .map_or("None".to_string(), |f| format!("Some({})", lit(&f.column)));
    let primary_key = model.id_field().map_or(String::new(), |f| f.column.clone());
    let _ = writeln!(
        out,
        "/// What the runtime knows about `{}`.\npub static DESCRIPTOR: {RT}::ModelDescriptor = {RT}::ModelDescriptor {{\n\
         name: {}, table: {}, primary_key: {}, soft_delete: {soft_delete}, version: {version}, columns: &[",
        model.name,
        lit(model.name),
        lit(model.table),
        lit(&primary_key),
    );
    for field in &model.fields {
        let _ = writeln!(
            out,
            "{RT}::Column {{ field: {}, name: {}, kind: {RT}::Kind::{}, nullable: {} }},",
            lit(&field.model.name),
            lit(&field.column),
            field.kind(),
            field.nullable()
        );
    }
    out += "],\nkinds: &[";
    for field in &model.fields {
        let _ = write!(out, "{RT}::Kind::{}, ", field.kind());
    }
    out += "],\n};\n\n";

    let delegate = has_delegate(model);
    let tracking = match model.model.and_then(plan::tracking) {
        Some(tracking) => format!("const TRACKING: {RT}::__codegen::Tracking = {tracking};\n"),
        None => String::new(),
    };
    if let (true, Some(id)) = (delegate, model.id_field()) {
        if model.emits() {
            let _ = writeln!(
                out,
                "/// A committed change to a `{}` (`@@emit`): what `subscribe()` yields.\npub type {} = {RT}::Event<{name}>;\n\n\
                 impl {RT}::__codegen::Emits for {name} {{}}\n",
                model.name,
                generated::event(model.name)
            );
        }
        let _ = writeln!(
            out,
            "impl {RT}::Model for {name} {{\n\
             const DESCRIPTOR: &'static {RT}::ModelDescriptor = &DESCRIPTOR;\n{policies}{tracking}\
             type Key = {};\n\
             fn from_row(row: &mut ::std::vec::IntoIter<{RT}::Value>) -> {RT}::Result<Self> {{\n\
             Ok(Self {{",
            id.inner
        );
        for field in &model.fields {
            let _ = writeln!(out, "{}: {},", field.ident, field.take());
        }
        for relation in &relations {
            let _ = writeln!(out, "{}: None,", relation.ident);
        }
        out += "})\n}\n";
        if row_readers {
            // Straight from an SQLite or MySQL row: no intermediate values.
            let _ = writeln!(
                out,
                "#[cfg(any(feature = \"sqlite\", feature = \"mysql\"))]\n\
                 fn read_row<R: {RT}::__codegen::ModelRow>(row: &R) -> {RT}::Result<Self> {{\nOk(Self {{"
            );
            for (index, field) in model.fields.iter().enumerate() {
                let read = match (&field.storage, field.nullable()) {
                    _ if field.list => "json_column",
                    (Storage::Direct(_), _) => "column",
                    (Storage::Enum(_), false) => "enum_column",
                    (Storage::Enum(_), true) => "enum_column_opt",
                    (Storage::Json, false) => "json_column",
                    (Storage::Json, true) => "json_column_opt",
                };
                let _ = writeln!(out, "{}: row.{read}({index})?,", field.ident);
            }
            for relation in &relations {
                let _ = writeln!(out, "{}: None,", relation.ident);
            }
            out += "})\n}\n";
        }
        out += "}\n\n";
    }

    // Views are read-only: no inputs.
    if !is_view {
        // The create input.
        let create_fields: Vec<&Field<'_>> = model.create_fields().collect();
        let _ = writeln!(
            out,
            "/// The values of a new `{}`. Optional fields and fields with a default may be left out.\n\
         {allow}#[derive(Debug, Clone, PartialEq, ::serde::Serialize, ::serde::Deserialize)]\n#[serde(deny_unknown_fields)]\npub struct {create} {{",
            model.name
        );
        for field in &create_fields {
            out += &doc(field.model.docs.as_deref());
            let serde = if field.list {
                format!("rename = {}, default", serde_rename(field))
            } else if Model::is_required(field) {
                format!("rename = {}", serde_rename(field))
            } else {
                format!(
                    "rename = {}, default, skip_serializing_if = \"Option::is_none\"",
                    serde_rename(field)
                )
            } + crate::wire::bytes_attributes(&field.inner, false);
            let _ = writeln!(
                out,
                "#[serde({serde})]\npub {}: {},",
                field.ident,
                create_type(field)
            );
        }
        out += "}\n\n";

        // Validation of the create input.
        let mut create_checks = String::new();
        for field in &create_fields {
            let body = checks(field);
            if body.is_empty() {
                continue;
            }
            let access = if field.list {
                format!("for v in &self.{} {{ {body} }}", field.ident)
            } else if Model::is_required(field) {
                format!("{{ let v = &self.{}; {body} }}", field.ident)
            } else {
                format!("if let Some(v) = &self.{} {{ {body} }}", field.ident)
            };
            create_checks += &access;
            create_checks.push('\n');
        }
        let errors_binding = if create_checks.is_empty() {
            "let errors"
        } else {
            "let mut errors"
        };
        let required: Vec<&&Field<'_>> = create_fields
            .iter()
            .filter(|f| Model::is_required(f))
            .collect();
        let unset = vec![format!("{RT}::__codegen::builder::Unset"); required.len()];
        let generics = |items: &[String]| {
            if items.is_empty() {
                String::new()
            } else {
                format!("<{}>", items.join(", "))
            }
        };
        let _ = writeln!(
            out,
            "impl {create} {{\n\
         /// A builder that only offers `build()` once every required field is given.\n\
         pub fn builder() -> {builder}{} {{\n{builder} {{",
            generics(&unset)
        );
        for field in &create_fields {
            let init = if Model::is_required(field) {
                format!("{RT}::__codegen::builder::Unset")
            } else if field.list {
                "Vec::new()".to_string()
            } else {
                "None".to_string()
            };
            let _ = writeln!(out, "{}: {init},", field.ident);
        }
        let _ = writeln!(
            out,
            "}}\n}}\n\n\
         /// Checks every validator of the schema; every failing field is reported.\n\
         pub fn validate(&self) -> Result<(), {RT}::ValidationErrors> {{\n\
         {errors_binding} = {RT}::ValidationErrors::new();\n{create_checks}errors.into_result()\n}}\n}}\n"
        );

        // Values of the create input.
        let auth_fields: Vec<&Field<'_>> = model
            .fields
            .iter()
            .filter(|f| matches!(f.default, DefaultValue::Auth(_)))
            .collect();
        let auth_param = if auth_fields.is_empty() || auth.is_none() {
            "_auth"
        } else {
            "auth"
        };
        // Without a key there is no delegate, so nothing to insert through.
        let mut insert = String::new();
        let out_before_insert = std::mem::take(&mut out);
        let _ = writeln!(
            out,
            "impl {RT}::__codegen::CreateInput<{name}> for {create} {{\n\
         fn validate(&self) -> Result<(), {RT}::ValidationErrors> {{ {create}::validate(self) }}\n\
         fn into_values(self, {auth_param}: {RT}::__codegen::Auth<'_>) -> {RT}::Result<Vec<(&'static str, {RT}::Value)>> {{"
        );
        if let (false, Some(auth)) = (auth_fields.is_empty(), auth) {
            let _ = writeln!(
                out,
                "let auth = auth.and_then(|auth| auth.downcast_ref::<crate::types::{auth}>()).ok_or_else(|| {RT}::Error::Forbidden {{ \
             reason: {}.to_string() }})?;",
                lit(&format!(
                    "creating a {} needs an authenticated principal (`Db::with_auth`)",
                    model.name
                ))
            );
        }
        let _ = writeln!(
            out,
            "let mut values = Vec::with_capacity({});",
            model.fields.len()
        );
        for field in &model.fields {
            let column = lit(&field.column);
            let in_create = create_fields.iter().any(|f| f.column == field.column);
            if in_create {
                let this = format!("self.{}", field.ident);
                if field.list || Model::is_required(field) {
                    let _ = writeln!(
                        out,
                        "values.push(({column}, {}));",
                        value_of(field, &format!("&{this}"))
                    );
                } else {
                    match &field.default {
                        DefaultValue::Expr(expr) => {
                            let _ = writeln!(
                                out,
                                "values.push(({column}, match &{this} {{ Some(v) => {}, None => {} }}));",
                                value_of(field, "v"),
                                value_of(field, &format!("&{expr}"))
                            );
                        }
                        DefaultValue::Database => {
                            let _ = writeln!(
                                out,
                                "if let Some(v) = &{this} {{ values.push(({column}, {})); }}",
                                value_of(field, "v")
                            );
                        }
                        _ => {
                            let _ = writeln!(
                                out,
                                "values.push(({column}, match &{this} {{ Some(v) => {}, None => {} }}));",
                                value_of(field, "v"),
                                null_of(field)
                            );
                        }
                    }
                }
            } else if let (DefaultValue::Auth(path), true) = (&field.default, auth.is_some()) {
                let access: Vec<String> =
                    path.iter().map(|p| crate::names::snake_ident(p)).collect();
                let _ = writeln!(
                    out,
                    "values.push(({column}, {}));",
                    value_of(field, &format!("&auth.{}", access.join(".")))
                );
            } else if field.version {
                let _ = writeln!(out, "values.push(({column}, {RT}::Value::Int(0)));");
            }
        }
        out += "Ok(values)\n}\n}\n\n";
        insert.push_str(&std::mem::replace(&mut out, out_before_insert));
        if delegate {
            out += &insert;
        }

        if delegate
            && model.id_field().is_some_and(|id| {
                create_fields
                    .iter()
                    .any(|f| f.column == id.column && Model::is_required(f))
            })
        {
            let _ = writeln!(
                out,
                "/// The caller supplies the primary key, so `upsert` can find the row.\n\
             impl {RT}::__codegen::UpsertInput<{name}> for {create} {{}}\n"
            );
        }

        // The typestate builder.
        let slots: Vec<String> = (0..required.len()).map(|i| format!("S{i}")).collect();
        let _ = writeln!(
            out,
            "/// Builds a [`{create}`]; `build()` exists once every required field is set.\n\
         {allow}#[must_use]\npub struct {builder}{} {{",
            generics(&slots)
        );
        for field in &create_fields {
            let ty = match required.iter().position(|r| r.column == field.column) {
                Some(slot) => slots[slot].clone(),
                None => create_type(field),
            };
            let _ = writeln!(out, "{}: {ty},", field.ident);
        }
        out += "}\n\n";
        let setter_name = |field: &Field<'_>| {
            if field.plain == "build" {
                "set_build".to_string()
            } else {
                field.ident.clone()
            }
        };
        for (slot, field) in required.iter().enumerate() {
            let mut before = slots.clone();
            before[slot] = format!("{RT}::__codegen::builder::Unset");
            let mut after = slots.clone();
            after[slot] = format!("{RT}::__codegen::builder::Set<{}>", field.inner);
            let free: Vec<String> = slots
                .iter()
                .enumerate()
                .filter(|(i, _)| *i != slot)
                .map(|(_, s)| s.clone())
                .collect();
            let _ = writeln!(
                out,
                "impl{} {builder}{} {{\npub fn {}(self, value: {}) -> {builder}{} {{\n{builder} {{",
                generics(&free),
                generics(&before),
                setter_name(field),
                setter_type(&field.inner),
                generics(&after)
            );
            for other in &create_fields {
                if other.column == field.column {
                    let _ = writeln!(
                        out,
                        "{}: {RT}::__codegen::builder::Set({}),",
                        other.ident,
                        setter_value(&field.inner)
                    );
                } else {
                    let _ = writeln!(out, "{0}: self.{0},", other.ident);
                }
            }
            out += "}\n}\n}\n\n";
        }
        let optional: Vec<&&Field<'_>> = create_fields
            .iter()
            .filter(|f| !Model::is_required(f))
            .collect();
        if !optional.is_empty() {
            let _ = writeln!(out, "impl{0} {builder}{0} {{", generics(&slots));
            for field in optional {
                if field.list {
                    let _ = writeln!(
                        out,
                        "pub fn {0}(mut self, value: Vec<{1}>) -> Self {{ self.{2} = value; self }}\n\
                     pub fn add_{3}(mut self, item: impl Into<{1}>) -> Self {{ self.{2}.push(item.into()); self }}",
                        setter_name(field),
                        field.inner,
                        field.ident,
                        field.plain
                    );
                } else {
                    let _ = writeln!(
                        out,
                        "pub fn {}(mut self, value: {}) -> Self {{ self.{} = Some({}); self }}",
                        setter_name(field),
                        setter_type(&field.inner),
                        field.ident,
                        setter_value(&field.inner)
                    );
                }
            }
            out += "}\n\n";
        }
        let done: Vec<String> = required
            .iter()
            .map(|f| format!("{RT}::__codegen::builder::Set<{}>", f.inner))
            .collect();
        let _ = writeln!(
            out,
            "impl {builder}{} {{\npub fn build(self) -> {create} {{\n{create} {{",
            generics(&done)
        );
        for field in &create_fields {
            if Model::is_required(field) {
                let _ = writeln!(out, "{0}: self.{0}.0,", field.ident);
            } else {
                let _ = writeln!(out, "{0}: self.{0},", field.ident);
            }
        }
        out += "}\n}\n}\n\n";

        // The update input.
        let update_fields: Vec<&Field<'_>> = model.update_fields().collect();
        let _ = writeln!(
            out,
            "/// A change to a `{}`: each field is left unchanged, set, or (if optional) cleared.\n\
         {allow}#[derive(Debug, Clone, Default, PartialEq, ::serde::Serialize, ::serde::Deserialize)]\n#[serde(deny_unknown_fields)]\npub struct {update} {{",
            model.name
        );
        for field in &update_fields {
            let _ = writeln!(
                out,
                "#[serde(rename = {}, default, skip_serializing_if = \"{RT}::Patch::is_unchanged\"{})]\npub {}: {RT}::Patch<{}>,",
                serde_rename(field),
                crate::wire::bytes_attributes(&field.inner, false),
                field.ident,
                field.ty_for_patch()
            );
        }
        out += "}\n\n";
        let mut update_checks = String::new();
        for field in &update_fields {
            if !field.optional {
                let _ = writeln!(
                    update_checks,
                    "if matches!(self.{}, {RT}::Patch::Null) {{ errors.push({}, \"required\", \"cannot be null\".to_string()); }}",
                    field.ident,
                    lit(&field.model.name)
                );
            }
            let body = checks(field);
            if body.is_empty() {
                continue;
            }
            if field.list {
                let _ = writeln!(
                    update_checks,
                    "if let {RT}::Patch::Set(items) = &self.{} {{ for v in items {{ {body} }} }}",
                    field.ident
                );
            } else {
                let _ = writeln!(
                    update_checks,
                    "if let {RT}::Patch::Set(v) = &self.{} {{ {body} }}",
                    field.ident
                );
            }
        }
        let errors_binding = if update_checks.is_empty() {
            "let errors"
        } else {
            "let mut errors"
        };
        let _ = writeln!(
            out,
            "impl {update} {{\n/// Changes nothing until a setter is called.\npub fn new() -> Self {{ Self::default() }}"
        );
        for field in &update_fields {
            let _ = writeln!(
                out,
                "pub fn set_{}(mut self, value: {}) -> Self {{ self.{} = {RT}::Patch::Set({}); self }}",
                field.plain,
                setter_type(&field.ty_for_patch()),
                field.ident,
                setter_value(&field.ty_for_patch())
            );
            if field.optional {
                let _ = writeln!(
                    out,
                    "pub fn clear_{}(mut self) -> Self {{ self.{} = {RT}::Patch::Null; self }}",
                    field.plain, field.ident
                );
            }
        }
        let _ = writeln!(
            out,
            "/// Checks the validators of every field being set.\n\
         pub fn validate(&self) -> Result<(), {RT}::ValidationErrors> {{\n\
         {errors_binding} = {RT}::ValidationErrors::new();\n{update_checks}errors.into_result()\n}}\n}}\n"
        );
        let values_binding = if update_fields.is_empty() {
            "let values"
        } else {
            "let mut values"
        };
        let out_before_update = std::mem::take(&mut out);
        let _ = writeln!(
            out,
            "impl {RT}::__codegen::UpdateInput<{name}> for {update} {{\n\
         fn validate(&self) -> Result<(), {RT}::ValidationErrors> {{ {update}::validate(self) }}\n\
         fn values(&self) -> Vec<(&'static str, {RT}::Value)> {{\n{values_binding} = Vec::new();"
        );
        for field in &update_fields {
            let push = if field.list || field.storage == Storage::Json {
                "push_json_to"
            } else {
                "push_to"
            };
            let _ = writeln!(
                out,
                "self.{}.{push}({}, &mut values);",
                field.ident,
                lit(&field.column)
            );
        }
        out += "values\n}\n}\n\n";
        let update_impl = std::mem::replace(&mut out, out_before_update);
        if delegate {
            out += &update_impl;
        }
    }

    // Field and relation helpers.
    for field in model.fields.iter().filter(|f| f.filterable() && !f.list) {
        let _ = writeln!(
            out,
            "/// The `{}` column, for filters and ordering.\npub fn {}() -> {RT}::Field<{name}, {}> {{ {RT}::Field::new({}) }}",
            field.model.name,
            field.ident,
            field.inner,
            lit(&field.column)
        );
    }
    for relation in &relations {
        let target = crate::names::model_path(relation.target);
        let (kind, attach) = if relation.to_many {
            (
                "ToManyRelation",
                format!("|row, related| row.{} = Some(related)", relation.ident),
            )
        } else {
            (
                "Relation",
                format!(
                    "|row, related| row.{} = related.map(Box::new)",
                    relation.ident
                ),
            )
        };
        let _ = writeln!(
            out,
            "/// The `{}` relation: filter through it, or `include` it.\n\
             pub fn {}() -> {RT}::{kind}<{name}, {target}> {{\n{RT}::{kind} {{\n\
             local: {}, remote: {},\n\
             local_key: |row| {RT}::__codegen::ToValue::to_value(&row.{}),\n\
             remote_key: |row| {RT}::__codegen::ToValue::to_value(&row.{}),\n\
             attach: {attach},\n}}\n}}",
            relation.model.name,
            relation.ident,
            lit(&relation.local.column),
            lit(&relation.remote.column),
            relation.local.ident,
            relation.remote.ident,
        );
    }
    out
}

impl Field<'_> {
    /// The type inside an update's `Patch`.
    fn ty_for_patch(&self) -> String {
        if self.list {
            format!("Vec<{}>", self.inner)
        } else {
            self.inner.clone()
        }
    }
}

/// Whether the model gets a `Model` impl (and so a delegate).
pub fn has_delegate(model: &plan::Model<'_>) -> bool {
    model.id_field().is_some_and(|f| f.filterable() && !f.list)
}
