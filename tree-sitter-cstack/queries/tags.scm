; Code-navigation tags for `.cstack`, with the `///` comments right above a
; declaration as its documentation.

((doc_comment)* @doc
  .
  (model_declaration
    name: (identifier) @name) @definition.class
  (#strip! @doc "^///[ \t]?")
  (#select-adjacent! @doc @definition.class))

((doc_comment)* @doc
  .
  (type_declaration
    name: (identifier) @name) @definition.class
  (#strip! @doc "^///[ \t]?")
  (#select-adjacent! @doc @definition.class))

((doc_comment)* @doc
  .
  (view_declaration
    name: (identifier) @name) @definition.class
  (#strip! @doc "^///[ \t]?")
  (#select-adjacent! @doc @definition.class))

((doc_comment)* @doc
  .
  (auth_declaration
    name: (identifier) @name) @definition.class
  (#strip! @doc "^///[ \t]?")
  (#select-adjacent! @doc @definition.class))

((doc_comment)* @doc
  .
  (mixin_declaration
    name: (identifier) @name) @definition.interface
  (#strip! @doc "^///[ \t]?")
  (#select-adjacent! @doc @definition.interface))

((doc_comment)* @doc
  .
  (enum_declaration
    name: (identifier) @name) @definition.enum
  (#strip! @doc "^///[ \t]?")
  (#select-adjacent! @doc @definition.enum))

((doc_comment)* @doc
  .
  (procedure_declaration
    name: (identifier) @name) @definition.function
  (#strip! @doc "^///[ \t]?")
  (#select-adjacent! @doc @definition.function))

; Uses of declared types. Built-in scalars are not references to anything.
((type_reference
  name: (identifier) @name) @reference.type
  (#not-any-of? @name
    "String" "Cuid" "Int" "Float" "Boolean" "DateTime" "Decimal" "Json" "Bytes"
    "Uuid" "Page" "PageInput" "FindMany" "Vector"))

(view_sources
  source: (identifier) @name @reference.type)

; `@use(Mixin, ...)` in a model body. (Tag queries allow no helper captures,
; so the attribute's own text is matched.)
((attribute
  arguments: (arguments
    (identifier) @name)) @reference.implementation
  (#match? @reference.implementation "^@use[(]"))
