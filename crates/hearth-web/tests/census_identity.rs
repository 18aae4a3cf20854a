//! Issue 16, item 1 over HTTP on both databases: every person recorded gets an LA child ID
//! (census `LAchildID`: alphanumeric, at most 20 characters, unique, never the internal id);
//! the former UPN, the reason a UPN is not held (UN1-UN7) and the date of death are changed with
//! their rules; sex is carried as the census wants it (M/F/U, U for an unborn child).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{codes, TestServer};
use serde_json::json;

both_dbs!(
    the_census_identity_is_allocated_and_kept_with_its_rules,
    |s: TestServer| async move {
        let fd = s.api(&s.token("front-door").await);
        let sw = s.api(&s.token("social-worker").await);
        let mut ids = Vec::new();
        for (given, born, sex) in [
            ("Ada", Some("2014-03-03"), "2"),
            ("Ben", Some("2015-04-04"), "1"),
        ] {
            let (st, p) = fd
                .post(
                    "/api/v1/people?confirm_not_duplicate=true",
                    &json!({"kind": "child", "given_names": given, "family_name": "Censustest", "date_of_birth": born, "sex": sex}),
                )
                .await;
            assert_eq!(st, 201, "{p}");
            ids.push(p["id"].as_str().unwrap().to_string());
        }
        let (st, unborn) = fd
            .post(
                "/api/v1/people?confirm_not_duplicate=true",
                &json!({"kind": "child", "family_name": "Censustest", "expected_date_of_delivery": "2027-03-01"}),
            )
            .await;
        assert_eq!(st, 201, "{unborn}");
        let url = |id: &str| format!("/api/v1/people/{id}/census-identity");
        let (_, a) = sw.get(&url(&ids[0])).await;
        let (_, b) = sw.get(&url(&ids[1])).await;
        let (_, u) = sw.get(&url(unborn["id"].as_str().unwrap())).await;
        let la = |v: &serde_json::Value| v["la_child_id"].as_str().unwrap().to_string();
        for v in [&a, &b, &u] {
            let id = la(v);
            assert!(
                id.len() <= 20 && id.chars().all(|c| c.is_ascii_alphanumeric()),
                "{v}"
            );
            assert!(!ids.contains(&id), "never the internal id");
        }
        assert_ne!(la(&a), la(&b), "unique");
        assert_eq!(
            (
                a["census_sex"].as_str(),
                b["census_sex"].as_str(),
                u["census_sex"].as_str()
            ),
            (Some("F"), Some("M"), Some("U"))
        );
        // A reason for no UPN, a former UPN and a date of death; the date of death refused
        // before the date of birth (3 March 2014) and in the future.
        let (st, p) = sw
            .send(
                reqwest::Method::PUT,
                &url(&ids[0]),
                &json!({"version": a["version"], "upn_unknown": "UN8", "death_date": "2013-01-01"}),
            )
            .await;
        assert_eq!(st, 400, "{p}");
        let got = codes(&p);
        assert!(
            got.contains(&("upn_unknown".into(), "unknown_code".into())),
            "{got:?}"
        );
        let (st, p) = sw
            .send(
                reqwest::Method::PUT,
                &url(&ids[0]),
                &json!({"version": a["version"], "upn_unknown": "UN6", "death_date": "2013-01-01"}),
            )
            .await;
        assert_eq!((st, codes(&p)[0].1.as_str()), (400, "before_birth"), "{p}");
        assert!(p.to_string().contains("3 March 2014"), "{p}");
        let (st, v) = sw
            .send(
                reqwest::Method::PUT,
                &url(&ids[0]),
                &json!({"version": a["version"], "upn_unknown": "UN6"}),
            )
            .await;
        assert_eq!(st, 200, "{v}");
        assert_eq!(v["upn_unknown"], "UN6");
        assert_eq!(
            v["la_child_id"], a["la_child_id"],
            "the LA child ID never changes"
        );
        // The same version again is stale: nothing overwritten.
        let (st, _) = sw
            .send(
                reqwest::Method::PUT,
                &url(&ids[0]),
                &json!({"version": a["version"], "upn_unknown": "UN4"}),
            )
            .await;
        assert_eq!(st, 409);
        let (_, v) = sw.get(&url(&ids[0])).await;
        assert_eq!(v["upn_unknown"], "UN6");
        // The page shows each field with its census rule.
        let page = s.browser("social-worker").await;
        let (st, html) = page.get(&format!("/people/{}/census", ids[0])).await;
        assert_eq!(st, 200);
        assert!(
            html.contains(&la(&a)) && html.contains("rule 8770Q"),
            "{html}"
        );
    }
);

both_dbs!(
    people_recorded_at_the_same_moment_get_different_la_child_ids,
    |s: TestServer| async move {
        let mut set = tokio::task::JoinSet::new();
        for n in 0..8 {
            let fd = s.api(&s.token("front-door").await);
            set.spawn(async move {
                fd.post(
                    "/api/v1/people?confirm_not_duplicate=true",
                    &json!({"kind": "child", "given_names": format!("Crowd{n}"), "family_name": "Censuscrowd", "date_of_birth": "2016-01-01"}),
                )
                .await
            });
        }
        let sw = s.api(&s.token("social-worker").await);
        let mut la = Vec::new();
        while let Some(r) = set.join_next().await {
            let (st, p) = r.unwrap();
            assert_eq!(st, 201, "{p}");
            let (_, v) = sw
                .get(&format!(
                    "/api/v1/people/{}/census-identity",
                    p["id"].as_str().unwrap()
                ))
                .await;
            la.push(v["la_child_id"].as_str().unwrap().to_string());
        }
        let mut unique = la.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), 8, "{la:?}");
    }
);

// Census `AssessmentInternalReviewDate`: recorded on the child's assessment, not before it
// started (Friday 20 November 2026, the test's today) and not in the future.
both_dbs!(
    an_assessments_internal_review_date_is_kept_within_it,
    |s: TestServer| async move {
        let fd = s.api(&s.token("front-door").await);
        let sw = s.api(&s.token("social-worker").await);
        let (_, child) = fd
            .post(
                "/api/v1/people?confirm_not_duplicate=true",
                &json!({"kind": "child", "given_names": "Iris", "family_name": "Reviewdate", "date_of_birth": "2013-09-09"}),
            )
            .await;
        let child = child["id"].as_str().unwrap().to_string();
        let (_, rid) = common::refer(&fd, &child).await;
        let (_, r) = fd.get(&format!("/api/v1/referrals/{rid}")).await;
        let (st, r) = sw
            .post(
                &format!("/api/v1/referrals/{rid}/decision"),
                &json!({"version": r["version"], "outcomes": ["assessment"], "threshold": "moderate", "primary_need": "N1",
                    "rationale": "Assess", "feedback_to_referrer": "Thank you; we have decided and will tell you what happens next."}),
            )
            .await;
        assert_eq!(st, 200, "{r}");
        let (st, a) = sw
            .post(
                "/api/v1/assessments",
                &json!({"person_id": child, "origin": "referral-decision", "referral_id": rid}),
            )
            .await;
        assert_eq!(st, 201, "{a}");
        let a_id = a["id"].as_str().unwrap();
        let url = format!("/api/v1/people/{child}/assessments/{a_id}/internal-review");
        let (st, p) = sw
            .send(
                reqwest::Method::PUT,
                &url,
                &json!({"internal_review_date": "2026-11-19"}),
            )
            .await;
        assert_eq!((st, codes(&p)[0].1.as_str()), (400, "before_start"), "{p}");
        let (st, p) = sw
            .send(
                reqwest::Method::PUT,
                &url,
                &json!({"internal_review_date": "2026-11-21"}),
            )
            .await;
        assert_eq!((st, codes(&p)[0].1.as_str()), (400, "future_date"), "{p}");
        let (st, v) = sw
            .send(
                reqwest::Method::PUT,
                &url,
                &json!({"internal_review_date": "2026-11-20"}),
            )
            .await;
        assert_eq!(st, 200, "{v}");
        assert_eq!(v["assessments"][0]["internal_review_date"], "2026-11-20");
        // Another child's path does not reach this assessment.
        let (_, other) = fd
            .post(
                "/api/v1/people?confirm_not_duplicate=true",
                &json!({"kind": "child", "given_names": "Otto", "family_name": "Reviewdate", "date_of_birth": "2013-09-09"}),
            )
            .await;
        let (st, _) = sw
            .send(
                reqwest::Method::PUT,
                &format!(
                    "/api/v1/people/{}/assessments/{a_id}/internal-review",
                    other["id"].as_str().unwrap()
                ),
                &json!({"internal_review_date": "2026-11-20"}),
            )
            .await;
        assert!(matches!(st, 403 | 404), "{st}");
    }
);
