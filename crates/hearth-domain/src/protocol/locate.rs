//! Finding a key of a protocol file in its text, for problems the TOML reader gives no position
//! for: which line a field is on, where its value starts, which lines a table covers.

use super::lenient::join;

/// The `[table]` a header line opens, if it is one.
fn header(line: &str) -> Option<&str> {
    let t = line.trim().strip_prefix('[')?;
    let end = t.find(']')?;
    Some(t[..end].trim_matches(|c: char| c == '[' || c.is_whitespace()))
}

/// The line (0-based) of the `[path]` header.
pub fn header_line(text: &str, path: &str) -> Option<usize> {
    text.lines().position(|l| header(l) == Some(path))
}

/// Whether `line` assigns `key` (bare or quoted).
fn assigns(line: &str, key: &str) -> bool {
    let t = line.trim_start();
    let rest = t
        .strip_prefix(key)
        .or_else(|| t.strip_prefix(&format!("\"{key}\"")))
        .or_else(|| t.strip_prefix(&format!("'{key}'")));
    rest.is_some_and(|r| r.trim_start().starts_with('='))
}

/// The line (0-based) where `key` is assigned inside `[path]`.
fn key_line(text: &str, path: &str, key: &str) -> Option<usize> {
    let mut table = "";
    for (i, l) in text.lines().enumerate() {
        if let Some(h) = header(l) {
            table = h;
        } else if table == path && assigns(l, key) {
            return Some(i);
        }
    }
    None
}

/// The lines an unknown field occupies: its own line, or a whole `[table]` with its keys.
pub fn key_lines(text: &str, path: &str, key: &str, is_table: bool) -> Vec<usize> {
    if let Some(l) = key_line(text, path, key) {
        return vec![l];
    }
    if !is_table {
        return Vec::new();
    }
    let full = join(path, key);
    let mut out = Vec::new();
    let mut inside = false;
    for (i, l) in text.lines().enumerate() {
        if let Some(h) = header(l) {
            inside = h == full || h.starts_with(&format!("{full}."));
        }
        if inside {
            out.push(i);
        }
    }
    out
}

/// Column (0-based, in characters) of the first non-blank character of a line.
pub fn key_col(text: &str, line: usize) -> usize {
    let l = text.lines().nth(line).unwrap_or("");
    l.chars().take_while(|c| c.is_whitespace()).count()
}

/// Line and column (0-based) of `key`'s value in `[path]`, or of the header, or the file start.
pub fn value_at(text: &str, path: &str, key: &str) -> (usize, usize) {
    match key_line(text, path, key) {
        Some(i) => {
            let l = text.lines().nth(i).unwrap_or("");
            let col = l.find('=').map_or(0, |eq| {
                let after = &l[eq + 1..];
                l[..eq + 1].chars().count()
                    + after.chars().take_while(|c| c.is_whitespace()).count()
            });
            (i, col)
        }
        None => (header_line(text, path).unwrap_or(0), 0),
    }
}
