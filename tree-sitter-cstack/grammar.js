/**
 * @file Tree-sitter grammar for `.cstack`, the CrateStack schema language.
 *
 * Whitespace is insignificant except that, inside a `{ ... }` body, a field,
 * an enum variant, a config entry and a block attribute each end at a newline.
 * Inside parentheses and brackets newlines are plain whitespace, so long
 * policy expressions may be wrapped freely.
 */

/// <reference types="tree-sitter-cli/dsl" />
// @ts-check

const PREC = {
  or: 1,
  and: 2,
  compare: 3,
  unary: 4,
  postfix: 5,
};

/**
 * A `{ ... }` body whose members each end at a newline; the last member may
 * be followed directly by `}`.
 *
 * @param {GrammarSymbols<string>} $
 * @param {RuleOrLiteral} member
 */
function body($, member) {
  return seq(
    '{',
    repeat(choice(seq(member, $._newline), $._newline)),
    optional(member),
    '}',
  );
}

/**
 * One or more `rule`, separated by commas, with an optional trailing comma.
 *
 * @param {RuleOrLiteral} rule
 */
function commaSep1(rule) {
  return seq(rule, repeat(seq(',', rule)), optional(','));
}

/**
 * Zero or more `rule`, separated by commas, with an optional trailing comma.
 *
 * @param {RuleOrLiteral} rule
 */
function commaSep(rule) {
  return optional(commaSep1(rule));
}

module.exports = grammar({
  name: 'cstack',

  word: $ => $.identifier,

  extras: $ => [/\s/, $.comment, $.doc_comment],

  // The significant newline, scanned in `src/scanner.c` only where a body
  // expects one.
  externals: $ => [$._newline],

  supertypes: $ => [$._declaration, $._expression],

  rules: {
    source_file: $ => repeat($._declaration),

    _declaration: $ => choice(
      $.datasource_declaration,
      $.auth_declaration,
      $.mixin_declaration,
      $.model_declaration,
      $.type_declaration,
      $.enum_declaration,
      $.view_declaration,
      $.procedure_declaration,
      $.extension_declaration,
      $.mcp_declaration,
      $.transport_declaration,
    ),

    // ---------------------------------------------------------------------
    // Configuration-style blocks

    datasource_declaration: $ => seq(
      'datasource',
      field('name', $.identifier),
      field('body', $.config_body),
    ),

    extension_declaration: $ => seq(
      'extension',
      field('name', $.identifier),
      field('body', $.config_body),
    ),

    mcp_declaration: $ => seq(
      'mcp',
      optional(field('name', $.identifier)),
      field('body', $.config_body),
    ),

    config_body: $ => body($, $.config_entry),

    config_entry: $ => seq(
      field('key', $.identifier),
      '=',
      field('value', $._expression),
    ),

    transport_declaration: $ => prec.right(seq(
      'transport',
      optional(field('style', $.identifier)),
    )),

    // ---------------------------------------------------------------------
    // Field-bearing blocks

    auth_declaration: $ => seq(
      'auth',
      field('name', $.identifier),
      field('body', $.field_body),
    ),

    mixin_declaration: $ => seq(
      'mixin',
      field('name', $.identifier),
      field('body', $.field_body),
    ),

    model_declaration: $ => seq(
      'model',
      field('name', $.identifier),
      field('body', $.field_body),
    ),

    type_declaration: $ => seq(
      'type',
      field('name', $.identifier),
      field('body', $.field_body),
    ),

    view_declaration: $ => seq(
      'view',
      field('name', $.identifier),
      optional(seq('from', field('sources', $.view_sources))),
      field('body', $.field_body),
    ),

    view_sources: $ => seq(
      field('source', $.identifier),
      repeat(seq(',', field('source', $.identifier))),
    ),

    field_body: $ => body($, choice(
      $.field_declaration,
      $.block_attribute,
      // A field attribute on its own line: `@use(Mixin)` in models, or a
      // misplaced attribute that validation reports.
      $.attribute,
    )),

    field_declaration: $ => seq(
      field('name', $.identifier),
      field('type', $.type_reference),
      repeat(field('attribute', $.attribute)),
    ),

    enum_declaration: $ => seq(
      'enum',
      field('name', $.identifier),
      field('body', $.enum_body),
    ),

    enum_body: $ => body($, choice($.enum_variant, $.block_attribute)),

    enum_variant: $ => seq(
      field('name', $.identifier),
      repeat(field('attribute', $.attribute)),
    ),

    // ---------------------------------------------------------------------
    // Procedures: a signature, then attribute lines.

    procedure_declaration: $ => prec.right(seq(
      optional(field('mutation', 'mutation')),
      'procedure',
      field('name', $.identifier),
      field('parameters', $.parameter_list),
      ':',
      field('return_type', $.type_reference),
      repeat(field('attribute', $.attribute)),
    )),

    parameter_list: $ => seq('(', commaSep($.parameter), ')'),

    parameter: $ => seq(
      field('name', $.identifier),
      ':',
      field('type', $.type_reference),
    ),

    // ---------------------------------------------------------------------
    // Types

    type_reference: $ => prec.right(seq(
      field('name', $.identifier),
      optional(choice(
        field('arguments', $.type_arguments),
        field('parameters', $.type_parameters),
      )),
      optional(field('modifier', choice($.optional_modifier, $.list_modifier))),
    )),

    // `Page<T>`, `FindMany<T>`
    type_arguments: $ => seq('<', commaSep1($.type_reference), '>'),

    // `Vector(1536)`
    type_parameters: $ => seq(
      token.immediate('('),
      commaSep(choice($.number, $.identifier)),
      ')',
    ),

    optional_modifier: _ => '?',

    list_modifier: _ => seq('[', ']'),

    // ---------------------------------------------------------------------
    // Attributes

    // `@name` or `@name(arguments)`; the name and `(` follow without space.
    attribute: $ => prec.right(seq(
      '@',
      field('name', alias(token.immediate(/[\p{XID_Start}_][\p{XID_Continue}]*/u), $.identifier)),
      optional(field('arguments', $.arguments)),
    )),

    // `@@name` or `@@name(arguments)` on its own line.
    block_attribute: $ => prec.right(seq(
      '@@',
      field('name', alias(token.immediate(/[\p{XID_Start}_][\p{XID_Continue}]*/u), $.identifier)),
      optional(field('arguments', $.arguments)),
    )),

    arguments: $ => seq(
      token.immediate('('),
      commaSep(choice($.named_argument, $._expression)),
      ')',
    ),

    // `key: value` or `key = value`
    named_argument: $ => seq(
      field('name', $.identifier),
      field('separator', choice(':', '=')),
      field('value', $._expression),
    ),

    // ---------------------------------------------------------------------
    // Expressions: attribute values and policy expressions.

    _expression: $ => choice(
      $.binary_expression,
      $.in_expression,
      $.unary_expression,
      $.member_expression,
      $.call_expression,
      $.parenthesized_expression,
      $.array,
      $.identifier,
      $.string,
      $.number,
      $.true,
      $.false,
      $.null,
    ),

    binary_expression: $ => choice(
      ...[
        ['||', PREC.or],
        ['&&', PREC.and],
        ['==', PREC.compare],
        ['!=', PREC.compare],
        ['<', PREC.compare],
        ['<=', PREC.compare],
        ['>', PREC.compare],
        ['>=', PREC.compare],
      ].map(([operator, precedence]) => prec.left(/** @type {number} */ (precedence), seq(
        field('left', $._expression),
        field('operator', /** @type {string} */ (operator)),
        field('right', $._expression),
      ))),
    ),

    // `x in [a, b]`, `x not in [a, b]`
    in_expression: $ => prec.left(PREC.compare, seq(
      field('left', $._expression),
      optional(field('negated', 'not')),
      'in',
      field('right', $._expression),
    )),

    unary_expression: $ => prec(PREC.unary, seq(
      field('operator', '!'),
      field('operand', $._expression),
    )),

    member_expression: $ => prec(PREC.postfix, seq(
      field('object', $._expression),
      '.',
      field('property', $.identifier),
    )),

    call_expression: $ => prec(PREC.postfix, seq(
      field('function', $._expression),
      field('arguments', $.arguments),
    )),

    parenthesized_expression: $ => seq('(', $._expression, ')'),

    array: $ => seq('[', commaSep($._expression), ']'),

    // ---------------------------------------------------------------------
    // Tokens

    identifier: _ => /[\p{XID_Start}_][\p{XID_Continue}]*/u,

    string: _ => choice(
      token(seq('"', repeat(choice(/[^"\\\n]/, /\\./)), '"')),
      token(seq('\'', repeat(choice(/[^'\\\n]/, /\\./)), '\'')),
      token(prec(1, seq('"""', repeat(choice(/[^"]/, /"[^"]/, /""[^"]/)), '"""'))),
    ),

    number: _ => /-?[0-9]+(\.[0-9]+)?/,

    true: _ => 'true',
    false: _ => 'false',
    null: _ => 'null',

    comment: _ => token(seq('//', /[^\n]*/)),

    doc_comment: _ => token(prec(1, seq('///', /[^\n]*/))),

  },
});
