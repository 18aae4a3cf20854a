//! Issue 13: "the family copy lets the worker withhold third-party and domestic-abuse
//! information, and records what was withheld and why" — over HTTP on both databases.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{codes, TestServer};
use reqwest::Method;
use serde_json::json;

/// A child referred, decided for assessment and the assessment opened; returns its id.
async fn assessment(s: &TestServer) -> String {
    let fd = s.api(&s.token("front-door").await);
    let sw = s.api(&s.token("social-worker").await);
    let (st, child) = fd
        .post(
        "/api/v1/people?confirm_not_duplicate=true",
        &json!({"kind": "child", "given_names": "Robin", "family_name": "Copytest", "date_of_birth": "2015-02-03"}),
        )
        .await;
    assert_eq!(st, 201, "{child}");
    let child = child["id"].as_str().unwrap().to_string();
    let (_, rid) = common::refer(&fd, &child).await;
    let (_, r) = fd.get(&format!("/api/v1/referrals/{rid}")).await;
    let (st, r) = sw
        .post(
        &format!("/api/v1/referrals/{rid}/decision"),
        &json!({"version": r["version"], "outcomes": ["assessment"], "threshold": "moderate", "primary_need": "N1",
            "rationale": "Assess", "feedback_to_referrer": "We will assess and tell you what happens next."}),
        )
        .await;
    assert_eq!(st, 200, "{r}");
    let (st, a) = sw
        .post(
        "/api/v1/assessments",
        &json!({"person_id": child, "origin": "referral-decision", "referral_id": rid, "start_date": "2026-11-20"}),
        )
        .await;
    assert_eq!(st, 201, "{a}");
    a["id"].as_str().unwrap().to_string()
}

both_dbs!(
    the_family_copy_leaves_out_what_the_worker_withholds_and_records_why,
    |s: TestServer| async move {
        let sw = s.api(&s.token("social-worker").await);
        let id = assessment(&s).await;
        let (st, a) = sw
            .post(
                &format!("/api/v1/assessments/{id}/agency-requests"),
                &json!({"agency": "Women's refuge", "agency_type": "other", "asked": "Support given", "requested_on": "2026-11-20"}),
            )
            .await;
        assert_eq!(st, 201, "{a}");
        let req = a["agency_requests"][0]["id"].as_str().unwrap().to_string();
        let (st, _) = sw
            .post(
                &format!("/api/v1/assessments/{id}/agency-requests/{req}/response"),
                &json!({"response_on": "2026-11-20", "response": "Mother is staying at our Elm Street house"}),
            )
            .await;
        assert_eq!(st, 200);
        let (st, a) = sw
            .post(
                &format!("/api/v1/assessments/{id}/views"),
                &json!({"speaker": "child", "kind": "views-and-wishes", "words": "I like my new school"}),
            )
            .await;
        assert_eq!(st, 201, "{a}");
        let view_n = a["views"][0]["id"].as_i64().unwrap();
        let (st, _) = sw
            .send(
                Method::PUT,
                &format!("/api/v1/assessments/{id}/sections/family-environment?version=0"),
                &json!({"housing.concerns": "The neighbour says the father threatened the mother"}),
            )
            .await;
        assert_eq!(st, 200);

        // Refused with specific messages, nothing written.
        let url = format!("/api/v1/assessments/{id}/family-copy/withholdings");
        let (st, p) = sw
            .post(
                &url,
                &json!({"part_kind": "agency-reply", "part_ref": req, "reason": "domestic-abuse", "explanation": " "}),
            )
            .await;
        assert_eq!(
            (st, codes(&p)),
            (
                400,
                vec![("explanation".to_string(), "required".to_string())]
            ),
            "{p}"
        );
        let (st, p) = sw
            .post(
                &url,
                &json!({"part_kind": "visit", "part_ref": uuid::Uuid::new_v4().to_string(), "reason": "third-party", "explanation": "x"}),
            )
            .await;
        assert_eq!(st, 400, "{p}");
        assert_eq!(codes(&p)[0].1, "not_on_record");

        // The refuge's reply (domestic abuse), the neighbour's account (third party).
        let (st, a) = sw
            .post(
                &url,
                &json!({"part_kind": "agency-reply", "part_ref": req, "reason": "domestic-abuse",
                        "explanation": "Gives the refuge's address; father must not learn it"}),
            )
            .await;
        assert_eq!(st, 201, "{a}");
        let (st, p) = sw
            .post(
                &url,
                &json!({"part_kind": "agency-reply", "part_ref": req, "reason": "domestic-abuse", "explanation": "again"}),
            )
            .await;
        assert_eq!((st, codes(&p)[0].1.as_str()), (400, "already_withheld"));
        let (st, a) = sw
            .post(
                &url,
                &json!({"part_kind": "domain", "part_ref": "family-environment", "reason": "third-party",
                        "explanation": "The neighbour's account; the neighbour has not agreed"}),
            )
            .await;
        assert_eq!(st, 201, "{a}");
        let w = &a["withholdings"];
        assert_eq!(w.as_array().unwrap().len(), 2);
        assert_eq!(w[0]["part_label"], "An agency's reply: Women's refuge");
        assert_eq!(w[0]["reason"], "domestic-abuse");
        assert_eq!(
            w[1]["part_label"],
            "What we found about one part of the child's life: Family and environmental factors"
        );

        // The family's copy: the reply and the domain are gone, the child's words stay, and the
        // record of what was left out is not in it.
        let (st, copy) = sw
            .get(&format!("/api/v1/assessments/{id}/family-copy"))
            .await;
        assert_eq!(st, 200);
        assert_eq!(copy["agency_requests"].as_array().unwrap().len(), 0);
        assert_eq!(copy["views"][0]["id"], view_n);
        assert_eq!(copy["family_copy_leaves_out"], true);
        assert_eq!(copy["withholdings"].as_array().unwrap().len(), 0);
        let text = copy.to_string();
        assert!(!text.contains("Elm Street"));
        assert!(!text.contains("threatened"));
        let page = s.browser("social-worker").await;
        let (st, html) = page.get(&format!("/assessments/{id}/family-copy")).await;
        assert_eq!(st, 200);
        assert!(html.contains("Information not included"));
        assert!(!html.contains("Elm Street") && !html.contains("threatened"));
        assert!(html.contains("I like my new school"));

        // Put back, with why; the record keeps both.
        let wid = w[0]["id"].as_str().unwrap();
        let restore = format!("{url}/{wid}/restore");
        let (st, p) = sw.post(&restore, &json!({"why": ""})).await;
        assert_eq!((st, codes(&p)[0].0.as_str()), (400, "why"));
        let (st, a) = sw
            .post(
                &restore,
                &json!({"why": "Mother has moved on; she agrees it can be shared"}),
            )
            .await;
        assert_eq!(st, 200, "{a}");
        assert!(a["withholdings"][0]["restored_at"].is_string());
        let (st, _) = sw.post(&restore, &json!({"why": "twice"})).await;
        assert_eq!(st, 404);
        let (_, copy) = sw
            .get(&format!("/api/v1/assessments/{id}/family-copy"))
            .await;
        assert_eq!(copy["agency_requests"].as_array().unwrap().len(), 1);
        assert!(copy.to_string().contains("Elm Street"));
        assert!(!copy.to_string().contains("threatened"));

        // The record page's form: nothing chosen is refused beside the list; the analysis left out.
        let (_, html) = page.get(&format!("/assessments/{id}")).await;
        assert!(
            html.contains("Leave something out of the family&#39;s copy")
                || html.contains("Leave something out of the family's copy")
        );
        let csrf = common::extract(&html, "_csrf");
        let form_url = format!("/assessments/{id}/family-copy/withholdings");
        let r = page
            .post_form(
                &form_url,
                &[
                    ("_csrf", &csrf),
                    ("form", "withhold"),
                    ("part", ""),
                    ("withhold_reason", "third-party"),
                    ("explanation", "x"),
                ],
            )
            .await;
        assert_eq!(r.status(), 400, "the page comes back with its errors");
        let body = r.text().await.unwrap();
        assert!(body.contains("Choose what to leave out"), "{body}");
        assert!(body.contains("href=\"#part\""));
        let r = page
            .post_form(
                &form_url,
                &[
                    ("_csrf", &csrf),
                    ("form", "withhold"),
                    ("part", "analysis:"),
                    ("withhold_reason", "serious-harm"),
                    ("explanation", "The analysis names the informant"),
                ],
            )
            .await;
        assert_eq!(r.status(), 303);
        let (_, a) = sw.get(&format!("/api/v1/assessments/{id}")).await;
        assert_eq!(a["withholdings"][2]["part_kind"], "analysis");
        assert_eq!(a["withholdings"][2]["reason"], "serious-harm");
        assert!(!a["withholdings"][2]["withheld_by_name"]
            .as_str()
            .unwrap()
            .is_empty());
    }
);

// "Only one": two workers leaving the same part out at the same moment record it once; the
// other is told it is already left out.
both_dbs!(
    leaving_the_same_part_out_twice_at_once_records_it_once,
    |s: TestServer| async move {
        let id = assessment(&s).await;
        let a = s.api(&s.token("social-worker").await);
        let b = s.api(&s.token("team-manager").await);
        let url = format!("/api/v1/assessments/{id}/family-copy/withholdings");
        let body = json!({"part_kind": "analysis", "reason": "third-party", "explanation": "Names the informant"});
        let (ra, rb) = tokio::join!(a.post(&url, &body), b.post(&url, &body));
        let mut got = vec![ra.0, rb.0];
        got.sort();
        assert_eq!(got, vec![201, 400], "{} / {}", ra.1, rb.1);
        let loser = if ra.0 == 400 { &ra.1 } else { &rb.1 };
        assert_eq!(codes(loser)[0].1, "already_withheld");
        let (_, rec) = a.get(&format!("/api/v1/assessments/{id}")).await;
        assert_eq!(rec["withholdings"].as_array().unwrap().len(), 1);
    }
);
