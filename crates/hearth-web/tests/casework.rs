//! A worker's day through the API, on SQLite and PostgreSQL: my work from every clock (moving
//! with the child when reallocated), case notes (typed, draft then final, corrected by appending,
//! one note for a household), and the chronology (filtered, exported as CSV, analysed). The test
//! clock is Friday 20 November 2026.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::codes;

use common::{Api, TestServer};
use reqwest::Method;
use serde_json::{json, Value};

async fn child(fd: &Api, given: &str) -> String {
    let (st, c) = fd
        .post(
            "/api/v1/people?confirm_not_duplicate=true",
            &json!({"kind": "child", "given_names": given, "family_name": "Daytest", "date_of_birth": "2016-06-06"}),
        )
        .await;
    assert_eq!(st, 201, "{c}");
    c["id"].as_str().unwrap().to_string()
}

/// A child referred and decided for assessment, allocated to `worker`, with an assessment open;
/// returns (child, assessment).
async fn allocated(s: &TestServer, worker: &Api, given: &str) -> (String, String) {
    let fd = s.api(&s.token("front-door").await);
    let mgr = s.api(&s.token("team-manager").await);
    let id = child(&fd, given).await;
    let (_, rid) = common::refer(&fd, &id).await;
    let (_, r) = fd.get(&format!("/api/v1/referrals/{rid}")).await;
    let (st, r) = worker
        .post(
            &format!("/api/v1/referrals/{rid}/decision"),
            &json!({"version": r["version"], "outcomes": ["assessment"],
            "threshold": "moderate", "primary_need": "N1", "rationale": "Needs an assessment",
            "feedback_to_referrer": "An assessment will start."}),
        )
        .await;
    assert_eq!(st, 200, "{r}");
    let (_, me) = worker.get("/api/v1/me").await;
    let (st, ep) = mgr
        .post(
            &format!(
                "/api/v1/episodes/{}/allocation",
                r["episode"]["id"].as_str().unwrap()
            ),
            &json!({"team_id": me["team_id"], "worker_id": me["id"]}),
        )
        .await;
    assert_eq!(st, 200, "{ep}");
    let (st, a) = worker
        .post("/api/v1/assessments", &json!({"person_id": id, "origin": "referral-decision", "referral_id": rid, "start_date": "2026-11-20"}))
        .await;
    assert_eq!(st, 201, "{a}");
    (id, a["id"].as_str().unwrap().to_string())
}

fn tasks(w: &Value) -> Vec<(String, String, String)> {
    ["overdue", "due_today", "due_this_week", "later"]
        .iter()
        .flat_map(|b| w[b].as_array().cloned().unwrap_or_default())
        .flat_map(|g| g["tasks"].as_array().cloned().unwrap_or_default())
        .map(|t| {
            (
                t["title"].as_str().unwrap().to_string(),
                t["due_date"].as_str().unwrap().to_string(),
                t["child_id"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

// Working Together 2018 ch.1 para 75: "no longer than 45 working days from the point of
// referral": referred Friday 20 November 2026, the assessment is due Friday 29 January 2027 (45
// working days, skipping 25 and 28 December and 1 January). The task is the allocated worker's,
// with the clock's explanation; reallocating the child moves it.
both_dbs!(
    my_work_shows_each_clock_as_a_task_that_moves_with_the_child,
    |s: TestServer| async move {
        let (_, sw) = s.user_in("social-worker", "Team A").await;
        let (child_id, assessment) = allocated(&s, &sw, "Robin").await;
        let (st, w) = sw.get("/api/v1/my-work").await;
        assert_eq!(st, 200, "{w}");
        let mine = tasks(&w);
        assert!(
            mine.contains(&(
                "Assessment completion".into(),
                "2027-01-27".into(),
                child_id.clone()
            )),
            "{w}"
        );
        // The census measure is not a task; nothing of the front door's is here.
        assert!(
            !mine
                .iter()
                .any(|t| t.0.contains("census") || t.0 == "Referral decision"),
            "{mine:?}"
        );
        let later = &w["later"][0]["tasks"][0];
        assert!(
            later["explanation"]
                .as_str()
                .unwrap()
                .contains("45 working days from the referral on 20 November 2026"),
            "{w}"
        );
        assert!(later["link"].as_str().unwrap().starts_with("/assessments/"));
        // Newly allocated to this worker.
        assert_eq!(w["newly_allocated"][0]["child_id"], child_id.as_str());

        // Reallocated to another worker: the task goes with the child.
        let (_, other) = s.user_in("social-worker", "Team A").await;
        let (_, me) = other.get("/api/v1/me").await;
        let mgr = s.api(&s.token("team-manager").await);
        let (_, a) = sw.get(&format!("/api/v1/assessments/{assessment}")).await;
        let episode = a["episode_id"].as_str().unwrap().to_string();
        let (st, ep) = mgr
            .post(
                &format!("/api/v1/episodes/{episode}/allocation"),
                &json!({"team_id": me["team_id"], "worker_id": me["id"]}),
            )
            .await;
        assert_eq!(st, 200, "{ep}");
        let (_, w) = sw.get("/api/v1/my-work").await;
        assert!(!tasks(&w).iter().any(|t| t.2 == child_id), "{w}");
        let (_, w) = other.get("/api/v1/my-work").await;
        assert!(tasks(&w).iter().any(|t| t.2 == child_id), "{w}");
        // A front-door officer has no my-work page.
        let fd = s.api(&s.token("front-door").await);
        let (st, _) = fd.get("/api/v1/my-work").await;
        assert_eq!(st, 403);
    }
);

both_dbs!(
    case_notes_are_typed_final_notes_never_change_and_a_household_note_is_on_each_child,
    |s: TestServer| async move {
        let (_, sw) = s.user_in("social-worker", "Team A").await;
        let fd = s.api(&s.token("front-door").await);
        let (a, b) = (child(&fd, "Ash").await, child(&fd, "Bay").await);
        let note = |extra: Value| {
            let mut n = json!({"children": [a, b], "kind": "home-visit", "occurred_at": "2026-11-20T09:30",
                "significant": true, "body": "Both children seen at home; kitchen stocked"});
            for (k, v) in extra.as_object().unwrap() {
                n[k] = v.clone();
            }
            n
        };
        // A note without a type, and a date that does not exist, are refused by field.
        let (st, p) = sw
            .post("/api/v1/case-notes", &note(json!({"kind": ""})))
            .await;
        assert_eq!(
            (st, codes(&p)),
            (400, vec![("kind".into(), "required".into())]),
            "{p}"
        );
        let (st, p) = sw
            .post(
                "/api/v1/case-notes",
                &note(json!({"occurred_at": "2026-02-31T10:00"})),
            )
            .await;
        assert_eq!(
            (st, codes(&p)),
            (400, vec![("occurred_at".into(), "invalid_date".into())]),
            "{p}"
        );
        let (st, p) = sw
            .post(
                "/api/v1/case-notes",
                &note(json!({"occurred_at": "2026-11-20T11:00"})),
            )
            .await;
        assert_eq!((st, codes(&p)[0].1.as_str()), (400, "future_date"), "{p}");
        // Management oversight is a manager's note.
        let (st, p) = sw
            .post(
                "/api/v1/case-notes",
                &note(json!({"kind": "management-oversight"})),
            )
            .await;
        assert_eq!(
            (st, codes(&p)),
            (400, vec![("kind".into(), "manager_only".into())]),
            "{p}"
        );

        // A draft, changed, then final.
        let (st, n) = sw.post("/api/v1/case-notes", &note(json!({}))).await;
        assert_eq!((st, n["status"].as_str()), (201, Some("draft")), "{n}");
        let id = n["id"].as_str().unwrap().to_string();
        let (st, n) = sw
            .send(Method::PUT, &format!("/api/v1/case-notes/{id}"), &json!({"version": n["version"], "kind": "home-visit",
                "occurred_at": "2026-11-20T09:30", "significant": true, "body": "Both children seen at home; kitchen stocked; mother tired"}))
            .await;
        assert_eq!(st, 200, "{n}");
        let (st, n) = sw
            .post(
                &format!("/api/v1/case-notes/{id}/final"),
                &json!({"version": n["version"]}),
            )
            .await;
        assert_eq!((st, n["status"].as_str()), (200, Some("final")), "{n}");
        // A final note edited in place is refused; a correction is appended with who and when.
        let (st, p) = sw
            .send(
                Method::PUT,
                &format!("/api/v1/case-notes/{id}"),
                &json!({"version": n["version"], "kind": "home-visit",
                "occurred_at": "2026-11-20T09:30", "body": "Rewritten"}),
            )
            .await;
        assert_eq!((st, p["code"].as_str()), (409, Some("wrong_state")), "{p}");
        assert!(
            p["title"].as_str().unwrap_or("").contains("never changed")
                || p.to_string().contains("never changed"),
            "{p}"
        );
        let (st, n) = sw
            .post(
                &format!("/api/v1/case-notes/{id}/corrections"),
                &json!({"text": "It was 09:15, not 09:30"}),
            )
            .await;
        assert_eq!(st, 200, "{n}");
        assert_eq!(
            n["body"],
            "Both children seen at home; kitchen stocked; mother tired"
        );
        assert_eq!(n["corrections"][0]["text"], "It was 09:15, not 09:30");
        assert!(
            n["corrected_by"][0]
                .as_str()
                .unwrap()
                .starts_with("Test social-worker"),
            "{n}"
        );
        // One note, on each child's record.
        for c in [&a, &b] {
            let (st, list) = sw.get(&format!("/api/v1/people/{c}/case-notes")).await;
            assert_eq!(st, 200, "{list}");
            assert_eq!(list.as_array().unwrap().len(), 1, "{list}");
            assert_eq!(list[0]["id"], id.as_str());
        }
        // A manager records oversight on the case.
        let mgr = s.api(&s.token("team-manager").await);
        let (st, n) = mgr
            .post(
                "/api/v1/case-notes",
                &note(json!({"kind": "management-oversight", "children": [a],
            "body": "Reviewed: plan to see both children alone next week", "final": true})),
            )
            .await;
        assert_eq!(
            (st, n["kind_label"].as_str()),
            (201, Some("Management oversight")),
            "{n}"
        );
    }
);

both_dbs!(
    the_chronology_gathers_every_event_filters_exports_and_is_analysed,
    |s: TestServer| async move {
        let (_, sw) = s.user_in("social-worker", "Team A").await;
        let (child_id, _) = allocated(&s, &sw, "Cal").await;
        let (st, n) = sw
            .post("/api/v1/case-notes", &json!({"children": [child_id], "kind": "phone-call", "occurred_at": "2026-11-20T09:45",
                "significant": true, "body": "=SUM(1) said the caller", "final": true}))
            .await;
        assert_eq!(st, 201, "{n}");
        let (st, c) = sw
            .get(&format!("/api/v1/people/{child_id}/chronology"))
            .await;
        assert_eq!(st, 200, "{c}");
        let kinds: Vec<&str> = c["entries"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["kind"].as_str().unwrap())
            .collect();
        for k in ["contact", "referral", "decision", "assessment", "case-note"] {
            assert!(kinds.contains(&k), "{k} missing: {kinds:?}");
        }
        let (_, only) = sw
            .get(&format!(
                "/api/v1/people/{child_id}/chronology?kind=case-note&significant=true"
            ))
            .await;
        assert_eq!(only["entries"].as_array().unwrap().len(), 1, "{only}");
        let (st, p) = sw
            .get(&format!(
                "/api/v1/people/{child_id}/chronology?from=2026-13-01"
            ))
            .await;
        assert_eq!((st, codes(&p)[0].0.as_str()), (400, "from"), "{p}");
        let (st, p) = sw
            .get(&format!("/api/v1/people/{child_id}/chronology?kind=gossip"))
            .await;
        assert_eq!((st, codes(&p)[0].1.as_str()), (400, "unknown_code"), "{p}");
        // The page's filter is typed as GOV.UK dates: 31 February is refused beside the day box,
        // keeping what was typed; a real date filters.
        let page = s.browser("social-worker").await;
        let (st, html) = page
            .get(&format!(
                "/people/{child_id}/chronology?from-day=31&from-month=2&from-year=2026"
            ))
            .await;
        assert_eq!(st, 400, "{html}");
        assert!(html.contains("href=\"#from-day\""), "{html}");
        assert!(html.contains("name=\"from-day\" type=\"text\" inputmode=\"numeric\" value=\"31\""));
        let (st, html) = page
            .get(&format!(
                "/people/{child_id}/chronology?from-day=1&from-month=1&from-year=2030"
            ))
            .await;
        assert_eq!(st, 200);
        assert!(html.contains("value=\"2030\""));
        assert!(
            !html.contains("Referral decided"),
            "nothing before 2030: {html}"
        );
        // CSV: a header, a line per event, and a formula left inert.
        let res = reqwest::Client::new()
            .get(format!(
                "{}/api/v1/people/{child_id}/chronology.csv",
                s.base
            ))
            .bearer_auth(&sw.token)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 200);
        assert!(res.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/csv"));
        let csv = res.text().await.unwrap();
        assert!(
            csv.starts_with("Date,Time,Kind,Significant,What happened\r\n"),
            "{csv}"
        );
        assert!(
            csv.contains("Phone call: =SUM(1)") && !csv.contains(",=SUM"),
            "{csv}"
        );
        // The worker's analysis, versioned.
        let path = format!("/api/v1/people/{child_id}/chronology/analysis");
        let (st, p) = sw
            .send(Method::PUT, &path, &json!({"version": 0, "text": " "}))
            .await;
        assert_eq!(
            (st, codes(&p)),
            (400, vec![("text".into(), "required".into())]),
            "{p}"
        );
        let (st, c) = sw
            .send(
                Method::PUT,
                &path,
                &json!({"version": 0, "text": "Calls cluster after contact weekends"}),
            )
            .await;
        assert_eq!(
            (st, c["analysis"].as_str()),
            (200, Some("Calls cluster after contact weekends")),
            "{c}"
        );
        let (st, p) = sw
            .send(Method::PUT, &path, &json!({"version": 0, "text": "Stale"}))
            .await;
        assert_eq!((st, p["code"].as_str()), (409, Some("stale")), "{p}");
    }
);

// The child's summary: the open episode and its stage, who holds the case, what is due next with
// its explanation, alerts, history and the latest notes.
both_dbs!(
    the_childs_summary_says_where_the_case_stands,
    |s: TestServer| async move {
        let (_, sw) = s.user_in("social-worker", "Team A").await;
        let (child_id, _) = allocated(&s, &sw, "Dee").await;
        let (st, n) = sw
            .post("/api/v1/case-notes", &json!({"children": [child_id], "kind": "direct-work", "occurred_at": "2026-11-20T09:00",
                "body": "Worked on a three houses tool with Dee", "final": true}))
            .await;
        assert_eq!(st, 201, "{n}");
        let (st, sum) = sw.get(&format!("/api/v1/people/{child_id}/summary")).await;
        assert_eq!(st, 200, "{sum}");
        assert_eq!(
            sum["stage"], "Assessment in progress since 20 November 2026",
            "{sum}"
        );
        assert!(
            sum["episode"]
                .as_str()
                .unwrap()
                .starts_with("Open since 20 November 2026: primary need N1"),
            "{sum}"
        );
        assert!(
            sum["worker"]
                .as_str()
                .unwrap()
                .starts_with("Test social-worker"),
            "{sum}"
        );
        assert_eq!(sum["team"], "Team A");
        // The referrer has not been acknowledged: that is the next thing due (Monday 23 November).
        assert_eq!(
            sum["next_due"]["title"], "Acknowledgement to the referrer",
            "{sum}"
        );
        assert_eq!(sum["next_due"]["due_date"], "2026-11-23");
        let history: Vec<&str> = sum["history"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h["what"].as_str().unwrap())
            .collect();
        assert!(
            history
                .iter()
                .any(|h| h.starts_with("Referral: Child and family assessment")),
            "{history:?}"
        );
        assert!(
            history
                .iter()
                .any(|h| h.starts_with("Assessment (in progress)")),
            "{history:?}"
        );
        assert_eq!(
            sum["recent_notes"][0]["what"],
            "Direct work with the child (final)"
        );
        assert!(sum["last_oversight"].is_null());
    }
);

// The team view: caseload per worker with FTE, overdue work, oversight per case; moving a
// worker's children (refused for a disabled account, naming it); cover showing the absent
// worker's tasks in the covering worker's My work.
both_dbs!(
    the_team_view_reassignment_and_cover,
    |s: TestServer| async move {
        let (_, sw) = s.user_in("social-worker", "Team T").await;
        let (_, mgr) = s.user_in("team-manager", "Team T").await;
        let (_, other) = s.user_in("social-worker", "Team T").await;
        let (child_id, _) = allocated(&s, &sw, "Eli").await;
        let (_, me) = sw.get("/api/v1/me").await;
        let (_, them) = other.get("/api/v1/me").await;
        let (st, t) = mgr.get("/api/v1/team").await;
        assert_eq!(st, 200, "{t}");
        let row = |t: &Value, id: &Value| {
            t["workers"]
                .as_array()
                .unwrap()
                .iter()
                .find(|w| w["id"] == *id)
                .cloned()
                .unwrap_or_else(|| panic!("{id} not in {t}"))
        };
        assert_eq!(
            (
                row(&t, &me["id"])["children"].as_i64(),
                row(&t, &me["id"])["fte"].as_f64()
            ),
            (Some(1), Some(1.0))
        );
        assert!(
            t["cases"]
                .as_array()
                .unwrap()
                .iter()
                .any(|c| c["child_id"] == child_id.as_str() && c["last_oversight"].is_null()),
            "{t}"
        );
        // FTE 0.5: one child is 2 per FTE; nonsense is refused by field.
        let fte = format!("/api/v1/team/members/{}/fte", me["id"].as_str().unwrap());
        let (st, p) = mgr.send(Method::PUT, &fte, &json!({"fte": "1.5"})).await;
        assert_eq!(
            (st, codes(&p)),
            (400, vec![("fte".into(), "invalid".into())]),
            "{p}"
        );
        let (st, t) = mgr.send(Method::PUT, &fte, &json!({"fte": "0.5"})).await;
        assert_eq!(
            (st, row(&t, &me["id"])["children_per_fte"].as_f64()),
            (200, Some(2.0)),
            "{t}"
        );
        // Cover: the other worker acts for this one from today to Friday 27 November.
        let (st, p) = mgr.post("/api/v1/team/cover", &json!({"absent_worker": me["id"], "covering_worker": me["id"], "from": "2026-11-20", "to": "2026-11-27"})).await;
        assert_eq!((st, codes(&p)[0].1.as_str()), (400, "same_person"), "{p}");
        let (st, t) = mgr.post("/api/v1/team/cover", &json!({"absent_worker": me["id"], "covering_worker": them["id"], "from": "2026-11-20", "to": "2026-11-27"})).await;
        assert_eq!(st, 200, "{t}");
        assert!(
            row(&t, &me["id"])["covered_by"]
                .as_str()
                .unwrap()
                .starts_with("Test social-worker"),
            "{t}"
        );
        let (_, w) = other.get("/api/v1/my-work").await;
        let acting: Vec<(String, String, String)> = tasks(&w);
        assert!(
            acting
                .iter()
                .any(|t| t.2 == child_id && t.0.contains("acting for a colleague")),
            "{w}"
        );
        // Reassignment to a disabled account is refused, nothing moves.
        let (_, leaver) = s.user_in("social-worker", "Team T").await;
        let (_, gone) = leaver.get("/api/v1/me").await;
        let mut tx = s.app.db.begin().await.unwrap();
        tx.users()
            .set_disabled(
                hearth_domain::ids::UserId(gone["id"].as_str().unwrap().parse().unwrap()),
                true,
                common::start_time(),
            )
            .await
            .unwrap();
        tx.commit().await.unwrap();
        let (st, p) = mgr
            .post(
                "/api/v1/team/reassignments",
                &json!({"from_worker": me["id"], "to_worker": gone["id"]}),
            )
            .await;
        assert_eq!(
            (st, codes(&p)),
            (400, vec![("to_worker".into(), "disabled".into())]),
            "{p}"
        );
        assert!(p.to_string().contains("disabled"), "{p}");
        // Moved to the other worker: the child and their tasks go with it.
        let (st, t) = mgr
            .post(
                "/api/v1/team/reassignments",
                &json!({"from_worker": me["id"], "to_worker": them["id"]}),
            )
            .await;
        assert_eq!(st, 200, "{t}");
        assert_eq!(row(&t, &me["id"])["children"].as_i64(), Some(0));
        assert_eq!(row(&t, &them["id"])["children"].as_i64(), Some(1));
        let (_, w) = sw.get("/api/v1/my-work").await;
        assert!(!tasks(&w).iter().any(|t| t.2 == child_id), "{w}");
        // A social worker has no team view.
        let (st, _) = sw.get("/api/v1/team").await;
        assert_eq!(st, 403);
    }
);

// An agency asked for information has a reply-due date and shows as a task: the working-together
// preset's choice is 5 working days, so a request on Friday 20 November is due Friday 27
// November. Recording the reply completes the task.
both_dbs!(
    an_agency_request_is_a_task_until_the_reply_is_recorded,
    |s: TestServer| async move {
        let (_, sw) = s.user_in("social-worker", "Team A").await;
        let (child_id, aid) = allocated(&s, &sw, "Fin").await;
        let (st, a) = sw
            .post(
                &format!("/api/v1/assessments/{aid}/agency-requests"),
                &json!({"agency": "Oak Primary",
                "agency_type": "school", "asked": "Attendance and presentation"}),
            )
            .await;
        assert_eq!(st, 201, "{a}");
        let (_, w) = sw.get("/api/v1/my-work").await;
        let reply = tasks(&w)
            .into_iter()
            .find(|t| t.0 == "Reply from an agency" && t.2 == child_id)
            .unwrap_or_else(|| panic!("no reply task: {w}"));
        assert_eq!(reply.1, "2026-11-27");
        let request = a["agency_requests"][0]["id"].as_str().unwrap().to_string();
        let (st, a) = sw
            .post(
                &format!("/api/v1/assessments/{aid}/agency-requests/{request}/response"),
                &json!({"response": "Attendance 82%"}),
            )
            .await;
        assert_eq!(st, 200, "{a}");
        let (_, w) = sw.get("/api/v1/my-work").await;
        assert!(
            !tasks(&w).iter().any(|t| t.0 == "Reply from an agency"),
            "{w}"
        );
    }
);

// Dates are typed as GOV.UK date inputs: a contact received on 31 February 2026 is refused with a
// specific message, and nothing is recorded.
both_dbs!(
    a_contact_dated_31_february_is_refused_on_the_page,
    |s: TestServer| async move {
        let b = s.browser("front-door").await;
        let (_, page) = b.get("/contacts/new").await;
        let csrf = common::extract(&page, "_csrf");
        assert!(
            page.contains("received_on-day"),
            "the form asks for day, month and year"
        );
        let r = b
            .post_form(
                "/contacts/new",
                &[
                    ("_csrf", csrf.as_str()),
                    ("received_on-day", "31"),
                    ("received_on-month", "2"),
                    ("received_on-year", "2026"),
                    ("received_time", "09:00"),
                    ("source", "2A"),
                    ("method", "phone"),
                    ("contact_name", "School DSL"),
                    ("summary", "Worried"),
                    ("urgency", "routine"),
                    ("information_only", "yes"),
                    ("consent", "given"),
                ],
            )
            .await;
        assert_eq!(r.status(), 400);
        let body = r.text().await.unwrap();
        assert!(
            body.contains("Enter a real date and time when the contact was received"),
            "{body}"
        );
        assert!(
            body.contains("href=\"#received_on-day\""),
            "the error links to the day box"
        );
    }
);

// "Which child is it?" never offers an adult as a child (Children Act 1989 s105(1)), and tells
// children apart by date of birth.
both_dbs!(
    the_contact_form_offers_children_only,
    |s: TestServer| async move {
        let fd = s.api(&s.token("front-door").await);
        let kid = child(&fd, "Gale").await;
        let (st, adult) = fd
            .post(
                "/api/v1/people?confirm_not_duplicate=true",
                &json!({"kind": "adult", "given_names": "Gale", "family_name": "Daytest", "date_of_birth": "1980-01-01"}),
            )
            .await;
        assert_eq!(st, 201, "{adult}");
        let b = s.browser("front-door").await;
        let (st, page) = b.get("/contacts/new?q=Gale").await;
        assert_eq!(st, 200);
        assert!(
            page.contains(&format!("value=\"{kid}\"")),
            "the child is offered"
        );
        assert!(
            page.contains("born 6 June 2016"),
            "with their date of birth"
        );
        assert!(
            !page.contains(adult["id"].as_str().unwrap()),
            "the adult is not offered"
        );
    }
);

// Unallocated children with their sibling group allocated together: allocating one child with
// "with_siblings" allocates the brother waiting too, to the same worker; a sibling already held
// by someone else is left with them.
both_dbs!(
    a_sibling_group_is_allocated_together,
    |s: TestServer| async move {
        let fd = s.api(&s.token("front-door").await);
        let (_, sw) = s.user_in("social-worker", "Team A").await;
        let mgr = s.api(&s.token("team-manager").await);
        let mut episodes = Vec::new();
        let mut ids = Vec::new();
        for given in ["Hal", "Ivo"] {
            let id = child(&fd, given).await;
            let (_, rid) = common::refer(&fd, &id).await;
            let (_, r) = fd.get(&format!("/api/v1/referrals/{rid}")).await;
            let (st, r) = sw
                .post(&format!("/api/v1/referrals/{rid}/decision"), &json!({"version": r["version"], "outcomes": ["assessment"],
                    "threshold": "moderate", "primary_need": "N1", "rationale": "Needs an assessment",
                    "feedback_to_referrer": "An assessment will start."}))
                .await;
            assert_eq!(st, 200, "{r}");
            episodes.push(r["episode"]["id"].as_str().unwrap().to_string());
            ids.push(id);
        }
        let (st, r) = sw
            .post("/api/v1/relationships", &json!({"from_person": ids[0], "to_person": ids[1], "kind": "sibling", "lives_with": true}))
            .await;
        assert_eq!(st, 201, "{r}");
        let (_, me) = sw.get("/api/v1/me").await;
        let (st, ep) = mgr
            .post(
                &format!("/api/v1/episodes/{}/allocation", episodes[0]),
                &json!({"team_id": me["team_id"], "worker_id": me["id"], "with_siblings": true}),
            )
            .await;
        assert_eq!(st, 200, "{ep}");
        let (_, sum) = sw.get(&format!("/api/v1/people/{}/summary", ids[1])).await;
        assert!(
            sum["worker"]
                .as_str()
                .unwrap_or("")
                .starts_with("Test social-worker"),
            "the brother is held too: {sum}"
        );
        let (_, w) = sw.get("/api/v1/my-work").await;
        let allocated: Vec<&str> = w["newly_allocated"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["child_id"].as_str().unwrap())
            .collect();
        assert!(
            allocated.contains(&ids[0].as_str()) && allocated.contains(&ids[1].as_str()),
            "{w}"
        );
    }
);

// What the front door learned from other agencies carries into the assessment.
both_dbs!(
    front_door_agency_checks_carry_into_the_assessment,
    |s: TestServer| async move {
        let fd = s.api(&s.token("front-door").await);
        let (_, sw) = s.user_in("social-worker", "Team A").await;
        let id = child(&fd, "Jude").await;
        let (_, rid) = common::refer(&fd, &id).await;
        let (st, r) = fd
            .post(
                &format!("/api/v1/referrals/{rid}/agency-checks"),
                &json!({"agency": "Health visiting",
                "shared": "Name and concerns", "learned": "Missed two weight checks"}),
            )
            .await;
        assert_eq!(st, 201, "{r}");
        let (st, r) = sw
            .post(
                &format!("/api/v1/referrals/{rid}/decision"),
                &json!({"version": r["version"], "outcomes": ["assessment"],
                "threshold": "moderate", "primary_need": "N1", "rationale": "Needs an assessment",
                "feedback_to_referrer": "An assessment will start."}),
            )
            .await;
        assert_eq!(st, 200, "{r}");
        let (st, a) = sw
            .post(
                "/api/v1/assessments",
                &json!({"person_id": id, "origin": "referral-decision", "referral_id": rid}),
            )
            .await;
        assert_eq!(st, 201, "{a}");
        assert_eq!(
            a["front_door_checks"][0]["agency"], "Health visiting",
            "{a}"
        );
        assert_eq!(
            a["front_door_checks"][0]["learned"],
            "Missed two weight checks"
        );
    }
);

// A visit records its time, whether it was announced, and where the child was seen.
both_dbs!(
    a_visit_records_its_time_kind_and_place,
    |s: TestServer| async move {
        let (_, sw) = s.user_in("social-worker", "Team A").await;
        let (_, aid) = allocated(&s, &sw, "Kit").await;
        let visit = |extra: Value| {
            let mut v = json!({"visit_date": "2026-11-20", "child_seen": true, "seen_alone": true,
                "who_was_seen": "Kit alone", "visit_time": "08:15", "visit_kind": "unannounced", "place": "school"});
            for (k, x) in extra.as_object().unwrap() {
                v[k] = x.clone();
            }
            v
        };
        let path = format!("/api/v1/assessments/{aid}/visits");
        let (st, p) = sw
            .post(
                &path,
                &visit(json!({"visit_time": "25:00", "place": "pub"})),
            )
            .await;
        assert_eq!(st, 400, "{p}");
        let fields: Vec<(String, String)> = codes(&p);
        assert!(
            fields.contains(&("visit_time".into(), "invalid_time".into())),
            "{p}"
        );
        assert!(
            fields.contains(&("place".into(), "unknown_code".into())),
            "{p}"
        );
        let (st, a) = sw.post(&path, &visit(json!({}))).await;
        assert_eq!(st, 201, "{a}");
        let v = &a["visits"][0];
        assert_eq!(
            (
                v["visit_time"].as_str(),
                v["kind"].as_str(),
                v["place"].as_str()
            ),
            (Some("08:15:00"), Some("unannounced"), Some("school")),
            "{a}"
        );
    }
);
