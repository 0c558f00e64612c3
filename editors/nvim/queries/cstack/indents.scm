; Indentation for `.cstack`, in nvim-treesitter's `@indent.*` vocabulary.

; Members of a body, parameters, wrapped argument lists and arrays, and the
; attribute lines under a procedure signature are indented one level.
[
  (config_body)
  (field_body)
  (enum_body)
  (procedure_declaration)
  (parameter_list)
  (arguments)
  (array)
  (parenthesized_expression)
] @indent.begin

; A line starting with a closing bracket goes back to the opening line's level.
[
  "}"
  ")"
  "]"
] @indent.branch

[
  "}"
  ")"
  "]"
] @indent.end

; Keep the inside of a `"""` SQL body exactly as written.
(string) @indent.ignore

[
  (comment)
  (doc_comment)
] @indent.auto
