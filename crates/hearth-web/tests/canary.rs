//! Canary strings: recognisable made-up values are seeded into a child's names, an address, a
//! contact's notes, an assessment view and a refused edit, then the test fails if any of them
//! appears in a log line (every level, every crate), in a URL Hearth hands out (redirects, links
//! and form targets on the pages visited), or in an error answer (status pages and problem+json).
//! Forms redisplayed with their errors keep what was typed; that is the point of them, so they
//! are not error pages here.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::io::Write;
use std::sync::{Arc, Mutex, OnceLock};

use common::{Backend, TestServer};
use serde_json::json;

const CANARIES: [&str; 6] = [
    "Zqcanarygiven",
    "Xkcanaryfamily",
    "Canaryaddr",
    "Canarynotes",
    "Canaryview",
    "Canaryalias",
];

#[derive(Clone)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn logs() -> &'static Arc<Mutex<Vec<u8>>> {
    static LOGS: OnceLock<Arc<Mutex<Vec<u8>>>> = OnceLock::new();
    LOGS.get_or_init(|| {
        let buf = Arc::new(Mutex::new(Vec::new()));
        let w = Captured(buf.clone());
        let _ = tracing_subscriber::fmt()
            .with_max_level(tracing::Level::TRACE)
            .with_ansi(false)
            .with_writer(move || w.clone())
            .try_init();
        buf
    })
}

fn leaks(text: &str) -> Vec<&'static str> {
    CANARIES
        .iter()
        .copied()
        .filter(|c| text.to_lowercase().contains(&c.to_lowercase()))
        .collect()
}

/// The URLs in a page: every href, action and src.
fn urls(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for attr in ["href=\"", "action=\"", "src=\""] {
        let mut rest = html;
        while let Some(i) = rest.find(attr) {
            rest = &rest[i + attr.len()..];
            if let Some(end) = rest.find('"') {
                out.push(rest[..end].to_string());
                rest = &rest[end..];
            }
        }
    }
    out
}

async fn run(backend: Backend) {
    let log = logs().clone();
    let Some(s): Option<TestServer> = common::start(backend).await else {
        return;
    };
    let mut seen = Vec::new();
    let fd = s.api(&s.token("front-door").await);
    let (st, child) = fd
        .post(
            "/api/v1/people?confirm_not_duplicate=true",
            &json!({"kind": "child", "given_names": "Zqcanarygiven", "family_name": "Xkcanaryfamily",
                "aliases": ["Canaryalias"], "date_of_birth": "2016-05-01",
                "address": {"line1": "1 Canaryaddr Road", "town": "Exampleton", "postcode": "ZZ99 1AA", "from": "2020-01-01"}}),
        )
        .await;
    assert_eq!(st, 201, "{child}");
    let id = child["id"].as_str().unwrap().to_string();
    let (st, c) = fd.post("/api/v1/contacts", &json!({
        "received_at": "2026-11-20T09:00", "source": "2A", "method": "phone", "contact_name": "School DSL",
        "contact_agency": "Oak Primary", "summary": "Canarynotes: hungry", "urgency": "routine",
        "children": [id], "consent": "given"})).await;
    assert_eq!(st, 201, "{c}");
    // Refusals and mistakes that carry the canaries in their input.
    let analyst = s.api(&s.token("performance-analyst").await);
    for (st, body) in [
        analyst.get(&format!("/api/v1/people/{id}")).await,
        analyst.get("/api/v1/people?q=Xkcanaryfamily").await,
        fd.post("/api/v1/people", &json!({"kind": "child", "given_names": "Zqcanarygiven", "family_name": "Xkcanaryfamily", "nhs_number": "Canarynotes"})).await,
        fd.post("/api/v1/people", &json!({"kind": "child", "given_names": "Zqcanarygiven", "family_name": "Xkcanaryfamily", "date_of_birth": "2016-05-01"})).await,
        fd.post("/api/v1/contacts", &json!({"received_at": "Canarynotes", "summary": "Canarynotes\u{0}"})).await,
        fd.send(reqwest::Method::PUT, &format!("/api/v1/people/{id}"), &json!({"version": 99, "kind": "child", "given_names": "Canaryview", "family_name": "Xkcanaryfamily"})).await,
        fd.get("/api/v1/people/Xkcanaryfamily").await,
    ] {
        assert!(st >= 400, "{st} {body}");
        let text = body.to_string();
        let found = leaks(&text);
        // A possible-duplicate answer lists the look-alike by name to someone who may read it.
        if body["code"] != "possible_duplicate" {
            assert!(found.is_empty(), "error answer {st} echoes {found:?}: {text}");
        }
    }
    // Pages: collect every URL handed out and every error page.
    let b = s.browser("social-worker").await;
    for path in [
        "/people?q=Xkcanaryfamily".to_string(),
        format!("/people/{id}"),
        format!("/people/{id}/edit"),
        format!("/people/{id}/access-log"),
        "/people/Xkcanaryfamily".to_string(),
        "/no-such-page/Canarynotes".to_string(),
    ] {
        let (st, page) = b.get(&path).await;
        for u in urls(&page) {
            seen.push((path.clone(), u));
        }
        if st >= 400 {
            assert!(
                leaks(&page).is_empty(),
                "error page {st} at {path} echoes {:?}",
                leaks(&page)
            );
        }
    }
    let csrf = b.csrf().await;
    let r = b
        .post_form(
            &format!("/people/{id}/move"),
            &[
                ("_csrf", &csrf),
                ("address.line1", "2 Canaryaddr Close"),
                ("address.town", "Exampleton"),
                ("address.postcode", "ZZ99 1AB"),
                ("address.from-day", "1"),
                ("address.from-month", "6"),
                ("address.from-year", "2026"),
            ],
        )
        .await;
    if let Some(loc) = r.headers().get("location") {
        seen.push(("move".into(), loc.to_str().unwrap().to_string()));
    }
    let leaked_urls: Vec<_> = seen.iter().filter(|(_, u)| !leaks(u).is_empty()).collect();
    assert!(
        leaked_urls.is_empty(),
        "URLs carry personal data: {leaked_urls:?}"
    );
    let text = String::from_utf8_lossy(&log.lock().unwrap()).to_string();
    // The capture works (every statement Hearth ran is logged at debug level), so an empty
    // finding below means nothing leaked, not that nothing was heard.
    assert!(
        text.lines().count() > 20,
        "the log capture heard nothing: {text}"
    );
    let lines: Vec<&str> = text.lines().filter(|l| !leaks(l).is_empty()).collect();
    assert!(lines.is_empty(), "log lines carry personal data: {lines:?}");
}

#[tokio::test]
async fn canaries_stay_out_of_logs_urls_and_error_pages_sqlite() {
    run(Backend::Sqlite).await;
}

#[tokio::test]
async fn canaries_stay_out_of_logs_urls_and_error_pages_postgres() {
    run(Backend::Postgres).await;
}
