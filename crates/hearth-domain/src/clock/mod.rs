//! Clocks: anchor event + rule + working-day calendar + protocol version → a due date with an
//! explanation a social worker can read, and its state on a given day.
//!
//! `compute` gives the due date with its sentence ("Initial conference due 18 April 2024: 15
//! working days from the strategy discussion on 26 March 2024, skipping 29 March (Good Friday)
//! and 1 April (Easter Monday); protocol: working-together v4"). `due_date` gives the date alone,
//! for sweeps over every open case where the sentence is not shown.

pub mod kind;
pub mod late;
pub mod status;

use std::fmt::Write;

use chrono::{Datelike, Days, Months, NaiveDate};
use serde::{Deserialize, Serialize};

pub use kind::{ClockKind, Direction};
pub use status::{status, ClockStatus, DEFAULT_DUE_SOON};

use crate::calendar::Calendar;
use crate::protocol::{Protocol, Timescale};

/// The event a clock runs from ("strategy discussion", 26 March 2024).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Anchor {
    pub event: String,
    pub date: NaiveDate,
}

impl Anchor {
    /// The referral decision's anchor: the day the contact that became the referral was
    /// received, so time spent screening counts ("1 working day from the referral received on
    /// 24 December 2025").
    pub fn referral_received(date: NaiveDate) -> Anchor {
        Anchor {
            event: "referral received".into(),
            date,
        }
    }
}

/// A computed due date and why: the rule is `timescale` `direction` the anchor, counted on the
/// calendar, under the protocol `protocol_name` version `protocol_version`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Due {
    /// The clock's code, e.g. `initial-conference` or `assessment-checkpoint-2`.
    #[schema(value_type = String)]
    pub kind: ClockKind,
    pub anchor: Anchor,
    pub timescale: Timescale,
    pub direction: Direction,
    pub date: NaiveDate,
    pub explanation: String,
    pub protocol_name: String,
    pub protocol_version: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct ClockError(pub String);

/// Applies a timescale to a date, forwards or backwards. Working days never count the anchor
/// and always land on a working day; calendar days, weeks and months may land on any day.
/// Calendar months clamp to the month's end (31 January + 1 month = 28 or 29 February).
pub fn apply(cal: &Calendar, from: NaiveDate, t: Timescale, dir: Direction) -> NaiveDate {
    let days = |n: u64| match dir {
        Direction::After => from.checked_add_days(Days::new(n)),
        Direction::Before => from.checked_sub_days(Days::new(n)),
    };
    let date = match t {
        Timescale::WorkingDays(n) => Some(match dir {
            Direction::After => cal.add_working_days(from, n),
            Direction::Before => cal.sub_working_days(from, n),
        }),
        Timescale::Days(n) => days(n.into()),
        Timescale::Weeks(n) => days(u64::from(n) * 7),
        Timescale::Months(n) => match dir {
            Direction::After => from.checked_add_months(Months::new(n)),
            Direction::Before => from.checked_sub_months(Months::new(n)),
        },
    };
    date.unwrap_or(from)
}

/// The due date alone, without the sentence: what a caseload view or an overnight sweep needs.
pub fn due_date(
    kind: ClockKind,
    from: NaiveDate,
    protocol: &Protocol,
    cal: &Calendar,
) -> Result<NaiveDate, ClockError> {
    let (t, dir) = kind.timescale(protocol).map_err(ClockError)?;
    let date = apply(cal, from, t, dir);
    Ok(match checkpoint_deadline(kind, from, protocol, cal) {
        Some(deadline) if deadline < date => deadline,
        _ => date,
    })
}

/// A manager checkpoint is never due after the assessment's own deadline (both run from the
/// same anchor): a checkpoint in working days can outrun a deadline in calendar days, as Dudley's
/// 35-working-day sign-off outruns its "45 days maximum" (seed 001).
fn checkpoint_deadline(
    kind: ClockKind,
    from: NaiveDate,
    protocol: &Protocol,
    cal: &Calendar,
) -> Option<NaiveDate> {
    matches!(kind, ClockKind::AssessmentCheckpoint(_))
        .then(|| apply(cal, from, protocol.assessment_complete, Direction::After))
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn month(d: NaiveDate) -> &'static str {
    MONTHS.get(d.month0() as usize).copied().unwrap_or("")
}

/// Appends "18 April 2024" (or "18 April" without the year). Writing to a `String` cannot fail.
fn write_date(out: &mut String, d: NaiveDate, with_year: bool) {
    let _ = write!(out, "{} {}", d.day(), month(d));
    if with_year {
        let _ = write!(out, " {}", d.year());
    }
}

/// Appends ", skipping 29 March (Good Friday) and 1 April (Easter Monday)" when a count in
/// working days passed over weekdays that are not working days.
fn write_skipping(out: &mut String, cal: &Calendar, a: NaiveDate, b: NaiveDate) {
    let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
    let owned;
    let days: Vec<(NaiveDate, &str)> = match cal.skipped_in_range(lo, hi) {
        Some(days) => days.collect(),
        None => {
            owned = cal.skipped_between(lo, hi);
            owned.iter().map(|h| (h.date, h.name.as_str())).collect()
        }
    };
    for (i, (date, name)) in days.iter().enumerate() {
        out.push_str(match i {
            0 => ", skipping ",
            _ if i + 1 == days.len() => " and ",
            _ => ", ",
        });
        write_date(out, *date, false);
        let _ = write!(out, " ({name})");
    }
}

/// The due date of `kind` from `anchor` under `protocol`, with its explanation.
pub fn compute(
    kind: ClockKind,
    anchor: Anchor,
    protocol: &Protocol,
    cal: &Calendar,
) -> Result<Due, ClockError> {
    let (timescale, direction) = kind.timescale(protocol).map_err(ClockError)?;
    let from = anchor.date;
    let mut due = explain(kind, anchor, timescale, direction, protocol, cal);
    if let Some(deadline) = checkpoint_deadline(kind, from, protocol, cal) {
        if deadline < due.date {
            let mut sentence = String::with_capacity(due.explanation.len() + 120);
            let _ = write!(sentence, "{} due ", kind.label());
            write_date(&mut sentence, deadline, true);
            let _ = write!(
                sentence,
                ", the assessment's own deadline ({} from the {} on ",
                protocol.assessment_complete,
                due.anchor.event.trim()
            );
            write_date(&mut sentence, from, true);
            let _ = write!(sentence, "), which comes before {timescale} from it");
            let _ = write!(
                sentence,
                "; protocol: {} v{}",
                protocol.name, protocol.version
            );
            due.date = deadline;
            due.explanation = sentence;
        }
    }
    Ok(due)
}

/// Builds the due date and its sentence for an explicit timescale.
pub fn explain(
    kind: ClockKind,
    anchor: Anchor,
    timescale: Timescale,
    direction: Direction,
    protocol: &Protocol,
    cal: &Calendar,
) -> Due {
    let date = apply(cal, anchor.date, timescale, direction);
    let relation = match direction {
        Direction::After => "from",
        Direction::Before => "before",
    };
    let event = anchor.event.trim();
    let event = event.strip_prefix("the ").unwrap_or(event);
    let mut sentence = String::with_capacity(160);
    match kind {
        ClockKind::AssessmentCheckpoint(n) => {
            let _ = write!(sentence, "{} {n}", kind.fixed_label());
        }
        other => sentence.push_str(other.fixed_label()),
    }
    sentence.push_str(" due ");
    write_date(&mut sentence, date, true);
    let _ = write!(sentence, ": {timescale} {relation} the {event} on ");
    write_date(&mut sentence, anchor.date, true);
    if matches!(timescale, Timescale::WorkingDays(_)) {
        write_skipping(&mut sentence, cal, anchor.date, date);
    }
    let _ = write!(
        sentence,
        "; protocol: {} v{}",
        protocol.name, protocol.version
    );
    Due {
        kind,
        anchor,
        timescale,
        direction,
        date,
        explanation: sentence,
        protocol_name: protocol.name.clone(),
        protocol_version: protocol.version,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn initial_conference_explains_itself() {
        let p = Protocol::preset("working-together").unwrap();
        let due = compute(
            ClockKind::InitialConference,
            Anchor {
                event: "strategy discussion".into(),
                date: d("2024-03-26"),
            },
            &p,
            &Calendar::england_and_wales(),
        )
        .unwrap();
        assert_eq!(due.date, d("2024-04-18"));
        assert_eq!(
            due.explanation,
            "Initial conference due 18 April 2024: 15 working days from the strategy discussion on 26 March 2024, skipping 29 March (Good Friday) and 1 April (Easter Monday); protocol: working-together v4"
        );
    }

    #[test]
    fn months_clamp_to_the_end_of_the_month() {
        let cal = Calendar::england_and_wales();
        assert_eq!(
            apply(
                &cal,
                d("2024-01-31"),
                Timescale::Months(1),
                Direction::After
            ),
            d("2024-02-29")
        );
        assert_eq!(
            apply(
                &cal,
                d("2023-01-31"),
                Timescale::Months(1),
                Direction::After
            ),
            d("2023-02-28")
        );
        assert_eq!(
            apply(
                &cal,
                d("2024-08-31"),
                Timescale::Months(6),
                Direction::After
            ),
            d("2025-02-28")
        );
    }

    #[test]
    fn pre_birth_runs_before_the_due_date() {
        let p = Protocol::preset("blackpool").unwrap();
        let due = compute(
            ClockKind::PreBirthAssessment,
            Anchor {
                event: "expected date of delivery".into(),
                date: d("2025-03-01"),
            },
            &p,
            &Calendar::england_and_wales(),
        )
        .unwrap();
        assert_eq!(due.date, d("2025-02-01"));
        assert!(due
            .explanation
            .contains("4 weeks before the expected date of delivery on 1 March 2025"));
        let wt = Protocol::preset("working-together").unwrap();
        assert!(compute(
            ClockKind::PreBirthAssessment,
            due.anchor.clone(),
            &wt,
            &Calendar::england_and_wales()
        )
        .is_err());
    }

    #[test]
    fn staged_and_initial_core_clocks_follow_their_preset() {
        let cal = Calendar::england_and_wales();
        let a = Anchor {
            event: "assessment start".into(),
            date: d("2025-12-19"),
        };
        let b = Protocol::preset("blackpool").unwrap();
        // 19 Dec 2025 (Fri) + 10 WD: 22, 23, 24, 29, 30, 31 Dec, 2, 5, 6, 7 Jan (25, 26 Dec, 1 Jan skipped).
        assert_eq!(
            compute(ClockKind::AssessmentFirstStage, a.clone(), &b, &cal)
                .unwrap()
                .date,
            d("2026-01-07")
        );
        assert_eq!(
            compute(ClockKind::AssessmentCheckpoint(2), a.clone(), &b, &cal)
                .unwrap()
                .date,
            cal.add_working_days(a.date, 30)
        );
        assert!(compute(ClockKind::AssessmentCheckpoint(4), a.clone(), &b, &cal).is_err());
        let n = Protocol::preset("nottinghamshire-2001").unwrap();
        assert_eq!(
            compute(ClockKind::InitialAssessment, a.clone(), &n, &cal)
                .unwrap()
                .date,
            cal.add_working_days(a.date, 7)
        );
        assert!(compute(ClockKind::AssessmentFirstStage, a, &n, &cal).is_err());
    }

    #[test]
    fn kinds_round_trip_through_their_codes() {
        for k in [
            ClockKind::ReferralDecision,
            ClockKind::AssessmentCheckpoint(3),
            ClockKind::CinSecondReview,
        ] {
            assert_eq!(ClockKind::parse(&k.code()), Some(k));
        }
        assert_eq!(ClockKind::InitialConference.code(), "initial-conference");
    }
}
