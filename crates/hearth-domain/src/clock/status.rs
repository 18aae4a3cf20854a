//! The state of a clock on a given day ("today" is always passed in).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::calendar::Calendar;

/// "Due soon" by default means at most this many working days remain.
pub const DEFAULT_DUE_SOON: u32 = 2;

/// Where a clock stands: not yet met (upcoming, due soon, due today, overdue) or met (on time, or
/// late with the reason recorded).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(tag = "state", rename_all = "kebab-case")]
pub enum ClockStatus {
    Upcoming,
    /// Due within the "soon" window of working days.
    DueSoon,
    DueToday,
    Overdue,
    MetOnTime,
    /// Met after the due date, with the recorded reason.
    MetLate {
        reason: Option<String>,
    },
}

impl ClockStatus {
    /// A short label a social worker reads on a caseload ("Due soon", "Met late: …").
    pub fn label(&self) -> String {
        match self {
            ClockStatus::Upcoming => "Upcoming".into(),
            ClockStatus::DueSoon => "Due soon".into(),
            ClockStatus::DueToday => "Due today".into(),
            ClockStatus::Overdue => "Overdue".into(),
            ClockStatus::MetOnTime => "Met on time".into(),
            ClockStatus::MetLate { reason: Some(r) } => format!("Met late: {r}"),
            ClockStatus::MetLate { reason: None } => "Met late (no reason recorded)".into(),
        }
    }

    /// The GOV.UK tag colour for this state.
    pub fn tag_class(&self) -> &'static str {
        match self {
            ClockStatus::Upcoming => "govuk-tag--grey",
            ClockStatus::DueSoon => "govuk-tag--yellow",
            ClockStatus::DueToday => "govuk-tag--orange",
            ClockStatus::Overdue => "govuk-tag--red",
            ClockStatus::MetOnTime => "govuk-tag--green",
            ClockStatus::MetLate { .. } => "govuk-tag--pink",
        }
    }
}

/// The clock's state: met (on time or late, with `late_reason`) once completed on `met`,
/// otherwise by `today` against the due date: "due soon" when at most `soon` working days remain
/// after today (use [`DEFAULT_DUE_SOON`] unless the council chose otherwise).
pub fn status(
    due: NaiveDate,
    today: NaiveDate,
    met: Option<NaiveDate>,
    late_reason: Option<&str>,
    cal: &Calendar,
    soon: u32,
) -> ClockStatus {
    match met {
        Some(m) if m <= due => ClockStatus::MetOnTime,
        Some(_) => ClockStatus::MetLate {
            reason: late_reason.map(str::to_string),
        },
        None if today > due => ClockStatus::Overdue,
        None if today == due => ClockStatus::DueToday,
        None if cal.working_days_between(today, due) <= soon => ClockStatus::DueSoon,
        None => ClockStatus::Upcoming,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn states_across_a_weekend_and_bank_holiday() {
        let cal = Calendar::england_and_wales();
        // Referral on Friday 23 August 2024: 1 WD skips the weekend and Monday 26 (summer bank holiday).
        let due = cal.add_working_days(d("2024-08-23"), 1);
        assert_eq!(due, d("2024-08-27"));
        assert_eq!(
            status(due, d("2024-08-23"), None, None, &cal, 2),
            ClockStatus::DueSoon
        );
        assert_eq!(
            status(due, d("2024-08-20"), None, None, &cal, 2),
            ClockStatus::Upcoming
        );
        assert_eq!(
            status(due, d("2024-08-27"), None, None, &cal, 2),
            ClockStatus::DueToday
        );
        assert_eq!(
            status(due, d("2024-08-28"), None, None, &cal, 2),
            ClockStatus::Overdue
        );
        assert_eq!(
            status(due, d("2024-08-28"), Some(d("2024-08-27")), None, &cal, 2),
            ClockStatus::MetOnTime
        );
        assert_eq!(
            status(
                due,
                d("2024-08-30"),
                Some(d("2024-08-28")),
                Some("awaiting police checks"),
                &cal,
                2
            )
            .label(),
            "Met late: awaiting police checks"
        );
    }
}
