//! The strategy discussion as a dated event, and immediate protection.
//!
//! Working Together 2018 ch.1 ("Strategy discussion"): "Whenever there is reasonable cause to
//! suspect that a child is suffering or is likely to suffer significant harm there should be a
//! strategy discussion". It may be asked for at the referral decision, at any stage of an
//! assessment (seed 000 §5.12: "At any stage of an assessment should there be indications about
//! child maltreatment or neglect there must be a strategy discussion"), by an assessment's
//! outcome, on an open case, or after immediate protection ("Where a single agency has to act
//! immediately, a strategy discussion should take place as soon as possible after action has
//! been taken"). Once held, its date is the anchor of what follows: the initial conference (15
//! working days) and, under seed 000 §5.16, the core assessment ("from when a strategy discussion
//! decides to initiate enquiries under section 47").

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::clock::Anchor;
use crate::errors::ValidationErrors;
use crate::limits::check_narrative;

/// Where a strategy discussion was asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RequestedFrom {
    ReferralDecision,
    DuringAssessment,
    AssessmentOutcome,
    ImmediateProtection,
    OpenCase,
}

vocab!(RequestedFrom, "place a strategy discussion is asked for", [
    RequestedFrom::ReferralDecision => ("referral-decision", "The referral decision"),
    RequestedFrom::DuringAssessment => ("during-assessment", "During an assessment"),
    RequestedFrom::AssessmentOutcome => ("assessment-outcome", "The assessment's outcome"),
    RequestedFrom::ImmediateProtection => ("immediate-protection", "After immediate protection"),
    RequestedFrom::OpenCase => ("open-case", "New information on an open case"),
]);

/// How the discussion was held.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DiscussionForm {
    Meeting,
    Call,
}

vocab!(DiscussionForm, "form of strategy discussion", [
    DiscussionForm::Meeting => ("meeting", "Meeting"),
    DiscussionForm::Call => ("call", "Telephone or video call"),
]);

/// Action taken at once to protect a child (Children Act 1989 ss44, 46; Working Together 2018
/// ch.1 para 74: "For children who are in need of immediate protection, action must be taken …
/// as soon as possible after the referral has been made").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ProtectiveActionKind {
    PoliceProtection,
    EmergencyProtectionOrder,
    /// The child accommodated with the parents' agreement (section 20) to keep them safe.
    AccommodatedByAgreement,
    /// A safety plan agreed with the family (e.g. an alleged abuser leaves the home).
    SafetyPlan,
}

vocab!(ProtectiveActionKind, "immediate protective action", [
    ProtectiveActionKind::PoliceProtection => ("police-protection", "Police protection (Children Act 1989 s46)"),
    ProtectiveActionKind::EmergencyProtectionOrder => ("emergency-protection-order", "Emergency protection order (Children Act 1989 s44)"),
    ProtectiveActionKind::AccommodatedByAgreement => ("accommodated-by-agreement", "Accommodated with the parents' agreement (s20)"),
    ProtectiveActionKind::SafetyPlan => ("safety-plan", "Safety plan agreed with the family"),
]);

/// What was done to protect the child at once, and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProtectiveAction {
    pub kind: ProtectiveActionKind,
    pub taken_on: NaiveDate,
    pub detail: String,
}

/// Checks an immediate protective action: a date no later than `today` and not before the
/// referral, and what was done.
pub fn check_protective_action(
    a: &ProtectiveAction,
    referral_date: NaiveDate,
    today: NaiveDate,
) -> Result<(), ValidationErrors> {
    let mut e = ValidationErrors::default();
    if a.taken_on > today {
        e.add(
            "protective_action.taken_on",
            "future_date",
            "The protective action cannot be dated in the future",
        );
    }
    // Police protection can come before the referral reaches children's social care (the police
    // act, then refer), but not by more than the 72 hours police protection lasts (s46(6)).
    if a.taken_on + chrono::Days::new(3) < referral_date {
        e.add(
            "protective_action.taken_on",
            "too_early",
            "The protective action is dated more than 3 days before the referral; record the referral that followed it",
        );
    }
    if a.detail.trim().is_empty() {
        e.add(
            "protective_action.detail",
            "required",
            "Say what was done to protect the child, by whom and where the child is now",
        );
    }
    check_narrative(
        &mut e,
        "protective_action.detail",
        "What was done",
        a.detail.trim(),
    );
    e.into_result(())
}

/// Who took part in a strategy discussion, as Working Together asks: "a local authority social
/// worker and their manager, health practitioners and a police representative" at least.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DiscussionParticipant {
    LaSocialWorker,
    LaManager,
    Police,
    Health,
    Education,
    OtherAgency,
}

vocab!(DiscussionParticipant, "strategy discussion participant", [
    DiscussionParticipant::LaSocialWorker => ("la-social-worker", "Local authority social worker"),
    DiscussionParticipant::LaManager => ("la-manager", "Their manager"),
    DiscussionParticipant::Police => ("police", "Police"),
    DiscussionParticipant::Health => ("health", "Health"),
    DiscussionParticipant::Education => ("education", "School or early years"),
    DiscussionParticipant::OtherAgency => ("other-agency", "Another agency"),
]);

/// Working Together 2018 ch.1 ("Strategy discussion"): those who should take part at least.
pub const REQUIRED_PARTICIPANTS: [DiscussionParticipant; 4] = [
    DiscussionParticipant::LaSocialWorker,
    DiscussionParticipant::LaManager,
    DiscussionParticipant::Police,
    DiscussionParticipant::Health,
];

/// What else a held discussion records: who took part by agency (and why anyone required was
/// not there), further discussions, immediate safety, and what the family is told and what is
/// withheld from them, and why.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct HeldDetails {
    #[schema(value_type = Vec<String>)]
    pub present: Vec<DiscussionParticipant>,
    pub missing_why: String,
    pub further_discussions: bool,
    pub immediate_safety: String,
    pub family_told: String,
    pub withheld: String,
    pub withheld_why: String,
}

/// An action agreed at the discussion, with its owner and due date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgreedAction {
    pub what: String,
    /// Who does it (name and agency).
    pub owner: String,
    pub due_on: NaiveDate,
}

/// Checks the discussion's record of who took part and what the family is told.
pub fn check_details(d: &HeldDetails) -> ValidationErrors {
    let mut e = ValidationErrors::default();
    let missing: Vec<&str> = REQUIRED_PARTICIPANTS
        .iter()
        .filter(|r| !d.present.contains(r))
        .map(|r| r.text())
        .collect();
    if !missing.is_empty() && d.missing_why.trim().is_empty() {
        e.add(
            "missing_why",
            "required",
            format!(
                "Working Together 2018 asks for at least the social worker and their manager, police and health: say why these did not take part: {}",
                missing.join(", ")
            ),
        );
    }
    if d.family_told.trim().is_empty() && d.withheld.trim().is_empty() {
        e.add(
            "family_told",
            "required",
            "Record what the family is told (or, in what is withheld, that they are not told yet and why)",
        );
    }
    if !d.withheld.trim().is_empty() && d.withheld_why.trim().is_empty() {
        e.add(
            "withheld_why",
            "required",
            "Say why this is withheld from the family (for example it would put the child at risk or compromise a police investigation)",
        );
    }
    for (f, w, t) in [
        ("missing_why", "The reason", &d.missing_why),
        (
            "immediate_safety",
            "Immediate safety actions",
            &d.immediate_safety,
        ),
        ("family_told", "What the family is told", &d.family_told),
        ("withheld", "What is withheld", &d.withheld),
        ("withheld_why", "Why it is withheld", &d.withheld_why),
    ] {
        check_narrative(&mut e, f, w, t.trim());
    }
    e
}

/// Checks the actions agreed: each with what, who and a due date not before the discussion.
pub fn check_actions(list: &[AgreedAction], held_on: NaiveDate) -> ValidationErrors {
    let mut e = ValidationErrors::default();
    if list.len() > 30 {
        e.add("actions", "too_many", "Record at most 30 actions at once");
    }
    for (i, a) in list.iter().enumerate() {
        if a.what.trim().is_empty() {
            e.add(
                &format!("actions[{i}].what"),
                "required",
                "Say what the action is",
            );
        }
        if a.owner.trim().is_empty() {
            e.add(
                &format!("actions[{i}].owner"),
                "required",
                "Say who owns the action",
            );
        }
        if a.due_on < held_on {
            e.add(
                &format!("actions[{i}].due_on"),
                "before_discussion",
                "An action cannot be due before the discussion that agreed it",
            );
        }
        crate::limits::check_len(
            &mut e,
            &format!("actions[{i}].what"),
            "The action",
            a.what.trim(),
            crate::limits::PARAGRAPH,
        );
        crate::limits::check_len(
            &mut e,
            &format!("actions[{i}].owner"),
            "The owner",
            a.owner.trim(),
            crate::limits::PARAGRAPH,
        );
    }
    e
}

/// A strategy discussion as held: a dated event and its decisions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HeldDiscussion {
    pub held_on: NaiveDate,
    pub form: DiscussionForm,
    /// Who took part (agency and role), in words.
    pub attendees: String,
    /// The decision whether to initiate section 47 enquiries.
    pub start_section_47: bool,
    /// Whether the enquiry is a joint investigation with the police.
    pub joint_investigation: bool,
    /// Information shared, decisions and actions agreed.
    pub summary: String,
    /// Who took part by agency, further discussions, immediate safety and the family.
    #[serde(default)]
    pub details: HeldDetails,
}

/// Checks a held discussion: dated on or after it was asked for and not in the future, with who
/// took part and what was decided; a joint police investigation only with a section 47 enquiry.
pub fn check_held(
    h: &HeldDiscussion,
    requested_on: NaiveDate,
    today: NaiveDate,
) -> Result<(), ValidationErrors> {
    let mut e = ValidationErrors::default();
    if h.held_on > today {
        e.add(
            "held_on",
            "future_date",
            "The discussion cannot be recorded as held on a future date",
        );
    }
    if h.held_on < requested_on {
        e.add(
            "held_on",
            "before_request",
            "The discussion cannot be held before it was asked for",
        );
    }
    if h.attendees.trim().is_empty() {
        e.add(
            "attendees",
            "required",
            "Record who took part, with their agency and role (at least the social worker, police and health: Working Together 2018 ch.1)",
        );
    }
    if h.summary.trim().is_empty() {
        e.add(
            "summary",
            "required",
            "Record the information shared, what was decided and the actions agreed",
        );
    }
    if h.joint_investigation && !h.start_section_47 {
        e.add(
            "joint_investigation",
            "needs_section_47",
            "A joint investigation with the police is part of a section 47 enquiry: record the decision to start one",
        );
    }
    e.0.extend(check_details(&h.details).0);
    check_narrative(&mut e, "attendees", "Who took part", h.attendees.trim());
    check_narrative(&mut e, "summary", "The summary", h.summary.trim());
    e.into_result(())
}

/// What a held discussion anchors: the clocks that run from it say so.
pub fn held_anchor(h: &HeldDiscussion) -> Anchor {
    Anchor {
        event: if h.start_section_47 {
            "strategy discussion that started section 47 enquiries".into()
        } else {
            "strategy discussion".into()
        },
        date: h.held_on,
    }
}

/// The clock for holding a discussion runs from the day it was asked for.
pub fn requested_anchor(from: RequestedFrom, on: NaiveDate) -> Anchor {
    Anchor {
        event: match from {
            RequestedFrom::ReferralDecision => "referral decision",
            RequestedFrom::DuringAssessment => "request during the assessment",
            RequestedFrom::AssessmentOutcome => "assessment's outcome",
            RequestedFrom::ImmediateProtection => "immediate protective action",
            RequestedFrom::OpenCase => "request on the open case",
        }
        .into(),
        date: on,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_default()
    }

    fn held() -> HeldDiscussion {
        HeldDiscussion {
            held_on: d("2026-03-10"),
            form: DiscussionForm::Meeting,
            attendees: "Social worker and team manager (LA), DC (police), named nurse (health)"
                .into(),
            start_section_47: true,
            joint_investigation: true,
            summary: "Injury unexplained; s47 to start jointly".into(),
            details: HeldDetails {
                present: REQUIRED_PARTICIPANTS.to_vec(),
                family_told: "Told of the enquiry; police interview first".into(),
                ..Default::default()
            },
        }
    }

    // Working Together 2018 ch.1: "a local authority social worker and their manager, health
    // practitioners and a police representative" at least — otherwise the record says why; and
    // what is withheld from the family says why.
    #[test]
    fn who_took_part_and_what_the_family_is_told() {
        let mut d = HeldDetails {
            present: vec![
                DiscussionParticipant::LaSocialWorker,
                DiscussionParticipant::Police,
            ],
            withheld: "The allegation's detail".into(),
            ..Default::default()
        };
        let e = check_details(&d);
        let fields: Vec<&str> = e.0.iter().map(|x| x.field.as_str()).collect();
        assert_eq!(fields, vec!["missing_why", "withheld_why"]);
        assert!(
            e.0[0].message.ends_with("Their manager, Health"),
            "{}",
            e.0[0].message
        );
        d.missing_why = "Manager on leave; health by email".into();
        d.withheld_why = "Would compromise the police interview".into();
        assert!(check_details(&d).is_empty());
        let e = check_details(&HeldDetails {
            present: REQUIRED_PARTICIPANTS.to_vec(),
            ..Default::default()
        });
        assert_eq!(e.0[0].field, "family_told");
    }

    #[test]
    fn actions_have_an_owner_and_a_due_date_from_the_discussion() {
        let on = d("2026-03-10");
        let list = vec![AgreedAction {
            what: "Medical".into(),
            owner: String::new(),
            due_on: d("2026-03-09"),
        }];
        let e = check_actions(&list, on);
        let fields: Vec<&str> = e.0.iter().map(|x| x.field.as_str()).collect();
        assert_eq!(fields, vec!["actions[0].owner", "actions[0].due_on"]);
    }

    #[test]
    fn a_held_discussion_is_a_dated_event_with_its_decision() {
        assert!(check_held(&held(), d("2026-03-09"), d("2026-03-10")).is_ok());
        let e = check_held(&held(), d("2026-03-11"), d("2026-03-12")).unwrap_err();
        assert_eq!(e.0[0].code, "before_request");
        let e = check_held(&held(), d("2026-03-09"), d("2026-03-09")).unwrap_err();
        assert_eq!(e.0[0].code, "future_date");
        let mut h = held();
        h.start_section_47 = false;
        let e = check_held(&h, d("2026-03-09"), d("2026-03-10")).unwrap_err();
        assert_eq!(e.0[0].field, "joint_investigation");
        h.joint_investigation = false;
        h.attendees = " ".into();
        let e = check_held(&h, d("2026-03-09"), d("2026-03-10")).unwrap_err();
        assert_eq!(e.0[0].field, "attendees");
    }

    // Seed 000 §5.16: the core assessment starts "from when a strategy discussion decides to
    // initiate enquiries under section 47": the anchor is the discussion's own date.
    #[test]
    fn the_anchor_is_the_discussions_own_date() {
        let a = held_anchor(&held());
        assert_eq!(a.date, d("2026-03-10"));
        assert_eq!(
            a.event,
            "strategy discussion that started section 47 enquiries"
        );
    }

    #[test]
    fn immediate_protection_is_dated_and_described() {
        let a = ProtectiveAction {
            kind: ProtectiveActionKind::PoliceProtection,
            taken_on: d("2026-03-07"),
            detail: "Police protection at 22:10; child with maternal grandmother".into(),
        };
        assert!(check_protective_action(&a, d("2026-03-09"), d("2026-03-09")).is_ok());
        let e = check_protective_action(&a, d("2026-03-12"), d("2026-03-12")).unwrap_err();
        assert_eq!(e.0[0].code, "too_early");
        let e = check_protective_action(&a, d("2026-03-01"), d("2026-03-06")).unwrap_err();
        assert_eq!(e.0[0].code, "future_date");
        assert_eq!(
            ProtectiveActionKind::parse("emergency-protection-order"),
            Ok(ProtectiveActionKind::EmergencyProtectionOrder)
        );
    }
}
