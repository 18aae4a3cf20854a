//! Text Hearth can store and the limits on what may be typed (issue 10), on SQLite and
//! PostgreSQL: control characters and invalid UTF-8 are refused with a 400 naming the field (never
//! a 500, never stored), a textarea's CRLF is stored as LF, dates have a sane range, a move cannot
//! leave two current addresses, and names and narratives have limits named in their refusals.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{extract, Api, Browser, TestServer, PASSWORD};
use serde_json::{json, Value};

/// `(field, code, message)` of each problem in a problem+json body.
fn problems(p: &Value) -> Vec<(String, String, String)> {
    p["errors"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|e| {
                    (
                        e["field"].as_str().unwrap_or("").to_string(),
                        e["code"].as_str().unwrap_or("").to_string(),
                        e["message"].as_str().unwrap_or("").to_string(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

async fn people_count(s: &TestServer) -> i64 {
    let mut tx = s.app.db.begin().await.unwrap();
    let n = tx.people().count().await.unwrap();
    tx.commit().await.unwrap();
    n
}

fn child(given: &str) -> Value {
    json!({"kind": "child", "given_names": given, "family_name": "Limits", "date_of_birth": "2017-04-03"})
}

async fn new_child(api: &Api) -> String {
    let (st, p) = api
        .post("/api/v1/people?confirm_not_duplicate=true", &child("Robin"))
        .await;
    assert_eq!(st, 201, "{p}");
    p["id"].as_str().unwrap().to_string()
}

/// A contact about `child` as the API takes it.
fn contact(child: &str) -> Value {
    json!({
        "received_at": "2026-11-20T09:00", "source": "2A", "method": "phone", "contact_name": "School DSL",
        "contact_agency": "Oak Primary", "summary": "Child hungry and withdrawn", "urgency": "routine",
        "children": [child], "consent": "given"})
}

/// The CSRF token of a signed-in browser, from the sign-out form every page carries.
async fn csrf_of(b: &Browser) -> String {
    let (_, page) = b.get("/front-door").await;
    extract(&page, "_csrf")
}

/// Posts a raw urlencoded body (to send bytes `reqwest`'s form encoder would not).
async fn post_raw_form(b: &Browser, path: &str, body: String) -> (u16, String) {
    let r = b
        .client
        .post(format!("{}{path}", b.base))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(body)
        .send()
        .await
        .unwrap();
    (r.status().as_u16(), r.text().await.unwrap())
}

both_dbs!(
    a_nul_in_the_email_of_a_token_request_is_a_400_naming_email,
    |s: TestServer| async move {
        s.add_user("worker@test.example", "social-worker").await;
        let r = reqwest::Client::new()
            .post(format!("{}/api/v1/tokens", s.base))
            .json(&json!({"email": "worker@test.example\u{0}", "password": PASSWORD}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 400);
        assert_eq!(
            r.headers()["content-type"].to_str().unwrap(),
            "application/problem+json"
        );
        let p: Value = r.json().await.unwrap();
        assert_eq!(p["code"], "invalid_characters");
        assert_eq!(
            problems(&p),
            vec![(
                "email".to_string(),
                "control_character".to_string(),
                "The field \"email\" contains a character Hearth cannot store (a control character). Remove it and try again.".to_string()
            )]
        );
    }
);

both_dbs!(
    control_characters_in_a_name_are_refused_through_the_api_and_stored_nowhere,
    |s: TestServer| async move {
        let api = s.api(&s.token("social-worker").await);
        for name in ["Ro\u{0}bin", "Ro\u{7}bin"] {
            let (st, p) = api.post("/api/v1/people", &child(name)).await;
            assert_eq!(st, 400, "{p}");
            let got = problems(&p);
            assert_eq!(got.len(), 1, "{p}");
            assert_eq!(
                (got[0].0.as_str(), got[0].1.as_str()),
                ("given_names", "control_character")
            );
            assert!(
                !p.to_string().contains("Ro"),
                "the value is never echoed: {p}"
            );
        }
        // A nested field is named by its path, an array item by its index.
        let mut nested = child("Robin");
        nested["address"] = json!({"line1": "1 High\u{0} Street", "town": "Exampleton", "postcode": "ZZ99 9ZZ", "from": "2020-01-01"});
        let (st, p) = api.post("/api/v1/people", &nested).await;
        assert_eq!(st, 400);
        assert_eq!(problems(&p)[0].0, "address.line1");
        let mut listed = child("Robin");
        listed["aliases"] = json!(["Rob", "Bobby\u{1b}"]);
        let (st, p) = api.post("/api/v1/people", &listed).await;
        assert_eq!(st, 400);
        assert_eq!(problems(&p)[0].0, "aliases[1]");
        // The query string is checked too.
        let (st, p) = api.get("/api/v1/people?q=ro%00bin").await;
        assert_eq!(st, 400, "{p}");
        assert_eq!(problems(&p)[0].0, "q");
        assert_eq!(people_count(&s).await, 0);
    }
);

both_dbs!(
    control_characters_and_invalid_utf8_in_a_page_form_are_refused,
    |s: TestServer| async move {
        let b = s.browser("social-worker").await;
        let csrf = csrf_of(&b).await;
        let form = |given: &str| {
            format!("_csrf={csrf}&kind=child&given_names={given}&family_name=Limits&date_of_birth-day=3&date_of_birth-month=4&date_of_birth-year=2017")
        };
        for (given, code_words) in [
            ("Ro%00bin", "(a control character)"),
            ("Ro%07bin", "(a control character)"),
            ("Ro%FFbin", "(invalid UTF-8)"),
        ] {
            let (st, page) = post_raw_form(&b, "/people/new", form(given)).await;
            assert_eq!(st, 400, "{given}");
            assert!(
                page.contains("The field &quot;given_names&quot; contains")
                    || page.contains("The field \"given_names\" contains"),
                "{page}"
            );
            assert!(page.contains(code_words), "{page}");
            assert!(!page.contains("Ro"), "the value is never echoed");
        }
        assert_eq!(people_count(&s).await, 0);
        // The same form without the bad byte is saved.
        let (st, _) = post_raw_form(&b, "/people/new", form("Robin")).await;
        assert_eq!(st, 303);
        assert_eq!(people_count(&s).await, 1);
    }
);

both_dbs!(
    a_textarea_sent_with_crlf_is_stored_with_lf,
    |s: TestServer| async move {
        let sw = s.api(&s.token("social-worker").await);
        let child_id = new_child(&sw).await;
        let b = s.browser("front-door").await;
        let csrf = csrf_of(&b).await;
        let r = b
            .post_form(
                "/contacts/new",
                &[
                    ("_csrf", csrf.as_str()),
                    ("received_on-day", "20"),
                    ("received_on-month", "11"),
                    ("received_on-year", "2026"),
                    ("received_time", "09:00"),
                    ("source", "2A"),
                    ("method", "phone"),
                    ("contact_name", "School DSL"),
                    ("contact_agency", "Oak Primary"),
                    ("summary", "Line one\r\nLine two\rLine three\nLine four"),
                    ("urgency", "routine"),
                    ("children", child_id.as_str()),
                    ("consent", "given"),
                ],
            )
            .await;
        assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
        let loc = r.headers()["location"].to_str().unwrap().to_string();
        let id = loc.rsplit('/').next().unwrap();
        let fd = s.api(&s.token("front-door").await);
        let (st, c) = fd.get(&format!("/api/v1/contacts/{id}")).await;
        assert_eq!(st, 200, "{c}");
        assert_eq!(c["summary"], "Line one\nLine two\nLine three\nLine four");
    }
);

both_dbs!(
    dates_before_1900_are_refused_naming_the_field_and_the_limit,
    |s: TestServer| async move {
        let api = s.api(&s.token("social-worker").await);
        let mut p = child("Robin");
        p["address"] = json!({"line1": "1 High Street", "town": "Exampleton", "postcode": "ZZ99 9ZZ", "from": "0000-01-01"});
        let (st, r) = api.post("/api/v1/people", &p).await;
        assert_eq!(st, 400, "{r}");
        assert_eq!(
            problems(&r),
            vec![(
                "address.from".to_string(),
                "too_early".to_string(),
                "The date they moved in must be on or after 1 January 1900".to_string()
            )]
        );
        assert_eq!(people_count(&s).await, 0);

        let child_id = new_child(&api).await;
        let fd = s.api(&s.token("front-door").await);
        let mut c = contact(&child_id);
        c["received_at"] = json!("0000-01-01T09:00");
        let (st, r) = fd.post("/api/v1/contacts", &c).await;
        assert_eq!(st, 400, "{r}");
        assert_eq!(
            problems(&r),
            vec![(
                "received_at".to_string(),
                "too_early".to_string(),
                "The date the contact was received must be on or after 1 January 1900".to_string()
            )]
        );
        let (_, q) = fd.get("/api/v1/front-door").await;
        assert_eq!(q["contacts"].as_array().map(Vec::len), Some(0), "{q}");
    }
);

both_dbs!(
    a_move_on_or_before_the_current_address_start_is_refused,
    |s: TestServer| async move {
        let api = s.api(&s.token("social-worker").await);
        let mut p = child("Robin");
        p["address"] = json!({"line1": "1 High Street", "town": "Exampleton", "postcode": "ZZ99 9ZZ", "from": "2020-03-01"});
        let (st, r) = api
            .post("/api/v1/people?confirm_not_duplicate=true", &p)
            .await;
        assert_eq!(st, 201, "{r}");
        let id = r["id"].as_str().unwrap().to_string();
        for from in ["2020-03-01", "2019-06-30"] {
            let (st, r) = api
                .post(
                    &format!("/api/v1/people/{id}/moves"),
                    &json!({"line1": "2 Low Road", "town": "Exampleton", "postcode": "ZZ99 8ZZ", "from": from}),
                )
                .await;
            assert_eq!(st, 400, "{from}: {r}");
            assert_eq!(
                problems(&r),
                vec![(
                    "from".to_string(),
                    "move_before_current".to_string(),
                    "The date they moved in must be after 1 March 2020, when they moved into their current address".to_string()
                )]
            );
        }
        let (st, rec) = api.get(&format!("/api/v1/people/{id}")).await;
        assert_eq!(st, 200, "{rec}");
        let addresses = rec["person"]["addresses"].as_array().unwrap();
        assert_eq!(addresses.len(), 1, "{rec}");
        assert_eq!(
            addresses.iter().filter(|a| a["to"].is_null()).count(),
            1,
            "exactly one current address: {rec}"
        );
        // The day after is a move: the old address ends, the new one is the only current one.
        let (st, r) = api
            .post(
                &format!("/api/v1/people/{id}/moves"),
                &json!({"line1": "2 Low Road", "town": "Exampleton", "postcode": "ZZ99 8ZZ", "from": "2020-03-02"}),
            )
            .await;
        assert_eq!(st, 201, "{r}");
        let current: Vec<&Value> = r["addresses"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|a| a["to"].is_null())
            .collect();
        assert_eq!(current.len(), 1, "{r}");
        assert_eq!(current[0]["line1"], "2 Low Road");
    }
);

both_dbs!(
    a_200000_character_contact_name_is_refused_naming_the_limit,
    |s: TestServer| async move {
        let sw = s.api(&s.token("social-worker").await);
        let child_id = new_child(&sw).await;
        let fd = s.api(&s.token("front-door").await);
        let mut c = contact(&child_id);
        c["contact_name"] = json!("n".repeat(200_000));
        let (st, r) = fd.post("/api/v1/contacts", &c).await;
        // The body is not printed on failure: it may hold the 200,000 characters.
        assert_eq!(st, 400, "{:?}", problems(&r));
        assert_eq!(
            problems(&r),
            vec![(
                "contact_name".to_string(),
                "too_long".to_string(),
                "The name of who made contact must be 200 characters or fewer".to_string()
            )]
        );
        let (_, q) = fd.get("/api/v1/front-door").await;
        assert_eq!(q["contacts"].as_array().map(Vec::len), Some(0), "{q}");
        // 200 characters is within the limit.
        c["contact_name"] = json!("n".repeat(200));
        let (st, r) = fd.post("/api/v1/contacts", &c).await;
        assert_eq!(st, 201, "{:?}", problems(&r));
    }
);

both_dbs!(
    a_250_kb_view_is_refused_naming_its_limit,
    |s: TestServer| async move {
        let fd = s.api(&s.token("front-door").await);
        let dec = s.api(&s.token("social-worker").await);
        let sw = s.api(&s.token("social-worker").await);
        let child_id = new_child(&sw).await;
        let (st, c) = fd.post("/api/v1/contacts", &contact(&child_id)).await;
        assert_eq!(st, 201, "{c}");
        let cid = c["id"].as_str().unwrap();
        let (st, c) = fd
            .post(
                &format!("/api/v1/contacts/{cid}/outcome"),
                &json!({"version": c["version"], "outcomes": ["becomes-referral"]}),
            )
            .await;
        assert_eq!(st, 200, "{c}");
        let rid = c["referrals"][0].as_str().unwrap().to_string();
        let (_, r) = fd.get(&format!("/api/v1/referrals/{rid}")).await;
        let (st, r) = dec
            .post(
                &format!("/api/v1/referrals/{rid}/decision"),
                &json!({"version": r["version"], "outcomes": ["assessment"], "threshold": "moderate",
                    "primary_need": "N1", "rationale": "Needs an assessment", "feedback_to_referrer": "Thank you; we have decided and will tell you what happens next."}),
            )
            .await;
        assert_eq!(st, 200, "{r}");
        let (st, a) = sw
            .post(
                "/api/v1/assessments",
                &json!({"person_id": child_id, "origin": "referral-decision", "referral_id": rid, "start_date": "2026-11-20"}),
            )
            .await;
        assert_eq!(st, 201, "{a}");
        let id = a["id"].as_str().unwrap();
        // 250 KB of words: under the 256 KB body limit, far over the 20,000-character one.
        let words = "w".repeat(250 * 1024);
        let (st, r) = sw
            .post(
                &format!("/api/v1/assessments/{id}/views"),
                &json!({"speaker": "child", "kind": "views-and-wishes", "words": words}),
            )
            .await;
        // The body is not printed on failure: it may hold the 250 KB.
        assert_eq!(st, 400, "{:?}", problems(&r));
        assert_eq!(
            problems(&r),
            vec![(
                "words".to_string(),
                "too_long".to_string(),
                "Their words must be 20000 characters or fewer".to_string()
            )]
        );
        let (_, a) = sw.get(&format!("/api/v1/assessments/{id}")).await;
        assert_eq!(a["views"].as_array().map(Vec::len), Some(0));
    }
);
