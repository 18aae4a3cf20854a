//! The assessment's clocks under every shipped preset, for a referral on Monday 23 November 2026
//! and a start the next day, across Christmas, the Boxing Day substitute (28 December) and New
//! Year's Day. Expected dates were counted independently of Hearth's calendar, by hand: working
//! days after 23 November are 24–27 Nov (4), 30 Nov–4 Dec (9), 7–11 Dec (14), 14–18 Dec (19),
//! 21–24 Dec (23), 29–31 Dec (26), 4–8 Jan (31), 11–15 Jan (36), 18–22 Jan (41), 25–28 Jan (45).
//! Manager checkpoints run from the referral, like the deadline they check.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::NaiveDate;
use hearth_domain::assessment::stages::{clocks_at_start, completion_anchor};
use hearth_domain::assessment::Origin;
use hearth_domain::calendar::Calendar;
use hearth_domain::clock::compute;
use hearth_domain::protocol::Protocol;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn dues(preset: &str, edd: Option<&str>) -> Vec<(String, String)> {
    let p = Protocol::preset(preset).unwrap();
    let cal = Calendar::england_and_wales();
    let anchor = completion_anchor(
        Origin::ReferralDecision,
        Some(d("2026-11-23")),
        d("2026-11-24"),
    );
    clocks_at_start(
        &p,
        Origin::ReferralDecision,
        &anchor,
        d("2026-11-24"),
        edd.map(d),
    )
    .into_iter()
    .map(|c| {
        let due = compute(c.kind, c.anchor, &p, &cal).unwrap();
        (c.kind.code(), due.date.to_string())
    })
    .collect()
}

fn pairs(v: &[(&str, &str)]) -> Vec<(String, String)> {
    v.iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

#[test]
fn working_together_and_south_west_run_the_national_clock_and_the_census_measure() {
    let want = pairs(&[
        ("assessment-completion", "2027-01-28"),
        ("assessment-census", "2027-01-29"),
    ]);
    assert_eq!(dues("working-together", None), want);
    assert_eq!(
        dues("south-west", Some("2027-03-01")),
        want,
        "no pre-birth timescale in seed 003"
    );
}

// Seed 001: "the assessment should be completed, written up and signed off by a manager within 35
// working days. The assessment must be completed within 45 days maximum" — both from the same
// point, the referral. 45 days (the seed says days, not working days) after Monday 23 November
// 2026: 7 days to 30 November, 31 more to 31 December, 7 more to Thursday 7 January 2027. 35
// working days would be 14 January, after that maximum, so the sign-off checkpoint is held on the
// deadline itself. The census still measures 45 working days from the start (24 November):
// 29 January.
#[test]
fn dudley_asks_for_sign_off_no_later_than_its_45_day_maximum() {
    assert_eq!(
        dues("dudley", None),
        pairs(&[
            ("assessment-completion", "2027-01-07"),
            ("assessment-census", "2027-01-29"),
            ("assessment-checkpoint-1", "2027-01-07")
        ])
    );
}

// Seed 004: "no longer than 45 working days from the point of Referral … There are checkpoints at
// 10, 30 and 45 days": from the referral, 10 working days is 7 December, 30 is 7 January and 45 is
// 28 January — the deadline itself, never a day after it.
#[test]
fn blackpool_stages_checkpoints_and_pre_birth() {
    assert_eq!(
        dues("blackpool", Some("2027-03-01")),
        pairs(&[
            ("assessment-completion", "2027-01-28"),
            ("assessment-census", "2027-01-29"),
            ("assessment-first-stage", "2026-12-08"),
            ("assessment-checkpoint-1", "2026-12-07"),
            ("assessment-checkpoint-2", "2027-01-07"),
            ("assessment-checkpoint-3", "2027-01-28"),
            ("pre-birth-assessment", "2027-02-01"),
        ])
    );
}

// Seed 000 §5: the initial assessment "should be undertaken within a maximum of 7 working days" of
// the referral; the 7-working-day checkpoint asks about that same assessment, so it runs from the
// referral too: 2 December.
#[test]
fn nottinghamshire_runs_the_initial_assessment_from_the_referral() {
    assert_eq!(
        dues("nottinghamshire-2001", None),
        pairs(&[
            ("assessment-completion", "2027-01-28"),
            ("assessment-census", "2027-01-29"),
            ("initial-assessment", "2026-12-02"),
            ("assessment-checkpoint-1", "2026-12-02"),
        ])
    );
}

// Working Together 2018 ch.1: "no longer than 45 working days from the point of referral" — the
// referral that asked for this assessment. An assessment started from a review on a case open for
// two years runs from the review, so on its first day it is nowhere near overdue.
#[test]
fn an_assessment_on_a_long_open_case_runs_from_its_own_event() {
    let p = Protocol::preset("working-together").unwrap();
    let cal = Calendar::england_and_wales();
    // Started from a review on Monday 1 June 2026; the episode's first referral was in 2024.
    let anchor = completion_anchor(Origin::Review, None, d("2026-06-01"));
    assert_eq!(
        (anchor.event.as_str(), anchor.date),
        ("review", d("2026-06-01"))
    );
    let clocks = clocks_at_start(&p, Origin::Review, &anchor, d("2026-06-01"), None);
    let due = compute(clocks[0].kind, clocks[0].anchor.clone(), &p, &cal).unwrap();
    // 2–5 Jun (4), 8–12 (9), 15–19 (14), 22–26 (19), 29–30 (21), 1–3 Jul (24), 6–10 (29),
    // 13–17 (34), 20–24 (39), 27–31 (44), 3 Aug (45).
    assert_eq!(due.date, d("2026-08-03"));
    // A referral decision runs from that referral, whatever the episode's first referral was.
    let anchor = completion_anchor(
        Origin::ReferralDecision,
        Some(d("2026-05-29")),
        d("2026-06-01"),
    );
    assert_eq!(
        (anchor.event.as_str(), anchor.date),
        ("referral", d("2026-05-29"))
    );
}

#[test]
fn a_checkpoint_held_on_the_deadline_says_why() {
    let p = Protocol::preset("dudley").unwrap();
    let cal = Calendar::england_and_wales();
    let anchor = completion_anchor(
        Origin::ReferralDecision,
        Some(d("2026-11-23")),
        d("2026-11-24"),
    );
    let due = compute(
        hearth_domain::clock::ClockKind::AssessmentCheckpoint(1),
        anchor,
        &p,
        &cal,
    )
    .unwrap();
    assert_eq!(due.date, d("2027-01-07"));
    assert_eq!(
        due.explanation,
        "Manager checkpoint 1 due 7 January 2027, the assessment's own deadline (45 days from the referral on 23 November 2026), which comes before 35 working days from it; protocol: dudley v3"
    );
}
