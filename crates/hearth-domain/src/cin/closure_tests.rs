//! Tests of [`super`]: ending a plan, stepping down and closing the episode.

use super::*;
use crate::codes::{PrimaryNeed, ReferralSource};
use crate::protocol::Protocol;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn episode() -> Episode {
    Episode {
        referral_date: d(2026, 10, 1),
        source: ReferralSource::S2A,
        primary_need: PrimaryNeed::N5,
        closed: None,
        referral_nfa: false,
    }
}

fn ending(reason: EndReason, on: NaiveDate) -> PlanEnding {
    PlanEnding {
        ended_on: on,
        end_reason: reason,
        reasons: "Sam has been at school every day for a term; mother is well supported".into(),
        family_meeting_on: Some(on),
        team_manager_approved: true,
        service_manager_approved: false,
        told_in_writing: vec!["Mother".into(), "Oak Primary".into()],
        handover: None,
        closure: None,
    }
}

fn closure(reason: ReasonForClosure) -> EpisodeClosure {
    EpisodeClosure {
        reason,
        summary: "Attendance rose from 71% to 97%; mother now sees her GP".into(),
        child_views: "Sam: 'school is better now'".into(),
        parents_views: "Mother: the family support worker helped most".into(),
    }
}

/// Runs the check under Dudley's preset for a plan that started on 7 December 2026, on
/// 1 July 2027.
fn check(p: &PlanEnding, minimum_plan: bool, last_review: Option<NaiveDate>) -> Vec<&'static str> {
    check_with(p, minimum_plan, last_review, false, d(2026, 12, 7))
}

fn check_with(
    p: &PlanEnding,
    minimum_plan: bool,
    last_review_on: Option<NaiveDate>,
    service_manager_required: bool,
    plan_start: NaiveDate,
) -> Vec<&'static str> {
    let protocol = Protocol::preset("dudley").unwrap();
    let cal = Calendar::england_and_wales();
    let ep = episode();
    let c = EndingContext {
        plan_start,
        today: d(2027, 7, 1),
        timescales: &protocol.cin,
        cal: &cal,
        service_manager_required,
        minimum_plan,
        last_review_on,
        episode: &ep,
        had_assessment: true,
    };
    check_plan_end(p, &c)
        .err()
        .map(|e| e.0.iter().map(|x| x.code).collect())
        .unwrap_or_default()
}

#[test]
fn an_ending_needs_reasons_a_family_meeting_approval_and_letters() {
    // Seed 001: "should end following a meeting with the family"; "all those involved should be
    // informed in writing that the plan has ended and the reasons why"; "must have team manager
    // approval".
    let ok = ending(EndReason::NeedsMet, d(2027, 4, 1));
    assert!(check(&ok, false, None).is_empty());
    let bare = PlanEnding {
        reasons: " ".into(),
        family_meeting_on: None,
        team_manager_approved: false,
        told_in_writing: vec![],
        ..ok.clone()
    };
    assert_eq!(
        check(&bare, false, None),
        ["required", "required", "approval_required", "required"]
    );
    // "and where appropriate Service Manager approval".
    assert_eq!(
        check_with(&ok, false, None, true, d(2026, 12, 7)),
        ["approval_required"]
    );
    let both = PlanEnding {
        service_manager_approved: true,
        ..ok
    };
    assert!(check_with(&both, false, None, true, d(2026, 12, 7)).is_empty());
}

#[test]
fn an_ending_falls_between_the_start_and_today() {
    // Census rule 4011: "CIN Plan End Date earlier than Start Date".
    let e = ending(EndReason::NeedsMet, d(2026, 12, 6));
    assert_eq!(check(&e, false, None), ["before_start", "out_of_range"]);
    let e = ending(EndReason::NeedsMet, d(2027, 7, 2));
    assert_eq!(check(&e, false, None), ["future_date"]);
}

#[test]
fn a_child_protection_plan_or_care_ends_the_plan_without_the_ordinary_steps() {
    // Seed 001: "(leaving aside where children come into care or are made subject to a Child
    // Protection plan)"; "the CIN plan must be ended". The episode stays open.
    let e = PlanEnding {
        family_meeting_on: None,
        team_manager_approved: false,
        told_in_writing: vec![],
        ..ending(EndReason::CpPlanStarted, d(2027, 2, 1))
    };
    assert!(check(&e, true, None).is_empty());
    let closing = PlanEnding {
        closure: Some(closure(ReasonForClosure::Rc7)),
        ..e
    };
    assert_eq!(check(&closing, false, None), ["episode_stays_open"]);
}

#[test]
fn step_down_only_after_three_months_of_plan() {
    // Seed 001: "Child in need cases should not be stepped down to Family Solutions until the
    // CIN plan has been implemented for at least three months." Plan 7 December 2026 + 3 months
    // = 7 March 2027.
    let handover = Handover {
        early_help_worker: "Pat Green, Family Solutions".into(),
        introduced_on: Some(d(2027, 2, 22)),
        attended_last_review: true,
    };
    let early = PlanEnding {
        handover: Some(handover.clone()),
        ..ending(EndReason::StepDownToEarlyHelp, d(2027, 3, 6))
    };
    assert_eq!(check(&early, false, None), ["step_down_too_early"]);
    let protocol = Protocol::preset("dudley").unwrap();
    let cal = Calendar::england_and_wales();
    assert_eq!(
        earliest_step_down(d(2026, 12, 7), &protocol.cin, &cal),
        Some(d(2027, 3, 7))
    );
    let on_time = PlanEnding {
        ended_on: d(2027, 3, 7),
        family_meeting_on: Some(d(2027, 3, 7)),
        ..early
    };
    assert!(check(&on_time, false, None).is_empty());
}

#[test]
fn the_step_down_message_names_the_earliest_date() {
    let protocol = Protocol::preset("dudley").unwrap();
    let cal = Calendar::england_and_wales();
    let ep = episode();
    let c = EndingContext {
        plan_start: d(2026, 12, 7),
        today: d(2027, 7, 1),
        timescales: &protocol.cin,
        cal: &cal,
        service_manager_required: false,
        minimum_plan: false,
        last_review_on: None,
        episode: &ep,
        had_assessment: true,
    };
    let p = PlanEnding {
        handover: Some(Handover {
            early_help_worker: "Pat Green".into(),
            introduced_on: Some(d(2027, 2, 1)),
            attended_last_review: false,
        }),
        ..ending(EndReason::StepDownToEarlyHelp, d(2027, 2, 1))
    };
    let e = check_plan_end(&p, &c).unwrap_err();
    assert_eq!(
        e.0[0].message,
        "A plan steps down to early help only after it has run for 3 months: the earliest is 7 March 2027"
    );
}

#[test]
fn a_step_down_records_the_handover_and_only_a_step_down_does() {
    // Seed 001: "the social worker introduces the Family Solutions worker to the family".
    let none = ending(EndReason::StepDownToEarlyHelp, d(2027, 4, 1));
    assert_eq!(check(&none, false, None), ["required"]);
    let unnamed = PlanEnding {
        handover: Some(Handover {
            early_help_worker: " ".into(),
            introduced_on: None,
            attended_last_review: false,
        }),
        ..none.clone()
    };
    assert_eq!(check(&unnamed, false, None), ["required", "required"]);
    let stray = PlanEnding {
        handover: unnamed.handover.clone(),
        ..ending(EndReason::NeedsMet, d(2027, 4, 1))
    };
    assert_eq!(check(&stray, false, None), ["not_step_down"]);
}

#[test]
fn a_plan_after_a_child_protection_plan_lasts_three_months_and_is_reviewed() {
    // Seed 001: "This plan should be in place for at least three months and should be reviewed
    // before it is closed." Plan 30 November 2026 + 3 months = 28 February 2027 (the month's end).
    let start = d(2026, 11, 30);
    let review = Some(d(2027, 2, 20));
    let early = ending(EndReason::NeedsMet, d(2027, 2, 27));
    assert_eq!(
        check_with(&early, true, review, false, start),
        ["minimum_plan"]
    );
    let on_time = ending(EndReason::NeedsMet, d(2027, 2, 28));
    assert!(check_with(&on_time, true, review, false, start).is_empty());
    assert_eq!(
        check_with(&on_time, true, None, false, start),
        ["needs_review"]
    );
    // The child's death ends even a minimum plan (RC2 fits a death).
    let died = PlanEnding {
        family_meeting_on: None,
        closure: Some(closure(ReasonForClosure::Rc2)),
        ..ending(EndReason::Died, d(2027, 1, 10))
    };
    assert!(check_with(&died, true, None, false, start).is_empty());
}

#[test]
fn the_census_reason_for_closure_fits_what_happened() {
    // Census rule 2990: "Activity is recorded against a case marked as 'Case closed after
    // assessment, no further action' or 'case closed after assessment, referred to early help'".
    let rc8 = PlanEnding {
        closure: Some(closure(ReasonForClosure::Rc8)),
        ..ending(EndReason::NeedsMet, d(2027, 4, 1))
    };
    assert_eq!(check(&rc8, false, None), ["after_plan"]);
    let wrong = PlanEnding {
        closure: Some(closure(ReasonForClosure::Rc5)),
        ..ending(EndReason::NeedsMet, d(2027, 4, 1))
    };
    assert_eq!(check(&wrong, false, None), ["does_not_fit"]);
    let right = PlanEnding {
        closure: Some(closure(ReasonForClosure::Rc7)),
        ..ending(EndReason::NeedsMet, d(2027, 4, 1))
    };
    assert!(check(&right, false, None).is_empty());
}

#[test]
fn closing_evaluates_the_plan_with_the_child_and_parents_views() {
    // Seed 001: "The record should evaluate the success and impact of the CIN plan, including the
    // views of the child and parents".
    let blank = PlanEnding {
        closure: Some(EpisodeClosure {
            reason: ReasonForClosure::Rc7,
            summary: String::new(),
            child_views: " ".into(),
            parents_views: String::new(),
        }),
        ..ending(EndReason::NeedsMet, d(2027, 4, 1))
    };
    assert_eq!(
        check(&blank, false, None),
        ["required", "required", "required"]
    );
}

#[test]
fn a_closed_episode_is_not_closed_again() {
    // Reuses the episode's own closure rules.
    let protocol = Protocol::preset("dudley").unwrap();
    let cal = Calendar::england_and_wales();
    let ep = Episode {
        closed: Some((d(2027, 3, 1), ReasonForClosure::Rc7)),
        ..episode()
    };
    let c = EndingContext {
        plan_start: d(2026, 12, 7),
        today: d(2027, 7, 1),
        timescales: &protocol.cin,
        cal: &cal,
        service_manager_required: false,
        minimum_plan: false,
        last_review_on: None,
        episode: &ep,
        had_assessment: true,
    };
    let p = PlanEnding {
        closure: Some(closure(ReasonForClosure::Rc7)),
        ..ending(EndReason::NeedsMet, d(2027, 4, 1))
    };
    let e = check_plan_end(&p, &c).unwrap_err();
    assert_eq!(
        (e.0[0].field.as_str(), e.0[0].code),
        ("closure.closure_date", "already_closed")
    );
}

#[test]
fn a_plan_never_agreed_is_set_aside_with_a_reason() {
    let today = d(2027, 1, 5);
    assert!(check_set_aside("Family withdrew consent before the meeting", today, today).is_ok());
    assert_eq!(
        check_set_aside(" ", today, today).unwrap_err().0[0].code,
        "required"
    );
    assert_eq!(
        check_set_aside("x", d(2027, 1, 6), today).unwrap_err().0[0].code,
        "future_date"
    );
}
