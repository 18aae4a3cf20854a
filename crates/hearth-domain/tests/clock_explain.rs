//! Clocks: due dates under each preset, the sentence a social worker reads, calendar months,
//! pre-birth work before the expected date, and the JSON the API sends.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::NaiveDate;
use hearth_domain::calendar::{Adjustment, Calendar};
use hearth_domain::clock::{apply, compute, due_date, Anchor, ClockKind, Direction};
use hearth_domain::protocol::{Protocol, Timescale};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn anchor(event: &str, date: &str) -> Anchor {
    Anchor {
        event: event.into(),
        date: d(date),
    }
}

fn preset(name: &str) -> Protocol {
    Protocol::preset(name).unwrap()
}

#[test]
fn the_initial_conference_explains_itself() {
    let due = compute(
        ClockKind::InitialConference,
        anchor("strategy discussion", "2024-03-26"),
        &preset("working-together"),
        &Calendar::england_and_wales(),
    )
    .unwrap();
    assert_eq!(due.date, d("2024-04-18"));
    assert_eq!(
        due.explanation,
        "Initial conference due 18 April 2024: 15 working days from the strategy discussion on 26 March 2024, skipping 29 March (Good Friday) and 1 April (Easter Monday); protocol: working-together v4"
    );
    assert_eq!(
        (due.protocol_name.as_str(), due.protocol_version),
        ("working-together", 4)
    );
    assert_eq!(due.timescale, Timescale::WorkingDays(15));
}

#[test]
fn explanations_name_closures_and_one_off_days() {
    let cal = Calendar::with_adjustments(&[Adjustment::Closure {
        day: d("2022-09-20"),
        name: "Council closure".into(),
    }]);
    let due = compute(
        ClockKind::ReferralDecision,
        anchor("referral", "2022-09-16"),
        &preset("dudley"),
        &cal,
    )
    .unwrap();
    assert_eq!(due.date, d("2022-09-21"));
    assert_eq!(
        due.explanation,
        "Referral decision due 21 September 2022: 1 working day from the referral on 16 September 2022, skipping 19 September (Bank Holiday for the State Funeral of Queen Elizabeth II) and 20 September (Council closure); protocol: dudley v3"
    );
    // Three or more skipped days are listed with commas; no skipped day, no clause.
    let xmas = compute(
        ClockKind::CoreGroup,
        anchor("initial conference", "2021-12-23"),
        &preset("working-together"),
        &Calendar::england_and_wales(),
    )
    .unwrap();
    assert!(xmas.explanation.contains(
        "skipping 27 December (Christmas Day (substitute day)), 28 December (Boxing Day (substitute day)) and 3 January (New Year's Day (substitute day))"
    ), "{}", xmas.explanation);
    let plain = compute(
        ClockKind::ReviewConference,
        anchor("the review conference", "2024-03-26"),
        &preset("working-together"),
        &Calendar::england_and_wales(),
    )
    .unwrap();
    assert_eq!(
        plain.explanation,
        "Review conference due 26 September 2024: 6 months from the review conference on 26 March 2024; protocol: working-together v4"
    );
}

#[test]
fn calendar_months_clamp_to_the_end_of_the_month() {
    let cal = Calendar::england_and_wales();
    let m = |from: &str, n: u32| apply(&cal, d(from), Timescale::Months(n), Direction::After);
    assert_eq!(m("2024-01-31", 1), d("2024-02-29"));
    assert_eq!(m("2023-01-31", 1), d("2023-02-28"));
    assert_eq!(m("2024-08-31", 6), d("2025-02-28"));
    assert_eq!(m("2024-11-30", 3), d("2025-02-28"));
    assert_eq!(m("2024-02-29", 12), d("2025-02-28"));
    assert_eq!(m("2024-03-15", 3), d("2024-06-15"));
    let back = apply(
        &cal,
        d("2024-03-31"),
        Timescale::Months(1),
        Direction::Before,
    );
    assert_eq!(back, d("2024-02-29"));
}

#[test]
fn staged_and_initial_core_clocks_follow_their_preset() {
    let cal = Calendar::england_and_wales();
    let start = anchor("assessment start", "2025-12-19");
    let b = preset("blackpool");
    // 19 Dec 2025 (Fri) + 10 WD: 22, 23, 24, 29, 30, 31 Dec, 2, 5, 6, 7 Jan.
    let first = compute(ClockKind::AssessmentFirstStage, start.clone(), &b, &cal).unwrap();
    assert_eq!(first.date, d("2026-01-07"));
    assert!(first.explanation.contains("protocol: blackpool v3"));
    for (n, wd) in [(1u8, 10u32), (2, 30), (3, 45)] {
        assert_eq!(
            due_date(ClockKind::AssessmentCheckpoint(n), start.date, &b, &cal).unwrap(),
            cal.add_working_days(start.date, wd)
        );
    }
    let err = compute(ClockKind::AssessmentCheckpoint(4), start.clone(), &b, &cal).unwrap_err();
    assert!(err
        .to_string()
        .contains("blackpool v3 sets no timescale for manager checkpoint 4"));

    let n = preset("nottinghamshire-2001");
    let initial = compute(
        ClockKind::InitialAssessment,
        anchor("referral", "2025-12-19"),
        &n,
        &cal,
    )
    .unwrap();
    assert_eq!(initial.date, d("2026-01-02"));
    // The core assessment runs 35 WD from the end of the initial assessment (or the s47 decision).
    let core = compute(
        ClockKind::CoreAssessment,
        anchor("initial assessment end", "2026-01-02"),
        &n,
        &cal,
    )
    .unwrap();
    assert_eq!(core.date, cal.add_working_days(d("2026-01-02"), 35));
    assert!(compute(ClockKind::AssessmentFirstStage, start, &n, &cal)
        .unwrap_err()
        .to_string()
        .contains("does not stage assessments"));
}

#[test]
fn pre_birth_work_runs_back_from_the_expected_date() {
    let cal = Calendar::england_and_wales();
    let due = compute(
        ClockKind::PreBirthAssessment,
        anchor("expected date of delivery", "2025-03-01"),
        &preset("blackpool"),
        &cal,
    )
    .unwrap();
    assert_eq!(due.date, d("2025-02-01"));
    assert_eq!(due.direction, Direction::Before);
    assert_eq!(
        due.explanation,
        "Pre-birth assessment due 1 February 2025: 4 weeks before the expected date of delivery on 1 March 2025; protocol: blackpool v3"
    );
    // A council giving it in working days counts back over the bank holidays.
    let back = apply(
        &cal,
        d("2025-04-23"),
        Timescale::WorkingDays(3),
        Direction::Before,
    );
    assert_eq!(back, d("2025-04-16"));
    assert!(compute(
        ClockKind::PreBirthAssessment,
        due.anchor.clone(),
        &preset("working-together"),
        &cal
    )
    .is_err());
}

#[test]
fn cin_reviews_run_first_second_then_every() {
    let cal = Calendar::england_and_wales();
    let sw = preset("south-west");
    let plan = d("2025-01-10");
    let first = due_date(ClockKind::CinFirstReview, plan, &sw, &cal).unwrap();
    let second = due_date(ClockKind::CinSecondReview, first, &sw, &cal).unwrap();
    let third = due_date(ClockKind::CinReview, second, &sw, &cal).unwrap();
    assert_eq!(
        (first, second, third),
        (d("2025-02-07"), d("2025-05-07"), d("2025-11-07"))
    );
    // Without a second review of its own, the second follows the interval.
    let wt = preset("working-together");
    let second = due_date(ClockKind::CinSecondReview, d("2025-04-10"), &wt, &cal).unwrap();
    assert_eq!(second, d("2025-10-10"));
    let panel = due_date(ClockKind::ComplexNeedsPanel, plan, &sw, &cal).unwrap();
    assert_eq!(panel, d("2026-01-10"));
}

#[test]
fn every_kind_under_every_preset_computes_or_says_why_not() {
    let cal = Calendar::england_and_wales();
    for name in Protocol::presets() {
        let p = preset(name);
        for kind in ClockKind::all().chain((1..=4).map(ClockKind::AssessmentCheckpoint)) {
            match compute(kind, anchor("event", "2025-06-02"), &p, &cal) {
                Ok(due) => {
                    assert_eq!(due_date(kind, due.anchor.date, &p, &cal).unwrap(), due.date);
                    assert!(due.explanation.starts_with(&kind.label()));
                    assert!(due
                        .explanation
                        .ends_with(&format!("protocol: {} v{}", p.name, p.version)));
                    assert_ne!(due.date, due.anchor.date);
                }
                Err(e) => assert!(
                    e.to_string()
                        .contains(&format!("{} v{}", p.name, p.version)),
                    "{e}"
                ),
            }
        }
    }
}

#[test]
fn kinds_and_dues_serialise_as_codes() {
    for kind in ClockKind::all().chain([ClockKind::AssessmentCheckpoint(3)]) {
        let json = serde_json::to_value(kind).unwrap();
        assert_eq!(json, serde_json::Value::String(kind.code()));
        assert_eq!(serde_json::from_value::<ClockKind>(json).unwrap(), kind);
        assert_eq!(ClockKind::parse(&kind.code()), Some(kind));
    }
    let mut codes: Vec<String> = ClockKind::all().map(ClockKind::code).collect();
    let count = codes.len();
    codes.sort();
    codes.dedup();
    assert_eq!(codes.len(), count, "codes are unique");
    assert_eq!(ClockKind::parse("assessment-checkpoint-0"), None);
    assert_eq!(ClockKind::parse("nonsense"), None);

    let due = compute(
        ClockKind::AssessmentCheckpoint(2),
        anchor("assessment start", "2024-03-26"),
        &preset("blackpool"),
        &Calendar::england_and_wales(),
    )
    .unwrap();
    let v = serde_json::to_value(&due).unwrap();
    assert_eq!(v["kind"], "assessment-checkpoint-2");
    assert_eq!(v["date"], due.date.to_string());
    assert_eq!(v["timescale"]["unit"], "working_days");
    assert_eq!(v["timescale"]["n"], 30);
    assert_eq!(v["direction"], "after");
    assert_eq!(v["anchor"]["event"], "assessment start");
    assert_eq!(v["protocol_name"], "blackpool");
    assert_eq!(v["protocol_version"], 3);
    assert_eq!(
        serde_json::from_value::<hearth_domain::clock::Due>(v).unwrap(),
        due
    );
}

// Issue 12, item 6: the decision clock runs from when the referral was received, and its
// explanation reads as a sentence. Wednesday 24 December 2025 + 1 working day, past Christmas Day
// and Boxing Day and the weekend, is Monday 29 December.
#[test]
fn the_decision_clock_reads_as_a_sentence_from_the_referral_received() {
    let p = hearth_domain::protocol::Protocol::preset("working-together").unwrap();
    let cal = hearth_domain::calendar::Calendar::england_and_wales();
    let received = chrono::NaiveDate::from_ymd_opt(2025, 12, 24).unwrap();
    let due = hearth_domain::clock::compute(
        hearth_domain::clock::ClockKind::ReferralDecision,
        hearth_domain::clock::Anchor::referral_received(received),
        &p,
        &cal,
    )
    .unwrap();
    assert_eq!(
        due.date,
        chrono::NaiveDate::from_ymd_opt(2025, 12, 29).unwrap()
    );
    assert!(
        due.explanation.starts_with(
            "Referral decision due 29 December 2025: 1 working day from the referral received on 24 December 2025"
        ),
        "{}",
        due.explanation
    );
}
