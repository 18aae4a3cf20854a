//! Person search shows what tells people apart, on SQLite and PostgreSQL: the current address,
//! the NHS number and whether the service knows the person ("Open case", "Known", "Not
//! known"), on the page, in the JSON API and in the contact form's child chooser; a restricted
//! record the reader may not open shows none of it.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{refer, Api, TestServer};
use reqwest::Method;
use serde_json::{json, Value};

async fn child(api: &Api, given: &str, born: &str, line1: &str, nhs: Option<&str>) -> String {
    let (st, p) = api
        .post(
            "/api/v1/people",
            &json!({"kind": "child", "given_names": given, "family_name": "Quillfeather",
                "date_of_birth": born, "nhs_number": nhs,
                "address": {"line1": line1, "town": "Exampleton", "postcode": "EX1 2AB", "from": "2020-01-01"}}),
        )
        .await;
    assert_eq!(st, 201, "{p}");
    p["id"].as_str().unwrap().to_string()
}

fn row<'a>(rows: &'a Value, id: &str) -> &'a Value {
    rows.as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == id)
        .unwrap_or_else(|| panic!("{id} not in {rows}"))
}

both_dbs!(
    search_shows_address_and_whether_known_but_not_for_a_restricted_record,
    |s: TestServer| async move {
        let sw = s.api(&s.token("social-worker").await);
        let fd = s.api(&s.token("front-door").await);
        let not_known = child(&sw, "Ada", "2017-06-01", "1 Alder Close", None).await;
        let known = child(
            &sw,
            "Bea",
            "2017-06-02",
            "2 Beech Road",
            Some("943 476 5919"),
        )
        .await;
        let open = child(&sw, "Cal", "2017-06-03", "3 Cedar Way", None).await;
        let secret = child(
            &sw,
            "Dot",
            "2017-06-04",
            "4 Damson Lane",
            Some("401 023 2137"),
        )
        .await;

        // Bea has been referred (awaiting the decision); Cal's referral opened an episode of need.
        let _ = refer(&fd, &known).await;
        let (_, rid) = refer(&fd, &open).await;
        let (_, r) = fd.get(&format!("/api/v1/referrals/{rid}")).await;
        let dec = s.api(&s.token("social-worker").await);
        let (st, r) = dec
            .post(
                &format!("/api/v1/referrals/{rid}/decision"),
                &json!({"version": r["version"], "outcomes": ["assessment"], "threshold": "moderate",
                    "primary_need": "N1", "rationale": "Needs an assessment", "feedback_to_referrer": "Thank you."}),
            )
            .await;
        assert_eq!(st, 200, "{r}");
        let _ = refer(&fd, &secret).await;
        let ig = s.api(&s.token("information-governance").await);
        let (st, r) = ig
            .send(
                Method::PUT,
                &format!("/api/v1/people/{secret}/restriction"),
                &json!({"restricted": true, "reason": "safety"}),
            )
            .await;
        assert_eq!(st, 200, "{r}");

        // An unrelated worker searches.
        let other = s.api(&s.token("social-worker").await);
        let (st, rows) = other.get("/api/v1/people?q=Quillfeather").await;
        assert_eq!(st, 200, "{rows}");
        assert_eq!(rows.as_array().unwrap().len(), 4, "{rows}");
        let facts = |id: &str| {
            let r = row(&rows, id);
            (
                r["address"].clone(),
                r["known"].clone(),
                r["nhs_number"].clone(),
            )
        };
        assert_eq!(
            facts(&not_known),
            (
                json!("1 Alder Close, Exampleton, EX1 2AB"),
                json!("not-known"),
                Value::Null
            )
        );
        assert_eq!(
            facts(&known),
            (
                json!("2 Beech Road, Exampleton, EX1 2AB"),
                json!("known"),
                json!("943 476 5919")
            )
        );
        assert_eq!(
            facts(&open).0.as_str(),
            Some("3 Cedar Way, Exampleton, EX1 2AB")
        );
        assert_eq!(facts(&open).1, json!("open-case"));
        assert_eq!(
            facts(&secret),
            (Value::Null, Value::Null, Value::Null),
            "a restricted record shows nothing identifying"
        );

        // The page: words, not codes.
        let b = s.browser("social-worker").await;
        let (st, page) = b.get("/people?q=Quillfeather").await;
        assert_eq!(st, 200);
        for shown in [
            "1 Alder Close, Exampleton, EX1 2AB",
            "2 Beech Road, Exampleton, EX1 2AB",
            "3 Cedar Way, Exampleton, EX1 2AB",
            "943 476 5919",
            ">Open case<",
            ">Known<",
            ">Not known<",
            ">Child<",
            "Current address",
        ] {
            assert!(page.contains(shown), "{shown}: {page}");
        }
        for hidden in ["Damson", "401 023 2137", "Dot Quillfeather", ">child<"] {
            assert!(!page.contains(hidden), "{hidden}: {page}");
        }
        assert_eq!(page.matches(">Known<").count(), 1, "{page}");
        assert_eq!(page.matches(">Open case<").count(), 1, "{page}");

        // The contact form's "which child is it?" reads the same way.
        let fdb = s.browser("front-door").await;
        let (st, page) = fdb.get("/contacts/new?q=Quillfeather").await;
        assert_eq!(st, 200);
        assert!(
            page.contains("Bea Quillfeather – born 2 June 2017, NHS number 943 476 5919, lives at 2 Beech Road, Exampleton, EX1 2AB – Known"),
            "{page}"
        );
        assert!(
            page.contains("Cal Quillfeather – born 3 June 2017, lives at 3 Cedar Way, Exampleton, EX1 2AB – Open case"),
            "{page}"
        );
        assert!(!page.contains("Damson"), "{page}");
    }
);
