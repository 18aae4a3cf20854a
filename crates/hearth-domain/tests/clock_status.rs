//! A clock's state on a given day: upcoming, due soon, due today, overdue, met on time or late.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::NaiveDate;
use hearth_domain::calendar::Calendar;
use hearth_domain::clock::{status, ClockStatus, DEFAULT_DUE_SOON};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

#[test]
fn states_across_a_weekend_and_a_bank_holiday() {
    let cal = Calendar::england_and_wales();
    // Due Tuesday 27 August 2024; Monday 26 is the summer bank holiday.
    let due = d("2024-08-27");
    let on = |today: &str| status(due, d(today), None, None, &cal, DEFAULT_DUE_SOON);
    assert_eq!(on("2024-08-20"), ClockStatus::Upcoming);
    // Thursday 22: Friday 23 and Tuesday 27 remain, 2 working days.
    assert_eq!(on("2024-08-22"), ClockStatus::DueSoon);
    // Wednesday 21: 3 working days remain.
    assert_eq!(on("2024-08-21"), ClockStatus::Upcoming);
    assert_eq!(on("2024-08-24"), ClockStatus::DueSoon);
    assert_eq!(on("2024-08-27"), ClockStatus::DueToday);
    assert_eq!(on("2024-08-28"), ClockStatus::Overdue);
    assert_eq!(
        status(due, d("2024-08-21"), None, None, &cal, 3),
        ClockStatus::DueSoon,
        "the threshold is the council's choice"
    );
    assert_eq!(
        status(due, d("2024-08-26"), None, None, &cal, 0),
        ClockStatus::Upcoming
    );
}

#[test]
fn met_clocks_stay_met_whatever_the_day() {
    let cal = Calendar::england_and_wales();
    let due = d("2024-08-27");
    for today in ["2024-08-01", "2024-08-27", "2025-01-01"] {
        assert_eq!(
            status(due, d(today), Some(d("2024-08-27")), None, &cal, 2),
            ClockStatus::MetOnTime
        );
        assert_eq!(
            status(due, d(today), Some(d("2024-08-20")), None, &cal, 2),
            ClockStatus::MetOnTime
        );
    }
    let late = status(
        due,
        d("2024-09-02"),
        Some(d("2024-08-28")),
        Some("awaiting police checks"),
        &cal,
        2,
    );
    assert_eq!(
        late,
        ClockStatus::MetLate {
            reason: Some("awaiting police checks".into())
        }
    );
    assert_eq!(late.label(), "Met late: awaiting police checks");
    assert_eq!(
        status(due, d("2024-09-02"), Some(d("2024-08-28")), None, &cal, 2).label(),
        "Met late (no reason recorded)"
    );
}

#[test]
fn labels_tags_and_json() {
    let all = [
        (ClockStatus::Upcoming, "Upcoming", "upcoming"),
        (ClockStatus::DueSoon, "Due soon", "due-soon"),
        (ClockStatus::DueToday, "Due today", "due-today"),
        (ClockStatus::Overdue, "Overdue", "overdue"),
        (ClockStatus::MetOnTime, "Met on time", "met-on-time"),
    ];
    for (s, label, state) in all {
        assert_eq!(s.label(), label);
        assert!(s.tag_class().starts_with("govuk-tag--"));
        let v = serde_json::to_value(&s).unwrap();
        assert_eq!(v["state"], state);
        assert_eq!(serde_json::from_value::<ClockStatus>(v).unwrap(), s);
    }
    let v = serde_json::to_value(ClockStatus::MetLate {
        reason: Some("x".into()),
    })
    .unwrap();
    assert_eq!(
        (v["state"].as_str(), v["reason"].as_str()),
        (Some("met-late"), Some("x"))
    );
}
