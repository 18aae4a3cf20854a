//! The child protection page's forms: each posts to the use case and comes back to the page,
//! with the use case's field names renamed to the page's when a form fails.

use axum::body::Bytes;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use hearth_app::accounts::auth::Principal;
use hearth_app::protection::cp_types::*;
use hearth_app::AppError;
use hearth_domain::errors::ValidationErrors;
use uuid::Uuid;

use crate::auth::PageUser;
use crate::errors::page_error;
use crate::forms::FormData;
use crate::pages::protection::child_protection::{show_with, INVITEE_ROWS};
use crate::pages::PersonPath;
use crate::AppState;

/// After a form: back to the page on success, or the page with the form's errors, each renamed
/// from the API's field to the page's.
async fn after(
    state: &AppState,
    user: &Principal,
    person: &PersonPath,
    d: &FormData,
    anchor: &str,
    renames: &[(&str, &str)],
    r: Result<ChildProtectionView, AppError>,
) -> Response {
    match r {
        Ok(_) => Redirect::to(&format!("/people/{}/child-protection#{anchor}", person.id))
            .into_response(),
        Err(AppError::Validation(mut errs)) => {
            for e in &mut errs.0 {
                if let Some((_, to)) = renames.iter().find(|(from, _)| e.field == *from) {
                    e.field = (*to).to_string();
                }
                if let Some(rest) = e.field.strip_prefix("invitees[") {
                    if let Some((i, f)) = rest.split_once("].") {
                        e.field = format!(
                            "inv{i}.{}",
                            if f == "report_shareable" { "flags" } else { f }
                        );
                    }
                }
            }
            show_with(state, user, person, d.get("form"), d, &errs).await
        }
        Err(AppError::Stale { .. }) => {
            let errs = ValidationErrors::single("version", "edit_conflict", "Someone else changed this record while you had it open. Nothing was overwritten: check the page and try again.");
            show_with(state, user, person, d.get("form"), d, &errs).await
        }
        Err(e) => page_error(e),
    }
}

/// The record a form names by its hidden field; missing or altered, the form's own error.
fn id_of(d: &FormData, name: &str) -> Result<Uuid, AppError> {
    d.get(name).parse().map_err(|_| {
        AppError::Validation(ValidationErrors::single(
            name,
            "required",
            "The form is missing its record; reload the page",
        ))
    })
}

pub async fn enquiry_outcome(
    State(state): State<AppState>,
    PageUser(user): PageUser,
    person: PersonPath,
    body: Bytes,
) -> Response {
    let d = FormData::parse(&body);
    let seen = d.all("enquiry_seen");
    let declined = [
        d.get("declined_agency"),
        d.get("declined_reason"),
        d.get("declined_escalation"),
    ]
    .iter()
    .any(|s| !s.trim().is_empty());
    let input = ConcludeEnquiryInput {
        version: d.get("version").parse().unwrap_or(0),
        outcome: d.get("outcome").into(),
        concluded_on: d.date("concluded_on").unwrap_or_default(),
        child_seen: seen.iter().any(|s| s == "child_seen"),
        child_seen_alone: seen.iter().any(|s| s == "child_seen_alone"),
        spoken_to: d.get("spoken_to").into(),
        support_follows: d.get("support_follows").into(),
        not_seen_reason: d.get("not_seen_reason").into(),
        declined_request: declined.then(|| DeclinedRequestInput {
            agency: d.get("declined_agency").into(),
            reason: d.get("declined_reason").into(),
            escalation: d.get("declined_escalation").into(),
        }),
    };
    let r = async {
        let id = id_of(&d, "enquiry_id")?;
        state
            .app
            .conclude_enquiry(&user, person.pid, id, &input)
            .await
    }
    .await;
    let renames = [
        ("child_seen_alone", "enquiry_seen"),
        ("declined_request.agency", "declined_agency"),
        ("declined_request.reason", "declined_reason"),
        ("declined_request.escalation", "declined_escalation"),
        ("declined_request", "declined_agency"),
    ];
    after(&state, &user, &person, &d, "enquiries", &renames, r).await
}

pub async fn transfer_in(
    State(state): State<AppState>,
    PageUser(user): PageUser,
    person: PersonPath,
    body: Bytes,
) -> Response {
    let d = FormData::parse(&body);
    let input = TransferInInput {
        notified_on: d.date("notified_on").unwrap_or_default(),
    };
    let r = state
        .app
        .arrange_transfer_in(&user, person.pid, &input)
        .await;
    after(
        &state,
        &user,
        &person,
        &d,
        "conferences",
        &[("person_id", "notified_on")],
        r,
    )
    .await
}

fn invitees_typed(d: &FormData) -> Vec<InviteeInput> {
    (0..INVITEE_ROWS)
        .filter(|i| !d.get(&format!("inv{i}.name")).trim().is_empty())
        .map(|i| {
            let flags = d.all(&format!("inv{i}.flags"));
            InviteeInput {
                name: d.get(&format!("inv{i}.name")).into(),
                participant: d.get(&format!("inv{i}.participant")).into(),
                role: d.get(&format!("inv{i}.role")).into(),
                attended: flags.iter().any(|f| f == "attended"),
                report_submitted: flags.iter().any(|f| f == "report_submitted"),
                report_shareable: flags.iter().any(|f| f == "report_shareable"),
            }
        })
        .collect()
}

pub async fn preparation(
    State(state): State<AppState>,
    PageUser(user): PageUser,
    person: PersonPath,
    body: Bytes,
) -> Response {
    let d = FormData::parse(&body);
    let input = PrepareConferenceInput {
        version: d.get("version").parse().unwrap_or(0),
        scheduled_on: d.date("scheduled_on").unwrap_or_default(),
        chair_id: d.get("chair_id").parse().ok(),
        invitees: invitees_typed(&d),
    };
    let r = async {
        let id = id_of(&d, "conference_id")?;
        state
            .app
            .prepare_conference(&user, person.pid, id, &input)
            .await
    }
    .await;
    after(&state, &user, &person, &d, "conferences", &[], r).await
}

pub async fn held(
    State(state): State<AppState>,
    PageUser(user): PageUser,
    person: PersonPath,
    body: Bytes,
) -> Response {
    let d = FormData::parse(&body);
    let input = HoldConferenceInput {
        version: d.get("version").parse().unwrap_or(0),
        held_on: d.date("held_on").unwrap_or_default(),
        invitees: Vec::new(),
        plan: d.get("plan") == "yes",
        category: d.get("category").into(),
        lead_worker_id: d.get("lead_worker_id").parse().ok(),
        core_group: d.get("core_group").into(),
        outline_plan: d.get("outline_plan").into(),
        review_on: d.date("review_on").unwrap_or_default(),
        child_wishes: d.get("child_wishes").into(),
        parents_views: d.get("parents_views").into(),
        agency_views: d.get("agency_views").into(),
        dissent: d.get("dissent").into(),
        previous_plans_elsewhere: d
            .get("previous_plans_elsewhere")
            .trim()
            .parse()
            .unwrap_or(0),
        end_reason: d.get("end_reason").into(),
        end_evidence: d.get("end_evidence").into(),
        cin_plan_follows: d.all("cin_follows").iter().any(|x| x == "cin_plan_follows"),
        late_reason: d.get("late_reason").into(),
    };
    let r = async {
        let id = id_of(&d, "conference_id")?;
        state
            .app
            .hold_conference(&user, person.pid, id, &input)
            .await
    }
    .await;
    let renames = [
        ("reason", "end_reason"),
        ("evidence", "end_evidence"),
        ("ended_on", "held_on"),
        ("invitees", "held_on"),
        ("chair_id", "held_on"),
    ];
    after(&state, &user, &person, &d, "conferences", &renames, r).await
}

pub async fn core_group(
    State(state): State<AppState>,
    PageUser(user): PageUser,
    person: PersonPath,
    body: Bytes,
) -> Response {
    let d = FormData::parse(&body);
    let input = CoreGroupInput {
        met_on: d.date("met_on").unwrap_or_default(),
        attendees: d.get("cg_attendees").into(),
        decisions: d.get("decisions").into(),
        absent_views: d.get("absent_views").into(),
        late_reason: d.get("cg_late_reason").into(),
    };
    let r = async {
        let id = id_of(&d, "plan_id")?;
        state
            .app
            .record_core_group(&user, person.pid, id, &input)
            .await
    }
    .await;
    after(
        &state,
        &user,
        &person,
        &d,
        "plans",
        &[
            ("attendees", "cg_attendees"),
            ("late_reason", "cg_late_reason"),
        ],
        r,
    )
    .await
}

pub async fn visit(
    State(state): State<AppState>,
    PageUser(user): PageUser,
    person: PersonPath,
    body: Bytes,
) -> Response {
    let d = FormData::parse(&body);
    let seen = d.all("visit_seen");
    let input = CpVisitInput {
        visited_on: d.date("visited_on").unwrap_or_default(),
        child_seen: seen.iter().any(|s| s == "child_seen"),
        seen_alone: seen.iter().any(|s| s == "seen_alone"),
        bedroom_seen: seen.iter().any(|s| s == "bedroom_seen"),
        home_conditions: d.get("home_conditions").into(),
        who_present: d.get("who_present").into(),
        notes: d.get("visit_notes").into(),
        late_reason: d.get("visit_late_reason").into(),
    };
    let r = state.app.record_cp_visit(&user, person.pid, &input).await;
    after(
        &state,
        &user,
        &person,
        &d,
        "visits",
        &[
            ("seen_alone", "visit_seen"),
            ("notes", "visit_notes"),
            ("late_reason", "visit_late_reason"),
        ],
        r,
    )
    .await
}

pub async fn discontinuation(
    State(state): State<AppState>,
    PageUser(user): PageUser,
    person: PersonPath,
    body: Bytes,
) -> Response {
    let d = FormData::parse(&body);
    let input = DiscontinueInput {
        reason: d.get("fact_reason").into(),
        ended_on: d.date("ended_on").unwrap_or_default(),
        evidence: d.get("evidence").into(),
    };
    let r = async {
        let id = id_of(&d, "plan_id")?;
        state
            .app
            .discontinue_plan(&user, person.pid, id, &input)
            .await
    }
    .await;
    after(
        &state,
        &user,
        &person,
        &d,
        "plans",
        &[("reason", "fact_reason")],
        r,
    )
    .await
}

pub async fn early_review(
    State(state): State<AppState>,
    PageUser(user): PageUser,
    person: PersonPath,
    body: Bytes,
) -> Response {
    let d = FormData::parse(&body);
    let input = EarlyReviewInput {
        reason: d.get("early_reason").into(),
        review_on: d.date("early_on").unwrap_or_default(),
        detail: d.get("early_detail").into(),
    };
    let r = async {
        let id = id_of(&d, "plan_id")?;
        state
            .app
            .bring_review_forward(&user, person.pid, id, &input)
            .await
    }
    .await;
    after(
        &state,
        &user,
        &person,
        &d,
        "conferences",
        &[
            ("reason", "early_reason"),
            ("review_on", "early_on"),
            ("detail", "early_detail"),
        ],
        r,
    )
    .await
}

pub async fn circulated(
    State(state): State<AppState>,
    PageUser(user): PageUser,
    person: PersonPath,
    body: Bytes,
) -> Response {
    let d = FormData::parse(&body);
    let input = CirculatedInput::default();
    let r = async {
        let id = id_of(&d, "conference_id")?;
        state
            .app
            .record_circulation(&user, person.pid, id, &input)
            .await
    }
    .await;
    after(&state, &user, &person, &d, "conferences", &[], r).await
}
