; Embedded languages in `.cstack`.

; SQL bodies of views: the first argument of `@@sql`, `@@server_sql` and
; `@@embedded_sql`. `#offset!` trims the quotes, so a triple-quoted body and a
; one-line `"..."` (or `'...'`) body need a pattern each.
((block_attribute
  name: (identifier) @_name
  arguments: (arguments
    .
    (string) @injection.content))
  (#any-of? @_name "sql" "server_sql" "embedded_sql")
  (#match? @injection.content "^\"\"\"")
  (#offset! @injection.content 0 3 0 -3)
  (#set! injection.language "sql"))

((block_attribute
  name: (identifier) @_name
  arguments: (arguments
    .
    (string) @injection.content))
  (#any-of? @_name "sql" "server_sql" "embedded_sql")
  (#not-match? @injection.content "^\"\"\"")
  (#offset! @injection.content 0 1 0 -1)
  (#set! injection.language "sql"))

; TODO/FIXME/NOTE markers in comments.
([
  (comment)
  (doc_comment)
] @injection.content
  (#set! injection.language "comment"))
