//! The front door through the API, on SQLite and PostgreSQL: a partner's referral form (drafts,
//! stale saves, submission), screening, consent overrides, the decision within one working day
//! across a weekend and a bank holiday, the episode of need, allocation, and refusals that write
//! nothing.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use chrono::{TimeZone, Utc};
use common::TestServer;
use reqwest::Method;
use serde_json::{json, Value};

fn complete_form() -> Value {
    json!({
        "referrer_name": "Sam Teacher", "referrer_role": "Designated safeguarding lead",
        "referrer_agency": "Oak Primary School", "referrer_email": "dsl@oak.example",
        "source": "2A", "child_given_names": "Jody", "child_family_name": "Marchbank",
        "child_date_of_birth": "2018-03-04", "child_sex": "2", "child_address": "1 Test Street",
        "consent": "refused", "consent_why": "Mother does not want the school involved",
        "concerns_child_development": "Arrives hungry most days and has lost weight",
        "concerns_parenting_capacity": "Mother appears unable to cope since the baby was born",
        "referrer_expects": "An assessment of the family's needs"
    })
}

fn codes(p: &Value) -> Vec<(String, String)> {
    p["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["field"].as_str().unwrap().to_string(),
                e["code"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

async fn audit_actions(s: &TestServer) -> Vec<String> {
    let mut tx = s.app.db.begin().await.unwrap();
    let rows = tx.recent_audit(500).await.unwrap();
    tx.rollback().await.unwrap();
    rows.into_iter().map(|r| r.action).collect()
}

/// Submits a complete form as a partner; returns (partner api, form view).
async fn submitted_form(s: &TestServer) -> (common::Api, Value) {
    let partner = s.api(&s.token("partner-referrer").await);
    let (st, form) = partner.post("/api/v1/referral-forms", &json!(null)).await;
    assert_eq!(st, 201, "{form}");
    let id = form["id"].as_str().unwrap().to_string();
    let (st, f) = partner
        .send(
            Method::POST,
            &format!("/api/v1/referral-forms/{id}/submit?version=1"),
            &complete_form(),
        )
        .await;
    assert_eq!(st, 200, "{f}");
    (partner, f)
}

both_dbs!(
    a_partner_referral_is_decided_and_the_partner_sees_the_feedback,
    |s: TestServer| async move {
        let partner = s.api(&s.token("partner-referrer").await);
        let (st, form) = partner.post("/api/v1/referral-forms", &json!(null)).await;
        assert_eq!(st, 201, "{form}");
        let id = form["id"].as_str().unwrap().to_string();
        // Drafts are saved as typed; a stale save is refused, not merged.
        let (st, saved) = partner
            .send(
                Method::PUT,
                &format!("/api/v1/referral-forms/{id}?version=1"),
                &json!({"child_given_names": "Jody"}),
            )
            .await;
        assert_eq!((st, saved["version"].as_i64()), (200, Some(2)), "{saved}");
        let (st, stale) = partner
            .send(
                Method::PUT,
                &format!("/api/v1/referral-forms/{id}?version=1"),
                &json!({"child_given_names": "Jo"}),
            )
            .await;
        assert_eq!(
            (st, stale["code"].as_str()),
            (409, Some("stale")),
            "{stale}"
        );
        let (_, back) = partner.get(&format!("/api/v1/referral-forms/{id}")).await;
        assert_eq!(back["form"]["child_given_names"], "Jody");
        // An unknown field is named, and an incomplete form reports every problem.
        let (st, unknown) = partner
            .send(
                Method::PUT,
                &format!("/api/v1/referral-forms/{id}?version=2"),
                &json!({"childname": "x"}),
            )
            .await;
        assert_eq!(st, 400, "{unknown}");
        let mut bad = complete_form();
        bad["source"] = json!("ZZ");
        bad["consent_why"] = json!("");
        let (st, p) = partner
            .send(
                Method::POST,
                &format!("/api/v1/referral-forms/{id}/submit?version=2"),
                &bad,
            )
            .await;
        assert_eq!(st, 400, "{p}");
        let c = codes(&p);
        assert!(
            c.contains(&("source".into(), "unknown_code".into())),
            "{c:?}"
        );
        assert!(
            c.contains(&("consent_why".into(), "required".into())),
            "{c:?}"
        );
        let (_, still) = partner.get(&format!("/api/v1/referral-forms/{id}")).await;
        assert_eq!(
            still["status"], "draft",
            "a refused submission leaves the draft"
        );
        // Submitted on Friday 20 November 2026: the decision is due by Monday 23 November.
        let (st, f) = partner
            .send(
                Method::POST,
                &format!("/api/v1/referral-forms/{id}/submit?version=2"),
                &complete_form(),
            )
            .await;
        assert_eq!(st, 200, "{f}");
        let ack = f["acknowledgement"].as_str().unwrap();
        assert!(
            ack.contains("MARF-") && ack.contains("23 November 2026"),
            "{ack}"
        );
        // Another partner cannot see it; partners cannot open the front door.
        let other = s.api(&s.token("partner-referrer").await);
        assert_eq!(
            other.get(&format!("/api/v1/referral-forms/{id}")).await.0,
            403
        );
        assert_eq!(partner.get("/api/v1/front-door").await.0, 403);

        let fd = s.api(&s.token("front-door").await);
        let dec = s.api(&s.token("social-worker").await);
        let (st, q) = fd.get("/api/v1/front-door").await;
        assert_eq!(st, 200, "{q}");
        let contact_id = q["contacts"][0]["contact_id"].as_str().unwrap().to_string();
        assert!(q["contacts"][0]["children"][0]
            .as_str()
            .unwrap()
            .contains("Jody Marchbank"));
        let (st, p) = fd
            .post(
                &format!("/api/v1/contacts/{contact_id}/outcome"),
                &json!({"version": 1, "outcomes": ["becomes-referral"]}),
            )
            .await;
        assert_eq!((st, codes(&p)[0].0.as_str()), (400, "children"), "{p}");
        let (st, c) = fd
            .post(
                &format!("/api/v1/contacts/{contact_id}/children"),
                &json!({"create_from_form": true}),
            )
            .await;
        assert_eq!(st, 200, "{c}");
        assert_eq!(c["children"][0]["name"], "Jody Marchbank");
        let (st, c) = fd.post(&format!("/api/v1/contacts/{contact_id}/outcome"), &json!({"version": c["version"], "outcomes": ["becomes-referral"], "notes": "Meets threshold for assessment"})).await;
        assert_eq!(st, 200, "{c}");
        let rid = c["referrals"][0].as_str().unwrap().to_string();
        let (st, r) = fd.get(&format!("/api/v1/referrals/{rid}")).await;
        assert_eq!(st, 200, "{r}");
        assert_eq!(r["clock"]["due_date"], "2026-11-23");
        assert_eq!(r["re_referral"], false);
        assert!(
            r["acknowledged_at"].is_string(),
            "the form's on-screen acknowledgement counts"
        );

        // Consent was refused: checks with other agencies need a manager's authorisation.
        let (st, p) = fd
            .post(
                &format!("/api/v1/referrals/{rid}/agency-checks"),
                &json!({"agency": "Health visiting", "shared": "Name and concerns"}),
            )
            .await;
        assert_eq!(
            (st, codes(&p)[0].1.as_str()),
            (400, "consent_required"),
            "{p}"
        );
        let (st, p) = fd
            .post(
                &format!("/api/v1/referrals/{rid}/sharing"),
                &json!({"basis": "manager-authorised", "reasons": "Risk to the child"}),
            )
            .await;
        assert_eq!(
            (st, codes(&p)[0].1.as_str()),
            (400, "manager_required"),
            "{p}"
        );
        // Seed 004: even on the significant-harm basis, "the manager should authorise the
        // discussion of the Referral with other agencies … The authorisation should be recorded
        // with reasons."
        let (st, p) = fd
            .post(
                &format!("/api/v1/referrals/{rid}/sharing"),
                &json!({"basis": "significant-harm", "reasons": "Disclosure of harm"}),
            )
            .await;
        assert_eq!(
            (st, codes(&p)[0].clone()),
            (400, ("basis".to_string(), "manager_required".to_string())),
            "{p}"
        );
        let manager = s.api(&s.token("team-manager").await);
        let (st, p) = manager
            .post(
                &format!("/api/v1/referrals/{rid}/sharing"),
                &json!({"basis": "manager-authorised", "reasons": "  "}),
            )
            .await;
        assert_eq!((st, codes(&p)[0].0.as_str()), (400, "reasons"), "{p}");
        let (st, r) = manager.post(&format!("/api/v1/referrals/{rid}/sharing"), &json!({"basis": "manager-authorised", "reasons": "Weight loss in a young child: health must be asked"})).await;
        assert_eq!(st, 200, "{r}");
        assert_eq!(r["sharing"]["basis"]["basis"], "manager-authorised");
        let (st, r) = fd.post(&format!("/api/v1/referrals/{rid}/agency-checks"), &json!({"agency": "Health visiting", "shared": "Name and concerns", "learned": "Missed two weight checks"})).await;
        assert_eq!(st, 201, "{r}");
        assert_eq!(r["agency_checks"][0]["with_consent"], false);

        // Refused decisions write nothing.
        let v = r["version"].clone();
        let (st, p) = dec.post(&format!("/api/v1/referrals/{rid}/decision"), &json!({"version": v, "outcomes": ["assessment"], "threshold": "moderate", "primary_need": "N1", "feedback_to_referrer": "Thank you; we have decided and will tell you what happens next."})).await;
        assert_eq!(st, 400, "{p}");
        assert!(
            codes(&p).contains(&("rationale".into(), "required".into())),
            "{p}"
        );
        // Seed 001: the father refused consent, so a section 17 assessment alone cannot go ahead.
        assert!(
            codes(&p).contains(&("outcomes".into(), "consent_refused".into())),
            "{p}"
        );
        let (st, p) = dec.post(&format!("/api/v1/referrals/{rid}/decision"), &json!({"version": v, "outcomes": ["no-further-action"], "threshold": "concerns", "rationale": "Below threshold"})).await;
        assert_eq!(st, 400, "{p}");
        assert!(codes(&p).contains(&("feedback_to_referrer".into(), "required".into())));
        let (_, r) = fd.get(&format!("/api/v1/referrals/{rid}")).await;
        assert_eq!(
            (r["status"].as_str(), r["episode"].is_null()),
            (Some("awaiting-decision"), true)
        );

        // Decided on Monday 23 November: met on time; the episode of need opens.
        s.clock
            .set(Utc.with_ymd_and_hms(2026, 11, 23, 11, 0, 0).unwrap());
        let (st, r) = dec.post(&format!("/api/v1/referrals/{rid}/decision"), &json!({
            "version": v, "outcomes": ["strategy-discussion", "assessment"], "threshold": "serious", "primary_need": "N1",
            "rationale": "Weight loss and a parent struggling to cope: moderate concerns across two domains",
            "consent_override_reasons": "An infant losing weight with missed health checks: likely significant harm",
            "parents_told": "Mother and father told by phone that health and police will be consulted, and why",
            "feedback_to_referrer": "We are starting a child and family assessment; the social worker will contact you."})).await;
        assert_eq!(st, 200, "{r}");
        assert_eq!(
            r["clock"]["status_label"]
                .as_str()
                .map(|s| s.starts_with("Met on time")),
            Some(true),
            "{}",
            r["clock"]
        );
        assert_eq!(r["episode"]["referral_date"], "2026-11-20");
        assert_eq!(r["episode"]["source"], "2A");
        assert_eq!(r["episode"]["referral_nfa"], false);
        assert!(r["episode"]["closure_date"].is_null());
        let (st, p) = dec.post(&format!("/api/v1/referrals/{rid}/decision"), &json!({"version": r["version"], "outcomes": ["services"], "threshold": "moderate", "rationale": "again", "primary_need": "N1", "feedback_to_referrer": "Thank you; we have decided and will tell you what happens next."})).await;
        assert_eq!(st, 409, "{p}");

        // The partner sees the feedback, and nothing else of the council's record.
        let (_, mine) = partner.get("/api/v1/referral-forms").await;
        assert_eq!(
            mine[0]["feedback"][0]["text"],
            "We are starting a child and family assessment; the social worker will contact you."
        );
        let child = r["child"]["id"].as_str().unwrap();
        assert_eq!(partner.get(&format!("/api/v1/people/{child}")).await.0, 403);

        // Every step is in the audit log.
        let actions = audit_actions(&s).await;
        for a in [
            "referral-form.start",
            "referral-form.save",
            "referral-form.submit",
            "contact.create",
            "contact.link-child",
            "contact.conclude",
            "referral.create",
            "referral.share-without-consent",
            "referral.agency-check",
            "referral.decide",
            "referral.feedback",
        ] {
            assert!(
                actions.iter().any(|x| x == a),
                "audit lacks {a}: {actions:?}"
            );
        }

        // Allocation: managers see unallocated work and allocate it; others cannot.
        let sw = s.api(&s.token("social-worker").await);
        let (_, me) = sw.get("/api/v1/me").await;
        let episode = r["episode"]["id"].as_str().unwrap().to_string();
        assert_eq!(fd.get("/api/v1/episodes/unallocated").await.0, 403);
        let (_, un) = manager.get("/api/v1/episodes/unallocated").await;
        assert!(
            un.as_array()
                .unwrap()
                .iter()
                .any(|u| u["episode_id"] == episode.as_str()),
            "{un}"
        );
        let (st, p) = manager
            .post(
                &format!("/api/v1/episodes/{episode}/allocation"),
                &json!({"team_id": me["team_id"], "worker_id": me["team_id"]}),
            )
            .await;
        assert_eq!((st, codes(&p)[0].1.as_str()), (400, "unknown_user"), "{p}");
        let (st, ep) = manager
            .post(
                &format!("/api/v1/episodes/{episode}/allocation"),
                &json!({"team_id": me["team_id"], "worker_id": me["id"]}),
            )
            .await;
        assert_eq!(st, 200, "{ep}");
        assert_eq!(ep["allocated_worker"], me["id"]);
        let (_, un) = manager.get("/api/v1/episodes/unallocated").await;
        assert!(!un
            .as_array()
            .unwrap()
            .iter()
            .any(|u| u["episode_id"] == episode.as_str()));
    }
);

both_dbs!(
    the_one_working_day_clock_skips_weekends_and_bank_holidays,
    |s: TestServer| async move {
        let fd = s.api(&s.token("front-door").await);
        let dec = s.api(&s.token("social-worker").await);
        let sw = s.api(&s.token("social-worker").await);
        let (st, child) = sw.post("/api/v1/people?confirm_not_duplicate=true", &json!({"kind": "child", "given_names": "Robin", "family_name": "Testcase", "date_of_birth": "2015-06-01"})).await;
        assert_eq!(st, 201, "{child}");
        let child_id = child["id"].as_str().unwrap().to_string();
        let contact = |received: &str| {
            json!({
            "received_at": received, "source": "5A", "method": "police-notification", "contact_name": "PC Example",
            "contact_agency": "Police", "summary": "Domestic abuse incident at the home; child present", "urgency": "urgent",
            "children": [child_id], "consent": "not-sought", "consent_why": "Police notification"})
        };
        // Refusals: a future receipt time and an unknown source code.
        let mut future = contact("2026-11-21T09:00");
        let (st, p) = fd.post("/api/v1/contacts", &future).await;
        assert_eq!(
            (st, codes(&p)[0].clone()),
            (400, ("received_at".into(), "future_date".into())),
            "{p}"
        );
        future["received_at"] = json!("2026-11-20T09:00");
        future["source"] = json!("9Z");
        let (st, p) = fd.post("/api/v1/contacts", &future).await;
        assert_eq!(
            (st, codes(&p)[0].clone()),
            (400, ("source".into(), "unknown_code".into())),
            "{p}"
        );

        // Received on Thursday 24 December 2026: Christmas Day is a Friday and Boxing Day's
        // substitute is Monday 28th, so the decision is due Tuesday 29 December.
        s.clock
            .set(Utc.with_ymd_and_hms(2026, 12, 24, 15, 0, 0).unwrap());
        let (st, c) = fd
            .post("/api/v1/contacts", &contact("2026-12-24T14:30"))
            .await;
        assert_eq!(st, 201, "{c}");
        let cid = c["id"].as_str().unwrap();
        let (_, c) = fd
            .post(
                &format!("/api/v1/contacts/{cid}/outcome"),
                &json!({"version": c["version"], "outcomes": ["becomes-referral", "cp-enquiry"]}),
            )
            .await;
        let rid = c["referrals"][0].as_str().unwrap().to_string();
        let (_, r) = fd.get(&format!("/api/v1/referrals/{rid}")).await;
        assert_eq!(r["clock"]["due_date"], "2026-12-29", "{}", r["clock"]);
        assert!(
            r["clock"]["explanation"]
                .as_str()
                .unwrap()
                .contains("Boxing Day"),
            "{}",
            r["clock"]["explanation"]
        );
        s.clock
            .set(Utc.with_ymd_and_hms(2026, 12, 28, 12, 0, 0).unwrap());
        let (_, q) = fd.get("/api/v1/front-door").await;
        let label = q["referrals"][0]["clock"]["status_label"]
            .as_str()
            .unwrap()
            .to_string();
        assert!(
            !label.contains("Overdue"),
            "on the bank holiday it is not yet overdue: {label}"
        );
        s.clock
            .set(Utc.with_ymd_and_hms(2026, 12, 30, 9, 0, 0).unwrap());
        let (_, q) = fd.get("/api/v1/front-door").await;
        let label = q["referrals"][0]["clock"]["status_label"]
            .as_str()
            .unwrap()
            .to_string();
        assert!(label.starts_with("Overdue"), "{label}");
        // Deciding late needs the reason.
        let decide = |late: &str| {
            json!({"version": r["version"], "outcomes": ["strategy-discussion"], "threshold": "serious",
            "primary_need": "N1", "rationale": "Child present at a serious incident", "late_reason": late, "feedback_to_referrer": "Thank you; we have decided and will tell you what happens next."})
        };
        let (st, p) = dec
            .post(&format!("/api/v1/referrals/{rid}/decision"), &decide(""))
            .await;
        assert_eq!(
            (st, codes(&p)[0].1.as_str()),
            (400, "late_reason_required"),
            "{p}"
        );
        let (st, d) = dec
            .post(
                &format!("/api/v1/referrals/{rid}/decision"),
                &decide("Police information arrived after the holiday"),
            )
            .await;
        assert_eq!(st, 200, "{d}");
        assert!(
            d["clock"]["status_label"]
                .as_str()
                .unwrap()
                .starts_with("Met late"),
            "{}",
            d["clock"]
        );

        // A second referral within 12 months is flagged and joins the open episode.
        s.clock
            .set(Utc.with_ymd_and_hms(2027, 2, 3, 10, 0, 0).unwrap());
        let (_, c2) = fd
            .post("/api/v1/contacts", &contact("2027-02-03T09:00"))
            .await;
        let cid2 = c2["id"].as_str().unwrap();
        let (_, c2) = fd
            .post(
                &format!("/api/v1/contacts/{cid2}/outcome"),
                &json!({"version": c2["version"], "outcomes": ["becomes-referral"]}),
            )
            .await;
        let rid2 = c2["referrals"][0].as_str().unwrap().to_string();
        let (_, r2) = fd.get(&format!("/api/v1/referrals/{rid2}")).await;
        assert_eq!(r2["re_referral"], true);
        assert_eq!(r2["previous_referral_date"], "2026-12-24");
        assert!(
            r2["history"]
                .as_array()
                .unwrap()
                .iter()
                .any(|h| h["kind"] == "episode"),
            "{}",
            r2["history"]
        );
        let (st, d2) = dec.post(&format!("/api/v1/referrals/{rid2}/decision"), &json!({"version": r2["version"], "outcomes": ["services"],
            "threshold": "moderate", "primary_need": "N4", "rationale": "Already open; add to the plan", "feedback_to_referrer": "Thank you; we have decided and will tell you what happens next."})).await;
        assert_eq!(st, 200, "{d2}");
        assert_eq!(
            d2["episode"]["id"], d["episode"]["id"],
            "one open episode per child"
        );
    }
);

both_dbs!(
    no_further_action_at_referral_closes_the_episode_with_referral_nfa,
    |s: TestServer| async move {
        let (_partner, f) = submitted_form(&s).await;
        let fd = s.api(&s.token("front-door").await);
        let dec = s.api(&s.token("social-worker").await);
        let cid = f["contact_id"].as_str().unwrap();
        let (_, c) = fd
            .post(
                &format!("/api/v1/contacts/{cid}/children"),
                &json!({"create_from_form": true}),
            )
            .await;
        // A form's contact concluded without a referral needs feedback for the referrer.
        let (st, p) = fd
            .post(
                &format!("/api/v1/contacts/{cid}/outcome"),
                &json!({"version": c["version"], "outcomes": ["advice-or-signposting"]}),
            )
            .await;
        assert_eq!((st, codes(&p)[0].0.as_str()), (400, "feedback"), "{p}");
        let (_, c) = fd
            .post(
                &format!("/api/v1/contacts/{cid}/outcome"),
                &json!({"version": c["version"], "outcomes": ["becomes-referral"]}),
            )
            .await;
        let rid = c["referrals"][0].as_str().unwrap();
        let (_, r) = fd.get(&format!("/api/v1/referrals/{rid}")).await;
        let (st, r) = dec.post(&format!("/api/v1/referrals/{rid}/decision"), &json!({"version": r["version"], "outcomes": ["no-further-action"],
            "threshold": "concerns", "rationale": "School can meet the need with the family hub",
            "feedback_to_referrer": "No further action by social care; please refer to the family hub."})).await;
        assert_eq!(st, 200, "{r}");
        assert_eq!(r["episode"]["referral_nfa"], true);
        assert_eq!(r["episode"]["closure_date"], "2026-11-20");
        assert_eq!(r["episode"]["primary_need"], "N0");
    }
);

// Issue 12, item 17: "Primary need code can be revised after the assessment (the census takes the
// latest)". The episode's primary need changes; the code it replaced is kept in the audit log; an
// unknown code is refused by name and changes nothing.
both_dbs!(
    the_primary_need_is_revised_after_the_assessment,
    |s: TestServer| async move {
        let fd = s.api(&s.token("front-door").await);
        let dec = s.api(&s.token("social-worker").await);
        let (st, child) = fd
            .post(
                "/api/v1/people?confirm_not_duplicate=true",
                &json!({"kind": "child", "given_names": "Nia", "family_name": "Needrevised", "date_of_birth": "2015-04-04"}),
            )
            .await;
        assert_eq!(st, 201, "{child}");
        let (_, rid) = common::refer(&fd, child["id"].as_str().unwrap()).await;
        let (_, r) = fd.get(&format!("/api/v1/referrals/{rid}")).await;
        let (st, r) = dec
            .post(
                &format!("/api/v1/referrals/{rid}/decision"),
                &json!({"version": r["version"], "outcomes": ["assessment"], "threshold": "moderate",
                    "primary_need": "N1", "rationale": "Needs an assessment", "feedback_to_referrer": "Thank you; we have decided and will tell you what happens next."}),
            )
            .await;
        assert_eq!(st, 200, "{r}");
        let episode = r["episode"]["id"].as_str().unwrap().to_string();
        assert_eq!(r["episode"]["primary_need"], "N1");
        let sw = s.api(&s.token("social-worker").await);
        let path = format!("/api/v1/episodes/{episode}/primary-need");
        let (st, p) = sw
            .send(Method::PUT, &path, &json!({"primary_need": "N12"}))
            .await;
        assert_eq!(st, 400, "{p}");
        assert_eq!(p["errors"][0]["code"], "unknown_code", "{p}");
        let (st, e) = sw
            .send(Method::PUT, &path, &json!({"primary_need": "N3"}))
            .await;
        assert_eq!(st, 200, "{e}");
        assert_eq!(e["primary_need"], "N3", "{e}");
        let (_, r) = fd.get(&format!("/api/v1/referrals/{rid}")).await;
        assert_eq!(r["episode"]["primary_need"], "N3", "{r}");
        let sql =
            "SELECT detail FROM audit_log WHERE action = 'episode.primary-need' AND record_id = $1";
        let rows: Vec<Option<String>> = match &s.app.db {
            hearth_store::Db::Sqlite { writer, .. } => sqlx::query_scalar(sql)
                .bind(&episode)
                .fetch_all(writer)
                .await
                .unwrap(),
            hearth_store::Db::Postgres(pool) => sqlx::query_scalar(sql)
                .bind(&episode)
                .fetch_all(pool)
                .await
                .unwrap(),
        };
        assert_eq!(rows, vec![Some("from=N1 to=N3".to_string())]);
    }
);

// Children Act 1989 s105(1): "'child' means ... a person under the age of eighteen". Contacts,
// referrals and episodes are for children under 18 or unborn, judged on the contact's (referral's)
// date; a refusal names the field and carries nothing about the person.
both_dbs!(
    children_only_an_adult_is_refused_by_field_and_an_unborn_child_counts,
    |s: TestServer| async move {
        let fd = s.api(&s.token("front-door").await);
        let sw = s.api(&s.token("social-worker").await);
        let person = |given: &str, birth: Value| {
            let mut p = json!({"kind": "child", "given_names": given, "family_name": "Agetest"});
            for (k, v) in birth.as_object().unwrap() {
                p[k] = v.clone();
            }
            p
        };
        let mut ids = Vec::new();
        for (given, birth) in [
            // 18 on 20 November 2026 (born 20 November 2008): an adult on the contact's date.
            ("Eighteen", json!({"date_of_birth": "2008-11-20"})),
            // 18 on 21 November 2026: still 17 on the 20th.
            ("Seventeen", json!({"date_of_birth": "2008-11-21"})),
            ("Unborn", json!({"expected_date_of_delivery": "2027-02-01"})),
        ] {
            let (st, p) = sw
                .post(
                    "/api/v1/people?confirm_not_duplicate=true",
                    &person(given, birth),
                )
                .await;
            assert_eq!(st, 201, "{p}");
            ids.push(p["id"].as_str().unwrap().to_string());
        }
        let (adult, seventeen, unborn) = (ids[0].clone(), ids[1].clone(), ids[2].clone());
        let contact = |children: Value| {
            json!({"received_at": "2026-11-20T09:00", "source": "3B", "method": "phone",
            "contact_name": "Health visitor", "summary": "Concerns about the home", "urgency": "routine",
            "children": children, "consent": "given", "young_person_consent": "given"})
        };
        // The second child named is 18 on the contact's date: refused, naming children.1.
        let (st, p) = fd
            .post("/api/v1/contacts", &contact(json!([seventeen, adult])))
            .await;
        assert_eq!(st, 400, "{p}");
        assert_eq!(codes(&p), vec![("children.1".into(), "not_a_child".into())]);
        let msg = p["errors"][0]["message"].as_str().unwrap();
        assert!(msg.contains("18 or over on 20 November 2026"), "{msg}");
        assert!(
            !msg.contains("Eighteen") && !msg.contains("2008"),
            "no personal data: {msg}"
        );
        // A 17-year-old and an unborn child are children.
        let (st, c) = fd
            .post("/api/v1/contacts", &contact(json!([seventeen, unborn])))
            .await;
        assert_eq!(st, 201, "{c}");
        let cid = c["id"].as_str().unwrap().to_string();
        // Linking the adult to it is refused too, naming person_id.
        let (st, p) = fd
            .post(
                &format!("/api/v1/contacts/{cid}/children"),
                &json!({"person_id": adult}),
            )
            .await;
        assert_eq!(
            (st, codes(&p)),
            (400, vec![("person_id".into(), "not_a_child".into())]),
            "{p}"
        );
        let (st, c) = fd
            .post(
                &format!("/api/v1/contacts/{cid}/outcome"),
                &json!({"version": c["version"], "outcomes": ["becomes-referral"]}),
            )
            .await;
        assert_eq!(st, 200, "{c}");
        assert_eq!(c["referrals"].as_array().unwrap().len(), 2, "{c}");

        // The 17-year-old's date of birth is corrected (born 19 November 2008: 18 on 19
        // November 2026, the day before the referral): no episode of need opens for them at the
        // decision. The unborn child's does.
        let mut by_child = std::collections::HashMap::new();
        for rid in c["referrals"].as_array().unwrap() {
            let rid = rid.as_str().unwrap().to_string();
            let (_, r) = fd.get(&format!("/api/v1/referrals/{rid}")).await;
            by_child.insert(r["child"]["id"].as_str().unwrap().to_string(), (rid, r));
        }
        let (st, p) = sw
            .send(
                Method::PUT,
                &format!("/api/v1/people/{seventeen}?version=1"),
                &person("Seventeen", json!({"date_of_birth": "2008-11-19"})),
            )
            .await;
        assert_eq!(st, 200, "{p}");
        let decide = |v: &Value| json!({"version": v["version"], "outcomes": ["assessment"], "threshold": "moderate", "primary_need": "N1", "rationale": "Needs an assessment", "feedback_to_referrer": "An assessment will start."});
        let (rid, r) = &by_child[&seventeen];
        let (st, p) = sw
            .post(&format!("/api/v1/referrals/{rid}/decision"), &decide(r))
            .await;
        assert_eq!(
            (st, codes(&p)),
            (400, vec![("person_id".into(), "not_a_child".into())]),
            "{p}"
        );
        assert!(
            p["errors"][0]["message"]
                .as_str()
                .unwrap()
                .contains("an episode of need"),
            "{p}"
        );
        let (rid, r) = &by_child[&unborn];
        let (st, d) = sw
            .post(&format!("/api/v1/referrals/{rid}/decision"), &decide(r))
            .await;
        assert_eq!(st, 200, "{d}");
    }
);

// Working Together 2018 ch.1: people should know "who they can contact if they wish to make a
// referral, require advice and/or support". A request for advice about no particular child needs
// no person record, and is concluded with advice or signposting alone.
both_dbs!(
    an_advice_contact_needs_no_child_and_any_other_outcome_needs_one,
    |s: TestServer| async move {
        let fd = s.api(&s.token("front-door").await);
        let advice = json!({"received_at": "2026-11-20T09:00", "source": "1C", "method": "phone",
            "contact_name": "A parent", "summary": "Asked where to get help with a teenager's behaviour",
            "urgency": "routine", "consent": "not-sought", "consent_why": "Advice only", "information_only": true});
        let (st, c) = fd.post("/api/v1/contacts", &advice).await;
        assert_eq!(st, 201, "{c}");
        let mut not_advice = advice.clone();
        not_advice["information_only"] = json!(false);
        let (st, p) = fd.post("/api/v1/contacts", &not_advice).await;
        assert_eq!((st, codes(&p)[0].0.as_str()), (400, "children"), "{p}");
        let cid = c["id"].as_str().unwrap();
        let (st, p) = fd
            .post(
                &format!("/api/v1/contacts/{cid}/outcome"),
                &json!({"version": c["version"], "outcomes": ["advice-or-signposting", "early-help"]}),
            )
            .await;
        assert_eq!(
            (st, codes(&p)),
            (400, vec![("children".into(), "required".into())]),
            "{p}"
        );
        let (st, c) = fd
            .post(
                &format!("/api/v1/contacts/{cid}/outcome"),
                &json!({"version": c["version"], "outcomes": ["advice-or-signposting"], "feedback": "Signposted to the family hub"}),
            )
            .await;
        assert_eq!((st, c["status"].as_str()), (200, Some("concluded")), "{c}");
        assert_eq!(c["outcomes"], json!(["advice-or-signposting"]));
        assert!(c["referrals"].as_array().unwrap().is_empty());
    }
);

// Working Together 2018 ch.1: "siblings within the family should always be considered ... the
// needs of individual children are distinct considerations". Each child a contact names gets their
// own outcome: the sibling with an open case is passed to it, the one without becomes a referral;
// "existing open case" for a child with none is refused, naming that child.
both_dbs!(
    each_sibling_gets_their_own_outcome_and_none_is_dropped,
    |s: TestServer| async move {
        let fd = s.api(&s.token("front-door").await);
        let mut ids = Vec::new();
        for (given, dob) in [("Opal", "2015-04-01"), ("Pip", "2018-09-09")] {
            let (st, p) = fd.post("/api/v1/people?confirm_not_duplicate=true", &json!({"kind": "child", "given_names": given, "family_name": "Siblingtest", "date_of_birth": dob})).await;
            assert_eq!(st, 201, "{p}");
            ids.push(p["id"].as_str().unwrap().to_string());
        }
        let (open_child, other) = (ids[0].clone(), ids[1].clone());
        // Opal already has an open episode.
        let (_, rid) = common::refer(&fd, &open_child).await;
        let (_, r) = fd.get(&format!("/api/v1/referrals/{rid}")).await;
        let sw = s.api(&s.token("social-worker").await);
        let (st, d) = sw.post(&format!("/api/v1/referrals/{rid}/decision"), &json!({"version": r["version"], "outcomes": ["assessment"], "threshold": "moderate", "primary_need": "N1", "rationale": "Needs an assessment", "feedback_to_referrer": "An assessment will start."})).await;
        assert_eq!(st, 200, "{d}");

        let (st, c) = fd.post("/api/v1/contacts", &json!({"received_at": "2026-11-20T09:30", "source": "2A", "method": "phone",
            "contact_name": "School DSL", "summary": "Both children arrived bruised", "urgency": "urgent",
            "children": [open_child, other], "consent": "given"})).await;
        assert_eq!(st, 201, "{c}");
        let cid = c["id"].as_str().unwrap().to_string();
        let url = format!("/api/v1/contacts/{cid}/outcome");
        // Passing both to "the existing open case": Pip has none, and is named.
        let (st, p) = fd
            .post(
                &url,
                &json!({"version": c["version"], "outcomes": ["existing-open-case"]}),
            )
            .await;
        assert_eq!(
            (st, codes(&p)),
            (
                400,
                vec![(format!("child_outcomes.{other}"), "no_open_case".into())]
            ),
            "{p}"
        );
        // Giving one child an outcome and leaving the other out is refused, naming the other.
        let (st, p) = fd
            .post(
                &url,
                &json!({"version": c["version"], "child_outcomes": [
            {"person_id": open_child, "outcomes": ["existing-open-case"]}]}),
            )
            .await;
        assert_eq!(
            (st, codes(&p)),
            (
                400,
                vec![(format!("child_outcomes.{other}"), "required".into())]
            ),
            "{p}"
        );
        // Each their own: Opal to her open case, Pip becomes a referral.
        let (st, c) = fd
            .post(
                &url,
                &json!({"version": c["version"], "child_outcomes": [
            {"person_id": open_child, "outcomes": ["existing-open-case"]},
            {"person_id": other, "outcomes": ["becomes-referral"]}]}),
            )
            .await;
        assert_eq!(st, 200, "{c}");
        assert_eq!(
            c["outcomes"],
            json!(["existing-open-case", "becomes-referral"])
        );
        let refs = c["referrals"].as_array().unwrap();
        assert_eq!(refs.len(), 1, "only Pip is referred: {c}");
        let (_, r) = fd
            .get(&format!("/api/v1/referrals/{}", refs[0].as_str().unwrap()))
            .await;
        assert_eq!(r["child"]["id"].as_str(), Some(other.as_str()), "{r}");
        let per: Vec<(String, Value)> = c["child_outcomes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| {
                (
                    x["person_id"].as_str().unwrap().to_string(),
                    x["outcomes"].clone(),
                )
            })
            .collect();
        assert!(
            per.contains(&(open_child.clone(), json!(["existing-open-case"]))),
            "{per:?}"
        );
        assert!(
            per.contains(&(other.clone(), json!(["becomes-referral"]))),
            "{per:?}"
        );
    }
);

// The screening page offers each child their own outcome when a contact names siblings; what is
// ticked for each child is what is recorded for them, and a refusal sits beside that child's
// boxes.
both_dbs!(
    the_screening_page_records_each_siblings_own_outcome,
    |s: TestServer| async move {
        let fd = s.api(&s.token("front-door").await);
        let mut ids = Vec::new();
        for (given, dob) in [("Quinn", "2014-01-01"), ("Rae", "2016-02-02")] {
            let (st, p) = fd.post("/api/v1/people?confirm_not_duplicate=true", &json!({"kind": "child", "given_names": given, "family_name": "Pagetest", "date_of_birth": dob})).await;
            assert_eq!(st, 201, "{p}");
            ids.push(p["id"].as_str().unwrap().to_string());
        }
        let (st, c) = fd
            .post(
                "/api/v1/contacts",
                &json!({"received_at": "2026-11-20T09:30", "source": "2A", "method": "phone",
            "contact_name": "School DSL", "summary": "Concerns about both", "urgency": "routine",
            "children": ids, "consent": "given"}),
            )
            .await;
        assert_eq!(st, 201, "{c}");
        let cid = c["id"].as_str().unwrap().to_string();
        let b = s.browser("front-door").await;
        let (st, page) = b.get(&format!("/contacts/{cid}")).await;
        assert_eq!(st, 200);
        assert!(
            page.contains("Outcome for Quinn Pagetest")
                && page.contains("Outcome for Rae Pagetest"),
            "per-child boxes"
        );
        let csrf = common::extract(&page, "_csrf");
        let version = c["version"].to_string();
        let quinn = format!("child_outcomes.{}", ids[0]);
        let rae = format!("child_outcomes.{}", ids[1]);
        // Rae's "existing open case" is refused beside Rae's boxes: she has none.
        let r = b
            .post_form(
                &format!("/contacts/{cid}/outcome"),
                &[
                    ("_csrf", &csrf),
                    ("version", &version),
                    (&quinn, "early-help"),
                    (&rae, "existing-open-case"),
                ],
            )
            .await;
        assert_eq!(r.status(), 400);
        let page = r.text().await.unwrap();
        assert!(
            page.contains("This child has no open case to pass the contact to"),
            "the refusal is shown"
        );
        let r = b
            .post_form(
                &format!("/contacts/{cid}/outcome"),
                &[
                    ("_csrf", &csrf),
                    ("version", &version),
                    (&quinn, "early-help"),
                    (&rae, "becomes-referral"),
                ],
            )
            .await;
        assert_eq!(r.status(), 303);
        let (_, c) = fd.get(&format!("/api/v1/contacts/{cid}")).await;
        assert_eq!(
            c["outcomes"],
            json!(["early-help", "becomes-referral"]),
            "{c}"
        );
        assert_eq!(
            c["referrals"].as_array().unwrap().len(),
            1,
            "only Rae is referred: {c}"
        );
    }
);

// Issue 15, item 7: "Reopening links to the previous episode." A child whose episode closed at
// referral (no further action) is referred again: the new episode names the closed one; the
// first episode names none.
both_dbs!(
    a_reopened_case_links_to_the_previous_episode,
    |s: TestServer| async move {
        let fd = s.api(&s.token("front-door").await);
        let dec = s.api(&s.token("social-worker").await);
        let (_, child) = fd
            .post(
                "/api/v1/people?confirm_not_duplicate=true",
                &json!({"kind": "child", "given_names": "Remy", "family_name": "Reopened", "date_of_birth": "2016-02-02"}),
            )
            .await;
        let child = child["id"].as_str().unwrap().to_string();
        let decide = |outcome: &'static str| {
            let (fd, dec, child) = (&fd, &dec, child.clone());
            async move {
                let (_, rid) = common::refer(fd, &child).await;
                let (_, r) = fd.get(&format!("/api/v1/referrals/{rid}")).await;
                let (st, r) = dec.post(&format!("/api/v1/referrals/{rid}/decision"), &json!({"version": r["version"], "outcomes": [outcome],
                    "threshold": "concerns", "primary_need": "N1", "rationale": "Recorded for the test",
                    "feedback_to_referrer": "Thank you; we have decided and will tell you what happens next."})).await;
                assert_eq!(st, 200, "{r}");
                r["episode"].clone()
            }
        };
        let first = decide("no-further-action").await;
        assert!(first["previous_episode_id"].is_null(), "{first}");
        assert!(!first["closure_date"].is_null(), "{first}");
        let second = decide("assessment").await;
        assert_ne!(second["id"], first["id"]);
        assert_eq!(second["previous_episode_id"], first["id"], "{second}");
        let (_, summary) = dec.get(&format!("/api/v1/people/{child}/summary")).await;
        assert!(
            summary
                .to_string()
                .contains("reopened after the episode closed 20 November 2026"),
            "{summary}"
        );
    }
);
