//! Issue 15 over HTTP on both databases, under the working-together preset: a conference that
//! decides on no child protection plan says a child in need plan follows; the plan is agreed and
//! started with what seeds 000 §6.7 and 003 §2 ask of it, visited and reviewed on its clocks, and
//! ended by the team manager's approval, never a worker's ticked box. Dates by hand.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use chrono::{TimeZone, Utc};
use common::{codes, conference_arranged, Api, TestServer};
use serde_json::{json, Value};

fn at(y: i32, m: u32, d: u32) -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, 11, 0, 0).unwrap()
}

async fn id_of(api: &Api) -> (String, String) {
    let (_, me) = api.get("/api/v1/me").await;
    (
        me["id"].as_str().unwrap().to_string(),
        me["team_id"].as_str().unwrap().to_string(),
    )
}

fn plan_body(version: &Value, started_on: &str) -> Value {
    json!({"version": version, "started_on": started_on, "plan": {
        "purpose": "Robin is safe and well at home and at school",
        "needs": [{"need": "Emotional wellbeing", "services": "School counsellor weekly"}],
        "content": {"outcomes": [{"what_must_change": "Robin attends school every day", "measure": "Attendance above 95% each half term", "by_when": "2027-03-31"}],
                    "actions": [{"action": "Parenting course", "owner": "Mother", "due_on": "2027-02-26", "frequency": ""}]},
        "family_agrees_to": "Mother attends the course and takes Robin to school",
        "lead_professional": {"name": "Sam Lead", "role": "Social worker", "duties": "Visits, reviews, referrals"},
        "visit_frequency": {"kind": "protocol-default"},
        "contingency": "If Robin is hurt again, a strategy discussion the same day",
        "review_points": "First review within 3 months",
        "circulation": ["Mother", "School", "School nurse"],
        "long_term_support": null
    }})
}

fn clock<'a>(plan: &'a Value, kind: &str) -> &'a Value {
    plan["clocks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["kind"] == kind && c["met_on"].is_null())
        .unwrap_or_else(|| panic!("no open {kind} clock in {plan}"))
}

both_dbs!(
    a_cin_plan_follows_a_conference_and_is_visited_reviewed_and_kept_to_its_minimum,
    |s: TestServer| async move {
        let (sw_email, sw) = s.user_in("social-worker", "Team A").await;
        let (tm_email, _) = s.user_in("team-manager", "Team A").await;
        let (_, chair) = s.user_in("conference-chair", "Conference chairs").await;
        let (sw_id, team_id) = id_of(&sw).await;
        let (chair_id, _) = id_of(&chair).await;
        let (child, conf_id, conf) =
            conference_arranged(&s, &sw, &sw_id, &team_id, &chair_id).await;
        // Thursday 10 December 2026: no plan; a child in need plan follows.
        s.clock.set(at(2026, 12, 10));
        let sw = s.api(&s.token_of(&sw_email).await);
        let (st, v) = sw
            .post(
                &format!("/api/v1/people/{child}/conferences/{conf_id}/held"),
                &json!({"version": conf["version"], "held_on": "2026-12-10", "plan": false,
                "child_wishes": "-", "parents_views": "-", "agency_views": "-", "cin_plan_follows": true}),
            )
            .await;
        assert_eq!(st, 200, "{v}");
        let url = format!("/api/v1/people/{child}/cin-plans");
        let (st, v) = sw.get(&url).await;
        assert_eq!(st, 200, "{v}");
        let plan = &v["plans"][0];
        assert_eq!(plan["status"], "to-be-agreed");
        assert_eq!(plan["minimum_plan"], true);
        let plan_id = plan["id"].as_str().unwrap().to_string();
        let start = format!("{url}/{plan_id}/start");

        // The planning meeting (seed 003 §1): a disagreement without its note and an interpreter
        // needed but neither offered nor explained are refused; then it is recorded.
        let meeting = |note: &str, offered: bool| {
            json!({"held_on": "2026-12-10", "venue_agreed_with_family": true, "invitees_agreed_with_family": true,
                "chair": "team-manager",
                "attendees": [{"name": "Ms Reed", "role": "Mother", "kind": "parent-or-carer", "attendance": "present", "agreement": "disagrees", "note": note}],
                "interpreter": {"needed": true, "offered": offered}, "advocate": {"needed": false, "offered": false},
                "minutes_circulated_on": "2026-12-10"})
        };
        let pm = format!("{url}/{plan_id}/planning-meeting");
        let (st, p) = sw.post(&pm, &meeting("", false)).await;
        assert_eq!(st, 400, "{p}");
        let fields: Vec<String> = codes(&p).into_iter().map(|c| c.0).collect();
        assert!(fields.iter().any(|f| f.starts_with("attendees[1]")), "{p}");
        assert!(fields.iter().any(|f| f.starts_with("interpreter")), "{p}");
        let (st, v) = sw
            .post(&pm, &meeting("Wants more help with mornings", true))
            .await;
        assert_eq!(st, 201, "{v}");
        assert_eq!(v["plans"][0]["meetings"][0]["kind"], "planning");

        // Refused: a future start, and a plan without its purpose; nothing written.
        let (st, p) = sw
            .post(&start, &plan_body(&plan["version"], "2026-12-11"))
            .await;
        assert_eq!((st, codes(&p)[0].1.as_str()), (400, "future_date"), "{p}");
        let mut no_purpose = plan_body(&plan["version"], "2026-12-10");
        no_purpose["plan"]["purpose"] = json!(" ");
        let (st, p) = sw.post(&start, &no_purpose).await;
        assert_eq!((st, codes(&p)[0].0.as_str()), (400, "purpose"), "{p}");
        let (_, v) = sw.get(&url).await;
        assert_eq!(v["plans"][0]["status"], "to-be-agreed");

        let (st, v) = sw
            .post(&start, &plan_body(&plan["version"], "2026-12-10"))
            .await;
        assert_eq!(st, 200, "{v}");
        let plan = &v["plans"][0];
        // Census CINPlanStartDate from the plan's own date.
        assert_eq!(
            (plan["status"].as_str(), plan["started_on"].as_str()),
            (Some("open"), Some("2026-12-10"))
        );
        assert_eq!(plan["versions"][0]["version"], 1);
        // Visits at least every 6 weeks (working-together, the council's choice): 10 December
        // 2026 + 42 days = Thursday 21 January 2027. First review within 3 months: 10 March 2027.
        assert_eq!(clock(plan, "cin-visit")["due_date"], "2027-01-21");
        assert_eq!(clock(plan, "cin-first-review")["due_date"], "2027-03-10");

        // A visit on Thursday 17 December starts the next: 17 December + 6 weeks = 28 January.
        s.clock.set(at(2026, 12, 17));
        let sw = s.api(&s.token_of(&sw_email).await);
        let (st, p) = sw
            .post(
                &format!("{url}/{plan_id}/visits"),
                &json!({"visited_on": "2026-12-18", "child_seen": true}),
            )
            .await;
        assert_eq!((st, codes(&p)[0].1.as_str()), (400, "future_date"), "{p}");
        let (st, v) = sw
            .post(&format!("{url}/{plan_id}/visits"), &json!({"visited_on": "2026-12-17", "child_seen": true, "seen_alone": true, "bedroom_seen": true, "home_conditions": "Warm, tidy", "who_present": "Mother"}))
            .await;
        assert_eq!(st, 201, "{v}");
        assert_eq!(clock(&v["plans"][0], "cin-visit")["due_date"], "2027-01-28");

        // A review dated before the plan is refused; a review that continues the plan starts the
        // second (working-together sets no second-review timescale, so the later-review one: 6
        // months from 17 December 2026 = 17 June 2027).
        let review = |on: &str| {
            json!({"review": {"reviewed_on": on, "chair": "team-manager", "held_in_meeting": true,
                "manager_agreed_no_meeting": false, "gone_well": "Attendance up", "worries": "Evenings",
                "still_to_happen": "Course", "child_feedback": "Happier", "family_feedback": "Helpful",
                "outcome": "continue", "reasons": "Progress but not yet sustained"}})
        };
        let (st, p) = sw
            .post(&format!("{url}/{plan_id}/reviews"), &review("2026-12-09"))
            .await;
        assert_eq!((st, codes(&p)[0].1.as_str()), (400, "before_plan"), "{p}");
        let (st, v) = sw
            .post(&format!("{url}/{plan_id}/reviews"), &review("2026-12-17"))
            .await;
        assert_eq!(st, 201, "{v}");
        assert_eq!(
            clock(&v["plans"][0], "cin-second-review")["due_date"],
            "2027-06-17"
        );

        // Seed 003 §3: a review that finds the child appears at risk of significant harm asks
        // for a strategy discussion (on the worker's list, due 1 working day later: Friday 18
        // December 2026); the plan runs on.
        let mut risk = review("2026-12-17");
        risk["review"]["outcome"] = json!("strategy-discussion");
        risk["review"]["reasons"] = json!("New injury seen at school");
        let (st, v) = sw.post(&format!("{url}/{plan_id}/reviews"), &risk).await;
        assert_eq!(st, 201, "{v}");
        assert_eq!(v["plans"][0]["status"], "open");
        let (_, w) = sw.get("/api/v1/my-work").await;
        assert!(
            w.to_string()
                .contains("Strategy discussion due 18 December 2026"),
            "{w}"
        );

        // The child's summary says so.
        let (_, summary) = sw.get(&format!("/api/v1/people/{child}/summary")).await;
        assert!(
            summary
                .to_string()
                .contains("Subject to a child in need plan since 10 December 2026"),
            "{summary}"
        );
        // Every step is in the child's chronology.
        let (st, c) = sw.get(&format!("/api/v1/people/{child}/chronology")).await;
        assert_eq!(st, 200, "{c}");
        let text = c.to_string();
        for line in [
            "Child in need plan started",
            "Child in need plan: outcomes and actions written (version 1)",
            "Child in need review: Still a child in need: the plan continues as it is",
        ] {
            assert!(text.contains(line), "{line}: {c}");
        }

        // Ending: a worker's ticked box is not the manager's approval (seed 001: closure "must be
        // agreed by the Team Manager"); the team manager ends it. Working-together sets no
        // minimum after a child protection plan (Dudley's 3 months is its own), so it may end now.
        let ending = json!({"version": v["plans"][0]["version"], "ending": {
            "ended_on": "2026-12-17", "end_reason": "needs-met", "reasons": "Needs met",
            "family_meeting_on": "2026-12-17", "team_manager_approved": true, "service_manager_approved": false,
            "told_in_writing": ["Mother", "School"], "handover": null, "closure": null}});
        let (st, p) = sw.post(&format!("{url}/{plan_id}/ending"), &ending).await;
        assert_eq!(st, 400, "{p}");
        let (_, v) = sw.get(&url).await;
        assert_eq!(v["plans"][0]["status"], "open");
        let tm = s.api(&s.token_of(&tm_email).await);
        let (st, v) = tm.post(&format!("{url}/{plan_id}/ending"), &ending).await;
        assert_eq!(st, 200, "{v}");
        let plan = &v["plans"][0];
        // Census CINPlanEndDate from the plan's own date; its clocks stop.
        assert_eq!(
            (plan["status"].as_str(), plan["ended_on"].as_str()),
            (Some("ended"), Some("2026-12-17"))
        );
        assert!(
            plan["clocks"]
                .as_array()
                .unwrap()
                .iter()
                .all(|c| !c["met_on"].is_null()),
            "{plan}"
        );
    }
);
