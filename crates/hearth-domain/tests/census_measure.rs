//! The census measure of an assessment (DfE's children in need census: authorised within 45
//! working days of its start) is the same for every council: always 45 working days, whatever a
//! stricter local timescale says, and counting bank holidays only — a council's own closure days
//! move its local clocks but not the census figure. Dates counted by hand.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::NaiveDate;
use hearth_domain::calendar::{Adjustment, Calendar};
use hearth_domain::clock::{compute, Anchor, ClockKind};
use hearth_domain::protocol::{Protocol, Timescale};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn start() -> Anchor {
    Anchor {
        event: "assessment start".into(),
        date: d("2026-11-23"),
    }
}

#[test]
fn the_census_counts_45_working_days_whatever_the_local_timescale() {
    let mut p = Protocol::preset("working-together").unwrap();
    p.assessment_complete = Timescale::WorkingDays(40);
    let cal = Calendar::england_and_wales();
    // From Monday 23 November 2026, past 25 and 28 December and 1 January: 24–27 Nov (4),
    // 30 Nov–4 Dec (9), 7–11 (14), 14–18 (19), 21–24 (23), 29–31 (26), 4–8 Jan (31), 11–15 (36),
    // 18–22 (41), 25–28 (45): Thursday 28 January 2027.
    let census = compute(ClockKind::AssessmentCensus, start(), &p, &cal).unwrap();
    assert_eq!(census.date, d("2027-01-28"));
    // The council's own clock keeps its stricter 40: Thursday 21 January.
    let local = compute(ClockKind::AssessmentCompletion, start(), &p, &cal).unwrap();
    assert_eq!(local.date, d("2027-01-21"));
}

#[test]
fn council_closures_stop_local_clocks_but_not_the_census() {
    assert!(!ClockKind::AssessmentCensus.counts_council_closures());
    assert!(ClockKind::AssessmentCompletion.counts_council_closures());
    let closure = Adjustment::Closure {
        day: d("2026-12-02"),
        name: "Council training day".into(),
    };
    assert!(!closure.applies_to_census());
    assert!(Adjustment::RemoveBankHoliday {
        day: d("2026-12-28")
    }
    .applies_to_census());
    // With the closure, the council's calendar loses Wednesday 2 December: 45 working days from
    // 23 November fall on Friday 29 January instead.
    let p = Protocol::preset("working-together").unwrap();
    let council = Calendar::with_adjustments(&[closure]);
    let local = compute(ClockKind::AssessmentCompletion, start(), &p, &council).unwrap();
    assert_eq!(local.date, d("2027-01-29"));
}
