//! Properties of working-day arithmetic that must hold for any date and count.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::{Datelike, Days, NaiveDate, Weekday};
use hearth_domain::calendar::Calendar;
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
}
