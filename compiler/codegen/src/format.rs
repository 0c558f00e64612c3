//! Generated Rust is parsed and pretty-printed, so every file is valid,
//! consistently formatted Rust or the build fails with the parse error.

/// Formats every `(path, text)` file, on all cores (parsing and printing
/// dominate the time of a build), keeping the order.
pub fn all(sources: Vec<(String, String)>) -> Result<Vec<crate::GeneratedFile>, String> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let chunk = sources.len().div_ceil(threads).max(1);
    let results: Vec<Result<Vec<crate::GeneratedFile>, String>> = std::thread::scope(|scope| {
        let workers: Vec<_> = sources
            .chunks(chunk)
            .map(|batch| {
                scope.spawn(move || {
                    batch
                        .iter()
                        .map(|(path, text)| {
                            rust(text)
                                .map(|contents| crate::GeneratedFile {
                                    path: path.clone(),
                                    contents,
                                })
                                .map_err(|error| format!("{path}: {error}"))
                        })
                        .collect()
                })
            })
            .collect();
        workers
            .into_iter()
            .map(|worker| {
                worker
                    .join()
                    .unwrap_or_else(|_| Err("the formatter thread failed".to_string()))
            })
            .collect()
    });
    let mut files = Vec::with_capacity(sources.len());
    for result in results {
        files.extend(result?);
    }
    Ok(files)
}

pub fn rust(text: &str) -> Result<String, String> {
    let file = syn::parse_file(text).map_err(|error| {
        let start = error.span().start();
        let line = text.lines().nth(start.line.saturating_sub(1)).unwrap_or("");
        format!("{error} at {}:{}: {line}", start.line, start.column)
    })?;
    Ok(separate_items(&prettyplease::unparse(&file)))
}

/// A blank line between top-level items, which the pretty-printer leaves
/// out, for readability (rustfmt keeps blank lines as they are).
fn separate_items(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 16);
    let mut previous_ended_item = false;
    for line in text.lines() {
        let top_level = !line.starts_with(' ') && !line.is_empty();
        let opens_item = top_level && !line.starts_with('}') && !line.starts_with(')');
        if previous_ended_item && opens_item {
            out.push('\n');
        }
        out.push_str(line);
        out.push('\n');
        previous_ended_item = top_level && (line.ends_with('}') || line.ends_with(';'));
    }
    out
}
