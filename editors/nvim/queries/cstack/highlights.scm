; Syntax highlighting for `.cstack`, using nvim-treesitter capture names.
;
; Later patterns win over earlier ones for the same node (in Neovim and in
; tree-sitter-highlight alike), so general fallbacks come first and the
; specific cases follow.

; ---------------------------------------------------------------------------
; Fallbacks

(identifier) @variable

; ---------------------------------------------------------------------------
; Keywords

[
  "datasource"
  "extension"
  "mcp"
  "transport"
  "from"
] @keyword

[
  "model"
  "type"
  "enum"
  "view"
  "mixin"
  "auth"
] @keyword.type

"procedure" @keyword.function

"mutation" @keyword.modifier

[
  "in"
  "not"
] @keyword.operator

; ---------------------------------------------------------------------------
; Declarations

(model_declaration
  name: (identifier) @type.definition)

(type_declaration
  name: (identifier) @type.definition)

(enum_declaration
  name: (identifier) @type.definition)

(view_declaration
  name: (identifier) @type.definition)

(mixin_declaration
  name: (identifier) @type.definition)

(auth_declaration
  name: (identifier) @type.definition)

(datasource_declaration
  name: (identifier) @module)

(extension_declaration
  name: (identifier) @module)

(mcp_declaration
  name: (identifier) @module)

(transport_declaration
  style: (identifier) @constant.builtin)

(view_sources
  source: (identifier) @type)

(procedure_declaration
  name: (identifier) @function)

(parameter
  name: (identifier) @variable.parameter)

; ---------------------------------------------------------------------------
; Members

(field_declaration
  name: (identifier) @variable.member)

(enum_variant
  name: (identifier) @constant)

(config_entry
  key: (identifier) @property)

(named_argument
  name: (identifier) @property)

; ---------------------------------------------------------------------------
; Types

(type_reference
  name: (identifier) @type)

((type_reference
  name: (identifier) @type.builtin)
  (#any-of? @type.builtin
    "String" "Cuid" "Int" "Float" "Boolean" "DateTime" "Decimal" "Json" "Bytes"
    "Uuid" "Page" "PageInput" "FindMany" "Vector"))

(optional_modifier) @punctuation.special

; ---------------------------------------------------------------------------
; Attributes: the `@` / `@@` sigil and the name together.

(attribute
  "@" @attribute
  name: (identifier) @attribute)

(block_attribute
  "@@" @attribute
  name: (identifier) @attribute)

; ---------------------------------------------------------------------------
; Expressions

; `Model.field` inside `@from(...)`, `@relation(...)` and friends.
((member_expression
  object: (identifier) @type)
  (#match? @type "^[A-Z]"))

(member_expression
  property: (identifier) @variable.member)

; Quantifiers on to-many relation paths: `posts.some.published`.
((member_expression
  property: (identifier) @keyword.operator)
  (#any-of? @keyword.operator "some" "every" "none"))

(call_expression
  function: (identifier) @function.call)

(call_expression
  function: (member_expression
    property: (identifier) @function.method.call))

((call_expression
  function: (identifier) @function.builtin)
  (#any-of? @function.builtin
    "auth" "hasRole" "inTenant" "isSystem" "now" "autoincrement" "dbgenerated" "cs_cuid"))

; Referential actions in `@relation(onDelete: ..., onUpdate: ...)`.
((named_argument
  value: (identifier) @constant.builtin)
  (#any-of? @constant.builtin "Cascade" "Restrict" "SetNull" "SetDefault" "NoAction"))

; ---------------------------------------------------------------------------
; Literals

(string) @string

(number) @number

[
  (true)
  (false)
] @boolean

(null) @constant.builtin

; ---------------------------------------------------------------------------
; Operators and punctuation

[
  "||"
  "&&"
  "!"
  "=="
  "!="
  "<="
  ">="
  "="
] @operator

(binary_expression
  operator: [
    "<"
    ">"
  ] @operator)

(type_arguments
  [
    "<"
    ">"
  ] @punctuation.bracket)

[
  "("
  ")"
  "["
  "]"
  "{"
  "}"
] @punctuation.bracket

[
  ","
  ":"
  "."
] @punctuation.delimiter

; ---------------------------------------------------------------------------
; Comments

; `@spell` sits in its own pattern, before the highlight, so that highlighters
; which keep only the last capture of a node still see `@comment`.
[
  (comment)
  (doc_comment)
] @spell

(comment) @comment

(doc_comment) @comment.documentation
