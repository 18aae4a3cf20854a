//! Computing every clock of 100,000 open cases (target: under 100 ms on one core). Prints figures;
//! never asserts on time.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::Instant;

use chrono::{Days, NaiveDate};
use hearth_domain::calendar::Calendar;
use hearth_domain::clock::{compute, status, Anchor, ClockKind};
use hearth_domain::protocol::Protocol;

const KINDS: &[ClockKind] = &[
    ClockKind::ReferralDecision,
    ClockKind::AssessmentCompletion,
    ClockKind::AssessmentFirstStage,
    ClockKind::AssessmentCheckpoint(1),
    ClockKind::AssessmentCheckpoint(2),
    ClockKind::AssessmentCheckpoint(3),
    ClockKind::InitialConference,
    ClockKind::CoreGroup,
    ClockKind::FirstReviewConference,
    ClockKind::ReviewConference,
    ClockKind::CpVisit,
    ClockKind::CinVisit,
];

fn main() {
    let t = Instant::now();
    let cal = Calendar::england_and_wales();
    let build_ms = t.elapsed().as_secs_f64() * 1000.0;
    let protocol = Protocol::preset("blackpool").unwrap();
    let base = NaiveDate::from_ymd_opt(2022, 1, 1).unwrap();
    let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
    let cases: Vec<NaiveDate> = (0..100_000u64)
        .map(|i| base.checked_add_days(Days::new((i * 7919) % 1800)).unwrap())
        .collect();

    for round in 0..3 {
        let start = Instant::now();
        let mut clocks = 0usize;
        let mut overdue = 0usize;
        for anchor_date in &cases {
            for kind in KINDS {
                let due = compute(
                    *kind,
                    Anchor {
                        event: "referral".into(),
                        date: *anchor_date,
                    },
                    &protocol,
                    &cal,
                )
                .unwrap();
                if status(due.date, today, None, None, &cal, 2).label() == "Overdue" {
                    overdue += 1;
                }
                clocks += 1;
            }
        }
        let ms = start.elapsed().as_secs_f64() * 1000.0;
        println!(
            "with explanation sentences, round {round}: {clocks} clocks for {} cases in {ms:.1} ms — {:.0} ns per clock, {:.2} µs per case; {overdue} overdue",
            cases.len(),
            ms * 1e6 / clocks as f64,
            ms * 1e3 / cases.len() as f64
        );
    }

    // What a caseload view or the overnight sweep needs: every due date and its state. The
    // sentence is built only where a due date is shown.
    for round in 0..3 {
        let start = Instant::now();
        let mut overdue = 0usize;
        for d in &cases {
            for kind in KINDS {
                let (ts, dir) = kind.timescale(&protocol).unwrap();
                let due = hearth_domain::clock::apply(&cal, *d, ts, dir);
                if matches!(
                    status(due, today, None, None, &cal, 2),
                    hearth_domain::clock::ClockStatus::Overdue
                ) {
                    overdue += 1;
                }
            }
        }
        let ms = start.elapsed().as_secs_f64() * 1000.0;
        println!(
            "round {round}: due dates and states of all clocks of 100,000 open cases ({} clocks) in {ms:.1} ms on one core; {overdue} overdue",
            cases.len() * KINDS.len()
        );
    }
    println!("calendar build (1990–2150): {build_ms:.1} ms");
}
