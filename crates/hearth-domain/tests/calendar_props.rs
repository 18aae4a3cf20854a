//! Properties of working-day arithmetic that must hold for any date and count, and agreement
//! with a plain day-by-day reference over the computed rules (with and without closures).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::{Datelike, Days, NaiveDate, Weekday};
use hearth_domain::calendar::{bank_holidays, Adjustment, Calendar};
use proptest::prelude::*;
use std::sync::OnceLock;

fn cal() -> &'static Calendar {
    static CAL: OnceLock<Calendar> = OnceLock::new();
    CAL.get_or_init(Calendar::england_and_wales)
}

fn date() -> impl Strategy<Value = NaiveDate> {
    (0u64..(365 * 60)).prop_map(|n| {
        NaiveDate::from_ymd_opt(2000, 1, 1)
            .unwrap()
            .checked_add_days(Days::new(n))
            .unwrap()
    })
}

proptest! {
    #[test]
    fn adding_then_counting_back_gives_n(d in date(), n in 0u32..400) {
        let r = cal().add_working_days(d, n);
        prop_assert_eq!(cal().working_days_between(d, r), if n == 0 { u32::from(r > d) } else { n });
    }

    #[test]
    fn the_result_is_a_working_day(d in date(), n in 0u32..400) {
        let r = cal().add_working_days(d, n);
        prop_assert!(cal().is_working_day(r));
        prop_assert!(!matches!(r.weekday(), Weekday::Sat | Weekday::Sun));
        prop_assert!(cal().holidays_in(r.year()).iter().all(|h| h.date != r));
    }

    #[test]
    fn results_are_monotonic_in_n(d in date(), n in 0u32..400) {
        let (now, next) = (cal().add_working_days(d, n), cal().add_working_days(d, n + 1));
        // From a non-working day, 0 and 1 working days both land on the next working day;
        // from then on every extra working day moves the result forward.
        prop_assert!(next >= now);
        if n >= 1 || cal().is_working_day(d) {
            prop_assert!(next > now);
        }
    }

    #[test]
    fn counting_is_additive(d in date(), a in 0u64..200, b in 0u64..200) {
        let m = d.checked_add_days(Days::new(a)).unwrap();
        let e = m.checked_add_days(Days::new(b)).unwrap();
        prop_assert_eq!(cal().working_days_between(d, e), cal().working_days_between(d, m) + cal().working_days_between(m, e));
    }

    #[test]
    fn subtracting_is_the_inverse_of_adding(d in date(), n in 1u32..400) {
        let back = cal().sub_working_days(d, n);
        prop_assert!(cal().is_working_day(back));
        prop_assert!(back < d);
        // Between `back` and `d` lie n - 1 working days, then `d` itself if it is one.
        let d_counts = u32::from(cal().is_working_day(d));
        prop_assert_eq!(cal().working_days_between(back, d), n - 1 + d_counts);
        prop_assert!(cal().add_working_days(back, n) >= d);
        if cal().is_working_day(d) {
            prop_assert_eq!(cal().add_working_days(back, n), d);
        }
    }

    #[test]
    fn skipped_days_are_the_weekdays_not_counted(d in date(), n in 1u32..120) {
        let r = cal().add_working_days(d, n);
        let weekdays = d.iter_days().skip(1).take_while(|x| *x <= r)
            .filter(|x| !matches!(x.weekday(), Weekday::Sat | Weekday::Sun)).count() as u32;
        let skipped = cal().skipped_between(d, r);
        prop_assert_eq!(weekdays - n, skipped.len() as u32);
        prop_assert!(skipped.iter().all(|h| !h.name.is_empty() && h.date > d && h.date < r));
    }

    #[test]
    fn the_fast_calendar_agrees_with_a_day_by_day_walk(
        d in date(),
        n in 0u32..60,
        closures in proptest::collection::vec(0u64..(365 * 60), 0..40),
    ) {
        let start = NaiveDate::from_ymd_opt(2000, 1, 1).unwrap();
        let closure_days: Vec<NaiveDate> = closures.iter()
            .map(|c| start.checked_add_days(Days::new(*c)).unwrap())
            .collect();
        let adjustments: Vec<Adjustment> = closure_days.iter()
            .map(|day| Adjustment::Closure { day: *day, name: "Closure".into() })
            .collect();
        let c = Calendar::with_adjustments(&adjustments);
        let working = |x: NaiveDate| {
            !matches!(x.weekday(), Weekday::Sat | Weekday::Sun)
                && !closure_days.contains(&x)
                && !bank_holidays(x.year()).iter().any(|(h, _)| *h == x)
        };
        let mut expected = d;
        if n == 0 {
            while !working(expected) { expected = expected.succ_opt().unwrap(); }
        } else {
            let mut left = n;
            while left > 0 {
                expected = expected.succ_opt().unwrap();
                if working(expected) { left -= 1; }
            }
        }
        prop_assert_eq!(c.add_working_days(d, n), expected);
        prop_assert_eq!(c.is_working_day(d), working(d));
    }
}
