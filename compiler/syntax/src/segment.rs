//! Splits a source text into independently parsable segments, each a run of
//! whole top-level declarations.
//!
//! Parsing segments separately buys three things: segments parse in parallel,
//! an edit re-parses only the segment it touches, and an unterminated block
//! cannot swallow the declarations after it, because a declaration header at
//! the start of a line always begins a new segment.
//!
//! A split is only ever made at the start of a line that begins (in column 0)
//! with a declaration keyword, outside any `"""` string, and either at brace
//! depth 0 or on a line that looks like a block header (ends with `{`). In a
//! well-formed file such a line always begins a declaration, so splitting
//! there yields the same declarations as parsing the whole file at once.

const KEYWORDS: &[&str] = &[
    "datasource",
    "auth",
    "mixin",
    "model",
    "type",
    "enum",
    "view",
    "procedure",
    "mutation",
    "extension",
    "mcp",
    "transport",
];

/// Byte offsets at which segments start; the first is always 0.
pub fn segment_starts(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut starts = vec![0];
    let mut depth: i64 = 0;
    let mut in_triple = false;
    // Start of the run of comment lines just above the current line, if any:
    // comments (and docs) stay with the declaration below them.
    let mut comment_run_start: Option<usize> = None;
    let mut line_start = 0;
    while line_start < bytes.len() {
        let line_end = memchr_newline(bytes, line_start);
        let line = &bytes[line_start..line_end];
        if !in_triple {
            if line_start != 0
                && starts_declaration(line)
                && (depth <= 0 || looks_like_header(line))
            {
                let start = comment_run_start.unwrap_or(line_start);
                if start > *starts.last().unwrap_or(&0) {
                    starts.push(start);
                }
                depth = 0;
            }
            let trimmed = trim_start(line);
            if trimmed.starts_with(b"//") {
                comment_run_start.get_or_insert(line_start);
            } else {
                comment_run_start = None;
            }
        }
        scan_line(line, &mut depth, &mut in_triple);
        line_start = line_end + 1;
    }
    starts
}

fn memchr_newline(bytes: &[u8], from: usize) -> usize {
    memchr::memchr(b'\n', &bytes[from..]).map_or(bytes.len(), |i| from + i)
}

fn trim_start(line: &[u8]) -> &[u8] {
    let skip = line.iter().take_while(|b| b.is_ascii_whitespace()).count();
    &line[skip..]
}

fn starts_declaration(line: &[u8]) -> bool {
    KEYWORDS.iter().any(|keyword| {
        line.starts_with(keyword.as_bytes())
            && line
                .get(keyword.len())
                .is_none_or(|&next| next == b' ' || next == b'\t' || next == b'\r' || next == b'{')
    })
}

/// A line ending with `{` (ignoring a trailing comment and whitespace).
fn looks_like_header(line: &[u8]) -> bool {
    let code = match find_comment(line) {
        Some(at) => &line[..at],
        None => line,
    };
    code.iter()
        .rev()
        .find(|b| !b.is_ascii_whitespace())
        .is_some_and(|&b| b == b'{')
}

/// Where a `//` comment starts on a line, ignoring `//` inside strings.
fn find_comment(line: &[u8]) -> Option<usize> {
    let mut quote: Option<u8> = None;
    let mut i = 0;
    while i < line.len() {
        let b = line[i];
        match quote {
            Some(q) => {
                if b == b'\\' {
                    i += 1;
                } else if b == q {
                    quote = None;
                }
            }
            None => {
                if b == b'"' || b == b'\'' {
                    quote = Some(b);
                } else if b == b'/' && line.get(i + 1) == Some(&b'/') {
                    return Some(i);
                }
            }
        }
        i += 1;
    }
    None
}

/// The brace depth change over text with no strings or comments in it.
/// Braces are rare, so jumping between them beats looking at every byte.
fn brace_balance(code: &[u8]) -> i64 {
    memchr::memchr2_iter(b'{', b'}', code)
        .map(|at| if code[at] == b'{' { 1 } else { -1 })
        .sum()
}

/// Updates the brace depth and the inside-`"""` state across one line.
/// Runs of plain code between quotes and slashes are skipped with `memchr`
/// and their braces counted in bulk: this scan reads the whole text on every
/// re-parse.
fn scan_line(line: &[u8], depth: &mut i64, in_triple: &mut bool) {
    let mut i = 0;
    while i < line.len() {
        if *in_triple {
            match memchr::memmem::find(&line[i..], b"\"\"\"") {
                Some(at) => {
                    *in_triple = false;
                    i += at + 3;
                }
                None => return,
            }
            continue;
        }
        let plain = memchr::memchr3(b'/', b'"', b'\'', &line[i..]).unwrap_or(line.len() - i);
        *depth += brace_balance(&line[i..i + plain]);
        i += plain;
        if i >= line.len() {
            return;
        }
        match line[i] {
            b'/' if line.get(i + 1) == Some(&b'/') => return,
            b'"' if line[i..].starts_with(b"\"\"\"") => {
                *in_triple = true;
                i += 3;
                continue;
            }
            quote @ (b'"' | b'\'') => {
                i += 1;
                while i < line.len() && line[i] != quote {
                    if line[i] == b'\\' {
                        i += 1;
                    }
                    i += 1;
                }
            }
            b'{' => *depth += 1,
            b'}' => *depth -= 1,
            _ => {}
        }
        i += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn segments(text: &str) -> Vec<&str> {
        let starts = segment_starts(text);
        starts
            .iter()
            .enumerate()
            .map(|(i, &start)| &text[start..starts.get(i + 1).copied().unwrap_or(text.len())])
            .collect()
    }

    #[test]
    fn splits_at_declarations_and_keeps_comments_with_them() {
        let text = "model A {\n  id Int @id\n}\n\n/// Docs\n// note\nmodel B {\n  id Int @id\n}\n";
        assert_eq!(
            segments(text),
            [
                "model A {\n  id Int @id\n}\n\n",
                "/// Docs\n// note\nmodel B {\n  id Int @id\n}\n"
            ]
        );
    }

    #[test]
    fn does_not_split_inside_blocks_or_sql_bodies() {
        let text = "model A {\ntype String\n}\nview V from A {\n  @@sql(\"\"\"\nmodel X {\n}\n\"\"\")\n}\n";
        assert_eq!(segments(text).len(), 2);
    }

    #[test]
    fn an_unterminated_block_does_not_swallow_the_next_header() {
        let text = "model A {\n  id Int @id\n\nmodel B {\n  id Int @id\n}\n";
        assert_eq!(segments(text).len(), 2);
    }

    #[test]
    fn braces_in_strings_and_comments_do_not_count() {
        let text = "model A {\n  x String @default(\"{\") // {\n}\nmodel B {\n}\n";
        assert_eq!(segments(text).len(), 2);
    }
}
