//! The fixes diagnostics carry: for each kind of fix the checker makes, a
//! schema with one mistake gets a diagnostic with the fix, and applying the
//! fix makes the schema check clean. Over every diagnostic fixture, every
//! did-you-mean help comes with its fix, and applying a fix removes the
//! diagnostic it belongs to.

use cstack_compiler::{RootDatabase, SourceFile, check_file};
use cstack_diagnostics::{Code, Diagnostic, Fix};
use salsa::Setter;

/// A clean schema using every construct a fix is made for.
const CLEAN: &str = r#"datasource db {
  provider = "postgresql"
}

transport rpc

extension pgvector {
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

type Filter {
  status Status
}

model Author {
  @use(Timestamps)
  id Int @id
  posts Post[] @relation(fields: [id], references: [authorId])
  @@allow("read", auth().id == id)
}

model Post {
  id Int @id
  status Status @default(Draft)
  authorId Int
  author Author @relation(fields: [authorId], references: [id], onDelete: Cascade)
  @@index([authorId])
  @@emit(created, updated)
  @@allow("read, create", status == Live && author.id == auth().id)
  @@allow("update", isSystem())
}

view PostTitle from Post {
  id Int @id @from(Post.id)
  @@sql("SELECT id FROM posts")
}

procedure byAuthor(authorId: Int, filter: Filter): Post[]
  @allow(authorId == auth().id && filter.status == Live)
"#;

fn check(text: &str) -> Vec<Diagnostic> {
    let db = RootDatabase::default();
    let file = SourceFile::new(&db, "fixes.cstack".to_string(), text.to_string());
    check_file(&db, file).diagnostics.clone()
}

/// `text` with the fix's edits applied (they do not overlap).
fn apply(text: &str, fix: &Fix) -> String {
    let mut edits: Vec<_> = fix.edits.iter().collect();
    edits.sort_by_key(|edit| std::cmp::Reverse(edit.range.start));
    let mut out = text.to_string();
    for edit in edits {
        out.replace_range(edit.range.to_range(), &edit.new_text);
    }
    out
}

fn describe(diagnostics: &[Diagnostic]) -> String {
    diagnostics
        .iter()
        .map(|d| format!("{}: {} ({:?})", d.code.as_str(), d.message, d.help))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_base_schema_is_clean() {
    let diagnostics = check(CLEAN);
    assert!(diagnostics.is_empty(), "{}", describe(&diagnostics));
}

/// Each case writes one mistake into the clean schema (replacing the first
/// `from` with `to`): the checker reports `code` with a fix titled `title`,
/// and the fixed text checks clean.
#[test]
fn every_kind_of_fix_makes_the_schema_check_clean() {
    let cases: &[(&str, &str, &str, Code, &str)] = &[
        // Names of the language.
        (
            "id Int @id\n  status",
            "id Int @idd\n  status",
            "an attribute",
            Code::UnknownAttribute,
            "Change to `@id`",
        ),
        (
            "  @@index([authorId])",
            "  @@indx([authorId])",
            "a block attribute",
            Code::UnknownAttribute,
            "Change to `@@index`",
        ),
        (
            "provider = \"postgresql\"",
            "provider = \"postgresq\"",
            "a provider",
            Code::UnknownProvider,
            "Change to `\"postgresql\"`",
        ),
        (
            "  provider =",
            "  provder =",
            "a datasource key",
            Code::InvalidConfigEntry,
            "Change to `provider`",
        ),
        (
            "extension pgvector",
            "extension pgvectr",
            "an extension",
            Code::UnknownExtension,
            "Change to `pgvector`",
        ),
        (
            "transport rpc",
            "transport rcp",
            "a transport",
            Code::InvalidTransport,
            "Change to `rpc`",
        ),
        (
            "references: [id], onDelete",
            "refrences: [id], onDelete",
            "a relation key",
            Code::InvalidRelationArguments,
            "Change to `references`",
        ),
        (
            "onDelete: Cascade",
            "onDelete: Cascde",
            "a referential action",
            Code::InvalidReferentialAction,
            "Change to `Cascade`",
        ),
        (
            "@@emit(created, updated)",
            "@@emit(creatd, updated)",
            "an event operation",
            Code::InvalidEventList,
            "Change to `created`",
        ),
        (
            "\"read, create\"",
            "\"read, craete\"",
            "a policy action",
            Code::InvalidPolicyAction,
            "Change to `create`",
        ),
        (
            "isSystem()",
            "isSytem()",
            "a policy function",
            Code::InvalidPolicyFunction,
            "Change to `isSystem`",
        ),
        // Names the schema declares.
        (
            "status Status @default",
            "status Stauts @default",
            "a type",
            Code::UnknownType,
            "Change to `Status`",
        ),
        (
            "@use(Timestamps)",
            "@use(Timestamp)",
            "a mixin",
            Code::UnknownMixin,
            "Change to `Timestamps`",
        ),
        (
            "view PostTitle from Post",
            "view PostTitle from Pots",
            "a view source",
            Code::UnknownViewSource,
            "Change to `Post`",
        ),
        (
            "@from(Post.id)",
            "@from(Post.idd)",
            "a `@from` field",
            Code::InvalidFromReference,
            "Change to `id`",
        ),
        (
            "fields: [authorId]",
            "fields: [authrId]",
            "a relation field",
            Code::UnknownRelationField,
            "Change to `authorId`",
        ),
        (
            "@@index([authorId])",
            "@@index([authorid])",
            "a field list entry",
            Code::InvalidFieldList,
            "Change to `authorId`",
        ),
        (
            "status == Live &&",
            "status == Liv &&",
            "an enum variant",
            Code::PolicyTypeMismatch,
            "Change to `Live`",
        ),
        (
            "status == Live &&",
            "statuss == Live &&",
            "a policy name",
            Code::UnknownPolicyName,
            "Change to `status`",
        ),
        (
            "auth().id == id)",
            "auth().idd == id)",
            "an auth member",
            Code::UnknownPolicyName,
            "Change to `id`",
        ),
        (
            "author.id == auth().id",
            "author.idd == auth().id",
            "a field along a relation path",
            Code::UnknownPolicyName,
            "Change to `id`",
        ),
        (
            "filter.status == Live",
            "filter.stauts == Live",
            "an input field",
            Code::UnknownPolicyName,
            "Change to `status`",
        ),
        // A missing primary key.
        (
            "  @use(Timestamps)\n  id Int @id\n",
            "  @use(Timestamps)\n  key Int\n",
            "a missing `@id`",
            Code::MissingPrimaryKey,
            "Add an `id Int @id` field",
        ),
    ];
    for &(from, to, what, code, title) in cases {
        assert!(CLEAN.contains(from), "`{from}` is in the schema");
        let broken = CLEAN.replacen(from, to, 1);
        let diagnostics = check(&broken);
        let diagnostic = diagnostics
            .iter()
            .find(|d| d.code == code && d.fix.is_some())
            .unwrap_or_else(|| {
                panic!(
                    "{what}: no {} with a fix among\n{}",
                    code.as_str(),
                    describe(&diagnostics)
                )
            });
        let fix = diagnostic.fix.as_ref().expect("a fix");
        assert_eq!(fix.title, title, "{what}");
        let fixed = apply(&broken, fix);
        let left = check(&fixed);
        assert!(
            left.is_empty(),
            "{what}: after the fix\n{fixed}\nstill reports\n{}",
            describe(&left)
        );
    }
}

#[test]
fn a_suggestion_inside_a_policy_action_string_keeps_the_other_actions() {
    let broken = CLEAN.replacen("\"read, create\"", "\"raed, create\"", 1);
    let diagnostics = check(&broken);
    let fix = diagnostics
        .iter()
        .find_map(|d| {
            d.fix
                .as_ref()
                .filter(|_| d.code == Code::InvalidPolicyAction)
        })
        .expect("a fix");
    assert_eq!(fix.edits.len(), 1);
    assert_eq!(fix.edits[0].new_text, "\"read, create\"");
    assert_eq!(apply(&broken, fix), CLEAN);
}

#[test]
fn a_missing_id_gets_no_fix_when_a_field_is_already_named_id() {
    let text = "model A {\n  id Int\n  name String\n}\n";
    let diagnostics = check(text);
    let missing = diagnostics
        .iter()
        .find(|d| d.code == Code::MissingPrimaryKey)
        .expect("E3004");
    assert_eq!(missing.fix, None, "a second `id` would not fix it");

    // Without one, the field goes first in the body, even after a doc
    // comment with braces of its own.
    let text = "/// A {key}less model.\nmodel K {\n  name String\n}\n";
    let diagnostics = check(text);
    let fix = diagnostics
        .iter()
        .find_map(|d| d.fix.as_ref())
        .expect("a fix");
    assert_eq!(
        apply(text, fix),
        "/// A {key}less model.\nmodel K {\n  id Int @id @default(autoincrement())\n  name String\n}\n"
    );
}

#[test]
fn fixes_are_absolute_after_edits_above_the_declaration() {
    let broken = CLEAN.replacen("status Status @default", "status Stauts @default", 1);
    let mut db = RootDatabase::default();
    let file = SourceFile::new(&db, "fixes.cstack".to_string(), broken.clone());
    assert!(check_file(&db, file).has_errors());
    // A comment above every declaration moves them all: the validation of
    // `Post` is reused, and its fix resolved at the new place.
    let moved = format!("// moved\n{broken}");
    file.set_text(&mut db).to(moved.clone());
    let fix = check_file(&db, file)
        .diagnostics
        .iter()
        .find_map(|d| d.fix.clone().filter(|_| d.code == Code::UnknownType))
        .expect("a fix");
    assert_eq!(&moved[fix.edits[0].range.to_range()], "Stauts");
    assert!(check(&apply(&moved, &fix)).is_empty());
}

/// Checks `text`: a did-you-mean help always comes with its fix, and
/// applying any fix leaves fewer diagnostics of its code. Returns how many
/// fixes it applied.
fn assert_fixes_remove_their_diagnostics(name: &str, text: &str) -> usize {
    let diagnostics = check(text);
    let mut fixes = 0;
    for diagnostic in &diagnostics {
        let suggests = diagnostic
            .help
            .as_deref()
            .is_some_and(|help| help.starts_with("did you mean"));
        assert!(
            !suggests || diagnostic.fix.is_some(),
            "{name}: {} suggests without a fix",
            diagnostic.code.as_str()
        );
        let Some(fix) = &diagnostic.fix else {
            continue;
        };
        fixes += 1;
        let count = |diagnostics: &[Diagnostic]| {
            diagnostics
                .iter()
                .filter(|d| d.code == diagnostic.code)
                .count()
        };
        let fixed = apply(text, fix);
        assert!(
            count(&check(&fixed)) < count(&diagnostics),
            "{name}: applying `{}` leaves every {}:\n{fixed}",
            fix.title,
            diagnostic.code.as_str()
        );
    }
    fixes
}

#[test]
fn every_fix_in_the_fixtures_removes_its_diagnostic() {
    let dir = cstack_tests::fixtures_dir();
    let mut fixes = 0;
    for path in cstack_tests::schema_files(&dir) {
        let text = std::fs::read_to_string(&path).expect("readable");
        fixes += assert_fixes_remove_their_diagnostics(&path.display().to_string(), &text);
    }
    assert!(fixes >= 1, "the fixtures exercise fixes");
}

/// Every word of four letters or more in the clean schema and the example,
/// misspelled one at a time (its last but one letter dropped): whatever
/// the checker then suggests, its fix removes the diagnostic.
#[test]
fn every_fix_for_a_misspelled_word_removes_its_diagnostic() {
    let example = concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/blog.cstack");
    let example = std::fs::read_to_string(example).expect("the example");
    let mut fixes = 0;
    for text in [CLEAN, example.as_str()] {
        let bytes = text.as_bytes();
        let mut start = 0;
        while start < bytes.len() {
            let is_word = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
            if !is_word(bytes[start]) {
                start += 1;
                continue;
            }
            let mut end = start;
            while end < bytes.len() && is_word(bytes[end]) {
                end += 1;
            }
            if end - start >= 4 {
                let mut misspelled = text.to_string();
                misspelled.remove(end - 2);
                let name = format!("`{}` misspelled", &text[start..end]);
                fixes += assert_fixes_remove_their_diagnostics(&name, &misspelled);
            }
            start = end;
        }
    }
    assert!(fixes >= 50, "misspellings exercise fixes ({fixes})");
}
