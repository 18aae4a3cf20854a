//! Letters telling everyone involved that the child in need plan has ended, and why (seed 001:
//! "parents and professionals need to be informed in writing that the plan has ended and the
//! reasons why"), one per person the ending names, ready to print.

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
    let Some(id) = q.plan.as_deref().and_then(|p| p.parse::<Uuid>().ok()) else {
        return page_error(AppError::NotFound);
    };
    let v = match state.app.cin_plans_of(&user, person.pid).await {
        Ok(v) => v,
        Err(e) => return page_error(e),
    };
    let Some(p) = v.plans.iter().find(|p| p.plan.id == id) else {
        return page_error(AppError::NotFound);
    };
    let Some(ending) = &p.plan.ending else {
        return page_error(AppError::Conflict(
            "The plan has not ended: there are no letters to print".into(),
        ));
    };
    let lead = p
        .plan
        .details
        .as_ref()
        .map(|d| d.lead_professional.name.clone())
        .unwrap_or_default();
    let body = html! {
        (DOCTYPE)
        html lang="en" class="govuk-template" {
            head { meta charset="utf-8"; title { "The child in need plan has ended – " (state.council_name) } link rel="stylesheet" href="/assets/hearth.css"; }
            body class="govuk-template__body" {
                main class="govuk-width-container govuk-main-wrapper" id="main-content" {
                    h1 class="govuk-heading-l" { "Letters: the child in need plan has ended" }
                    @if ending.told_in_writing.is_empty() { p class="govuk-body" { "Nobody was named to be told in writing." } }
                    @for to in &ending.told_in_writing {
                        section class="govuk-!-margin-bottom-9" {
                            p class="govuk-body" { (state.council_name) " – Children's social care" }
                            p class="govuk-body" { "To: " (to) }
                            h2 class="govuk-heading-m" { "The child in need plan has ended" }
                            p class="govuk-body" { "The plan ended on " (format_date(ending.ended_on)) ": " (ending.end_reason.text()) "." }
                            p class="govuk-body" { (ending.reasons) }
                            @if let Some(h) = &ending.handover {
                                p class="govuk-body" { "Support carries on with early help: " (h.early_help_worker) @if let Some(on) = h.introduced_on { ", who met the family on " (format_date(on)) } "." }
                            }
                            p class="govuk-body" { "If you have any questions, or things change, please contact " @if lead.is_empty() { "the social worker" } @else { (lead) } "." }
                        }
                    }
                }
            }
        }
    };
    Html(body.into_string()).into_response()
}
