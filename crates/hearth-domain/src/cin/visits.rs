//! How often a child on a child in need plan is visited, and the visit itself.
//!
//! Seed 001: the plan "should be clear about the frequency of social work visits which should be
//! at least every 6 weeks (different arrangements apply for disabled children with stable
//! packages of care). In many circumstances, Child In need plans will be very focused or where
//! plans might be quite intensive visits every week or every fortnight will be the norm." Seed 003
//! §2: the plan should "Identify the Lead Professional and his or her responsibilities, including
//! frequency of visits to the child".
//!
//! A visit is recorded with the same record and check child protection uses
//! ([`crate::protection::plan::CpVisit`], [`crate::protection::plan::check_cp_visit`]: seen, seen
//! alone, bedroom seen, home conditions, who was present, not before the plan, not in the
//! future); the next visit's clock is [`crate::cin::schedule::next_visit`].

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::calendar::Calendar;
use crate::clock::{apply, Direction};
use crate::errors::ValidationErrors;
use crate::limits::{check_len, PARAGRAPH};
use crate::protocol::Timescale;

/// The longest visit interval a plan may record, in weeks: a plan is reviewed every few months,
/// so an interval of more than a year is a slip of the keyboard.
pub const MAX_VISIT_WEEKS: u32 = 52;

/// How often the lead professional visits the child (seed 003 §2: "frequency of visits").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum VisitFrequency {
    /// The protocol's `cin.visit_every` (seed 001: "at least every 6 weeks").
    ProtocolDefault,
    /// More often than the protocol's default (seed 001: "visits every week or every fortnight
    /// will be the norm" for intensive plans).
    Stated { every_weeks: u32 },
    /// Seed 001's exception: "different arrangements apply for disabled children with stable
    /// packages of care". Only for a disabled child, with the reason recorded.
    StablePackageOfCare { every_weeks: u32, why: String },
}

/// Whether timescale `a` runs past timescale `b` when both start on `from`.
fn runs_longer(cal: &Calendar, from: NaiveDate, a: Timescale, b: Timescale) -> bool {
    apply(cal, from, a, Direction::After) > apply(cal, from, b, Direction::After)
}

/// The visit interval in force: the plan's own, or the protocol's default (`None` when the plan
/// follows a protocol that sets none).
pub fn visit_interval(
    f: &VisitFrequency,
    protocol_default: Option<Timescale>,
) -> Option<Timescale> {
    match f {
        VisitFrequency::ProtocolDefault => protocol_default,
        VisitFrequency::Stated { every_weeks }
        | VisitFrequency::StablePackageOfCare { every_weeks, .. } => {
            Some(Timescale::Weeks(*every_weeks))
        }
    }
}

/// Checks the visit frequency: the protocol's default must exist to be chosen; a stated interval
/// is no longer than the default; only a disabled child with a stable package of care, with the
/// reason recorded, may be visited less often (seed 001).
pub fn check_visit_frequency(
    e: &mut ValidationErrors,
    f: &VisitFrequency,
    protocol_default: Option<Timescale>,
    child_disabled: bool,
    plan_start: NaiveDate,
    cal: &Calendar,
) {
    const FIELD: &str = "visit_frequency";
    let weeks = match f {
        VisitFrequency::ProtocolDefault => {
            if protocol_default.is_none() {
                e.add(
                    FIELD,
                    "no_protocol_default",
                    "The protocol sets no visit frequency for child in need plans: state how often the child will be visited",
                );
            }
            return;
        }
        VisitFrequency::Stated { every_weeks } => *every_weeks,
        VisitFrequency::StablePackageOfCare { every_weeks, why } => {
            if !child_disabled {
                e.add(
                    FIELD,
                    "not_disabled",
                    "Less frequent visits for a stable package of care apply only to a disabled child (seed 001); the child's record shows no disability",
                );
            }
            if why.trim().is_empty() {
                e.add(
                    "visit_frequency.why",
                    "required",
                    "Record why the package of care is stable enough for less frequent visits",
                );
            }
            check_len(e, "visit_frequency.why", "The reason", why, PARAGRAPH);
            *every_weeks
        }
    };
    if weeks == 0 || weeks > MAX_VISIT_WEEKS {
        e.add(
            "visit_frequency.every_weeks",
            "out_of_range",
            format!("Visits are every 1 to {MAX_VISIT_WEEKS} weeks"),
        );
        return;
    }
    let stable = matches!(f, VisitFrequency::StablePackageOfCare { .. });
    if let Some(default) = protocol_default {
        if !stable && runs_longer(cal, plan_start, Timescale::Weeks(weeks), default) {
            e.add(
                "visit_frequency.every_weeks",
                "longer_than_protocol",
                format!(
                    "The protocol asks for visits at least every {default}: visit more often, or record the exception for a disabled child with a stable package of care"
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn check(f: VisitFrequency, default: Option<Timescale>, disabled: bool) -> Vec<&'static str> {
        let mut e = ValidationErrors::default();
        let cal = Calendar::england_and_wales();
        check_visit_frequency(&mut e, &f, default, disabled, d(2026, 12, 7), &cal);
        e.0.iter().map(|x| x.code).collect()
    }

    const SIX_WEEKS: Option<Timescale> = Some(Timescale::Weeks(6));

    #[test]
    fn the_protocol_default_needs_a_protocol_that_sets_one() {
        // Seed 001: visits "should be at least every 6 weeks".
        assert!(check(VisitFrequency::ProtocolDefault, SIX_WEEKS, false).is_empty());
        assert_eq!(
            check(VisitFrequency::ProtocolDefault, None, false),
            ["no_protocol_default"]
        );
        assert_eq!(
            visit_interval(&VisitFrequency::ProtocolDefault, SIX_WEEKS),
            SIX_WEEKS
        );
        assert_eq!(visit_interval(&VisitFrequency::ProtocolDefault, None), None);
    }

    #[test]
    fn a_stated_frequency_is_no_longer_than_the_protocols() {
        // Seed 001: "visits every week or every fortnight will be the norm" for intensive plans;
        // never less often than "at least every 6 weeks".
        let stated = |w| VisitFrequency::Stated { every_weeks: w };
        assert!(check(stated(1), SIX_WEEKS, false).is_empty());
        assert!(check(stated(6), SIX_WEEKS, false).is_empty());
        assert_eq!(check(stated(7), SIX_WEEKS, false), ["longer_than_protocol"]);
        // No protocol default: any interval up to the limit stands.
        assert!(check(stated(8), None, false).is_empty());
        assert_eq!(check(stated(0), SIX_WEEKS, false), ["out_of_range"]);
        assert_eq!(check(stated(53), None, false), ["out_of_range"]);
        assert_eq!(
            visit_interval(&stated(2), SIX_WEEKS),
            Some(Timescale::Weeks(2))
        );
    }

    #[test]
    fn a_default_in_working_days_is_compared_on_the_calendar() {
        // From Monday 7 December 2026, 10 working days is Monday 21 December 2026 and 2 weeks is
        // the same day, so fortnightly visits meet the default; 3 weeks (28 December) do not.
        let wd = Some(Timescale::WorkingDays(10));
        assert!(check(VisitFrequency::Stated { every_weeks: 2 }, wd, false).is_empty());
        assert_eq!(
            check(VisitFrequency::Stated { every_weeks: 3 }, wd, false),
            ["longer_than_protocol"]
        );
    }

    #[test]
    fn a_disabled_child_with_a_stable_package_may_be_visited_less_often() {
        // Seed 001: "(different arrangements apply for disabled children with stable packages of
        // care)".
        let stable = |why: &str| VisitFrequency::StablePackageOfCare {
            every_weeks: 12,
            why: why.into(),
        };
        let why =
            "Overnight short breaks unchanged for two years; parents and school report no concerns";
        assert!(check(stable(why), SIX_WEEKS, true).is_empty());
        assert_eq!(check(stable(why), SIX_WEEKS, false), ["not_disabled"]);
        assert_eq!(check(stable(" "), SIX_WEEKS, true), ["required"]);
        assert_eq!(
            visit_interval(&stable(why), SIX_WEEKS),
            Some(Timescale::Weeks(12))
        );
    }
}
