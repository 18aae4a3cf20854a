//! How much a person may type, and how far back or ahead a date may fall: one place for the
//! limits every parse and check function applies, each named in its refusal ("Name must be 200
//! characters or fewer"), so a form and the API refuse the same input with the same sentence.
//!
//! Lengths count characters (Unicode scalar values), not bytes, because that is what a user sees.

use chrono::{Months, NaiveDate};

use crate::errors::ValidationErrors;
use crate::uk_time::format_date;

/// A single-line field: a name, an agency, a role, an address line.
pub const SHORT: usize = 200;
/// An email address (RFC 5321's longest usable path).
pub const EMAIL: usize = 254;
/// A telephone number as typed, with its spaces, brackets and `+`.
pub const PHONE: usize = 30;
/// A few sentences: communication needs, how to reach someone.
pub const PARAGRAPH: usize = 2_000;
/// Narrative: a summary, a view in someone's own words, notes, an assessment section. A long
/// chronology pasted in is still far below it.
pub const NARRATIVE: usize = 20_000;

/// No date Hearth records is earlier than this.
pub const EARLIEST: NaiveDate = match NaiveDate::from_ymd_opt(1900, 1, 1) {
    Some(d) => d,
    None => NaiveDate::MIN,
};

/// `value` (as typed) must be `max` characters or fewer; the refusal names the limit.
/// Returns whether it fits.
pub fn check_len(
    errs: &mut ValidationErrors,
    field: &str,
    label: &str,
    value: &str,
    max: usize,
) -> bool {
    // Counting stops one past the limit, so a huge value costs no more than a fitting one.
    let fits = value.chars().take(max + 1).count() <= max;
    if !fits {
        errs.add(
            field,
            "too_long",
            format!("{label} must be {max} characters or fewer"),
        );
    }
    fits
}

/// A single-line field: at most [`SHORT`] characters.
pub fn check_short(errs: &mut ValidationErrors, field: &str, label: &str, value: &str) -> bool {
    check_len(errs, field, label, value, SHORT)
}

/// A narrative field: at most [`NARRATIVE`] characters.
pub fn check_narrative(errs: &mut ValidationErrors, field: &str, label: &str, value: &str) -> bool {
    check_len(errs, field, label, value, NARRATIVE)
}

/// The latest a date may fall.
#[derive(Debug, Clone, Copy)]
pub enum Latest<'a> {
    /// Today: a later date is in the future (`future_date`).
    Today(NaiveDate),
    /// A horizon, said in words ("a year from today"): a later date is `too_late`.
    Until(NaiveDate, &'a str),
}

/// `d` must fall on or after [`EARLIEST`] and on or before the latest. Returns whether it is in
/// range.
pub fn check_date_range(
    errs: &mut ValidationErrors,
    field: &str,
    label: &str,
    d: NaiveDate,
    latest: Latest<'_>,
) -> bool {
    if !check_not_too_early(errs, field, label, d) {
        return false;
    }
    let (date, words, code) = match latest {
        Latest::Today(t) => (t, "today", "future_date"),
        Latest::Until(t, words) => (t, words, "too_late"),
    };
    if d > date {
        errs.add(field, code, format!("{label} must be {words} or earlier"));
        return false;
    }
    true
}

/// `d` must not be earlier than [`EARLIEST`] (for dates whose latest is checked elsewhere with
/// its own rule). Returns whether it is late enough.
pub fn check_not_too_early(
    errs: &mut ValidationErrors,
    field: &str,
    label: &str,
    d: NaiveDate,
) -> bool {
    if d < EARLIEST {
        errs.add(
            field,
            "too_early",
            format!("{label} must be on or after {}", format_date(EARLIEST)),
        );
        return false;
    }
    true
}

/// The latest an expected date of delivery may be: a year from today.
pub fn delivery_horizon(today: NaiveDate) -> NaiveDate {
    today
        .checked_add_months(Months::new(12))
        .unwrap_or(NaiveDate::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn lengths_count_characters_and_name_the_limit() {
        let mut e = ValidationErrors::default();
        assert!(check_short(&mut e, "name", "Name", &"x".repeat(200)));
        // 200 two-byte characters are 400 bytes but still 200 characters.
        assert!(check_short(&mut e, "name", "Name", &"é".repeat(200)));
        assert!(e.is_empty());
        assert!(!check_short(&mut e, "name", "Name", &"x".repeat(201)));
        assert_eq!(e.0.len(), 1);
        assert_eq!(e.0[0].field, "name");
        assert_eq!(e.0[0].code, "too_long");
        assert_eq!(e.0[0].message, "Name must be 200 characters or fewer");
    }

    #[test]
    fn narrative_allows_twenty_thousand_characters() {
        let mut e = ValidationErrors::default();
        assert!(check_narrative(
            &mut e,
            "words",
            "Their words",
            &"a".repeat(20_000)
        ));
        assert!(!check_narrative(
            &mut e,
            "words",
            "Their words",
            &"a".repeat(20_001)
        ));
        assert_eq!(
            e.0[0].message,
            "Their words must be 20000 characters or fewer"
        );
    }

    #[test]
    fn any_length_limit_is_named() {
        let mut e = ValidationErrors::default();
        assert!(!check_len(
            &mut e,
            "email",
            "Email address",
            &"a".repeat(255),
            254
        ));
        assert_eq!(
            e.0[0].message,
            "Email address must be 254 characters or fewer"
        );
    }

    #[test]
    fn dates_before_1900_are_refused() {
        let today = d(2026, 11, 20);
        let mut e = ValidationErrors::default();
        assert!(check_date_range(
            &mut e,
            "from",
            "The date they moved in",
            d(1900, 1, 1),
            Latest::Today(today)
        ));
        assert!(e.is_empty());
        assert!(!check_date_range(
            &mut e,
            "from",
            "The date they moved in",
            d(0, 1, 1),
            Latest::Today(today)
        ));
        assert!(!check_date_range(
            &mut e,
            "from",
            "The date they moved in",
            d(1899, 12, 31),
            Latest::Today(today)
        ));
        assert_eq!(e.0.len(), 2);
        assert_eq!(e.0[0].code, "too_early");
        assert_eq!(
            e.0[0].message,
            "The date they moved in must be on or after 1 January 1900"
        );
    }

    #[test]
    fn dates_after_the_latest_are_refused_with_the_rule() {
        let today = d(2026, 11, 20);
        let mut e = ValidationErrors::default();
        assert!(check_date_range(
            &mut e,
            "f",
            "The visit",
            today,
            Latest::Today(today)
        ));
        assert!(!check_date_range(
            &mut e,
            "f",
            "The visit",
            d(2026, 11, 21),
            Latest::Today(today)
        ));
        assert_eq!(e.0[0].code, "future_date");
        assert_eq!(e.0[0].message, "The visit must be today or earlier");
        let horizon = delivery_horizon(today);
        assert_eq!(horizon, d(2027, 11, 20));
        assert!(!check_date_range(
            &mut e,
            "edd",
            "Expected date of delivery",
            d(2027, 11, 21),
            Latest::Until(horizon, "a year from today")
        ));
        assert_eq!(e.0[1].code, "too_late");
        assert_eq!(
            e.0[1].message,
            "Expected date of delivery must be a year from today or earlier"
        );
    }

    #[test]
    fn not_too_early_has_no_upper_bound() {
        let mut e = ValidationErrors::default();
        assert!(check_not_too_early(
            &mut e,
            "f",
            "The date",
            d(9999, 12, 31)
        ));
        assert!(!check_not_too_early(
            &mut e,
            "f",
            "The date",
            d(1066, 10, 14)
        ));
        assert_eq!(
            e.0[0].message,
            "The date must be on or after 1 January 1900"
        );
    }
}
