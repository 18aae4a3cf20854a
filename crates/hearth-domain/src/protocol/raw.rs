//! A protocol file as written: known fields only (anything else is an error), every value kept
//! with its place in the file so a problem can name its line and column.

use serde::Deserialize;
use toml::Spanned;

pub type Text = Spanned<String>;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Raw {
    pub name: Text,
    pub version: Spanned<u32>,
    pub title: Text,
    pub source: Text,
    /// Fields this file sets that are the council's own choice, not its source's words.
    #[serde(default)]
    pub council_choices: Vec<Text>,
    pub referral: RawReferral,
    pub assessment: RawAssessment,
    #[serde(default)]
    pub cin: RawCin,
    pub cp: RawCp,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawReferral {
    pub decision: Text,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawAssessment {
    pub model: Text,
    pub complete: Text,
    pub first_stage: Option<Text>,
    pub initial: Option<Text>,
    pub core: Option<Text>,
    #[serde(default)]
    pub checkpoints: Vec<Text>,
    pub pre_birth_before_due_date: Option<Text>,
    pub refresh: Option<Text>,
    pub agency_reply: Option<Text>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct RawCin {
    pub plan_after_assessment: Option<Text>,
    pub visit_every: Option<Text>,
    pub meeting_every: Option<Text>,
    pub first_review: Option<Text>,
    pub second_review: Option<Text>,
    pub review_every: Option<Text>,
    pub complex_needs_panel_after: Option<Text>,
    pub minimum_after_cp_plan: Option<Text>,
    pub step_down_minimum: Option<Text>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCp {
    pub strategy_discussion: Option<Text>,
    pub initial_conference: Text,
    pub core_group: Text,
    pub first_review: Text,
    pub review_every: Text,
    pub visit_every: Option<Text>,
    pub missing_review_after: Option<Text>,
    pub core_group_every: Option<Text>,
    pub decision_circulated: Option<Text>,
}

/// The text before byte `offset`, cut back to a character boundary.
fn before(text: &str, offset: usize) -> &str {
    let mut end = offset.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// 1-based line and column (in characters) of byte `offset`.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let b = before(text, offset);
    let line = b.matches('\n').count() + 1;
    let line_start = b.rfind('\n').map_or(0, |i| i + 1);
    (line, b[line_start..].chars().count() + 1)
}

/// The `[table]` a header line opens, if it is one.
fn header(line: &str) -> Option<&str> {
    let t = line.trim();
    let t = t.strip_prefix('[')?;
    let end = t.find(']')?;
    Some(t[..end].trim_matches(|c: char| c == '[' || c.is_whitespace()))
}

/// The field path (`assessment.complete`) a TOML error at byte `offset` is about: the table whose
/// header comes before it, and the key named in the message or written on the error's line.
pub fn field_at(text: &str, offset: usize, message: &str) -> String {
    let b = before(text, offset);
    let line_end = text[b.len()..]
        .find('\n')
        .map_or(text.len(), |i| b.len() + i);
    let upto = &text[..line_end];
    let this_line = upto.rsplit('\n').next().unwrap_or("");
    let mut table = String::new();
    for l in upto.lines() {
        if let Some(h) = header(l) {
            table = h.to_string();
        }
    }
    let named = ["unknown field `", "missing field `", "duplicate key `"]
        .iter()
        .find_map(|p| message.split(p).nth(1))
        .and_then(|rest| rest.split('`').next());
    let on_line = header(this_line)
        .is_none()
        .then(|| this_line.split_once('='))
        .flatten()
        .map(|(k, _)| k.trim().trim_matches('"'))
        .filter(|k| !k.is_empty() && !k.starts_with('#'));
    match (named.or(on_line), table.is_empty()) {
        (Some(key), true) => key.to_string(),
        (Some(key), false) => format!("{table}.{key}"),
        (None, false) => table,
        (None, true) => "file".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locates_lines_columns_and_fields() {
        let text = "name = \"£x\"\n[assessment]\ncomplete = 3\n";
        assert_eq!(line_col(text, 0), (1, 1));
        // Inside the two-byte '£': cut back to its start.
        assert_eq!(line_col(text, 9), (1, 9));
        assert_eq!(line_col(text, text.find("3").unwrap()), (3, 12));
        assert_eq!(
            field_at(text, text.find("3").unwrap(), "invalid type"),
            "assessment.complete"
        );
        assert_eq!(
            field_at(
                text,
                14,
                "unknown field `deadline`, expected one of `model`"
            ),
            "assessment.deadline"
        );
        assert_eq!(field_at(text, 0, "invalid type"), "name");
        assert_eq!(field_at("", 0, "missing field `name`"), "name");
    }
}
