//! Models: fields after mixin expansion, keys, block attributes, relations
//! and policies.

use super::attributes::{LabelText, Position, check_attributes, known_attributes};
use super::context::FieldRef;
use super::fields::{check_decl_name, check_field_names, lower_field, renamed_from};
use super::types::{TypePosition, check_type_ref, resolved_type};
use super::{Ctx, defaults, policy, relations, validators};
use crate::lang::{self, EVENT_OPERATIONS};
use crate::model::{self, EventOperation, Index, Model, Policy, Relation, Tracking};
use crate::names::{did_you_mean, table_name};
use crate::{Provider, Resolved, Scalar, Transport};
use cstack_diagnostics::{Code, Edit, Fix, Label, TextRange};
use cstack_syntax::ast::{Arity, Attribute, ExprKind, Field};

/// What a model field is, once checked.
enum Checked {
    Stored(model::Field),
    Relation(Relation),
    /// Not resolved (an error was reported), or not a stored value.
    Nothing,
}

/// What the `@@` attributes of a model say.
#[derive(Default)]
struct Block {
    tracking: Tracking,
    soft_delete: bool,
    subscribe: bool,
    paged: bool,
    retain_days: Option<u32>,
    uniques: Vec<Vec<String>>,
    indexes: Vec<Index>,
    renamed_from: Option<String>,
    policies: Vec<Policy>,
}

pub fn validate_model(ctx: &mut Ctx<'_>) -> Option<Model> {
    check_decl_name(ctx);
    let syntax = ctx.syntax;
    let anchor = ctx.anchor();
    if ctx.settings.provider == Some(Provider::None) {
        ctx.error(
            Code::ModelWithoutDatabase,
            format!(
                "model `{}` is not allowed: the schema declares `provider = \"none\"`",
                ctx.name()
            ),
            syntax.name_range(),
        )
        .with_label_text("model without a database")
        .help = Some(
            "use `type` for procedure payloads, or choose the `postgresql`, `mysql` or `sqlite` provider"
                .to_string(),
        );
    }
    let line_attributes = check_attributes(ctx, &syntax.attributes, Position::ModelLine, anchor);
    check_uses(ctx, &line_attributes);
    let fields = ctx.expanded_fields(ctx.decl);
    check_field_names(ctx, &fields, true);
    // Sized for every field: the model outlives this check, with no room to
    // spare.
    let mut stored = Vec::with_capacity(fields.len());
    let mut relations = Vec::new();
    for field in &fields {
        match check_field(ctx, field, &fields) {
            Checked::Stored(field) => stored.push(field),
            Checked::Relation(relation) => relations.push(relation),
            Checked::Nothing => {}
        }
    }
    let primary_key = check_keys(ctx, &fields);
    check_version(ctx, &fields);
    let block = check_attributes(ctx, &syntax.block_attributes, Position::ModelBlock, anchor);
    let block = check_block_attributes(ctx, &fields, &block);
    let mut uniques: Vec<Vec<String>> = stored
        .iter()
        .filter(|field| field.unique)
        .map(|field| vec![field.name.clone()])
        .collect();
    uniques.extend(block.uniques);
    if ctx.settings.provider == Some(Provider::Mysql) {
        let keys = std::iter::once(&primary_key)
            .chain(&uniques)
            .chain(block.indexes.iter().map(|index| &index.fields));
        check_mysql_keys(ctx, &fields, &stored, keys);
    }
    stored.shrink_to_fit();
    relations.shrink_to_fit();
    Some(Model {
        name: ctx.name().to_string(),
        docs: syntax.docs.clone(),
        table: table_name(ctx.name()),
        renamed_from: block.renamed_from,
        fields: stored,
        relations,
        primary_key,
        uniques,
        indexes: block.indexes,
        soft_delete: block.soft_delete,
        tracking: block.tracking,
        subscribe: block.subscribe,
        paged: block.paged,
        retain_days: block.retain_days,
        policies: block.policies,
    })
}

/// `@use(A, B)`: every name is a mixin.
fn check_uses(ctx: &mut Ctx<'_>, attributes: &[&Attribute]) {
    for attribute in attributes.iter().filter(|a| a.name.text == "use") {
        if attribute.args().is_empty() && attribute.arguments.is_some() {
            ctx.error(
                Code::InvalidAttributeArguments,
                "`@use()` must list at least one mixin",
                attribute.range,
            )
            .with_label_text("no mixins");
        }
        for argument in attribute.args() {
            let name = match (&argument.name, argument.value.as_ident()) {
                (None, Some(name)) => name,
                _ => {
                    ctx.error(
                        Code::InvalidAttributeArguments,
                        "`@use(...)` lists mixin names",
                        argument.range,
                    )
                    .with_label_text("expected a mixin name");
                    continue;
                }
            };
            if !matches!(ctx.resolve(name), Some(Resolved::Mixin(_))) {
                let mixins: Vec<String> = ctx
                    .scope()
                    .names_where(|resolved| matches!(resolved, Resolved::Mixin(_)))
                    .into_iter()
                    .map(str::to_string)
                    .collect();
                let suggestion =
                    did_you_mean(name, mixins.iter().map(String::as_str)).map(str::to_string);
                let diagnostic = ctx
                    .error(
                        Code::UnknownMixin,
                        format!("model `{}` references unknown mixin `{name}`", ctx.name()),
                        argument.value.range,
                    )
                    .with_label_text("not a mixin");
                if let Some(suggestion) = suggestion {
                    diagnostic.suggest(&suggestion);
                }
            }
        }
    }
}

/// `fields` are all of the model's fields, `field_ref` among them.
fn check_field(ctx: &mut Ctx<'_>, field_ref: &FieldRef<'_>, fields: &[FieldRef<'_>]) -> Checked {
    let field = field_ref.field;
    let anchor = field_ref.anchor;
    // A mixin's own validation reports its attribute names and types; here
    // only the rules that depend on the model are checked.
    let attributes = if field_ref.mixin.is_some() {
        known_attributes(&field.attributes, Position::MixinField)
    } else {
        check_attributes(ctx, &field.attributes, Position::ModelField, anchor)
    };
    let Some(ty) = &field.ty else {
        return Checked::Nothing;
    };
    let resolved = if field_ref.mixin.is_some() {
        ctx.resolve(&ty.name.text)
    } else {
        check_type_ref(ctx, ty, TypePosition::ModelField, anchor)
    };
    let Some(resolved) = resolved else {
        return Checked::Nothing;
    };
    match resolved {
        Resolved::Type(_) => {
            ctx.error_at(
                Code::TypeAsStorage,
                format!(
                    "field `{}` on model `{}` cannot use `type {}` as its storage type",
                    field.name.text,
                    ctx.name(),
                    ty.name.text
                ),
                anchor,
                ty.name.range,
            )
            .with_label_text("a `type` has no table")
            .help = Some("use a model with a `@relation`, or a `Json` field".to_string());
        }
        Resolved::Builtin(scalar) if !scalar.is_value() && scalar != Scalar::Vector => {}
        Resolved::Builtin(_) | Resolved::Enum(_) | Resolved::Mixin(_) | Resolved::Auth(_)
            if ty.arity == Arity::List
                && ctx.settings.has_datasource
                && ctx.settings.provider != Some(Provider::None) =>
        {
            ctx.error_at(
                Code::ListOnDatabaseModel,
                format!(
                    "model `{}` field `{}`: list-valued type `{}[]` is not supported on a database-backed model",
                    ctx.name(),
                    field.name.text,
                    ty.name.text
                ),
                anchor,
                ty.range,
            )
            .with_label_text("scalar list")
            .help = Some("store the values in a related model, or in a `Json` field".to_string());
        }
        _ => {}
    }
    let validators = validators::check_validators(ctx, field, &attributes, Some(resolved), anchor);
    let default = defaults::check_default(ctx, field, Some(resolved), anchor);
    check_auth_default(ctx, field, resolved, anchor);
    check_field_conflicts(ctx, field, anchor);
    if let Some(relation) = relations::check_relation_field(ctx, field_ref, resolved, fields) {
        return Checked::Relation(relation);
    }
    if matches!(resolved, Resolved::Model(_)) {
        return Checked::Nothing;
    }
    let ty = resolved_type(ctx, ty, resolved);
    Checked::Stored(lower_field(field, ty, field_ref.mixin, default, validators))
}

/// `@default(auth().x)`: the member exists and has the field's type.
fn check_auth_default(
    ctx: &mut Ctx<'_>,
    field: &Field,
    resolved: Resolved<'_>,
    anchor: cstack_diagnostics::Anchor,
) {
    let Some(default) = field.attribute("default") else {
        return;
    };
    let Some(value) = default.positional().next() else {
        return;
    };
    let Some(path) = policy::auth_member_path(value) else {
        return;
    };
    let Some(member) = policy::resolve_auth_member(ctx, &path, anchor) else {
        return;
    };
    let field_scalar = match resolved {
        Resolved::Builtin(
            scalar @ (Scalar::String | Scalar::Cuid | Scalar::Int | Scalar::Boolean),
        ) => scalar,
        _ => {
            ctx.error_at(
                Code::InvalidDefault,
                "`@default(auth().…)` is only supported on `String`, `Cuid`, `Int` and `Boolean` fields",
                anchor,
                value.range,
            )
            .with_label_text("unsupported field type");
            return;
        }
    };
    let fits = member.type_name == field_scalar.name()
        || (field_scalar == Scalar::Cuid && member.type_name == "String");
    if !fits {
        ctx.error_at(
            Code::InvalidDefault,
            format!(
                "`auth().{}` is `{}` but field `{}` is `{}`",
                path.iter().map(|(s, _)| *s).collect::<Vec<_>>().join("."),
                member.type_name,
                field.name.text,
                field_scalar.name()
            ),
            anchor,
            value.range,
        )
        .with_label_text("type mismatch");
    }
}

fn check_field_conflicts(ctx: &mut Ctx<'_>, field: &Field, anchor: cstack_diagnostics::Anchor) {
    let name = &field.name.text;
    let is_id = field.has_attribute("id");
    for conflicting in ["readonly", "server_only", "version"] {
        if is_id && let Some(attribute) = field.attribute(conflicting) {
            ctx.error_at(
                Code::ConflictingAttributes,
                format!(
                    "field `{}.{name}` is the primary key and must not declare `@{conflicting}`",
                    ctx.name()
                ),
                anchor,
                attribute.head_range(),
            )
            .with_label_text("conflicts with `@id`");
        }
    }
    if field.has_attribute("readonly")
        && let Some(server_only) = field.attribute("server_only")
    {
        ctx.error_at(
            Code::ConflictingAttributes,
            format!(
                "field `{}.{name}` declares both `@readonly` and `@server_only`",
                ctx.name()
            ),
            anchor,
            server_only.head_range(),
        )
        .with_label_text("conflicts with `@readonly`")
        .help = Some("use `@server_only` alone".to_string());
    }
}

/// Exactly one primary key: one `@id` field or one `@@id([...])`. Returns
/// the key's field when there is exactly one `@id`.
fn check_keys(ctx: &mut Ctx<'_>, fields: &[FieldRef<'_>]) -> Vec<String> {
    let syntax = ctx.syntax;
    let id_fields: Vec<&FieldRef<'_>> = fields
        .iter()
        .filter(|f| f.field.has_attribute("id"))
        .collect();
    let composite: Vec<&Attribute> = syntax.block_attributes_named("id").collect();
    for extra in id_fields.iter().skip(1) {
        let first = id_fields[0];
        ctx.error_at(
            Code::MultiplePrimaryKeys,
            format!(
                "model `{}` declares more than one field-level `@id` (`{}` and `{}`)",
                ctx.name(),
                first.field.name.text,
                extra.field.name.text
            ),
            extra.anchor,
            extra
                .field
                .attribute("id")
                .map_or(extra.field.name.range, Attribute::head_range),
        )
        .with_label_text("second primary key")
        .secondary
        .push(Label::anchored(
            first.anchor,
            first.field.name.range,
            "first primary key",
        ));
    }
    if let (Some(first), Some(composite)) = (id_fields.first(), composite.first()) {
        ctx.error(
            Code::MultiplePrimaryKeys,
            format!(
                "model `{}` declares both a field-level `@id` (`{}`) and `@@id([...])`",
                ctx.name(),
                first.field.name.text
            ),
            composite.head_range(),
        )
        .with_label_text("second primary key");
    }
    if id_fields.is_empty() && composite.is_empty() {
        let diagnostic = ctx
            .error(
                Code::MissingPrimaryKey,
                format!(
                    "model `{}` is missing an `@id` field (or a model-level `@@id([...])` composite key)",
                    ctx.name()
                ),
                syntax.name_range(),
            )
            .with_label_text("no primary key");
        diagnostic.help =
            Some("mark the key field with `@id`, for example `id Int @id`".to_string());
        // A new first field, unless the model already has one named `id`
        // (which then needs the author's judgement, not a second `id`).
        if let Some(body) = syntax.body
            && !fields.iter().any(|f| f.field.name.text == "id")
        {
            diagnostic.fix = Some(Fix::single(
                "Add an `id Int @id` field",
                Edit::anchored(
                    diagnostic.primary.anchor,
                    TextRange::empty(body.start + 1),
                    "\n  id Int @id @default(autoincrement())",
                ),
            ));
        }
    }
    id_fields
        .first()
        .map(|field| vec![field.field.name.text.clone()])
        .unwrap_or_default()
}

fn check_version(ctx: &mut Ctx<'_>, fields: &[FieldRef<'_>]) {
    let versions: Vec<&FieldRef<'_>> = fields
        .iter()
        .filter(|f| f.field.has_attribute("version"))
        .collect();
    for (i, version) in versions.iter().enumerate() {
        let field = version.field;
        let range = field
            .attribute("version")
            .map_or(field.name.range, Attribute::head_range);
        if i > 0 {
            ctx.error_at(
                Code::InvalidVersionField,
                format!(
                    "model `{}` declares more than one `@version` field",
                    ctx.name()
                ),
                version.anchor,
                range,
            )
            .with_label_text("second version field");
            continue;
        }
        let is_required_int = field
            .ty
            .as_ref()
            .is_some_and(|ty| ty.name.text == "Int" && ty.arity == Arity::Required);
        if !is_required_int {
            ctx.error_at(
                Code::InvalidVersionField,
                format!(
                    "`@version` field `{}.{}` must be a required `Int`",
                    ctx.name(),
                    field.name.text
                ),
                version.anchor,
                field.ty.as_ref().map_or(range, |ty| ty.range),
            )
            .with_label_text("not a required `Int`");
        }
    }
}

fn check_block_attributes(
    ctx: &mut Ctx<'_>,
    fields: &[FieldRef<'_>],
    block: &[&Attribute],
) -> Block {
    let mut out = Block::default();
    let mut index_keys: Vec<(Vec<String>, Option<String>)> = Vec::new();
    for attribute in block {
        match attribute.name.text.as_str() {
            "emit" => out.tracking.emit = check_emit(ctx, attribute),
            "audit" => out.tracking.audit = true,
            "soft_delete" => out.soft_delete = true,
            "paged" => out.paged = true,
            "subscribe" => {
                out.subscribe = true;
                if ctx.settings.transport != Transport::Rpc {
                    ctx.error(
                        Code::SubscribeRequirements,
                        format!(
                            "model `{}` declares `@@subscribe`, which needs `transport rpc`",
                            ctx.name()
                        ),
                        attribute.head_range(),
                    )
                    .with_label_text("needs `transport rpc`");
                }
                if !block.iter().any(|a| a.name.text == "emit") {
                    ctx.error(
                        Code::SubscribeRequirements,
                        format!(
                            "model `{}` declares `@@subscribe` without `@@emit(...)`",
                            ctx.name()
                        ),
                        attribute.head_range(),
                    )
                    .with_label_text("nothing to subscribe to")
                    .help = Some("add `@@emit(created, updated, deleted)`".to_string());
                }
            }
            "retain" => out.retain_days = check_retain(ctx, attribute),
            "id" => {
                if let Some(list) = field_list(ctx, attribute, fields, 2, "composite id") {
                    for member in &list {
                        if let Some(field) = fields.iter().find(|f| &f.field.name.text == member)
                            && let Some(bad) = ["readonly", "server_only", "version"]
                                .into_iter()
                                .find(|a| field.field.has_attribute(a))
                        {
                            ctx.error(
                                Code::InvalidFieldList,
                                format!("`@@id` member `{member}` must not be `@{bad}`"),
                                attribute.head_range(),
                            )
                            .with_label_text("invalid key member");
                        }
                    }
                }
                ctx.error(
                    Code::CompositeIdUnsupported,
                    format!(
                        "model `{}` declares a composite primary key via `@@id([...])`, which code generation does not support",
                        ctx.name()
                    ),
                    attribute.head_range(),
                )
                .with_label_text("composite key")
                .help = Some(
                    "use a single `@id` field and a `@@unique([...])` over the key columns".to_string(),
                );
            }
            "unique" => {
                if let Some(list) = field_list(ctx, attribute, fields, 2, "composite unique") {
                    if out.uniques.contains(&list) {
                        ctx.error(
                            Code::DuplicateConstraint,
                            format!(
                                "model `{}` declares the same `@@unique([{}])` more than once",
                                ctx.name(),
                                list.join(", ")
                            ),
                            attribute.head_range(),
                        )
                        .with_label_text("duplicate constraint");
                    }
                    out.uniques.push(list);
                }
            }
            "index" => {
                if let Some(list) = field_list(ctx, attribute, fields, 1, "index") {
                    let (using, opclass) = check_index_options(ctx, attribute);
                    out.indexes.push(Index {
                        fields: list.clone(),
                        using: using.clone(),
                        opclass,
                    });
                    let key = (list, using);
                    if index_keys.contains(&key) {
                        ctx.error(
                            Code::DuplicateConstraint,
                            format!(
                                "model `{}` declares the same `@@index([{}])` more than once",
                                ctx.name(),
                                key.0.join(", ")
                            ),
                            attribute.head_range(),
                        )
                        .with_label_text("duplicate index");
                    }
                    index_keys.push(key);
                }
            }
            "rename" => {
                check_rename(ctx, attribute);
                out.renamed_from = renamed_from(Some(attribute));
            }
            "allow" | "deny" => {
                out.policies
                    .extend(policy::check_model_policy(ctx, attribute, fields));
            }
            _ => {}
        }
    }
    for field in fields.iter().filter(|f| f.mixin.is_none()) {
        if let Some(rename) = field.field.attribute("rename") {
            check_rename(ctx, rename);
        }
    }
    out
}

/// The operations `@@emit(...)` lists, in order, each once.
fn check_emit(ctx: &mut Ctx<'_>, attribute: &Attribute) -> Vec<EventOperation> {
    let mut operations = Vec::new();
    if attribute.args().is_empty() {
        ctx.error(
            Code::InvalidEventList,
            "`@@emit()` must declare at least one operation",
            attribute.range,
        )
        .with_label_text("no operations")
        .help = Some("for example `@@emit(created, updated, deleted)`".to_string());
    }
    for argument in attribute.args() {
        let op = argument
            .value
            .as_ident()
            .filter(|_| argument.name.is_none());
        if let Some(operation) = op.and_then(EventOperation::from_name) {
            if !operations.contains(&operation) {
                operations.push(operation);
            }
        } else {
            let found = argument.value.as_ident().unwrap_or("this value");
            let diagnostic = ctx
                .error(
                    Code::InvalidEventList,
                    format!("unsupported event operation `{found}`; expected `created`, `updated` or `deleted`"),
                    argument.range,
                )
                .with_label_text("unknown operation");
            if let Some(suggestion) = did_you_mean(found, lang::names(EVENT_OPERATIONS)) {
                diagnostic.suggest(suggestion);
            }
        }
    }
    operations
}

/// `@@retain(days: N)`: the days, when well-formed.
fn check_retain(ctx: &mut Ctx<'_>, attribute: &Attribute) -> Option<u32> {
    let days = attribute
        .named("days")
        .filter(|_| attribute.args().len() == 1)
        .and_then(|days| match &days.value.kind {
            ExprKind::Number(n) => n.parse::<u32>().ok(),
            _ => None,
        });
    if days.is_none() {
        ctx.error(
            Code::InvalidAttributeArguments,
            "`@@retain` requires `days: N` with a non-negative integer N",
            attribute
                .arguments
                .as_ref()
                .map_or(attribute.range, |a| a.range),
        )
        .with_label_text("expected `days: N`");
    }
    days
}

fn check_rename(ctx: &mut Ctx<'_>, attribute: &Attribute) {
    let valid = attribute.args().len() == 1
        && attribute
            .named("from")
            .is_some_and(|from| from.value.as_string().is_some_and(|s| !s.is_empty()));
    if !valid {
        ctx.error(
            Code::InvalidAttributeArguments,
            format!(
                "`{}` takes exactly `from = \"oldName\"`",
                attribute.display_name()
            ),
            attribute
                .arguments
                .as_ref()
                .map_or(attribute.range, |a| a.range),
        )
        .with_label_text("expected `from = \"...\"`");
    }
}

/// MySQL: InnoDB indexes no `json` or `longblob` column, so a `Json` or
/// `Bytes` field can be in no primary key, unique key or index. One error
/// per field, on its type.
fn check_mysql_keys<'k>(
    ctx: &mut Ctx<'_>,
    fields: &[FieldRef<'_>],
    stored: &[crate::model::Field],
    keys: impl Iterator<Item = &'k Vec<String>>,
) {
    let mut reported: Vec<&str> = Vec::new();
    for name in keys.flatten() {
        let Some(field) = stored.iter().find(|f| &f.name == name) else {
            continue;
        };
        let kind = field.storage().kind;
        if kind.mysql_indexable() {
            continue;
        }
        let type_name = kind.variant_name();
        if reported.contains(&name.as_str()) {
            continue;
        }
        reported.push(name);
        let Some(range) = fields
            .iter()
            .find(|f| &f.field.name.text == name)
            .and_then(|f| f.field.ty.as_ref().map(|ty| ty.range))
        else {
            continue;
        };
        ctx.error(
            Code::UnindexableOnMysql,
            format!(
                "field `{name}` of `{}` is `{type_name}`, which MySQL cannot index, but it is in a key or index and this schema's datasource is `mysql`",
                ctx.name()
            ),
            range,
        )
        .with_label_text("not indexable on MySQL")
        .help = Some(
            "key the model on another field, or use the `postgresql` provider".to_string(),
        );
    }
}

/// `[a, b]` as the first argument of `@@id`/`@@unique`/`@@index`, checked
/// against the model's scalar fields. `None` when malformed.
fn field_list(
    ctx: &mut Ctx<'_>,
    attribute: &Attribute,
    fields: &[FieldRef<'_>],
    minimum: usize,
    label: &str,
) -> Option<Vec<String>> {
    let display = attribute.display_name();
    let list = attribute.positional().next();
    let Some(ExprKind::Array(items)) = list.map(|l| &l.kind) else {
        ctx.error(
            Code::InvalidFieldList,
            format!(
                "{label} attribute `{display}` must list fields as `{display}([field1, field2])`"
            ),
            attribute
                .arguments
                .as_ref()
                .map_or(attribute.range, |a| a.range),
        )
        .with_label_text("expected a field list");
        return None;
    };
    let list_range = list.map_or(attribute.range, |l| l.range);
    let mut names: Vec<String> = Vec::new();
    let mut ok = true;
    for item in items {
        let Some(name) = item.as_ident() else {
            ctx.error(
                Code::InvalidFieldList,
                format!("`{display}` lists field names"),
                item.range,
            )
            .with_label_text("expected a field name");
            ok = false;
            continue;
        };
        if names.iter().any(|n| n == name) {
            ctx.error(
                Code::InvalidFieldList,
                format!("`{display}` lists field `{name}` more than once"),
                item.range,
            )
            .with_label_text("repeated");
            ok = false;
            continue;
        }
        match fields.iter().find(|f| f.field.name.text == name) {
            None => {
                let suggestion =
                    did_you_mean(name, fields.iter().map(|f| f.field.name.text.as_str()))
                        .map(str::to_string);
                let diagnostic = ctx
                    .error(
                        Code::InvalidFieldList,
                        format!(
                            "model `{}` `{display}` references unknown field `{name}`",
                            ctx.name()
                        ),
                        item.range,
                    )
                    .with_label_text("unknown field");
                if let Some(suggestion) = suggestion {
                    diagnostic.suggest(&suggestion);
                }
                ok = false;
            }
            Some(field)
                if field
                    .field
                    .ty
                    .as_ref()
                    .is_some_and(|ty| ctx.model_named(&ty.name.text).is_some()) =>
            {
                ctx.error(
                    Code::InvalidFieldList,
                    format!(
                        "`{display}` field `{name}` must be a scalar column, not a relation field"
                    ),
                    item.range,
                )
                .with_label_text("relation field");
                ok = false;
            }
            Some(_) => {}
        }
        names.push(name.to_string());
    }
    if items.len() < minimum {
        let message = if minimum == 2 {
            format!(
                "{label} attribute `{display}` must list at least two fields; use a field-level attribute for one"
            )
        } else {
            format!("{label} attribute `{display}` must list at least one field")
        };
        ctx.error(Code::InvalidFieldList, message, list_range)
            .with_label_text("too few fields");
        ok = false;
    }
    ok.then_some(names)
}

/// `using:` and `opclass:` on `@@index`; returns the access method and the
/// operator class.
fn check_index_options(
    ctx: &mut Ctx<'_>,
    attribute: &Attribute,
) -> (Option<String>, Option<String>) {
    let mut using = None;
    let mut opclass = None;
    for argument in attribute.args().iter().skip(1) {
        let Some(key) = &argument.name else {
            ctx.error(
                Code::InvalidAttributeArguments,
                "`@@index` takes one field list, then `using:` and `opclass:`",
                argument.range,
            )
            .with_label_text("unexpected argument");
            continue;
        };
        match key.text.as_str() {
            "using" => match argument.value.as_ident() {
                Some(method) => using = Some(method.to_string()),
                None => {
                    ctx.error(
                        Code::InvalidAttributeArguments,
                        "`using:` takes a bare access method name, such as `gin` or `ivfflat`",
                        argument.value.range,
                    )
                    .with_label_text("expected a bare name");
                }
            },
            "opclass" => {
                opclass = argument.value.as_string().map(str::to_string);
                if opclass.is_none() {
                    ctx.error(
                        Code::InvalidAttributeArguments,
                        "`opclass:` takes a quoted string like `\"vector_l2_ops\"`",
                        argument.value.range,
                    )
                    .with_label_text("expected a string");
                }
            }
            other => {
                ctx.error(
                    Code::InvalidAttributeArguments,
                    format!("`@@index` has no argument `{other}`; expected `using` or `opclass`"),
                    key.range,
                )
                .with_label_text("unknown argument");
            }
        }
    }
    (using, opclass)
}
