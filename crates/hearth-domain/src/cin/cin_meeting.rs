//! The regular child in need meeting.
//!
//! Seed 001: "Child In Need meetings: these are regular multi-agency meetings like Core Groups
//! which meet at intervals of 4-8 weeks to monitor, effect change and implement the plan as well
//! as develop the plan"; "Child In Need meetings should be recorded and minuted, as well as result
//! in a Child In Need plan being updated according to CCM procedures. All meetings should include
//! parents, key professionals and where appropriate the child or young person." The next meeting's
//! clock is [`crate::cin::schedule::next_meeting`].

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::cin::meeting::{check_attendees, check_date, Attendee, ChairKind};
use crate::errors::ValidationErrors;
use crate::limits::check_narrative;

/// A regular child in need meeting (seed 001: "regular multi-agency meetings like Core Groups
/// which meet at intervals of 4-8 weeks"; "recorded and minuted, as well as result in a Child In
/// Need plan being updated").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct CinMeeting {
    pub held_on: NaiveDate,
    pub chair: ChairKind,
    pub attendees: Vec<Attendee>,
    /// What has moved on since the last meeting.
    pub progress: String,
    /// Decisions and actions: who does what by when.
    pub decisions: String,
    /// Whether the plan is to be updated as a result.
    pub plan_updated: bool,
}

/// Which meeting a record is: the planning meeting that develops the plan, or a regular
/// meeting that progresses it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum MeetingKind {
    Planning,
    Progress,
}

vocab!(MeetingKind, "kind of child in need meeting", [
    MeetingKind::Planning => ("planning", "Child in need planning meeting"),
    MeetingKind::Progress => ("progress", "Child in need meeting"),
]);

/// Checks a regular child in need meeting on a plan that started on `plan_start`.
pub fn check_cin_meeting(
    m: &CinMeeting,
    plan_start: NaiveDate,
    today: NaiveDate,
) -> Result<(), ValidationErrors> {
    let mut e = ValidationErrors::default();
    check_date(&mut e, m.held_on, plan_start, "the plan started", today);
    check_attendees(&mut e, &m.attendees);
    if m.decisions.trim().is_empty() {
        e.add(
            "decisions",
            "required",
            "Record the decisions and actions, with who does what by when",
        );
    }
    check_narrative(&mut e, "progress", "The progress", &m.progress);
    check_narrative(&mut e, "decisions", "The decisions", &m.decisions);
    e.into_result(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cin::meeting::{Agreement, Attendance, AttendeeKind};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn person(kind: AttendeeKind, agreement: Agreement) -> Attendee {
        Attendee {
            name: "Jo Smith".into(),
            role: "Mother".into(),
            kind,
            attendance: Attendance::Attended,
            agreement,
            note: String::new(),
        }
    }

    fn codes(e: &ValidationErrors) -> Vec<&'static str> {
        e.0.iter().map(|x| x.code).collect()
    }

    #[test]
    fn a_cin_meeting_falls_within_the_plan_and_records_decisions() {
        // Seed 001: "Child In Need meetings should be recorded and minuted".
        let start = d(2026, 12, 7);
        let today = d(2027, 2, 1);
        let m = CinMeeting {
            held_on: d(2027, 1, 18),
            chair: ChairKind::AllocatedSocialWorker,
            attendees: vec![person(AttendeeKind::ParentOrCarer, Agreement::Agrees)],
            progress: "Attendance up to 92%".into(),
            decisions: "School to send weekly attendance to the social worker".into(),
            plan_updated: false,
        };
        assert!(check_cin_meeting(&m, start, today).is_ok());
        let early = CinMeeting {
            held_on: d(2026, 12, 6),
            decisions: " ".into(),
            ..m.clone()
        };
        let e = check_cin_meeting(&early, start, today).unwrap_err();
        assert_eq!(codes(&e), ["too_early", "required"]);
        assert!(e.0[0]
            .message
            .contains("the plan started on 7 December 2026"));
    }
}
