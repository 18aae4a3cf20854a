//! The API's public contract as snapshots: the whole OpenAPI document, and the JSON of the key
//! answers (a person, the front-door queue, a contact, a referral, an assessment, a validation
//! problem, a stale edit and a request in the wrong state), on SQLite with the harness's fixed
//! clock. A renamed, added or dropped field changes a file under `tests/snapshots/`, so the change
//! is seen in review; accept an intended one with `INSTA_UPDATE=always` (or `cargo insta review`).
//!
//! Ids are random on each run: each is replaced by the name of the record it is (`[person]`,
//! `[referral]`…), or by `[uuid]` for one the test did not name. Timestamps and versions come from
//! the fixed clock and the fixed sequence of requests, so they stay as they are.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::collections::HashMap;

use common::TestServer;
use reqwest::Method;
use serde_json::{json, Value};

/// Names for the ids the test made, so a snapshot says which record an id is.
#[derive(Default)]
struct Ids(HashMap<String, String>);

impl Ids {
    fn name(&mut self, id: &Value, as_: &str) -> String {
        let id = id.as_str().expect("an id").to_string();
        self.0.insert(id.clone(), format!("[{as_}]"));
        id
    }

    /// `v` with every id in it (whole strings or inside them) replaced by its name.
    fn stable(&self, v: &Value) -> Value {
        match v {
            Value::String(s) => Value::String(self.stable_str(s)),
            Value::Array(a) => Value::Array(a.iter().map(|x| self.stable(x)).collect()),
            Value::Object(o) => Value::Object(
                o.iter()
                    .map(|(k, x)| (self.stable_str(k), self.stable(x)))
                    .collect(),
            ),
            other => other.clone(),
        }
    }

    fn stable_str(&self, s: &str) -> String {
        let mut out = String::new();
        let mut rest = s;
        while !rest.is_empty() {
            // A reference quoted to the referrer is made from a random id too.
            if let Some(tail) = rest.strip_prefix("MARF-") {
                if tail.len() >= 8 && tail[..8].chars().all(|c| c.is_ascii_hexdigit()) {
                    out.push_str("[reference]");
                    rest = &tail[8..];
                    continue;
                }
            }
            match rest.get(..36).filter(|w| is_uuid(w)) {
                Some(id) => {
                    out.push_str(self.0.get(id).map_or("[uuid]", String::as_str));
                    rest = &rest[36..];
                }
                None => {
                    let c = rest.chars().next().unwrap();
                    out.push(c);
                    rest = &rest[c.len_utf8()..];
                }
            }
        }
        out
    }
}

fn is_uuid(s: &str) -> bool {
    s.len() == 36
        && s.char_indices().all(|(i, c)| match i {
            8 | 13 | 18 | 23 => c == '-',
            _ => c.is_ascii_hexdigit(),
        })
}

/// One answer as the contract sees it: status, content type and body.
async fn call(
    s: &TestServer,
    token: &str,
    method: Method,
    path: &str,
    body: Option<Value>,
) -> Value {
    let mut req = reqwest::Client::new()
        .request(method, format!("{}{path}", s.base))
        .bearer_auth(token);
    if let Some(b) = body {
        req = req.json(&b);
    }
    let r = req.send().await.unwrap();
    let status = r.status().as_u16();
    let content_type = r
        .headers()
        .get(reqwest::header::CONTENT_TYPE)
        .map(|v| v.to_str().unwrap().to_string());
    let body: Value = r.json().await.unwrap_or(Value::Null);
    json!({"status": status, "content_type": content_type, "body": body})
}

async fn user(s: &TestServer, email: &str, role: &str) -> String {
    s.add_user_in(email, role, "Team A").await;
    s.token_of(email).await
}

/// The snapshot settings every assertion here shares: maps sorted, so key order never matters.
fn settings() -> insta::Settings {
    let mut settings = insta::Settings::clone_current();
    settings.set_sort_maps(true);
    settings.set_omit_expression(true);
    settings
}

macro_rules! snapshot {
    ($ids:expr, $name:literal, $answer:expr) => {{
        let answer = $ids.stable(&$answer);
        settings().bind(|| insta::assert_json_snapshot!($name, answer));
    }};
}

#[tokio::test]
async fn the_openapi_document() {
    let Some(s) = common::start(common::Backend::Sqlite).await else {
        return;
    };
    let r = reqwest::get(format!("{}/api/v1/openapi.json", s.base))
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let doc: Value = r.json().await.unwrap();
    settings().bind(|| insta::assert_json_snapshot!("openapi", doc));
}

#[tokio::test]
async fn key_answers_on_sqlite() {
    let Some(s) = common::start(common::Backend::Sqlite).await else {
        return;
    };
    let mut ids = Ids::default();
    let fd = user(&s, "front-door@test.example", "front-door").await;
    let sw = user(&s, "social-worker@test.example", "social-worker").await;
    let tm = user(&s, "team-manager@test.example", "team-manager").await;
    for (token, name) in [
        (&fd, "front-door"),
        (&sw, "social-worker"),
        (&tm, "team-manager"),
    ] {
        let me = call(&s, token, Method::GET, "/api/v1/me", None).await;
        ids.name(&me["body"]["id"], name);
        ids.name(&me["body"]["team_id"], "team-a");
    }

    // A person, read back.
    let created = call(
        &s,
        &sw,
        Method::POST,
        "/api/v1/people?confirm_not_duplicate=true",
        Some(
            json!({"kind": "child", "given_names": "Amelia", "family_name": "Contract",
            "date_of_birth": "2018-05-02", "nhs_number": "943 476 5919", "sex": "2"}),
        ),
    )
    .await;
    assert_eq!(created["status"], 201, "{created}");
    let person = ids.name(&created["body"]["id"], "person");
    let read = call(
        &s,
        &sw,
        Method::GET,
        &format!("/api/v1/people/{person}"),
        None,
    )
    .await;
    assert_eq!(read["status"], 200, "{read}");
    snapshot!(ids, "person", read);

    // A validation problem: every field named with its rule.
    let invalid = call(
        &s,
        &sw,
        Method::POST,
        "/api/v1/people",
        Some(
            json!({"kind": "child", "given_names": "", "family_name": "Contract",
            "date_of_birth": "2030-01-01", "nhs_number": "943 476 5918"}),
        ),
    )
    .await;
    assert_eq!(invalid["status"], 400, "{invalid}");
    snapshot!(ids, "problem_validation", invalid);

    // A stale edit: the version read is no longer the saved one.
    let edit = json!({"kind": "child", "given_names": "Amelia", "family_name": "Contract-Jones",
        "date_of_birth": "2018-05-02", "nhs_number": "943 476 5919", "sex": "2"});
    let path = format!("/api/v1/people/{person}?version=1");
    let first = call(&s, &sw, Method::PUT, &path, Some(edit.clone())).await;
    assert_eq!(first["status"], 200, "{first}");
    let stale = call(&s, &sw, Method::PUT, &path, Some(edit)).await;
    assert_eq!(stale["status"], 409, "{stale}");
    snapshot!(ids, "problem_stale", stale);

    // The front door: one contact concluded as a referral, another still open.
    let (contact, referral) = common::refer(&s.api(&fd), &person).await;
    ids.name(&json!(contact), "contact");
    ids.name(&json!(referral), "referral");
    let open = call(
        &s,
        &fd,
        Method::POST,
        "/api/v1/contacts",
        Some(json!({"received_at": "2026-11-20T09:30", "source": "5A",
            "method": "police-notification", "contact_name": "PC Example", "contact_agency": "Police",
            "summary": "Domestic abuse incident at the home; child present", "urgency": "urgent",
            "children": [person], "consent": "not-sought", "consent_why": "Police notification"})),
    )
    .await;
    assert_eq!(open["status"], 201, "{open}");
    ids.name(&open["body"]["id"], "open-contact");
    let queue = call(&s, &fd, Method::GET, "/api/v1/front-door", None).await;
    assert_eq!(queue["status"], 200, "{queue}");
    ids.name(
        &queue["body"]["referrals"][0]["clock"]["id"],
        "referral-decision-clock",
    );
    snapshot!(ids, "front_door_queue", queue);
    let c = call(
        &s,
        &fd,
        Method::GET,
        &format!("/api/v1/contacts/{contact}"),
        None,
    )
    .await;
    assert_eq!(c["status"], 200, "{c}");
    snapshot!(ids, "contact", c);

    // The referral, decided for assessment: its episode of need opens.
    let r = call(
        &s,
        &fd,
        Method::GET,
        &format!("/api/v1/referrals/{referral}"),
        None,
    )
    .await;
    let decision = json!({"version": r["body"]["version"], "outcomes": ["assessment"],
        "threshold": "moderate", "primary_need": "N1", "rationale": "Needs an assessment",
        "feedback_to_referrer": "We are starting a child and family assessment."});
    let decide = format!("/api/v1/referrals/{referral}/decision");
    let decided = call(&s, &sw, Method::POST, &decide, Some(decision.clone())).await;
    assert_eq!(decided["status"], 200, "{decided}");
    ids.name(&decided["body"]["episode"]["id"], "episode");
    let r = call(
        &s,
        &fd,
        Method::GET,
        &format!("/api/v1/referrals/{referral}"),
        None,
    )
    .await;
    assert_eq!(r["status"], 200, "{r}");
    snapshot!(ids, "referral", r);

    // Deciding it again, at its current version: the referral is in the wrong state.
    let mut again = decision;
    again["version"] = r["body"]["version"].clone();
    let wrong = call(&s, &sw, Method::POST, &decide, Some(again)).await;
    assert_eq!(wrong["status"], 409, "{wrong}");
    snapshot!(ids, "problem_wrong_state", wrong);

    // An assessment, opened from the decision.
    let opened = call(
        &s,
        &sw,
        Method::POST,
        "/api/v1/assessments",
        Some(json!({"person_id": person, "origin": "referral-decision",
            "referral_id": referral, "start_date": "2026-11-20"})),
    )
    .await;
    assert_eq!(opened["status"], 201, "{opened}");
    let assessment = ids.name(&opened["body"]["id"], "assessment");
    for clock in opened["body"]["clocks"].as_array().unwrap() {
        ids.name(
            &clock["id"],
            &format!("{}-clock", clock["kind"].as_str().unwrap()),
        );
    }
    let a = call(
        &s,
        &sw,
        Method::GET,
        &format!("/api/v1/assessments/{assessment}"),
        None,
    )
    .await;
    assert_eq!(a["status"], 200, "{a}");
    snapshot!(ids, "assessment", a);
}
