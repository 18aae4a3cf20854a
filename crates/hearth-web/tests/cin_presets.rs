//! Issue 15: under each preset, a child in need plan's visit, meeting and review clocks follow
//! that preset's seed exactly, over HTTP on both databases. Every expected date is counted by
//! hand from the seed's words:
//! - Dudley (seed 001): visits "at least every 6 weeks"; CIN meetings "at intervals of 4-8 weeks"
//!   (the 8-week maximum); the first review "within 3 months" of the plan, then "at least every 3
//!   months"; after a child protection plan, a CIN plan of "a minimum of 3 months".
//! - South West (seed 003): the first review "within 28 days of the plan", the second "within a
//!   further 3 months", then "at intervals of no more than 6 months"; a plan beyond 12 months goes
//!   to the complex-needs panel unless long-term support is expected.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use chrono::{TimeZone, Utc};
use common::TestServer;
use serde_json::{json, Value};

fn at(y: i32, m: u32, d: u32) -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, 11, 0, 0).unwrap()
}

fn due(plan: &Value, kind: &str) -> Option<String> {
    plan["clocks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["kind"] == kind && c["met_on"].is_null())
        .map(|c| c["due_date"].as_str().unwrap().to_string())
}

fn review(on: &str) -> Value {
    json!({"review": {"reviewed_on": on, "chair": "team-manager", "held_in_meeting": true,
        "manager_agreed_no_meeting": false, "gone_well": "Attendance up", "worries": "Evenings",
        "still_to_happen": "Course", "child_feedback": "Happier", "family_feedback": "Helpful",
        "outcome": "continue", "reasons": "Progress"}})
}

/// A child in need plan to agree after a conference on Thursday 10 December 2026 that decided on
/// no child protection plan, started that day under `preset`. Returns the API base of the
/// child's plans, the plan's id and the plan as started.
async fn started_under(
    s: &TestServer,
    preset: &str,
    long_term: Option<&str>,
) -> (String, String, String, Value) {
    s.app.adopt_protocol(None, preset).await.unwrap().unwrap();
    let (url, plan_id, version, sw_email) = common::cin_plan_to_agree(s).await;
    let sw = s.api(&s.token_of(&sw_email).await);
    let mut body = common::cin_plan_body(&version, "2026-12-10");
    body["plan"]["long_term_support"] = json!(long_term);
    let (st, v) = sw.post(&format!("{url}/{plan_id}/start"), &body).await;
    assert_eq!(st, 200, "{v}");
    (url, plan_id, sw_email, v["plans"][0].clone())
}

both_dbs!(
    dudley_visits_meetings_reviews_and_the_minimum_plan,
    |s: TestServer| async move {
        let (url, plan_id, sw_email, plan) = started_under(&s, "dudley", None).await;
        // 10 December 2026 + 6 weeks = 21 January 2027; + 8 weeks = 4 February 2027; + 3 months
        // = 10 March 2027.
        assert_eq!(
            due(&plan, "cin-visit").as_deref(),
            Some("2027-01-21"),
            "{plan}"
        );
        assert_eq!(
            due(&plan, "cin-meeting").as_deref(),
            Some("2027-02-04"),
            "{plan}"
        );
        assert_eq!(
            due(&plan, "cin-first-review").as_deref(),
            Some("2027-03-10"),
            "{plan}"
        );
        assert_eq!(
            due(&plan, "complex-needs-panel"),
            None,
            "Dudley has no panel timescale"
        );
        assert!(
            plan["clocks"][0]["explanation"]
                .as_str()
                .unwrap()
                .contains("protocol: dudley v3"),
            "{plan}"
        );
        // A review on Wednesday 10 February 2027: the second within a further 3 months, 10 May.
        s.clock.set(at(2027, 2, 10));
        let sw = s.api(&s.token_of(&sw_email).await);
        let (st, v) = sw
            .post(&format!("{url}/{plan_id}/reviews"), &review("2027-02-10"))
            .await;
        assert_eq!(st, 201, "{v}");
        assert_eq!(
            due(&v["plans"][0], "cin-second-review").as_deref(),
            Some("2027-05-10")
        );
        // A CIN meeting on Thursday 4 February starts the next 8 weeks on: 1 April 2027.
        let (st, v) = sw
            .post(&format!("{url}/{plan_id}/meetings"), &json!({"meeting": {"held_on": "2027-02-04", "chair": "allocated-social-worker",
                "attendees": [{"name": "Ms Reed", "role": "Mother", "kind": "parent-or-carer", "attendance": "present", "agreement": "agrees", "note": ""}],
                "progress": "Better", "decisions": "Keep going", "plan_updated": false}}))
            .await;
        assert_eq!(st, 201, "{v}");
        assert_eq!(
            due(&v["plans"][0], "cin-meeting").as_deref(),
            Some("2027-04-01")
        );
        // After a child protection plan, at least 3 months (seed 001): ending on 1 March 2027
        // is refused, naming 10 March 2027; nothing is written.
        s.clock.set(at(2027, 3, 1));
        let tm = s.api(&s.token("team-manager").await);
        let (_, v) = tm.get(&url).await;
        let (st, p) = tm
            .post(&format!("{url}/{plan_id}/ending"), &json!({"version": v["plans"][0]["version"], "ending": {
                "ended_on": "2027-03-01", "end_reason": "needs-met", "reasons": "Needs met",
                "family_meeting_on": "2027-03-01", "team_manager_approved": true, "service_manager_approved": false,
                "told_in_writing": ["Mother"], "handover": null, "closure": null}}))
            .await;
        assert_eq!(st, 400, "{p}");
        assert!(p.to_string().contains("10 March 2027"), "{p}");
        // Step-down before 3 months of plan is refused too.
        let (st, p) = tm
            .post(&format!("{url}/{plan_id}/ending"), &json!({"version": v["plans"][0]["version"], "ending": {
                "ended_on": "2027-03-01", "end_reason": "step-down-to-early-help", "reasons": "Early help",
                "family_meeting_on": "2027-03-01", "team_manager_approved": true, "service_manager_approved": false,
                "told_in_writing": ["Mother"], "handover": {"early_help_worker": "Jo", "introduced_on": "2027-02-25", "attended_last_review": true},
                "closure": null}}))
            .await;
        assert_eq!(st, 400, "{p}");
        assert!(p.to_string().contains("10 March 2027"), "{p}");
        let (_, v) = tm.get(&url).await;
        assert_eq!(v["plans"][0]["status"], "open");
    }
);

both_dbs!(
    south_west_reviews_and_the_complex_needs_panel,
    |s: TestServer| async move {
        let (url, plan_id, sw_email, plan) = started_under(&s, "south-west", None).await;
        // 10 December 2026 + 28 days = Thursday 7 January 2027; + 12 months = 10 December 2027.
        assert_eq!(
            due(&plan, "cin-first-review").as_deref(),
            Some("2027-01-07"),
            "{plan}"
        );
        assert_eq!(
            due(&plan, "complex-needs-panel").as_deref(),
            Some("2027-12-10"),
            "{plan}"
        );
        assert_eq!(
            due(&plan, "cin-meeting"),
            None,
            "seed 003 sets no meeting interval"
        );
        // The referral to the panel is the team manager's task, not the worker's.
        let tm = s.api(&s.token("team-manager").await);
        let (_, w) = tm.get("/api/v1/my-work").await;
        assert!(
            w.to_string()
                .contains("Complex-needs panel due 10 December 2027"),
            "{w}"
        );
        let sw = s.api(&s.token_of(&sw_email).await);
        let (_, w) = sw.get("/api/v1/my-work").await;
        assert!(!w.to_string().contains("Complex-needs panel"), "{w}");
        // First review 7 January → second within a further 3 months: 7 April 2027.
        s.clock.set(at(2027, 1, 7));
        let sw = s.api(&s.token_of(&sw_email).await);
        let (st, v) = sw
            .post(&format!("{url}/{plan_id}/reviews"), &review("2027-01-07"))
            .await;
        assert_eq!(st, 201, "{v}");
        assert_eq!(
            due(&v["plans"][0], "cin-second-review").as_deref(),
            Some("2027-04-07")
        );
        // Second review 1 April → later reviews at most every 6 months: 1 October 2027.
        s.clock.set(at(2027, 4, 1));
        let sw = s.api(&s.token_of(&sw_email).await);
        let (st, v) = sw
            .post(&format!("{url}/{plan_id}/reviews"), &review("2027-04-01"))
            .await;
        assert_eq!(st, 201, "{v}");
        assert_eq!(
            due(&v["plans"][0], "cin-review").as_deref(),
            Some("2027-10-01")
        );
    }
);

both_dbs!(
    long_term_support_recorded_needs_no_complex_needs_panel,
    |s: TestServer| async move {
        // Seed 003 §4: unless the plan records that long-term support is expected.
        let (_, _, _, plan) = started_under(
            &s,
            "south-west",
            Some("A disabled child with a stable package of care"),
        )
        .await;
        assert_eq!(due(&plan, "complex-needs-panel"), None, "{plan}");
        assert_eq!(
            due(&plan, "cin-first-review").as_deref(),
            Some("2027-01-07")
        );
    }
);
