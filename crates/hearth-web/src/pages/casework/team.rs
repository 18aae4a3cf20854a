//! The team view for managers: caseloads with FTE, overdue work by worker, what awaits
//! authorisation, the team's cases with their last management oversight; moving a worker's
//! children to another worker; cover while a worker is away.

use axum::body::Bytes;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use hearth_app::accounts::auth::Principal;
use hearth_app::casework::team::{CoverInput, ReassignInput, TeamView};
use hearth_app::AppError;
use hearth_domain::errors::ValidationErrors;
use hearth_domain::uk_time::format_uk;
use maud::html;

use crate::auth::PageUser;
use crate::errors::page_error;
use crate::forms::{anchor_for, csrf, date_input, select, FormData};
use crate::layout::{data_table, error_summary};
use crate::pages::render;
use crate::AppState;

fn page(
    state: &AppState,
    user: &Principal,
    v: &TeamView,
    d: &FormData,
    errs: &ValidationErrors,
) -> Response {
    let workers: Vec<(String, String)> =
        std::iter::once((String::new(), "Choose a worker".to_string()))
            .chain(v.workers.iter().map(|w| (w.id.to_string(), w.name.clone())))
            .collect();
    let opts: Vec<(&str, &str)> = workers
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    let content = html! {
        (error_summary(errs, anchor_for(&["from", "to"])))
        span class="govuk-caption-l" { (v.team) }
        h1 class="govuk-heading-l" { "Team view" }
        (data_table("Caseload by worker", &["Worker", "Children", "FTE", "Children per FTE", "Overdue tasks", "Covered by"], html! {
            @for w in &v.workers {
                tr class="govuk-table__row" {
                    td class="govuk-table__cell" { (w.name) }
                    td class="govuk-table__cell" { (w.children) }
                    td class="govuk-table__cell" { (w.fte) }
                    td class="govuk-table__cell" { (w.children_per_fte) }
                    td class="govuk-table__cell" { @if w.overdue > 0 { strong class="govuk-tag govuk-tag--red" { (w.overdue) } } @else { "0" } }
                    td class="govuk-table__cell" { (w.covered_by.clone().unwrap_or_default()) }
                }
            }
        }))
        h2 class="govuk-heading-m" { "Awaiting authorisation (" (v.awaiting_authorisation.len()) ")" }
        ul class="govuk-list" {
            @for a in &v.awaiting_authorisation {
                li { a class="govuk-link" href=(a.link) { "Authorise the assessment for " (a.child) } @if let Some(t) = a.since { " (submitted " (format_uk(t)) ")" } }
            }
        }
        p class="govuk-body" { (v.unallocated) " children are waiting to be allocated. " a class="govuk-link" href="/allocations" { "Allocate work" } }
        h2 class="govuk-heading-m" { "Cases and management oversight" }
        (data_table("The team's open cases", &["Child", "Social worker", "Last management oversight"], html! {
            @for c in &v.cases {
                tr class="govuk-table__row" {
                    td class="govuk-table__cell" { a class="govuk-link" href={ "/people/" (c.child_id) } { (c.child) } }
                    td class="govuk-table__cell" { (c.worker.clone().unwrap_or_else(|| "Not allocated".into())) }
                    td class="govuk-table__cell" { @if let Some(t) = c.last_oversight { (format_uk(t)) } @else { strong class="govuk-tag govuk-tag--orange" { "None recorded" } } }
                }
            }
        }))
        h2 class="govuk-heading-m" { "Move a worker's children to another worker" }
        form method="post" action="/team/reassign" novalidate {
            (csrf(user.csrf.as_ref()))
            (select("from_worker", "From", &opts, d, errs))
            (select("to_worker", "To", &opts, d, errs))
            button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button" { "Move all their children" }
        }
        h2 class="govuk-heading-m" { "Cover while a worker is away" }
        form method="post" action="/team/cover" novalidate {
            (csrf(user.csrf.as_ref()))
            (select("absent_worker", "Who is away", &opts, d, errs))
            (select("covering_worker", "Who acts for them", &opts, d, errs))
            (date_input("from", "From", "For example, 23 11 2026", d, errs))
            (date_input("to", "To", "For example, 27 11 2026", d, errs))
            button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button" { "Record cover" }
        }
    };
    render(state, user, "Team view", "team", !errs.is_empty(), content)
}

pub async fn show(State(state): State<AppState>, PageUser(user): PageUser) -> Response {
    match state.app.team_view(&user).await {
        Ok(v) => page(
            &state,
            &user,
            &v,
            &FormData::default(),
            &ValidationErrors::default(),
        ),
        Err(e) => page_error(e),
    }
}

async fn after(
    state: &AppState,
    user: &Principal,
    d: &FormData,
    r: Result<TeamView, AppError>,
) -> Response {
    match r {
        Ok(_) => Redirect::to("/team").into_response(),
        Err(AppError::Validation(errs)) => match state.app.team_view(user).await {
            Ok(v) => page(state, user, &v, d, &errs),
            Err(e) => page_error(e),
        },
        Err(e) => page_error(e),
    }
}

pub async fn reassign(
    State(state): State<AppState>,
    PageUser(user): PageUser,
    body: Bytes,
) -> Response {
    let d = FormData::parse(&body);
    let input = ReassignInput {
        from_worker: d.get("from_worker").parse().unwrap_or_default(),
        to_worker: d.get("to_worker").parse().unwrap_or_default(),
        episodes: Vec::new(),
    };
    let r = state.app.reassign(&user, &input).await;
    after(&state, &user, &d, r).await
}

pub async fn cover(
    State(state): State<AppState>,
    PageUser(user): PageUser,
    body: Bytes,
) -> Response {
    let d = FormData::parse(&body);
    let input = CoverInput {
        absent_worker: d.get("absent_worker").parse().unwrap_or_default(),
        covering_worker: d.get("covering_worker").parse().unwrap_or_default(),
        from: d.date("from").unwrap_or_default(),
        to: d.date("to").unwrap_or_default(),
    };
    let r = state.app.record_cover(&user, &input).await;
    after(&state, &user, &d, r).await
}
