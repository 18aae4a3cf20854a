//! Text Hearth can store, checked once for every request before anything reads it: the query
//! string, urlencoded form bodies and JSON bodies must be valid UTF-8 with no control characters
//! other than tab and line breaks (PostgreSQL cannot hold a NUL at all, and no one types the
//! others), and a form's CRLF or lone CR line breaks (as browsers send textareas) become LF.
//!
//! A refusal is a 400 naming the field, never repeating its value: problem+json under `/api/`, an
//! error page elsewhere. Malformed JSON is left for the API's extractor to refuse with its own
//! words. Because pages read every body as a form, a page's body is checked as a form whatever
//! its declared type (unless it is JSON).

use std::borrow::Cow;

use axum::body::{to_bytes, Body, Bytes};
use axum::extract::Request;
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde_json::Value;

use crate::errors::{problem, ProblemField};
use crate::MAX_BODY_BYTES;

/// What is wrong with a piece of text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// Bytes that are not UTF-8.
    InvalidUtf8,
    /// A control character other than tab, line feed or carriage return.
    ControlCharacter,
}

impl Fault {
    pub fn code(self) -> &'static str {
        match self {
            Fault::InvalidUtf8 => "invalid_utf8",
            Fault::ControlCharacter => "control_character",
        }
    }

    fn words(self) -> &'static str {
        match self {
            Fault::InvalidUtf8 => "something that is not text Hearth can read (invalid UTF-8)",
            Fault::ControlCharacter => "a character Hearth cannot store (a control character)",
        }
    }
}

/// Where the faulty text was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// A named field: a form field, a query parameter, or a JSON path (`address.line1`).
    Field(String),
    /// A field's name itself, in the form or JSON body (the name is not repeated).
    FieldName,
    /// A query parameter's name.
    QueryName,
}

/// Faulty text and where it was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub place: Place,
    pub fault: Fault,
}

/// Names longer than this are cut when named back (a name is not a value, but it is still input).
const MAX_NAMED: usize = 100;

impl Refusal {
    fn field(&self) -> String {
        match &self.place {
            Place::Field(f) => f.chars().take(MAX_NAMED).collect(),
            Place::FieldName => "body".into(),
            Place::QueryName => "query".into(),
        }
    }

    fn sentence(&self) -> String {
        let what = self.fault.words();
        match &self.place {
            Place::Field(_) => format!(
                "The field \"{}\" contains {what}. Remove it and try again.",
                self.field()
            ),
            Place::FieldName => {
                format!("A field name in what was sent contains {what}. Nothing was saved.")
            }
            Place::QueryName => format!(
                "A name in the web address contains {what}. Check the address and try again."
            ),
        }
    }
}

/// Whether a character may be stored: anything but a control character, except tab and line
/// breaks.
pub fn allowed(c: char) -> bool {
    !c.is_control() || matches!(c, '\t' | '\n' | '\r')
}

/// Checks text for characters Hearth cannot store.
pub fn check_text(s: &str) -> Result<(), Fault> {
    if s.chars().all(allowed) {
        Ok(())
    } else {
        Err(Fault::ControlCharacter)
    }
}

/// Line breaks as LF: CRLF and a lone CR each become one LF.
pub fn normalise_newlines(s: &str) -> Cow<'_, str> {
    if s.contains('\r') {
        Cow::Owned(s.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        Cow::Borrowed(s)
    }
}

/// Decodes one urlencoded component to bytes, never replacing anything: `+` is a space, `%XX`
/// a byte; a `%` not followed by two hex digits stays as it is.
pub fn percent_decode(raw: &[u8]) -> Vec<u8> {
    let spaced: Vec<u8> = raw
        .iter()
        .map(|b| if *b == b'+' { b' ' } else { *b })
        .collect();
    percent_encoding::percent_decode(&spaced).collect()
}

fn decode_text(raw: &[u8]) -> Result<String, Fault> {
    let s = String::from_utf8(percent_decode(raw)).map_err(|_| Fault::InvalidUtf8)?;
    check_text(&s)?;
    Ok(s)
}

/// Decodes urlencoded `name=value` pairs strictly: every name and value must be valid UTF-8
/// without control characters other than tab and line breaks. Values keep their line breaks as
/// sent. `name_place` is where a faulty name is reported (form or query).
pub fn decode_pairs(raw: &[u8], name_place: &Place) -> Result<Vec<(String, String)>, Refusal> {
    let mut pairs = Vec::new();
    for part in raw.split(|b| *b == b'&').filter(|p| !p.is_empty()) {
        let (name, value) = match part.iter().position(|b| *b == b'=') {
            Some(i) => (&part[..i], &part[i + 1..]),
            None => (part, &[][..]),
        };
        let name = decode_text(name).map_err(|fault| Refusal {
            place: name_place.clone(),
            fault,
        })?;
        let value = decode_text(value).map_err(|fault| Refusal {
            place: Place::Field(name.clone()),
            fault,
        })?;
        pairs.push((name, value));
    }
    Ok(pairs)
}

/// Checks a urlencoded form body and normalises its line breaks to LF. Returns the body to pass
/// on: the same bytes when nothing changed, otherwise re-encoded.
pub fn clean_form(raw: &[u8]) -> Result<Option<Vec<u8>>, Refusal> {
    let pairs = decode_pairs(raw, &Place::FieldName)?;
    if !pairs.iter().any(|(_, v)| v.contains('\r')) {
        return Ok(None);
    }
    let pairs: Vec<(String, String)> = pairs
        .into_iter()
        .map(|(k, v)| {
            let v = normalise_newlines(&v).into_owned();
            (k, v)
        })
        .collect();
    let encoded = serde_urlencoded::to_string(&pairs).map_err(|_| Refusal {
        place: Place::FieldName,
        fault: Fault::InvalidUtf8,
    })?;
    Ok(Some(encoded.into_bytes()))
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

/// Walks every string and object key of a JSON value, refusing control characters (naming the
/// path, e.g. `address.line1` or `children[0]`) and normalising line breaks to LF. Returns
/// whether anything changed.
pub fn clean_json(v: &mut Value, path: &str) -> Result<bool, Refusal> {
    match v {
        Value::String(s) => {
            check_text(s).map_err(|fault| Refusal {
                place: Place::Field(if path.is_empty() {
                    "body".into()
                } else {
                    path.into()
                }),
                fault,
            })?;
            if let Cow::Owned(n) = normalise_newlines(s) {
                *s = n;
                return Ok(true);
            }
            Ok(false)
        }
        Value::Array(items) => {
            let mut changed = false;
            for (i, item) in items.iter_mut().enumerate() {
                changed |= clean_json(item, &format!("{path}[{i}]"))?;
            }
            Ok(changed)
        }
        Value::Object(map) => {
            let mut changed = false;
            for (key, item) in map.iter_mut() {
                check_text(key).map_err(|fault| Refusal {
                    place: Place::FieldName,
                    fault,
                })?;
                changed |= clean_json(item, &join(path, key))?;
            }
            Ok(changed)
        }
        _ => Ok(false),
    }
}

/// Whether a JSON text could hold a string with a control character or a CR: an escape that
/// can spell one (`\u…`, `\r`), a raw control byte, DEL, or a C1 control in UTF-8 (`C2 80`–`C2
/// 9F`). Most bodies have none of these, and then they need not be parsed twice.
fn may_need_cleaning(raw: &[u8]) -> bool {
    raw.windows(2)
        .any(|w| matches!(w, [b'\\', b'u' | b'r'] | [0xC2, 0x80..=0x9F]))
        || raw
            .iter()
            .any(|b| (*b < 0x20 && !matches!(b, b'\t' | b'\n')) || *b == 0x7F)
}

/// Checks a JSON body. Malformed JSON passes untouched (the extractor refuses it in its own
/// words); otherwise the body to pass on, re-encoded only when a line break was normalised.
pub fn clean_json_body(raw: &[u8]) -> Result<Option<Vec<u8>>, Refusal> {
    if !may_need_cleaning(raw) {
        return Ok(None);
    }
    let Ok(mut v) = serde_json::from_slice::<Value>(raw) else {
        return Ok(None);
    };
    if clean_json(&mut v, "")? {
        Ok(serde_json::to_vec(&v).ok())
    } else {
        Ok(None)
    }
}

/// Checks the query string's decoded names and values.
pub fn check_query(query: &str) -> Result<(), Refusal> {
    decode_pairs(query.as_bytes(), &Place::QueryName).map(|_| ())
}

fn refuse(api: bool, r: &Refusal) -> Response {
    let title = "What was sent contains characters Hearth cannot store";
    if api {
        problem(
            StatusCode::BAD_REQUEST,
            "invalid_characters",
            title,
            vec![ProblemField {
                field: r.field(),
                code: r.fault.code().into(),
                message: r.sentence(),
            }],
        )
    } else {
        (
            StatusCode::BAD_REQUEST,
            crate::layout::plain_error_page("There is a problem with what you sent", &r.sentence()),
        )
            .into_response()
    }
}

/// What kind of body a request carries, as far as this check is concerned.
enum Kind {
    Form,
    Json,
    Other,
}

fn kind_of(req: &Request, api: bool) -> Kind {
    let essence = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(|v| {
            v.split(';')
                .next()
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase()
        })
        .unwrap_or_default();
    let body_method = !matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    if essence == "application/x-www-form-urlencoded" {
        Kind::Form
    } else if essence == "application/json" || essence.ends_with("+json") {
        Kind::Json
    } else if !api && body_method {
        // Every page handler reads its body as a form, whatever the declared type.
        Kind::Form
    } else {
        Kind::Other
    }
}

/// The middleware: refuses text Hearth cannot store, normalises form line breaks, then runs the
/// rest of the stack.
pub async fn clean(req: Request, next: Next) -> Response {
    let api = req.uri().path().starts_with("/api/");
    if let Some(q) = req.uri().query() {
        if let Err(r) = check_query(q) {
            return refuse(api, &r);
        }
    }
    let kind = kind_of(&req, api);
    if matches!(kind, Kind::Other) {
        return next.run(req).await;
    }
    let (mut parts, body) = req.into_parts();
    // Over the limit: a bare 413, which the uniform-errors layer outside gives its shape.
    let Ok(bytes) = to_bytes(body, MAX_BODY_BYTES).await else {
        return StatusCode::PAYLOAD_TOO_LARGE.into_response();
    };
    let cleaned = match kind {
        Kind::Form => clean_form(&bytes),
        Kind::Json => clean_json_body(&bytes),
        Kind::Other => Ok(None),
    };
    let bytes = match cleaned {
        Err(r) => return refuse(api, &r),
        Ok(None) => bytes,
        Ok(Some(new)) => {
            parts
                .headers
                .insert(header::CONTENT_LENGTH, HeaderValue::from(new.len()));
            Bytes::from(new)
        }
    };
    next.run(Request::from_parts(parts, Body::from(bytes)))
        .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_decoding_follows_urlencoding() {
        assert_eq!(percent_decode(b"a+b%20c"), b"a b c".to_vec());
        assert_eq!(percent_decode(b"%C3%A9"), "é".as_bytes().to_vec());
        assert_eq!(percent_decode(b"100%"), b"100%".to_vec());
        assert_eq!(percent_decode(b"%zz%4"), b"%zz%4".to_vec());
        assert_eq!(percent_decode(b"%00"), vec![0u8]);
    }

    #[test]
    fn control_characters_are_refused_but_tab_and_line_breaks_kept() {
        assert_eq!(check_text("a\tb\nc\r\nd"), Ok(()));
        assert_eq!(check_text("a\u{0}b"), Err(Fault::ControlCharacter));
        assert_eq!(check_text("bell\u{7}"), Err(Fault::ControlCharacter));
        assert_eq!(check_text("del\u{7f}"), Err(Fault::ControlCharacter));
        assert_eq!(check_text("c1\u{85}"), Err(Fault::ControlCharacter));
        assert_eq!(check_text("Zoë Ó Súilleabháin 😀"), Ok(()));
    }

    #[test]
    fn line_breaks_become_lf() {
        assert_eq!(normalise_newlines("a\r\nb\rc\nd"), "a\nb\nc\nd");
        assert!(matches!(normalise_newlines("a\nb"), Cow::Borrowed(_)));
    }

    #[test]
    fn forms_are_decoded_strictly() {
        let bad = clean_form(b"_csrf=x&summary=a%00b").unwrap_err();
        assert_eq!(bad.place, Place::Field("summary".into()));
        assert_eq!(bad.fault, Fault::ControlCharacter);
        let bad = clean_form(b"given_names=%FF").unwrap_err();
        assert_eq!(bad.place, Place::Field("given_names".into()));
        assert_eq!(bad.fault, Fault::InvalidUtf8);
        let bad = clean_form(b"na%07me=x").unwrap_err();
        assert_eq!(bad.place, Place::FieldName);
        assert_eq!(bad.field(), "body");
    }

    #[test]
    fn a_form_is_re_encoded_only_when_a_line_break_changes() {
        assert_eq!(clean_form(b"a=1&b=x+y%0Az").unwrap(), None);
        let out = clean_form(b"a=1&summary=line+one%0D%0Aline+two%0Dthree").unwrap();
        assert_eq!(
            out.as_deref(),
            Some(&b"a=1&summary=line+one%0Aline+two%0Athree"[..])
        );
    }

    #[test]
    fn plain_json_is_not_parsed_twice_but_anything_that_could_spell_a_control_is() {
        assert!(!may_need_cleaning(br#"{"name": "Zoe", "n": [1, 2]}"#));
        assert!(!may_need_cleaning(
            "{\"name\": \"Zoë Ó\",\n\t\"n\": 3}".as_bytes()
        ));
        assert!(may_need_cleaning(br#"{"a": "\u0000"}"#));
        assert!(may_need_cleaning(br#"{"a": "b\r\nc"}"#));
        assert!(may_need_cleaning(b"{\"a\": \"b\rc\"}"));
        assert!(may_need_cleaning(b"{\"a\": \"\x7f\"}"));
        assert!(may_need_cleaning("{\"a\": \"\u{85}\"}".as_bytes()));
    }

    #[test]
    fn json_strings_and_keys_are_walked_with_their_paths() {
        let bad = clean_json_body(br#"{"address": {"line1": "x\u0000"}}"#).unwrap_err();
        assert_eq!(bad.field(), "address.line1");
        let bad = clean_json_body(br#"{"children": ["ok", "\u0007"]}"#).unwrap_err();
        assert_eq!(bad.field(), "children[1]");
        let bad = clean_json_body(br#"{"a\u0000": 1}"#).unwrap_err();
        assert_eq!(bad.place, Place::FieldName);
        assert_eq!(clean_json_body(b"{\"kind\": ").unwrap(), None);
        assert_eq!(clean_json_body(br#"{"a": "b\nc", "n": 3}"#).unwrap(), None);
        let out = clean_json_body(br#"{"a": "b\r\nc"}"#).unwrap().unwrap();
        assert_eq!(out, br#"{"a":"b\nc"}"#.to_vec());
    }

    #[test]
    fn refusals_name_the_field_but_never_the_value() {
        let r = Refusal {
            place: Place::Field("summary".into()),
            fault: Fault::ControlCharacter,
        };
        assert_eq!(
            r.sentence(),
            "The field \"summary\" contains a character Hearth cannot store (a control character). Remove it and try again."
        );
        let q = check_query("q=ab%00cd").unwrap_err();
        assert_eq!(q.field(), "q");
        assert!(!q.sentence().contains("ab"));
        assert_eq!(check_query("q=Zo%C3%AB&page=2"), Ok(()));
        assert_eq!(check_query("q=%FF").unwrap_err().fault, Fault::InvalidUtf8);
    }
}
