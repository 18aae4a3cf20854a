//! Contacts: any enquiry about one or more children, its outcomes (several may apply), and the
//! front-door queue order (urgency first, then time waiting).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::codes::ReferralSource;
use crate::errors::ValidationErrors;
use crate::ids::PersonId;
use crate::limits::{check_narrative, check_not_too_early, check_short, PARAGRAPH};
use crate::uk_time::uk_date;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Urgency {
    /// A child may need protecting now.
    Immediate,
    Urgent,
    Routine,
}

impl Urgency {
    /// One word for a tag in a list.
    pub fn word(self) -> &'static str {
        match self {
            Urgency::Immediate => "Immediate",
            Urgency::Urgent => "Urgent",
            Urgency::Routine => "Routine",
        }
    }

    /// The GOV.UK tag colour that marks it in the queue.
    pub fn tag_colour(self) -> &'static str {
        match self {
            Urgency::Immediate => "red",
            Urgency::Urgent => "orange",
            Urgency::Routine => "grey",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ContactOutcome {
    AdviceOrSignposting,
    EarlyHelp,
    NoFurtherAction,
    ExistingOpenCase,
    BecomesReferral,
    CpEnquiry,
}

/// A contact waiting at the front door.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contact {
    pub received_at: DateTime<Utc>,
    pub source: ReferralSource,
    pub children: Vec<PersonId>,
    pub summary: String,
    pub urgency: Urgency,
}

/// Checks a new contact: at least one child, a summary within [`crate::limits::NARRATIVE`], and
/// received no earlier than 1900 and not in the future.
pub fn check_contact(c: &Contact, now: DateTime<Utc>) -> Result<(), ValidationErrors> {
    let mut e = ValidationErrors::default();
    if c.children.is_empty() {
        e.add(
            "children",
            "required",
            "Add the child or children the contact is about",
        );
    }
    if c.summary.trim().is_empty() {
        e.add("summary", "required", "Summarise the concerns");
    }
    check_narrative(&mut e, "summary", "The summary", c.summary.trim());
    if c.received_at > now {
        e.add(
            "received_at",
            "future_date",
            "The contact cannot have been received in the future",
        );
    }
    check_not_too_early(
        &mut e,
        "received_at",
        "The date the contact was received",
        uk_date(c.received_at),
    );
    e.into_result(())
}

/// Checks the lengths of who made contact, as typed: their name and agency are single lines,
/// how to reach them a paragraph.
pub fn check_caller(name: &str, agency: &str, details: &str) -> ValidationErrors {
    let mut e = ValidationErrors::default();
    check_short(
        &mut e,
        "contact_name",
        "The name of who made contact",
        name.trim(),
    );
    check_short(&mut e, "contact_agency", "Their agency", agency.trim());
    crate::limits::check_len(
        &mut e,
        "contact_details",
        "How to reach them",
        details.trim(),
        PARAGRAPH,
    );
    e
}

/// Checks the lengths of a screening's notes and the feedback given.
pub fn check_outcome_text(notes: &str, feedback: &str) -> ValidationErrors {
    let mut e = ValidationErrors::default();
    check_narrative(&mut e, "notes", "The notes", notes.trim());
    check_narrative(&mut e, "feedback", "The feedback", feedback.trim());
    e
}

/// Checks the outcomes chosen for a contact: at least one, and none that contradict each other.
pub fn check_outcomes(outcomes: &[ContactOutcome]) -> Result<(), ValidationErrors> {
    use ContactOutcome::*;
    let mut e = ValidationErrors::default();
    if outcomes.is_empty() {
        e.add("outcomes", "required", "Choose at least one outcome");
    }
    let has = |o| outcomes.contains(&o);
    if has(NoFurtherAction) && (has(BecomesReferral) || has(CpEnquiry) || has(EarlyHelp)) {
        e.add("outcomes", "contradictory", "No further action cannot be chosen with a referral, a child protection enquiry or early help");
    }
    if has(CpEnquiry) && !has(BecomesReferral) && !has(ExistingOpenCase) {
        e.add(
            "outcomes",
            "cp_needs_referral",
            "A child protection enquiry proceeds as a referral or on the existing open case",
        );
    }
    e.into_result(())
}

/// The front-door queue: most urgent first, then longest waiting.
pub fn queue_order(contacts: &mut [(Urgency, DateTime<Utc>)]) {
    contacts.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)));
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn outcomes_must_agree() {
        use ContactOutcome::*;
        assert!(check_outcomes(&[AdviceOrSignposting, EarlyHelp]).is_ok());
        assert_eq!(check_outcomes(&[]).unwrap_err().0[0].code, "required");
        assert_eq!(
            check_outcomes(&[NoFurtherAction, BecomesReferral])
                .unwrap_err()
                .0[0]
                .code,
            "contradictory"
        );
        assert_eq!(
            check_outcomes(&[CpEnquiry]).unwrap_err().0[0].code,
            "cp_needs_referral"
        );
        assert!(check_outcomes(&[CpEnquiry, BecomesReferral]).is_ok());
    }

    #[test]
    fn queue_puts_urgent_then_oldest_first() {
        let t = |h| Utc.with_ymd_and_hms(2026, 11, 20, h, 0, 0).unwrap();
        let mut q = vec![
            (Urgency::Routine, t(8)),
            (Urgency::Immediate, t(11)),
            (Urgency::Routine, t(7)),
            (Urgency::Urgent, t(9)),
        ];
        queue_order(&mut q);
        assert_eq!(
            q,
            vec![
                (Urgency::Immediate, t(11)),
                (Urgency::Urgent, t(9)),
                (Urgency::Routine, t(7)),
                (Urgency::Routine, t(8))
            ]
        );
    }

    #[test]
    fn a_contact_is_dated_after_1900_and_its_texts_have_limits() {
        let now = Utc.with_ymd_and_hms(2026, 11, 20, 9, 0, 0).unwrap();
        let c = Contact {
            received_at: Utc.with_ymd_and_hms(0, 1, 1, 12, 0, 0).unwrap(),
            source: ReferralSource::S2A,
            children: vec![PersonId::new()],
            summary: "s".repeat(20_001),
            urgency: Urgency::Routine,
        };
        let e = check_contact(&c, now).unwrap_err();
        let got: Vec<(&str, &str, &str)> =
            e.0.iter()
                .map(|x| (x.field.as_str(), x.code, x.message.as_str()))
                .collect();
        assert_eq!(
            got,
            vec![
                (
                    "summary",
                    "too_long",
                    "The summary must be 20000 characters or fewer"
                ),
                (
                    "received_at",
                    "too_early",
                    "The date the contact was received must be on or after 1 January 1900"
                ),
            ]
        );
        let e = check_caller(&"n".repeat(200_000), "Police", "");
        assert_eq!(e.0.len(), 1);
        assert_eq!(e.0[0].field, "contact_name");
        assert_eq!(
            e.0[0].message,
            "The name of who made contact must be 200 characters or fewer"
        );
        assert!(check_caller(&"n".repeat(200), &"a".repeat(200), &"d".repeat(2000)).is_empty());
        assert_eq!(
            check_outcome_text("", &"f".repeat(20_001)).0[0].field,
            "feedback"
        );
    }

    #[test]
    fn a_contact_needs_children_and_a_summary() {
        let now = Utc.with_ymd_and_hms(2026, 11, 20, 9, 0, 0).unwrap();
        let c = Contact {
            received_at: now,
            source: ReferralSource::S2A,
            children: vec![],
            summary: " ".into(),
            urgency: Urgency::Routine,
        };
        let e = check_contact(&c, now).unwrap_err();
        assert_eq!(e.0.len(), 2);
    }
}
