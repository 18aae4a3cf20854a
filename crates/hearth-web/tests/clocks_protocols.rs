//! The protocol in force, due-date explanations over the API, and stored clocks that keep their
//! due dates when the protocol changes. On SQLite and PostgreSQL.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use chrono::NaiveDate;
use common::TestServer;
use hearth_domain::clock::{Anchor, ClockKind};

both_dbs!(
    explains_a_due_date_over_the_api,
    |s: TestServer| async move {
        let api = s.api(&s.token("social-worker").await);
        let (st, due) = api.get("/api/v1/clocks/explain?kind=initial-conference&anchor_date=2024-03-26&anchor_event=strategy%20discussion").await;
        assert_eq!(st, 200, "{due}");
        assert_eq!(due["date"], "2024-04-18");
        assert_eq!(
        due["explanation"],
        "Initial conference due 18 April 2024: 15 working days from the strategy discussion on 26 March 2024, skipping 29 March (Good Friday) and 1 April (Easter Monday); protocol: working-together v4"
    );
        let (st, p) = api
            .get("/api/v1/clocks/explain?kind=first-stage&anchor_date=2024-03-26")
            .await;
        assert_eq!((st, p["errors"][0]["field"].as_str()), (400, Some("kind")));
        let (st, p) = api
            .get("/api/v1/clocks/explain?kind=assessment-first-stage&anchor_date=2024-03-26")
            .await;
        assert_eq!(st, 400, "working-together does not stage assessments: {p}");
        let (st, h) = api.get("/api/v1/calendar/holidays/2023").await;
        assert_eq!(st, 200);
        assert!(h
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["date"] == "2023-05-08"));
    }
);

both_dbs!(
    adopting_a_protocol_never_moves_a_running_clock,
    |s: TestServer| async move {
        let anchor = Anchor {
            event: "assessment start".into(),
            date: NaiveDate::from_ymd_opt(2026, 11, 2).unwrap(),
        };
        // Under the national default, the assessment completes in 45 working days.
        let mut tx = s.app.db.begin().await.unwrap();
        let before = s
            .app
            .start_clock(
                &mut tx,
                "test",
                "case-1",
                None,
                ClockKind::AssessmentCompletion,
                anchor.clone(),
            )
            .await
            .unwrap();
        assert!(s
            .app
            .start_clock(
                &mut tx,
                "test",
                "case-1",
                None,
                ClockKind::AssessmentFirstStage,
                anchor.clone()
            )
            .await
            .is_err());
        tx.commit().await.unwrap();
        assert_eq!(
            (before.protocol_name.as_str(), before.protocol_version),
            ("working-together", 4)
        );

        let adopted = s
            .app
            .adopt_protocol(None, "blackpool")
            .await
            .unwrap()
            .unwrap();
        assert_eq!(adopted.name, "blackpool");
        let (now_in_force, history) = s.app.protocol_in_force().await.unwrap();
        assert_eq!(
            (now_in_force.name.as_str(), history.len()),
            ("blackpool", 1)
        );
        assert!(
            s.app.adopt_protocol(None, "blackpool").await.is_err(),
            "the same version twice is refused"
        );

        let mut tx = s.app.db.begin().await.unwrap();
        let staged = s
            .app
            .start_clock(
                &mut tx,
                "test",
                "case-1",
                None,
                ClockKind::AssessmentFirstStage,
                anchor,
            )
            .await
            .unwrap();
        let clocks = tx.clocks_for("test", "case-1").await.unwrap();
        tx.commit().await.unwrap();
        assert_eq!(staged.protocol_name, "blackpool");
        let old = clocks
            .iter()
            .find(|c| c.kind == "assessment-completion")
            .unwrap();
        assert_eq!(
            (
                old.due_date,
                old.protocol_name.as_str(),
                old.explanation.as_str()
            ),
            (
                before.due_date,
                "working-together",
                before.explanation.as_str()
            )
        );
    }
);

both_dbs!(
    meeting_a_clock_late_needs_a_reason,
    |s: TestServer| async move {
        let anchor = Anchor {
            event: "referral".into(),
            date: NaiveDate::from_ymd_opt(2024, 8, 23).unwrap(),
        };
        let mut tx = s.app.db.begin().await.unwrap();
        let c = s
            .app
            .start_clock(
                &mut tx,
                "test",
                "r-1",
                None,
                ClockKind::ReferralDecision,
                anchor,
            )
            .await
            .unwrap();
        // Friday 23 August 2024 + 1 working day skips the weekend and the summer bank holiday.
        assert_eq!(c.due_date, NaiveDate::from_ymd_opt(2024, 8, 27).unwrap());
        let late = NaiveDate::from_ymd_opt(2024, 8, 28).unwrap();
        let err = s
            .app
            .meet_clock(&mut tx, c.id, late, None)
            .await
            .unwrap_err();
        assert_eq!(err.code(), "validation_failed");
        s.app
            .meet_clock(&mut tx, c.id, late, Some("awaiting police information"))
            .await
            .unwrap();
        let stored = tx.clock(c.id).await.unwrap();
        tx.commit().await.unwrap();
        let cal = s.app.calendar().await.unwrap();
        assert_eq!(
            s.app.view_clock(stored, &cal).status_label,
            "Met late: awaiting police information"
        );
    }
);

both_dbs!(
    protocol_page_shows_the_protocol_and_explains,
    |s: TestServer| async move {
        let b = s.browser("social-worker").await;
        let (st, page) = b.get("/protocols?kind=initial-conference&anchor_date-day=26&anchor_date-month=3&anchor_date-year=2024").await;
        assert_eq!(st, 200);
        assert!(page.contains("Working Together to Safeguard Children 2018, chapter 1"));
        // Each timescale says where it comes from: a national rule, or the council's choice.
        assert!(
            page.contains("National: a decision about next steps is made within one working day")
        );
        assert!(
            page.contains("The council&#39;s choice (not set nationally)")
                || page.contains("The council's choice (not set nationally)"),
            "{page}"
        );
        assert!(
            page.contains("skipping 29 March (Good Friday) and 1 April (Easter Monday)"),
            "{page}"
        );
        let admin = s.browser("administrator").await;
        let (_, page) = admin.get("/protocols").await;
        let csrf = common::extract(&page, "_csrf");
        assert_eq!(
            admin
                .post_form("/protocols", &[("_csrf", &csrf), ("preset", "dudley")])
                .await
                .status(),
            303
        );
        let (_, page) = b.get("/protocols").await;
        assert!(page.contains("dudley") && page.contains("Later CIN reviews every"));
        let r = b
            .post_form(
                "/protocols",
                &[
                    ("_csrf", &common::extract(&page, "_csrf")),
                    ("preset", "blackpool"),
                ],
            )
            .await;
        assert_eq!(r.status(), 403, "only an administrator adopts a protocol");
    }
);

both_dbs!(
    imported_days_and_closures_change_the_calendar,
    |s: TestServer| async move {
        let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).unwrap();
        let json = r#"{"england-and-wales":{"division":"england-and-wales","events":[
        {"title":"Christmas Day","date":"2031-12-25","notes":"","bunting":true},
        {"title":"Extra bank holiday","date":"2031-06-06","notes":"","bunting":true}]}}"#;
        let days = hearth_domain::calendar::parse_govuk_json(json).unwrap();
        assert_eq!(
            s.app.import_bank_holidays(None, &days).await.unwrap(),
            1,
            "only the day the rules do not compute is new"
        );
        s.app
            .add_closure_day(None, d(2031, 6, 9), "Council closure")
            .await
            .unwrap();
        let cal = s.app.calendar().await.unwrap();
        // Thursday 5 June 2031 + 1 working day skips Friday 6 (imported), the weekend and Monday 9 (closure).
        assert_eq!(cal.add_working_days(d(2031, 6, 5), 1), d(2031, 6, 10));
        let names: Vec<String> = cal.holidays_in(2031).into_iter().map(|h| h.name).collect();
        assert!(
            names.contains(&"Extra bank holiday".to_string())
                && names.contains(&"Council closure".to_string())
        );
    }
);

// Issue 12 item 5: a preset says only what its seed says; every timescale in the API says where
// it comes from, and a local value no source sets is the council's choice.
both_dbs!(
    the_protocol_api_names_each_timescales_basis,
    |s: TestServer| async move {
        let api = s.api(&s.token("social-worker").await);
        let (st, body) = api.get("/api/v1/protocol").await;
        assert_eq!(st, 200, "{body}");
        let rows = body["timescales"].as_array().unwrap();
        let row = |f: &str| {
            rows.iter()
                .find(|r| r["field"] == f)
                .unwrap_or_else(|| panic!("{f} missing: {body}"))
                .clone()
        };
        assert_eq!(
            row("referral.decision")["value"],
            "within 1 working day of receipt"
        );
        assert!(row("referral.decision")["basis"]
            .as_str()
            .unwrap()
            .starts_with("National: a decision about next steps is made within one working day of a referral being received (Working Together 2018, ch.1 para 71"));
        assert_eq!(
            row("cin.visit_every")["basis"],
            "The council's choice (not set nationally)"
        );
        // "missing for over seven days" is seed 000 §7.3, not a national rule.
        assert_eq!(
            row("cp.missing_review_after")["basis"],
            "The council's choice (not set nationally)"
        );
        assert_eq!(row("cin.meeting_every")["basis"], "Not set");
    }
);
