//! Completion by position: what can be written at the cursor, worked out from
//! the declaration the cursor is in and the text before it on its line.
//! Every word offered comes from the compiler: the language's vocabulary
//! from its catalogue ([`cstack_compiler::lang`]), declared names from its
//! resolution.

use crate::index::{decl_at, declaration, field_in, mixins, resolve_type_name, type_decl};
use cstack_compiler::lang::{self, Position};
use cstack_compiler::{Db, Decl, Resolved, Scalar, SourceFile, auth_decl, item_tree, scope};
use cstack_diagnostics::TextRange;
use cstack_syntax::ast::{Arity, DeclKind, Declaration};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CompletionKind {
    Keyword,
    Type,
    Attribute,
    Field,
    Variant,
    Function,
    Value,
    Declaration,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CompletionItem {
    pub label: String,
    pub kind: CompletionKind,
    pub detail: Option<String>,
    pub documentation: Option<String>,
    /// What replaces `replace`; an LSP snippet when `is_snippet`.
    pub insert: String,
    pub is_snippet: bool,
    /// The text the item replaces: the partial word before the cursor,
    /// sigils included.
    pub replace: TextRange,
}

fn is_word(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_'
}

/// What an item inserts, and from where it replaces.
struct Insert {
    text: String,
    is_snippet: bool,
    from: u32,
}

struct Context<'a> {
    db: &'a dyn Db,
    file: SourceFile,
    offset: u32,
    /// The line up to the cursor.
    line: &'a str,
    /// Start of the word being typed.
    word_start: u32,
    out: Vec<CompletionItem>,
}

impl Context<'_> {
    fn add(
        &mut self,
        label: impl Into<String>,
        kind: CompletionKind,
        detail: Option<String>,
        documentation: Option<String>,
        insert: Insert,
    ) {
        self.out.push(CompletionItem {
            label: label.into(),
            kind,
            detail,
            documentation,
            insert: insert.text,
            is_snippet: insert.is_snippet,
            replace: TextRange::new(insert.from, self.offset),
        });
    }

    /// Words of the catalogue, each with its meaning as the detail.
    fn words(&mut self, words: &[lang::Word], kind: CompletionKind) {
        for &(word, summary) in words {
            self.word(word, kind, Some(summary.to_string()));
        }
    }

    fn word(&mut self, label: &str, kind: CompletionKind, detail: Option<String>) {
        let start = self.word_start;
        self.add(
            label,
            kind,
            detail,
            None,
            Insert {
                text: label.into(),
                is_snippet: false,
                from: start,
            },
        );
    }
}

/// At most this many items go back; the list is then marked incomplete so
/// the editor asks again as the user types.
const LIMIT: usize = 300;

/// The items for one position.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Completions {
    pub items: Vec<CompletionItem>,
    /// Items were left out (by the typed prefix or the limit): the editor
    /// must ask again rather than filter this list when the word shrinks.
    pub is_incomplete: bool,
}

/// Whether `label` contains the characters of `typed` in order, ignoring
/// case and sigils.
fn matches_typed(label: &str, typed: &str) -> bool {
    let mut wanted = typed
        .chars()
        .filter(|c| *c != '@')
        .flat_map(char::to_lowercase)
        .peekable();
    for c in label.chars().flat_map(char::to_lowercase) {
        if wanted.peek() == Some(&c) {
            wanted.next();
        }
    }
    wanted.peek().is_none()
}

/// The completions at `offset`, narrowed to what matches the word typed so far.
pub fn completions(db: &dyn Db, file: SourceFile, offset: u32) -> Completions {
    let text = file.text(db);
    let all = all_completions(db, file, offset);
    let total = all.len();
    let mut items: Vec<CompletionItem> = all
        .into_iter()
        .filter(|item| matches_typed(&item.label, &text[item.replace.to_range()]))
        .collect();
    let mut is_incomplete = items.len() < total;
    if items.len() > LIMIT {
        items.truncate(LIMIT);
        is_incomplete = true;
    }
    Completions {
        items,
        is_incomplete,
    }
}

fn all_completions(db: &dyn Db, file: SourceFile, offset: u32) -> Vec<CompletionItem> {
    let text = file.text(db);
    let offset = offset.min(text.len() as u32);
    let bytes = text.as_bytes();
    let line_start = text[..offset as usize].rfind('\n').map_or(0, |i| i + 1);
    let line = &text[line_start..offset as usize];
    let mut word_start = offset as usize;
    while word_start > line_start && is_word(bytes[word_start - 1]) {
        word_start -= 1;
    }
    let mut cx = Context {
        db,
        file,
        offset,
        line,
        word_start: word_start as u32,
        out: Vec::new(),
    };
    let decl = decl_at(db, file, offset).filter(|(_, decl)| {
        // Inside a declaration only after its keyword; a cursor at the start
        // of a top-level line begins a new one.
        let start = decl.offset(db);
        offset > start + decl.syntax(db).keyword.end && !line.is_empty()
    });
    // `extension |` and `transport |`: the names they take.
    let head = &line[..word_start - line_start];
    for (keyword, names) in [
        ("extension ", lang::EXTENSIONS),
        ("transport ", lang::TRANSPORTS),
    ] {
        if head.starts_with(keyword) && head[keyword.len()..].trim().is_empty() {
            cx.words(names, CompletionKind::Value);
            return cx.out;
        }
    }
    let Some((_, decl)) = decl else {
        top_level(&mut cx);
        return cx.out;
    };
    let syntax: &Declaration = decl.syntax(db);
    let before_word = &line[..line.len() - (offset as usize - word_start)];
    // `@`/`@@` attribute names.
    if let Some(sigil_start) = before_word.strip_suffix("@@").map(|_| word_start - 2) {
        attributes(&mut cx, Position::of_block(syntax.kind), sigil_start as u32);
        return cx.out;
    }
    if before_word.ends_with('@') {
        let position = attribute_position(&cx, syntax.kind);
        attributes(&mut cx, position, (word_start - 1) as u32);
        return cx.out;
    }
    // An attribute's arguments may span lines (a policy written over
    // several): the open call is found from the declaration's start.
    let decl_start = (decl.offset(db) as usize).min(word_start);
    if let Some(call) = open_call(&text[decl_start..word_start]) {
        inside_call(&mut cx, decl, &call, before_word);
        return cx.out;
    }
    let trimmed = before_word.trim_start();
    match syntax.kind {
        DeclKind::Datasource | DeclKind::Mcp => {
            if before_word.trim_end().ends_with('=') || before_word.ends_with('"') {
                providers(&mut cx, before_word);
            }
        }

        DeclKind::Procedure => {
            if before_word.trim_end().ends_with(':') {
                types(&mut cx);
            }
        }
        DeclKind::View
            if syntax.keyword.end + decl.offset(db) >= line_start as u32
                && before_word.contains(" from ") =>
        {
            declared(&mut cx, |resolved| matches!(resolved, Resolved::Model(_)));
        }
        _ => {
            // `name Type`: the second word on a field line is a type.
            let words: Vec<&str> = trimmed.split_whitespace().collect();
            if words.len() == 1
                && before_word.ends_with(char::is_whitespace)
                && !trimmed.starts_with('@')
            {
                types(&mut cx);
            } else if words.len() >= 2
                && before_word.ends_with(char::is_whitespace)
                && !trimmed.starts_with('@')
                && cx.offset == cx.word_start
            {
                // After `name Type `: the field's attributes, sigil included.
                let start = cx.word_start;
                attributes(&mut cx, Position::of_member(syntax.kind), start);
            }
        }
    }
    cx.out
}

fn top_level(cx: &mut Context<'_>) {
    for &(keyword, snippet) in lang::KEYWORDS {
        let start = cx.word_start;
        cx.add(
            keyword,
            CompletionKind::Keyword,
            Some("declaration".into()),
            None,
            Insert {
                text: snippet.into(),
                is_snippet: true,
                from: start,
            },
        );
    }
}

/// The declarations, in source order, whose names resolve to them in the
/// compiler's scope (the first of a duplicated name) and that `pick`
/// accepts.
fn declared(cx: &mut Context<'_>, pick: impl Fn(&Resolved<'_>) -> bool) {
    let scope = scope(cx.db, cx.file);
    for decl in &item_tree(cx.db, cx.file).decls {
        let name = decl.name(cx.db);
        let Some(resolved) = scope.resolve_type(name) else {
            continue;
        };
        if declaration(resolved) == Some(*decl) && pick(&resolved) {
            let name = name.clone();
            cx.word(
                &name,
                CompletionKind::Declaration,
                Some(decl.kind(cx.db).keyword().to_string()),
            );
        }
    }
}

/// What a field's type may name: the built-in types, and the models,
/// types and enums of the schema.
fn types(cx: &mut Context<'_>) {
    for scalar in Scalar::ALL {
        cx.word(
            scalar.name(),
            CompletionKind::Type,
            Some(lang::scalar_summary(scalar).to_string()),
        );
    }
    declared(cx, |resolved| {
        matches!(
            resolved,
            Resolved::Model(_) | Resolved::Type(_) | Resolved::Enum(_)
        )
    });
}

fn providers(cx: &mut Context<'_>, before_word: &str) {
    let quoted = before_word.ends_with('"');
    for &(provider, summary) in lang::PROVIDERS {
        let start = cx.word_start;
        let insert = if quoted {
            provider.to_string()
        } else {
            format!("\"{provider}\"")
        };
        cx.add(
            provider,
            CompletionKind::Value,
            Some(summary.into()),
            None,
            Insert {
                text: insert,
                is_snippet: false,
                from: start,
            },
        );
    }
}

/// Where a single `@` at the cursor puts an attribute: on a line of its
/// own, or after a member.
fn attribute_position(cx: &Context<'_>, kind: DeclKind) -> Option<Position> {
    if kind == DeclKind::Procedure || cx.line.trim_start().starts_with('@') {
        Position::of_line(kind)
    } else {
        Position::of_member(kind)
    }
}

/// The attributes the catalogue allows in `position`, replacing from
/// `replace_start` (the sigil).
fn attributes(cx: &mut Context<'_>, position: Option<Position>, replace_start: u32) {
    let Some(position) = position else {
        return;
    };
    for spec in lang::attributes_in(position) {
        let label = spec.display();
        let insert = format!("{label}{}", spec.snippet);
        cx.add(
            label,
            CompletionKind::Attribute,
            Some(spec.summary.to_string()),
            Some(spec.summary.to_string()),
            Insert {
                text: insert,
                is_snippet: true,
                from: replace_start,
            },
        );
    }
}

/// The innermost unclosed call in `before` (the declaration up to the
/// cursor): `@relation(fields: [a, ` gives the attribute name `relation`,
/// the sigil and the text after `(`.
struct OpenCall {
    name: String,
    is_block: bool,
    inner: String,
}

fn open_call(before: &str) -> Option<OpenCall> {
    let bytes = before.as_bytes();
    // The unclosed parentheses, skipping strings and `//` comments (whose
    // apostrophes and parentheses are prose).
    let mut open: Vec<usize> = Vec::new();
    let mut quote: Option<u8> = None;
    let mut in_comment = false;
    for (i, &b) in bytes.iter().enumerate() {
        if in_comment {
            in_comment = b != b'\n';
            continue;
        }
        match quote {
            Some(q) if b == q => quote = None,
            Some(_) => {}
            None => match b {
                b'/' if bytes.get(i + 1) == Some(&b'/') => in_comment = true,
                b'"' | b'\'' => quote = Some(b),
                b'(' => open.push(i),
                b')' => {
                    open.pop();
                }
                _ => {}
            },
        }
    }
    // Innermost first; a call inside an attribute, like `auth(` or
    // `hasRole(`, is skipped for the attribute around it.
    open.iter().rev().find_map(|&i| {
        let mut start = i;
        while start > 0 && is_word(bytes[start - 1]) {
            start -= 1;
        }
        let sigils = before[..start]
            .bytes()
            .rev()
            .take_while(|&b| b == b'@')
            .count();
        (sigils > 0).then(|| OpenCall {
            name: before[start..i].to_string(),
            is_block: sigils >= 2,
            inner: before[i + 1..].to_string(),
        })
    })
}

/// The fields of `owner`: its own, then those of the mixins it uses.
fn fields_of(cx: &mut Context<'_>, owner: Decl<'_>) {
    let mut names: Vec<(String, Option<String>)> = Vec::new();
    let sources = std::iter::once(owner).chain(mixins(cx.db, cx.file, owner));
    for source in sources {
        names.extend(source.syntax(cx.db).fields.iter().map(|f| {
            (
                f.name.text.clone(),
                f.ty.as_ref().map(|t| t.name.text.clone()),
            )
        }));
    }
    for (name, ty) in names {
        cx.word(&name, CompletionKind::Field, ty);
    }
}

/// The fields of the record the type name `owner` refers to.
fn fields_of_type(cx: &mut Context<'_>, owner: &str) {
    if let Some(decl) = type_decl(cx.db, cx.file, owner) {
        fields_of(cx, decl);
    }
}

fn inside_call(cx: &mut Context<'_>, decl: Decl<'_>, call: &OpenCall, before_word: &str) {
    let syntax: &Declaration = decl.syntax(cx.db);
    match (call.name.as_str(), call.is_block) {
        ("relation", false) => {
            let key = last_key(&call.inner);
            if unclosed_list(&call.inner) {
                match key.as_deref() {
                    Some("fields") => fields_of(cx, decl),
                    Some("references") => {
                        if let Some(target) = field_type_on_line(cx.line) {
                            fields_of_type(cx, &target);
                        }
                    }
                    _ => {}
                }
            } else if before_word.trim_end().ends_with(':')
                && matches!(key.as_deref(), Some("onDelete" | "onUpdate"))
            {
                cx.words(lang::REFERENTIAL_ACTIONS, CompletionKind::Value);
            } else {
                for key in lang::arguments_of("relation") {
                    let start = cx.word_start;
                    let insert = if key.starts_with("on") {
                        format!("{key}: ")
                    } else {
                        format!("{key}: [$1]")
                    };
                    cx.add(
                        key,
                        CompletionKind::Value,
                        lang::argument_summary("relation", key).map(str::to_string),
                        None,
                        Insert {
                            text: insert,
                            is_snippet: true,
                            from: start,
                        },
                    );
                }
            }
        }
        ("index" | "unique" | "id", true) => fields_of(cx, decl),
        ("use", false) => {
            declared(cx, |resolved| matches!(resolved, Resolved::Mixin(_)));
        }
        ("from", false) => {
            if let Some(model) = path_before(before_word).first() {
                let model = model.clone();
                fields_of_type(cx, &model);
            } else {
                for source in &syntax.sources {
                    cx.word(
                        &source.text,
                        CompletionKind::Declaration,
                        Some("view source".into()),
                    );
                }
            }
        }
        ("default", false) => {
            let ty = field_type_on_line(cx.line);
            let resolved = ty
                .as_deref()
                .and_then(|ty| resolve_type_name(cx.db, cx.file, ty));
            if let Some(Resolved::Enum(decl)) = resolved {
                let owner = decl.name(cx.db).clone();
                let variants: Vec<String> = decl
                    .syntax(cx.db)
                    .variants
                    .iter()
                    .map(|v| v.name.text.clone())
                    .collect();
                for variant in variants {
                    cx.word(
                        &variant,
                        CompletionKind::Variant,
                        Some(format!("enum {owner}")),
                    );
                }
                return;
            }
            // The functions that fit a built-in field type; all of them
            // when the type is not known yet.
            let scalar = match resolved {
                Some(Resolved::Builtin(scalar)) => Some(scalar),
                _ => None,
            };
            for function in lang::DEFAULT_FUNCTIONS
                .iter()
                .filter(|function| scalar.is_none_or(|scalar| function.fits.contains(&scalar)))
            {
                let start = cx.word_start;
                let call = format!("{}()", function.name);
                cx.add(
                    call.clone(),
                    CompletionKind::Function,
                    Some(function.summary.into()),
                    None,
                    Insert {
                        text: call,
                        is_snippet: false,
                        from: start,
                    },
                );
            }
        }
        ("emit", true) => cx.words(lang::EVENT_OPERATIONS, CompletionKind::Value),
        ("isolation", false) if call.inner.matches('"').count() % 2 == 1 => {
            for level in lang::ISOLATION_LEVELS {
                cx.word(level, CompletionKind::Value, Some("isolation level".into()));
            }
        }
        ("allow" | "deny", true)
            if call.inner.matches('"').count() % 2 == 1 && !call.inner.contains(',') =>
        {
            // Inside the action string: the actions, comma-separated.
            let actions = if syntax.kind == DeclKind::View {
                lang::VIEW_ACTIONS
            } else {
                lang::MODEL_ACTIONS
            };
            cx.words(actions, CompletionKind::Value);
        }
        ("allow" | "deny", _) | ("authorize", false) => policy(cx, decl, before_word),
        _ => {}
    }
}

fn unclosed_list(inner: &str) -> bool {
    inner.matches('[').count() > inner.matches(']').count()
}

/// The last `key:` before the cursor in an argument list.
fn last_key(inner: &str) -> Option<String> {
    let colon = inner.rfind(':')?;
    let before = inner[..colon].trim_end();
    let start = before
        .rfind(|c: char| !(c.is_alphanumeric() || c == '_'))
        .map_or(0, |i| i + 1);
    Some(before[start..].to_string())
}

/// The type of the field written on `line` (`name Type ...`).
fn field_type_on_line(line: &str) -> Option<String> {
    let mut words = line.split_whitespace();
    words.next()?;
    let ty = words.next()?;
    Some(ty.trim_end_matches(['?', ']', '[']).to_string())
}

/// The dotted path ending right before the cursor's word: `auth().team.`
/// gives `["auth()", "team"]`.
fn path_before(before_word: &str) -> Vec<String> {
    let Some(mut head) = before_word.strip_suffix('.') else {
        return Vec::new();
    };
    let mut segments = Vec::new();
    loop {
        let call = head.ends_with("()");
        let body = if call { &head[..head.len() - 2] } else { head };
        let start = body.len() - body.bytes().rev().take_while(|&b| is_word(b)).count();
        if start == body.len() {
            break;
        }
        segments.push(format!(
            "{}{}",
            &body[start..],
            if call { "()" } else { "" }
        ));
        match body[..start].strip_suffix('.') {
            Some(rest) => head = rest,
            None => break,
        }
    }
    segments.reverse();
    segments
}

fn is_quantifier(word: &str) -> bool {
    lang::names(lang::QUANTIFIERS).any(|quantifier| quantifier == word)
}

/// Whether `field` of `owner` is a list (a to-many relation).
fn is_list(cx: &Context<'_>, owner: Decl<'_>, field: &str) -> bool {
    field_in(cx.db, cx.file, owner, field)
        .and_then(|field| field.ty.as_ref())
        .is_some_and(|ty| ty.arity == Arity::List)
}

/// The record a field's type names.
fn field_target<'db>(cx: &Context<'db>, owner: Decl<'db>, field: &str) -> Option<Decl<'db>> {
    let ty = field_in(cx.db, cx.file, owner, field)?.ty.as_ref()?;
    type_decl(cx.db, cx.file, &ty.name.text)
}

/// The record type of the procedure input `name`.
fn input_type<'db>(cx: &Context<'db>, syntax: &Declaration, name: &str) -> Option<Decl<'db>> {
    let parameter = syntax.parameters.iter().find(|p| p.name.text == name)?;
    type_decl(cx.db, cx.file, &parameter.ty.as_ref()?.name.text)
}

/// A procedure's inputs, with their types.
fn inputs(cx: &mut Context<'_>, syntax: &Declaration) {
    for parameter in &syntax.parameters {
        let ty = parameter.ty.as_ref().map(|t| t.name.text.clone());
        cx.word(&parameter.name.text, CompletionKind::Field, ty);
    }
}

fn policy(cx: &mut Context<'_>, decl: Decl<'_>, before_word: &str) {
    let syntax: &Declaration = decl.syntax(cx.db);
    let path = path_before(before_word);
    if !path.is_empty() {
        // Walk the path to the record whose members come next.
        let mut segments = path.iter();
        let first = segments.next().map(String::as_str);
        let mut to_many = false;
        let mut owner = match first {
            Some("auth()") => auth_decl(cx.db, cx.file),
            Some(name) if syntax.kind == DeclKind::Procedure => {
                // As the checker reads inputs: an input, else a field of the
                // input named `args`; `args.x` for the input `x` while there
                // is no such input.
                if syntax.parameters.iter().any(|p| p.name.text == name) {
                    input_type(cx, syntax, name)
                } else if let Some(args) = input_type(cx, syntax, "args") {
                    to_many = is_list(cx, args, name);
                    field_target(cx, args, name)
                } else if name == "args" {
                    if path.len() == 1 {
                        inputs(cx, syntax);
                        return;
                    }
                    segments.next();
                    input_type(cx, syntax, &path[1])
                } else {
                    None
                }
            }
            Some(name) => {
                to_many = is_list(cx, decl, name);
                field_target(cx, decl, name)
            }
            None => None,
        };
        for segment in segments {
            if is_quantifier(segment) {
                to_many = false;
                continue;
            }
            let Some(current) = owner.take() else {
                return;
            };
            to_many = is_list(cx, current, segment);
            owner = field_target(cx, current, segment);
        }
        if to_many {
            cx.words(lang::QUANTIFIERS, CompletionKind::Keyword);
            return;
        }
        if let Some(owner) = owner {
            fields_of(cx, owner);
        }
        return;
    }
    if syntax.kind == DeclKind::Procedure {
        inputs(cx, syntax);
        if let Some(args) = input_type(cx, syntax, "args") {
            fields_of(cx, args);
        }
    } else {
        fields_of(cx, decl);
    }
    for &(name, snippet, summary) in lang::POLICY_FUNCTIONS {
        let start = cx.word_start;
        cx.add(
            name,
            CompletionKind::Function,
            Some(summary.into()),
            Some(summary.into()),
            Insert {
                text: snippet.into(),
                is_snippet: true,
                from: start,
            },
        );
    }
    for &(literal, _) in lang::LITERALS {
        cx.word(literal, CompletionKind::Keyword, None);
    }
    let decls = &item_tree(cx.db, cx.file).decls;
    for decl in decls {
        if decl.kind(cx.db) == DeclKind::Enum {
            let owner = decl.name(cx.db).clone();
            let variants: Vec<String> = decl
                .syntax(cx.db)
                .variants
                .iter()
                .map(|v| v.name.text.clone())
                .collect();
            for variant in variants {
                cx.word(
                    &variant,
                    CompletionKind::Variant,
                    Some(format!("enum {owner}")),
                );
            }
        }
    }
}
