//! The catalogue of stable diagnostic codes.
//!
//! A code never changes meaning once released. Codes are grouped by phase:
//! `E0xxx` syntax, `E1xxx` names, `E2xxx` types, `E3xxx` attributes,
//! `E4xxx` relations, `E5xxx` policies, `E6xxx` views, `E7xxx` procedures,
//! `E8xxx` schema configuration; warnings use `W` and the same grouping.
//! `docs/diagnostics.md` documents each one, and every code has a fixture
//! under `tests/check/` (both enforced by tests).

use crate::Severity;

/// The phase of checking a code belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phase {
    Syntax,
    Names,
    Types,
    Attributes,
    Relations,
    Policies,
    Views,
    Procedures,
    Schema,
}

macro_rules! codes {
    ($($variant:ident = $code:literal, $phase:ident, $summary:literal;)*) => {
        /// A stable diagnostic code.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Code {
            $(#[doc = $summary] $variant,)*
        }

        /// Every code, in catalogue order.
        pub const CATALOGUE: &[Code] = &[$(Code::$variant,)*];

        impl Code {
            /// The code as printed, for example `E1006`.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(Code::$variant => $code,)*
                }
            }

            /// A one-line description of what the code means.
            pub const fn summary(self) -> &'static str {
                match self {
                    $(Code::$variant => $summary,)*
                }
            }

            pub const fn phase(self) -> Phase {
                match self {
                    $(Code::$variant => Phase::$phase,)*
                }
            }
        }
    };
}

codes! {
    SyntaxUnexpected = "E0001", Syntax, "Unexpected text where the grammar expects something else.";
    SyntaxMissing = "E0002", Syntax, "A required token or part of a declaration is missing.";

    DuplicateDeclaration = "E1001", Names, "Two declarations (or a declaration and a built-in type) share a name.";
    NameCollision = "E1002", Names, "Distinct names that collide once normalised for generated code, tables or routes.";
    ReservedName = "E1003", Names, "A name that cannot be represented as a Rust identifier (`self`, `Self`, `super`, `crate`).";
    DuplicateField = "E1004", Names, "A field name declared twice in one block (after mixin expansion).";
    FieldNameCollision = "E1005", Names, "Field names that collide in generated code (snake_case, setters, touch flags).";
    UnknownType = "E1006", Names, "A type name that is neither built in nor declared.";
    DuplicateVariant = "E1007", Names, "An enum variant declared twice.";
    UnknownMixin = "E1008", Names, "`@use(...)` names something that is not a mixin.";
    DuplicateParameter = "E1009", Names, "A procedure parameter declared twice.";
    DuplicateSingleton = "E1010", Names, "A second `datasource`, `auth` or `transport` declaration.";
    HiddenGeneratedName = "W1001", Names, "A name the generated crate cannot export at its root, because a declaration or the crate itself holds it.";

    InvalidTypeUsage = "E2001", Types, "A built-in generic or special type used where it is not supported.";
    TypeAsStorage = "E2002", Types, "A model field typed with a `type` declaration, which has no storage.";
    ListOnDatabaseModel = "E2003", Types, "A list-valued scalar field on a database-backed model.";
    InvalidTypeArguments = "E2004", Types, "Type arguments or parameters of the wrong shape.";
    VectorWithoutExtension = "E2005", Types, "`Vector(n)` without `extension pgvector`.";
    UnindexableOnMysql = "E2006", Types, "A `Json` or `Bytes` field in a key or index, in a schema whose datasource is `mysql`.";

    UnknownAttribute = "E3001", Attributes, "An attribute that does not exist in this position.";
    InvalidAttributeArguments = "E3002", Attributes, "Attribute arguments of the wrong shape, or arguments on a bare attribute.";
    DuplicateAttribute = "E3003", Attributes, "An attribute that may appear once, written more than once.";
    MissingPrimaryKey = "E3004", Attributes, "A model without `@id` or `@@id([...])`.";
    MultiplePrimaryKeys = "E3005", Attributes, "More than one primary key on a model.";
    ConflictingAttributes = "E3006", Attributes, "Attributes that cannot be combined.";
    ValidatorTypeMismatch = "E3007", Attributes, "A validator on a field whose type it cannot check.";
    InvalidBounds = "E3008", Attributes, "`@range`/`@length` bounds that are malformed, fractional on an integer, or inverted.";
    InvalidRegex = "E3009", Attributes, "A `@regex` pattern that does not compile.";
    InvalidVersionField = "E3010", Attributes, "A `@version` field that is not a required, non-key `Int`.";
    InvalidDefault = "E3011", Attributes, "A `@default(...)` value that does not fit the field.";
    InvalidFieldList = "E3012", Attributes, "A field list in `@@id`, `@@unique` or `@@index` that names unknown, relation or repeated fields.";
    DuplicateConstraint = "E3013", Attributes, "The same `@@unique`/`@@index` declared twice.";
    InvalidEventList = "E3014", Attributes, "`@@emit(...)` with unknown or no operations.";
    SubscribeRequirements = "E3015", Attributes, "`@@subscribe` without `transport rpc` or without `@@emit(...)`.";
    AttributeNotAllowedHere = "E3016", Attributes, "An attribute that exists, but not on this kind of declaration or field.";
    CompositeIdUnsupported = "E3017", Attributes, "A composite `@@id([...])`, which code generation does not support.";
    RemovedAttribute = "E3018", Attributes, "An attribute that was removed from the language (`@pb`, field-level `@allow`/`@deny`).";

    MissingRelationAttribute = "E4001", Relations, "A field typed with a model but without `@relation(...)`.";
    InvalidRelationArguments = "E4002", Relations, "`@relation(...)` arguments of the wrong shape.";
    UnknownRelationField = "E4003", Relations, "`@relation` names a field that does not exist or is not a scalar.";
    RelationTypeMismatch = "E4004", Relations, "The local and referenced fields of a relation have different types.";
    InvalidReferentialAction = "E4005", Relations, "An `onDelete`/`onUpdate` action that is unknown or cannot apply.";
    RelationOnScalar = "E4006", Relations, "`@relation(...)` on a field that is not typed with a model.";

    InvalidPolicyAction = "E5001", Policies, "A policy action that is unknown or not allowed here.";
    InvalidPolicyShape = "E5002", Policies, "A policy attribute without an action string and one expression.";
    UnknownPolicyName = "E5003", Policies, "A policy names an unknown field, `auth()` member or procedure input.";
    PolicyTypeMismatch = "E5004", Policies, "Operands of a policy comparison whose types do not fit together.";
    NonBooleanPolicyTerm = "E5005", Policies, "A policy term that is not a Boolean.";
    InvalidRelationPath = "E5006", Policies, "A relation path that misuses `some`/`every`/`none` or traverses a scalar.";
    InvalidPolicyFunction = "E5007", Policies, "An unknown policy function, or one given the wrong arguments.";
    AuthWithoutAuthBlock = "E5008", Policies, "`auth().x` in a schema that declares no `auth` block.";
    OptionalLiteralComparison = "E5009", Policies, "An optional field compared with a literal other than `null`.";

    UnknownViewSource = "E6001", Views, "A view source that is not a model.";
    ViewWithoutSource = "E6002", Views, "A view without `from <Model>`.";
    ViewWithoutSql = "E6003", Views, "A view without `@@server_sql`, `@@embedded_sql` or `@@sql`.";
    ViewPrimaryKey = "E6004", Views, "A view without exactly one `@id` field and without `@@no_unique`.";
    InvalidMaterializedView = "E6005", Views, "`@@materialized` without a server SQL body, or with `@@no_unique`.";
    MaterializedOnEmbedded = "E6006", Views, "`@@materialized` in a schema whose datasource is `sqlite`.";
    InvalidFromReference = "E6007", Views, "`@from(Model.field)` naming something that is not a field of a source model.";
    InvalidRefresh = "E6008", Views, "`@@materialized(refresh = ...)` with a value that is neither a duration nor `on_change`.";
    MaterializedOnMysql = "E6009", Views, "`@@materialized` in a schema whose datasource is `mysql`, which has no materialized views.";
    FromTypeMismatch = "W6001", Views, "A view field whose type differs from the field its `@from` names.";

    InvalidProcedureAttribute = "E7001", Procedures, "A procedure attribute with an invalid value.";
    StatusUnderRpc = "E7002", Procedures, "`@status` under `transport rpc`.";
    StreamWithoutList = "E7003", Procedures, "`@stream` on a procedure that does not return a list.";
    RateLimitWithoutExtension = "E7004", Procedures, "`@no_rate_limit` without `extension rate_limit`.";
    InvalidAuthorize = "E7005", Procedures, "`@authorize(Model, action, path)` that does not fit the model or the arguments.";

    UnknownProvider = "E8001", Schema, "A datasource provider other than `postgresql`, `mysql`, `sqlite` or `none`.";
    ModelWithoutDatabase = "E8002", Schema, "A model in a schema whose datasource provider is `none`.";
    UnknownExtension = "E8003", Schema, "An extension other than `pgvector` and `rate_limit`.";
    InvalidTransport = "E8004", Schema, "A transport style other than `rest` or `rpc`.";
    InvalidConfigEntry = "E8005", Schema, "A configuration entry that is unknown or has a value of the wrong shape.";
    ServerOnlyExtension = "E8006", Schema, "`extension pgvector` in a schema whose datasource is `sqlite`.";
    PgvectorOnMysql = "E8007", Schema, "`extension pgvector`, which is PostgreSQL-only, in a schema whose datasource is `mysql`.";
    LossyMigration = "W8001", Schema, "A change that loses data compared with the committed migrations snapshot.";
}

impl Code {
    /// Warnings are the `W` codes; everything else is an error.
    pub const fn severity(self) -> Severity {
        if self.as_str().as_bytes()[0] == b'W' {
            Severity::Warning
        } else {
            Severity::Error
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn codes_are_unique_and_well_formed() {
        let mut seen = HashSet::new();
        for code in CATALOGUE {
            let text = code.as_str();
            assert!(seen.insert(text), "{text} appears twice");
            assert_eq!(text.len(), 5, "{text}");
            assert!(matches!(text.as_bytes()[0], b'E' | b'W'), "{text}");
            assert!(text[1..].bytes().all(|b| b.is_ascii_digit()), "{text}");
        }
    }
}
