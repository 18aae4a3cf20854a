//! Letters telling everyone invited to the initial conference that the child protection plan
//! has ended (Working Together 2018 ch.1, "Discontinuing the Child Protection Plan": those invited
//! to the initial conference are told), one per invitee, ready to print.

use axum::extract::{Query, State};
use axum::response::{Html, IntoResponse, Response};
use hearth_app::AppError;
use hearth_domain::uk_time::format_date;
use maud::{html, DOCTYPE};
use serde::Deserialize;
use uuid::Uuid;

use crate::auth::PageUser;
use crate::errors::page_error;
use crate::pages::PersonPath;
use crate::AppState;

#[derive(Deserialize)]
pub struct LetterQuery {
    plan: Option<String>,
}

pub async fn show(
    State(state): State<AppState>,
    PageUser(user): PageUser,
    person: PersonPath,
    Query(q): Query<LetterQuery>,
) -> Response {
    let Some(plan_id) = q.plan.as_deref().and_then(|p| p.parse::<Uuid>().ok()) else {
        return page_error(AppError::NotFound);
    };
    let v = match state.app.child_protection_of(&user, person.pid).await {
        Ok(v) => v,
        Err(e) => return page_error(e),
    };
    let Some(plan) = v.plans.iter().find(|p| p.plan.id == plan_id) else {
        return page_error(AppError::NotFound);
    };
    let (Some(ended), Some(reason)) = (plan.plan.ended_on, plan.plan.end_reason) else {
        return page_error(AppError::NotFound);
    };
    let initial = v
        .conferences
        .iter()
        .find(|c| c.conference.id == plan.plan.conference_id);
    let invitees = initial
        .map(|c| c.conference.invitees.clone())
        .unwrap_or_default();
    let body = html! {
        (DOCTYPE)
        html lang="en" class="govuk-template" {
            head { meta charset="utf-8"; title { "The child protection plan has ended – " (state.council_name) } link rel="stylesheet" href="/assets/hearth.css"; }
            body class="govuk-template__body" {
                main class="govuk-width-container govuk-main-wrapper" id="main-content" {
                    h1 class="govuk-heading-l" { "Letters: the child protection plan for " (v.child) " has ended" }
                    @if invitees.is_empty() { p class="govuk-body" { "Nobody was recorded as invited to the initial conference." } }
                    @for i in &invitees {
                        section class="govuk-!-margin-bottom-9" {
                            p class="govuk-body" { (state.council_name) " – Children's social care" }
                            p class="govuk-body" { "To: " (i.name) @if !i.role.is_empty() { ", " (i.role) } " (" (i.participant.text()) ")" }
                            h2 class="govuk-heading-m" { "The child protection plan for " (v.child) " has ended" }
                            p class="govuk-body" { "The plan that started on " (format_date(plan.plan.started_on)) " ended on " (format_date(ended)) ": " (reason.text()) "." }
                            @if plan.plan.cin_plan_follows == Some(true) { p class="govuk-body" { "A child in need plan follows, to keep supporting the family." } }
                            p class="govuk-body" { "You were invited to the initial child protection conference, so we are letting you know. Please contact the child's social worker, " (plan.lead_worker_name) ", with any questions." }
                        }
                    }
                }
            }
        }
    };
    Html(body.into_string()).into_response()
}
