//! Unit tests of the calendar's arithmetic, corrections and the slow path outside 1990–2150.

use super::*;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

#[test]
fn adds_across_a_weekend_and_easter() {
    let c = Calendar::england_and_wales();
    assert_eq!(c.add_working_days(d("2024-03-26"), 15), d("2024-04-18"));
    assert_eq!(c.add_working_days(d("2024-03-28"), 1), d("2024-04-02"));
    assert_eq!(c.add_working_days(d("2024-03-29"), 0), d("2024-04-02"));
    assert_eq!(c.add_working_days(d("2024-03-27"), 0), d("2024-03-27"));
    assert_eq!(c.working_days_between(d("2024-03-26"), d("2024-04-18")), 15);
    assert_eq!(c.working_days_between(d("2024-04-18"), d("2024-03-26")), 0);
}

#[test]
fn subtracts_across_christmas() {
    let c = Calendar::england_and_wales();
    // Friday 2 January 2026 back 1: 1 January is New Year's Day, 25/26 December are holidays.
    assert_eq!(c.sub_working_days(d("2026-01-02"), 1), d("2025-12-31"));
    assert_eq!(c.sub_working_days(d("2025-12-29"), 1), d("2025-12-24"));
    assert_eq!(c.sub_working_days(d("2025-12-27"), 0), d("2025-12-24"));
    assert_eq!(c.sub_working_days(d("2025-12-24"), 0), d("2025-12-24"));
    for n in 0..60 {
        let back = c.sub_working_days(d("2025-12-29"), n);
        assert!(c.is_working_day(back));
        if n > 0 {
            assert_eq!(c.working_days_between(back, d("2025-12-29")), n);
        }
    }
}

#[test]
fn closures_and_corrections_apply() {
    let c = Calendar::with_adjustments(&[
        Adjustment::Closure {
            day: d("2024-12-27"),
            name: "Council closure".into(),
        },
        Adjustment::RemoveBankHoliday {
            day: d("2024-12-26"),
        },
    ]);
    assert!(!c.is_working_day(d("2024-12-27")));
    assert!(c.is_working_day(d("2024-12-26")));
    assert_eq!(c.add_working_days(d("2024-12-24"), 2), d("2024-12-30"));
    let names: Vec<String> = c
        .skipped_between(d("2024-12-24"), d("2024-12-30"))
        .into_iter()
        .map(|h| h.name)
        .collect();
    assert_eq!(names, vec!["Christmas Day", "Council closure"]);
}

#[test]
fn a_correction_never_reopens_a_closure_day() {
    let c = Calendar::with_adjustments(&[
        Adjustment::Closure {
            day: d("2025-12-26"),
            name: "Council closure".into(),
        },
        Adjustment::RemoveBankHoliday {
            day: d("2025-12-26"),
        },
    ]);
    assert!(!c.is_working_day(d("2025-12-26")));
}

#[test]
fn an_imported_name_replaces_the_computed_one() {
    let c = Calendar::with_adjustments(&[Adjustment::AddBankHoliday {
        day: d("2025-12-26"),
        name: "Boxing Day (GOV.UK)".into(),
    }]);
    assert!(c
        .holidays_in(2025)
        .iter()
        .any(|h| h.name == "Boxing Day (GOV.UK)"));
}

#[test]
fn works_outside_the_precomputed_range() {
    let c = Calendar::with_adjustments(&[
        Adjustment::Closure {
            day: d("2200-12-30"),
            name: "Council closure".into(),
        },
        Adjustment::RemoveBankHoliday {
            day: d("2200-12-26"),
        },
    ]);
    // 25 December 2200 is a Thursday; Boxing Day was removed, 30 December is a closure.
    assert_eq!(c.add_working_days(d("2200-12-24"), 1), d("2200-12-26"));
    assert_eq!(c.add_working_days(d("2200-12-24"), 2), d("2200-12-29"));
    assert_eq!(c.add_working_days(d("2200-12-24"), 3), d("2200-12-31"));
    assert_eq!(c.sub_working_days(d("2200-12-31"), 2), d("2200-12-26"));
    assert_eq!(c.working_days_between(d("2200-12-24"), d("2200-12-31")), 3);
    let names: Vec<String> = c
        .skipped_between(d("2200-12-24"), d("2200-12-31"))
        .into_iter()
        .map(|h| h.name)
        .collect();
    assert_eq!(names, vec!["Christmas Day", "Council closure"]);
    // Across the edge of the range.
    assert_eq!(
        c.working_days_between(d("2150-12-30"), d("2151-01-03")),
        c.working_days_between(d("2150-12-30"), d("2150-12-31"))
            + c.working_days_between(d("2150-12-31"), d("2151-01-03"))
    );
    // 1 January 2151 is a Friday, so the next working day is Monday 4 January.
    assert_eq!(c.add_working_days(d("2150-12-31"), 1), d("2151-01-04"));
}

#[test]
fn the_ends_of_time_do_not_loop() {
    let c = Calendar::england_and_wales();
    let _ = c.add_working_days(NaiveDate::MAX, 3);
    let _ = c.sub_working_days(NaiveDate::MIN, 3);
    let _ = c.add_working_days(NaiveDate::MAX, 0);
}
