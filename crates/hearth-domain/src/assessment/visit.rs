//! Seeing the child: each visit records whether the child was seen, seen alone, whether the home
//! and the child's bedroom were seen and whether every child in the household was considered.
//! Whether the child was seen alone is judged across the assessment (`seen_across`).

use chrono::{NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};

use crate::errors::ValidationErrors;
use crate::limits::{check_len, check_narrative, PARAGRAPH};

/// Whether the family knew the visit was coming.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum VisitKind {
    Announced,
    Unannounced,
}

vocab!(VisitKind, "kind of visit", [
    VisitKind::Announced => ("announced", "Announced"),
    VisitKind::Unannounced => ("unannounced", "Unannounced"),
]);

/// Where the child was seen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum VisitPlace {
    Home,
    School,
    Office,
    OtherPlace,
}

vocab!(VisitPlace, "place of a visit", [
    VisitPlace::Home => ("home", "At home"),
    VisitPlace::School => ("school", "At school or nursery"),
    VisitPlace::Office => ("office", "At the office"),
    VisitPlace::OtherPlace => ("other-place", "Somewhere else"),
]);

/// A visit's time as typed ("09:30"), 24-hour clock.
pub fn parse_visit_time(s: &str) -> Result<Option<NaiveTime>, String> {
    let t = s.trim();
    if t.is_empty() {
        return Ok(None);
    }
    NaiveTime::parse_from_str(t, "%H:%M")
        .map(Some)
        .map_err(|_| "Enter the time on the 24-hour clock, for example 09:30 or 16:45".to_string())
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VisitRecord {
    pub date: NaiveDate,
    pub child_seen: bool,
    pub seen_alone: bool,
    pub home_seen: bool,
    pub bedroom_seen: bool,
    pub all_children_considered: bool,
    pub who_was_seen: String,
    pub notes: String,
}

/// Checks a visit against the assessment's dates: not before the referral, not in the future.
pub fn check_visit(
    v: &VisitRecord,
    referral_date: NaiveDate,
    today: NaiveDate,
) -> Result<(), ValidationErrors> {
    let mut e = ValidationErrors::default();
    if v.date < referral_date {
        e.add(
            "visit_date",
            "before_referral",
            format!(
                "The visit date cannot be before the referral on {}",
                crate::uk_time::format_date(referral_date)
            ),
        );
    }
    if v.date > today {
        e.add(
            "visit_date",
            "future_date",
            "The visit date cannot be in the future",
        );
    }
    if v.seen_alone && !v.child_seen {
        e.add(
            "seen_alone",
            "seen_alone_not_seen",
            "The child cannot be seen alone without being seen: tick 'child seen' or untick 'seen alone'",
        );
    }
    if v.bedroom_seen && !v.home_seen {
        e.add(
            "bedroom_seen",
            "bedroom_without_home",
            "The bedroom was seen, so the home was seen: tick 'home seen' as well",
        );
    }
    if v.who_was_seen.trim().is_empty() {
        e.add(
            "who_was_seen",
            "required",
            "Record who was seen at the visit (use 'nobody' if no one was)",
        );
    }
    check_len(
        &mut e,
        "who_was_seen",
        "Who was seen",
        v.who_was_seen.trim(),
        PARAGRAPH,
    );
    check_narrative(&mut e, "notes", "The notes", v.notes.trim());
    e.into_result(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn visit(date: &str) -> VisitRecord {
        VisitRecord {
            date: d(date),
            child_seen: true,
            seen_alone: true,
            home_seen: true,
            bedroom_seen: true,
            all_children_considered: true,
            who_was_seen: "Child and mother".into(),
            notes: String::new(),
        }
    }

    #[test]
    fn dates_must_fall_between_the_referral_and_today() {
        let r = d("2026-03-02");
        assert!(check_visit(&visit("2026-03-03"), r, d("2026-03-10")).is_ok());
        let e = check_visit(&visit("2026-03-01"), r, d("2026-03-10")).unwrap_err();
        assert_eq!(e.0[0].code, "before_referral");
        let e = check_visit(&visit("2026-03-11"), r, d("2026-03-10")).unwrap_err();
        assert_eq!(e.0[0].code, "future_date");
    }

    #[test]
    fn who_was_seen_and_notes_have_limits() {
        let mut v = visit("2026-03-03");
        v.who_was_seen = "w".repeat(2_001);
        v.notes = "n".repeat(20_001);
        let e = check_visit(&v, d("2026-03-02"), d("2026-03-10")).unwrap_err();
        let got: Vec<(&str, &str)> =
            e.0.iter()
                .map(|x| (x.field.as_str(), x.message.as_str()))
                .collect();
        assert_eq!(
            got,
            vec![
                (
                    "who_was_seen",
                    "Who was seen must be 2000 characters or fewer"
                ),
                ("notes", "The notes must be 20000 characters or fewer"),
            ]
        );
    }

    #[test]
    fn contradictory_ticks_are_refused() {
        let mut v = visit("2026-03-03");
        v.child_seen = false;
        let e = check_visit(&v, d("2026-03-02"), d("2026-03-10")).unwrap_err();
        assert_eq!(e.0[0].code, "seen_alone_not_seen");
    }
}
