//! The assessment's clocks under every shipped preset, for a referral on Monday 23 November 2026
//! and a start the next day, across Christmas, the Boxing Day substitute (28 December) and New
//! Year's Day. Expected dates were counted independently of Hearth's calendar.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::NaiveDate;
use hearth_domain::assessment::stages::clocks_at_start;
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
    clocks_at_start(
        &p,
        Origin::ReferralDecision,
        d("2026-11-23"),
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

#[test]
fn dudley_asks_for_sign_off_at_35_working_days() {
    assert_eq!(
        dues("dudley", None),
        pairs(&[
            ("assessment-completion", "2027-01-28"),
            ("assessment-census", "2027-01-29"),
            ("assessment-checkpoint-1", "2027-01-15")
        ])
    );
}

#[test]
fn blackpool_stages_checkpoints_and_pre_birth() {
    assert_eq!(
        dues("blackpool", Some("2027-03-01")),
        pairs(&[
            ("assessment-completion", "2027-01-28"),
            ("assessment-census", "2027-01-29"),
            ("assessment-first-stage", "2026-12-08"),
            ("assessment-checkpoint-1", "2026-12-08"),
            ("assessment-checkpoint-2", "2027-01-08"),
            ("assessment-checkpoint-3", "2027-01-29"),
            ("pre-birth-assessment", "2027-02-01"),
        ])
    );
}

#[test]
fn nottinghamshire_runs_the_initial_assessment_from_the_referral() {
    assert_eq!(
        dues("nottinghamshire-2001", None),
        pairs(&[
            ("assessment-completion", "2027-01-28"),
            ("assessment-census", "2027-01-29"),
            ("initial-assessment", "2026-12-02"),
            ("assessment-checkpoint-1", "2026-12-03"),
        ])
    );
}
