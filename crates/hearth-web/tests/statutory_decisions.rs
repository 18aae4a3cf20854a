//! Issue 12's corrections to the referral decision and the strategy discussion, through the API
//! on SQLite and PostgreSQL. Each test quotes its source; expected dates are counted by hand from
//! the test clock, Friday 20 November 2026 (England and Wales bank holidays: Christmas Day Friday
//! 25 December, Boxing Day substitute Monday 28 December, New Year's Day Friday 1 January 2027).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::codes;

use chrono::{TimeZone, Utc};
use common::{Api, TestServer};
use serde_json::{json, Value};

/// A child, and a referral about them awaiting decision (received Friday 20 November 2026).
async fn awaiting(fd: &Api, family: &str) -> (String, String, Value) {
    let (st, child) = fd
        .post(
            "/api/v1/people?confirm_not_duplicate=true",
            &json!({"kind": "child", "given_names": "Jo", "family_name": family, "date_of_birth": "2015-03-03"}),
        )
        .await;
    assert_eq!(st, 201, "{child}");
    let child = child["id"].as_str().unwrap().to_string();
    let (_, rid) = common::refer(fd, &child).await;
    let (st, r) = fd.get(&format!("/api/v1/referrals/{rid}")).await;
    assert_eq!(st, 200, "{r}");
    (child, rid, r)
}

// Working Together 2018 ch.1 para 71: "Within one working day of a referral being received, a
// local authority social worker should acknowledge receipt to the referrer and make a decision
// about next steps"; para 22: "Feedback should be given by local authority children's social care
// to the referrer on the decisions taken"; para 73: "The child and family must be informed of the
// action to be taken, unless … this may jeopardise a police investigation or place the child at
// risk of significant harm."
both_dbs!(
    a_social_worker_decides_tells_the_referrer_and_the_family,
    |s: TestServer| async move {
        let fd = s.api(&s.token("front-door").await);
        let sw = s.api(&s.token("social-worker").await);
        let (_, rid, r) = awaiting(&fd, "Decidetest").await;
        // Acknowledgement due Monday 23 November: one working day after Friday 20 November.
        assert_eq!(r["ack_clock"]["due_date"], "2026-11-23", "{r}");
        assert_eq!(r["ack_clock"]["kind"], "referral-acknowledgement");
        let path = format!("/api/v1/referrals/{rid}/decision");
        let body = json!({"version": r["version"], "outcomes": ["assessment"], "threshold": "moderate",
            "primary_need": "N1", "rationale": "Neglect concerns across two domains"});
        // A front-door officer screens; the decision is a registered social worker's.
        let (st, p) = fd.post(&path, &body).await;
        assert_eq!(st, 403, "{p}");
        // Feedback to the referrer on every decision, not only no further action.
        let (st, p) = sw.post(&path, &body).await;
        assert_eq!(st, 400, "{p}");
        assert!(
            codes(&p).contains(&("feedback_to_referrer".into(), "required".into())),
            "{p}"
        );
        let mut body = body;
        body["feedback_to_referrer"] =
            json!("An assessment will start; the social worker will call you this week.");
        let (st, r) = sw.post(&path, &body).await;
        assert_eq!(st, 200, "{r}");
        let letter = r["feedback_letter"].as_str().unwrap();
        assert!(
            letter.contains("decided: Child and family assessment (section 17)."),
            "{letter}"
        );
        assert!(letter.contains("What happens next:\nAn assessment will start; the social worker will call you this week."), "{letter}");
        // Acknowledged on the day: the clock is met.
        let (st, r) = fd
            .post(
                &format!("/api/v1/referrals/{rid}/acknowledgement"),
                &json!({"note": "Phoned the DSL at 10:20"}),
            )
            .await;
        assert_eq!(st, 200, "{r}");
        assert_eq!(r["ack_clock"]["met_on"], "2026-11-20", "{r}");
        // The family is told; withholding needs a significant-harm decision.
        let fam = format!("/api/v1/referrals/{rid}/family");
        let (st, p) = sw
            .post(
                &fam,
                &json!({"how": "withheld", "note": "Rather not say yet"}),
            )
            .await;
        assert_eq!(st, 400, "{p}");
        assert_eq!(
            codes(&p),
            vec![("how".into(), "not_significant_harm".into())]
        );
        let (st, r) = sw
            .post(
                &fam,
                &json!({"how": "told", "note": "Mother told by phone; letter sent"}),
            )
            .await;
        assert_eq!(st, 200, "{r}");
        assert_eq!(
            (r["family"]["how"].as_str(), r["family"]["on"].as_str()),
            (Some("told"), Some("2026-11-20"))
        );
        let (st, p) = sw
            .post(&fam, &json!({"how": "told", "note": "Again"}))
            .await;
        assert_eq!(st, 409, "{p}");
    }
);

// Working Together 2018 ch.1 para 74: "For children who are in need of immediate protection,
// action must be taken … as soon as possible after the referral"; "Where a single agency has to
// act immediately, a strategy discussion should take place as soon as possible after action has
// been taken."
both_dbs!(
    immediate_protection_records_the_action_and_opens_a_strategy_discussion,
    |s: TestServer| async move {
        let fd = s.api(&s.token("front-door").await);
        let sw = s.api(&s.token("team-manager").await);
        let (_, rid, r) = awaiting(&fd, "Protecttest").await;
        let path = format!("/api/v1/referrals/{rid}/decision");
        let mut body = json!({"version": r["version"], "outcomes": ["immediate-protection"], "threshold": "serious",
            "primary_need": "N1", "rationale": "Child found alone overnight; police protection",
            "feedback_to_referrer": "The child is safe; a strategy discussion is being held."});
        let (st, p) = sw.post(&path, &body).await;
        assert_eq!(st, 400, "{p}");
        assert!(
            codes(&p).contains(&("protective_action".into(), "required".into())),
            "{p}"
        );
        body["protective_action"] = json!("police-protection");
        body["protective_action_on"] = json!("2026-11-19");
        body["protective_action_detail"] =
            json!("PC Rees took police protection at 23:40; child with grandmother");
        let (st, r) = sw.post(&path, &body).await;
        assert_eq!(st, 200, "{r}");
        assert_eq!(r["protective_actions"][0]["kind"], "police-protection");
        assert_eq!(r["protective_actions"][0]["taken_on"], "2026-11-19");
        let sd = &r["strategy_discussions"][0];
        assert_eq!(
            (sd["status"].as_str(), sd["requested_from"].as_str()),
            (Some("to-be-held"), Some("immediate-protection")),
            "{r}"
        );
        let (st, d) = sw
            .get(&format!(
                "/api/v1/strategy-discussions/{}",
                sd["id"].as_str().unwrap()
            ))
            .await;
        assert_eq!(st, 200, "{d}");
        // The council's choice in working-together: held within 1 working day: Monday 23 November.
        assert_eq!(d["clock"]["due_date"], "2026-11-23", "{d}");
        assert_eq!(
            d["clock"]["explanation"],
            "Strategy discussion due 23 November 2026: 1 working day from the immediate protective action on 20 November 2026; protocol: working-together v4"
        );
        // Here the family may be told later, for the child's safety.
        let (st, r) = sw
            .post(&format!("/api/v1/referrals/{rid}/family"), &json!({"how": "withheld", "note": "Police ask us to wait until the suspect is interviewed; agreed by TM"}))
            .await;
        assert_eq!(
            (st, r["family"]["how"].as_str()),
            (200, Some("withheld")),
            "{r}"
        );
    }
);

// Census RC7 "referral resulting in no further action": passing the referral to another agency
// and nothing more closes the episode at referral, naming the agency.
both_dbs!(
    passing_to_another_agency_names_it_and_closes_at_referral,
    |s: TestServer| async move {
        let fd = s.api(&s.token("front-door").await);
        let sw = s.api(&s.token("social-worker").await);
        let (_, rid, r) = awaiting(&fd, "Passtest").await;
        let path = format!("/api/v1/referrals/{rid}/decision");
        let mut body = json!({"version": r["version"], "outcomes": ["refer-to-other-agency"], "threshold": "concerns",
            "rationale": "Adult mental health need; no child welfare concern",
            "feedback_to_referrer": "Passed to the community mental health team, who will contact the mother."});
        let (st, p) = sw.post(&path, &body).await;
        assert_eq!(
            (st, codes(&p)),
            (400, vec![("referred_to".into(), "required".into())]),
            "{p}"
        );
        body["referred_to"] = json!("Community mental health team");
        let (st, r) = sw.post(&path, &body).await;
        assert_eq!(st, 200, "{r}");
        assert_eq!(r["episode"]["closure_reason"], "RC7", "{r}");
        assert_eq!(r["episode"]["closure_date"], "2026-11-20");
        assert!(r["feedback_letter"]
            .as_str()
            .unwrap()
            .contains("We have passed your referral to Community mental health team."));
    }
);

// Seed 000 §5.12: "At any stage of an assessment should there be indications about child
// maltreatment or neglect there must be a strategy discussion"; §5.16: "A core assessment starts
// … from when a strategy discussion decides to initiate enquiries under section 47", and "The
// timescale for completion of a core assessment is a maximum of 35 working days". A discussion
// asked for on Friday 20 November during the assessment and held on Tuesday 24 November: 35
// working days from 24 November are 25–27 Nov (3), 30 Nov–4 Dec (8), 7–11 Dec (13), 14–18 Dec
// (18), 21–24 Dec (22), 29–31 Dec (25), 4–8 Jan (30), 11–15 Jan (35): Friday 15 January 2027.
both_dbs!(
    a_discussion_during_an_assessment_starts_the_core_assessment_from_its_own_date,
    |s: TestServer| async move {
        s.app
            .adopt_protocol(None, "nottinghamshire-2001")
            .await
            .unwrap()
            .unwrap();
        let fd = s.api(&s.token("front-door").await);
        let sw = s.api(&s.token("social-worker").await);
        let (child, rid, r) = awaiting(&fd, "Coretest").await;
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
            .post("/api/v1/assessments", &json!({"person_id": child, "origin": "referral-decision", "referral_id": rid, "start_date": "2026-11-20"}))
            .await;
        assert_eq!(st, 201, "{a}");
        let aid = a["id"].as_str().unwrap().to_string();
        // Asked for during the assessment, not only after it is authorised.
        let (st, p) = sw
            .post(
                "/api/v1/strategy-discussions",
                &json!({"person_id": child, "assessment_id": aid, "reason": " "}),
            )
            .await;
        assert_eq!(
            (st, codes(&p)),
            (400, vec![("reason".into(), "required".into())]),
            "{p}"
        );
        let (st, sd) = sw
            .post(
                "/api/v1/strategy-discussions",
                &json!({"person_id": child, "assessment_id": aid,
                "reason": "Disclosure of being hit with a belt"}),
            )
            .await;
        assert_eq!(st, 201, "{sd}");
        assert_eq!(sd["requested_from"], "during-assessment");
        assert_eq!(sd["assessment_id"].as_str(), Some(aid.as_str()));
        let id = sd["id"].as_str().unwrap().to_string();
        s.clock
            .set(Utc.with_ymd_and_hms(2026, 11, 24, 15, 0, 0).unwrap());
        let held = format!("/api/v1/strategy-discussions/{id}/held");
        let mut body = json!({"present": ["la-social-worker", "la-manager", "police", "health"], "family_told": "Told of the enquiry and why", "version": sd["version"], "held_on": "2026-11-24", "form": "meeting",
            "attendees": "SW and TM (LA), DC Shah (police), Dr Okafor (health)", "start_section_47": true,
            "joint_investigation": true, "summary": "Joint s47 enquiry; child to be seen at school tomorrow"});
        // Due Monday 23 November (1 working day from the request): held late needs a reason.
        let (st, p) = sw.post(&held, &body).await;
        assert_eq!(st, 400, "{p}");
        assert_eq!(codes(&p)[0].0, "late_reason", "{p}");
        body["late_reason"] = json!("Police could not attend until Tuesday");
        let (st, d) = sw.post(&held, &body).await;
        assert_eq!(st, 200, "{d}");
        assert_eq!(
            (d["status"].as_str(), d["anchor_date"].as_str()),
            (Some("held"), Some("2026-11-24"))
        );
        assert_eq!(d["held"]["joint_investigation"], true);
        let (st, a) = sw.get(&format!("/api/v1/assessments/{aid}")).await;
        assert_eq!(st, 200, "{a}");
        let core = a["clocks"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["kind"] == "core-assessment")
            .unwrap_or_else(|| panic!("no core clock: {a}"));
        assert_eq!(core["due_date"], "2027-01-15", "{core}");
        assert_eq!(
            core["anchor_event"],
            "strategy discussion that started section 47 enquiries"
        );
        assert_eq!(core["anchor_date"], "2026-11-24");
        // Held once: a second record is a wrong state, not a second discussion.
        let (st, p) = sw.post(&held, &body).await;
        assert_eq!((st, p["code"].as_str()), (409, Some("wrong_state")), "{p}");
    }
);

// Working Together 2018 ch.1 para 71: "Within one working day of a referral being received": the
// clock starts when the contact arrives, so time spent screening it counts. A contact received on
// Friday 20 November 2026 shows its decision due on Monday 23 November while it is screened, and
// the referral it becomes keeps that date.
both_dbs!(
    an_open_contact_shows_its_decision_clock_in_the_queue,
    |s: TestServer| async move {
        let fd = s.api(&s.token("front-door").await);
        let (st, child) = fd
            .post(
                "/api/v1/people?confirm_not_duplicate=true",
                &json!({"kind": "child", "given_names": "Kim", "family_name": "Queuetest", "date_of_birth": "2014-01-01"}),
            )
            .await;
        assert_eq!(st, 201, "{child}");
        let (st, c) = fd.post("/api/v1/contacts", &json!({
            "received_at": "2026-11-20T09:00", "source": "2A", "method": "phone", "contact_name": "School DSL",
            "contact_agency": "Oak Primary", "summary": "Child hungry", "urgency": "routine",
            "children": [child["id"]], "consent": "given"})).await;
        assert_eq!(st, 201, "{c}");
        // Screening runs into Monday: the clock is still the one from Friday's receipt.
        s.clock
            .set(Utc.with_ymd_and_hms(2026, 11, 23, 16, 0, 0).unwrap());
        let (st, q) = fd.get("/api/v1/front-door").await;
        assert_eq!(st, 200, "{q}");
        let item = q["contacts"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["contact_id"] == c["id"])
            .unwrap_or_else(|| panic!("contact not queued: {q}"));
        assert_eq!(item["decision_due"]["due_date"], "2026-11-23");
        assert_eq!(
            item["decision_due"]["explanation"],
            "Referral decision due 23 November 2026: 1 working day from the referral received on 20 November 2026; protocol: working-together v4"
        );
        assert_eq!(
            item["decision_due"]["status"]["state"], "due-today",
            "{item}"
        );
        let (st, c) = fd
            .post(
                &format!("/api/v1/contacts/{}/outcome", c["id"].as_str().unwrap()),
                &json!({"version": c["version"], "outcomes": ["becomes-referral"]}),
            )
            .await;
        assert_eq!(st, 200, "{c}");
        let (_, r) = fd
            .get(&format!(
                "/api/v1/referrals/{}",
                c["referrals"][0].as_str().unwrap()
            ))
            .await;
        assert_eq!(r["clock"]["due_date"], "2026-11-23", "{r}");
    }
);

// Seed 001: "Young people of an age of understanding, particularly those aged 16 or over should
// be asked for their consent as well." A young person born on 21 November 2009 is 16 on the
// contact's date, 20 November 2026; one born on 21 November 2010 is not yet 16 (16 the next day).
both_dbs!(
    a_young_person_of_16_is_asked_for_their_own_consent,
    |s: TestServer| async move {
        let fd = s.api(&s.token("front-door").await);
        let mut ids = Vec::new();
        for (given, dob) in [("Ari", "2009-11-21"), ("Bo", "2010-11-21")] {
            let (st, p) = fd
                .post(
                    "/api/v1/people?confirm_not_duplicate=true",
                    &json!({"kind": "child", "given_names": given, "family_name": "Consenttest", "date_of_birth": dob}),
                )
                .await;
            assert_eq!(st, 201, "{p}");
            ids.push(p["id"].clone());
        }
        let contact = |children: Value, extra: Value| {
            let mut b = json!({"received_at": "2026-11-20T09:00", "source": "2A", "method": "phone",
                "contact_name": "College tutor", "summary": "Worried about home", "urgency": "routine",
                "children": children, "consent": "given"});
            for (k, v) in extra.as_object().unwrap() {
                b[k] = v.clone();
            }
            b
        };
        // Not yet 16: the parents' consent is enough.
        let (st, c) = fd
            .post("/api/v1/contacts", &contact(json!([ids[1]]), json!({})))
            .await;
        assert_eq!(
            (st, c["young_person_consent"].is_null()),
            (201, true),
            "{c}"
        );
        // 16: their own consent is asked and recorded.
        let (st, p) = fd
            .post("/api/v1/contacts", &contact(json!([ids[0]]), json!({})))
            .await;
        assert_eq!(
            (st, codes(&p)),
            (
                400,
                vec![("young_person_consent".into(), "required".into())]
            ),
            "{p}"
        );
        let (st, p) = fd
            .post(
                "/api/v1/contacts",
                &contact(json!([ids[0]]), json!({"young_person_consent": "refused"})),
            )
            .await;
        assert_eq!(
            (st, codes(&p)),
            (
                400,
                vec![("young_person_consent_why".into(), "required".into())]
            ),
            "{p}"
        );
        let (st, c) = fd
            .post(
                "/api/v1/contacts",
                &contact(
                    json!([ids[0]]),
                    json!({"young_person_consent": "refused",
                "young_person_consent_why": "Does not want her college involved"}),
                ),
            )
            .await;
        assert_eq!(st, 201, "{c}");
        assert_eq!(c["young_person_consent"]["status"], "refused", "{c}");
    }
);

// Working Together 2018 ch.1 para 71: "Within one working day of a referral being received, a
// local authority social worker should acknowledge receipt to the referrer". Received Friday 20
// November, due Monday 23 November: acknowledged on Tuesday 24th, it needs the reason.
both_dbs!(
    a_late_acknowledgement_records_why,
    |s: TestServer| async move {
        let fd = s.api(&s.token("front-door").await);
        let (_, rid, _) = awaiting(&fd, "Acktest").await;
        s.clock
            .set(Utc.with_ymd_and_hms(2026, 11, 24, 10, 0, 0).unwrap());
        let path = format!("/api/v1/referrals/{rid}/acknowledgement");
        let (st, p) = fd.post(&path, &json!({"note": "Emailed the DSL"})).await;
        assert_eq!(st, 400, "{p}");
        assert_eq!(codes(&p)[0].0, "late_reason", "{p}");
        let (st, r) = fd
            .post(&path, &json!({"note": "Emailed the DSL", "late_reason": "The referral was misfiled over the weekend"}))
            .await;
        assert_eq!(st, 200, "{r}");
        assert_eq!(r["ack_clock"]["met_on"], "2026-11-24");
        assert_eq!(
            r["ack_clock"]["late_reason"],
            "The referral was misfiled over the weekend"
        );
    }
);
