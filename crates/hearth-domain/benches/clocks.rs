//! Computing every clock of 100,000 open cases (target: under 100 ms on one core). Prints figures
//! measured with `std::time`; never asserts on time. Run: `cargo bench -p hearth-domain`.
//!
//! The synthetic caseload mixes the stages of the journey, a quarter each: referral and
//! assessment, section 47 and child protection, child in need, and pre-birth work. Anchors fall
//! over the 18 months before "today", so clocks are a realistic mix of upcoming, due and overdue.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::hint::black_box;
use std::time::Instant;

use chrono::{Days, NaiveDate};
use hearth_domain::calendar::Calendar;
use hearth_domain::clock::{compute, due_date, status, Anchor, ClockKind, ClockStatus};
use hearth_domain::protocol::Protocol;

const CASES: usize = 100_000;
const ROUNDS: usize = 5;

/// The clocks a case has open at its stage, each with the days from the case's anchor to the
/// clock's own anchor event.
fn clocks_for(stage: usize) -> &'static [(ClockKind, u64)] {
    use ClockKind::*;
    match stage {
        0 => &[
            (ReferralDecision, 0),
            (AssessmentCompletion, 0),
            (AssessmentFirstStage, 1),
            (InitialAssessment, 0),
            (CoreAssessment, 9),
            (AssessmentCheckpoint(1), 1),
            (AssessmentCheckpoint(2), 1),
            (AssessmentCheckpoint(3), 1),
        ],
        1 => &[
            (InitialConference, 0),
            (CoreGroup, 20),
            (FirstReviewConference, 20),
            (ReviewConference, 110),
            (CpVisit, 130),
        ],
        2 => &[
            (CinPlanStart, 0),
            (CinVisit, 40),
            (CinMeeting, 30),
            (CinFirstReview, 10),
            (CinSecondReview, 38),
            (CinReview, 130),
            (ComplexNeedsPanel, 10),
        ],
        _ => &[(PreBirthAssessment, 250), (AssessmentRefresh, 0)],
    }
}

struct Case {
    stage: usize,
    anchor: NaiveDate,
}

fn caseload(today: NaiveDate) -> Vec<Case> {
    let earliest = today.checked_sub_days(Days::new(540)).unwrap();
    (0..CASES)
        .map(|i| Case {
            stage: i % 4,
            // A scrambled spread over 540 days, every weekday and holiday included.
            anchor: earliest
                .checked_add_days(Days::new((i as u64 * 7919) % 540))
                .unwrap(),
        })
        .collect()
}

fn plus(d: NaiveDate, n: u64) -> NaiveDate {
    d.checked_add_days(Days::new(n)).unwrap()
}

/// The clocks each stage has under `p`: a protocol that sets no timescale for a kind (no staged
/// assessment, no complex-needs panel) starts no such clock.
type Plan = Vec<Vec<(ClockKind, u64)>>;

fn plan(p: &Protocol) -> Plan {
    (0..4)
        .map(|stage| {
            clocks_for(stage)
                .iter()
                .copied()
                .filter(|(k, _)| k.timescale(p).is_ok())
                .collect()
        })
        .collect()
}

/// Due dates and states of every clock: what a caseload view or the overnight sweep needs.
fn sweep(
    cases: &[Case],
    plan: &Plan,
    p: &Protocol,
    cal: &Calendar,
    today: NaiveDate,
) -> (usize, usize) {
    let (mut clocks, mut overdue) = (0, 0);
    for c in cases {
        for (kind, offset) in &plan[c.stage] {
            if let Ok(due) = due_date(*kind, plus(c.anchor, *offset), p, cal) {
                clocks += 1;
                if status(due, today, None, None, cal, 2) == ClockStatus::Overdue {
                    overdue += 1;
                }
            }
        }
    }
    (clocks, overdue)
}

/// Every clock with its explanation sentence, as when a clock starts and is stored.
fn explained(cases: &[Case], plan: &Plan, p: &Protocol, cal: &Calendar) -> (usize, usize) {
    let (mut clocks, mut bytes) = (0, 0);
    for c in cases {
        for (kind, offset) in &plan[c.stage] {
            let anchor = Anchor {
                event: "event".into(),
                date: plus(c.anchor, *offset),
            };
            if let Ok(due) = compute(*kind, anchor, p, cal) {
                clocks += 1;
                bytes += due.explanation.len();
            }
        }
    }
    (clocks, bytes)
}

fn time<T>(f: impl Fn() -> T) -> (f64, T) {
    let mut best = f64::MAX;
    let mut out = f();
    for _ in 0..ROUNDS {
        let start = Instant::now();
        out = black_box(f());
        best = best.min(start.elapsed().as_secs_f64() * 1000.0);
    }
    (best, out)
}

fn main() {
    let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
    let start = Instant::now();
    let cal = black_box(Calendar::england_and_wales());
    println!(
        "calendar build (1990-2150, computed rules): {:.2} ms",
        start.elapsed().as_secs_f64() * 1000.0
    );
    let cases = caseload(today);
    println!("{CASES} synthetic open cases; best of {ROUNDS} rounds on one core:");
    for name in Protocol::presets() {
        let p = Protocol::preset(name).unwrap();
        let plan = plan(&p);
        let (ms, (clocks, overdue)) = time(|| sweep(&cases, &plan, &p, &cal, today));
        println!(
            "  due dates + states, {name:<21} {clocks:>7} clocks in {ms:6.1} ms = {:5.0} ns per case, {:4.0} ns per clock ({overdue} overdue)",
            ms * 1e6 / CASES as f64,
            ms * 1e6 / clocks as f64
        );
    }
    let p = Protocol::preset("blackpool").unwrap();
    let plan = plan(&p);
    let (ms, (clocks, bytes)) = time(|| explained(&cases, &plan, &p, &cal));
    println!(
        "  with explanation sentences, blackpool:        {clocks} clocks in {ms:.1} ms = {:.0} ns per case, {:.0} ns per clock ({} bytes of text)",
        ms * 1e6 / CASES as f64,
        ms * 1e6 / clocks as f64,
        bytes
    );
}
