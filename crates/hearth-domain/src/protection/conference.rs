//! Child protection conferences (Working Together 2018 ch.1, "Initial child protection
//! conferences" and "Child protection review conference"): who is invited and attends, the
//! agencies' reports, quorum, the chair, the day it is held and its decision.

use chrono::{Datelike, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

use crate::calendar::Calendar;
use crate::codes::AbuseCategory;
use crate::errors::ValidationErrors;
use crate::limits::{check_len, check_narrative, PARAGRAPH};
use crate::role::Role;

/// Which conference.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ConferenceKind {
    /// After a section 47 enquiry judged the child at continuing risk: within 15 working days of
    /// the strategy discussion that started it.
    Initial,
    /// For an unborn child (Working Together 2018 ch.1: a pre-birth conference).
    PreBirth,
    /// A child on another council's plan who moves here: within 15 working days of being told.
    TransferIn,
    /// A review of a child protection plan.
    Review,
}

vocab!(ConferenceKind, "kind of child protection conference", [
    ConferenceKind::Initial => ("initial", "Initial child protection conference"),
    ConferenceKind::PreBirth => ("pre-birth", "Pre-birth child protection conference"),
    ConferenceKind::TransferIn => ("transfer-in", "Transfer-in child protection conference"),
    ConferenceKind::Review => ("review", "Child protection review conference"),
]);

impl ConferenceKind {
    /// An initial, pre-birth or transfer-in conference may start a plan; a review keeps or ends one.
    pub fn is_initial(self) -> bool {
        self != ConferenceKind::Review
    }
}

/// Who a participant speaks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Participant {
    LocalAuthority,
    Police,
    Health,
    Education,
    Probation,
    OtherAgency,
    Parent,
    Child,
    Advocate,
}

vocab!(Participant, "conference participant", [
    Participant::LocalAuthority => ("local-authority", "Local authority children's social care"),
    Participant::Police => ("police", "Police"),
    Participant::Health => ("health", "Health"),
    Participant::Education => ("education", "School or early years"),
    Participant::Probation => ("probation", "Probation"),
    Participant::OtherAgency => ("other-agency", "Another agency"),
    Participant::Parent => ("parent", "Parent or carer"),
    Participant::Child => ("child", "The child"),
    Participant::Advocate => ("advocate", "Advocate or supporter"),
]);

impl Participant {
    /// An agency counted towards quorum (the family and their supporters are not).
    pub fn is_agency(self) -> bool {
        !matches!(
            self,
            Participant::Parent | Participant::Child | Participant::Advocate
        )
    }
}

/// One person invited to the conference.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Invitee {
    pub name: String,
    pub participant: Participant,
    /// Their role ("Designated safeguarding lead", "Health visitor").
    pub role: String,
    /// Attended (false: sent apologies or did not come).
    pub attended: bool,
    /// Submitted a report before the conference.
    pub report_submitted: bool,
    /// The report can be shared with the parents.
    pub report_shareable: bool,
}

/// The minimum number of agencies besides the local authority for a quorate conference
/// (Working Together 2018 ch.1 asks for the agencies "most involved"; the usual local rule is
/// the local authority and at least two other agencies). A protocol may set its own.
pub const DEFAULT_QUORUM_OTHER_AGENCIES: u32 = 2;

/// Checks the invitation list: names and roles, and a report only from someone invited.
pub fn check_invitees(list: &[Invitee]) -> Result<(), ValidationErrors> {
    let mut e = ValidationErrors::default();
    if list.len() > 60 {
        e.add(
            "invitees",
            "too_many",
            "A conference can have at most 60 invitees",
        );
    }
    for (i, p) in list.iter().enumerate() {
        if p.name.trim().is_empty() {
            e.add(
                &format!("invitees[{i}].name"),
                "required",
                "Enter the invitee's name",
            );
        }
        check_len(
            &mut e,
            &format!("invitees[{i}].name"),
            "The name",
            p.name.trim(),
            PARAGRAPH,
        );
        check_len(
            &mut e,
            &format!("invitees[{i}].role"),
            "The role",
            p.role.trim(),
            PARAGRAPH,
        );
        if p.report_shareable && !p.report_submitted {
            e.add(
                &format!("invitees[{i}].report_shareable"),
                "no_report",
                "Only a report that was submitted can be marked as shareable with the parents",
            );
        }
    }
    e.into_result(())
}

/// Quorum: the local authority and at least `other_agencies` other agencies attended.
pub fn check_quorum(list: &[Invitee], other_agencies: u32) -> Result<(), ValidationErrors> {
    let la = list
        .iter()
        .any(|p| p.attended && p.participant == Participant::LocalAuthority);
    let mut others: Vec<Participant> = list
        .iter()
        .filter(|p| p.attended && p.participant.is_agency())
        .filter(|p| p.participant != Participant::LocalAuthority)
        .map(|p| p.participant)
        .collect();
    // "Another agency" entries each count once per person; named agencies once per agency.
    let other_count = {
        let named: std::collections::HashSet<Participant> = others
            .iter()
            .copied()
            .filter(|p| *p != Participant::OtherAgency)
            .collect();
        others.retain(|p| *p == Participant::OtherAgency);
        named.len() + others.len()
    };
    let mut e = ValidationErrors::default();
    if !la || (other_count as u32) < other_agencies {
        e.add(
            "invitees",
            "not_quorate",
            format!(
                "The conference is not quorate: it needs the local authority and at least {other_agencies} other agencies attending ({} attended{})",
                other_count,
                if la { "" } else { ", and no one from the local authority" }
            ),
        );
    }
    e.into_result(())
}

/// Conferences are held on working days: a weekend or a bank holiday (or council closure day) is
/// refused, naming the day.
pub fn check_working_day(
    field: &str,
    on: NaiveDate,
    cal: &Calendar,
) -> Result<(), ValidationErrors> {
    if cal.is_working_day(on) {
        return Ok(());
    }
    let what = match on.weekday() {
        Weekday::Sat => "a Saturday".to_string(),
        Weekday::Sun => "a Sunday".to_string(),
        _ => {
            let prev = on.pred_opt().unwrap_or(on);
            cal.skipped_between(prev, on)
                .into_iter()
                .next()
                .map(|d| format!("a bank holiday or closure day ({})", d.name))
                .unwrap_or_else(|| "not a working day".into())
        }
    };
    Err(ValidationErrors::single(
        field,
        "not_working_day",
        format!(
            "{} is {what}: conferences are held on working days",
            crate::uk_time::format_date(on)
        ),
    ))
}

/// The chair: someone in the conference chair role, independent of the case — not its
/// allocated worker, and not in the allocated team (where the case's line management sits).
pub fn check_chair(
    chair_role: Role,
    chair_is_worker: bool,
    chair_in_case_team: bool,
) -> Result<(), ValidationErrors> {
    if chair_role != Role::ConferenceChair {
        return Err(ValidationErrors::single(
            "chair_id",
            "not_a_chair",
            "Choose a conference chair: only someone in the conference chair role chairs a child protection conference",
        ));
    }
    if chair_is_worker || chair_in_case_team {
        return Err(ValidationErrors::single(
            "chair_id",
            "chair_manages_case",
            "The chair must be independent of the case: choose a chair who is not the allocated worker and not in the team that manages the case",
        ));
    }
    Ok(())
}

/// Who may record a conference: the social workers and managers who record casework, or the
/// conference chair who chairs this conference — and no other chair (Working Together 2018 ch.1:
/// the conference is "chaired by a professional who is independent of operational and/or line
/// management responsibilities for the case"; the chair owns its record).
pub fn check_recorder(
    role: Role,
    me: crate::ids::UserId,
    chair: Option<uuid::Uuid>,
) -> Result<(), crate::authz::Denied> {
    if role != Role::ConferenceChair || chair == Some(me.0) {
        return Ok(());
    }
    Err(crate::authz::Denied(
        "Only this conference's chair records it: you are not its chair.",
    ))
}

/// The conference's decision as recorded.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Decision {
    /// The child will be (or, at a review, will stay) subject to a child protection plan.
    pub plan: bool,
    pub category: Option<AbuseCategory>,
    pub lead_worker_named: bool,
    pub core_group: String,
    /// What must change, by how much and by when.
    pub outline_plan: String,
    pub review_on: Option<NaiveDate>,
    pub child_wishes: String,
    pub parents_views: String,
    /// Each agency's view, and any dissent from the decision.
    pub agency_views: String,
    pub dissent: String,
}

/// Checks a decision made at a conference held on `held_on`; `latest_review` is the last date the
/// next review may fall on (3 months after an initial conference, 6 months after a review).
pub fn check_decision(
    d: &Decision,
    kind: ConferenceKind,
    held_on: NaiveDate,
    latest_review: NaiveDate,
    cal: &Calendar,
) -> Result<(), ValidationErrors> {
    let mut e = ValidationErrors::default();
    if d.child_wishes.trim().is_empty() {
        e.add(
            "child_wishes",
            "required",
            "Record the child's wishes and feelings (or, for a baby or unborn child, how the child's experience was considered)",
        );
    }
    if d.parents_views.trim().is_empty() {
        e.add("parents_views", "required", "Record the parents' views");
    }
    if d.plan {
        if d.category.is_none() {
            e.add(
                "category",
                "required",
                "Choose the category of abuse: a child protection plan cannot start without one",
            );
        }
        if !d.lead_worker_named {
            e.add("lead_worker_id", "required", "Name the lead social worker");
        }
        if d.core_group.trim().is_empty() {
            e.add(
                "core_group",
                "required",
                "Name the core group's members (the lead social worker, the parents, the child where of age, and the professionals working with the family)",
            );
        }
        if d.outline_plan.trim().is_empty() {
            e.add(
                "outline_plan",
                "required",
                "Write the outline plan: what must change, by how much and by when",
            );
        }
        match d.review_on {
            None => e.add("review_on", "required", "Set the date of the review conference"),
            Some(r) if r <= held_on => e.add(
                "review_on",
                "review_before_start",
                "The review must be after the conference that starts or continues the plan (census rule 8841)",
            ),
            Some(r) if r > latest_review => e.add(
                "review_on",
                "review_too_late",
                format!(
                    "The review must be held by {} ({} after this conference: Working Together 2018 ch.1)",
                    crate::uk_time::format_date(latest_review),
                    if kind.is_initial() { "within 3 months" } else { "at intervals of no more than 6 months" }
                ),
            ),
            Some(r) => {
                if let Err(more) = check_working_day("review_on", r, cal) {
                    e.0.extend(more.0);
                }
            }
        }
    } else if d.category.is_some() {
        e.add(
            "category",
            "no_plan",
            "A category of abuse is recorded only when the child is subject to a plan",
        );
    }
    for (f, w, t) in [
        ("core_group", "The core group", &d.core_group),
        ("outline_plan", "The outline plan", &d.outline_plan),
        (
            "child_wishes",
            "The child's wishes and feelings",
            &d.child_wishes,
        ),
        ("parents_views", "The parents' views", &d.parents_views),
        ("agency_views", "The agencies' views", &d.agency_views),
        ("dissent", "The dissent", &d.dissent),
    ] {
        check_narrative(&mut e, f, w, t.trim());
    }
    e.into_result(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_default()
    }

    fn person(p: Participant, attended: bool) -> Invitee {
        Invitee {
            name: "A".into(),
            participant: p,
            role: "r".into(),
            attended,
            report_submitted: false,
            report_shareable: false,
        }
    }

    // "Conferences are held on working days": Saturday 28 November 2026 and Friday 25 December
    // 2026 (Christmas Day) are refused; Monday 30 November 2026 is a working day.
    #[test]
    fn a_conference_on_a_weekend_or_bank_holiday_is_refused_naming_the_day() {
        let cal = Calendar::england_and_wales();
        let e = check_working_day("held_on", d("2026-11-28"), &cal).unwrap_err();
        assert_eq!(
            e.0[0].message,
            "28 November 2026 is a Saturday: conferences are held on working days"
        );
        let e = check_working_day("held_on", d("2026-12-25"), &cal).unwrap_err();
        assert_eq!(e.0[0].code, "not_working_day");
        assert!(
            e.0[0].message.contains("Christmas Day"),
            "{}",
            e.0[0].message
        );
        assert!(check_working_day("held_on", d("2026-11-30"), &cal).is_ok());
    }

    #[test]
    fn the_chair_is_a_conference_chair_independent_of_the_case() {
        assert_eq!(
            check_chair(Role::TeamManager, false, false).unwrap_err().0[0].code,
            "not_a_chair"
        );
        assert_eq!(
            check_chair(Role::ConferenceChair, false, true)
                .unwrap_err()
                .0[0]
                .code,
            "chair_manages_case"
        );
        assert_eq!(
            check_chair(Role::ConferenceChair, true, false)
                .unwrap_err()
                .0[0]
                .code,
            "chair_manages_case"
        );
        assert!(check_chair(Role::ConferenceChair, false, false).is_ok());
    }

    // Quorum by default: the local authority and at least two other agencies attending; parents
    // and the child do not count; two health professionals count as one agency.
    #[test]
    fn quorum_needs_the_local_authority_and_two_other_agencies() {
        let mut list = vec![
            person(Participant::LocalAuthority, true),
            person(Participant::Health, true),
            person(Participant::Health, true),
            person(Participant::Parent, true),
            person(Participant::Police, false),
        ];
        assert_eq!(check_quorum(&list, 2).unwrap_err().0[0].code, "not_quorate");
        list[4].attended = true;
        assert!(check_quorum(&list, 2).is_ok());
        list[0].attended = false;
        assert!(check_quorum(&list, 2).is_err());
    }

    // Census rule 8841: "The review date cannot be on the same day or before the Child protection
    // Plan start date"; Working Together: the first review "within three months of the initial
    // conference". Conference 30 November 2026: the latest first review is 28 February 2027
    // (three calendar months is 28 February in a non-leap year).
    #[test]
    fn a_plan_needs_a_category_and_a_review_after_it_starts() {
        let cal = Calendar::england_and_wales();
        let held = d("2026-11-30");
        let latest = d("2027-02-28");
        let mut dec = Decision {
            plan: true,
            category: None,
            lead_worker_named: true,
            core_group: "SW, mother, father, school, health visitor".into(),
            outline_plan: "Home conditions improve within 6 weeks".into(),
            review_on: Some(d("2026-11-30")),
            child_wishes: "Wants dad to stop shouting".into(),
            parents_views: "Disagree with the plan".into(),
            ..Default::default()
        };
        let e = check_decision(&dec, ConferenceKind::Initial, held, latest, &cal).unwrap_err();
        let codes: Vec<_> = e.0.iter().map(|x| (x.field.as_str(), x.code)).collect();
        assert_eq!(
            codes,
            vec![
                ("category", "required"),
                ("review_on", "review_before_start")
            ]
        );
        dec.category = Some(AbuseCategory::Neg);
        dec.review_on = Some(d("2027-03-01"));
        assert_eq!(
            check_decision(&dec, ConferenceKind::Initial, held, latest, &cal)
                .unwrap_err()
                .0[0]
                .code,
            "review_too_late"
        );
        dec.review_on = Some(d("2027-02-26"));
        assert!(check_decision(&dec, ConferenceKind::Initial, held, latest, &cal).is_ok());
        dec.plan = false;
        assert_eq!(
            check_decision(&dec, ConferenceKind::Initial, held, latest, &cal)
                .unwrap_err()
                .0[0]
                .code,
            "no_plan"
        );
    }
}

/// Why a review conference is brought forward (seed 000 §7.3: a further incident, a change of
/// circumstance, or the child missing for longer than the protocol allows).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum EarlyReviewReason {
    FurtherIncident,
    ChangeOfCircumstance,
    ChildMissing,
}

vocab!(EarlyReviewReason, "reason for an early review", [
    EarlyReviewReason::FurtherIncident => ("further-incident", "A further incident"),
    EarlyReviewReason::ChangeOfCircumstance => ("change-of-circumstance", "A significant change of circumstance"),
    EarlyReviewReason::ChildMissing => ("child-missing", "The child has been missing for longer than the protocol allows"),
]);

/// Checks a review brought forward: to a working day from today, earlier than the date already
/// set, with what happened.
pub fn check_early_review(
    on: NaiveDate,
    today: NaiveDate,
    current: NaiveDate,
    detail: &str,
    cal: &Calendar,
) -> Result<(), ValidationErrors> {
    let mut e = ValidationErrors::default();
    if on < today {
        e.add(
            "review_on",
            "past_date",
            "Bring the review forward to today or a later day",
        );
    }
    if on >= current {
        e.add(
            "review_on",
            "not_earlier",
            format!(
                "The review is already due by {}: an early review is earlier than that",
                crate::uk_time::format_date(current)
            ),
        );
    }
    if let Err(more) = check_working_day("review_on", on, cal) {
        e.0.extend(more.0);
    }
    if detail.trim().is_empty() {
        e.add("detail", "required", "Say what happened");
    }
    check_narrative(&mut e, "detail", "What happened", detail.trim());
    e.into_result(())
}

#[cfg(test)]
mod early_tests {
    use super::*;

    // Seed 000 §7.3: a review is brought forward for a further incident, a change of
    // circumstance, or the child missing. Today Monday 30 November 2026; review set for
    // 8 March 2027: 2 December is accepted, 28 November (past, a Saturday) and 8 March are not.
    #[test]
    fn an_early_review_is_earlier_on_a_working_day_with_what_happened() {
        let cal = Calendar::england_and_wales();
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_default();
        let (today, current) = (d("2026-11-30"), d("2027-03-08"));
        assert!(check_early_review(d("2026-12-02"), today, current, "New bruising", &cal).is_ok());
        let e = check_early_review(d("2026-11-28"), today, current, "", &cal).unwrap_err();
        let codes: Vec<_> = e.0.iter().map(|x| x.code).collect();
        assert_eq!(codes, vec!["past_date", "not_working_day", "required"]);
        let e = check_early_review(current, today, current, "x", &cal).unwrap_err();
        assert_eq!(e.0[0].code, "not_earlier");
    }

    #[test]
    fn a_chair_records_only_the_conference_they_chair() {
        // Working Together 2018 ch.1: the chair is independent of the case; only the
        // conference's own chair (or casework staff) records it.
        let me = crate::ids::UserId(uuid::Uuid::from_u128(7));
        let other = uuid::Uuid::from_u128(8);
        assert!(check_recorder(Role::ConferenceChair, me, Some(me.0)).is_ok());
        assert!(check_recorder(Role::ConferenceChair, me, Some(other)).is_err());
        assert!(check_recorder(Role::ConferenceChair, me, None).is_err());
        assert!(check_recorder(Role::SocialWorker, me, Some(other)).is_ok());
    }
}
