" Regex syntax highlighting for `.cstack`, for Neovim (or Vim) without the
" tree-sitter parser. Tree-sitter highlighting replaces it where the parser
" is built (see :CstackBuildParser).
if exists('b:current_syntax')
  finish
endif

syn keyword cstackDeclaration model type enum view mixin auth nextgroup=cstackTypeName skipwhite
syn keyword cstackConfig datasource extension mcp nextgroup=cstackBlockName skipwhite
syn keyword cstackKeyword transport from procedure
syn keyword cstackModifier mutation
syn keyword cstackOperatorWord in not
syn keyword cstackBoolean true false
syn keyword cstackNull null
syn keyword cstackBuiltinType String Cuid Int Float Boolean DateTime Decimal Json Bytes Uuid Page PageInput FindMany Vector
syn keyword cstackBuiltinFunction auth hasRole inTenant isSystem now autoincrement dbgenerated cs_cuid
syn keyword cstackAction Cascade Restrict SetNull SetDefault NoAction

syn match cstackTypeName '\h\w*' contained
syn match cstackBlockName '\h\w*' contained
syn match cstackAttribute '@@\=\h\w*'
syn match cstackNumber '-\=\<\d\+\%(\.\d\+\)\=\>'
syn match cstackOperator '==\|!=\|<=\|>=\|&&\|||\|!'
syn match cstackField '^\s*\zs\h\w*\ze\s\+\h\w*'

syn region cstackString start=+"+ skip=+\\.+ end=+"+ oneline
syn region cstackString start=+'+ skip=+\\.+ end=+'+ oneline
syn region cstackSqlBody start=+"""+ end=+"""+ keepend

syn keyword cstackTodo TODO FIXME NOTE XXX contained
syn match cstackComment '//.*$' contains=cstackTodo,@Spell
syn match cstackDocComment '///.*$' contains=cstackTodo,@Spell

hi def link cstackDeclaration Structure
hi def link cstackConfig Keyword
hi def link cstackKeyword Keyword
hi def link cstackModifier StorageClass
hi def link cstackOperatorWord Operator
hi def link cstackBoolean Boolean
hi def link cstackNull Constant
hi def link cstackBuiltinType Type
hi def link cstackBuiltinFunction Function
hi def link cstackAction Constant
hi def link cstackTypeName Typedef
hi def link cstackBlockName Identifier
hi def link cstackAttribute PreProc
hi def link cstackNumber Number
hi def link cstackOperator Operator
hi def link cstackField Identifier
hi def link cstackString String
hi def link cstackSqlBody String
hi def link cstackTodo Todo
hi def link cstackComment Comment
hi def link cstackDocComment SpecialComment

let b:current_syntax = 'cstack'
