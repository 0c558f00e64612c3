// External scanner for the `.cstack` grammar: the significant newline.
//
// A newline ends a member inside a `{ ... }` body, but is ordinary
// whitespace everywhere else. Scanning it here, only where the parser
// expects one, keeps it a one-character token: the built-in lexer would fold
// a newline it cannot skip into a following `//` comment token.

#include "tree_sitter/parser.h"

enum TokenType {
  NEWLINE,
};

void *tree_sitter_cstack_external_scanner_create(void) { return NULL; }

void tree_sitter_cstack_external_scanner_destroy(void *payload) { (void)payload; }

unsigned tree_sitter_cstack_external_scanner_serialize(void *payload, char *buffer) {
  (void)payload;
  (void)buffer;
  return 0;
}

void tree_sitter_cstack_external_scanner_deserialize(void *payload, const char *buffer, unsigned length) {
  (void)payload;
  (void)buffer;
  (void)length;
}

bool tree_sitter_cstack_external_scanner_scan(void *payload, TSLexer *lexer, const bool *valid_symbols) {
  (void)payload;
  if (!valid_symbols[NEWLINE]) {
    return false;
  }
  while (lexer->lookahead == ' ' || lexer->lookahead == '\t' || lexer->lookahead == '\r' ||
         lexer->lookahead == '\f' || lexer->lookahead == '\v') {
    lexer->advance(lexer, true);
  }
  if (lexer->lookahead != '\n') {
    return false;
  }
  lexer->advance(lexer, false);
  lexer->result_symbol = NEWLINE;
  return true;
}
