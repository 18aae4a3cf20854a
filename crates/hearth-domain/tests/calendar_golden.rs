//! Every England and Wales bank holiday in the published list for 2000–2030, against the rules.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::{Datelike, NaiveDate, Weekday};
use hearth_domain::calendar::Calendar;

/// The published GOV.UK list (and its predecessors) for England and Wales, year by year.
const PUBLISHED: &[(i32, &[&str])] = &[
    (
        2000,
        &[
            "01-03", "04-21", "04-24", "05-01", "05-29", "08-28", "12-25", "12-26",
        ],
    ),
    (
        2001,
        &[
            "01-01", "04-13", "04-16", "05-07", "05-28", "08-27", "12-25", "12-26",
        ],
    ),
    (
        2002,
        &[
            "01-01", "03-29", "04-01", "05-06", "06-03", "06-04", "08-26", "12-25", "12-26",
        ],
    ),
    (
        2003,
        &[
            "01-01", "04-18", "04-21", "05-05", "05-26", "08-25", "12-25", "12-26",
        ],
    ),
    (
        2004,
        &[
            "01-01", "04-09", "04-12", "05-03", "05-31", "08-30", "12-27", "12-28",
        ],
    ),
    (
        2005,
        &[
            "01-03", "03-25", "03-28", "05-02", "05-30", "08-29", "12-26", "12-27",
        ],
    ),
    (
        2006,
        &[
            "01-02", "04-14", "04-17", "05-01", "05-29", "08-28", "12-25", "12-26",
        ],
    ),
    (
        2007,
        &[
            "01-01", "04-06", "04-09", "05-07", "05-28", "08-27", "12-25", "12-26",
        ],
    ),
    (
        2008,
        &[
            "01-01", "03-21", "03-24", "05-05", "05-26", "08-25", "12-25", "12-26",
        ],
    ),
    (
        2009,
        &[
            "01-01", "04-10", "04-13", "05-04", "05-25", "08-31", "12-25", "12-28",
        ],
    ),
    (
        2010,
        &[
            "01-01", "04-02", "04-05", "05-03", "05-31", "08-30", "12-27", "12-28",
        ],
    ),
    (
        2011,
        &[
            "01-03", "04-22", "04-25", "04-29", "05-02", "05-30", "08-29", "12-26", "12-27",
        ],
    ),
    (
        2012,
        &[
            "01-02", "04-06", "04-09", "05-07", "06-04", "06-05", "08-27", "12-25", "12-26",
        ],
    ),
    (
        2013,
        &[
            "01-01", "03-29", "04-01", "05-06", "05-27", "08-26", "12-25", "12-26",
        ],
    ),
    (
        2014,
        &[
            "01-01", "04-18", "04-21", "05-05", "05-26", "08-25", "12-25", "12-26",
        ],
    ),
    (
        2015,
        &[
            "01-01", "04-03", "04-06", "05-04", "05-25", "08-31", "12-25", "12-28",
        ],
    ),
    (
        2016,
        &[
            "01-01", "03-25", "03-28", "05-02", "05-30", "08-29", "12-26", "12-27",
        ],
    ),
    (
        2017,
        &[
            "01-02", "04-14", "04-17", "05-01", "05-29", "08-28", "12-25", "12-26",
        ],
    ),
    (
        2018,
        &[
            "01-01", "03-30", "04-02", "05-07", "05-28", "08-27", "12-25", "12-26",
        ],
    ),
    (
        2019,
        &[
            "01-01", "04-19", "04-22", "05-06", "05-27", "08-26", "12-25", "12-26",
        ],
    ),
    (
        2020,
        &[
            "01-01", "04-10", "04-13", "05-08", "05-25", "08-31", "12-25", "12-28",
        ],
    ),
    (
        2021,
        &[
            "01-01", "04-02", "04-05", "05-03", "05-31", "08-30", "12-27", "12-28",
        ],
    ),
    (
        2022,
        &[
            "01-03", "04-15", "04-18", "05-02", "06-02", "06-03", "08-29", "09-19", "12-26",
            "12-27",
        ],
    ),
    (
        2023,
        &[
            "01-02", "04-07", "04-10", "05-01", "05-08", "05-29", "08-28", "12-25", "12-26",
        ],
    ),
    (
        2024,
        &[
            "01-01", "03-29", "04-01", "05-06", "05-27", "08-26", "12-25", "12-26",
        ],
    ),
    (
        2025,
        &[
            "01-01", "04-18", "04-21", "05-05", "05-26", "08-25", "12-25", "12-26",
        ],
    ),
    (
        2026,
        &[
            "01-01", "04-03", "04-06", "05-04", "05-25", "08-31", "12-25", "12-28",
        ],
    ),
    (
        2027,
        &[
            "01-01", "03-26", "03-29", "05-03", "05-31", "08-30", "12-27", "12-28",
        ],
    ),
    (
        2028,
        &[
            "01-03", "04-14", "04-17", "05-01", "05-29", "08-28", "12-25", "12-26",
        ],
    ),
    (
        2029,
        &[
            "01-01", "03-30", "04-02", "05-07", "05-28", "08-27", "12-25", "12-26",
        ],
    ),
    (
        2030,
        &[
            "01-01", "04-19", "04-22", "05-06", "05-27", "08-26", "12-25", "12-26",
        ],
    ),
];

#[test]
fn every_bank_holiday_2000_to_2030_matches_the_published_list() {
    let cal = Calendar::england_and_wales();
    for (year, days) in PUBLISHED {
        let expected: Vec<NaiveDate> = days
            .iter()
            .map(|md| NaiveDate::parse_from_str(&format!("{year}-{md}"), "%Y-%m-%d").unwrap())
            .collect();
        for d in &expected {
            assert!(
                !matches!(d.weekday(), Weekday::Sat | Weekday::Sun),
                "the published list has weekdays only: {d}"
            );
        }
        let got: Vec<NaiveDate> = cal.holidays_in(*year).into_iter().map(|h| h.date).collect();
        assert_eq!(got, expected, "bank holidays of {year}");
        for d in &expected {
            assert!(!cal.is_working_day(*d), "{d} is a bank holiday");
        }
    }
}

#[test]
fn one_off_days_have_their_names() {
    let cal = Calendar::england_and_wales();
    let name = |y: i32, m: u32, d: u32| {
        let date = NaiveDate::from_ymd_opt(y, m, d).unwrap();
        cal.holidays_in(y)
            .into_iter()
            .find(|h| h.date == date)
            .map(|h| h.name)
            .unwrap_or_default()
    };
    assert!(name(2022, 9, 19).contains("State Funeral"));
    assert!(name(2023, 5, 8).contains("coronation"));
    assert!(name(2012, 6, 5).contains("Diamond Jubilee"));
    assert!(name(2020, 5, 8).contains("Early May"));
    assert!(name(2021, 12, 27).contains("substitute"));
}

#[test]
fn days_moved_before_2000_are_in_the_precomputed_range_too() {
    let cal = Calendar::england_and_wales();
    let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    // 1995: the early May bank holiday moved to 8 May for the 50th anniversary of VE day.
    assert!(cal.is_working_day(day(1995, 5, 1)));
    assert!(!cal.is_working_day(day(1995, 5, 8)));
    // 31 December 1999: the millennium.
    assert!(!cal.is_working_day(day(1999, 12, 31)));
    assert_eq!(cal.add_working_days(day(1999, 12, 30), 1), day(2000, 1, 4));
}

#[test]
fn future_years_are_computed_from_easter() {
    let cal = Calendar::england_and_wales();
    // Easter Sundays 2031–2035 and 2049: 13 April, 28 March, 17 April, 9 April, 25 March, 18 April.
    for (y, m, d) in [
        (2031, 4, 13),
        (2032, 3, 28),
        (2033, 4, 17),
        (2034, 4, 9),
        (2035, 3, 25),
        (2049, 4, 18),
    ] {
        let easter = NaiveDate::from_ymd_opt(y, m, d).unwrap();
        let names: Vec<(NaiveDate, String)> = cal
            .holidays_in(y)
            .into_iter()
            .map(|h| (h.date, h.name))
            .collect();
        assert!(names.contains(&(
            easter.pred_opt().unwrap().pred_opt().unwrap(),
            "Good Friday".into()
        )));
        assert!(names.contains(&(easter.succ_opt().unwrap(), "Easter Monday".into())));
        assert_eq!(names.len(), 8, "{y}: {names:?}");
    }
}
