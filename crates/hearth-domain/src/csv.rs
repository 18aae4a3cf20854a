//! CSV cells for downloads people open in a spreadsheet: quoted when needed, and a cell that a
//! spreadsheet would run as a formula made inert.

/// One CSV field: quoted when needed, and a leading `=`, `+`, `-`, `@`, tab or CR made inert so a
/// spreadsheet never runs it as a formula.
pub fn field(s: &str) -> String {
    let inert = match s.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{s}"),
        _ => s.to_string(),
    };
    if inert.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", inert.replace('"', "\"\""))
    } else {
        inert
    }
}

/// One CSV line (CRLF-terminated) of these cells, each through [`field`].
pub fn line<S: AsRef<str>>(cells: &[S]) -> String {
    let mut out = cells
        .iter()
        .map(|c| field(c.as_ref()))
        .collect::<Vec<_>>()
        .join(",");
    out.push_str("\r\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_inert_and_commas_quoted() {
        assert_eq!(field("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(field("@cmd"), "'@cmd");
        assert_eq!(field("a, \"b\""), "\"a, \"\"b\"\"\"");
        assert_eq!(line(&["x", "+1"]), "x,'+1\r\n");
    }
}
