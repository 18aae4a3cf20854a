//! The child protection plan (Working Together 2018 ch.1): it starts on the day of the conference
//! that decided it (census `CPPstartDate`), carries the initial and latest category of abuse and
//! the number of earlier plans, is worked through the core group and statutory visits, reviewed
//! by review conferences and ends for one of Working Together's reasons ("Discontinuing the Child
//! Protection Plan").

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::errors::ValidationErrors;
use crate::limits::{check_len, check_narrative, PARAGRAPH};

/// Working Together 2018 ch.1, "Discontinuing the Child Protection Plan": a plan ends when "it is
/// judged that the child is no longer continuing to, or is likely to, suffer significant harm";
/// "the child and family have moved permanently to another local authority area" (once the
/// receiving authority has held its conference); "the child has reached 18 years of age"; "has
/// died"; "or has permanently left the UK".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DiscontinuationReason {
    NoLongerAtRisk,
    MovedPermanently,
    ReachedEighteen,
    Died,
    LeftUk,
}

vocab!(DiscontinuationReason, "reason a child protection plan ends", [
    DiscontinuationReason::NoLongerAtRisk => ("no-longer-at-risk", "The child is no longer at continuing risk of significant harm (decided at a review conference)"),
    DiscontinuationReason::MovedPermanently => ("moved-permanently", "The child has moved permanently to another council's area and its conference has been held"),
    DiscontinuationReason::ReachedEighteen => ("reached-18", "The child has reached 18"),
    DiscontinuationReason::Died => ("died", "The child has died"),
    DiscontinuationReason::LeftUk => ("left-uk", "The child has permanently left the UK"),
]);

impl DiscontinuationReason {
    /// No longer at risk is a review conference's decision; the others are facts recorded with
    /// their evidence (the receiving council's conference, the date of birth, the death, the move).
    pub fn needs_review_conference(self) -> bool {
        self == DiscontinuationReason::NoLongerAtRisk
    }
}

/// Checks the end of a plan: a reason; the end after the start (census rule 8840: a plan
/// "cannot start and end on the same day"); not in the future; evidence for a fact; a review
/// conference for "no longer at risk"; and the 18th birthday for "reached 18".
pub fn check_discontinuation(
    reason: Option<DiscontinuationReason>,
    ended_on: NaiveDate,
    started_on: NaiveDate,
    today: NaiveDate,
    by_review_conference: bool,
    evidence: &str,
    eighteenth_birthday: Option<NaiveDate>,
) -> Result<(), ValidationErrors> {
    let mut e = ValidationErrors::default();
    let Some(reason) = reason else {
        e.add(
            "reason",
            "required",
            "Choose why the plan ends (Working Together 2018: no longer at risk, moved permanently, reached 18, died or left the UK)",
        );
        return Err(e);
    };
    if ended_on <= started_on {
        e.add(
            "ended_on",
            "end_not_after_start",
            format!(
                "The plan started on {}: it must end on a later day (census rule 8840)",
                crate::uk_time::format_date(started_on)
            ),
        );
    }
    if ended_on > today {
        e.add(
            "ended_on",
            "future_date",
            "The plan cannot end on a future date",
        );
    }
    if reason.needs_review_conference() && !by_review_conference {
        e.add(
            "reason",
            "needs_review_conference",
            "Only a review conference decides that the child is no longer at risk of significant harm",
        );
    }
    if !reason.needs_review_conference() && evidence.trim().is_empty() {
        e.add(
            "evidence",
            "required",
            "Record the evidence (for example the receiving council's conference date, or how the death or the move is known)",
        );
    }
    if reason == DiscontinuationReason::ReachedEighteen
        && eighteenth_birthday.is_some_and(|b| ended_on < b)
    {
        e.add(
            "ended_on",
            "not_yet_18",
            "The child is not yet 18 on that date",
        );
    }
    check_narrative(&mut e, "evidence", "The evidence", evidence.trim());
    e.into_result(())
}

/// The child's 18th birthday when it falls on or before the next review: the plan ends at 18,
/// so a review is planned around the birthday (Working Together 2018 ch.1: a plan is discontinued
/// when "the child has reached 18 years of age").
pub fn review_before_18(
    date_of_birth: Option<NaiveDate>,
    next_review: Option<NaiveDate>,
) -> Option<NaiveDate> {
    let birthday = crate::childhood::eighteenth_birthday(date_of_birth?);
    (birthday <= next_review?).then_some(birthday)
}

/// A statutory visit to a child on a plan: visits belong to the child, and the plan in force
/// sets how often they are due.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CpVisit {
    pub visited_on: NaiveDate,
    pub child_seen: bool,
    pub seen_alone: bool,
    pub bedroom_seen: bool,
    pub home_conditions: String,
    pub who_present: String,
    pub notes: String,
}

pub fn check_cp_visit(
    v: &CpVisit,
    plan_start: NaiveDate,
    today: NaiveDate,
) -> Result<(), ValidationErrors> {
    let mut e = ValidationErrors::default();
    if v.visited_on < plan_start {
        e.add(
            "visited_on",
            "before_plan",
            "The visit is before the plan started",
        );
    }
    if v.visited_on > today {
        e.add(
            "visited_on",
            "future_date",
            "The visit cannot be in the future",
        );
    }
    if v.seen_alone && !v.child_seen {
        e.add(
            "seen_alone",
            "seen_alone_not_seen",
            "The child cannot be seen alone without being seen",
        );
    }
    if v.who_present.trim().is_empty() {
        e.add("who_present", "required", "Record who was present");
    }
    check_len(
        &mut e,
        "who_present",
        "Who was present",
        v.who_present.trim(),
        PARAGRAPH,
    );
    check_narrative(
        &mut e,
        "home_conditions",
        "Home conditions",
        v.home_conditions.trim(),
    );
    check_narrative(&mut e, "notes", "The notes", v.notes.trim());
    e.into_result(())
}

/// A core group meeting: decisions, actions, and the written views of members who were absent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CoreGroupMeeting {
    pub met_on: NaiveDate,
    pub attendees: String,
    pub decisions: String,
    pub absent_views: String,
}

pub fn check_core_group(
    m: &CoreGroupMeeting,
    plan_start: NaiveDate,
    today: NaiveDate,
) -> Result<(), ValidationErrors> {
    let mut e = ValidationErrors::default();
    if m.met_on < plan_start {
        e.add(
            "met_on",
            "before_plan",
            "The core group cannot meet before the plan started",
        );
    }
    if m.met_on > today {
        e.add(
            "met_on",
            "future_date",
            "The meeting cannot be in the future",
        );
    }
    if m.attendees.trim().is_empty() {
        e.add("attendees", "required", "Record who attended");
    }
    if m.decisions.trim().is_empty() {
        e.add(
            "decisions",
            "required",
            "Record the decisions and actions, with who does what by when",
        );
    }
    check_narrative(&mut e, "attendees", "Who attended", m.attendees.trim());
    check_narrative(&mut e, "decisions", "The decisions", m.decisions.trim());
    check_narrative(
        &mut e,
        "absent_views",
        "The absent members' views",
        m.absent_views.trim(),
    );
    e.into_result(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_default()
    }

    // Working Together 2018 ch.1: discontinuation needs one of its reasons; "no longer at risk"
    // is decided by a review conference.
    #[test]
    fn discontinuation_needs_a_reason_and_a_later_day() {
        let start = d("2026-11-30");
        let today = d("2027-03-01");
        let e = check_discontinuation(None, today, start, today, true, "", None).unwrap_err();
        assert_eq!((e.0[0].field.as_str(), e.0[0].code), ("reason", "required"));
        let e = check_discontinuation(
            Some(DiscontinuationReason::NoLongerAtRisk),
            start,
            start,
            today,
            false,
            "",
            None,
        )
        .unwrap_err();
        let codes: Vec<_> = e.0.iter().map(|x| x.code).collect();
        assert_eq!(
            codes,
            vec!["end_not_after_start", "needs_review_conference"]
        );
        assert!(check_discontinuation(
            Some(DiscontinuationReason::NoLongerAtRisk),
            today,
            start,
            today,
            true,
            "",
            None
        )
        .is_ok());
    }

    #[test]
    fn a_fact_needs_its_evidence_and_18_means_18() {
        let start = d("2026-01-05");
        let today = d("2027-03-01");
        let e = check_discontinuation(
            Some(DiscontinuationReason::ReachedEighteen),
            d("2027-02-01"),
            start,
            today,
            false,
            "",
            Some(d("2027-02-14")),
        )
        .unwrap_err();
        let codes: Vec<_> = e.0.iter().map(|x| x.code).collect();
        assert_eq!(codes, vec!["required", "not_yet_18"]);
    }

    // Born 14 February 2009: 18 on 14 February 2027. A review due 8 March 2027 comes after the
    // birthday, so one is planned around it; a review on 13 February 2027 comes first.
    #[test]
    fn a_review_is_planned_around_the_18th_birthday() {
        let born = Some(d("2009-02-14"));
        assert_eq!(
            review_before_18(born, Some(d("2027-03-08"))),
            Some(d("2027-02-14"))
        );
        assert_eq!(
            review_before_18(born, Some(d("2027-02-14"))),
            Some(d("2027-02-14"))
        );
        assert_eq!(review_before_18(born, Some(d("2027-02-13"))), None);
        assert_eq!(review_before_18(None, Some(d("2027-03-08"))), None);
        assert_eq!(review_before_18(born, None), None);
    }

    #[test]
    fn visits_and_core_groups_fall_within_the_plan() {
        let v = CpVisit {
            visited_on: d("2026-11-29"),
            child_seen: false,
            seen_alone: true,
            bedroom_seen: false,
            home_conditions: String::new(),
            who_present: String::new(),
            notes: String::new(),
        };
        let e = check_cp_visit(&v, d("2026-11-30"), d("2026-12-10")).unwrap_err();
        let codes: Vec<_> = e.0.iter().map(|x| x.code).collect();
        assert_eq!(
            codes,
            vec!["before_plan", "seen_alone_not_seen", "required"]
        );
        let m = CoreGroupMeeting {
            met_on: d("2026-12-07"),
            attendees: "SW, mother, school".into(),
            decisions: "School to report attendance weekly".into(),
            absent_views: "GP by email: no concerns".into(),
        };
        assert!(check_core_group(&m, d("2026-11-30"), d("2026-12-10")).is_ok());
    }
}
