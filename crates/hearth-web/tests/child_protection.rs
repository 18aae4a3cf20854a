//! Issue 14 over HTTP on both databases: a child goes strategy discussion → section 47 enquiry →
//! initial conference → plan → core group → visit → review conference → discontinuation with a
//! child in need plan to follow, each date computed by hand from Working Together 2018 ch.1; and
//! the refusals the issue lists are specific and write nothing.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use chrono::{TimeZone, Utc};
use common::{codes, Api, TestServer};
use serde_json::{json, Value};

fn at(y: i32, m: u32, d: u32) -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, 11, 0, 0).unwrap()
}

async fn me(api: &Api) -> (String, String) {
    let (_, me) = api.get("/api/v1/me").await;
    (
        me["id"].as_str().unwrap().to_string(),
        me["team_id"].as_str().unwrap().to_string(),
    )
}

fn quorate() -> Value {
    json!([
        {"name": "Sam Lead", "participant": "local-authority", "role": "Social worker", "attended": true, "report_submitted": true, "report_shareable": true},
        {"name": "DC Rowe", "participant": "police", "role": "Child abuse investigation", "attended": true},
        {"name": "Nurse Ali", "participant": "health", "role": "School nurse", "attended": true, "report_submitted": true},
        {"name": "Ms Reed", "participant": "parent", "role": "Mother", "attended": true}
    ])
}

fn cp(view: &Value, what: &str) -> Vec<Value> {
    view[what].as_array().unwrap().clone()
}

both_dbs!(
    a_child_goes_from_strategy_discussion_to_plan_review_and_discontinuation,
    |s: TestServer| async move {
        let fd = s.api(&s.token("front-door").await);
        let (sw_email, sw) = s.user_in("social-worker", "Team A").await;
        let tm = s.api(&s.token("team-manager").await);
        let (_, chair_in_team) = s.user_in("conference-chair", "Team A").await;
        let (chair_email, chair) = s.user_in("conference-chair", "Conference chairs").await;
        let (sw_id, team_id) = me(&sw).await;
        let (chair_in_team_id, _) = me(&chair_in_team).await;
        let (chair_id, _) = me(&chair).await;
        let (tm_id, _) = me(&tm).await;

        let (st, child) = fd
            .post(
                "/api/v1/people?confirm_not_duplicate=true",
                &json!({"kind": "child", "given_names": "Jordan", "family_name": "Cptest", "date_of_birth": "2016-05-01"}),
            )
            .await;
        assert_eq!(st, 201, "{child}");
        let child = child["id"].as_str().unwrap().to_string();
        let (_, rid) = common::refer(&fd, &child).await;
        let (_, r) = fd.get(&format!("/api/v1/referrals/{rid}")).await;
        let (st, r) = sw
            .post(
                &format!("/api/v1/referrals/{rid}/decision"),
                &json!({"version": r["version"], "outcomes": ["assessment"], "threshold": "serious", "primary_need": "N1",
                        "rationale": "Bruising", "feedback_to_referrer": "We are assessing and will tell you what happens next."}),
            )
            .await;
        assert_eq!(st, 200, "{r}");
        let episode = r["episode"]["id"].as_str().unwrap().to_string();
        let (st, a) = tm
            .post(
                &format!("/api/v1/episodes/{episode}/allocation"),
                &json!({"team_id": team_id, "worker_id": sw_id}),
            )
            .await;
        assert_eq!(st, 200, "{a}");

        // Monday 23 November 2026: the strategy discussion decides on section 47 enquiries.
        s.clock.set(at(2026, 11, 23));
        let (st, p) = sw
            .post(
                "/api/v1/strategy-discussions",
                &json!({"person_id": child, "reason": "Unexplained bruising", "requested_on": "2026-11-24"}),
            )
            .await;
        assert_eq!((st, codes(&p)[0].1.as_str()), (400, "future_date"), "{p}");
        let (st, p) = sw
            .post(
                "/api/v1/strategy-discussions",
                &json!({"person_id": child, "reason": "Unexplained bruising", "requested_on": "2026-11-19"}),
            )
            .await;
        assert_eq!(
            (st, codes(&p)[0].1.as_str()),
            (400, "before_referral"),
            "{p}"
        );
        let (st, sd) = sw
            .post(
                "/api/v1/strategy-discussions",
                &json!({"person_id": child, "reason": "Unexplained bruising"}),
            )
            .await;
        assert_eq!(st, 201, "{sd}");
        let sd_id = sd["id"].as_str().unwrap();
        // Working Together 2018 ch.1: at least the social worker and their manager, police and
        // health take part — otherwise the record says why; what is withheld from the family says
        // why; each action has an owner and a due date, and is a task until done.
        let held_url = format!("/api/v1/strategy-discussions/{sd_id}/held");
        let mut body = json!({"version": sd["version"], "held_on": "2026-11-23", "form": "meeting",
                "attendees": "SW (LA), DC Rowe (police)", "present": ["la-social-worker", "police"],
                "start_section_47": true, "joint_investigation": true, "summary": "Joint s47",
                "withheld": "The school's account", "immediate_safety": "Child stays with grandmother tonight",
                "actions": [{"what": "Child protection medical", "owner": "Dr Okafor (health)", "due_on": "2026-11-24"}]});
        let (st, p) = sw.post(&held_url, &body).await;
        let got: Vec<String> = codes(&p).into_iter().map(|c| c.0).collect();
        assert_eq!(
            (st, got),
            (
                400,
                vec!["missing_why".to_string(), "withheld_why".to_string()]
            ),
            "{p}"
        );
        assert!(p.to_string().contains("Their manager, Health"), "{p}");
        body["missing_why"] = json!("Manager and named nurse joined by phone later the same day");
        body["withheld_why"] = json!("Would compromise the police interview");
        let (st, held) = sw.post(&held_url, &body).await;
        assert_eq!(st, 200, "{held}");
        assert_eq!(
            held["held"]["details"]["withheld_why"],
            "Would compromise the police interview"
        );
        let action = &held["actions"][0];
        assert_eq!(
            (action["owner"].as_str(), action["due_on"].as_str()),
            (Some("Dr Okafor (health)"), Some("2026-11-24"))
        );
        let (_, work) = sw.get("/api/v1/my-work").await;
        assert!(
            work.to_string()
                .contains("Action from a strategy discussion due 24 November 2026"),
            "{work}"
        );
        let (st, done) = sw
            .post(
                &format!(
                    "/api/v1/strategy-discussions/{sd_id}/actions/{}/done",
                    action["id"].as_str().unwrap()
                ),
                &json!({}),
            )
            .await;
        assert_eq!(
            (st, done["actions"][0]["done_on"].as_str()),
            (200, Some("2026-11-23")),
            "{done}"
        );
        let (_, work) = sw.get("/api/v1/my-work").await;
        assert!(
            !work
                .to_string()
                .contains("Action from a strategy discussion"),
            "{work}"
        );
        let url = format!("/api/v1/people/{child}/child-protection");
        let (st, v) = sw.get(&url).await;
        assert_eq!(st, 200, "{v}");
        let enquiry = &cp(&v, "enquiries")[0];
        // Census S47ActualStartDate: the date of the discussion that started it.
        assert_eq!(enquiry["started_on"], "2026-11-23");
        assert_eq!(enquiry["status"], "open");
        let enquiry_id = enquiry["id"].as_str().unwrap();

        // The page: the enquiry with its outcome form; a form without an outcome comes back with
        // the error beside the field and nothing written.
        let page = s.browser("social-worker").await;
        let (st, html) = page.get(&format!("/people/{child}/child-protection")).await;
        assert_eq!(st, 200, "{html}");
        assert!(
            html.contains("Record the enquiry&#39;s outcome")
                || html.contains("Record the enquiry's outcome")
        );
        assert!(html.contains("23 November 2026"));
        let csrf = common::extract(&html, "_csrf");
        let r = page
            .post_form(
                &format!("/people/{child}/child-protection/enquiry-outcome"),
                &[
                    ("_csrf", &csrf),
                    ("form", "enquiry"),
                    ("enquiry_id", enquiry_id),
                    ("version", "1"),
                    ("spoken_to", "Jordan"),
                ],
            )
            .await;
        assert_eq!(r.status(), 400);
        let body = r.text().await.unwrap();
        assert!(body.contains("href=\"#outcome\""), "{body}");
        let (_, v) = sw.get(&url).await;
        assert_eq!(v["enquiries"][0]["status"], "open");

        // Friday 27 November: continuing risk. The initial conference is due 15 working days
        // from the discussion (Working Together 2018 ch.1): 24, 25, 26, 27, 30 Nov (5), 1–4 Dec
        // (9), 7–11 Dec (14), 14 Dec (15) → Monday 14 December 2026.
        s.clock.set(at(2026, 11, 27));
        let conclusion = format!("/api/v1/people/{child}/enquiries/{enquiry_id}/conclusion");
        let (st, p) = sw
            .post(
                &conclusion,
                &json!({"version": enquiry["version"], "outcome": "not-substantiated",
                "child_seen": true, "child_seen_alone": true, "spoken_to": "Jordan alone; mother"}),
            )
            .await;
        assert_eq!(
            (st, codes(&p)[0].0.as_str()),
            (400, "support_follows"),
            "{p}"
        );
        let (st, v) = sw
            .post(&conclusion, &json!({"version": enquiry["version"], "outcome": "continuing-risk",
                "child_seen": true, "child_seen_alone": true, "spoken_to": "Jordan alone at school; mother; father; school; GP"}))
            .await;
        assert_eq!(st, 200, "{v}");
        assert_eq!(v["enquiries"][0]["conference_not_required"], false);
        let conf = &cp(&v, "conferences")[0];
        assert_eq!(
            (conf["kind"].as_str(), conf["target_on"].as_str()),
            (Some("initial"), Some("2026-12-14"))
        );
        assert!(conf["clock"]["explanation"].as_str().unwrap().contains("15 working days from the strategy discussion that started section 47 enquiries on 23 November 2026"), "{conf}");
        let conf_id = conf["id"].as_str().unwrap().to_string();

        // Preparing: a Saturday, a team manager as chair and a chair in the case's own team are
        // each refused with a specific message, and nothing is written.
        let prep = format!("/api/v1/people/{child}/conferences/{conf_id}/preparation");
        let (st, p) = sw.post(&prep, &json!({"version": conf["version"], "scheduled_on": "2026-12-12", "chair_id": chair_id})).await;
        assert_eq!(
            (st, codes(&p)[0].1.as_str()),
            (400, "not_working_day"),
            "{p}"
        );
        assert!(
            p.to_string().contains("12 December 2026 is a Saturday"),
            "{p}"
        );
        let (st, p) = sw.post(&prep, &json!({"version": conf["version"], "scheduled_on": "2026-12-10", "chair_id": tm_id})).await;
        assert_eq!((st, codes(&p)[0].1.as_str()), (400, "not_a_chair"), "{p}");
        let (st, p) = sw.post(&prep, &json!({"version": conf["version"], "scheduled_on": "2026-12-10", "chair_id": chair_in_team_id})).await;
        assert_eq!(
            (st, codes(&p)[0].1.as_str()),
            (400, "chair_manages_case"),
            "{p}"
        );
        let (_, v) = sw.get(&url).await;
        assert!(
            v["conferences"][0]["chair_id"].is_null()
                && v["conferences"][0]["scheduled_on"].is_null()
        );
        let (st, v) = sw.post(&prep, &json!({"version": conf["version"], "scheduled_on": "2026-12-10", "chair_id": chair_id, "invitees": quorate()})).await;
        assert_eq!(st, 200, "{v}");
        let conf = &cp(&v, "conferences")[0];

        // Thursday 10 December: held. A plan without a category, and a review before the plan
        // starts, are refused; then the plan starts on the conference's date.
        s.clock.set(at(2026, 12, 10));
        let hold = format!("/api/v1/people/{child}/conferences/{conf_id}/held");
        let decision = json!({"version": conf["version"], "held_on": "2026-12-10", "plan": true,
            "lead_worker_id": sw_id, "core_group": "SW, mother, father, school, school nurse",
            "outline_plan": "No further injuries; parenting course completed by March",
            "review_on": "2027-03-08", "child_wishes": "Wants to stay at home",
            "parents_views": "Mother agrees; father disagrees", "agency_views": "All agree a plan is needed"});
        let mut no_category = decision.clone();
        no_category["review_on"] = json!("2026-12-09");
        let (st, p) = sw.post(&hold, &no_category).await;
        let got = codes(&p);
        assert_eq!(st, 400, "{p}");
        assert!(got.contains(&("category".into(), "required".into())), "{p}");
        assert!(
            got.contains(&("review_on".into(), "review_before_start".into())),
            "{p}"
        );
        let (_, v) = sw.get(&url).await;
        assert!(cp(&v, "plans").is_empty(), "nothing written");
        let mut sat = decision.clone();
        sat["category"] = json!("NEG");
        sat["held_on"] = json!("2026-12-05");
        let (st, p) = sw.post(&hold, &sat).await;
        assert_eq!(
            (st, codes(&p)[0].1.as_str()),
            (400, "not_working_day"),
            "{p}"
        );
        let mut ok = decision.clone();
        ok["category"] = json!("NEG");
        let (st, v) = sw.post(&hold, &ok).await;
        assert_eq!(st, 200, "{v}");
        let plan = &cp(&v, "plans")[0];
        assert_eq!(plan["started_on"], "2026-12-10");
        assert_eq!(
            (
                plan["initial_category"].as_str(),
                plan["latest_category"].as_str()
            ),
            (Some("NEG"), Some("NEG"))
        );
        assert_eq!(plan["previous_plans"], 0);
        assert_eq!(v["date_of_initial_cpc"], "2026-12-10");
        assert!(
            v["review_before_18"].is_null(),
            "born 2016: no review needed for the 18th birthday"
        );
        // The decision circulated: not before the conference, once.
        let circ = format!("/api/v1/people/{child}/conferences/{conf_id}/circulated");
        let (st, p) = sw
            .post(&circ, &json!({"circulated_on": "2026-12-09"}))
            .await;
        assert_eq!(
            (st, codes(&p)[0].1.as_str()),
            (400, "before_conference"),
            "{p}"
        );
        let (st, c) = sw.post(&circ, &json!({})).await;
        assert_eq!(
            (st, c["conferences"][0]["circulated_on"].as_str()),
            (200, Some("2026-12-10")),
            "{c}"
        );
        let (st, p) = sw.post(&circ, &json!({})).await;
        assert_eq!(
            (st, codes(&p)[0].1.as_str()),
            (400, "already_circulated"),
            "{p}"
        );
        let (_, summary) = sw.get(&format!("/api/v1/people/{child}/summary")).await;
        let alerts = summary["alerts"].to_string();
        assert!(
            alerts.contains("Subject to a child protection plan since 10 December 2026 (Neglect)"),
            "{summary}"
        );
        assert!(
            alerts.contains("Child protection review conference arranged for 8 March 2027"),
            "{summary}"
        );
        assert_eq!(v["conferences"][0]["status"], "held");
        assert_eq!(v["conferences"][0]["quorate"], true);
        // First core group within 10 working days of the conference: 11, 14–18 (6), 21–24 (10)
        // → Thursday 24 December 2026. First review within 3 months → 10 March 2027.
        let clock = |v: &Value, kind: &str| -> Value {
            v["plans"][0]["clocks"]
                .as_array()
                .unwrap()
                .iter()
                .find(|c| c["kind"] == kind)
                .cloned()
                .unwrap_or(Value::Null)
        };
        assert_eq!(clock(&v, "core-group")["due_date"], "2026-12-24");
        let review = cp(&v, "conferences")
            .into_iter()
            .find(|c| c["kind"] == "review")
            .unwrap();
        assert_eq!(
            (
                review["target_on"].as_str(),
                review["scheduled_on"].as_str()
            ),
            (Some("2027-03-10"), Some("2027-03-08"))
        );
        let plan_id = plan["id"].as_str().unwrap().to_string();

        // A second open plan for the child is refused: a transfer-in conference deciding a plan.
        let (st, v) = sw
            .post(
                &format!("/api/v1/people/{child}/transfer-in-conferences"),
                &json!({"notified_on": "2026-12-10"}),
            )
            .await;
        assert_eq!(st, 201, "{v}");
        let t = cp(&v, "conferences")
            .into_iter()
            .find(|c| c["kind"] == "transfer-in")
            .unwrap();
        let tid = t["id"].as_str().unwrap();
        let (st, v) = sw
            .post(
                &format!("/api/v1/people/{child}/conferences/{tid}/preparation"),
                &json!({"version": t["version"], "chair_id": chair_id, "invitees": quorate()}),
            )
            .await;
        assert_eq!(st, 200, "{v}");
        let t = cp(&v, "conferences")
            .into_iter()
            .find(|c| c["kind"] == "transfer-in")
            .unwrap();
        let mut again = ok.clone();
        again["version"] = t["version"].clone();
        let (st, p) = sw
            .post(
                &format!("/api/v1/people/{child}/conferences/{tid}/held"),
                &again,
            )
            .await;
        assert_eq!((st, codes(&p)[0].1.as_str()), (400, "plan_open"), "{p}");
        let (_, v) = sw.get(&url).await;
        assert_eq!(cp(&v, "plans").len(), 1);

        // Core group and a statutory visit.
        s.clock.set(at(2026, 12, 17));
        let (st, v) = sw.post(&format!("/api/v1/people/{child}/cp-plans/{plan_id}/core-groups"),
            &json!({"met_on": "2026-12-17", "attendees": "SW, mother, school", "decisions": "School reports attendance weekly", "absent_views": "GP: no concerns"})).await;
        assert_eq!(st, 201, "{v}");
        assert_eq!(clock(&v, "core-group")["met_on"], "2026-12-17");
        let (st, v) = sw.post(&format!("/api/v1/people/{child}/cp-visits"),
            &json!({"visited_on": "2026-12-15", "child_seen": true, "seen_alone": true, "bedroom_seen": true,
                    "home_conditions": "Warm and clean", "who_present": "Jordan, mother"})).await;
        assert_eq!(st, 201, "{v}");
        assert_eq!(v["visits"][0]["visited_on"], "2026-12-15");

        // Seed 000 §7.3: a further incident brings the review forward, to an earlier working day.
        let early = format!("/api/v1/people/{child}/cp-plans/{plan_id}/early-review");
        let (st, p) = sw.post(&early, &json!({"reason": "further-incident", "review_on": "2027-03-09", "detail": "New bruise reported by school"})).await;
        assert_eq!((st, codes(&p)[0].1.as_str()), (400, "not_earlier"), "{p}");
        let (st, v) = sw.post(&early, &json!({"reason": "further-incident", "review_on": "2027-01-11", "detail": "New bruise reported by school"})).await;
        assert_eq!(st, 200, "{v}");
        let r2 = cp(&v, "conferences")
            .into_iter()
            .find(|c| c["kind"] == "review")
            .unwrap();
        assert_eq!(
            (r2["scheduled_on"].as_str(), r2["early_reason"].as_str()),
            (Some("2027-01-11"), Some("further-incident"))
        );
        let review = r2;

        // Discontinuation without a reason is refused; then the review conference ends the plan.
        let (st, p) = sw
            .post(
                &format!("/api/v1/people/{child}/cp-plans/{plan_id}/discontinuation"),
                &json!({}),
            )
            .await;
        assert_eq!((st, codes(&p)[0].0.as_str()), (400, "reason"), "{p}");
        s.clock.set(at(2027, 3, 8));
        // Three months on, the worker signs in again (tokens expire).
        let sw = s.api(&s.token_of(&sw_email).await);
        let chair = s.api(&s.token_of(&chair_email).await);
        let (st, _) = chair.get(&url).await;
        assert_eq!(
            st, 200,
            "a conference chair reads the child's protection record"
        );
        let rid = review["id"].as_str().unwrap();
        let (st, v) = sw.post(&format!("/api/v1/people/{child}/conferences/{rid}/preparation"), &json!({"version": review["version"], "scheduled_on": "2027-03-08", "chair_id": chair_id, "invitees": quorate()})).await;
        assert_eq!(st, 200, "{v}");
        let review = cp(&v, "conferences")
            .into_iter()
            .find(|c| c["id"] == rid)
            .unwrap();
        let (st, v) = sw.post(&format!("/api/v1/people/{child}/conferences/{rid}/held"),
            &json!({"version": review["version"], "held_on": "2027-03-08", "plan": false, "end_reason": "no-longer-at-risk",
                    "cin_plan_follows": true, "child_wishes": "Happy at home", "parents_views": "Relieved"})).await;
        assert_eq!(st, 200, "{v}");
        let plan = &cp(&v, "plans")[0];
        assert_eq!(
            (
                plan["status"].as_str(),
                plan["ended_on"].as_str(),
                plan["end_reason"].as_str()
            ),
            (Some("ended"), Some("2027-03-08"), Some("no-longer-at-risk"))
        );
        assert_eq!(plan["review_dates"], json!(["2027-03-08"]));
        // Letters to everyone invited to the initial conference (Working Together 2018 ch.1).
        let page = s.browser("social-worker").await;
        let (st, html) = page
            .get(&format!(
                "/people/{child}/child-protection/end-letters?plan={plan_id}"
            ))
            .await;
        assert_eq!(st, 200);
        for who in [
            "To: Sam Lead, Social worker",
            "To: DC Rowe",
            "To: Nurse Ali",
            "To: Ms Reed, Mother",
        ] {
            assert!(html.contains(who), "{who}: {html}");
        }
        assert!(html.contains("ended on 8 March 2027"), "{html}");
        // The plan's open clocks stopped with it.
        assert!(
            plan["clocks"]
                .as_array()
                .unwrap()
                .iter()
                .all(|c| !c["met_on"].is_null()),
            "{plan}"
        );
        let (st, p) = sw
            .post(
                &format!("/api/v1/people/{child}/cp-plans/{plan_id}/discontinuation"),
                &json!({"reason": "died", "evidence": "x"}),
            )
            .await;
        assert_eq!((st, p["code"].as_str()), (409, Some("wrong_state")), "{p}");

        // Every step is in the child's chronology with its date.
        let (st, c) = sw.get(&format!("/api/v1/people/{child}/chronology?kind=section-47,conference,protection-plan,core-group-meeting")).await;
        assert_eq!(st, 200, "{c}");
        let got: Vec<(String, String)> = c["entries"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| {
                (
                    e["on"].as_str().unwrap().to_string(),
                    e["summary"].as_str().unwrap().to_string(),
                )
            })
            .collect();
        let has =
            |on: &str, starts: &str| got.iter().any(|(d, s)| d == on && s.starts_with(starts));
        assert!(has("2026-11-23", "Section 47 enquiry started"), "{got:?}");
        assert!(has("2026-11-27", "Section 47 enquiry concluded"), "{got:?}");
        assert!(
            has(
                "2026-12-10",
                "Initial child protection conference held: child protection plan (Neglect)"
            ),
            "{got:?}"
        );
        assert!(
            has("2026-12-10", "Child protection plan started: Neglect"),
            "{got:?}"
        );
        assert!(
            has("2026-12-17", "Core group: School reports attendance weekly"),
            "{got:?}"
        );
        assert!(has("2027-03-08", "Child protection plan ended"), "{got:?}");

        // The child in need plan that follows (issue 15). Census rule 4001: it never runs
        // alongside the child protection plan, so a start inside it is refused by its dates.
        let cin = format!("/api/v1/people/{child}/cin-plans");
        let (_, v) = sw.get(&cin).await;
        let cin_plan = &v["plans"][0];
        assert_eq!(
            (
                cin_plan["status"].as_str(),
                cin_plan["minimum_plan"].as_bool()
            ),
            (Some("to-be-agreed"), Some(true))
        );
        let cin_id = cin_plan["id"].as_str().unwrap().to_string();
        let body = |on: &str| {
            json!({"version": cin_plan["version"], "started_on": on, "plan": {
                "purpose": "Support continues at home", "needs": [{"need": "Routine", "services": "Family support"}],
                "content": {"outcomes": [{"what_must_change": "Regular meals", "measure": "Seen at visits", "by_when": null}], "actions": []},
                "family_agrees_to": "Keep the routine", "lead_professional": {"name": "Sam", "role": "Social worker", "duties": "Visits"},
                "visit_frequency": {"kind": "protocol-default"}, "contingency": "Strategy discussion",
                "review_points": "Reviews", "circulation": ["Mother"], "long_term_support": null}})
        };
        let (st, p) = sw
            .post(&format!("{cin}/{cin_id}/start"), &body("2027-03-05"))
            .await;
        assert_eq!(
            (st, codes(&p)[0].1.as_str()),
            (400, "overlaps_cp_plan"),
            "{p}"
        );
        assert!(
            p.to_string()
                .contains("from 10 December 2026 to 8 March 2027"),
            "{p}"
        );
        let (_, v) = sw.get(&cin).await;
        assert_eq!(v["plans"][0]["status"], "to-be-agreed", "nothing written");
        let (st, v) = sw
            .post(&format!("{cin}/{cin_id}/start"), &body("2027-03-08"))
            .await;
        assert_eq!(st, 200, "{v}");
        // Ending it: RC8 is for a case closed after an assessment, never after a plan (census
        // rule 2990), and an ending without its reasons is refused; nothing is written.
        let tm = s.api(&s.token("team-manager").await);
        let (st, p) = tm
            .post(&format!("{cin}/{cin_id}/ending"), &json!({"version": v["plans"][0]["version"], "ending": {
                "ended_on": "2027-03-08", "end_reason": "needs-met", "reasons": " ",
                "family_meeting_on": "2027-03-08", "team_manager_approved": true, "service_manager_approved": false,
                "told_in_writing": ["Mother"], "handover": null,
                "closure": {"reason": "RC8", "summary": "Done", "child_views": "Fine", "parents_views": "Fine"}}}))
            .await;
        assert_eq!(st, 400, "{p}");
        let got: Vec<(String, String)> = codes(&p);
        assert!(
            got.contains(&("closure.reason".into(), "after_plan".into())),
            "{p}"
        );
        assert!(got.iter().any(|(f, _)| f == "reasons"), "{p}");
        let (_, v) = sw.get(&cin).await;
        assert_eq!(v["plans"][0]["status"], "open", "nothing written");
    }
);
