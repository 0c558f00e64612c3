; Foldable regions of `.cstack`. Editors fold only the regions that span more
; than one line, so one-line argument lists and arrays stay as they are.

[
  (config_body)
  (field_body)
  (enum_body)
  (procedure_declaration)
  (parameter_list)
  (arguments)
  (array)
  (parenthesized_expression)
  (string)
] @fold
