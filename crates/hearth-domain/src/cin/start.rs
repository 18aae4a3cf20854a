//! The day a child in need plan starts (census `CINPlanStartDate`).
//!
//! Census rule 4015: "The CIN Plan start date cannot be before the referral date"; rule 4001: "A
//! CIN Plan cannot run concurrently with a Child Protection Plan". Seed 001: "Where children are
//! in care or subject to a Child Protection plan, any Child In Need plan should be ended and the
//! Child In Care/ CHILD PROTECTION plan becomes the key plan." The plan's end (census
//! `CINPlanEndDate`) is [`crate::cin::closure`]'s.

use chrono::NaiveDate;

use crate::errors::ValidationErrors;
use crate::uk_time::format_date;

/// A child protection plan of the same child: its start, and its end while it has one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CpPlanSpan {
    pub started_on: NaiveDate,
    pub ended_on: Option<NaiveDate>,
}

/// Checks the plan's start (census `CINPlanStartDate`): not in the future, not before the
/// episode's referral (census rule 4015: "The CIN Plan start date cannot be before the referral
/// date"), and never alongside a child protection plan (census rule 4001: "A CIN Plan cannot run
/// concurrently with a Child Protection Plan"; seed 001: "Where children are in care or subject
/// to a Child Protection plan, any Child In Need plan should be ended"). A CIN plan may start on
/// the day a CP plan ends (the usual step-down).
pub fn check_plan_start(
    started_on: NaiveDate,
    referral_date: NaiveDate,
    cp_plans: &[CpPlanSpan],
    today: NaiveDate,
) -> Result<(), ValidationErrors> {
    let mut e = ValidationErrors::default();
    if started_on > today {
        e.add(
            "started_on",
            "future_date",
            "The plan cannot start on a future date",
        );
    }
    if started_on < referral_date {
        e.add(
            "started_on",
            "before_referral",
            format!(
                "The plan cannot start before the referral on {} (census rule 4015)",
                format_date(referral_date)
            ),
        );
    }
    for cp in cp_plans {
        match cp.ended_on {
            None => e.add(
                "started_on",
                "cp_plan_open",
                format!(
                    "The child has been on a child protection plan since {}: a child in need plan cannot start while it is open (census rule 4001). End the child protection plan first",
                    format_date(cp.started_on)
                ),
            ),
            Some(end) if cp.started_on <= started_on && started_on < end => e.add(
                "started_on",
                "overlaps_cp_plan",
                format!(
                    "The child was on a child protection plan from {} to {}: a child in need plan cannot start during it (census rule 4001)",
                    format_date(cp.started_on),
                    format_date(end)
                ),
            ),
            Some(_) => {}
        }
    }
    e.into_result(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn a_plan_never_starts_alongside_a_child_protection_plan() {
        // Census rule 4001: "A CIN Plan cannot run concurrently with a Child Protection Plan".
        let (referral, today) = (d(2026, 10, 1), d(2026, 12, 10));
        let open = [CpPlanSpan {
            started_on: d(2026, 11, 2),
            ended_on: None,
        }];
        let e = check_plan_start(d(2026, 12, 7), referral, &open, today).unwrap_err();
        assert_eq!(e.0[0].code, "cp_plan_open");
        assert!(e.0[0].message.contains("since 2 November 2026"));
        // The plan may start on the day the CP plan ends (step-down), not during it.
        let ended = [CpPlanSpan {
            started_on: d(2026, 11, 2),
            ended_on: Some(d(2026, 12, 7)),
        }];
        assert!(check_plan_start(d(2026, 12, 7), referral, &ended, today).is_ok());
        let e = check_plan_start(d(2026, 12, 6), referral, &ended, today).unwrap_err();
        assert_eq!(e.0[0].code, "overlaps_cp_plan");
        assert!(check_plan_start(d(2026, 11, 1), referral, &ended, today).is_ok());
    }

    #[test]
    fn a_plan_starts_between_the_referral_and_today() {
        // Census rule 4015: "The CIN Plan start date cannot be before the referral date".
        let (referral, today) = (d(2026, 10, 1), d(2026, 12, 10));
        assert!(check_plan_start(referral, referral, &[], today).is_ok());
        assert!(check_plan_start(today, referral, &[], today).is_ok());
        let e = check_plan_start(d(2026, 9, 30), referral, &[], today).unwrap_err();
        assert_eq!(e.0[0].code, "before_referral");
        assert!(e.0[0].message.contains("1 October 2026"));
        let e = check_plan_start(d(2026, 12, 11), referral, &[], today).unwrap_err();
        assert_eq!(e.0[0].code, "future_date");
    }
}
