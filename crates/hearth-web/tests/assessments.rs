//! The child and family assessment through the API, on SQLite and PostgreSQL: opened from a
//! referral decision, recorded over several days (sections saved per section with stale saves
//! refused, visits, views appended, agency requests), checkpointed, submitted, authorised against
//! the completion gate and acted on; the clocks under the working-together, Blackpool and
//! Nottinghamshire presets; and the refusals the issue names.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::codes;

use chrono::{TimeZone, Utc};
use common::{Api, TestServer};
use reqwest::Method;
use serde_json::{json, Value};

fn at(y: i32, m: u32, d: u32) -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, 11, 0, 0).unwrap()
}

fn clock<'a>(a: &'a Value, kind: &str) -> &'a Value {
    a["clocks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["kind"] == kind)
        .unwrap_or(&Value::Null)
}

/// A child referred on Friday 20 November 2026 and decided for assessment; returns (child, referral).
async fn referred(s: &TestServer, person: Value) -> (String, String) {
    let fd = s.api(&s.token("front-door").await);
    let dec = s.api(&s.token("social-worker").await);
    let (st, child) = fd
        .post("/api/v1/people?confirm_not_duplicate=true", &person)
        .await;
    assert_eq!(st, 201, "{child}");
    let child_id = child["id"].as_str().unwrap().to_string();
    let (_, rid) = common::refer(&fd, &child_id).await;
    let (_, r) = fd.get(&format!("/api/v1/referrals/{rid}")).await;
    let (st, r) = dec
        .post(
            &format!("/api/v1/referrals/{rid}/decision"),
            &json!({"version": r["version"], "outcomes": ["assessment"],
        "threshold": "moderate", "primary_need": "N1", "rationale": "Needs an assessment", "feedback_to_referrer": "Thank you; we have decided and will tell you what happens next."}),
        )
        .await;
    assert_eq!(st, 200, "{r}");
    (child_id, rid)
}

fn child() -> Value {
    json!({"kind": "child", "given_names": "Alex", "family_name": "Assesstest", "date_of_birth": "2016-05-01"})
}

async fn open(sw: &Api, child: &str, referral: &str, start: &str) -> (u16, Value) {
    sw.post("/api/v1/assessments", &json!({"person_id": child, "origin": "referral-decision", "referral_id": referral, "start_date": start})).await
}

fn gate(unmet: &[(&str, &str)]) -> Value {
    let items = [
        "child-seen-alone-and-views",
        "all-children-seen",
        "home-and-bedroom-seen",
        "parents-seen-and-views",
        "agencies-consulted",
        "analysis-complete",
    ];
    Value::Array(
        items
            .iter()
            .map(|i| match unmet.iter().find(|(u, _)| u == i) {
                Some((_, reason)) => json!({"item": i, "met": false, "reason": reason}),
                None => json!({"item": i, "met": true}),
            })
            .collect(),
    )
}

both_dbs!(
    an_assessment_is_recorded_over_several_days_authorised_and_acted_on,
    |s: TestServer| async move {
        let (child_id, rid) = referred(&s, child()).await;
        let sw = s.api(&s.token("social-worker").await);
        let mgr = s.api(&s.token("team-manager").await);

        // Dates before the referral are refused.
        let (st, p) = open(&sw, &child_id, &rid, "2026-11-19").await;
        assert_eq!(
            (st, codes(&p)),
            (400, vec![("start_date".into(), "before_referral".into())]),
            "{p}"
        );
        let (st, a) = open(&sw, &child_id, &rid, "2026-11-20").await;
        assert_eq!(st, 201, "{a}");
        let id = a["id"].as_str().unwrap().to_string();
        // National clock: 45 working days from the referral, past Christmas, Boxing Day (substitute
        // Monday 28th) and New Year's Day. The census measure runs from the start.
        assert_eq!(clock(&a, "assessment-completion")["due_date"], "2027-01-27");
        assert!(clock(&a, "assessment-completion")["explanation"]
            .as_str()
            .unwrap()
            .contains("from the referral on 20 November 2026"));
        assert_eq!(clock(&a, "assessment-census")["due_date"], "2027-01-27");
        assert_eq!(
            a["clocks"].as_array().unwrap().len(),
            2,
            "working-together has no stages or checkpoints"
        );
        // Who may do what: a partner agency sees nothing, information governance reads but cannot
        // write, and only managers decide.
        let partner = s.api(&s.token("partner-referrer").await);
        let (st, _) = partner.get(&format!("/api/v1/assessments/{id}")).await;
        assert_eq!(st, 403);
        let ig = s.api(&s.token("information-governance").await);
        let (st, _) = ig.get(&format!("/api/v1/assessments/{id}")).await;
        assert_eq!(st, 200);
        let (st, _) = ig
            .post(
                &format!("/api/v1/assessments/{id}/views"),
                &json!({"speaker": "child", "kind": "views-and-wishes", "words": "x"}),
            )
            .await;
        assert_eq!(st, 403);
        let (st, _) = sw.get("/api/v1/assessments/not-an-id").await;
        assert_eq!(st, 404);
        let (st, list) = sw
            .get(&format!("/api/v1/people/{child_id}/assessments"))
            .await;
        assert_eq!(st, 200, "{list}");
        assert_eq!(list["assessments"][0]["id"], a["id"]);
        assert_eq!(list["referrals"][0]["id"].as_str(), Some(rid.as_str()));
        // One assessment open per episode.
        let (st, _) = open(&sw, &child_id, &rid, "2026-11-20").await;
        assert_eq!(st, 409);

        // Day 1: the plan and part of one domain. Sections are versioned separately.
        let url =
            |sec: &str, v: i64| format!("/api/v1/assessments/{id}/sections/{sec}?version={v}");
        let (st, saved) = sw.send(Method::PUT, &url("plan", 0), &json!({"who_will_be_seen": "Alex alone at school; mother and father at home", "interpreter_decision": "Not needed: family speak English"})).await;
        assert_eq!((st, saved["version"].as_i64()), (200, Some(1)), "{saved}");
        let (st, stale) = mgr
            .send(
                Method::PUT,
                &url("plan", 0),
                &json!({"who_will_be_seen": "Someone else's edit"}),
            )
            .await;
        assert_eq!(
            (st, stale["code"].as_str()),
            (409, Some("stale")),
            "two people editing one section: a conflict, not an overwrite"
        );
        let (st, _) = mgr
            .send(
                Method::PUT,
                &url("child-development", 0),
                &json!({"health.concerns": "Weight below the 2nd centile"}),
            )
            .await;
        assert_eq!(st, 200, "another section saves independently");
        let (st, _) = mgr
            .send(
                Method::PUT,
                &url("parenting-capacity", 0),
                &json!({"basic-care": {"strengths": "Meals and clean clothes every day"}}),
            )
            .await;
        assert_eq!(st, 200, "a dimension may be sent nested");
        let (_, now) = sw.get(&format!("/api/v1/assessments/{id}")).await;
        assert_eq!(now["sections"][2]["section"], "parenting-capacity");
        assert_eq!(
            now["sections"][2]["fields"]["basic-care.strengths"],
            "Meals and clean clothes every day"
        );
        let (st, p) = sw
            .send(
                Method::PUT,
                &url("child-development", 1),
                &json!({"housing.concerns": "x"}),
            )
            .await;
        assert_eq!((st, codes(&p)[0].1.as_str()), (400, "unknown_field"), "{p}");

        // Day 2: a visit where the child was not seen alone; only a manager records why.
        s.clock.set(at(2026, 11, 24));
        let (st, p) = sw
            .post(
                &format!("/api/v1/assessments/{id}/visits"),
                &json!({"visit_date": "2026-11-19", "child_seen": true, "who_was_seen": "Alex"}),
            )
            .await;
        assert_eq!(
            (st, codes(&p)[0].1.as_str()),
            (400, "before_referral"),
            "{p}"
        );
        let (st, a) = sw.post(&format!("/api/v1/assessments/{id}/visits"), &json!({"visit_date": "2026-11-24", "child_seen": true, "seen_alone": false,
        "home_seen": true, "bedroom_seen": true, "all_children_considered": true, "who_was_seen": "Alex, mother, baby brother"})).await;
        assert_eq!(st, 201, "{a}");
        let visit = a["visits"][0]["id"].as_str().unwrap().to_string();
        assert_eq!(a["visits"][0]["reason_needed"], true);
        let (st, _) = sw
            .post(
                &format!("/api/v1/assessments/{id}/visits/{visit}/reason"),
                &json!({"reason": "x"}),
            )
            .await;
        assert_eq!(st, 403);
        let (st, a) = mgr.post(&format!("/api/v1/assessments/{id}/visits/{visit}/reason"), &json!({"reason": "Alex would not leave his mother's side; seen alone at school next"})).await;
        assert_eq!(
            (st, a["visits"][0]["reason_needed"].as_bool()),
            (200, Some(false)),
            "{a}"
        );
        let (st, _) = sw
            .post(
                &format!("/api/v1/assessments/{id}/visits"),
                &json!({"visit_date": "2026-11-24", "child_seen": true, "seen_alone": true,
        "who_was_seen": "Alex alone at school"}),
            )
            .await;
        assert_eq!(st, 201);

        // Views in their own words; agencies asked and answering.
        for (who, words) in [
            ("child", "I want my dad to stop shouting"),
            ("father", "We are managing fine"),
            ("mother", "I need help with the baby"),
        ] {
            let (st, _) = sw
                .post(
                    &format!("/api/v1/assessments/{id}/views"),
                    &json!({"speaker": who, "kind": "views-and-wishes", "words": words}),
                )
                .await;
            assert_eq!(st, 201);
        }
        let (st, a) = sw
            .post(
                &format!("/api/v1/assessments/{id}/agency-requests"),
                &json!({"agency": "Oak Primary", "agency_type": "school",
        "asked": "Attendance and presentation", "requested_on": "2026-11-23"}),
            )
            .await;
        assert_eq!(st, 201, "{a}");
        let req = a["agency_requests"][0]["id"].as_str().unwrap().to_string();
        let (st, p) = sw
            .post(
                &format!("/api/v1/assessments/{id}/agency-requests/{req}/response"),
                &json!({"response_on": "2026-11-22", "response": "x"}),
            )
            .await;
        assert_eq!(
            (st, codes(&p)[0].1.as_str()),
            (400, "too_early"),
            "a reply before the request: {p}"
        );
        let (st, a) = sw
            .post(
                &format!("/api/v1/assessments/{id}/agency-requests/{req}/response"),
                &json!({"response": "Attendance 81%; often hungry"}),
            )
            .await;
        assert_eq!(
            (st, a["agency_requests"][0]["response_on"].as_str()),
            (200, Some("2026-11-24")),
            "{a}"
        );

        // Submission: factor 21 stands alone; the analysis is needed.
        let submit = |v: &Value, factors: Value| json!({"version": v["version"], "factors": factors, "outcomes": ["cin-plan"], "in_need": true});
        let (st, p) = sw
            .post(
                &format!("/api/v1/assessments/{id}/submission"),
                &submit(&a, json!(["21", "3B"])),
            )
            .await;
        let c = codes(&p);
        assert_eq!(st, 400, "{p}");
        assert!(
            c.contains(&("factors".into(), "factor_21_alone".into())),
            "{c:?}"
        );
        assert!(c.contains(&("analysis".into(), "required".into())), "{c:?}");
        let (st, _) = sw.send(Method::PUT, &url("analysis", 0), &json!({"analysis": "Alex's needs are not met because his mother is struggling since the baby's birth and domestic abuse is reported."})).await;
        assert_eq!(st, 200);
        s.clock.set(at(2026, 12, 14));
        let (st, a) = sw
            .post(
                &format!("/api/v1/assessments/{id}/submission"),
                &submit(&a, json!(["16A", "3B"])),
            )
            .await;
        assert_eq!(
            (st, a["status"].as_str()),
            (200, Some("awaiting-authorisation")),
            "{a}"
        );
        // The manager's list has it to authorise; another social worker's list does not.
        let (_, mine) = mgr.get("/api/v1/assessments").await;
        assert!(mine.as_array().unwrap().iter().any(|x| x["id"] == a["id"]));
        let other = s.api(&s.token("social-worker").await);
        let (_, theirs) = other.get("/api/v1/assessments").await;
        assert!(theirs.as_array().unwrap().is_empty(), "{theirs}");
        let f: Vec<&str> = a["factors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["code"].as_str().unwrap())
            .collect();
        assert_eq!(f, vec!["3B", "16A"], "census order");
        assert!(a["census_meaning"]
            .as_str()
            .unwrap()
            .contains("child in need"));
        let (st, _) = sw
            .send(
                Method::PUT,
                &url("plan", 1),
                &json!({"who_will_be_seen": "late edit"}),
            )
            .await;
        assert_eq!(st, 409, "a submitted assessment is not edited");

        // Authorisation: only a manager; an unticked item needs its reason.
        let (st, _) = sw
            .post(
                &format!("/api/v1/assessments/{id}/authorisation"),
                &json!({"version": a["version"], "gate": gate(&[])}),
            )
            .await;
        assert_eq!(st, 403);
        let (st, p) = mgr
            .post(
                &format!("/api/v1/assessments/{id}/authorisation"),
                &json!({"version": a["version"], "gate": gate(&[("agencies-consulted", "")])}),
            )
            .await;
        assert_eq!(
            (st, codes(&p)),
            (
                400,
                vec![("gate.agencies-consulted".into(), "reason_required".into())]
            ),
            "{p}"
        );
        s.clock.set(at(2026, 12, 15));
        let (st, a) = mgr.post(&format!("/api/v1/assessments/{id}/authorisation"), &json!({"version": a["version"],
        "gate": gate(&[("agencies-consulted", "Health visitor did not reply; GP information obtained by phone")])})).await;
        assert_eq!((st, a["status"].as_str()), (200, Some("authorised")), "{a}");
        assert_eq!(a["authorised_on"], "2026-12-15");
        assert_eq!(clock(&a, "assessment-completion")["met_on"], "2026-12-15");
        assert_eq!(
            a["census"]["working_days"], 17,
            "20 November to 15 December"
        );
        assert_eq!(a["gate"][4]["met"], false);

        // Acting on the outcome opens a child in need plan with its planning clock.
        let (st, a) = sw
            .post(
                &format!("/api/v1/assessments/{id}/action"),
                &json!({"version": a["version"]}),
            )
            .await;
        assert_eq!(st, 200, "{a}");
        assert_eq!(a["follow_on"][0]["kind"], "cin-plan");
        assert!(a["acted_on_at"].is_string());
        let (st, _) = sw
            .post(
                &format!("/api/v1/assessments/{id}/action"),
                &json!({"version": a["version"]}),
            )
            .await;
        assert_eq!(st, 409, "acted on once");

        // After the family's copy, a disagreement is appended; earlier words are unchanged.
        let (st, copy) = sw
            .get(&format!("/api/v1/assessments/{id}/family-copy"))
            .await;
        assert_eq!(st, 200);
        let before = copy["views"].as_array().unwrap().len();
        let (st, a) = sw
            .post(
                &format!("/api/v1/assessments/{id}/views"),
                &json!({"speaker": "father", "speaker_name": "Mr Assesstest",
        "kind": "disagreement", "words": "I never shout at Alex"}),
            )
            .await;
        assert_eq!(st, 201);
        assert_eq!(a["views"].as_array().unwrap().len(), before + 1);
        assert_eq!(a["views"][1]["words"], "We are managing fine");
        // Looking at the assessment shows on the child's access log.
        let (st, log) = mgr
            .get(&format!("/api/v1/people/{child_id}/access-log"))
            .await;
        assert_eq!(st, 200, "{log}");
        let actions: Vec<&str> = log
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["action"].as_str().unwrap())
            .collect();
        assert!(
            actions.contains(&"assessment.view")
                && actions.contains(&"assessment.family-copy")
                && actions.contains(&"referral.decide"),
            "{actions:?}"
        );
        // The database itself refuses to change or remove what someone said.
        for sql in [
            "UPDATE assessment_views SET words = 'changed'",
            "DELETE FROM assessment_views",
        ] {
            let r = match &s.app.db {
                hearth_store::Db::Sqlite { writer, .. } => {
                    sqlx::query(sql).execute(writer).await.map(|_| ())
                }
                hearth_store::Db::Postgres(p) => sqlx::query(sql).execute(p).await.map(|_| ()),
            };
            let err = r.expect_err(sql).to_string();
            assert!(err.contains("append-only"), "{sql}: {err}");
        }
        let mut tx = s.app.db.begin().await.unwrap();
        let actions: Vec<String> = tx
            .recent_audit(500)
            .await
            .unwrap()
            .into_iter()
            .map(|r| r.action)
            .collect();
        tx.rollback().await.unwrap();
        for want in [
            "assessment.open",
            "assessment.section.save",
            "assessment.visit-reason",
            "assessment.submit",
            "assessment.authorise",
            "assessment.act",
            "assessment.family-copy",
        ] {
            assert!(actions.iter().any(|a| a == want), "audit has {want}");
        }
    }
);

both_dbs!(
    an_assessment_from_a_strategy_discussion_needs_what_it_decided,
    |s: TestServer| async move {
        let (child_id, _) = referred(&s, child()).await;
        let sw = s.api(&s.token("social-worker").await);
        let (st, p) = sw
            .post(
                "/api/v1/assessments",
                &json!({"person_id": child_id, "origin": "strategy-discussion"}),
            )
            .await;
        // Seed 000 §5.16 needs the discussion as a dated event, not free text.
        assert_eq!(
            (st, codes(&p)),
            (
                400,
                vec![("strategy_discussion_id".into(), "required".into())]
            ),
            "{p}"
        );
        let (st, p) = sw
            .post(
                "/api/v1/assessments",
                &json!({"person_id": child_id, "origin": "referral-decision"}),
            )
            .await;
        assert_eq!(
            (st, codes(&p)),
            (400, vec![("referral_id".into(), "required".into())]),
            "{p}"
        );
        // Asked for on the open case, then not yet held: no assessment can run from it.
        let (st, sd) = sw
            .post(
                "/api/v1/strategy-discussions",
                &json!({"person_id": child_id, "reason": "New disclosure at school"}),
            )
            .await;
        assert_eq!(
            (st, sd["requested_from"].as_str()),
            (201, Some("open-case")),
            "{sd}"
        );
        let sd_id = sd["id"].as_str().unwrap().to_string();
        let (st, p) = sw
            .post(
                "/api/v1/assessments",
                &json!({"person_id": child_id, "origin": "strategy-discussion",
            "strategy_discussion_id": sd_id}),
            )
            .await;
        assert_eq!(
            (st, codes(&p)),
            (
                400,
                vec![("strategy_discussion_id".into(), "not_held".into())]
            ),
            "{p}"
        );
        let (st, held) = sw
            .post(
                &format!("/api/v1/strategy-discussions/{sd_id}/held"),
                &json!({"present": ["la-social-worker", "la-manager", "police", "health"], "family_told": "Told of the enquiry and why", "version": sd["version"], "held_on": "2026-11-20", "form": "call",
                    "attendees": "SW and TM (LA), DS Patel (police), Named nurse (health)",
                    "start_section_47": true, "summary": "Single assessment under s47"}),
            )
            .await;
        assert_eq!((st, held["status"].as_str()), (200, Some("held")), "{held}");
        let (st, p) = sw.post("/api/v1/assessments", &json!({"person_id": child_id, "origin": "strategy-discussion", "start_date": "2026-11-21",
            "strategy_discussion_id": sd_id})).await;
        assert_eq!(
            (st, codes(&p)),
            (400, vec![("start_date".into(), "future_date".into())]),
            "{p}"
        );
        let (st, a) = sw
            .post(
                "/api/v1/assessments",
                &json!({"person_id": child_id, "origin": "strategy-discussion",
                    "strategy_discussion_id": sd_id}),
            )
            .await;
        assert_eq!(
            (st, a["origin_label"].as_str()),
            (201, Some("Strategy discussion")),
            "{a}"
        );
        // Allocating the episode to another social worker moves the assessment with it.
        let other = s.api(&s.token("social-worker").await);
        let (_, me) = other.get("/api/v1/me").await;
        let mgr = s.api(&s.token("team-manager").await);
        let (st, _) = mgr
            .post(
                &format!(
                    "/api/v1/episodes/{}/allocation",
                    a["episode_id"].as_str().unwrap()
                ),
                &json!({"team_id": me["team_id"], "worker_id": me["id"]}),
            )
            .await;
        assert_eq!(st, 200);
        let (_, a) = sw
            .get(&format!(
                "/api/v1/assessments/{}",
                a["id"].as_str().unwrap()
            ))
            .await;
        assert_eq!(a["worker_id"], me["id"]);
    }
);

both_dbs!(
    blackpool_stages_checkpoints_pre_birth_and_a_strategy_discussion,
    |s: TestServer| async move {
        s.app
            .adopt_protocol(None, "blackpool")
            .await
            .unwrap()
            .unwrap();
        let unborn = json!({"kind": "child", "family_name": "Unbornchild", "expected_date_of_delivery": "2027-03-01"});
        let (child_id, rid) = referred(&s, unborn).await;
        let sw = s.api(&s.token("social-worker").await);
        let mgr = s.api(&s.token("team-manager").await);
        s.clock.set(at(2026, 11, 23));
        let (st, a) = open(&sw, &child_id, &rid, "2026-11-23").await;
        assert_eq!(st, 201, "{a}");
        let id = a["id"].as_str().unwrap().to_string();
        assert_eq!(
            clock(&a, "assessment-first-stage")["due_date"],
            "2026-12-07"
        );
        // Seed 004: "no longer than 45 working days from the point of Referral … There are
        // checkpoints at 10, 30 and 45 days": from the referral on Friday 20 November, counted by
        // hand past 25 and 28 December and 1 January: 4 December, 6 January and 27 January — the
        // third checkpoint is the deadline itself.
        assert_eq!(
            clock(&a, "assessment-checkpoint-1")["due_date"],
            "2026-12-04"
        );
        assert_eq!(
            clock(&a, "assessment-checkpoint-2")["due_date"],
            "2027-01-06"
        );
        assert_eq!(
            clock(&a, "assessment-checkpoint-3")["due_date"],
            "2027-01-27"
        );
        assert_eq!(
            clock(&a, "assessment-completion")["due_date"],
            "2027-01-27",
            "45 WD from the referral, not the start"
        );
        assert_eq!(
            clock(&a, "pre-birth-assessment")["due_date"],
            "2027-02-01",
            "4 weeks before the expected date of delivery"
        );
        assert_eq!(a["checkpoints"].as_array().unwrap().len(), 3);
        assert!(a["checkpoints"][0]["question"]
            .as_str()
            .unwrap()
            .starts_with("End of the first stage"));

        // Each checkpoint is a task on the managers' list, soonest first.
        let (st, tasks) = mgr.get("/api/v1/assessments/checkpoints").await;
        assert_eq!(st, 200, "{tasks}");
        let mine: Vec<i64> = tasks
            .as_array()
            .unwrap()
            .iter()
            .filter(|t| t["assessment_id"] == a["id"])
            .map(|t| t["n"].as_i64().unwrap())
            .collect();
        assert_eq!(mine, vec![1, 2, 3]);
        let (st, _) = sw.get("/api/v1/assessments/checkpoints").await;
        assert_eq!(st, 403);
        // Checkpoint 1 answered late needs the reason; only a manager answers.
        s.clock.set(at(2026, 12, 8));
        let (st, _) = sw
            .post(
                &format!("/api/v1/assessments/{id}/checkpoints/1"),
                &json!({"answer": "Continue"}),
            )
            .await;
        assert_eq!(st, 403);
        let (st, p) = mgr
            .post(
                &format!("/api/v1/assessments/{id}/checkpoints/1"),
                &json!({"answer": "Safe; continue to full assessment"}),
            )
            .await;
        assert_eq!(
            (st, codes(&p)[0].1.as_str()),
            (400, "late_reason_required"),
            "{p}"
        );
        let (st, a) = mgr
            .post(
                &format!("/api/v1/assessments/{id}/checkpoints/1"),
                &json!({"answer": "Safe; continue to full assessment",
        "late_reason": "Manager on leave on the 7th"}),
            )
            .await;
        assert_eq!(
            (st, a["checkpoints"][0]["answer"].as_str()),
            (200, Some("Safe; continue to full assessment")),
            "{a}"
        );
        let (_, tasks) = mgr.get("/api/v1/assessments/checkpoints").await;
        assert_eq!(
            tasks
                .as_array()
                .unwrap()
                .iter()
                .filter(|t| t["assessment_id"] == a["id"])
                .count(),
            2,
            "answered checkpoints leave the list"
        );
        let (st, a) = sw
            .post(
                &format!("/api/v1/assessments/{id}/first-stage"),
                &json!({"version": a["version"], "concluded_on": "2026-12-07",
        "note": "Concerns confirmed; full assessment needed"}),
            )
            .await;
        assert_eq!(
            (st, a["first_stage_on"].as_str()),
            (200, Some("2026-12-07")),
            "{a}"
        );

        let (st, _) = sw
            .send(
                Method::PUT,
                &format!("/api/v1/assessments/{id}/sections/analysis?version=0"),
                &json!({"analysis": "Risk of significant harm after birth."}),
            )
            .await;
        assert_eq!(st, 200);
        let (st, a) = sw
            .post(
                &format!("/api/v1/assessments/{id}/submission"),
                &json!({"version": a["version"], "factors": ["3B", "2B"],
        "outcomes": ["strategy-discussion"], "in_need": true}),
            )
            .await;
        assert_eq!(st, 200, "{a}");
        let unmet = gate(&[
            ("child-seen-alone-and-views", "Unborn child"),
            ("all-children-seen", "No other children"),
            (
                "home-and-bedroom-seen",
                "Nursery not yet prepared; home seen",
            ),
            ("agencies-consulted", "Midwife asked, no reply yet"),
        ]);
        // "Parents seen and their views recorded" is ticked, but no parent's views are recorded.
        let (st, p) = mgr
            .post(
                &format!("/api/v1/assessments/{id}/authorisation"),
                &json!({"version": a["version"], "gate": unmet}),
            )
            .await;
        assert_eq!(
            (st, codes(&p)),
            (
                400,
                vec![("gate.parents-seen-and-views".into(), "not_evidenced".into())]
            ),
            "{p}"
        );
        let (st, _) = sw
            .post(
                &format!("/api/v1/assessments/{id}/views"),
                &json!({"speaker": "mother", "kind": "views-and-wishes", "words": "I want to keep my baby safe"}),
            )
            .await;
        assert_eq!(st, 201);
        let (st, a) = mgr
            .post(
                &format!("/api/v1/assessments/{id}/authorisation"),
                &json!({"version": a["version"], "gate": unmet}),
            )
            .await;
        assert_eq!(st, 200, "{a}");
        assert_eq!(
            clock(&a, "assessment-checkpoint-2")["met_on"],
            "2026-12-08",
            "checkpoints not yet due close on authorisation"
        );
        let (st, p) = sw
            .post(
                &format!("/api/v1/assessments/{id}/action"),
                &json!({"version": a["version"]}),
            )
            .await;
        assert_eq!(
            (st, codes(&p)[0].0.as_str()),
            (400, "strategy_reason"),
            "{p}"
        );
        let (st, a) = sw.post(&format!("/api/v1/assessments/{id}/action"), &json!({"version": a["version"], "strategy_reason": "Father's drug use and violence"})).await;
        assert_eq!(
            (st, a["follow_on"][0]["kind"].as_str()),
            (200, Some("strategy-discussion")),
            "{a}"
        );
        // Seed 004: "Child and Family Assessments (CAFA) must be reviewed and updated at least
        // annually": the child stays open, so a refresh clock runs 12 months from the
        // authorisation on 8 December 2026: 8 December 2027.
        let refresh = clock(&a, "assessment-refresh");
        assert_eq!(refresh["due_date"], "2027-12-08", "{a}");
        assert_eq!(refresh["anchor_date"], "2026-12-08");
    }
);

both_dbs!(
    nottinghamshire_initial_and_core_and_late_completion_needs_a_reason,
    |s: TestServer| async move {
        s.app
            .adopt_protocol(None, "nottinghamshire-2001")
            .await
            .unwrap()
            .unwrap();
        let (child_id, rid) = referred(&s, child()).await;
        let sw = s.api(&s.token("social-worker").await);
        let mgr = s.api(&s.token("team-manager").await);
        let (st, a) = open(&sw, &child_id, &rid, "2026-11-20").await;
        assert_eq!(st, 201, "{a}");
        let id = a["id"].as_str().unwrap().to_string();
        assert_eq!(
            clock(&a, "initial-assessment")["due_date"],
            "2026-12-01",
            "7 WD from the referral"
        );
        assert_eq!(a["first_stage_label"], "Initial assessment");
        // The council adopts another protocol mid-way: this assessment goes on under its own.
        s.app
            .adopt_protocol(None, "working-together")
            .await
            .unwrap()
            .unwrap();
        s.clock.set(at(2026, 12, 1));
        let (st, a) = sw
            .post(
                &format!("/api/v1/assessments/{id}/first-stage"),
                &json!({"version": a["version"], "note": "Core assessment needed"}),
            )
            .await;
        assert_eq!(st, 200, "{a}");
        assert_eq!(
            clock(&a, "core-assessment")["due_date"],
            "2027-01-22",
            "35 WD from the end of the initial assessment"
        );
        assert_eq!(
            clock(&a, "core-assessment")["protocol_name"],
            "nottinghamshire-2001"
        );
        assert!(clock(&a, "core-assessment")["explanation"]
            .as_str()
            .unwrap()
            .contains("end of the initial assessment on 1 December 2026"));

        // Completed after the national 45 working days (due 27 January 2027): the reason is required.
        s.clock.set(at(2027, 2, 3));
        let (st, _) = sw
            .send(
                Method::PUT,
                &format!("/api/v1/assessments/{id}/sections/analysis?version=0"),
                &json!({"analysis": "No needs beyond universal services."}),
            )
            .await;
        assert_eq!(st, 200);
        let body = |late: &str| json!({"version": a["version"], "factors": ["21"], "outcomes": ["no-further-action"], "in_need": false, "late_reason": late});
        let (st, p) = sw
            .post(&format!("/api/v1/assessments/{id}/submission"), &body(""))
            .await;
        assert_eq!(
            (st, codes(&p)),
            (
                400,
                vec![("late_reason".into(), "late_reason_required".into())]
            ),
            "{p}"
        );
        let (st, a) = sw
            .post(
                &format!("/api/v1/assessments/{id}/submission"),
                &body("Father unavailable until February"),
            )
            .await;
        assert_eq!(st, 200, "{a}");
        // Nothing was recorded as seen, views or agencies: ticking those items is refused, each
        // named with what the record lacks (the analysis is written, so it may be ticked).
        let (st, p) = mgr
            .post(
                &format!("/api/v1/assessments/{id}/authorisation"),
                &json!({"version": a["version"], "gate": gate(&[])}),
            )
            .await;
        assert_eq!(st, 400, "{p}");
        let fields: Vec<String> = codes(&p)
            .into_iter()
            .filter(|(_, c)| c == "not_evidenced")
            .map(|(f, _)| f)
            .collect();
        assert_eq!(
            fields,
            vec![
                "gate.child-seen-alone-and-views",
                "gate.all-children-seen",
                "gate.home-and-bedroom-seen",
                "gate.parents-seen-and-views",
                "gate.agencies-consulted"
            ],
            "{p}"
        );
        assert!(p["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("no visit records the child as seen"));
        let (st, a) = mgr
            .post(
                &format!("/api/v1/assessments/{id}/authorisation"),
                &json!({"version": a["version"], "gate": gate(&[
                    ("child-seen-alone-and-views", "Seen at school by the initial assessment worker; not recorded here"),
                    ("all-children-seen", "Only child"),
                    ("home-and-bedroom-seen", "Family moved during the assessment"),
                    ("parents-seen-and-views", "Father unavailable until February"),
                    ("agencies-consulted", "No agencies involved")])}),
            )
            .await;
        assert_eq!(st, 200, "{a}");
        let national = clock(&a, "assessment-completion");
        assert_eq!(
            (
                national["met_on"].as_str(),
                national["late_reason"].as_str()
            ),
            (
                Some("2027-02-03"),
                Some("Father unavailable until February")
            )
        );
        assert_eq!(a["census"]["within_45"], false);
        // No further action closes the episode RC8 (case closed after assessment).
        let (st, a) = sw
            .post(
                &format!("/api/v1/assessments/{id}/action"),
                &json!({"version": a["version"]}),
            )
            .await;
        assert_eq!(st, 200, "{a}");
        assert!(
            a["episode_closure"].as_str().unwrap().contains("RC8"),
            "{}",
            a["episode_closure"]
        );
    }
);

/// Every `id="…"` on a page, so repeated forms can be checked for clashes.
fn ids(html: &str) -> Vec<String> {
    html.split(" id=\"")
        .skip(1)
        .map(|s| s[..s.find('"').unwrap()].to_string())
        .collect()
}

both_dbs!(
    the_record_page_keeps_repeated_forms_apart_and_errors_beside_their_fields,
    |s: TestServer| async move {
        s.app
            .adopt_protocol(None, "blackpool")
            .await
            .unwrap()
            .unwrap();
        let (child_id, rid) = referred(&s, child()).await;
        let sw = s.api(&s.token("social-worker").await);
        let (_, a) = open(&sw, &child_id, &rid, "2026-11-20").await;
        let id = a["id"].as_str().unwrap().to_string();
        for who in ["Child with mother", "Child with father"] {
            let (st, _) = sw
                .post(
                    &format!("/api/v1/assessments/{id}/visits"),
                    &json!({"visit_date": "2026-11-20", "child_seen": true, "who_was_seen": who}),
                )
                .await;
            assert_eq!(st, 201);
        }
        for agency in ["School", "GP"] {
            let (st, _) = sw
                .post(
                    &format!("/api/v1/assessments/{id}/agency-requests"),
                    &json!({"agency": agency, "agency_type": "other", "asked": "Anything known"}),
                )
                .await;
            assert_eq!(st, 201);
        }
        let mgr = s.browser("team-manager").await;
        let (st, page) = mgr.get(&format!("/assessments/{id}")).await;
        assert_eq!(st, 200);
        let mut all = ids(&page);
        let n = all.len();
        all.sort();
        all.dedup();
        assert_eq!(all.len(), n, "duplicate ids on the record page");
        assert_eq!(
            page.matches("Record answer").count(),
            3,
            "a form per checkpoint"
        );
        assert_eq!(page.matches("Awaiting reply").count(), 2);
        assert_eq!(
            page.matches("Record reply").count(),
            1,
            "one reply form, choosing the request"
        );
        // Seed 004: the child not seen alone is judged across the assessment — two visits with a
        // parent present ask for one manager's reason, on the later visit, not two.
        assert_eq!(
            page.matches("Manager&#39;s reason needed").count()
                + page.matches("Manager's reason needed").count(),
            1
        );
        assert!(page.contains("The child has been seen, but not alone on any visit"));
        assert_eq!(
            page.matches("Record reason").count(),
            1,
            "one reason form, choosing the visit"
        );

        // A refused answer comes back beside its own checkpoint's field, keeping what was typed.
        let csrf = common::extract(&page, "_csrf");
        let r = mgr
            .post_form(
                &format!("/assessments/{id}/checkpoints/2"),
                &[
                    ("_csrf", &csrf),
                    ("form", "cp2"),
                    ("prefix", "cp2"),
                    ("cp2.answer", ""),
                    ("cp2.late_reason", "Typed and kept"),
                ],
            )
            .await;
        assert_eq!(r.status(), 400);
        let page = r.text().await.unwrap();
        assert!(
            page.contains("href=\"#cp2-answer\""),
            "the error summary links to the field: {}",
            &page[page.find("govuk-error-summary").unwrap_or(0)..][..800]
        );
        assert!(
            page.contains("id=\"cp2-answer-error\""),
            "the error sits beside checkpoint 2's answer"
        );
        assert!(page.contains("Typed and kept"));
        let r = mgr
            .post_form(
                &format!("/assessments/{id}/checkpoints/2"),
                &[
                    ("_csrf", &csrf),
                    ("form", "cp2"),
                    ("prefix", "cp2"),
                    ("cp2.answer", "On track"),
                ],
            )
            .await;
        assert_eq!(r.status(), 303);
        let (_, a) = sw.get(&format!("/api/v1/assessments/{id}")).await;
        assert_eq!(a["checkpoints"][1]["answer"], "On track");
        // Authorisation waits for the manager's one reason: the child was seen alone on no visit.
        let (st, _) = sw
            .send(
                Method::PUT,
                &format!("/api/v1/assessments/{id}/sections/analysis?version=0"),
                &json!({"analysis": "Needs support"}),
            )
            .await;
        assert_eq!(st, 200);
        let (st, a) = sw.post(&format!("/api/v1/assessments/{id}/submission"), &json!({"version": a["version"], "factors": ["21"], "outcomes": ["early-help"], "in_need": false})).await;
        assert_eq!(st, 200, "{a}");
        let api_mgr = s.api(&s.token("team-manager").await);
        let (st, p) = api_mgr
            .post(
                &format!("/api/v1/assessments/{id}/authorisation"),
                &json!({"version": a["version"], "gate": gate(&[])}),
            )
            .await;
        assert_eq!(st, 400, "{p}");
        assert_eq!(
            codes(&p)
                .iter()
                .filter(|c| c.1 == "visit_reason_required")
                .count(),
            1,
            "{p}"
        );
    }
);

// Working Together 2018 ch.1: the assessment concludes "no longer than 45 working days from the
// point of referral" — the point that asked for this assessment. A re-assessment started from a
// review two years after the episode's first referral runs from the review: on its first day it is
// not overdue and needs no late reason. Wednesday 6 December 2028 + 45 working days, counted by hand
// past 25 and 26 December and 1 January (2029): 7–8 Dec (2), 11–15 (7), 18–22 (12), 27–29 (15),
// 2–5 Jan (19), 8–12 (24), 15–19 (29), 22–26 (34), 29 Jan–2 Feb (39), 5–9 Feb (44), 12 Feb (45).
both_dbs!(
    a_reassessment_on_a_long_open_case_is_not_overdue_on_its_first_day,
    |s: TestServer| async move {
        let (child, _) = referred(&s, child()).await;
        // Two years on, with the episode still open.
        s.clock
            .set(Utc.with_ymd_and_hms(2028, 12, 6, 10, 0, 0).unwrap());
        let sw = s.api(&s.token("social-worker").await);
        let (st, a) = sw
            .post(
                "/api/v1/assessments",
                &json!({"person_id": child, "origin": "review", "start_date": "2028-12-06",
                    "origin_note": "Review on 6 December 2028 found new concerns"}),
            )
            .await;
        assert_eq!(st, 201, "{a}");
        let c = clock(&a, "assessment-completion");
        assert_eq!(c["anchor_event"], "review", "{c}");
        assert_eq!(c["anchor_date"], "2028-12-06", "{c}");
        assert_eq!(c["due_date"], "2029-02-12", "{c}");
        assert_eq!(c["status"]["state"], "upcoming", "{c}");
    }
);

// The census measure (authorised within 45 working days of the start) counts bank holidays only:
// a council closure day on Wednesday 2 December moves the council's own clock but not the
// census's. Counted by hand past 25 and 28 December and 1 January: from the referral on Friday
// 20 November the council's clock falls on 28 January (27 without the closure); from the start on
// Monday 23 November the census's falls on 28 January (29 had it counted the closure).
both_dbs!(
    a_council_closure_moves_the_local_clock_but_not_the_census_measure,
    |s: TestServer| async move {
        let closed = chrono::NaiveDate::from_ymd_opt(2026, 12, 2).unwrap();
        s.app
            .add_closure_day(None, closed, "Council training day")
            .await
            .unwrap();
        let (child, rid) = referred(&s, child()).await;
        let sw = s.api(&s.token("social-worker").await);
        s.clock.set(at(2026, 11, 23));
        let (st, a) = open(&sw, &child, &rid, "2026-11-23").await;
        assert_eq!(st, 201, "{a}");
        let local = clock(&a, "assessment-completion");
        assert_eq!(local["due_date"], "2027-01-28", "{local}");
        assert!(local["explanation"]
            .as_str()
            .unwrap()
            .contains("Council training day"));
        let census = clock(&a, "assessment-census");
        assert_eq!(census["due_date"], "2027-01-28", "{census}");
        assert!(!census["explanation"]
            .as_str()
            .unwrap()
            .contains("Council training day"));
    }
);

// Children Act 1989 s17(10)(c): a child is in need if "he is disabled"; such a child may be well
// served by early help or universal services, so "in need" with early help is accepted (only "no
// further action" alone cannot follow a finding of need).
both_dbs!(
    a_disabled_child_in_need_may_be_served_by_early_help,
    |s: TestServer| async move {
        let (child, rid) = referred(&s, child()).await;
        let sw = s.api(&s.token("social-worker").await);
        let (st, a) = open(&sw, &child, &rid, "2026-11-20").await;
        assert_eq!(st, 201, "{a}");
        let id = a["id"].as_str().unwrap().to_string();
        let (st, _) = sw
            .send(
                Method::PUT,
                &format!("/api/v1/assessments/{id}/sections/analysis?version=0"),
                &json!({"analysis": "Disabled; needs met by the local short-breaks offer"}),
            )
            .await;
        assert_eq!(st, 200);
        let (_, a) = sw.get(&format!("/api/v1/assessments/{id}")).await;
        let submit = |outcomes: Value, version: &Value| json!({"version": version, "factors": ["5A"], "outcomes": outcomes, "in_need": true});
        let (st, p) = sw
            .post(
                &format!("/api/v1/assessments/{id}/submission"),
                &submit(json!(["no-further-action"]), &a["version"]),
            )
            .await;
        assert_eq!(st, 400, "{p}");
        assert_eq!(p["errors"][0]["code"], "in_need_without_services", "{p}");
        let (st, a) = sw
            .post(
                &format!("/api/v1/assessments/{id}/submission"),
                &submit(json!(["early-help"]), &a["version"]),
            )
            .await;
        assert_eq!(st, 200, "{a}");
        assert_eq!(a["in_need"], true, "{a}");
    }
);

// Seed 001 Dudley: "No assessment should be considered completed until it is comprehensive; until
// all the significant adults including father(s) are spoken to". Seed 004 Blackpool's checklist:
// "The parents have been seen and their views and wishes have been recorded". With a mother and a
// father on the child's record and only the mother recorded as seen, the item cannot be ticked.
both_dbs!(
    the_gate_refuses_parents_seen_while_the_father_on_record_is_unseen,
    |s: TestServer| async move {
        let (child_id, rid) = referred(&s, child()).await;
        let sw = s.api(&s.token("social-worker").await);
        let mgr = s.api(&s.token("team-manager").await);
        let mut parents = Vec::new();
        // The mother's first language is not the social worker's: her record says so.
        for (given, kind, interpreter) in [("Mia", "parent", true), ("Sam", "parent", false)] {
            let (st, p) = sw
                .post(
                    "/api/v1/people?confirm_not_duplicate=true",
                    &json!({"kind": "adult", "given_names": given, "family_name": "Assesstest", "interpreter_required": interpreter}),
                )
                .await;
            assert_eq!(st, 201, "{p}");
            let (st, r) = sw.post("/api/v1/relationships", &json!({"from_person": p["id"], "to_person": child_id, "kind": kind, "parental_responsibility": true})).await;
            assert_eq!(st, 201, "{r}");
            parents.push(p["id"].as_str().unwrap().to_string());
        }
        let (mother, father) = (parents[0].clone(), parents[1].clone());
        let (st, a) = open(&sw, &child_id, &rid, "2026-11-20").await;
        assert_eq!(st, 201, "{a}");
        let id = a["id"].as_str().unwrap().to_string();
        // Each item cites the procedure whose list it is.
        let item = |a: &Value, code: &str| {
            a["gate"]
                .as_array()
                .unwrap()
                .iter()
                .find(|g| g["item"] == code)
                .cloned()
                .unwrap()
        };
        assert_eq!(
            item(&a, "home-and-bedroom-seen")["source"],
            "seed 004 Blackpool"
        );
        assert_eq!(
            item(&a, "parents-seen-and-views")["source"],
            "seed 004 Blackpool; seed 001 Dudley"
        );
        // Seed 004: "Where a child or parent speaks a language other than that spoken by the
        // social worker ... an interpreter should be provided": the mother's record says one is
        // needed, so "not needed" is refused.
        let (st, p) = sw
            .post(
                &format!("/api/v1/assessments/{id}/interpreter-decision"),
                &json!({"choice": "not-needed", "reasons": "Child speaks English"}),
            )
            .await;
        assert_eq!(
            (st, codes(&p)),
            (400, vec![("choice".into(), "interpreter_needed".into())]),
            "{p}"
        );
        s.clock.set(at(2026, 11, 24));
        let (st, _) = sw.post(&format!("/api/v1/assessments/{id}/visits"), &json!({"visit_date": "2026-11-24", "child_seen": true, "seen_alone": true,
            "home_seen": true, "bedroom_seen": true, "all_children_considered": true, "who_was_seen": "Alex alone, then with his mother",
            "people_seen": [mother]})).await;
        assert_eq!(st, 201);
        let (st, p) = sw
            .post(
                &format!("/api/v1/assessments/{id}/visits"),
                &json!({"visit_date": "2026-11-24", "child_seen": true,
            "who_was_seen": "x", "people_seen": [uuid::Uuid::new_v4()]}),
            )
            .await;
        assert_eq!(
            (st, codes(&p)),
            (400, vec![("people_seen".into(), "unknown_person".into())]),
            "{p}"
        );
        for (who, words) in [("child", "I like school"), ("mother", "We need help")] {
            let (st, _) = sw
                .post(
                    &format!("/api/v1/assessments/{id}/views"),
                    &json!({"speaker": who, "kind": "views-and-wishes", "words": words}),
                )
                .await;
            assert_eq!(st, 201);
        }
        let (_, a) = sw
            .post(
                &format!("/api/v1/assessments/{id}/agency-requests"),
                &json!({"agency": "Oak Primary", "agency_type": "school", "asked": "Attendance"}),
            )
            .await;
        let req = a["agency_requests"][0]["id"].as_str().unwrap().to_string();
        let (st, _) = sw
            .post(
                &format!("/api/v1/assessments/{id}/agency-requests/{req}/response"),
                &json!({"response": "Attends well"}),
            )
            .await;
        assert_eq!(st, 200);
        let (st, _) = sw
            .send(
                Method::PUT,
                &format!("/api/v1/assessments/{id}/sections/analysis?version=0"),
                &json!({"analysis": "Needs are met with support."}),
            )
            .await;
        assert_eq!(st, 200);
        let (st, a) = sw.post(&format!("/api/v1/assessments/{id}/submission"), &json!({"version": a["version"], "factors": ["21"], "outcomes": ["early-help"], "in_need": false})).await;
        assert_eq!(st, 200, "{a}");
        // The page's view shows the gap before the manager ticks anything.
        let parents_item = item(&a, "parents-seen-and-views");
        assert_eq!(parents_item["shown_met"], false, "{parents_item}");
        assert_eq!(
            parents_item["gaps"],
            json!(["no visit records Sam Assesstest, a parent on the child's record, as seen"])
        );
        assert_eq!(item(&a, "child-seen-alone-and-views")["shown_met"], true);
        let seen: Vec<(String, bool)> = a["parents_on_record"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| {
                (
                    p["person_id"].as_str().unwrap().to_string(),
                    p["seen"].as_bool().unwrap(),
                )
            })
            .collect();
        assert!(
            seen.contains(&(mother.clone(), true)) && seen.contains(&(father.clone(), false)),
            "{seen:?}"
        );
        // Ticking every item is refused for the parents' item alone, naming the unseen father.
        let (st, p) = mgr
            .post(
                &format!("/api/v1/assessments/{id}/authorisation"),
                &json!({"version": a["version"], "gate": gate(&[])}),
            )
            .await;
        assert_eq!(
            (st, codes(&p)),
            (
                400,
                vec![("gate.parents-seen-and-views".into(), "not_evidenced".into())]
            ),
            "{p}"
        );
        let msg = p["errors"][0]["message"].as_str().unwrap();
        assert!(
            msg.contains("including fathers") && msg.contains("Sam Assesstest"),
            "{msg}"
        );
        // Unticked with the reason, it is authorised.
        let (st, a) = mgr
            .post(
                &format!("/api/v1/assessments/{id}/authorisation"),
                &json!({"version": a["version"], "gate": gate(&[("parents-seen-and-views", "Father working offshore; spoken to by phone, visit booked")])}),
            )
            .await;
        assert_eq!((st, a["status"].as_str()), (200, Some("authorised")), "{a}");
    }
);

// Seed 004 Blackpool: "Where a child or parent speaks a language other than that spoken by the
// social worker ... an interpreter should be provided. Any decision not to use an interpreter in
// such circumstances must be approved by the Team Manager and recorded."
both_dbs!(
    not_using_a_needed_interpreter_is_a_team_managers_recorded_decision,
    |s: TestServer| async move {
        let mut person = child();
        person["interpreter_required"] = json!(true);
        person["first_language"] = json!("Polish");
        let (child_id, rid) = referred(&s, person).await;
        let sw = s.api(&s.token("social-worker").await);
        let mgr = s.api(&s.token("team-manager").await);
        let (_, a) = open(&sw, &child_id, &rid, "2026-11-20").await;
        let id = a["id"].as_str().unwrap().to_string();
        let url = format!("/api/v1/assessments/{id}/interpreter-decision");
        // A social worker cannot decide not to use one.
        let (st, p) = sw
            .post(
                &url,
                &json!({"choice": "not-used", "reasons": "The child's uncle can translate"}),
            )
            .await;
        assert_eq!(
            (st, codes(&p)),
            (
                400,
                vec![("choice".into(), "manager_approval_required".into())]
            ),
            "{p}"
        );
        // The child's record says one is needed: "not needed" cannot be recorded instead.
        let (st, p) = sw
            .post(
                &url,
                &json!({"choice": "not-needed", "reasons": "Speaks some English"}),
            )
            .await;
        assert_eq!(
            (st, codes(&p)),
            (400, vec![("choice".into(), "interpreter_needed".into())]),
            "{p}"
        );
        let (st, p) = sw.post(&url, &json!({"choice": "maybe"})).await;
        assert_eq!((st, codes(&p)[0].1.as_str()), (400, "unknown_code"), "{p}");
        // A team manager's decision needs the reasons, and records them as its approver.
        let (st, p) = mgr.post(&url, &json!({"choice": "not-used"})).await;
        assert_eq!(
            (st, codes(&p)),
            (400, vec![("reasons".into(), "required".into())]),
            "{p}"
        );
        let (st, a) = mgr
            .post(&url, &json!({"choice": "not-used", "reasons": "Emergency visit tonight; telephone interpreter booked for the next visit"}))
            .await;
        assert_eq!(st, 201, "{a}");
        let d = &a["interpreter_decisions"][0];
        assert_eq!(d["choice"], "not-used");
        assert!(!d["approved_by_name"].as_str().unwrap().is_empty(), "{d}");
        assert_eq!(d["approved_by_name"], d["decided_by_name"]);
        assert!(d["reasons"]
            .as_str()
            .unwrap()
            .contains("telephone interpreter"));
        // Using one is anyone's decision.
        let (st, a) = sw.post(&url, &json!({"choice": "used"})).await;
        assert_eq!(st, 201, "{a}");
        assert_eq!(a["interpreter_decisions"][1]["approved_by_name"], "");
        // On the page: a social worker's "not used" is refused beside the choice; the record
        // shows who approved the manager's decision.
        let b = s.browser("social-worker").await;
        let (st, page) = b.get(&format!("/assessments/{id}")).await;
        assert_eq!(st, 200);
        assert!(
            page.contains("; approved by Test team-manager"),
            "the approver is shown"
        );
        let csrf = common::extract(&page, "_csrf");
        let r = b
            .post_form(
                &format!("/assessments/{id}/interpreter"),
                &[
                    ("_csrf", csrf.as_str()),
                    ("form", "interpreter"),
                    ("choice", "not-used"),
                    ("reasons", "Uncle translates"),
                ],
            )
            .await;
        assert_eq!(r.status(), 400);
        assert!(r
            .text()
            .await
            .unwrap()
            .contains("must be approved by a team manager"));
        let mut tx = s.app.db.begin().await.unwrap();
        let rows = tx.recent_audit(50).await.unwrap();
        tx.rollback().await.unwrap();
        assert_eq!(
            rows.iter()
                .filter(|r| r.action == "assessment.interpreter")
                .count(),
            2,
            "one audit row per decision recorded, none for refusals (API or page)"
        );
    }
);

// Children Act 1989 s105(1): "'child' means ... a person under the age of eighteen". An assessment
// is for a child on its start date: born 23 November 2008, Jesse is 17 when referred on Friday 20
// November 2026 and 18 on Monday 23 November 2026 (counted by hand).
both_dbs!(
    an_assessment_cannot_start_on_or_after_the_18th_birthday,
    |s: TestServer| async move {
        let (child_id, rid) = referred(
            &s,
            json!({"kind": "child", "given_names": "Jesse", "family_name": "Agetest", "date_of_birth": "2008-11-23"}),
        )
        .await;
        let sw = s.api(&s.token("social-worker").await);
        s.clock.set(at(2026, 11, 24));
        let (st, p) = open(&sw, &child_id, &rid, "2026-11-23").await;
        assert_eq!(
            (st, codes(&p)),
            (400, vec![("person_id".into(), "not_a_child".into())]),
            "{p}"
        );
        let msg = p["errors"][0]["message"].as_str().unwrap();
        assert!(
            msg.contains("18 or over on 23 November 2026") && msg.contains("an assessment"),
            "{msg}"
        );
        assert!(
            !msg.contains("Jesse") && !msg.contains("2008"),
            "no personal data: {msg}"
        );
        // Started on the Friday, when Jesse was 17, it is an assessment of a child.
        let (st, a) = open(&sw, &child_id, &rid, "2026-11-20").await;
        assert_eq!(st, 201, "{a}");
    }
);

// Issue 13: "resubmitting a returned assessment keeps its answers". A manager returns the
// submitted assessment; the worker's outcome page comes back with the outcomes, the in-need answer
// and the factors already chosen, and the worker resubmits them unchanged.
both_dbs!(
    a_returned_assessment_keeps_its_answers_for_resubmission,
    |s: TestServer| async move {
        let (child_id, rid) = referred(&s, child()).await;
        let sw = s.api(&s.token("social-worker").await);
        let (_, a) = open(&sw, &child_id, &rid, "2026-11-20").await;
        let id = a["id"].as_str().unwrap().to_string();
        let (st, _) = sw
            .send(
                Method::PUT,
                &format!("/api/v1/assessments/{id}/sections/analysis?version=0"),
                &json!({"analysis": "Needs support with routines"}),
            )
            .await;
        assert_eq!(st, 200);
        let (_, a) = sw.get(&format!("/api/v1/assessments/{id}")).await;
        let (st, a) = sw
            .post(
                &format!("/api/v1/assessments/{id}/submission"),
                &json!({"version": a["version"], "factors": ["3A", "2B"], "outcomes": ["early-help"], "in_need": false}),
            )
            .await;
        assert_eq!(st, 200, "{a}");
        let mgr = s.api(&s.token("team-manager").await);
        let (st, a) = mgr
            .post(
                &format!("/api/v1/assessments/{id}/return"),
                &json!({"version": a["version"], "note": "Say more about school"}),
            )
            .await;
        assert_eq!(st, 200, "{a}");

        let page_sw = s.browser("social-worker").await;
        let (st, page) = page_sw.get(&format!("/assessments/{id}/submit")).await;
        assert_eq!(st, 200);
        for (name, value) in [
            ("outcomes", "early-help"),
            ("factors", "3A"),
            ("factors", "2B"),
            ("in_need", "no"),
        ] {
            let checked = format!("name=\"{name}\" type=");
            let at = page
                .match_indices(&checked)
                .map(|(i, _)| &page[i..])
                .find(|tail| {
                    tail[..tail.find('>').unwrap()].contains(&format!("value=\"{value}\""))
                })
                .unwrap_or_else(|| panic!("no {name}={value} input"));
            let tag_end = at.find('>').unwrap();
            assert!(
                at[..tag_end].contains("checked"),
                "{name}={value} is kept: {}",
                &at[..tag_end]
            );
        }
        // A factor not chosen before stays unchosen.
        let other = page
            .match_indices("value=\"4A\"")
            .map(|(i, _)| &page[i..])
            .next()
            .unwrap();
        assert!(!other[..other.find('>').unwrap()].contains("checked"));
    }
);
