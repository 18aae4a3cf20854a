//! API tokens in the browser: everyone sees and revokes their own (`/account/tokens`); an
//! administrator sees and revokes anyone's (`/admin/users/{id}/tokens`), e.g. one leaked from a
//! script, without disabling the user. The token itself is never shown again after it was made.

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use hearth_app::accounts::auth::Principal;
use hearth_app::AppError;
use hearth_domain::ids::UserId;
use hearth_domain::uk_time::format_uk;
use maud::html;

use crate::auth::PageUser;
use crate::forms::csrf;
use crate::layout::data_table;
use crate::pages::render;
use crate::AppState;

/// The list for `owner`; `base` is where this list lives (revocations post beneath it).
async fn list(state: &AppState, user: &Principal, owner: UserId, base: &str) -> Response {
    let tokens = match state.app.api_tokens(user, owner).await {
        Ok(t) => t,
        Err(e) => return crate::errors::page_error(e),
    };
    let own = owner == user.user.id;
    let title = if own { "Your API tokens" } else { "API tokens" };
    let content = html! {
        @if !own { a class="govuk-back-link" href="/admin/users" { "Back to users" } }
        h1 class="govuk-heading-l" { (title) }
        p class="govuk-body" { "A token lets a script use the API as its owner. Revoke one you no longer use, or one that may have been seen by someone else: it stops working at once." }
        @if tokens.is_empty() {
            p class="govuk-body" { "There are no API tokens." }
        } @else {
            (data_table(title, &["Label", "Made", "Expires", "Status"], html! {
                @for t in &tokens {
                    tr class="govuk-table__row" {
                        td class="govuk-table__cell" { (t.label) }
                        td class="govuk-table__cell" { (format_uk(t.created_at)) }
                        td class="govuk-table__cell" { (format_uk(t.expires_at)) }
                        td class="govuk-table__cell" {
                            @if let Some(at) = t.revoked_at { "Revoked " (format_uk(at)) }
                            @else {
                                form method="post" action={ (base) "/" (t.id) "/revoke" } {
                                    (csrf(user.csrf.as_ref()))
                                    button type="submit" class="govuk-button govuk-button--warning govuk-!-margin-bottom-0" data-module="govuk-button" { "Revoke " span class="govuk-visually-hidden" { (t.label) } }
                                }
                            }
                        }
                    }
                }
            }))
        }
    };
    let section = if own { "" } else { "admin" };
    render(state, user, title, section, false, content)
}

async fn revoke(
    state: &AppState,
    user: &Principal,
    owner: UserId,
    id: &str,
    back: &str,
) -> Response {
    match state.app.revoke_api_token(user, owner, id).await {
        Ok(()) => Redirect::to(back).into_response(),
        Err(e) => crate::errors::page_error(e),
    }
}

fn user_id(s: &str) -> Result<UserId, Response> {
    s.parse()
        .map_err(|_| crate::errors::page_error(AppError::NotFound))
}

pub async fn mine(State(state): State<AppState>, PageUser(user): PageUser) -> Response {
    let me = user.user.id;
    list(&state, &user, me, "/account/tokens").await
}

pub async fn revoke_mine(
    State(state): State<AppState>,
    PageUser(user): PageUser,
    Path(id): Path<String>,
) -> Response {
    let me = user.user.id;
    revoke(&state, &user, me, &id, "/account/tokens").await
}

pub async fn of_user(
    State(state): State<AppState>,
    PageUser(user): PageUser,
    Path(id): Path<String>,
) -> Response {
    match user_id(&id) {
        Ok(owner) => {
            list(
                &state,
                &user,
                owner,
                &format!("/admin/users/{owner}/tokens"),
            )
            .await
        }
        Err(r) => r,
    }
}

pub async fn revoke_of_user(
    State(state): State<AppState>,
    PageUser(user): PageUser,
    Path((id, token)): Path<(String, String)>,
) -> Response {
    match user_id(&id) {
        Ok(owner) => {
            let back = format!("/admin/users/{owner}/tokens");
            revoke(&state, &user, owner, &token, &back).await
        }
        Err(r) => r,
    }
}
