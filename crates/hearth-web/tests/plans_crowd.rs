//! Issues 14 and 15 as a crowd and as an attacker, on both databases: two people starting the
//! same child in need plan, ending it, or recording a conference decision's circulation at the
//! same moment make one record, never two; hostile text in the plan is refused at its limit or
//! stored and shown as text, never markup.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{cin_plan_body, cin_plan_to_agree, codes, TestServer};
use serde_json::json;

both_dbs!(
    two_starts_and_two_endings_at_once_make_one_each,
    |s: TestServer| async move {
        let (url, plan_id, version, sw_email) = cin_plan_to_agree(&s).await;
        let a = s.api(&s.token_of(&sw_email).await);
        let b = s.api(&s.token_of(&sw_email).await);
        let start = format!("{url}/{plan_id}/start");
        let body = cin_plan_body(&version, "2026-12-10");
        let (x, y) = tokio::join!(a.post(&start, &body), b.post(&start, &body));
        let ok = [x.0, y.0].iter().filter(|st| **st == 200).count();
        assert_eq!(ok, 1, "{x:?} {y:?}");
        let loser = if x.0 == 200 { &y } else { &x };
        assert!(matches!(loser.0, 409 | 400), "{loser:?}");
        let (_, v) = a.get(&url).await;
        let plan = &v["plans"][0];
        assert_eq!(plan["status"], "open");
        // One first version of the plan's outcomes, and one set of clocks.
        assert_eq!(plan["versions"].as_array().unwrap().len(), 1, "{plan}");
        let visits = plan["clocks"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|c| c["kind"] == "cin-visit")
            .count();
        assert_eq!(visits, 1, "{plan}");

        // Two managers ending it at once: one ending.
        let (tm1, tm2) = (
            s.api(&s.token("team-manager").await),
            s.api(&s.token("team-manager").await),
        );
        let end = json!({"version": plan["version"], "ending": {
            "ended_on": "2026-12-10", "end_reason": "consent-withdrawn", "reasons": "The family no longer agree to the plan",
            "family_meeting_on": null, "team_manager_approved": true, "service_manager_approved": false,
            "told_in_writing": ["Mother"], "handover": null, "closure": null}});
        let ending = format!("{url}/{plan_id}/ending");
        let (x, y) = tokio::join!(tm1.post(&ending, &end), tm2.post(&ending, &end));
        let ok = [x.0, y.0].iter().filter(|st| **st == 200).count();
        assert_eq!(ok, 1, "{x:?} {y:?}");
        let (_, v) = a.get(&url).await;
        assert_eq!(v["plans"][0]["status"], "ended");
        assert_eq!(v["plans"][0]["end_reason"], "consent-withdrawn");
    }
);

both_dbs!(
    hostile_text_in_a_plan_is_refused_at_its_limit_or_shown_as_text,
    |s: TestServer| async move {
        let (url, plan_id, version, sw_email) = cin_plan_to_agree(&s).await;
        let sw = s.api(&s.token_of(&sw_email).await);
        let start = format!("{url}/{plan_id}/start");
        let mut huge = cin_plan_body(&version, "2026-12-10");
        huge["plan"]["purpose"] = json!("x".repeat(20_001));
        huge["plan"]["content"]["outcomes"][0]["measure"] = json!("y".repeat(2_001));
        let (st, p) = sw.post(&start, &huge).await;
        assert_eq!(st, 400, "{p}");
        let got = codes(&p);
        assert!(
            got.contains(&("purpose".into(), "too_long".into())),
            "{got:?}"
        );
        assert!(
            got.contains(&("outcomes[1].measure".into(), "too_long".into())),
            "{got:?}"
        );
        let (_, v) = sw.get(&url).await;
        assert_eq!(v["plans"][0]["status"], "to-be-agreed", "nothing written");
        // Markup is kept as the words typed and shown escaped, on the page and the family copy.
        let mut script = cin_plan_body(&version, "2026-12-10");
        script["plan"]["purpose"] = json!("<script>alert('x')</script> stays safe");
        let (st, v) = sw.post(&start, &script).await;
        assert_eq!(st, 200, "{v}");
        let child = url
            .trim_start_matches("/api/v1/people/")
            .trim_end_matches("/cin-plans");
        let page = s.browser_as(&sw_email).await;
        for path in [
            format!("/people/{child}/cin-plan"),
            format!("/people/{child}/cin-plan/family-copy?plan={plan_id}"),
        ] {
            let (st, html) = page.get(&path).await;
            assert_eq!(st, 200, "{path}");
            assert!(!html.contains("<script>alert"), "{path}");
            assert!(html.contains("&lt;script&gt;alert"), "{path}");
        }
        // Another child's plan id in this child's path is not found, never shown.
        let (st, _) = sw.get(&format!("/api/v1/people/{child}/cin-plans")).await;
        assert_eq!(st, 200);
        let (st, _) = sw
            .post(
                &format!("{url}/{}/start", uuid::Uuid::new_v4()),
                &cin_plan_body(&version, "2026-12-10"),
            )
            .await;
        assert_eq!(st, 404);
    }
);

both_dbs!(
    two_chairs_recording_the_circulation_at_once_record_it_once,
    |s: TestServer| async move {
        let (sw_email, sw) = s.user_in("social-worker", "Team A").await;
        let (chair_email, chair) = s.user_in("conference-chair", "Conference chairs").await;
        let (_, me) = sw.get("/api/v1/me").await;
        let (_, ch) = chair.get("/api/v1/me").await;
        let (child, conf_id, conf) = common::conference_arranged(
            &s,
            &sw,
            me["id"].as_str().unwrap(),
            me["team_id"].as_str().unwrap(),
            ch["id"].as_str().unwrap(),
        )
        .await;
        s.clock
            .set(chrono::TimeZone::with_ymd_and_hms(&chrono::Utc, 2026, 12, 10, 11, 0, 0).unwrap());
        let chair = s.api(&s.token_of(&chair_email).await);
        let (st, v) = chair
            .post(
                &format!("/api/v1/people/{child}/conferences/{conf_id}/held"),
                &json!({"version": conf["version"], "held_on": "2026-12-10", "plan": false,
                "child_wishes": "-", "parents_views": "-", "agency_views": "-"}),
            )
            .await;
        assert_eq!(st, 200, "{v}");
        let circ = format!("/api/v1/people/{child}/conferences/{conf_id}/circulated");
        let sw = s.api(&s.token_of(&sw_email).await);
        let empty = json!({});
        let (x, y) = tokio::join!(chair.post(&circ, &empty), sw.post(&circ, &empty));
        let ok = [x.0, y.0].iter().filter(|st| **st == 200).count();
        assert_eq!(ok, 1, "{x:?} {y:?}");
        let loser = if x.0 == 200 { &y } else { &x };
        assert_eq!(codes(&loser.1)[0].1, "already_circulated", "{loser:?}");
    }
);
