//! Administration: users (add, disable) and, for information governance, the audit log.

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use hearth_app::accounts::auth::Principal;
use hearth_app::accounts::users::NewUser;
use hearth_app::AppError;
use hearth_domain::errors::ValidationErrors;
use hearth_domain::ids::UserId;
use hearth_domain::role::Role;
use hearth_domain::uk_time::format_uk;
use maud::html;

use crate::auth::PageUser;
use crate::forms::{csrf, select, FormData, Input};
use crate::layout::{data_table, error_summary};
use crate::pages::render;
use crate::AppState;

async fn users_page(
    state: &AppState,
    user: &Principal,
    f: &FormData,
    errs: &ValidationErrors,
) -> Response {
    let users = match state.app.list_users(user).await {
        Ok(u) => u,
        Err(e) => return crate::errors::page_error(e),
    };
    let roles: Vec<(&str, &str)> = Role::ALL.iter().map(|r| (r.code(), r.label())).collect();
    let content = html! {
        (error_summary(errs, |f| f.to_string()))
        h1 class="govuk-heading-l" { "Users" }
        (data_table("Users", &["Name", "Email", "Role", "Team", "API tokens", "Status"], html! {
                @for u in &users {
                    tr class="govuk-table__row" {
                        td class="govuk-table__cell" { (u.name) }
                        td class="govuk-table__cell" { (u.email) }
                        td class="govuk-table__cell" { (u.role.label()) }
                        td class="govuk-table__cell" { (u.team_name) }
                        td class="govuk-table__cell" { a class="govuk-link" href={ "/admin/users/" (u.id) "/tokens" } { "API tokens" span class="govuk-visually-hidden" { " of " (u.name) } } }
                        td class="govuk-table__cell" {
                            @if u.disabled { strong class="govuk-tag govuk-tag--grey" { "Disabled" } }
                            @else if u.id != user.user.id {
                                form method="post" action={ "/admin/users/" (u.id) "/disable" } {
                                    (csrf(user.csrf.as_ref()))
                                    button type="submit" class="govuk-button govuk-button--warning govuk-!-margin-bottom-0" data-module="govuk-button" { "Disable " span class="govuk-visually-hidden" { (u.name) } }
                                }
                            } @else { "Active (you)" }
                        }
                    }
                }
            }))
        h2 class="govuk-heading-m" { "Add a user" }
        form method="post" action="/admin/users" novalidate {
            (csrf(user.csrf.as_ref()))
            (Input::new("name", "Full name").render(f, errs))
            (Input::new("email", "Email address").kind("email").render(f, errs))
            (select("role", "Role", &roles, f, errs))
            (Input::new("team", "Team").render(f, errs))
            (Input::new("password", "First password").kind("password").hint("At least 12 characters. Give it to the user securely").autocomplete("new-password").render(&FormData::default(), errs))
            button type="submit" class="govuk-button" data-module="govuk-button" { "Add user" }
        }
    };
    render(state, user, "Users", "admin", !errs.is_empty(), content)
}

pub async fn users(State(state): State<AppState>, PageUser(user): PageUser) -> Response {
    users_page(
        &state,
        &user,
        &FormData::default(),
        &ValidationErrors::default(),
    )
    .await
}

pub async fn add_user(
    State(state): State<AppState>,
    PageUser(user): PageUser,
    body: Bytes,
) -> Response {
    let f = FormData::parse(&body);
    let n = NewUser {
        name: f.get("name").into(),
        email: f.get("email").into(),
        role: f.get("role").into(),
        team: f.get("team").into(),
        password: f.get("password").into(),
    };
    match state.app.add_user(Some(&user), &n).await {
        Ok(_) => Redirect::to("/admin/users").into_response(),
        Err(AppError::Validation(errs)) => users_page(&state, &user, &f, &errs).await,
        Err(e) => crate::errors::page_error(e),
    }
}

pub async fn disable_user(
    State(state): State<AppState>,
    PageUser(user): PageUser,
    Path(id): Path<String>,
) -> Response {
    let Ok(uid) = id.parse::<UserId>() else {
        return crate::errors::page_error(AppError::NotFound);
    };
    match state.app.set_user_disabled(&user, uid, true).await {
        Ok(()) => Redirect::to("/admin/users").into_response(),
        Err(e) => crate::errors::page_error(e),
    }
}

pub async fn audit(State(state): State<AppState>, PageUser(user): PageUser) -> Response {
    let rows = match state.app.recent_audit(&user, 500).await {
        Ok(r) => r,
        Err(e) => return crate::errors::page_error(e),
    };
    let content = html! {
        h1 class="govuk-heading-l" { "Audit log" }
        p class="govuk-body" { "The newest 500 entries. The log is append-only: no one can change or delete an entry." }
        (data_table("Audit log", &["When", "Who", "What", "Record", "Outcome"], html! {
                @for r in &rows {
                    tr class="govuk-table__row" {
                        td class="govuk-table__cell" { (format_uk(r.at)) }
                        td class="govuk-table__cell" { (r.user_name.clone().unwrap_or_else(|| "—".into())) }
                        td class="govuk-table__cell" { (super::audit_words::action(&r.action)) }
                        td class="govuk-table__cell" {
                            @if r.record_type == "person" { @if let Some(id) = &r.record_id { a class="govuk-link" href={ "/people/" (id) } { "Person " (id.get(..8).unwrap_or(id)) } } @else { "person" } }
                            @else { (r.record_type) }
                        }
                        td class="govuk-table__cell" {
                            (super::audit_words::outcome(&r.outcome))
                            @if r.outcome == "denied" { @if let Some(d) = &r.detail { ": " (d) } }
                        }
                    }
                }
            }))
    };
    render(&state, &user, "Audit log", "audit", false, content)
}
