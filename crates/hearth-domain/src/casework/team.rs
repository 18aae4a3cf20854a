//! The team's rules: who may take over work (reassignment and cover), a worker's FTE, and
//! caseload weighted by it.

use chrono::NaiveDate;

use crate::errors::ValidationErrors;
use crate::role::Role;

/// What is known of a person work may move to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Colleague {
    pub role: Role,
    pub disabled: bool,
}

/// Work moves only to an enabled account of a role that holds cases; naming `field`.
pub fn check_takes_work(e: &mut ValidationErrors, field: &str, to: Option<Colleague>) {
    match to {
        None => e.add(field, "unknown_user", "No such member of staff"),
        Some(c) if c.disabled => e.add(
            field,
            "disabled",
            "That account is disabled: work cannot be moved to it",
        ),
        Some(c) if !c.role.may_hold_cases() => e.add(
            field,
            "cannot_hold_cases",
            format!("A {} does not hold cases", c.role.label().to_lowercase()),
        ),
        Some(_) => {}
    }
}

/// Checks cover: another worker, from a date to a date not before it, ending today or later.
pub fn check_cover(
    same_person: bool,
    from: NaiveDate,
    to: NaiveDate,
    today: NaiveDate,
) -> Result<(), ValidationErrors> {
    let mut e = ValidationErrors::default();
    if same_person {
        e.add(
            "covering_worker",
            "same_person",
            "A worker cannot cover for themselves",
        );
    }
    if to < from {
        e.add(
            "to",
            "before_from",
            "The cover must end on or after it starts",
        );
    }
    if to < today {
        e.add("to", "in_the_past", "The cover has already ended");
    }
    e.into_result(())
}

/// A full-time equivalent as typed ("0.6", "1") in hundredths: more than 0, at most 1.
pub fn parse_fte(s: &str) -> Result<i64, ValidationErrors> {
    let bad = || {
        ValidationErrors::single(
            "fte",
            "invalid",
            "Enter the full-time equivalent as a number from 0.01 to 1, for example 0.6",
        )
    };
    let v: f64 = s.trim().parse().map_err(|_| bad())?;
    if !v.is_finite() || v <= 0.0 || v > 1.0 {
        return Err(bad());
    }
    Ok((v * 100.0).round() as i64)
}

/// Children per full-time equivalent, to one decimal place (a 0.5 FTE worker with 8 children
/// carries 16 per FTE).
pub fn per_fte(children: i64, fte_hundredths: i64) -> f64 {
    if fte_hundredths <= 0 {
        return 0.0;
    }
    ((children as f64) * 100.0 / (fte_hundredths as f64) * 10.0).round() / 10.0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_default()
    }

    #[test]
    fn work_moves_only_to_someone_who_can_hold_it() {
        let mut e = ValidationErrors::default();
        check_takes_work(
            &mut e,
            "to_worker",
            Some(Colleague {
                role: Role::SocialWorker,
                disabled: true,
            }),
        );
        check_takes_work(
            &mut e,
            "to_worker",
            Some(Colleague {
                role: Role::PerformanceAnalyst,
                disabled: false,
            }),
        );
        check_takes_work(&mut e, "to_worker", None);
        let codes: Vec<&str> = e.0.iter().map(|f| f.code).collect();
        assert_eq!(codes, vec!["disabled", "cannot_hold_cases", "unknown_user"]);
        assert!(e.0[0].message.contains("disabled"));
    }

    #[test]
    fn cover_is_for_someone_else_and_not_over() {
        let today = d("2026-11-20");
        assert!(check_cover(false, d("2026-11-23"), d("2026-11-27"), today).is_ok());
        let e = check_cover(true, d("2026-11-27"), d("2026-11-23"), today).unwrap_err();
        let codes: Vec<&str> = e.0.iter().map(|f| f.code).collect();
        assert_eq!(codes, vec!["same_person", "before_from"]);
        assert!(check_cover(false, d("2026-11-01"), d("2026-11-19"), today).is_err());
    }

    #[test]
    fn fte_and_caseload_per_fte() {
        assert_eq!(parse_fte("0.6").ok(), Some(60));
        assert_eq!(parse_fte("1").ok(), Some(100));
        assert!(parse_fte("0").is_err());
        assert!(parse_fte("1.5").is_err());
        assert!(parse_fte("half").is_err());
        assert_eq!(per_fte(8, 50), 16.0);
        assert_eq!(per_fte(7, 60), 11.7);
    }
}
