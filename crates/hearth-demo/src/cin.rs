//! Demo children at every child in need plan stage, made through the real use cases with dates
//! counted back on the council's calendar so that every clock looks as in a live case, under any
//! shipped preset (the dates keep within the strictest of them: South West's first review within
//! 28 days, Dudley's 3-monthly reviews, 8-weekly meetings and 3-month minimum):
//! - a plan to agree after a conference (Morgan Zennor, from the protection demo);
//! - a plan running: agreed at a planning meeting, visited, a CIN meeting and a first review;
//! - a plan stepped down to early help after five months, the episode closed (RC7).
//!   Names are invented.

use chrono::NaiveDate;
use hearth_domain::ids::PersonId;

use hearth_app::cin::meetings::CinMeetingInput;
use hearth_app::cin::types::{CinReviewInput, EndCinPlanInput, StartCinPlanInput};
use hearth_app::error::{AppError, AppResult};
use hearth_app::protection::cp_types::{CpVisitInput, HoldConferenceInput};
use hearth_app::App;
use hearth_domain::casework::plan_content::{PlanAction, PlanContent, PlanOutcome};
use hearth_domain::cin::cin_meeting::CinMeeting;
use hearth_domain::cin::closure::{EndReason, EpisodeClosure, Handover, PlanEnding};
use hearth_domain::cin::meeting::{
    Agreement, Attendance, Attendee, AttendeeKind, ChairKind, PlanningMeeting, SupportOffer,
};
use hearth_domain::cin::plan::{CinPlan, IdentifiedNeed, LeadProfessional};
use hearth_domain::cin::review::{CinReview, ReviewOutcome};
use hearth_domain::cin::visits::VisitFrequency;
use hearth_domain::codes::ReasonForClosure;
use uuid::Uuid;

use crate::cp_steps::{
    conclude_with_continuing_risk, first_conference, hold_discussion, invitees, prepare,
    refer_for_strategy_discussion, ymd, CpActors, PastApp,
};
use crate::protection::new_child;

/// What the demo plans say.
fn demo_cin_plan(started_on: NaiveDate) -> CinPlan {
    let later = |days: u64| {
        started_on
            .checked_add_days(chrono::Days::new(days))
            .unwrap_or(started_on)
    };
    CinPlan {
        purpose: "Mornings are calm, the child is at school on time every day, and mother gets support with her grief".into(),
        needs: vec![
            IdentifiedNeed {
                need: "Education: late or absent most weeks".into(),
                services: "Breakfast club at Exampleton Primary, every school day".into(),
            },
            IdentifiedNeed {
                need: "Emotional wellbeing after a bereavement".into(),
                services: "Bereavement counselling (Cruse), weekly for 8 weeks".into(),
            },
        ],
        content: PlanContent {
            outcomes: vec![PlanOutcome {
                what_must_change: "The child is at school on time every day".into(),
                measure: "Attendance above 95% and no lates for a half term".into(),
                by_when: Some(later(90)),
            }],
            actions: vec![
                PlanAction {
                    action: "Refer mother to bereavement counselling".into(),
                    owner: "Social worker".into(),
                    due_on: Some(later(14)),
                    frequency: String::new(),
                },
                PlanAction {
                    action: "Walk the child to breakfast club".into(),
                    owner: "Mother".into(),
                    due_on: None,
                    frequency: "Every school day".into(),
                },
            ],
        },
        family_agrees_to: "Mother takes the child to breakfast club and goes to counselling".into(),
        lead_professional: LeadProfessional {
            name: "Demo social worker".into(),
            role: "Social worker".into(),
            duties: "Visits, reviews, referrals; keeps the plan up to date".into(),
        },
        visit_frequency: VisitFrequency::ProtocolDefault,
        contingency: "If attendance falls again or the child is hurt, a strategy discussion the same day".into(),
        review_points: "At the reviews the protocol sets; earlier if attendance falls".into(),
        circulation: vec!["Mother".into(), "Exampleton Primary".into(), "Health visitor".into()],
        long_term_support: None,
    }
}

fn mother() -> Attendee {
    Attendee {
        name: "Ms Zeal".into(),
        role: "Mother".into(),
        kind: AttendeeKind::ParentOrCarer,
        attendance: Attendance::Attended,
        agreement: Agreement::Agrees,
        note: String::new(),
    }
}

fn school() -> Attendee {
    Attendee {
        name: "Mr Oduya".into(),
        role: "Designated safeguarding lead, Exampleton Primary".into(),
        kind: AttendeeKind::Agency,
        attendance: Attendance::Attended,
        agreement: Agreement::Agrees,
        note: String::new(),
    }
}

/// A child referred on `start`, taken through an enquiry to an initial conference that decides
/// on no child protection plan but a child in need plan to follow. Returns the plan to agree and
/// the conference's date.
async fn cin_plan_to_agree(
    past: &PastApp,
    who: &CpActors,
    child: PersonId,
    start: NaiveDate,
) -> AppResult<(Uuid, i64, NaiveDate)> {
    let sd = refer_for_strategy_discussion(
        past,
        who,
        child,
        start,
        "Child repeatedly late and hungry at school; mother struggling after a bereavement",
    )
    .await?;
    let held = past.after(start, 1);
    hold_discussion(past, who, sd, held).await?;
    let concluded = past.after(held, 5);
    let v = conclude_with_continuing_risk(past, who, child, concluded).await?;
    let conference_on = past.after(held, 11);
    let v = prepare(
        past,
        who,
        child,
        first_conference(&v)?,
        concluded,
        conference_on,
    )
    .await?;
    let conf = first_conference(&v)?;
    past.on(conference_on)
        .hold_conference(
            &who.sw,
            child,
            conf.conference.id,
            &HoldConferenceInput {
                version: conf.conference.version,
                held_on: ymd(conference_on),
                invitees: invitees(true),
                plan: false,
                cin_plan_follows: true,
                child_wishes: "Wants help with mornings".into(),
                parents_views: "Mother asks for support".into(),
                agency_views: "Not at continuing risk of significant harm; in need of support"
                    .into(),
                ..Default::default()
            },
        )
        .await?;
    let plans = past.on(conference_on).cin_plans_of(&who.sw, child).await?;
    let plan = plans.plans.first().ok_or(AppError::NotFound)?;
    Ok((plan.plan.id, plan.plan.version, conference_on))
}

/// Agreed at a planning meeting the day after the conference and started the day after that.
async fn agree(
    past: &PastApp,
    who: &CpActors,
    child: PersonId,
    start: NaiveDate,
) -> AppResult<(Uuid, NaiveDate)> {
    let (plan, version, conference_on) = cin_plan_to_agree(past, who, child, start).await?;
    let meeting_on = past.after(conference_on, 1);
    past.on(meeting_on)
        .record_planning_meeting(
            &who.sw,
            child,
            plan,
            &PlanningMeeting {
                held_on: meeting_on,
                venue_agreed_with_family: true,
                invitees_agreed_with_family: true,
                arrangements_note: String::new(),
                chair: ChairKind::TeamManager,
                attendees: vec![mother(), school()],
                interpreter: SupportOffer::default(),
                advocate: SupportOffer::default(),
                minutes_circulated_on: Some(meeting_on),
            },
        )
        .await?;
    let started_on = past.after(meeting_on, 1);
    past.on(started_on)
        .start_cin_plan(
            &who.sw,
            child,
            plan,
            &StartCinPlanInput {
                version,
                started_on: ymd(started_on),
                plan: demo_cin_plan(started_on),
                late_reason: String::new(),
                after_return_home: false,
            },
        )
        .await?;
    Ok((plan, started_on))
}

async fn visit(
    past: &PastApp,
    who: &CpActors,
    child: PersonId,
    plan: Uuid,
    on: NaiveDate,
) -> AppResult<()> {
    past.on(on)
        .record_cin_visit(
            &who.sw,
            child,
            plan,
            &CpVisitInput {
                visited_on: ymd(on),
                child_seen: true,
                seen_alone: true,
                bedroom_seen: true,
                home_conditions: "Warm; food in the cupboards".into(),
                who_present: "Mother".into(),
                notes: "Purpose: progress on mornings. The child said: \"Mum makes toast now.\""
                    .into(),
                late_reason: String::new(),
            },
        )
        .await?;
    Ok(())
}

async fn review(
    past: &PastApp,
    who: &CpActors,
    child: PersonId,
    plan: Uuid,
    on: NaiveDate,
) -> AppResult<()> {
    past.on(on)
        .record_cin_review(
            &who.sw,
            child,
            plan,
            &CinReviewInput {
                review: CinReview {
                    reviewed_on: on,
                    chair: ChairKind::TeamManager,
                    held_in_meeting: true,
                    manager_agreed_no_meeting: false,
                    gone_well: "On time for school most days".into(),
                    worries: "Mother's low mood".into(),
                    still_to_happen: "Bereavement counselling to start".into(),
                    child_feedback: "Likes breakfast club".into(),
                    family_feedback: "The routine helps".into(),
                    outcome: ReviewOutcome::Continue,
                    reasons: "Good progress; not yet sustained".into(),
                },
                late_reason: String::new(),
            },
        )
        .await?;
    Ok(())
}

/// Loads the running and the stepped-down plans.
pub async fn load_demo_cin(app: &App) -> AppResult<()> {
    let past = PastApp::new(app).await?;
    let who = CpActors::demo(app).await?;
    let today = past.today;
    let born = |years: u64| {
        today
            .checked_sub_days(chrono::Days::new(years * 365 + years / 4))
            .unwrap_or(today)
    };

    // Running: started about six weeks ago, visited every three weeks, a CIN meeting after five
    // weeks and its first review after three.
    let start = past.wd(-45);
    let child = new_child(&past, &who, start, "Quinn", "Zeal", Some(born(8)), None).await?;
    let (plan, started_on) = agree(&past, &who, child, start).await?;
    review(&past, &who, child, plan, past.after(started_on, 15)).await?;
    let mut on = past.after(started_on, 14);
    while on <= past.wd(-1) {
        visit(&past, &who, child, plan, on).await?;
        on = past.after(on, 15);
    }
    let meeting_on = past.after(started_on, 25);
    if meeting_on <= past.wd(0) {
        past.on(meeting_on)
            .record_cin_meeting(
                &who.sw,
                child,
                plan,
                &CinMeetingInput {
                    meeting: CinMeeting {
                        held_on: meeting_on,
                        chair: ChairKind::AllocatedSocialWorker,
                        attendees: vec![mother(), school()],
                        progress: "Attendance up; breakfast club going well".into(),
                        decisions:
                            "School to keep the breakfast place; social worker to chase counselling"
                                .into(),
                        plan_updated: false,
                    },
                    late_reason: String::new(),
                },
            )
            .await?;
    }

    // Stepped down to early help a week ago after five months, reviewed twice, the early help
    // worker introduced and at the last review; the episode closed.
    let start = past.wd(-130);
    let child = new_child(&past, &who, start, "Avery", "Zook", Some(born(10)), None).await?;
    let (plan, started_on) = agree(&past, &who, child, start).await?;
    let first = past.after(started_on, 15);
    let second = past.after(first, 55);
    let ended_on = past.wd(-5);
    let mut on = past.after(started_on, 14);
    while on < ended_on {
        visit(&past, &who, child, plan, on).await?;
        on = past.after(on, 15);
    }
    review(&past, &who, child, plan, first).await?;
    review(&past, &who, child, plan, second).await?;
    let v = past.on(ended_on).cin_plans_of(&who.sw, child).await?;
    let version = v.plans.first().map_or(0, |p| p.plan.version);
    past.on(ended_on)
        .end_cin_plan(
            &who.tm,
            child,
            plan,
            &EndCinPlanInput {
                version,
                ending: PlanEnding {
                    ended_on,
                    end_reason: EndReason::StepDownToEarlyHelp,
                    reasons: "Mornings and attendance are settled; early help will support mother's wellbeing".into(),
                    family_meeting_on: Some(second),
                    team_manager_approved: true,
                    service_manager_approved: false,
                    told_in_writing: vec!["Ms Zook (mother)".into(), "Exampleton Primary".into(), "Health visitor".into()],
                    handover: Some(Handover {
                        early_help_worker: "Jo Early, Family Solutions".into(),
                        introduced_on: Some(past.after(second, 2)),
                        attended_last_review: true,
                    }),
                    closure: Some(EpisodeClosure {
                        reason: ReasonForClosure::Rc7,
                        summary: "Attendance rose from 82% to 97%; mother engaged with support".into(),
                        child_views: "Happier at school".into(),
                        parents_views: "Thankful; ready to carry on with early help".into(),
                    }),
                },
            },
        )
        .await?;
    Ok(())
}
