//! UK civil time (GMT/BST) without a time-zone database: BST runs from 01:00 UTC on the last
//! Sunday of March to 01:00 UTC on the last Sunday of October.

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, TimeZone, Utc};

fn last_sunday(year: i32, month: u32) -> Option<NaiveDate> {
    let first_next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)?
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)?
    };
    let last = first_next.pred_opt()?;
    let back = last.weekday().num_days_from_sunday();
    last.checked_sub_days(chrono::Days::new(u64::from(back)))
}

/// Is this instant in British Summer Time?
pub fn is_bst(t: DateTime<Utc>) -> bool {
    let y = t.year();
    let (Some(start), Some(end)) = (last_sunday(y, 3), last_sunday(y, 10)) else {
        return false;
    };
    let at_one = |d: NaiveDate| d.and_hms_opt(1, 0, 0).map(|n| Utc.from_utc_datetime(&n));
    match (at_one(start), at_one(end)) {
        (Some(s), Some(e)) => t >= s && t < e,
        _ => false,
    }
}

/// The UK wall-clock time of an instant.
pub fn to_uk(t: DateTime<Utc>) -> NaiveDateTime {
    let offset = if is_bst(t) {
        Duration::hours(1)
    } else {
        Duration::zero()
    };
    t.naive_utc() + offset
}

/// The instant a UK wall-clock time names (in the autumn's repeated hour, the first; in the
/// spring's missing hour, the time an hour later).
pub fn from_uk(local: NaiveDateTime) -> DateTime<Utc> {
    // At the very edge of the representable range there is no hour before; such a time is
    // never in summer time, so it stands as it is (and the caller's date range refuses it).
    let as_bst = local
        .checked_sub_signed(Duration::hours(1))
        .map(|t| Utc.from_utc_datetime(&t));
    match as_bst {
        Some(t) if is_bst(t) => t,
        _ => Utc.from_utc_datetime(&local),
    }
}

/// Parses a time typed as `YYYY-MM-DDTHH:MM` (UK wall clock, as a browser's date-time field sends
/// it) or RFC 3339 with an offset.
pub fn parse_instant(s: &str) -> Option<DateTime<Utc>> {
    let s = s.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Some(t.with_timezone(&Utc));
    }
    ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"]
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(s, f).ok())
        .map(from_uk)
}

/// The UK calendar date of an instant ("today" for every statutory clock).
pub fn uk_date(t: DateTime<Utc>) -> NaiveDate {
    to_uk(t).date()
}

/// "22 November 2026, 14:05" in UK time.
pub fn format_uk(t: DateTime<Utc>) -> String {
    to_uk(t).format("%-d %B %Y, %H:%M").to_string()
}

/// "22 November 2026".
pub fn format_date(d: NaiveDate) -> String {
    d.format("%-d %B %Y").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bst_boundaries_2024() {
        // BST 2024: 31 March 01:00 UTC to 27 October 01:00 UTC.
        let t = |s: &str| DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc);
        assert!(!is_bst(t("2024-03-31T00:59:59Z")));
        assert!(is_bst(t("2024-03-31T01:00:00Z")));
        assert!(is_bst(t("2024-10-27T00:59:59Z")));
        assert!(!is_bst(t("2024-10-27T01:00:00Z")));
        assert_eq!(
            uk_date(t("2024-06-30T23:30:00Z")),
            NaiveDate::from_ymd_opt(2024, 7, 1).unwrap()
        );
        assert_eq!(
            uk_date(t("2024-12-31T23:30:00Z")),
            NaiveDate::from_ymd_opt(2024, 12, 31).unwrap()
        );
    }
}

#[cfg(test)]
mod from_uk_tests {
    use super::*;

    #[test]
    fn wall_clock_times_become_instants() {
        let winter = parse_instant("2026-11-20T09:30").unwrap();
        assert_eq!(
            winter,
            Utc.with_ymd_and_hms(2026, 11, 20, 9, 30, 0).unwrap()
        );
        let summer = parse_instant("2026-07-01T09:30").unwrap();
        assert_eq!(summer, Utc.with_ymd_and_hms(2026, 7, 1, 8, 30, 0).unwrap());
        assert_eq!(to_uk(summer).format("%H:%M").to_string(), "09:30");
        assert!(parse_instant("yesterday").is_none());
    }
}

#[cfg(test)]
mod edge_tests {
    use super::*;

    #[test]
    fn the_earliest_representable_time_does_not_panic() {
        let t = parse_instant("-262143-01-01T00:00");
        assert!(t.is_some_and(|t| t.naive_utc() == NaiveDateTime::MIN));
    }
}
