//! Long plans: the complex-needs panel for a plan that runs past the protocol's threshold, and
//! the yearly refresh of the assessment on an open case.
//!
//! Seed 003 §3: "Where it is proposed that a complex package of support being provided under a
//! Child in Need Plan should continue beyond 12 months there should be a referral to the Complex
//! Needs Panel ... Exceptions to this will be those cases where the plan acknowledges the need for
//! longer term support, for example in relation to children who meet the criteria for a service in
//! relation to a disability." Seed 004 (Blackpool): "Child and Family Assessments (CAFA) must be
//! reviewed and updated at least annually."

use crate::cin::schedule::{NextClock, PLAN_START};
use crate::clock::{Anchor, ClockKind};
use crate::protocol::Protocol;
use chrono::NaiveDate;

/// Whether the complex-needs panel clock runs on a plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PanelClock {
    /// The protocol has no complex-needs panel.
    NotSet,
    /// The plan records why long-term support is expected: no referral is due.
    LongTermSupportExpected { why: String },
    /// A referral is due when the plan has run for the protocol's threshold.
    Applies(NextClock),
}

/// Decides whether the panel clock applies to a plan that started on `plan_start` and records
/// `long_term_support` (the plan's reason, if it expects long-term support). A blank reason is
/// no reason: the clock applies.
pub fn complex_needs_panel(
    protocol: &Protocol,
    plan_start: NaiveDate,
    long_term_support: Option<&str>,
) -> PanelClock {
    let Some(timescale) = protocol.cin.complex_needs_panel_after else {
        return PanelClock::NotSet;
    };
    match long_term_support.map(str::trim).filter(|w| !w.is_empty()) {
        Some(why) => PanelClock::LongTermSupportExpected { why: why.into() },
        None => PanelClock::Applies(NextClock {
            kind: ClockKind::ComplexNeedsPanel,
            anchor: Anchor {
                event: PLAN_START.into(),
                date: plan_start,
            },
            timescale,
        }),
    }
}

/// The yearly refresh of the assessment on an open case, from the last assessment's
/// authorisation, when the protocol sets one (`assessment.refresh`).
pub fn assessment_refresh(protocol: &Protocol, last_assessment_on: NaiveDate) -> Option<NextClock> {
    protocol.assessment_refresh.map(|timescale| NextClock {
        kind: ClockKind::AssessmentRefresh,
        anchor: Anchor {
            event: "last assessment's authorisation".into(),
            date: last_assessment_on,
        },
        timescale,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::Calendar;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn preset(name: &str) -> Protocol {
        Protocol::preset(name).unwrap()
    }

    #[test]
    fn a_plan_past_12_months_goes_to_the_complex_needs_panel() {
        // Seed 003 §3: "continue beyond 12 months there should be a referral to the Complex
        // Needs Panel".
        let p = preset("south-west");
        let PanelClock::Applies(c) = complex_needs_panel(&p, d(2026, 12, 7), None) else {
            panic!("the panel clock applies");
        };
        assert_eq!(c.kind, ClockKind::ComplexNeedsPanel);
        // 7 December 2026 + 12 months = 7 December 2027.
        assert_eq!(c.due_date(&Calendar::england_and_wales()), d(2027, 12, 7));
        // A blank reason is no reason.
        assert!(matches!(
            complex_needs_panel(&p, d(2026, 12, 7), Some("  ")),
            PanelClock::Applies(_)
        ));
    }

    #[test]
    fn not_when_the_plan_expects_long_term_support() {
        // Seed 003 §3: "Exceptions to this will be those cases where the plan acknowledges the
        // need for longer term support, for example ... a disability."
        let p = preset("south-west");
        assert_eq!(
            complex_needs_panel(&p, d(2026, 12, 7), Some(" Lifelong condition ")),
            PanelClock::LongTermSupportExpected {
                why: "Lifelong condition".into()
            }
        );
    }

    #[test]
    fn not_under_a_protocol_without_a_panel() {
        // Seed 001 (Dudley) has no complex-needs panel.
        assert_eq!(
            complex_needs_panel(&preset("dudley"), d(2026, 12, 7), None),
            PanelClock::NotSet
        );
    }

    #[test]
    fn blackpool_refreshes_the_assessment_yearly() {
        // Seed 004: "Child and Family Assessments (CAFA) must be reviewed and updated at least
        // annually."
        let c = assessment_refresh(&preset("blackpool"), d(2026, 3, 16)).unwrap();
        assert_eq!(c.kind, ClockKind::AssessmentRefresh);
        // 16 March 2026 + 12 months = 16 March 2027.
        assert_eq!(c.due_date(&Calendar::england_and_wales()), d(2027, 3, 16));
        assert_eq!(assessment_refresh(&preset("dudley"), d(2026, 3, 16)), None);
    }
}
