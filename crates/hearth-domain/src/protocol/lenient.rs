//! Reporting every problem at once when a protocol file has the wrong shape.
//!
//! The strict reader (`parse`) stops at the first unknown, missing or mistyped field, as serde
//! does. When that happens this module walks the file's TOML table against the same schema and
//! reports every unknown, missing and mistyped field, each with its line. If the only problems
//! are unknown fields, their lines are commented out (keeping every byte offset) and the strict
//! reader runs again, so relaxed national timescales and other value errors are reported in the
//! same pass; otherwise the values present are checked here, one by one.

use toml::{Table, Value};

use super::duration::Timescale;
use super::locate::{header_line, key_col, key_lines, value_at};
use super::national::{check, rule_for};
use super::parse::{self, ProtocolError};
use super::Protocol;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Text,
    Integer,
    Table,
    Timescale,
    Timescales,
    Texts,
}

/// (key, kind, required) for each table; "" is the top level.
type Fields = &'static [(&'static str, Kind, bool)];

const TOP: Fields = &[
    ("name", Kind::Text, true),
    ("version", Kind::Integer, true),
    ("title", Kind::Text, true),
    ("source", Kind::Text, true),
    ("council_choices", Kind::Texts, false),
    ("referral", Kind::Table, true),
    ("assessment", Kind::Table, true),
    ("cin", Kind::Table, false),
    ("cp", Kind::Table, true),
];

const SCHEMA: &[(&str, Fields)] = &[
    ("referral", &[("decision", Kind::Timescale, true)]),
    (
        "assessment",
        &[
            ("model", Kind::Text, true),
            ("complete", Kind::Timescale, true),
            ("first_stage", Kind::Timescale, false),
            ("initial", Kind::Timescale, false),
            ("core", Kind::Timescale, false),
            ("checkpoints", Kind::Timescales, false),
            ("pre_birth_before_due_date", Kind::Timescale, false),
            ("refresh", Kind::Timescale, false),
            ("agency_reply", Kind::Timescale, false),
        ],
    ),
    (
        "cin",
        &[
            ("plan_after_assessment", Kind::Timescale, false),
            ("visit_every", Kind::Timescale, false),
            ("meeting_every", Kind::Timescale, false),
            ("first_review", Kind::Timescale, false),
            ("second_review", Kind::Timescale, false),
            ("review_every", Kind::Timescale, false),
            ("complex_needs_panel_after", Kind::Timescale, false),
            ("minimum_after_cp_plan", Kind::Timescale, false),
            ("step_down_minimum", Kind::Timescale, false),
        ],
    ),
    (
        "cp",
        &[
            ("strategy_discussion", Kind::Timescale, false),
            ("initial_conference", Kind::Timescale, true),
            ("core_group", Kind::Timescale, true),
            ("first_review", Kind::Timescale, true),
            ("review_every", Kind::Timescale, true),
            ("visit_every", Kind::Timescale, false),
            ("missing_review_after", Kind::Timescale, false),
            ("core_group_every", Kind::Timescale, false),
            ("decision_circulated", Kind::Timescale, false),
        ],
    ),
];

/// Parses a protocol file, reporting every problem (see the module comment), each message on
/// one line.
pub fn parse_all(text: &str) -> Result<Protocol, Vec<ProtocolError>> {
    all(text).map_err(|errors| {
        errors
            .into_iter()
            .map(|mut e| {
                e.message = one_line(&e.message);
                e
            })
            .collect()
    })
}

/// "invalid string\nexpected `\"`" → "invalid string; expected `\"`".
fn one_line(message: &str) -> String {
    message
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("; ")
}

fn all(text: &str) -> Result<Protocol, Vec<ProtocolError>> {
    let first = match parse::parse(text) {
        Ok(p) => return Ok(p),
        Err(e) => e,
    };
    // A syntax error: TOML cannot be read past it, so it is the only problem reported.
    let Ok(table) = text.parse::<Table>() else {
        return Err(first);
    };
    let mut w = Walk {
        text,
        errors: Vec::new(),
        values: Vec::new(),
        unknown: Vec::new(),
        shape_ok: true,
    };
    w.table("", &table, TOP);
    if w.errors.is_empty() {
        return Err(first);
    }
    let mut errors = match (w.shape_ok, masked(text, &w.unknown)) {
        (true, Some(t)) => match parse::parse(&t) {
            Ok(_) => w.errors,
            Err(rest) => [w.errors, rest].concat(),
        },
        _ => [w.errors, w.values].concat(),
    };
    errors.sort_by_key(|e| (e.line, e.column));
    errors.dedup();
    Err(errors)
}

struct Walk<'a> {
    text: &'a str,
    /// Unknown, missing and mistyped fields.
    errors: Vec<ProtocolError>,
    /// Problems with the timescales present, used when the strict reader cannot run again.
    values: Vec<ProtocolError>,
    /// Lines (0-based) holding unknown fields, to comment out for the second strict pass.
    unknown: Vec<usize>,
    /// False once a field is missing or mistyped: the strict reader cannot run again.
    shape_ok: bool,
}

impl Walk<'_> {
    fn push(&mut self, (line, column): (usize, usize), field: String, message: String) {
        self.errors.push(ProtocolError {
            line: line + 1,
            column: column + 1,
            field,
            message,
        });
    }

    fn table(&mut self, path: &str, t: &Table, fields: Fields) {
        let expected = fields
            .iter()
            .map(|(k, _, _)| format!("`{k}`"))
            .collect::<Vec<_>>()
            .join(", ");
        for (key, value) in t {
            let field = join(path, key);
            let Some((_, kind, _)) = fields.iter().find(|(k, _, _)| k == key) else {
                let lines = key_lines(self.text, path, key, value.is_table());
                // Not found in the text (an inline table): it cannot be commented out.
                self.shape_ok &= !lines.is_empty();
                let at = match lines.first() {
                    Some(l) => (*l, key_col(self.text, *l)),
                    None => value_at(self.text, path, ""),
                };
                self.unknown.extend(lines);
                self.push(
                    at,
                    field,
                    format!("unknown field `{key}`, expected one of {expected}"),
                );
                continue;
            };
            self.value(path, key, value, *kind);
        }
        for (key, _, required) in fields {
            if *required && !t.contains_key(*key) {
                self.shape_ok = false;
                let at = header_line(self.text, path).map_or((0, 0), |l| (l, 0));
                self.push(at, join(path, key), format!("missing field `{key}`"));
            }
        }
    }

    fn value(&mut self, path: &str, key: &str, value: &Value, kind: Kind) {
        let field = join(path, key);
        let at = value_at(self.text, path, key);
        let wrong = |what: &str| format!("invalid type: {}, expected {what}", value.type_str());
        match (kind, value) {
            (Kind::Text, Value::String(_)) | (Kind::Integer, Value::Integer(_)) => {}
            (Kind::Table, Value::Table(t)) => {
                let fields = SCHEMA
                    .iter()
                    .find(|(n, _)| *n == key)
                    .map_or(&[][..], |s| s.1);
                self.table(&field, t, fields);
            }
            (Kind::Timescale, Value::String(s)) => self.timescale(at, &field, s),
            (Kind::Timescales, Value::Array(items)) => {
                for item in items {
                    match item {
                        Value::String(s) => self.timescale(at, &field, s),
                        other => {
                            self.shape_ok = false;
                            let m = format!(
                                "invalid type: {}, expected a string like \"10 working days\"",
                                other.type_str()
                            );
                            self.push(at, field.clone(), m);
                        }
                    }
                }
            }
            (Kind::Texts, Value::Array(items)) if items.iter().all(Value::is_str) => {}
            (k, _) => {
                self.shape_ok = false;
                let m = match k {
                    Kind::Text => wrong("a string"),
                    Kind::Integer => wrong("a whole number"),
                    Kind::Table => wrong("a table"),
                    Kind::Timescale => wrong("a string like \"10 working days\""),
                    Kind::Timescales => wrong("a list of strings like [\"10 working days\"]"),
                    Kind::Texts => wrong("a list of field names like [\"cin.visit_every\"]"),
                };
                self.push(at, field, m);
            }
        }
    }

    /// A timescale's own problems (unit, national cap), as the strict reader words them.
    fn timescale(&mut self, at: (usize, usize), field: &str, s: &str) {
        let why = match Timescale::parse(s) {
            Ok(t) => rule_for(field).and_then(|rule| check(rule, t)),
            Err(e) => Some(e),
        };
        if let Some(why) = why {
            self.values.push(ProtocolError {
                line: at.0 + 1,
                column: at.1 + 1,
                field: field.to_string(),
                message: why,
            });
        }
    }
}

pub(super) fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

/// The text with `lines` commented out, every byte offset kept; `None` if a multi-line value
/// makes that impossible.
fn masked(text: &str, lines: &[usize]) -> Option<String> {
    let out: String = text
        .split_inclusive('\n')
        .enumerate()
        .map(|(i, l)| {
            if !lines.contains(&i) {
                return l.to_string();
            }
            let body = l.trim_end_matches(['\n', '\r']);
            let ending = &l[body.len()..];
            if body.is_empty() {
                l.to_string()
            } else {
                format!("#{}{ending}", " ".repeat(body.len() - 1))
            }
        })
        .collect();
    out.parse::<Table>().ok().map(|_| out)
}
