//! Ending a child in need plan, stepping down to early help, and closing the episode.
//!
//! Seed 001, "Ending Child in Need Plans": "In most cases (leaving aside where children come into
//! care or are made subject to a Child Protection plan) Child In Need plans should end following a
//! meeting with the family ... When the plan ends all those involved should be informed in writing
//! that the plan has ended and the reasons why. Decisions to end Child In Need interventions must
//! have team manager approval, and where appropriate Service Manager approval." On step-down: "Child
//! in need cases should not be stepped down to Family Solutions until the CIN plan has been
//! implemented for at least three months"; "there should be some handover whereby the social worker
//! introduces the Family Solutions worker to the family. Ideally Family Solutions will have been
//! invited to the last CIN review meeting." On closure: "The record should evaluate the success and
//! impact of the CIN plan, including the views of the child and parents". On minimum plans: after a
//! child protection plan ends or a child in care returns home, the plan "should be in place for at
//! least three months and should be reviewed before it is closed".

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::calendar::Calendar;
use crate::clock::{apply, Direction};
use crate::codes::ReasonForClosure;
use crate::errors::{FieldError, ValidationErrors};
use crate::front_door::episode::{check_closure, Episode};
use crate::limits::{check_narrative, check_short};
use crate::protocol::{CinTimescales, Timescale};
use crate::uk_time::format_date;

/// Why a plan ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum EndReason {
    NeedsMet,
    StepDownToEarlyHelp,
    ConsentWithdrawn,
    MovedToAnotherCouncil,
    TransferredToAdultServices,
    Died,
    CpPlanStarted,
    CameIntoCare,
}

vocab!(EndReason, "reason a child in need plan ends", [
    EndReason::NeedsMet => ("needs-met", "The plan's objectives are met: the child is no longer in need of social care services"),
    EndReason::StepDownToEarlyHelp => ("step-down-to-early-help", "Stepped down to early help"),
    EndReason::ConsentWithdrawn => ("consent-withdrawn", "The family no longer consent to the plan"),
    EndReason::MovedToAnotherCouncil => ("moved-to-another-council", "The family moved to another council's area"),
    EndReason::TransferredToAdultServices => ("transferred-to-adult-services", "The young person moved to adult social care"),
    EndReason::Died => ("died", "The child has died"),
    EndReason::CpPlanStarted => ("cp-plan-started", "A child protection plan started"),
    EndReason::CameIntoCare => ("came-into-care", "The child came into care"),
]);

impl EndReason {
    /// A child protection plan or care replaces the plan (seed 001: "Where Child Protection/S47
    /// enquiries arise resulting in a Child Protection plan, or if a child comes into care, the CIN
    /// plan must be ended"). Such an ending is not the family meeting and approvals of an ordinary
    /// ending ("leaving aside where children come into care or are made subject to a Child
    /// Protection plan"), and the episode stays open: the new plan continues it.
    pub fn is_formal_intervention(self) -> bool {
        matches!(self, EndReason::CpPlanStarted | EndReason::CameIntoCare)
    }

    /// Seed 001: plans "should end following a meeting with the family where it is agreed that the
    /// objectives of the plan have been met". A death, a move away or a withdrawal of consent is
    /// not an agreement that can wait for a meeting.
    pub fn needs_family_meeting(self) -> bool {
        matches!(
            self,
            EndReason::NeedsMet
                | EndReason::StepDownToEarlyHelp
                | EndReason::TransferredToAdultServices
        )
    }

    /// Reasons that end even a minimum plan early. The minimum plan is there "to support the
    /// child's continued development" (seed 001): it cannot outlast the child's death or a move to
    /// another council or to adult services; work is "on the basis of consent", and a refusal
    /// "should be accepted and recorded" (seed 001, "Consent"); and a child protection plan or care
    /// replaces it.
    pub fn exempt_from_minimum(self) -> bool {
        !matches!(self, EndReason::NeedsMet | EndReason::StepDownToEarlyHelp)
    }

    /// The census reasons for closure that fit, when the episode closes with the plan. RC8 and RC9
    /// never do: they are for a case "closed after assessment", and a plan is activity after it
    /// (census rule 2990). None fits a formal intervention: the episode stays open.
    pub fn closure_reasons(self) -> &'static [ReasonForClosure] {
        use ReasonForClosure::*;
        match self {
            EndReason::NeedsMet | EndReason::StepDownToEarlyHelp | EndReason::ConsentWithdrawn => {
                &[Rc7, Rc1, Rc3, Rc4]
            }
            EndReason::MovedToAnotherCouncil => &[Rc5],
            EndReason::TransferredToAdultServices => &[Rc6],
            EndReason::Died => &[Rc2],
            EndReason::CpPlanStarted | EndReason::CameIntoCare => &[],
        }
    }
}

/// The handover to early help (seed 001: the social worker "introduces the Family Solutions
/// worker to the family"; "Ideally Family Solutions will have been invited to the last CIN review
/// meeting").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Handover {
    pub early_help_worker: String,
    pub introduced_on: Option<NaiveDate>,
    pub attended_last_review: bool,
}

/// Closing the episode with the plan (census `CINclosureDate` and `ReasonForClosure`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct EpisodeClosure {
    pub reason: ReasonForClosure,
    /// The closure summary: the plan's success and impact.
    pub summary: String,
    pub child_views: String,
    pub parents_views: String,
}

/// The end of a plan, as the worker records it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct PlanEnding {
    pub ended_on: NaiveDate,
    pub end_reason: EndReason,
    /// Why, in words (seed 001: "informed in writing that the plan has ended and the reasons why").
    pub reasons: String,
    /// The meeting or review with the family at which the ending was agreed.
    pub family_meeting_on: Option<NaiveDate>,
    pub team_manager_approved: bool,
    pub service_manager_approved: bool,
    /// Everyone told in writing (the letters' recipients).
    pub told_in_writing: Vec<String>,
    pub handover: Option<Handover>,
    pub closure: Option<EpisodeClosure>,
}

/// What the ending is checked against.
#[derive(Debug, Clone, Copy)]
pub struct EndingContext<'a> {
    pub plan_start: NaiveDate,
    pub today: NaiveDate,
    pub timescales: &'a CinTimescales,
    pub cal: &'a Calendar,
    /// The protocol or the team asks for a service manager's approval too.
    pub service_manager_required: bool,
    /// The plan followed a child protection plan or a child in care's return home.
    pub minimum_plan: bool,
    /// The latest review of this plan, if any.
    pub last_review_on: Option<NaiveDate>,
    pub episode: &'a Episode,
    pub had_assessment: bool,
}

fn after(cal: &Calendar, start: NaiveDate, t: Option<Timescale>) -> Option<NaiveDate> {
    t.map(|t| apply(cal, start, t, Direction::After))
}

/// The first day a plan that started on `plan_start` may step down (`cin.step_down_minimum`).
pub fn earliest_step_down(
    plan_start: NaiveDate,
    t: &CinTimescales,
    cal: &Calendar,
) -> Option<NaiveDate> {
    after(cal, plan_start, t.step_down_minimum)
}

/// The first day a minimum plan may end (`cin.minimum_after_cp_plan`).
pub fn earliest_end_of_minimum_plan(
    plan_start: NaiveDate,
    t: &CinTimescales,
    cal: &Calendar,
) -> Option<NaiveDate> {
    after(cal, plan_start, t.minimum_after_cp_plan)
}

/// Checks a plan's ending and, with it, the episode's closure.
pub fn check_plan_end(p: &PlanEnding, c: &EndingContext<'_>) -> Result<(), ValidationErrors> {
    let mut e = ValidationErrors::default();
    let reason = p.end_reason;
    if p.ended_on < c.plan_start {
        e.add(
            "ended_on",
            "before_start",
            format!(
                "The plan started on {}: it cannot end before then (census rule 4011)",
                format_date(c.plan_start)
            ),
        );
    }
    if p.ended_on > c.today {
        e.add(
            "ended_on",
            "future_date",
            "The plan cannot end on a future date",
        );
    }
    if p.reasons.trim().is_empty() {
        e.add(
            "reasons",
            "required",
            "Record the reasons the plan is ending",
        );
    }
    check_narrative(&mut e, "reasons", "The reasons", &p.reasons);
    if !reason.is_formal_intervention() {
        check_ordinary_ending(&mut e, p, c);
    }
    check_minimums(&mut e, p, c);
    check_handover(&mut e, p, c);
    if let Some(cl) = &p.closure {
        check_episode_closure(&mut e, p, cl, c);
    }
    e.into_result(())
}

fn check_ordinary_ending(e: &mut ValidationErrors, p: &PlanEnding, c: &EndingContext<'_>) {
    match p.family_meeting_on {
        None if p.end_reason.needs_family_meeting() => e.add(
            "family_meeting_on",
            "required",
            "Record the meeting or review with the family at which the ending was agreed",
        ),
        Some(m) if m < c.plan_start || m > p.ended_on => e.add(
            "family_meeting_on",
            "out_of_range",
            format!(
                "The meeting with the family must fall between the plan's start on {} and its end",
                format_date(c.plan_start)
            ),
        ),
        _ => {}
    }
    if !p.team_manager_approved {
        e.add(
            "team_manager_approved",
            "approval_required",
            "Ending a child in need plan needs the team manager's approval",
        );
    }
    if c.service_manager_required && !p.service_manager_approved {
        e.add(
            "service_manager_approved",
            "approval_required",
            "Ending this plan needs the service manager's approval too",
        );
    }
    if p.told_in_writing.iter().all(|r| r.trim().is_empty()) {
        e.add("told_in_writing", "required", "List everyone told in writing that the plan has ended and why: the family and every professional involved");
    }
    for (i, r) in p.told_in_writing.iter().enumerate() {
        check_short(e, &format!("told_in_writing[{}]", i + 1), "A recipient", r);
    }
}

fn check_minimums(e: &mut ValidationErrors, p: &PlanEnding, c: &EndingContext<'_>) {
    if p.end_reason == EndReason::StepDownToEarlyHelp {
        if let Some(earliest) = earliest_step_down(c.plan_start, c.timescales, c.cal) {
            if p.ended_on < earliest {
                e.add("ended_on", "step_down_too_early", format!("A plan steps down to early help only after it has run for {}: the earliest is {}", c.timescales.step_down_minimum.map(|t| t.to_string()).unwrap_or_default(), format_date(earliest)));
            }
        }
    }
    if c.minimum_plan && !p.end_reason.exempt_from_minimum() {
        if let Some(earliest) = earliest_end_of_minimum_plan(c.plan_start, c.timescales, c.cal) {
            if p.ended_on < earliest {
                e.add("ended_on", "minimum_plan", format!("This plan followed a child protection plan or a return home from care, so it lasts at least {}: the earliest it can end is {}", c.timescales.minimum_after_cp_plan.map(|t| t.to_string()).unwrap_or_default(), format_date(earliest)));
            }
        }
        if !c
            .last_review_on
            .is_some_and(|r| r >= c.plan_start && r <= p.ended_on)
        {
            e.add("ended_on", "needs_review", "This plan followed a child protection plan or a return home from care: it is reviewed before it ends");
        }
    }
}

fn check_handover(e: &mut ValidationErrors, p: &PlanEnding, c: &EndingContext<'_>) {
    let step_down = p.end_reason == EndReason::StepDownToEarlyHelp;
    match (&p.handover, step_down) {
        (None, true) => e.add("handover", "required", "Record the handover: the early help worker, and when the social worker introduced them to the family"),
        (Some(_), false) => e.add("handover", "not_step_down", "A handover to early help is recorded only when the plan steps down to early help"),
        (Some(h), true) => {
            if h.early_help_worker.trim().is_empty() {
                e.add("handover.early_help_worker", "required", "Name the early help worker");
            }
            check_short(e, "handover.early_help_worker", "The early help worker", &h.early_help_worker);
            match h.introduced_on {
                None => e.add("handover.introduced_on", "required", "Record when the social worker introduced the early help worker to the family"),
                Some(d) if d < c.plan_start || d > p.ended_on => e.add("handover.introduced_on", "out_of_range", "The introduction falls between the plan's start and its end"),
                Some(_) => {}
            }
        }
        (None, false) => {}
    }
}

fn check_episode_closure(
    e: &mut ValidationErrors,
    p: &PlanEnding,
    cl: &EpisodeClosure,
    c: &EndingContext<'_>,
) {
    let fits = p.end_reason.closure_reasons();
    if fits.is_empty() {
        e.add(
            "closure",
            "episode_stays_open",
            format!(
                "The episode stays open when the plan ends because {}",
                p.end_reason.text().to_lowercase()
            ),
        );
        return;
    }
    if matches!(cl.reason, ReasonForClosure::Rc8 | ReasonForClosure::Rc9) {
        e.add("closure.reason", "after_plan", format!("{} is for a case closed after an assessment; this case had a child in need plan (census rule 2990)", cl.reason.code()));
    } else if !fits.contains(&cl.reason) {
        let codes: Vec<&str> = fits.iter().map(|r| r.code()).collect();
        e.add(
            "closure.reason",
            "does_not_fit",
            format!(
                "{} ({}) does not fit a plan that ended because {}: use {}",
                cl.reason.code(),
                cl.reason.label(),
                p.end_reason.text().to_lowercase(),
                codes.join(" or ")
            ),
        );
    }
    if let Err(errs) = check_closure(c.episode, p.ended_on, cl.reason, c.had_assessment, c.today) {
        for f in errs.0 {
            e.push(FieldError {
                field: format!("closure.{}", f.field),
                ..f
            });
        }
    }
    for (field, value, label, ask) in [
        (
            "closure.summary",
            &cl.summary,
            "The closure summary",
            "Write the closure summary: how far the plan succeeded and the difference it made",
        ),
        (
            "closure.child_views",
            &cl.child_views,
            "The child's views",
            "Record the child's view of how helpful the work was",
        ),
        (
            "closure.parents_views",
            &cl.parents_views,
            "The parents' views",
            "Record the parents' view of how helpful the work was",
        ),
    ] {
        if value.trim().is_empty() {
            e.add(field, "required", ask);
        }
        check_narrative(e, field, label, value);
    }
}

/// Checks setting aside a plan never agreed ([`crate::cin::CinPlanState::set_aside`]): a reason,
/// and a date not in the future.
pub fn check_set_aside(
    reason: &str,
    on: NaiveDate,
    today: NaiveDate,
) -> Result<(), ValidationErrors> {
    let mut e = ValidationErrors::default();
    if reason.trim().is_empty() {
        e.add("reason", "required", "Record why the plan is not needed");
    }
    check_narrative(&mut e, "reason", "The reason", reason);
    if on > today {
        e.add(
            "ended_on",
            "future_date",
            "The plan cannot end on a future date",
        );
    }
    e.into_result(())
}

#[cfg(test)]
#[path = "closure_tests.rs"]
mod tests;
