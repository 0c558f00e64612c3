//! Checks the editor queries shipped in `queries/` against the grammar: every
//! query compiles, the injections query hands the SQL bodies of a view to
//! `sql` (with the quotes trimmed the way `#offset!` asks), and the highlights
//! query names a model declaration.

use std::ops::Range;

use tree_sitter::{
    Language, Node, Parser, Query, QueryCursor, QueryPredicateArg, StreamingIterator, Tree,
};
use tree_sitter_cstack::{
    FOLDS_QUERY, HIGHLIGHTS_QUERY, INDENTS_QUERY, INJECTIONS_QUERY, LANGUAGE, LOCALS_QUERY,
    TAGS_QUERY,
};

const VIEW: &str = r#"view Summary from Customer {
  id Int @id @from(Customer.id)

  @@server_sql("""
    SELECT id FROM customers WHERE note <> '}'
  """)
  @@embedded_sql("SELECT id FROM customers")
  @@allow("read", auth() != null)
}
"#;

fn language() -> Language {
    LANGUAGE.into()
}

fn query(source: &str) -> Query {
    Query::new(&language(), source).expect("the query compiles")
}

fn parse(source: &str) -> Tree {
    let mut parser = Parser::new();
    parser
        .set_language(&language())
        .expect("the grammar's ABI is supported by this tree-sitter");
    let tree = parser
        .parse(source, None)
        .expect("parsing is not cancelled");
    assert!(
        !tree.root_node().has_error(),
        "unexpected syntax error: {}",
        tree.root_node().to_sexp()
    );
    tree
}

/// The byte range of `node` once the `#offset!` directives of `pattern` that
/// name `capture` are applied. Only same-row offsets are supported, which is
/// all the injections query uses.
fn offset_range(query: &Query, pattern: usize, capture: u32, node: Node<'_>) -> Range<usize> {
    let mut range = node.byte_range();
    for predicate in query.general_predicates(pattern) {
        if &*predicate.operator != "offset!" {
            continue;
        }
        let [QueryPredicateArg::Capture(target), offsets @ ..] = &*predicate.args else {
            panic!("#offset! takes a capture first");
        };
        if *target != capture {
            continue;
        }
        let offsets: Vec<isize> = offsets
            .iter()
            .map(|argument| match argument {
                QueryPredicateArg::String(number) => {
                    number.parse().expect("#offset! takes integers")
                }
                QueryPredicateArg::Capture(_) => panic!("#offset! takes integers"),
            })
            .collect();
        let [0, start, 0, end] = offsets[..] else {
            panic!("unsupported #offset! arguments {offsets:?}");
        };
        let shift = |at: usize, by: isize| at.checked_add_signed(by).expect("offset in range");
        range = shift(range.start, start)..shift(range.end, end);
    }
    range
}

/// Every `(language, text)` pair the injections query finds in `source`.
fn injections(source: &str) -> Vec<(String, String)> {
    let query = query(INJECTIONS_QUERY);
    let content = query
        .capture_index_for_name("injection.content")
        .expect("the query has an @injection.content capture");
    let tree = parse(source);
    let mut cursor = QueryCursor::new();
    let mut matches = cursor.matches(&query, tree.root_node(), source.as_bytes());
    let mut found = Vec::new();
    while let Some(found_match) = matches.next() {
        let language = query
            .property_settings(found_match.pattern_index)
            .iter()
            .find(|property| &*property.key == "injection.language")
            .and_then(|property| property.value.as_deref())
            .expect("every injection pattern sets injection.language");
        for capture in found_match.captures().iter().filter(|c| c.index == content) {
            let range = offset_range(&query, found_match.pattern_index, content, capture.node);
            found.push((language.to_owned(), source[range].to_owned()));
        }
    }
    found
}

#[test]
fn every_query_compiles() {
    for (name, source) in [
        ("highlights", HIGHLIGHTS_QUERY),
        ("injections", INJECTIONS_QUERY),
        ("folds", FOLDS_QUERY),
        ("indents", INDENTS_QUERY),
        ("locals", LOCALS_QUERY),
        ("tags", TAGS_QUERY),
    ] {
        assert!(!source.trim().is_empty(), "queries/{name}.scm is empty");
        if let Err(error) = Query::new(&language(), source) {
            panic!("queries/{name}.scm does not compile: {error}");
        }
    }
}

#[test]
fn injections_find_the_sql_bodies_of_a_view() {
    let sql: Vec<String> = injections(VIEW)
        .into_iter()
        .filter(|(language, _)| language == "sql")
        .map(|(_, text)| text)
        .collect();
    assert_eq!(
        sql,
        [
            "\n    SELECT id FROM customers WHERE note <> '}'\n  ",
            "SELECT id FROM customers",
        ]
    );
}

#[test]
fn injections_leave_other_strings_alone() {
    let source = "model Post {\n  id Int @default(\"SELECT 1\")\n  @@map(\"posts\")\n}\n";
    let sql: Vec<_> = injections(source)
        .into_iter()
        .filter(|(language, _)| language == "sql")
        .collect();
    assert!(sql.is_empty(), "unexpected SQL injections: {sql:?}");
}

#[test]
fn highlights_capture_a_model_name() {
    let source = "model User {\n  id Int @id\n}\n";
    let query = query(HIGHLIGHTS_QUERY);
    let tree = parse(source);
    let mut cursor = QueryCursor::new();
    let mut captures = cursor.captures(&query, tree.root_node(), source.as_bytes());
    let mut found = Vec::new();
    while let Some((found_match, index)) = captures.next() {
        let capture = found_match.captures()[*index];
        let text = capture
            .node
            .utf8_text(source.as_bytes())
            .expect("the source is UTF-8");
        found.push((
            query.capture_names()[capture.index as usize],
            text.to_owned(),
        ));
    }
    for expected in [
        ("keyword.type", "model"),
        ("type.definition", "User"),
        ("variable.member", "id"),
        ("type.builtin", "Int"),
        ("attribute", "id"),
    ] {
        assert!(
            found
                .iter()
                .any(|(name, text)| (*name, text.as_str()) == expected),
            "no {expected:?} among {found:?}"
        );
    }
}
