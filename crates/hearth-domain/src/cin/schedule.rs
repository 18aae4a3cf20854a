//! Which clock runs next on a child in need plan: the next review, the next visit and the next
//! child in need meeting, each with its anchor and timescale.
//!
//! Reviews (seed 003 §3): "The first review of the plan will be held within 28 days of the plan
//! being developed, the second within a further 3 months and subsequent reviews are held at
//! intervals of no more than 6 months." Seed 001: "the first review should be held within 3 months
//! of the start of the Child in Need plan and further reviews should take place at least every 3
//! months thereafter". Visits (seed 001): "at least every 6 weeks", or the plan's own frequency.
//! Meetings (seed 001): "at intervals of 4-8 weeks".
//!
//! The timescales are the protocol's (`cin.first_review`, `cin.second_review`, `cin.review_every`,
//! `cin.visit_every`, `cin.meeting_every`), read through [`ClockKind::timescale`].

use chrono::NaiveDate;

use crate::calendar::Calendar;
use crate::cin::visits::{visit_interval, VisitFrequency};
use crate::clock::{apply, explain, Anchor, ClockError, ClockKind, Direction, Due};
use crate::protocol::{Protocol, Timescale};

/// The anchor event of a plan's first clocks.
pub const PLAN_START: &str = "start of the child in need plan";

/// A clock to start: what it measures, the event it runs from and its timescale.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NextClock {
    pub kind: ClockKind,
    pub anchor: Anchor,
    pub timescale: Timescale,
}

impl NextClock {
    /// The due date with its explanation.
    pub fn due(&self, protocol: &Protocol, cal: &Calendar) -> Due {
        explain(
            self.kind,
            self.anchor.clone(),
            self.timescale,
            Direction::After,
            protocol,
            cal,
        )
    }

    /// The due date alone.
    pub fn due_date(&self, cal: &Calendar) -> NaiveDate {
        apply(cal, self.anchor.date, self.timescale, Direction::After)
    }
}

fn anchor(event: &str, date: NaiveDate) -> Anchor {
    Anchor {
        event: event.into(),
        date,
    }
}

fn protocol_clock(kind: ClockKind, at: Anchor, p: &Protocol) -> Result<NextClock, ClockError> {
    let (timescale, _) = kind.timescale(p).map_err(ClockError)?;
    Ok(NextClock {
        kind,
        anchor: at,
        timescale,
    })
}

/// The next review, given the dates of the reviews held so far: none held → the first review
/// from the plan's start; one → the second from that review; two or more → a later review from
/// the latest.
pub fn next_review(
    protocol: &Protocol,
    plan_start: NaiveDate,
    reviews_held: &[NaiveDate],
) -> Result<NextClock, ClockError> {
    let latest = reviews_held.iter().max().copied();
    match (reviews_held.len(), latest) {
        (0, _) | (_, None) => protocol_clock(
            ClockKind::CinFirstReview,
            anchor(PLAN_START, plan_start),
            protocol,
        ),
        (1, Some(first)) => protocol_clock(
            ClockKind::CinSecondReview,
            anchor("first child in need review", first),
            protocol,
        ),
        (_, Some(last)) => protocol_clock(
            ClockKind::CinReview,
            anchor("last child in need review", last),
            protocol,
        ),
    }
}

/// The next visit: from the plan's start, then from each visit, at the plan's frequency (the
/// protocol's default or the plan's own).
pub fn next_visit(
    protocol: &Protocol,
    frequency: &VisitFrequency,
    plan_start: NaiveDate,
    last_visit: Option<NaiveDate>,
) -> Result<NextClock, ClockError> {
    let timescale = visit_interval(frequency, protocol.cin.visit_every).ok_or_else(|| {
        ClockError(format!(
            "the protocol {} v{} sets no timescale for child in need visits and the plan states none",
            protocol.name, protocol.version
        ))
    })?;
    Ok(NextClock {
        kind: ClockKind::CinVisit,
        anchor: match last_visit {
            Some(v) => anchor("last child in need visit", v),
            None => anchor(PLAN_START, plan_start),
        },
        timescale,
    })
}

/// The next child in need meeting: from the plan's start, then from each meeting.
pub fn next_meeting(
    protocol: &Protocol,
    plan_start: NaiveDate,
    last_meeting: Option<NaiveDate>,
) -> Result<NextClock, ClockError> {
    let at = match last_meeting {
        Some(m) => anchor("last child in need meeting", m),
        None => anchor(PLAN_START, plan_start),
    };
    protocol_clock(ClockKind::CinMeeting, at, protocol)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn preset(name: &str) -> Protocol {
        Protocol::preset(name).unwrap()
    }

    fn due(c: &NextClock) -> NaiveDate {
        c.due_date(&Calendar::england_and_wales())
    }

    #[test]
    fn south_west_reviews_28_days_then_3_months_then_6_months() {
        // Seed 003 §3: "The first review of the plan will be held within 28 days of the plan
        // being developed, the second within a further 3 months and subsequent reviews are held
        // at intervals of no more than 6 months."
        let p = preset("south-west");
        let start = d(2026, 12, 7);
        let first = next_review(&p, start, &[]).unwrap();
        assert_eq!(first.kind, ClockKind::CinFirstReview);
        // 7 December 2026 + 28 days: 24 days to 31 December, 4 more = 4 January 2027.
        assert_eq!(due(&first), d(2027, 1, 4));
        let second = next_review(&p, start, &[d(2027, 1, 4)]).unwrap();
        assert_eq!(second.kind, ClockKind::CinSecondReview);
        assert_eq!(second.anchor.date, d(2027, 1, 4));
        // 4 January 2027 + 3 months = 4 April 2027.
        assert_eq!(due(&second), d(2027, 4, 4));
        let later = next_review(&p, start, &[d(2027, 1, 4), d(2027, 3, 30)]).unwrap();
        assert_eq!(later.kind, ClockKind::CinReview);
        // 30 March 2027 + 6 months = 30 September 2027.
        assert_eq!(due(&later), d(2027, 9, 30));
        let due = first.due(&p, &Calendar::england_and_wales());
        assert!(due.explanation.starts_with(
            "First child in need review due 4 January 2027: 28 days from the start of the child in need plan on 7 December 2026"
        ));
    }

    #[test]
    fn dudley_reviews_within_3_months_then_every_3_months() {
        // Seed 001: "the first review should be held within 3 months of the start of the Child
        // in Need plan and further reviews should take place at least every 3 months thereafter".
        let p = preset("dudley");
        let start = d(2026, 12, 7);
        // 7 December 2026 + 3 months = 7 March 2027.
        assert_eq!(due(&next_review(&p, start, &[]).unwrap()), d(2027, 3, 7));
        // A first review on 1 March 2027: the second by 1 June 2027.
        let second = next_review(&p, start, &[d(2027, 3, 1)]).unwrap();
        assert_eq!(
            (second.kind, due(&second)),
            (ClockKind::CinSecondReview, d(2027, 6, 1))
        );
        // Later reviews run from the latest, whatever order they are given in: 28 May 2027 + 3
        // months = 28 August 2027.
        let later = next_review(&p, start, &[d(2027, 5, 28), d(2027, 3, 1)]).unwrap();
        assert_eq!(
            (later.kind, due(&later)),
            (ClockKind::CinReview, d(2027, 8, 28))
        );
        // Months clamp to the month's end: 30 November 2026 + 3 months = 28 February 2027.
        assert_eq!(
            due(&next_review(&p, d(2026, 11, 30), &[]).unwrap()),
            d(2027, 2, 28)
        );
    }

    #[test]
    fn visits_follow_the_protocol_or_the_plans_own_frequency() {
        // Seed 001: visits "at least every 6 weeks (different arrangements apply for disabled
        // children with stable packages of care)".
        let p = preset("dudley");
        let start = d(2026, 12, 7);
        let first = next_visit(&p, &VisitFrequency::ProtocolDefault, start, None).unwrap();
        assert_eq!(first.kind, ClockKind::CinVisit);
        // 7 December 2026 + 42 days = 18 January 2027.
        assert_eq!(due(&first), d(2027, 1, 18));
        let fortnightly = VisitFrequency::Stated { every_weeks: 2 };
        // A visit on 11 January 2027 + 14 days = 25 January 2027.
        let next = next_visit(&p, &fortnightly, start, Some(d(2027, 1, 11))).unwrap();
        assert_eq!(next.anchor.event, "last child in need visit");
        assert_eq!(due(&next), d(2027, 1, 25));
        let stable = VisitFrequency::StablePackageOfCare {
            every_weeks: 12,
            why: "Stable short breaks".into(),
        };
        // 4 January 2027 + 84 days = 29 March 2027.
        let next = next_visit(&p, &stable, start, Some(d(2027, 1, 4))).unwrap();
        assert_eq!(due(&next), d(2027, 3, 29));
    }

    #[test]
    fn a_protocol_without_a_visit_timescale_needs_the_plans_own() {
        let mut p = preset("dudley");
        p.cin.visit_every = None;
        assert!(next_visit(&p, &VisitFrequency::ProtocolDefault, d(2026, 12, 7), None).is_err());
        let own = VisitFrequency::Stated { every_weeks: 4 };
        // 7 December 2026 + 28 days = 4 January 2027.
        let c = next_visit(&p, &own, d(2026, 12, 7), None).unwrap();
        assert_eq!(due(&c), d(2027, 1, 4));
    }

    #[test]
    fn cin_meetings_at_the_protocols_interval() {
        // Seed 001: "regular multi-agency meetings like Core Groups which meet at intervals of
        // 4-8 weeks"; Dudley's preset sets 8 weeks.
        let p = preset("dudley");
        let start = d(2026, 12, 7);
        // 7 December 2026 + 56 days = 1 February 2027.
        let first = next_meeting(&p, start, None).unwrap();
        assert_eq!(
            (first.kind, due(&first)),
            (ClockKind::CinMeeting, d(2027, 2, 1))
        );
        // A meeting on 25 January 2027 + 56 days = 22 March 2027.
        let next = next_meeting(&p, start, Some(d(2027, 1, 25))).unwrap();
        assert_eq!(due(&next), d(2027, 3, 22));
        let mut none = p;
        none.cin.meeting_every = None;
        assert!(next_meeting(&none, start, None).is_err());
    }
}
