//! The child in need plan page's forms: each reads what was typed into the use case's input,
//! calls it, and comes back to the page (with the errors renamed to the page's fields).

use axum::body::Bytes;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use hearth_app::accounts::auth::Principal;
use hearth_app::casework::plan_versions::VersionCirculatedInput;
use hearth_app::cin::meetings::CinMeetingInput;
use hearth_app::cin::types::{CinPlansView, CinReviewInput, EndCinPlanInput, StartCinPlanInput};
use hearth_app::protection::cp_types::CpVisitInput;
use hearth_app::AppError;
use hearth_domain::cin::cin_meeting::CinMeeting;
use hearth_domain::cin::closure::{EndReason, EpisodeClosure, Handover, PlanEnding};
use hearth_domain::cin::meeting::{ChairKind, PlanningMeeting, SupportOffer};
use hearth_domain::cin::review::{CinReview, ReviewOutcome};
use hearth_domain::codes::ReasonForClosure;
use hearth_domain::errors::ValidationErrors;
use hearth_domain::ids::PersonId;
use uuid::Uuid;

use crate::auth::PageUser;
use crate::errors::page_error;
use crate::forms::FormData;
use crate::pages::cin::plan_inputs::{attendees, code, date, lines, optional_date, plan_of};
use crate::pages::cin::plan_page::show_with;
use crate::pages::plan_versions::{input_of, to_page_fields};
use crate::pages::PersonPath;
use crate::AppState;

/// The page's names for the use case's fields.
const RENAMES: &[(&str, &str)] = &[
    ("lead_professional.name", "lead_name"),
    ("lead_professional.role", "lead_role"),
    ("lead_professional.duties", "lead_duties"),
    ("visit_frequency", "visit_kind"),
    ("visit_frequency.every_weeks", "visit_weeks"),
    ("visit_frequency.why", "visit_why"),
    ("needs", "n1.need"),
    ("attendees", "p1.name"),
    ("reasons", "end_reasons"),
    ("closure.reason", "closure_reason"),
    ("closure.summary", "closure_summary"),
    ("closure.child_views", "child_views"),
    ("closure.parents_views", "parents_views"),
    ("closure.closure_date", "ended_on"),
    ("handover.early_help_worker", "early_help_worker"),
    ("handover.introduced_on", "introduced_on"),
    ("reason", "end_reason"),
    ("interpreter", "support"),
    ("advocate", "support"),
];

fn renamed(field: &str) -> String {
    if let Some((_, to)) = RENAMES.iter().find(|(f, _)| *f == field) {
        return (*to).to_string();
    }
    for (list, p) in [("needs[", 'n'), ("attendees[", 'p')] {
        if let Some(rest) = field.strip_prefix(list) {
            if let Some((i, f)) = rest.split_once("].") {
                return format!("{p}{i}.{f}");
            }
        }
    }
    if field.starts_with("told_in_writing") {
        return "told_in_writing".into();
    }
    if field.starts_with("circulation") {
        return "circulation".into();
    }
    field.to_string()
}

async fn back(
    state: &AppState,
    user: &Principal,
    person: &PersonPath,
    d: &FormData,
    r: Result<CinPlansView, AppError>,
) -> Response {
    match r {
        Ok(_) => Redirect::to(&format!("/people/{}/cin-plan", person.id)).into_response(),
        Err(AppError::Validation(mut errs)) => {
            for e in &mut errs.0 {
                e.field = renamed(&e.field);
            }
            show_with(state, user, person, d, &errs).await
        }
        Err(AppError::Stale { .. }) => {
            let errs = ValidationErrors::single("version", "edit_conflict", "Someone else changed this plan while you had it open. Nothing was overwritten: check the page and try again.");
            show_with(state, user, person, d, &errs).await
        }
        Err(AppError::Conflict(m)) => {
            let errs = ValidationErrors::single("form", "conflict", m);
            show_with(state, user, person, d, &errs).await
        }
        Err(e) => page_error(e),
    }
}

fn id_of(d: &FormData) -> Result<Uuid, AppError> {
    d.get("plan_id").parse().map_err(|_| {
        AppError::Validation(ValidationErrors::single(
            "plan_id",
            "required",
            "The form is missing its plan; reload the page",
        ))
    })
}

fn version_of(d: &FormData) -> i64 {
    d.get("version").parse().unwrap_or(0)
}

/// A form's handler: read the form, run `$body` (the form's reading and its use case), and come
/// back to the page.
macro_rules! handler {
    ($name:ident, $body:ident) => {
        pub async fn $name(
            State(state): State<AppState>,
            PageUser(user): PageUser,
            person: PersonPath,
            body: Bytes,
        ) -> Response {
            let d = FormData::parse(&body);
            let r = $body(&state, &user, person.pid, &d).await;
            back(&state, &user, &person, &d, r).await
        }
    };
}

async fn start_form(
    state: &AppState,
    user: &Principal,
    person: PersonId,
    d: &FormData,
) -> Result<CinPlansView, AppError> {
    let plan_id = id_of(d)?;
    let mut e = ValidationErrors::default();
    let plan = plan_of(d, &mut e);
    e.into_result(())?;
    let input = StartCinPlanInput {
        version: version_of(d),
        started_on: d.date("started_on").unwrap_or_default(),
        plan: plan.ok_or(AppError::NotFound)?,
        late_reason: d.get("late_reason").into(),
        after_return_home: d.all("minimum").iter().any(|x| x == "after_return_home"),
    };
    state
        .app
        .start_cin_plan(user, person, plan_id, &input)
        .await
}

handler!(start, start_form);

async fn planning_meeting_form(
    state: &AppState,
    user: &Principal,
    person: PersonId,
    d: &FormData,
) -> Result<CinPlansView, AppError> {
    let plan_id = id_of(d)?;
    let mut e = ValidationErrors::default();
    let held_on = date(d, "held_on", "The date of the meeting", &mut e);
    let chair = code(d, "chair", "the chair", ChairKind::parse, &mut e);
    let minutes = optional_date(
        d,
        "minutes_circulated_on",
        "The date the minutes were sent",
        &mut e,
    );
    let list = attendees(d, &mut e);
    let why_not: String = d.get("support_why_not").trim().into();
    let (Some(held_on), Some(chair)) = (held_on, chair) else {
        return Err(AppError::Validation(e));
    };
    e.into_result(())?;
    let ticked = |name: &str, value: &str| d.all(name).iter().any(|x| x == value);
    let m = PlanningMeeting {
        held_on,
        venue_agreed_with_family: ticked("arrangements", "venue_agreed"),
        invitees_agreed_with_family: ticked("arrangements", "invitees_agreed"),
        arrangements_note: d.get("arrangements_note").trim().into(),
        chair,
        attendees: list,
        interpreter: SupportOffer {
            needed: ticked("support", "interpreter_needed"),
            offered: ticked("support", "interpreter_offered"),
            why_not: why_not.clone(),
        },
        advocate: SupportOffer {
            needed: ticked("support", "advocate_needed"),
            offered: ticked("support", "advocate_offered"),
            why_not,
        },
        minutes_circulated_on: minutes,
    };
    state
        .app
        .record_planning_meeting(user, person, plan_id, &m)
        .await
}

handler!(planning_meeting, planning_meeting_form);

async fn visit_form(
    state: &AppState,
    user: &Principal,
    person: PersonId,
    d: &FormData,
) -> Result<CinPlansView, AppError> {
    let plan_id = id_of(d)?;
    let seen = d.all("visit_seen");
    let input = CpVisitInput {
        visited_on: d.date("visited_on").unwrap_or_default(),
        child_seen: seen.iter().any(|x| x == "child_seen"),
        seen_alone: seen.iter().any(|x| x == "seen_alone"),
        bedroom_seen: seen.iter().any(|x| x == "bedroom_seen"),
        home_conditions: d.get("home_conditions").into(),
        who_present: d.get("who_present").into(),
        notes: d.get("visit_notes").into(),
        late_reason: d.get("visit_late_reason").into(),
    };
    state
        .app
        .record_cin_visit(user, person, plan_id, &input)
        .await
}

handler!(visit, visit_form);

async fn meeting_form(
    state: &AppState,
    user: &Principal,
    person: PersonId,
    d: &FormData,
) -> Result<CinPlansView, AppError> {
    let plan_id = id_of(d)?;
    let mut e = ValidationErrors::default();
    let held_on = date(d, "held_on", "The date of the meeting", &mut e);
    let chair = code(d, "chair", "the chair", ChairKind::parse, &mut e);
    let list = attendees(d, &mut e);
    let (Some(held_on), Some(chair)) = (held_on, chair) else {
        return Err(AppError::Validation(e));
    };
    e.into_result(())?;
    let input = CinMeetingInput {
        meeting: CinMeeting {
            held_on,
            chair,
            attendees: list,
            progress: d.get("progress").trim().into(),
            decisions: d.get("decisions").trim().into(),
            plan_updated: d.all("updated").iter().any(|x| x == "plan_updated"),
        },
        late_reason: d.get("meeting_late_reason").into(),
    };
    state
        .app
        .record_cin_meeting(user, person, plan_id, &input)
        .await
}

handler!(meeting, meeting_form);

async fn review_form(
    state: &AppState,
    user: &Principal,
    person: PersonId,
    d: &FormData,
) -> Result<CinPlansView, AppError> {
    let plan_id = id_of(d)?;
    let mut e = ValidationErrors::default();
    let reviewed_on = date(d, "reviewed_on", "The date of the review", &mut e);
    let chair = code(d, "chair", "the chair", ChairKind::parse, &mut e);
    let outcome = code(d, "outcome", "the outcome", ReviewOutcome::parse, &mut e);
    let (Some(reviewed_on), Some(chair), Some(outcome)) = (reviewed_on, chair, outcome) else {
        return Err(AppError::Validation(e));
    };
    let how = d.all("how");
    let input = CinReviewInput {
        review: CinReview {
            reviewed_on,
            chair,
            held_in_meeting: how.iter().any(|x| x == "held_in_meeting"),
            manager_agreed_no_meeting: how.iter().any(|x| x == "manager_agreed_no_meeting"),
            gone_well: d.get("gone_well").trim().into(),
            worries: d.get("worries").trim().into(),
            still_to_happen: d.get("still_to_happen").trim().into(),
            child_feedback: d.get("child_feedback").trim().into(),
            family_feedback: d.get("family_feedback").trim().into(),
            outcome,
            reasons: d.get("reasons").trim().into(),
        },
        late_reason: d.get("review_late_reason").into(),
    };
    state
        .app
        .record_cin_review(user, person, plan_id, &input)
        .await
}

handler!(review, review_form);

async fn end_form(
    state: &AppState,
    user: &Principal,
    person: PersonId,
    d: &FormData,
) -> Result<CinPlansView, AppError> {
    let plan_id = id_of(d)?;
    let mut e = ValidationErrors::default();
    let ended_on = date(d, "ended_on", "The date it ends", &mut e);
    let end_reason = code(
        d,
        "end_reason",
        "why the plan ends",
        EndReason::parse,
        &mut e,
    );
    let family_meeting_on = optional_date(d, "family_meeting_on", "The meeting date", &mut e);
    let introduced_on = optional_date(d, "introduced_on", "The date they were introduced", &mut e);
    let close = d.all("close").iter().any(|x| x == "close_episode");
    let closure_reason = if close {
        code(
            d,
            "closure_reason",
            "the census reason for closure",
            |c| ReasonForClosure::parse(c).map_err(|x| x.to_string()),
            &mut e,
        )
    } else {
        None
    };
    let (Some(ended_on), Some(end_reason)) = (ended_on, end_reason) else {
        return Err(AppError::Validation(e));
    };
    e.into_result(())?;
    let worker: String = d.get("early_help_worker").trim().into();
    let input = EndCinPlanInput {
        version: version_of(d),
        ending: PlanEnding {
            ended_on,
            end_reason,
            reasons: d.get("end_reasons").trim().into(),
            family_meeting_on,
            team_manager_approved: true,
            service_manager_approved: false,
            told_in_writing: lines(d.get("told_in_writing")),
            handover: (!worker.is_empty() || introduced_on.is_some()).then(|| Handover {
                early_help_worker: worker,
                introduced_on,
                attended_last_review: d
                    .all("handover")
                    .iter()
                    .any(|x| x == "attended_last_review"),
            }),
            closure: closure_reason.map(|reason| EpisodeClosure {
                reason,
                summary: d.get("closure_summary").trim().into(),
                child_views: d.get("child_views").trim().into(),
                parents_views: d.get("parents_views").trim().into(),
            }),
        },
    };
    state.app.end_cin_plan(user, person, plan_id, &input).await
}

handler!(end, end_form);

async fn new_version_form(
    state: &AppState,
    user: &Principal,
    person: PersonId,
    d: &FormData,
) -> Result<CinPlansView, AppError> {
    let plan_id = id_of(d)?;
    let (input, o_place, a_place) = input_of(d);
    state
        .app
        .amend_cin_plan(user, person, plan_id, &input)
        .await
        .map_err(|e| to_page_fields(e, &o_place, &a_place))
}

handler!(new_version, new_version_form);

async fn version_circulated_form(
    state: &AppState,
    user: &Principal,
    person: PersonId,
    d: &FormData,
) -> Result<CinPlansView, AppError> {
    let plan_id = id_of(d)?;
    let version = d
        .get("plan_version")
        .parse::<i64>()
        .map_err(|_| AppError::NotFound)?;
    state
        .app
        .circulate_cin_plan_version(
            user,
            person,
            plan_id,
            version,
            &VersionCirculatedInput::default(),
        )
        .await
}

handler!(version_circulated, version_circulated_form);

async fn action_done_form(
    state: &AppState,
    user: &Principal,
    person: PersonId,
    d: &FormData,
) -> Result<CinPlansView, AppError> {
    let plan_id = id_of(d)?;
    let action = d
        .get("action_id")
        .parse::<Uuid>()
        .map_err(|_| AppError::NotFound)?;
    state
        .app
        .cin_plan_action_done(user, person, plan_id, action)
        .await
}

handler!(action_done, action_done_form);
