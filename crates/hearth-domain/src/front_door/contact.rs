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
    /// A request for information, advice or consultation that concerns no particular child: it
    /// needs no person record, and may only be concluded with advice or signposting.
    pub information_only: bool,
}

/// Checks a new contact: at least one child (unless it only asks for information, advice or
/// consultation), a summary within [`crate::limits::NARRATIVE`], and
/// received no earlier than 1900 and not in the future.
pub fn check_contact(c: &Contact, now: DateTime<Utc>) -> Result<(), ValidationErrors> {
    let mut e = ValidationErrors::default();
    if c.children.is_empty() && !c.information_only {
        e.add(
            "children",
            "required",
            "Add the child or children the contact is about (a request for information, advice or consultation about no particular child may be recorded without one)",
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

/// Whether these outcomes make a referral (a child protection enquiry proceeds as one).
pub fn makes_referral(outcomes: &[ContactOutcome]) -> bool {
    outcomes.contains(&ContactOutcome::BecomesReferral)
        || outcomes.contains(&ContactOutcome::CpEnquiry)
}

/// A contact that names no child may still be recorded and concluded when it asked only for
/// information, advice or consultation: its only outcome is advice or signposting. Every other
/// contact needs at least one child.
pub fn check_childless(outcomes: &[ContactOutcome]) -> Result<(), ValidationErrors> {
    if !outcomes.is_empty()
        && outcomes
            .iter()
            .all(|o| *o == ContactOutcome::AdviceOrSignposting)
    {
        return Ok(());
    }
    Err(ValidationErrors::single(
        "children",
        "required",
        "Link the child or children this contact is about before recording its outcome (only a contact for information, advice or consultation, concluded with advice or signposting alone, needs no child)",
    ))
}

/// The field naming one child's outcomes in a conclusion: `child_outcomes.<person id>`.
pub fn child_outcome_field(child: PersonId) -> String {
    format!("child_outcomes.{child}")
}

/// What screening decided for one child the contact names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChildOutcome {
    pub child: PersonId,
    pub outcomes: Vec<ContactOutcome>,
}

/// The outcomes for each child a contact names. With no per-child list the contact's outcomes
/// apply to every child (checked as `outcomes`); with one, every linked child needs exactly one
/// entry (so no sibling is silently left out), each checked on its own, and the contact's
/// outcomes, if given at all, must be the same set as theirs together.
pub fn outcomes_per_child(
    contact_wide: &[ContactOutcome],
    per_child: &[ChildOutcome],
    linked: &[PersonId],
) -> Result<Vec<ChildOutcome>, ValidationErrors> {
    let mut e = ValidationErrors::default();
    if per_child.is_empty() {
        check_outcomes(contact_wide)?;
        return Ok(linked
            .iter()
            .map(|c| ChildOutcome {
                child: *c,
                outcomes: contact_wide.to_vec(),
            })
            .collect());
    }
    let mut out = Vec::new();
    for (i, c) in per_child.iter().enumerate() {
        let field = child_outcome_field(c.child);
        if !linked.contains(&c.child) {
            e.add(
                &format!("child_outcomes.{i}"),
                "not_linked",
                "This child is not linked to the contact: link them first, or remove their outcome",
            );
        } else if per_child[..i].iter().any(|x| x.child == c.child) {
            e.add(&field, "duplicate", "This child's outcomes are given twice");
        } else if let Err(more) = check_outcomes(&c.outcomes) {
            e.0.extend(more.0.into_iter().map(|mut m| {
                m.field = field.clone();
                m
            }));
        } else {
            out.push(c.clone());
        }
    }
    for child in linked {
        if !per_child.iter().any(|c| c.child == *child) {
            e.add(&child_outcome_field(*child), "required", "Choose the outcome for this child too: each child the contact names gets their own outcome");
        }
    }
    if !contact_wide.is_empty() {
        let union = union_of(per_child);
        let same = union.iter().all(|o| contact_wide.contains(o))
            && contact_wide.iter().all(|o| union.contains(o));
        if !same {
            e.add("outcomes", "mismatch", "The contact's outcomes differ from the children's outcomes together: leave them out, or make them the same");
        }
    }
    e.into_result(out)
}

/// Every outcome any child has, once each, in the vocabulary's order (the contact's outcomes).
pub fn union_of(per_child: &[ChildOutcome]) -> Vec<ContactOutcome> {
    ContactOutcome::ALL
        .iter()
        .copied()
        .filter(|o| per_child.iter().any(|c| c.outcomes.contains(o)))
        .collect()
}

/// Refuses passing a contact to "the existing open case" for a child who has none, naming that
/// child's field: their sibling's open case is not theirs.
pub fn check_open_case(c: &ChildOutcome, has_open_episode: bool) -> Result<(), ValidationErrors> {
    if c.outcomes.contains(&ContactOutcome::ExistingOpenCase) && !has_open_episode {
        return Err(ValidationErrors::single(
            &child_outcome_field(c.child),
            "no_open_case",
            "This child has no open case to pass the contact to: give them their own outcome (for example, becomes a referral)",
        ));
    }
    Ok(())
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
            information_only: false,
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
            information_only: false,
        };
        let e = check_contact(&c, now).unwrap_err();
        assert_eq!(e.0.len(), 2);
        assert_eq!(e.0[0].field, "children");
    }

    /// Working Together 2018 ch.1: people should know "who they can contact if they wish to make
    /// a referral, require advice and/or support" -- a request for advice about no particular
    /// child is a contact with no person record, concluded with advice or signposting alone.
    #[test]
    fn an_advice_contact_needs_no_child_but_any_other_outcome_does() {
        use ContactOutcome::*;
        let now = Utc.with_ymd_and_hms(2026, 11, 20, 9, 0, 0).unwrap();
        let c = Contact {
            received_at: now,
            source: ReferralSource::S1C,
            children: vec![],
            summary: "Asked how to get help with a teenager's behaviour".into(),
            urgency: Urgency::Routine,
            information_only: true,
        };
        assert!(check_contact(&c, now).is_ok());
        assert!(check_childless(&[AdviceOrSignposting]).is_ok());
        for other in [
            vec![],
            vec![AdviceOrSignposting, EarlyHelp],
            vec![NoFurtherAction],
            vec![BecomesReferral],
        ] {
            let e = check_childless(&other).unwrap_err();
            assert_eq!(
                (e.0[0].field.as_str(), e.0[0].code),
                ("children", "required"),
                "{other:?}"
            );
        }
    }

    /// Working Together 2018 ch.1: "Frequently, more than one child from the same family is
    /// referred and siblings within the family should always be considered ... the needs of
    /// individual children are distinct considerations." Each child a contact names gets their
    /// own outcome: the sibling with an open case is passed to it and the one without becomes a
    /// referral -- never silently dropped.
    #[test]
    fn each_child_gets_their_own_outcome_and_none_is_left_out() {
        use ContactOutcome::*;
        let (open, other) = (PersonId::new(), PersonId::new());
        let linked = [open, other];
        let per = vec![
            ChildOutcome {
                child: open,
                outcomes: vec![ExistingOpenCase],
            },
            ChildOutcome {
                child: other,
                outcomes: vec![BecomesReferral],
            },
        ];
        let got = outcomes_per_child(&[], &per, &linked).unwrap();
        assert_eq!(got, per);
        assert_eq!(union_of(&got), vec![ExistingOpenCase, BecomesReferral]);
        assert!(check_open_case(&got[0], true).is_ok());
        assert!(check_open_case(&got[1], false).is_ok());
        // The same outcomes given for the contact as a whole are accepted; others are not.
        assert!(outcomes_per_child(&[BecomesReferral, ExistingOpenCase], &per, &linked).is_ok());
        let e = outcomes_per_child(&[BecomesReferral], &per, &linked).unwrap_err();
        assert_eq!(
            (e.0[0].field.as_str(), e.0[0].code),
            ("outcomes", "mismatch")
        );
        // Leaving a sibling out is refused, naming them.
        let e = outcomes_per_child(&[], &per[..1], &linked).unwrap_err();
        assert_eq!(e.0[0].field, format!("child_outcomes.{other}"));
        assert_eq!(e.0[0].code, "required");
        // Each child's outcomes must agree within themselves, named by child.
        let bad = vec![
            per[0].clone(),
            ChildOutcome {
                child: other,
                outcomes: vec![NoFurtherAction, BecomesReferral],
            },
        ];
        let e = outcomes_per_child(&[], &bad, &linked).unwrap_err();
        assert_eq!(
            (e.0[0].field.clone(), e.0[0].code),
            (format!("child_outcomes.{other}"), "contradictory")
        );
        // A child not linked to the contact is named by position.
        let stranger = vec![
            per[0].clone(),
            per[1].clone(),
            ChildOutcome {
                child: PersonId::new(),
                outcomes: vec![EarlyHelp],
            },
        ];
        let e = outcomes_per_child(&[], &stranger, &linked).unwrap_err();
        assert_eq!(
            (e.0[0].field.as_str(), e.0[0].code),
            ("child_outcomes.2", "not_linked")
        );
        // With no per-child list, the contact's outcomes apply to every child.
        let all = outcomes_per_child(&[EarlyHelp], &[], &linked).unwrap();
        assert!(all.iter().all(|c| c.outcomes == vec![EarlyHelp]) && all.len() == 2);
    }

    /// "Passed to the existing open case" for a child who has no open episode is refused, naming
    /// that child: a sibling's open case is not theirs.
    #[test]
    fn the_existing_open_case_must_be_the_childs_own() {
        let child = PersonId::new();
        let c = ChildOutcome {
            child,
            outcomes: vec![ContactOutcome::ExistingOpenCase],
        };
        let e = check_open_case(&c, false).unwrap_err();
        assert_eq!(e.0[0].field, format!("child_outcomes.{child}"));
        assert_eq!(e.0[0].code, "no_open_case");
        assert!(check_open_case(&c, true).is_ok());
    }
}
