//! Issue 14, the plan's work over HTTP on both databases: the chair records the conference and
//! circulates its decision from their own list (Working Together 2018 ch.1: "Define the local
//! protocol for timeliness of circulating plans after the child protection conference" — the
//! working-together preset sets 1 working day, the council's choice); the plan's outcomes and
//! actions are versioned, each dated action a task until done, each version circulated once; core
//! groups meet first within 10 working days, then at the protocol's interval (6 weeks, the
//! council's choice in the working-together preset); invitations print for the conference.
//! Every date is counted by hand.
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

fn work_text(w: &Value) -> String {
    w.to_string()
}

both_dbs!(
    the_chair_records_the_decision_and_circulates_it_from_their_list,
    |s: TestServer| async move {
        let (sw_email, sw) = s.user_in("social-worker", "Team A").await;
        let (chair_email, chair) = s.user_in("conference-chair", "Conference chairs").await;
        let (other_chair_email, _) = s.user_in("conference-chair", "Conference chairs").await;
        let (sw_id, team_id) = id_of(&sw).await;
        let (chair_id, _) = id_of(&chair).await;
        let (child, conf_id, conf) =
            conference_arranged(&s, &sw, &sw_id, &team_id, &chair_id).await;

        // The conference is on its chair's list, with its clock's explanation.
        let chair = s.api(&s.token_of(&chair_email).await);
        let (st, w) = chair.get("/api/v1/my-work").await;
        assert_eq!(st, 200, "{w}");
        assert!(
            work_text(&w).contains("Initial conference due 14 December 2026"),
            "{w}"
        );

        // Thursday 10 December: another chair cannot record it; its own chair can.
        s.clock.set(at(2026, 12, 10));
        let chair = s.api(&s.token_of(&chair_email).await);
        let other = s.api(&s.token_of(&other_chair_email).await);
        let sw = s.api(&s.token_of(&sw_email).await);
        let hold = format!("/api/v1/people/{child}/conferences/{conf_id}/held");
        let decision = json!({"version": conf["version"], "held_on": "2026-12-10", "plan": true,
            "category": "PHY", "lead_worker_id": sw_id, "core_group": "SW, mother, school nurse",
            "outline_plan": "No further injuries", "review_on": "2027-03-08",
            "child_wishes": "Wants to stay at home", "parents_views": "Mother agrees",
            "agency_views": "All agree"});
        let (st, p) = other.post(&hold, &decision).await;
        assert_eq!(st, 403, "{p}");
        assert!(p.to_string().contains("not its chair"), "{p}");
        let (_, v) = sw
            .get(&format!("/api/v1/people/{child}/child-protection"))
            .await;
        assert!(v["plans"].as_array().unwrap().is_empty(), "nothing written");
        // The chair's page offers what the chair records, and nothing else.
        let chair_page = s.browser_as(&chair_email).await;
        let (st, html) = chair_page
            .get(&format!("/people/{child}/child-protection"))
            .await;
        assert_eq!(st, 200);
        assert!(html.contains("Record the conference as held"), "{html}");
        assert!(
            !html.contains("Arrange: date, chair and invitations"),
            "{html}"
        );
        let (st, v) = chair.post(&hold, &decision).await;
        assert_eq!(st, 200, "{v}");
        let (_, html) = chair_page
            .get(&format!("/people/{child}/child-protection"))
            .await;
        assert!(html.contains("The decision was circulated today"), "{html}");
        assert!(
            html.contains("Conference decision circulated due 11 December 2026"),
            "{html}"
        );
        assert!(!html.contains("Record a core group meeting"), "{html}");
        let (_, html) = s
            .browser("information-governance")
            .await
            .get(&format!("/people/{child}/child-protection"))
            .await;
        assert!(
            !html.contains("The decision was circulated today"),
            "{html}"
        );
        assert_eq!(v["plans"][0]["started_on"], "2026-12-10");
        // Circulating the decision: 1 working day from Thursday 10 December → Friday 11
        // December 2026; the chair's task, not the worker's.
        let c = &v["conferences"][0];
        assert_eq!(c["circulation_clock"]["due_date"], "2026-12-11", "{c}");
        let (_, w) = chair.get("/api/v1/my-work").await;
        assert!(
            work_text(&w).contains("Conference decision circulated due 11 December 2026"),
            "{w}"
        );
        let (_, w) = sw.get("/api/v1/my-work").await;
        assert!(
            !work_text(&w).contains("Conference decision circulated"),
            "{w}"
        );
        // A chair records only the conference: not a core group.
        let plan_id = v["plans"][0]["id"].as_str().unwrap().to_string();
        let (st, _) = chair
            .post(
                &format!("/api/v1/people/{child}/cp-plans/{plan_id}/core-groups"),
                &json!({"met_on": "2026-12-10", "attendees": "x", "decisions": "y"}),
            )
            .await;
        assert_eq!(st, 403);
        // Monday 14 December: circulated late (due Friday), so the reason is asked for.
        s.clock.set(at(2026, 12, 14));
        let chair = s.api(&s.token_of(&chair_email).await);
        let circ = format!("/api/v1/people/{child}/conferences/{conf_id}/circulated");
        let (st, p) = chair.post(&circ, &json!({})).await;
        assert_eq!(st, 400, "{p}");
        assert_eq!(codes(&p)[0].0, "late_reason", "{p}");
        let (st, v) = chair
            .post(
                &circ,
                &json!({"late_reason": "Chair on leave on the Friday"}),
            )
            .await;
        assert_eq!(st, 200, "{v}");
        assert_eq!(v["conferences"][0]["circulated_on"], "2026-12-14");
        let (_, w) = chair.get("/api/v1/my-work").await;
        assert!(
            !work_text(&w).contains("Conference decision circulated"),
            "{w}"
        );

        // The chair's list page renders for the chair.
        let page = s.browser_as(&chair_email).await;
        let (st, html) = page.get("/my-work").await;
        assert_eq!(st, 200, "{html}");
    }
);

both_dbs!(
    outcomes_and_actions_are_versioned_tasks_and_core_groups_keep_their_interval,
    |s: TestServer| async move {
        let (sw_email, sw) = s.user_in("social-worker", "Team A").await;
        let (_, chair) = s.user_in("conference-chair", "Conference chairs").await;
        let (sw_id, team_id) = id_of(&sw).await;
        let (chair_id, _) = id_of(&chair).await;
        let (child, conf_id, conf) =
            conference_arranged(&s, &sw, &sw_id, &team_id, &chair_id).await;

        // Invitations print for the arranged conference, one letter per invitee.
        let page = s.browser_as(&sw_email).await;
        let (st, html) = page
            .get(&format!(
                "/people/{child}/child-protection/invitation-letters?conference={conf_id}"
            ))
            .await;
        assert_eq!(st, 200, "{html}");
        assert_eq!(
            html.matches("You are invited to an initial child protection conference about")
                .count(),
            4,
            "{html}"
        );
        assert!(html.contains("10 December 2026"));
        assert!(html.contains("send your written report"));
        assert!(html.contains("You can bring a friend, a supporter or an advocate"));

        s.clock.set(at(2026, 12, 10));
        let sw = s.api(&s.token_of(&sw_email).await);
        let (st, v) = sw
            .post(
                &format!("/api/v1/people/{child}/conferences/{conf_id}/held"),
                &json!({"version": conf["version"], "held_on": "2026-12-10", "plan": true,
                "category": "PHY", "lead_worker_id": sw_id, "core_group": "SW, mother, school nurse",
                "outline_plan": "No further injuries", "review_on": "2027-03-08",
                "child_wishes": "Wants to stay at home", "parents_views": "Mother agrees",
                "agency_views": "All agree"}),
            )
            .await;
        assert_eq!(st, 200, "{v}");
        let plan_id = v["plans"][0]["id"].as_str().unwrap().to_string();
        let versions = format!("/api/v1/people/{child}/cp-plans/{plan_id}/versions");

        // Version 1: an outcome with its measure, a dated action and a regular one.
        let (st, p) = sw.post(&versions, &json!({"outcomes": []})).await;
        assert_eq!((st, codes(&p)[0].0.as_str()), (400, "outcomes"), "{p}");
        let (st, p) = sw
            .post(&versions, &json!({"outcomes": [{"what_must_change": "No further injuries", "measure": "", "by_when": "2027-03-31"}]}))
            .await;
        assert_eq!(
            (st, codes(&p)[0].0.as_str()),
            (400, "outcomes[1].measure"),
            "{p}"
        );
        let (st, p) = sw
            .post(&versions, &json!({"outcomes": [{"what_must_change": "x", "measure": "y", "by_when": "2027-02-31"}]}))
            .await;
        assert_eq!(
            (st, codes(&p)[0].0.as_str()),
            (400, "outcomes[1].by_when"),
            "{p}"
        );
        let v1 = json!({
            "outcomes": [{"what_must_change": "No further injuries", "measure": "No injury seen at any visit or by school for 3 months", "by_when": "2027-03-31"}],
            "actions": [
                {"action": "Refer mother to the parenting course", "owner": "Social worker", "due_on": "2027-01-08"},
                {"action": "Check Robin's wellbeing", "owner": "School nurse", "frequency": "Weekly"}
            ]
        });
        let (st, v) = sw.post(&versions, &v1).await;
        assert_eq!(st, 201, "{v}");
        let plan = &v["plans"][0];
        assert_eq!(plan["versions"][0]["version"], 1);
        assert_eq!(plan["versions"][0]["made_on"], "2026-12-10");
        let old_action = plan["versions"][0]["actions"][0]["id"]
            .as_str()
            .unwrap()
            .to_string();
        assert_eq!(
            plan["versions"][0]["actions"].as_array().unwrap().len(),
            1,
            "only the dated action is a task"
        );
        let (_, w) = sw.get("/api/v1/my-work").await;
        assert!(
            work_text(&w).contains("Action from the plan due 8 January 2027"),
            "{w}"
        );

        // Version 2 needs its reason; it replaces version 1's task with its own.
        let mut v2 = v1.clone();
        v2["actions"][0]["due_on"] = json!("2027-01-15");
        let (st, p) = sw.post(&versions, &v2).await;
        assert_eq!((st, codes(&p)[0].0.as_str()), (400, "reason"), "{p}");
        v2["reason"] = json!("Core group: the course starts later");
        let (st, v) = sw.post(&versions, &v2).await;
        assert_eq!(st, 201, "{v}");
        let plan = &v["plans"][0];
        assert_eq!(plan["versions"].as_array().unwrap().len(), 2);
        assert_eq!(plan["versions"][0]["version"], 2);
        // Both versions are in the child's chronology, the second with its reason.
        let (_, c) = sw.get(&format!("/api/v1/people/{child}/chronology")).await;
        let text = c.to_string();
        assert!(
            text.contains("Child protection plan: outcomes and actions written (version 1)"),
            "{c}"
        );
        assert!(
            text.contains(
                "Child protection plan changed (version 2): Core group: the course starts later"
            ),
            "{c}"
        );
        let (_, w) = sw.get("/api/v1/my-work").await;
        let text = work_text(&w);
        assert!(
            text.contains("Action from the plan due 15 January 2027"),
            "{w}"
        );
        assert!(
            !text.contains("Action from the plan due 8 January 2027"),
            "{w}"
        );
        let done = |a: &str| format!("/api/v1/people/{child}/cp-plans/{plan_id}/actions/{a}/done");
        let (st, p) = sw.post(&done(&old_action), &json!({})).await;
        assert_eq!((st, codes(&p)[0].1.as_str()), (400, "not_open"), "{p}");
        let new_action = plan["versions"][0]["actions"][0]["id"]
            .as_str()
            .unwrap()
            .to_string();
        let (st, v) = sw.post(&done(&new_action), &json!({})).await;
        assert_eq!(st, 200, "{v}");
        assert_eq!(
            v["plans"][0]["versions"][0]["actions"][0]["done_on"],
            "2026-12-10"
        );
        let (st, _) = sw.post(&done(&new_action), &json!({})).await;
        assert_eq!(st, 400, "done once");
        let (_, w) = sw.get("/api/v1/my-work").await;
        assert!(!work_text(&w).contains("Action from the plan"), "{w}");

        // Circulated once, not before it was made, not in the future.
        let circ = format!("{versions}/2/circulated");
        let (st, p) = sw
            .post(&circ, &json!({"circulated_on": "2026-12-09"}))
            .await;
        assert_eq!(
            (st, codes(&p)[0].1.as_str()),
            (400, "before_version"),
            "{p}"
        );
        let (st, p) = sw
            .post(&circ, &json!({"circulated_on": "2026-12-11"}))
            .await;
        assert_eq!((st, codes(&p)[0].1.as_str()), (400, "future_date"), "{p}");
        let (st, v) = sw.post(&circ, &json!({})).await;
        assert_eq!(st, 200, "{v}");
        assert_eq!(v["plans"][0]["versions"][0]["circulated_on"], "2026-12-10");
        let (st, p) = sw.post(&circ, &json!({})).await;
        assert_eq!(
            (st, codes(&p)[0].1.as_str()),
            (400, "already_circulated"),
            "{p}"
        );
        let (st, _) = sw
            .post(&format!("{versions}/9/circulated"), &json!({}))
            .await;
        assert_eq!(st, 404);

        // Core groups: the first within 10 working days of 10 December (11, 14–18, 21–24 Dec:
        // 10 working days → Thursday 24 December 2026); met on Thursday 17 December, the next
        // is due 6 weeks later: Thursday 28 January 2027.
        s.clock.set(at(2026, 12, 17));
        let sw = s.api(&s.token_of(&sw_email).await);
        let cg = format!("/api/v1/people/{child}/cp-plans/{plan_id}/core-groups");
        let (st, v) = sw
            .post(&cg, &json!({"met_on": "2026-12-17", "attendees": "SW, mother, nurse", "decisions": "Plan agreed", "absent_views": "School: agrees"}))
            .await;
        assert_eq!(st, 201, "{v}");
        let clocks = v["plans"][0]["clocks"].as_array().unwrap();
        let first = clocks.iter().find(|c| c["kind"] == "core-group").unwrap();
        assert_eq!(
            (first["due_date"].as_str(), first["met_on"].as_str()),
            (Some("2026-12-24"), Some("2026-12-17"))
        );
        let next = clocks
            .iter()
            .find(|c| c["kind"] == "core-group-meeting" && c["met_on"].is_null())
            .unwrap();
        assert_eq!(next["due_date"], "2027-01-28", "{next}");
        assert!(
            next["explanation"]
                .as_str()
                .unwrap()
                .contains("6 weeks from the core group meeting on 17 December 2026"),
            "{next}"
        );
        // The next meeting meets it and starts the one after: 21 January + 6 weeks = 4 March.
        s.clock.set(at(2027, 1, 21));
        let sw = s.api(&s.token_of(&sw_email).await);
        let (st, v) = sw
            .post(&cg, &json!({"met_on": "2027-01-21", "attendees": "SW, mother", "decisions": "Progress", "absent_views": ""}))
            .await;
        assert_eq!(st, 201, "{v}");
        let open: Vec<&Value> = v["plans"][0]["clocks"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|c| c["kind"] == "core-group-meeting" && c["met_on"].is_null())
            .collect();
        assert_eq!(open.len(), 1, "{v}");
        assert_eq!(open[0]["due_date"], "2027-03-04");
    }
);

both_dbs!(
    two_workers_writing_the_first_version_at_once_make_one_version,
    |s: TestServer| async move {
        let (sw_email, sw) = s.user_in("social-worker", "Team A").await;
        let (_, chair) = s.user_in("conference-chair", "Conference chairs").await;
        let (sw_id, team_id) = id_of(&sw).await;
        let (chair_id, _) = id_of(&chair).await;
        let (child, conf_id, conf) =
            conference_arranged(&s, &sw, &sw_id, &team_id, &chair_id).await;
        s.clock.set(at(2026, 12, 10));
        let sw = s.api(&s.token_of(&sw_email).await);
        let (st, v) = sw
            .post(
                &format!("/api/v1/people/{child}/conferences/{conf_id}/held"),
                &json!({"version": conf["version"], "held_on": "2026-12-10", "plan": true,
                "category": "PHY", "lead_worker_id": sw_id, "core_group": "SW",
                "outline_plan": "No further injuries", "review_on": "2027-03-08",
                "child_wishes": "-", "parents_views": "-", "agency_views": "-"}),
            )
            .await;
        assert_eq!(st, 200, "{v}");
        let plan_id = v["plans"][0]["id"].as_str().unwrap().to_string();
        let url = format!("/api/v1/people/{child}/cp-plans/{plan_id}/versions");
        let body = |who: &str| {
            json!({"outcomes": [{"what_must_change": who, "measure": "m"}],
                   "actions": [{"action": "a", "owner": "o", "due_on": "2027-01-08"}]})
        };
        let other = s.api(&s.token_of(&sw_email).await);
        let (first, second) = (body("first"), body("second"));
        let (a, b) = tokio::join!(sw.post(&url, &first), other.post(&url, &second));
        let created = [a.0, b.0].iter().filter(|st| **st == 201).count();
        assert_eq!(created, 1, "{a:?} {b:?}");
        let (_, v) = sw
            .get(&format!("/api/v1/people/{child}/child-protection"))
            .await;
        let versions = v["plans"][0]["versions"].as_array().unwrap();
        assert_eq!(versions.len(), 1, "{v}");
        // One task, not two.
        let (_, w) = sw.get("/api/v1/my-work").await;
        assert_eq!(
            w.to_string()
                .matches("Action from the plan due 8 January 2027")
                .count(),
            1,
            "{w}"
        );
    }
);
