; Scopes, definitions and references in `.cstack`.
;
; Declaration names live in the file scope. Each body is a scope of its own,
; so field names of one model do not leak into another; references in a body
; (policy expressions, `@relation(fields: [...])`, `@@index([...])`) still see
; the declarations of the file. A procedure is the scope of its parameters,
; which its `@allow(...)` / `@deny(...)` lines refer to.

; ---------------------------------------------------------------------------
; Scopes

(source_file) @local.scope

(field_body) @local.scope

(config_body) @local.scope

(procedure_declaration) @local.scope

; ---------------------------------------------------------------------------
; Definitions

(model_declaration
  name: (identifier) @local.definition.type)

(type_declaration
  name: (identifier) @local.definition.type)

(enum_declaration
  name: (identifier) @local.definition.type)

(view_declaration
  name: (identifier) @local.definition.type)

(mixin_declaration
  name: (identifier) @local.definition.type)

(auth_declaration
  name: (identifier) @local.definition.type)

(datasource_declaration
  name: (identifier) @local.definition.namespace)

(extension_declaration
  name: (identifier) @local.definition.namespace)

(procedure_declaration
  name: (identifier) @local.definition.function)

(parameter
  name: (identifier) @local.definition.parameter)

(field_declaration
  name: (identifier) @local.definition.field)

; Enum bodies are not scopes: a variant is named from other declarations, as
; in `@default(ADMIN)` or `role == ADMIN`.
(enum_variant
  name: (identifier) @local.definition.constant)

(config_entry
  key: (identifier) @local.definition.field)

; ---------------------------------------------------------------------------
; References: type names, view sources, and identifiers in expression
; positions. Attribute names, named-argument keys and member properties are
; not references.

(type_reference
  name: (identifier) @local.reference)

(view_sources
  source: (identifier) @local.reference)

(arguments
  (identifier) @local.reference)

(array
  (identifier) @local.reference)

(named_argument
  value: (identifier) @local.reference)

(config_entry
  value: (identifier) @local.reference)

(binary_expression
  left: (identifier) @local.reference)

(binary_expression
  right: (identifier) @local.reference)

(in_expression
  left: (identifier) @local.reference)

(unary_expression
  operand: (identifier) @local.reference)

(parenthesized_expression
  (identifier) @local.reference)

(member_expression
  object: (identifier) @local.reference)
