//! The family's copy of the child in need plan, in plain English and ready to print (seed 001:
//! "a copy of the plan should be given to the family"; seed 003 §2: a copy "provided to the
//! parents, child (if old enough) and the agencies").

use axum::extract::{Query, State};
use axum::response::{Html, IntoResponse, Response};
use hearth_app::AppError;
use hearth_domain::cin::visits::VisitFrequency;
use hearth_domain::uk_time::format_date;
use maud::{html, DOCTYPE};
use serde::Deserialize;
use uuid::Uuid;

use crate::auth::PageUser;
use crate::errors::page_error;
use crate::pages::PersonPath;
use crate::AppState;

#[derive(Deserialize)]
pub struct CopyQuery {
    plan: Option<String>,
}

pub async fn show(
    State(state): State<AppState>,
    PageUser(user): PageUser,
    person: PersonPath,
    Query(q): Query<CopyQuery>,
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
    let (Some(d), Some(started)) = (&p.plan.details, p.plan.started_on) else {
        return page_error(AppError::Conflict(
            "The plan has not been agreed yet: there is no copy to print".into(),
        ));
    };
    let content = p.versions.first().map(|x| &x.content);
    let body = html! {
        (DOCTYPE)
        html lang="en" class="govuk-template" {
            head { meta charset="utf-8"; title { "Your child in need plan – " (state.council_name) } link rel="stylesheet" href="/assets/hearth.css"; }
            body class="govuk-template__body" {
                main class="govuk-width-container govuk-main-wrapper" id="main-content" {
                    p class="govuk-body" { (state.council_name) " – Children's social care" }
                    h1 class="govuk-heading-l" { "Your child in need plan" }
                    p class="govuk-body" { "This plan started on " (format_date(started)) @if let Some(x) = p.versions.first() { ". This is version " (x.version) ", written on " (format_date(x.made_on)) } "." }
                    h2 class="govuk-heading-m" { "What the plan is for" }
                    p class="govuk-body" { (d.purpose) }
                    h2 class="govuk-heading-m" { "What your child needs, and the help that will be given" }
                    ul class="govuk-list govuk-list--bullet" { @for n in &d.needs { li { (n.need) ": " (n.services) } } }
                    @if let Some(c) = content {
                        h2 class="govuk-heading-m" { "What we want to change" }
                        ul class="govuk-list govuk-list--bullet" { @for o in &c.outcomes { li { (o.what_must_change) ". We will know because: " (o.measure) @if let Some(b) = o.by_when { " (by " (format_date(b)) ")" } } } }
                        h2 class="govuk-heading-m" { "Who will do what" }
                        ul class="govuk-list govuk-list--bullet" { @for a in &c.actions { li { (a.owner) ": " (a.action) @if let Some(b) = a.due_on { " by " (format_date(b)) } @if !a.frequency.is_empty() { " (" (a.frequency) ")" } } } }
                    }
                    h2 class="govuk-heading-m" { "What you have agreed to do" }
                    p class="govuk-body" { (d.family_agrees_to) }
                    h2 class="govuk-heading-m" { "Your lead professional" }
                    p class="govuk-body" { (d.lead_professional.name) ", " (d.lead_professional.role) ". " (d.lead_professional.duties) }
                    h2 class="govuk-heading-m" { "Visits" }
                    p class="govuk-body" { @match &d.visit_frequency {
                        VisitFrequency::ProtocolDefault => "Your lead professional will visit regularly, as our procedures set out.",
                        VisitFrequency::Stated { every_weeks } | VisitFrequency::StablePackageOfCare { every_weeks, .. } => { "Your lead professional will visit at least every " (every_weeks) " weeks." },
                    } }
                    h2 class="govuk-heading-m" { "If things change" }
                    p class="govuk-body" { (d.contingency) }
                    h2 class="govuk-heading-m" { "When the plan will be looked at again" }
                    p class="govuk-body" { (d.review_points) }
                    h2 class="govuk-heading-m" { "Who has a copy" }
                    p class="govuk-body" { (d.circulation.join(", ")) }
                }
            }
        }
    };
    Html(body.into_string()).into_response()
}
