//! The runtime's module graph, read from its sources: modules import
//! downwards only, so the graph has no cycle, and every layer imports only
//! the layers below it.
//!
//! A module is a file under `runtime/src` (`a/mod.rs` is `a`, `a/b.rs` is
//! `a::b`; an inline `mod` belongs to its file). An edge is a reference to
//! another module: a `use` of it, or a `crate::…`, `super::…` or `self::…`
//! path through it. A path through a re-export (`crate::Filter`, a layer's
//! `mod.rs` re-exporting its children) leads to the module that defines the
//! item, so a facade adds no edge of its own. `#[cfg(test)]` items are
//! ignored: tests may reach across layers.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The layers, bottom first: a module in one may import only modules of
/// its own layer or one listed before it. The crate root and `__codegen`
/// (facades over everything) are above them all.
const LAYERS: &[&str] = &["schema", "query", "sql", "backend", "handle", "ops", "http"];

#[test]
fn the_runtime_modules_have_no_import_cycle() {
    let graph = Graph::read(&source_dir());
    let cycles = graph.cycles();
    assert!(
        cycles.is_empty(),
        "runtime/src has import cycles (each line: one strongly connected component, then one cycle in it):\n{}",
        cycles.join("\n")
    );
}

#[test]
fn each_layer_imports_only_the_layers_below_it() {
    let graph = Graph::read(&source_dir());
    let mut upward = Vec::new();
    for (from, targets) in &graph.edges {
        let Some(own) = layer(from) else { continue };
        for (to, line) in targets {
            if let Some(other) = layer(to).filter(|other| *other > own) {
                upward.push(format!(
                    "{from} (layer {}) -> {to} (layer {}), line {line}",
                    LAYERS[own], LAYERS[other]
                ));
            }
        }
    }
    assert!(upward.is_empty(), "upward imports:\n{}", upward.join("\n"));
    // Every module sits in a layer or is one of the two facades.
    let stray: Vec<&String> = graph
        .modules
        .keys()
        .filter(|module| layer(module).is_none() && !module.is_empty() && *module != "__codegen")
        .collect();
    assert!(stray.is_empty(), "modules outside the layers: {stray:?}");
}

#[test]
fn every_module_says_what_it_owns() {
    let graph = Graph::read(&source_dir());
    let silent: Vec<&String> = graph
        .modules
        .iter()
        .filter(|(_, file)| {
            let text = std::fs::read_to_string(file).unwrap_or_default();
            !text.trim_start().starts_with("//!")
        })
        .map(|(module, _)| module)
        .collect();
    assert!(silent.is_empty(), "modules without a `//!` doc: {silent:?}");
}

#[test]
fn the_reader_finds_a_cycle_and_ignores_tests() {
    let dir = std::env::temp_dir().join(format!("cstack-layers-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("a")).unwrap();
    let write = |path: &str, text: &str| std::fs::write(dir.join(path), text).unwrap();
    write("lib.rs", "mod a;\nmod b;\npub use a::Thing;\n");
    write("a/mod.rs", "//! a\nmod inner;\npub use inner::Thing;\n");
    write(
        "a/inner.rs",
        "//! inner\n/* crate::b */\npub struct Thing(crate::b::Other);\n",
    );
    write(
        "b.rs",
        "//! b\nuse crate::Thing; // via the root\npub struct Other;\n\
         #[cfg(test)]\nmod tests { use crate::c::Nothing; }\n",
    );
    let graph = Graph::read(&dir);
    let cycles = graph.cycles();
    assert_eq!(cycles.len(), 1, "{cycles:?}");
    assert!(
        cycles[0].contains("a::inner -> b -> a::inner"),
        "{cycles:?}"
    );
    write("b.rs", "//! b\npub struct Other;\n");
    assert!(Graph::read(&dir).cycles().is_empty());
    let _ = std::fs::remove_dir_all(&dir);
}

fn source_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn layer(module: &str) -> Option<usize> {
    let top = module.split("::").next()?;
    LAYERS.iter().position(|layer| *layer == top)
}

/// A module path, its segments joined by `::` (`""` for the crate root).
type Module = String;

#[derive(Default)]
struct Graph {
    /// Every module and its file.
    modules: BTreeMap<Module, PathBuf>,
    /// Module to the modules it references, each with the first line that does.
    edges: BTreeMap<Module, BTreeMap<Module, usize>>,
}

/// What one file says: the names its `use`s bind and the paths it writes.
#[derive(Default)]
struct FileFacts {
    /// Name to the absolute path it stands for (`None`: outside the crate).
    bindings: BTreeMap<String, Option<Vec<String>>>,
    /// Absolute paths referenced, with their line.
    references: Vec<(Vec<String>, usize)>,
}

impl Graph {
    fn read(dir: &Path) -> Graph {
        let mut graph = Graph::default();
        collect(dir, dir, &mut graph.modules);
        let modules: BTreeSet<Module> = graph.modules.keys().cloned().collect();
        let facts: BTreeMap<Module, FileFacts> = graph
            .modules
            .iter()
            .map(|(module, file)| {
                let text = std::fs::read_to_string(file).expect("a readable source file");
                (module.clone(), read_file(module, &text, &modules))
            })
            .collect();
        for (module, file) in &facts {
            let edges = graph.edges.entry(module.clone()).or_default();
            for (path, line) in &file.references {
                if let Some(target) = resolve(path, &facts, &modules, 0)
                    && target != *module
                {
                    edges.entry(target).or_insert(*line);
                }
            }
        }
        graph
    }

    /// One line per strongly connected component of more than one module:
    /// its modules, and one cycle through them.
    fn cycles(&self) -> Vec<String> {
        let components = tarjan(&self.edges);
        components
            .into_iter()
            .filter(|component| component.len() > 1)
            .map(|component| {
                let cycle = self.cycle_in(&component);
                format!(
                    "{{{}}}: {}",
                    component.iter().cloned().collect::<Vec<_>>().join(", "),
                    cycle.join(" -> ")
                )
            })
            .collect()
    }

    /// The shortest cycle through the first module of `component`.
    fn cycle_in(&self, component: &BTreeSet<Module>) -> Vec<Module> {
        let start = component
            .iter()
            .next()
            .expect("a non-empty component")
            .clone();
        // Breadth first from `start`, back to it, inside the component.
        let mut previous: BTreeMap<Module, Module> = BTreeMap::new();
        let mut queue = std::collections::VecDeque::from([start.clone()]);
        while let Some(node) = queue.pop_front() {
            for next in self.edges.get(&node).into_iter().flat_map(|e| e.keys()) {
                if !component.contains(next) {
                    continue;
                }
                if *next == start {
                    let mut cycle = vec![node.clone()];
                    let mut at = node.clone();
                    while at != start {
                        at = previous[&at].clone();
                        cycle.push(at.clone());
                    }
                    cycle.reverse();
                    cycle.push(start.clone());
                    return cycle;
                }
                if !previous.contains_key(next) {
                    previous.insert(next.clone(), node.clone());
                    queue.push_back(next.clone());
                }
            }
        }
        vec![start]
    }
}

fn collect(root: &Path, dir: &Path, modules: &mut BTreeMap<Module, PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("a readable directory")
        .map(|entry| entry.expect("a directory entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            collect(root, &path, modules);
            continue;
        }
        if path.extension().is_none_or(|ext| ext != "rs") {
            continue;
        }
        let relative = path.strip_prefix(root).expect("under the root");
        let mut segments: Vec<String> = relative
            .iter()
            .map(|part| part.to_string_lossy().trim_end_matches(".rs").to_string())
            .collect();
        if matches!(
            segments.last().map(String::as_str),
            Some("mod" | "lib" | "main")
        ) {
            segments.pop();
        }
        modules.insert(segments.join("::"), path);
    }
}

/// The module an absolute path leads to: the longest prefix that is a
/// module, followed through a re-export when the next segment is one.
fn resolve(
    path: &[String],
    facts: &BTreeMap<Module, FileFacts>,
    modules: &BTreeSet<Module>,
    depth: usize,
) -> Option<Module> {
    let length = (0..=path.len())
        .rev()
        .find(|&n| modules.contains(&path[..n].join("::")))?;
    let module = path[..length].join("::");
    if depth < 16
        && let Some(name) = path.get(length)
        && let Some(Some(target)) = facts.get(&module).and_then(|f| f.bindings.get(name))
        && target.as_slice() != &path[..=length]
    {
        let mut followed = target.clone();
        followed.extend_from_slice(&path[length + 1..]);
        if let Some(found) = resolve(&followed, facts, modules, depth + 1) {
            return Some(found);
        }
    }
    Some(module)
}

#[derive(Clone, Debug, PartialEq)]
enum Token {
    Ident(String),
    /// `::`
    Path,
    Punct(char),
}

/// Tokens with their line, comments and literals dropped.
fn lex(text: &str) -> Vec<(Token, usize)> {
    let chars: Vec<char> = text.chars().collect();
    let mut tokens = Vec::new();
    let mut line = 1;
    let mut i = 0;
    let count_lines =
        |from: usize, to: usize| chars[from..to].iter().filter(|c| **c == '\n').count();
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '\n' {
            line += 1;
            i += 1;
        } else if c.is_whitespace() {
            i += 1;
        } else if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let start = i;
            let mut depth = 0;
            while i < chars.len() {
                if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                    depth += 1;
                    i += 2;
                } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    i += 1;
                }
            }
            line += count_lines(start, i.min(chars.len()));
        } else if c == '"' || ((c == 'b' || c == 'c') && next == Some('"')) {
            let start = i;
            i += if c == '"' { 1 } else { 2 };
            while i < chars.len() && chars[i] != '"' {
                i += if chars[i] == '\\' { 2 } else { 1 };
            }
            i += 1;
            line += count_lines(start, i.min(chars.len()));
        } else if (c == 'r' || ((c == 'b' || c == 'c') && next == Some('r'))) && {
            let at = if c == 'r' { i + 1 } else { i + 2 };
            let hashes = chars[at..].iter().take_while(|c| **c == '#').count();
            chars.get(at + hashes) == Some(&'"')
        } {
            let start = i;
            let at = if c == 'r' { i + 1 } else { i + 2 };
            let hashes = chars[at..].iter().take_while(|c| **c == '#').count();
            i = at + hashes + 1;
            loop {
                if i >= chars.len() {
                    break;
                }
                if chars[i] == '"'
                    && chars[i + 1..]
                        .iter()
                        .take(hashes)
                        .filter(|c| **c == '#')
                        .count()
                        == hashes
                {
                    i += 1 + hashes;
                    break;
                }
                i += 1;
            }
            line += count_lines(start, i.min(chars.len()));
        } else if c == '\'' {
            // A char literal ('a', '\n', '\u{1F600}') or a lifetime ('a).
            if next == Some('\\') {
                i += 3;
                while i < chars.len() && chars[i] != '\'' {
                    i += 1;
                }
                i += 1;
            } else if chars.get(i + 2) == Some(&'\'') {
                i += 3;
            } else {
                i += 1;
            }
        } else if c.is_alphabetic() || c == '_' {
            let start = i;
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            let word: String = chars[start..i].iter().collect();
            if word == "r" && chars.get(i) == Some(&'#') {
                // A raw identifier: `r#type`.
                i += 1;
                let start = i;
                while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                    i += 1;
                }
                tokens.push((Token::Ident(chars[start..i].iter().collect()), line));
            } else {
                tokens.push((Token::Ident(word), line));
            }
        } else if c.is_ascii_digit() {
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
        } else if c == ':' && next == Some(':') {
            tokens.push((Token::Path, line));
            i += 2;
        } else {
            tokens.push((Token::Punct(c), line));
            i += 1;
        }
    }
    tokens
}

fn ident(token: Option<&(Token, usize)>) -> Option<&str> {
    match token {
        Some((Token::Ident(word), _)) => Some(word),
        _ => None,
    }
}

fn is(token: Option<&(Token, usize)>, expected: &Token) -> bool {
    token.is_some_and(|(token, _)| token == expected)
}

/// The index just past the item starting at `i`: its `;`, or the `}`
/// closing its first block.
fn skip_item(tokens: &[(Token, usize)], mut i: usize) -> usize {
    let mut depth = 0usize;
    while i < tokens.len() {
        match &tokens[i].0 {
            Token::Punct('{') => depth += 1,
            Token::Punct('}') => {
                depth -= 1;
                if depth == 0 {
                    return i + 1;
                }
            }
            Token::Punct(';') if depth == 0 => return i + 1,
            _ => {}
        }
        i += 1;
    }
    i
}

/// Whether a `cfg` predicate holds only under `test`.
fn implies_test(tokens: &[(Token, usize)]) -> bool {
    fn predicate(tokens: &[(Token, usize)], i: &mut usize) -> bool {
        let Some(word) = ident(tokens.get(*i)).map(str::to_string) else {
            *i += 1;
            return false;
        };
        *i += 1;
        if !is(tokens.get(*i), &Token::Punct('(')) {
            // `test`, or `feature = "x"` (its literal is gone).
            if is(tokens.get(*i), &Token::Punct('=')) {
                *i += 1;
            }
            return word == "test";
        }
        *i += 1;
        let mut parts = Vec::new();
        while *i < tokens.len() && !is(tokens.get(*i), &Token::Punct(')')) {
            if is(tokens.get(*i), &Token::Punct(',')) {
                *i += 1;
                continue;
            }
            parts.push(predicate(tokens, i));
        }
        *i += 1;
        match word.as_str() {
            "all" => parts.iter().any(|p| *p),
            "any" => !parts.is_empty() && parts.iter().all(|p| *p),
            _ => false,
        }
    }
    // Past `cfg (`.
    let mut i = 2;
    predicate(tokens, &mut i)
}

/// The `use` tree at `i` (just past `use`), expanded into (bound name,
/// path) pairs; returns the index past its `;`.
fn use_tree(
    tokens: &[(Token, usize)],
    mut i: usize,
    prefix: Vec<String>,
    out: &mut Vec<(Option<String>, Vec<String>)>,
) -> usize {
    let mut path = prefix;
    loop {
        match tokens.get(i) {
            Some((Token::Ident(word), _)) if word == "as" => {
                let alias = ident(tokens.get(i + 1)).map(str::to_string);
                out.push((alias, path.clone()));
                return i + 2;
            }
            Some((Token::Ident(word), _)) => {
                path.push(word.clone());
                i += 1;
            }
            Some((Token::Path, _)) => i += 1,
            Some((Token::Punct('*'), _)) => {
                out.push((None, path.clone()));
                return i + 1;
            }
            Some((Token::Punct('{'), _)) => {
                i += 1;
                while !is(tokens.get(i), &Token::Punct('}')) && i < tokens.len() {
                    if is(tokens.get(i), &Token::Punct(',')) {
                        i += 1;
                        continue;
                    }
                    i = use_tree(tokens, i, path.clone(), out);
                }
                return i + 1;
            }
            _ => {
                let name = path.last().cloned();
                let name = if name.as_deref() == Some("self") {
                    path.pop();
                    path.last().cloned()
                } else {
                    name
                };
                out.push((name, path));
                return i;
            }
        }
    }
}

fn read_file(module: &str, text: &str, modules: &BTreeSet<Module>) -> FileFacts {
    let tokens = lex(text);
    let own: Vec<String> = if module.is_empty() {
        Vec::new()
    } else {
        module.split("::").map(str::to_string).collect()
    };
    let mut facts = FileFacts::default();
    // Inline modules open at these brace depths.
    let mut inline: Vec<(String, usize)> = Vec::new();
    let mut depth = 0usize;
    let mut i = 0;
    // Where `self` is: the file's module plus the inline modules around.
    let here = |inline: &[(String, usize)]| {
        let mut path = own.clone();
        path.extend(inline.iter().map(|(name, _)| name.clone()));
        path
    };
    // A path as written, made absolute; `None` outside the crate.
    let absolute = |written: &[String], inline: &[(String, usize)]| -> Option<Vec<String>> {
        let mut base = here(inline);
        let mut rest = written;
        match rest.first().map(String::as_str) {
            Some("crate") => {
                base.clear();
                rest = &rest[1..];
            }
            Some("self") => rest = &rest[1..],
            Some("super") => {
                while rest.first().map(String::as_str) == Some("super") {
                    base.pop();
                    rest = &rest[1..];
                }
            }
            Some(first) => {
                let mut child = base.clone();
                child.push(first.to_string());
                if !modules.contains(&child.join("::")) {
                    return None;
                }
            }
            None => return None,
        }
        base.extend(rest.iter().cloned());
        Some(base)
    };
    while i < tokens.len() {
        match &tokens[i].0 {
            Token::Punct('#') => {
                // An attribute: `#[...]` or `#![...]`.
                let mut j = i + 1;
                if is(tokens.get(j), &Token::Punct('!')) {
                    j += 1;
                }
                if !is(tokens.get(j), &Token::Punct('[')) {
                    i += 1;
                    continue;
                }
                let open = j;
                let mut brackets = 0;
                while j < tokens.len() {
                    match tokens[j].0 {
                        Token::Punct('[') => brackets += 1,
                        Token::Punct(']') => {
                            brackets -= 1;
                            if brackets == 0 {
                                break;
                            }
                        }
                        _ => {}
                    }
                    j += 1;
                }
                let inner = &tokens[open + 1..j];
                let test_only = ident(inner.first()) == Some("cfg")
                    && implies_test(inner)
                    && !is(tokens.get(i + 1), &Token::Punct('!'));
                i = j + 1;
                if test_only {
                    // Skip further attributes, then the item.
                    while is(tokens.get(i), &Token::Punct('#')) {
                        let mut brackets = 0;
                        i += 1;
                        while i < tokens.len() {
                            match tokens[i].0 {
                                Token::Punct('[') => brackets += 1,
                                Token::Punct(']') => {
                                    brackets -= 1;
                                    if brackets == 0 {
                                        break;
                                    }
                                }
                                _ => {}
                            }
                            i += 1;
                        }
                        i += 1;
                    }
                    i = skip_item(&tokens, i);
                }
            }
            Token::Punct('{') => {
                depth += 1;
                i += 1;
            }
            Token::Punct('}') => {
                if inline.last().is_some_and(|(_, at)| *at == depth) {
                    inline.pop();
                }
                depth = depth.saturating_sub(1);
                i += 1;
            }
            Token::Ident(word) if word == "mod" => {
                if let Some(name) = ident(tokens.get(i + 1))
                    && is(tokens.get(i + 2), &Token::Punct('{'))
                {
                    inline.push((name.to_string(), depth + 1));
                    depth += 1;
                    i += 3;
                } else {
                    i += 2;
                }
            }
            Token::Ident(word) if word == "use" => {
                let mut uses = Vec::new();
                i = use_tree(&tokens, i + 1, Vec::new(), &mut uses);
                let line = tokens.get(i.saturating_sub(1)).map_or(0, |(_, line)| *line);
                for (name, path) in uses {
                    let target = absolute(&path, &inline);
                    if let Some(target) = &target {
                        facts.references.push((target.clone(), line));
                    }
                    if let Some(name) = name {
                        facts.bindings.insert(name, target);
                    }
                }
            }
            Token::Ident(word)
                if !is(tokens.get(i.wrapping_sub(1)), &Token::Path)
                    && is(tokens.get(i + 1), &Token::Path) =>
            {
                // A path expression or type: `crate::a::b`, `super::x`, `child::y`.
                let line = tokens[i].1;
                let mut path = vec![word.clone()];
                let mut j = i + 1;
                while is(tokens.get(j), &Token::Path) {
                    match ident(tokens.get(j + 1)) {
                        Some(next) => {
                            path.push(next.to_string());
                            j += 2;
                        }
                        None => break,
                    }
                }
                if let Some(target) = absolute(&path, &inline) {
                    facts.references.push((target, line));
                }
                i = j;
            }
            _ => i += 1,
        }
    }
    facts
}

/// Strongly connected components (Tarjan).
fn tarjan(edges: &BTreeMap<Module, BTreeMap<Module, usize>>) -> Vec<BTreeSet<Module>> {
    struct State<'a> {
        edges: &'a BTreeMap<Module, BTreeMap<Module, usize>>,
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        on_stack: BTreeSet<&'a str>,
        next: usize,
        components: Vec<BTreeSet<Module>>,
    }
    fn visit<'a>(state: &mut State<'a>, node: &'a str) {
        state.index.insert(node, state.next);
        state.low.insert(node, state.next);
        state.next += 1;
        state.stack.push(node);
        state.on_stack.insert(node);
        let edges = state.edges;
        for next in edges.get(node).into_iter().flat_map(|e| e.keys()) {
            let next = next.as_str();
            if !state.index.contains_key(next) {
                visit(state, next);
                let low = state.low[node].min(state.low[next]);
                state.low.insert(node, low);
            } else if state.on_stack.contains(next) {
                let low = state.low[node].min(state.index[next]);
                state.low.insert(node, low);
            }
        }
        if state.low[node] == state.index[node] {
            let mut component = BTreeSet::new();
            while let Some(top) = state.stack.pop() {
                state.on_stack.remove(top);
                component.insert(top.to_string());
                if top == node {
                    break;
                }
            }
            state.components.push(component);
        }
    }
    let mut state = State {
        edges,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        next: 0,
        components: Vec::new(),
    };
    for node in edges.keys() {
        if !state.index.contains_key(node.as_str()) {
            visit(&mut state, node);
        }
    }
    state.components
}
