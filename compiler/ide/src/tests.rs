//! Fixture tests, one group per feature: a schema with a `$0` cursor
//! marker, the feature asked at the marker, the answer checked as text.

use crate::fixture::fixture;
use crate::*;

const SCHEMA: &str = r#"datasource db {
  provider = "postgresql"
}

auth Session {
  id Int
  teamId Int
}

mixin Timestamps {
  createdAt DateTime @default(now())
}

enum Status {
  Draft
  Live
}

/// Someone who writes.
model Author {
  @use(Timestamps)
  id Int @id
  posts Post[]
  @@allow("read", auth().id == id)
}

model Post {
  id Int @id
  status Status @default(Draft)
  authorId Int
  author Author @relation(fields: [authorId], references: [id])
  @@index([authorId])
  @@allow("read", status == Live && author.id == auth().id)
}

view PostTitle from Post {
  id Int @id @from(Post.id)
}

procedure byAuthor(authorId: Int): Post[]
  @allow(args.authorId == auth().id)
"#;

/// `SCHEMA` with `$0` inserted before the `nth` occurrence of `needle`,
/// shifted right by `delta` bytes.
fn marked(needle: &str, nth: usize, delta: usize) -> String {
    let at = SCHEMA
        .match_indices(needle)
        .nth(nth)
        .unwrap_or_else(|| panic!("`{needle}` #{nth}"))
        .0
        + delta;
    format!("{}$0{}", &SCHEMA[..at], &SCHEMA[at..])
}

fn line_of(text: &str, offset: u32) -> &str {
    let start = text[..offset as usize].rfind('\n').map_or(0, |i| i + 1);
    let end = text[offset as usize..]
        .find('\n')
        .map_or(text.len(), |i| offset as usize + i);
    &text[start..end]
}

#[test]
fn definition_resolves_every_kind_of_reference() {
    let cases = [
        // (needle, nth, delta, expected line of the definition)
        ("Author @relation", 0, 1, "model Author {"),
        ("Timestamps)", 0, 1, "mixin Timestamps {"),
        ("authorId], ref", 0, 1, "  authorId Int"),
        ("id])", 0, 0, "  id Int @id"),
        ("authorId])\n  @@allow", 0, 2, "  authorId Int"),
        ("Draft)", 0, 1, "  Draft"),
        ("Live &&", 0, 1, "  Live"),
        ("author.id ==", 0, 8, "  id Int @id"),
        ("auth().id == id", 0, 7, "  id Int"),
        ("Post {\n  id Int @id @from", 0, 1, "model Post {"),
        ("Post.id)", 0, 6, "  id Int @id"),
        (
            "args.authorId",
            0,
            7,
            "procedure byAuthor(authorId: Int): Post[]",
        ),
        ("Status @default", 0, 1, "enum Status {"),
    ];
    for (needle, nth, delta, expected) in cases {
        let f = fixture(&marked(needle, nth, delta));
        let target = definition(&f.db, f.file, f.offset)
            .unwrap_or_else(|| panic!("a definition at `{needle}`"));
        assert_eq!(
            line_of(f.text(), target.focus_range.start),
            expected,
            "at `{needle}`"
        );
    }
    // `createdAt` in a model comes from its mixin.
    let f = fixture(&SCHEMA.replace(
        "auth().id == id)",
        "auth().id == id && created$0At != null)",
    ));
    let target = definition(&f.db, f.file, f.offset).expect("a definition");
    assert_eq!(
        line_of(f.text(), target.focus_range.start),
        "  createdAt DateTime @default(now())"
    );
}

#[test]
fn references_include_the_definition_on_request() {
    let f = fixture(&marked("authorId Int", 0, 0));
    let uses = references(&f.db, f.file, f.offset, false);
    assert_eq!(
        uses.iter().map(|r| f.slice(*r)).collect::<Vec<_>>(),
        ["authorId", "authorId"]
    );
    assert_eq!(references(&f.db, f.file, f.offset, true).len(), 3);
    let f = fixture(&marked("Author {", 0, 0));
    assert_eq!(references(&f.db, f.file, f.offset, true).len(), 2);
}

#[test]
fn hover_describes_declarations_fields_attributes_and_builtins() {
    let cases = [
        (
            "Author @relation",
            1,
            &["model Author", "Someone who writes.", "Table `authors`"][..],
        ),
        (
            "authorId Int",
            0,
            &["model Post", "authorId Int", "Column `author_id`"][..],
        ),
        (
            "@index",
            1,
            &["@@index", "An index over the listed fields"][..],
        ),
        ("DateTime", 0, &["Built-in type", "point in time"][..]),
        ("auth().id ==", 1, &["auth() : Session?", "`teamId`"][..]),
        ("Draft)", 0, &["enum Status", "Draft"][..]),
        ("model Post", 0, &["A record stored in a table."][..]),
        ("references: [id]", 0, &["referenced model's fields"][..]),
        ("provider", 0, &["postgresql", "mysql"][..]),
    ];
    for (needle, delta, expected) in cases {
        let f = fixture(&marked(needle, 0, delta));
        let found =
            hover(&f.db, f.file, f.offset).unwrap_or_else(|| panic!("a hover at `{needle}`"));
        for part in expected {
            assert!(
                found.markdown.contains(part),
                "hover at `{needle}` lacks `{part}`:\n{}",
                found.markdown
            );
        }
    }
}

#[test]
fn features_survive_syntax_errors() {
    let broken = SCHEMA.replace("@@index([authorId])", "@@index([authorId]\n  junk ((( {");
    let f = fixture(&broken.replacen("author Author", "author Auth$0or", 1));
    assert!(cstack_compiler::check_file(&f.db, f.file).has_errors());
    assert!(definition(&f.db, f.file, f.offset).is_some());
    assert!(hover(&f.db, f.file, f.offset).is_some());
    assert!(document_symbols(&f.db, f.file).len() >= 8);
}

#[test]
fn document_symbols_cover_every_declaration_with_members() {
    let f = fixture(SCHEMA);
    let symbols = document_symbols(&f.db, f.file);
    let outline: Vec<(String, SymbolKind, usize)> = symbols
        .iter()
        .map(|s| (s.name.clone(), s.kind, s.children.len()))
        .collect();
    assert_eq!(
        outline,
        [
            ("db".to_string(), SymbolKind::Datasource, 1),
            ("Session".to_string(), SymbolKind::Auth, 2),
            ("Timestamps".to_string(), SymbolKind::Mixin, 1),
            ("Status".to_string(), SymbolKind::Enum, 2),
            ("Author".to_string(), SymbolKind::Model, 2),
            ("Post".to_string(), SymbolKind::Model, 4),
            ("PostTitle".to_string(), SymbolKind::View, 1),
            ("byAuthor".to_string(), SymbolKind::Procedure, 1),
        ]
    );
    assert_eq!(f.slice(symbols[5].children[3].name_range), "author");
    assert_eq!(symbols[5].children[3].detail.as_deref(), Some("Author"));
}

#[test]
fn workspace_symbols_match_subsequences() {
    let f = fixture(SCHEMA);
    let found = workspace_symbols(&f.db, &[f.file], "athid", 10);
    assert_eq!(
        found
            .iter()
            .map(|s| (s.name.as_str(), s.container.as_deref()))
            .collect::<Vec<_>>(),
        [("authorId", Some("Post")), ("authorId", Some("byAuthor"))]
    );
    let found = workspace_symbols(&f.db, &[f.file], "post", 10);
    assert_eq!(found[0].name, "Post");
}

fn completion_labels(text: &str) -> Vec<String> {
    let f = fixture(text);
    completions(&f.db, f.file, f.offset)
        .items
        .into_iter()
        .map(|item| item.label)
        .collect()
}

#[test]
fn completion_offers_what_fits_the_position() {
    let with = |from: &str, to: &str| SCHEMA.replacen(from, to, 1);
    let labels = completion_labels(&format!("{SCHEMA}\n$0"));
    assert!(labels.contains(&"model".to_string()) && labels.contains(&"enum".to_string()));
    let labels = completion_labels(&with("  authorId Int\n", "  authorId Int\n  title St$0\n"));
    assert!(
        labels.contains(&"String".to_string())
            && labels.contains(&"Status".to_string())
            && !labels.contains(&"model".to_string())
    );
    let labels = completion_labels(&with("  authorId Int\n", "  authorId Int @$0\n"));
    assert!(
        labels.contains(&"@unique".to_string())
            && !labels.contains(&"@@index".to_string())
            && !labels.contains(&"@use".to_string())
    );
    let labels = completion_labels(&with("  authorId Int\n", "  authorId Int $0\n"));
    assert!(
        labels.contains(&"@unique".to_string()) && labels.contains(&"@relation".to_string()),
        "{labels:?}"
    );
    let labels = completion_labels(&with("  @@index([authorId])", "  @@$0"));
    assert!(labels.contains(&"@@index".to_string()) && labels.contains(&"@@allow".to_string()));
    let labels = completion_labels(&with("fields: [authorId]", "fields: [$0]"));
    assert!(
        labels.contains(&"authorId".to_string()) && labels.contains(&"status".to_string()),
        "{labels:?}"
    );
    let labels = completion_labels(&with("references: [id]", "references: [$0]"));
    assert!(
        labels.contains(&"posts".to_string()),
        "fields of Author: {labels:?}"
    );
    let labels = completion_labels(&with("@@index([authorId])", "@@index([$0])"));
    assert!(labels.contains(&"authorId".to_string()));
    let labels = completion_labels(&with("@from(Post.id)", "@from(Post.$0)"));
    assert!(labels.contains(&"status".to_string()));
    let labels = completion_labels(&with("@default(Draft)", "@default($0)"));
    assert_eq!(labels, ["Draft", "Live"]);
    let labels = completion_labels(&with("auth().id == id)", "auth().$0)"));
    assert_eq!(labels, ["id", "teamId"]);
    let labels = completion_labels(&with("author.id == auth().id)", "author.$0)"));
    assert!(
        labels.contains(&"posts".to_string()) && labels.contains(&"createdAt".to_string()),
        "{labels:?}"
    );
    let labels = completion_labels(&with("auth().id == id)", "posts.$0)"));
    assert_eq!(labels, ["some", "every", "none"]);
    let labels = completion_labels(&with("status == Live", "status == $0"));
    assert!(
        labels.contains(&"Live".to_string())
            && labels.contains(&"auth".to_string())
            && labels.contains(&"hasRole".to_string())
    );
    let labels = completion_labels(&with("provider = \"postgresql\"", "provider = \"$0"));
    assert_eq!(labels, ["postgresql", "mysql", "sqlite", "none"]);
    let labels = completion_labels(&with(
        "@@allow(\"read\", status",
        "@@allow(\"re$0\", status",
    ));
    assert_eq!(labels, ["read", "create"]);
    let labels = completion_labels(&format!("{SCHEMA}\ntransport $0\n"));
    assert_eq!(labels, ["rpc", "rest"]);
    let labels = completion_labels(&with("@use(Timestamps)", "@use($0)"));
    assert_eq!(labels, ["Timestamps"]);
}

/// A provider value completes with its catalogue summary, replacing the
/// partial word inside the quotes.
#[test]
fn provider_completion_describes_mysql() {
    let f = fixture(&SCHEMA.replacen("\"postgresql\"", "\"my$0\"", 1));
    let items = completions(&f.db, f.file, f.offset).items;
    let mysql = items
        .iter()
        .find(|item| item.label == "mysql")
        .unwrap_or_else(|| panic!("no `mysql` in {items:?}"));
    assert_eq!(
        mysql.detail.as_deref(),
        Some("MySQL or MariaDB on the server.")
    );
    assert_eq!(mysql.insert, "mysql");
    assert_eq!(mysql.replace, TextRange::new(f.offset - 2, f.offset));
}

/// Every position an attribute can be written in: the attributes completion
/// offers there are exactly the catalogue's, in its order.
#[test]
fn attribute_completion_offers_the_catalogue_of_each_position() {
    use cstack_compiler::lang::{self, Position};
    let schema = |body: &str| format!("{SCHEMA}\n{body}\n");
    let cases = [
        (
            "model M {\n  id Int @id\n  x Int @$0\n}",
            Position::ModelField,
        ),
        ("mixin X {\n  x Int @$0\n}", Position::MixinField),
        ("type T {\n  x Int @$0\n}", Position::TypeField),
        ("auth A {\n  x Int @$0\n}", Position::AuthField),
        (
            "view V from Post {\n  x Int @$0\n  @@sql(\"SELECT 1\")\n}",
            Position::ViewField,
        ),
        ("model M {\n  id Int @id\n  @@$0\n}", Position::ModelBlock),
        (
            "view V from Post {\n  id Int @id\n  @@$0\n}",
            Position::ViewBlock,
        ),
        ("model M {\n  id Int @id\n  @$0\n}", Position::ModelLine),
        // (A lone `@` at the end of a procedure is not yet part of it.)
        ("procedure p(): Int\n  @$0 @stream", Position::Procedure),
    ];
    for (body, position) in cases {
        let expected: Vec<String> = lang::attributes_in(position)
            .map(|spec| spec.display())
            .collect();
        assert!(!expected.is_empty());
        assert_eq!(completion_labels(&schema(body)), expected, "{position:?}");
    }
}

#[test]
fn default_completion_offers_the_catalogues_functions_that_fit_the_field() {
    use cstack_compiler::lang;
    let labels = |ty: &str| {
        completion_labels(&SCHEMA.replacen(
            "  authorId Int\n",
            &format!("  authorId Int\n  x {ty} @default($0)\n"),
            1,
        ))
    };
    assert_eq!(
        labels("String"),
        ["uuid()", "cuid()", "cs_cuid()", "dbgenerated()"]
    );
    assert_eq!(labels("Int"), ["autoincrement()", "dbgenerated()"]);
    // Before the type is known, every function.
    let every: Vec<String> = lang::DEFAULT_FUNCTIONS
        .iter()
        .map(|function| format!("{}()", function.name))
        .collect();
    assert_eq!(labels("Unknown"), every);
}

#[test]
fn hover_describes_attributes_and_arguments_with_the_catalogue() {
    use cstack_compiler::lang::{self, Position};
    let cases = [
        ("@default(Draft)", 1, "default", false, Position::ModelField),
        ("@@index", 2, "index", true, Position::ModelBlock),
        ("@from(Post.id)", 1, "from", false, Position::ViewField),
        ("@allow(args", 1, "allow", false, Position::Procedure),
    ];
    for (needle, delta, name, is_block, position) in cases {
        let f = fixture(&marked(needle, 0, delta));
        let found =
            hover(&f.db, f.file, f.offset).unwrap_or_else(|| panic!("a hover at `{needle}`"));
        let spec = lang::attribute_in(name, position).expect("in the catalogue");
        assert_eq!(spec.is_block(), is_block);
        assert!(
            found.markdown.contains(spec.summary),
            "{needle}: {}",
            found.markdown
        );
    }
    let f = fixture(&marked("fields: [authorId]", 0, 2));
    let found = hover(&f.db, f.file, f.offset).expect("a hover");
    assert!(
        found
            .markdown
            .contains(lang::argument_summary("relation", "fields").expect("in the catalogue"))
    );
}

/// Views and procedures have namespaces of their own, as in the checker: a
/// type name never means one, even one declared first.
#[test]
fn names_resolve_in_the_namespaces_the_checker_keeps() {
    let text = format!(
        "view Author from Post {{\n  id Int @id @from(Post.id)\n}}\n\nprocedure Author(): Int\n\n{SCHEMA}"
    );
    // The view and the procedure come before the model, yet `Author` as a
    // type is the model.
    assert!(
        text.find("view Author") < text.find("model Author")
            && text.find("procedure Author") < text.find("model Author")
    );
    let f = fixture(&text.replacen("author Author @rel", "author Au$0thor @rel", 1));
    let target = definition(&f.db, f.file, f.offset).expect("a definition");
    assert_eq!(
        line_of(f.text(), target.focus_range.start),
        "model Author {"
    );
    // The model's references do not include the view or the procedure...
    let refs = references(&f.db, f.file, f.offset, true);
    assert!(
        refs.iter()
            .all(|r| !line_of(f.text(), r.start).starts_with("view")
                && !line_of(f.text(), r.start).starts_with("procedure")),
        "{refs:?}"
    );
    // ...and renaming the view leaves the model's uses alone.
    let at_view = text.find("view Author").unwrap() + "view ".len();
    let f = fixture(&format!("{}$0{}", &text[..at_view], &text[at_view..]));
    let renamed = f.apply(&rename(&f.db, f.file, f.offset, "AuthorView").expect("rename"));
    assert!(renamed.contains("view AuthorView from Post"), "{renamed}");
    assert!(renamed.contains("author Author @relation"), "{renamed}");
    assert!(renamed.contains("model Author {"), "{renamed}");
}

/// Procedure policies read an input, then the fields of its type; or the
/// fields of the input named `args`.
#[test]
fn procedure_inputs_resolve_as_the_checker_reads_them() {
    let text = format!(
        "{SCHEMA}\ntype Query {{\n  status Status\n}}\n\nprocedure live(args: Query): Post[]\n  @allow(status == Live && args.status == Live)\n"
    );
    let at = |needle: &str, delta: usize| {
        let offset = text.rfind(needle).expect("present") + delta;
        let f = fixture(&format!("{}$0{}", &text[..offset], &text[offset..]));
        let target = definition(&f.db, f.file, f.offset).expect("a definition");
        line_of(f.text(), target.focus_range.start).to_string()
    };
    assert_eq!(at("args.status", 6), "  status Status");
    assert_eq!(at("args.status", 1), "procedure live(args: Query): Post[]");
    assert_eq!(at("(status == Live", 2), "  status Status");
    let labels = completion_labels(&text.replacen(
        "@allow(status == Live && args.status == Live)",
        "@allow($0)",
        1,
    ));
    assert!(
        labels.contains(&"args".to_string()) && labels.contains(&"status".to_string()),
        "{labels:?}"
    );
}

#[test]
fn completion_inside_a_policy_written_over_several_lines() {
    let over_lines = |tail: &str| {
        SCHEMA.replacen(
            "  @@allow(\"read\", status == Live && author.id == auth().id)",
            &format!(
                "  /// The author's own posts (and live ones).\n  @@allow(\"read\",\n    status == Live ||\n    {tail}\n  )"
            ),
            1,
        )
    };
    let labels = completion_labels(&over_lines("author.$0"));
    assert!(
        labels.contains(&"posts".to_string()) && labels.contains(&"createdAt".to_string()),
        "{labels:?}"
    );
    assert_eq!(
        completion_labels(&over_lines("auth().$0")),
        ["id", "teamId"]
    );
    let labels = completion_labels(&over_lines("status == $0"));
    assert!(
        labels.contains(&"Live".to_string()) && labels.contains(&"hasRole".to_string()),
        "{labels:?}"
    );
    // After the attribute is closed, the next line is a field again.
    let labels = completion_labels(&SCHEMA.replacen(
        "  @@index([authorId])\n",
        "  @@index([\n    authorId\n  ])\n  title St$0\n",
        1,
    ));
    assert!(labels.contains(&"String".to_string()), "{labels:?}");
}

#[test]
fn attribute_completion_replaces_the_sigil_and_inserts_a_snippet() {
    let f = fixture(&SCHEMA.replacen("  @@index([authorId])", "  @@in$0", 1));
    let item = completions(&f.db, f.file, f.offset)
        .items
        .into_iter()
        .find(|item| item.label == "@@index")
        .expect("@@index");
    assert_eq!(f.slice(item.replace), "@@in");
    assert!(item.is_snippet && item.insert.starts_with("@@index(["));
}

#[test]
fn rename_updates_every_occurrence_and_records_the_old_name() {
    let f = fixture(&marked("model Post", 0, 7));
    let edits = rename(&f.db, f.file, f.offset, "Article").expect("rename");
    let renamed = f.apply(&edits);
    assert!(
        renamed.contains("model Article {\n  @@rename(from = \"Post\")"),
        "{renamed}"
    );
    assert!(
        renamed.contains("posts Article[]")
            && renamed.contains("view PostTitle from Article")
            && renamed.contains("@from(Article.id)")
    );
    assert!(!renamed.contains(" Post[]") && !renamed.contains("(Post."));

    let f = fixture(&marked("authorId Int", 0, 0));
    let renamed = f.apply(&rename(&f.db, f.file, f.offset, "writerId").expect("rename"));
    assert!(
        renamed.contains("  writerId Int @rename(from = \"authorId\")"),
        "{renamed}"
    );
    assert!(renamed.contains("fields: [writerId]") && renamed.contains("@@index([writerId])"));
    // A procedure input has no column: no `@rename`.
    let f = fixture(&marked("authorId: Int", 0, 0));
    let renamed = f.apply(&rename(&f.db, f.file, f.offset, "writer").expect("rename"));
    assert!(
        renamed.contains("byAuthor(writer: Int)")
            && renamed.contains("args.writer ==")
            && !renamed.contains("@rename(from = \"authorId\")")
    );

    let f = fixture(&marked("model Post", 0, 7));
    assert_eq!(
        prepare_rename(&f.db, f.file, f.offset)
            .expect("renamable")
            .1,
        "Post"
    );
    assert_eq!(
        rename(&f.db, f.file, f.offset, "1bad"),
        Err(RenameError::InvalidName("1bad".into()))
    );
    let f = fixture(&marked("model Post", 0, 2));
    assert_eq!(
        prepare_rename(&f.db, f.file, f.offset),
        Err(RenameError::NothingToRename)
    );
}

#[test]
fn semantic_tokens_classify_names() {
    let f = fixture(SCHEMA);
    let tokens = semantic_tokens(&f.db, f.file, None);
    let kind_of = |text: &str, nth: usize| {
        let start = SCHEMA.match_indices(text).nth(nth).expect("present").0 as u32;
        tokens
            .iter()
            .find(|t| t.range.start == start)
            .map(|t| t.kind)
    };
    assert_eq!(kind_of("model", 0), Some(TokenType::Keyword));
    assert_eq!(kind_of("Author", 1), Some(TokenType::Class));
    assert_eq!(kind_of("Status", 1), Some(TokenType::Enum));
    assert_eq!(kind_of("Draft", 1), Some(TokenType::EnumMember));
    assert_eq!(kind_of("@relation", 0), Some(TokenType::Decorator));
    assert_eq!(kind_of("DateTime", 0), Some(TokenType::Type));
    assert_eq!(kind_of("authorId", 0), Some(TokenType::Property));
    assert!(
        tokens
            .windows(2)
            .all(|w| w[0].range.end <= w[1].range.start),
        "sorted and disjoint"
    );
    let ranged = semantic_tokens(&f.db, f.file, Some(TextRange::new(0, 40)));
    assert!(!ranged.is_empty() && ranged.len() < tokens.len());
}

#[test]
fn folding_and_selection_ranges_nest() {
    let f = fixture(&format!("/// one\n/// two\n{SCHEMA}"));
    let folds = folding_ranges(&f.db, f.file);
    assert!(
        folds
            .iter()
            .any(|fold| fold.is_comment && f.slice(fold.range) == "/// one\n/// two")
    );
    assert_eq!(
        folds.iter().filter(|fold| !fold.is_comment).count(),
        8,
        "every multi-line declaration"
    );

    let f = fixture(&marked("authorId], ref", 0, 2));
    let ranges = selection_ranges(&f.db, f.file, f.offset);
    let texts: Vec<&str> = ranges.iter().map(|r| f.slice(*r)).collect();
    assert_eq!(texts[0], "authorId");
    assert_eq!(texts[1], "[authorId]");
    assert!(texts.contains(&"@relation(fields: [authorId], references: [id])"));
    assert!(texts.iter().any(|t| t.starts_with("model Post {")));
    assert!(
        ranges
            .windows(2)
            .all(|w| w[1].start <= w[0].start && w[0].end <= w[1].end)
    );
}

#[test]
fn inlay_hints_show_tables_and_renamed_columns() {
    let f = fixture(&SCHEMA.replacen(
        "  authorId Int\n",
        "  authorId Int @rename(from = \"writerId\")\n",
        1,
    ));
    let hints = inlay_hints(&f.db, f.file, TextRange::new(0, f.text().len() as u32));
    let labels: Vec<&str> = hints.iter().map(|h| h.label.as_str()).collect();
    assert_eq!(
        labels,
        [
            "table authors",
            "table posts",
            "column author_id (was writer_id)"
        ]
    );
}

#[test]
fn code_actions_fix_typos_create_declarations_and_add_keys_and_back_relations() {
    let apply_titled = |text: &str, title: &str| {
        let f = fixture(text);
        let actions = code_actions(&f.db, f.file, TextRange::new(f.offset, f.offset));
        let action = actions
            .iter()
            .find(|a| a.title == title)
            .unwrap_or_else(|| {
                panic!(
                    "no `{title}` among {:?}",
                    actions.iter().map(|a| &a.title).collect::<Vec<_>>()
                )
            });
        f.apply(&action.edits)
    };
    let fixed = apply_titled(
        &SCHEMA.replacen("id Int @id\n  status", "id Int @$0uniqe\n  status", 1),
        "Change to `@unique`",
    );
    assert!(fixed.contains("id Int @unique\n  status"));
    let fixed = apply_titled(
        &SCHEMA.replacen("status Status", "status Stat$0e", 1),
        "Change to `Status`",
    );
    assert!(fixed.contains("status Status"));
    let created = apply_titled(
        &SCHEMA.replacen("status Status", "tag Ta$0g", 1),
        "Create enum `Tag`",
    );
    assert!(created.ends_with("\nenum Tag {\n}\n"));
    let keyed = apply_titled(
        "/// A {key}less model.\nmodel K$0 {\n  name String\n}\n",
        "Add an `id Int @id` field",
    );
    assert_eq!(
        keyed,
        "/// A {key}less model.\nmodel K {\n  id Int @id @default(autoincrement())\n  name String\n}\n"
    );
    let text = SCHEMA.replacen("  posts Post[]\n", "", 1).replacen(
        "author Author @rel",
        "auth$0or Author @rel",
        1,
    );
    let added = apply_titled(&text, "Add back-relation field `posts` to `Author`");
    assert!(
        added.contains("  posts Post[]\n  @@allow(\"read\", auth().id == id)"),
        "{added}"
    );
}

#[test]
fn formatting_produces_one_minimal_edit_or_refuses_broken_text() {
    let f = fixture("model A {\n    id   Int @id\n}\n");
    let edits = format_file(&f.db, f.file).expect("formats");
    assert_eq!(f.apply(&edits), "model A {\n  id Int @id\n}\n");
    let f = fixture("model A {\n  id Int @id\n}\n");
    assert!(format_file(&f.db, f.file).expect("formats").is_empty());
    let f = fixture("model A {\n  id Int @id(\n}\n");
    assert!(format_file(&f.db, f.file).is_err());
}

/// Every feature at many positions of every prefix of the example schema,
/// and at every position of each diagnostic fixture (most of them invalid):
/// no panic, and every range returned lies inside the text.
#[test]
fn every_feature_survives_prefixes_and_invalid_files() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
    let mut texts: Vec<String> = Vec::new();
    let blog =
        std::fs::read_to_string(format!("{root}/examples/blog.cstack")).expect("the example");
    texts.extend(
        (0..blog.len())
            .step_by(13)
            .filter(|&end| blog.is_char_boundary(end))
            .map(|end| blog[..end].to_string()),
    );
    let mut fixtures: Vec<_> = std::fs::read_dir(format!("{root}/tests/check"))
        .expect("the diagnostic fixtures")
        .map(|entry| entry.expect("an entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "cstack"))
        .collect();
    fixtures.sort();
    assert!(fixtures.len() >= 50, "the fixtures are there");
    texts.extend(
        fixtures
            .iter()
            .map(|path| std::fs::read_to_string(path).expect("readable")),
    );
    for text in &texts {
        let f = fixture(text);
        let len = text.len() as u32;
        let inside = |range: TextRange| range.start <= range.end && range.end <= len;
        let step = (text.len() / 40).max(1);
        for offset in (0..=text.len())
            .step_by(step)
            .filter(|&o| text.is_char_boundary(o))
        {
            let offset = offset as u32;
            if let Some(found) = hover(&f.db, f.file, offset) {
                assert!(inside(found.range));
            }
            if let Some(target) = definition(&f.db, f.file, offset) {
                assert!(inside(target.full_range) && inside(target.focus_range));
            }
            assert!(
                references(&f.db, f.file, offset, true)
                    .into_iter()
                    .all(inside)
            );
            assert!(
                completions(&f.db, f.file, offset)
                    .items
                    .iter()
                    .all(|item| inside(item.replace))
            );
            if prepare_rename(&f.db, f.file, offset).is_ok() {
                let edits = rename(&f.db, f.file, offset, "renamed").expect("renamable");
                assert!(edits.iter().all(|edit| inside(edit.range)));
            }
            assert!(
                selection_ranges(&f.db, f.file, offset)
                    .into_iter()
                    .all(inside)
            );
            let actions = code_actions(&f.db, f.file, TextRange::new(offset, offset));
            assert!(
                actions
                    .iter()
                    .flat_map(|a| &a.edits)
                    .all(|edit| inside(edit.range))
            );
        }
        assert!(
            document_symbols(&f.db, f.file)
                .iter()
                .all(|s| inside(s.full_range) && inside(s.name_range))
        );
        assert!(
            semantic_tokens(&f.db, f.file, None)
                .into_iter()
                .all(|t| inside(t.range))
        );
        assert!(
            folding_ranges(&f.db, f.file)
                .into_iter()
                .all(|fold| inside(fold.range))
        );
        assert!(
            inlay_hints(&f.db, f.file, TextRange::new(0, len))
                .iter()
                .all(|h| h.offset <= len)
        );
        let _ = format_file(&f.db, f.file);
    }
}
