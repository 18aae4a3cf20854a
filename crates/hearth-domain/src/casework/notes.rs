//! Case notes: typed, dated and timed, with a significant-event flag; written as a draft, then
//! made final. A final note is never changed: a correction is appended, showing who and when. One
//! note may be about several children of a household and appears on each child's record.
//! Management oversight is a note only a manager records.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::errors::ValidationErrors;
use crate::limits::check_narrative;
use crate::role::Role;
use crate::state::WrongState;

/// What kind of note it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum NoteKind {
    HomeVisit,
    OfficeVisit,
    PhoneCall,
    Meeting,
    ManagementOversight,
    SupervisionDiscussion,
    DirectWork,
    Other,
}

vocab!(NoteKind, "kind of case note", [
    NoteKind::HomeVisit => ("home-visit", "Home visit"),
    NoteKind::OfficeVisit => ("office-visit", "Office visit"),
    NoteKind::PhoneCall => ("phone-call", "Phone call"),
    NoteKind::Meeting => ("meeting", "Meeting"),
    NoteKind::ManagementOversight => ("management-oversight", "Management oversight"),
    NoteKind::SupervisionDiscussion => ("supervision-discussion", "Supervision discussion"),
    NoteKind::DirectWork => ("direct-work", "Direct work with the child"),
    NoteKind::Other => ("other", "Other"),
]);

states!(
    /// A case note's life: a draft its author may change, then final and never changed.
    NoteState, "case note", {
        Draft => ("draft", "Draft"),
        Final => ("final", "Final"),
    }
);

impl NoteState {
    /// Changing the note's text in place: only while it is a draft.
    pub fn edit(self) -> Result<NoteState, WrongState> {
        match self {
            NoteState::Draft => Ok(NoteState::Draft),
            NoteState::Final => Err(WrongState::new(
                self,
                "edit",
                "A final case note is never changed: add a correction, which is shown with who made it and when",
            )),
        }
    }

    /// Making the note final.
    pub fn finalise(self) -> Result<NoteState, WrongState> {
        match self {
            NoteState::Draft => Ok(NoteState::Final),
            NoteState::Final => Err(WrongState::new(
                self,
                "finalise",
                "This case note is already final",
            )),
        }
    }

    /// Appending a correction: only to a final note (a draft is simply edited).
    pub fn correct(self) -> Result<NoteState, WrongState> {
        match self {
            NoteState::Final => Ok(NoteState::Final),
            NoteState::Draft => Err(WrongState::new(
                self,
                "correct",
                "This note is still a draft: edit it instead of adding a correction",
            )),
        }
    }
}

/// A note as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteFacts<'a> {
    pub kind: Option<NoteKind>,
    pub occurred_at: Option<DateTime<Utc>>,
    pub children: usize,
    pub body: &'a str,
}

/// Checks a note: its kind, when it happened (not in the future), at least one child, and what
/// happened; management oversight only from a manager.
pub fn check_note(
    n: &NoteFacts<'_>,
    author: Role,
    now: DateTime<Utc>,
) -> Result<(), ValidationErrors> {
    let mut e = ValidationErrors::default();
    match n.kind {
        None => e.add(
            "kind",
            "required",
            "Choose the kind of note: home visit, office visit, phone call, meeting, management oversight, supervision discussion, direct work or other",
        ),
        Some(NoteKind::ManagementOversight) if !author.is_manager() => e.add(
            "kind",
            "manager_only",
            "Management oversight is recorded by a team or service manager",
        ),
        Some(_) => {}
    }
    match n.occurred_at {
        None => e.add(
            "occurred_at",
            "required",
            "Enter the date and time it happened",
        ),
        Some(t) if t > now => e.add(
            "occurred_at",
            "future_date",
            "A case note records what has happened: the date and time cannot be in the future",
        ),
        Some(_) => {}
    }
    if n.children == 0 {
        e.add(
            "children",
            "required",
            "Choose the child or children the note is about",
        );
    }
    if n.body.trim().is_empty() {
        e.add("body", "required", "Write what happened");
    }
    check_narrative(&mut e, "body", "The note", n.body.trim());
    e.into_result(())
}

/// Checks a correction to a final note.
pub fn check_correction(text: &str) -> Result<(), ValidationErrors> {
    let mut e = ValidationErrors::default();
    if text.trim().is_empty() {
        e.add(
            "text",
            "required",
            "Write the correction: what was wrong and what is right",
        );
    }
    check_narrative(&mut e, "text", "The correction", text.trim());
    e.into_result(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(d: u32, h: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, d, h, 0, 0)
            .single()
            .unwrap_or_default()
    }

    fn note(kind: Option<NoteKind>) -> NoteFacts<'static> {
        NoteFacts {
            kind,
            occurred_at: Some(at(20, 9)),
            children: 1,
            body: "Saw Jo at home; kitchen had food",
        }
    }

    #[test]
    fn a_note_needs_its_kind_time_child_and_text() {
        let now = at(20, 10);
        assert!(check_note(&note(Some(NoteKind::HomeVisit)), Role::SocialWorker, now).is_ok());
        let e = check_note(&note(None), Role::SocialWorker, now).unwrap_err();
        assert_eq!((e.0[0].field.as_str(), e.0[0].code), ("kind", "required"));
        let mut future = note(Some(NoteKind::PhoneCall));
        future.occurred_at = Some(at(20, 11));
        let e = check_note(&future, Role::SocialWorker, now).unwrap_err();
        assert_eq!(e.0[0].code, "future_date");
        let mut nobody = note(Some(NoteKind::PhoneCall));
        nobody.children = 0;
        nobody.body = " ";
        let e = check_note(&nobody, Role::SocialWorker, now).unwrap_err();
        let fields: Vec<&str> = e.0.iter().map(|f| f.field.as_str()).collect();
        assert_eq!(fields, vec!["children", "body"]);
    }

    #[test]
    fn management_oversight_is_a_managers_note() {
        let now = at(20, 10);
        let oversight = note(Some(NoteKind::ManagementOversight));
        let e = check_note(&oversight, Role::SocialWorker, now).unwrap_err();
        assert_eq!(e.0[0].code, "manager_only");
        assert!(check_note(&oversight, Role::TeamManager, now).is_ok());
    }

    #[test]
    fn a_final_note_is_never_changed_only_corrected() {
        assert_eq!(NoteState::Draft.edit(), Ok(NoteState::Draft));
        assert_eq!(NoteState::Draft.finalise(), Ok(NoteState::Final));
        let e = NoteState::Final.edit().unwrap_err();
        assert!(e.message.contains("never changed"), "{}", e.message);
        assert!(NoteState::Final.finalise().is_err());
        assert!(NoteState::Final.correct().is_ok());
        assert!(NoteState::Draft.correct().is_err());
        assert!(check_correction("  ").is_err());
    }
}
