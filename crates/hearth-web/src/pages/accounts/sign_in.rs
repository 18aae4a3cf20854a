//! Signing in and out. The sign-in form carries a double-submit token because no session exists yet.

use axum::body::Bytes;
use axum::extract::{ConnectInfo, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use hearth_app::accounts::auth::random_token;
use hearth_app::AppError;
use hearth_domain::errors::ValidationErrors;
use maud::html;

use crate::auth::{clear_session_cookie, cookie, session_cookie, PageUser, PRESESSION_COOKIE};
use crate::csrf::same_token;
use crate::forms::{FormData, Input};
use crate::layout::{error_summary, page, Page};
use crate::AppState;

#[derive(serde::Deserialize)]
pub struct Next {
    next: Option<String>,
}

/// Where to go after signing in: a same-origin path from a small grammar (segments of letters,
/// digits and `-._~`, joined by single slashes, no `.`/`..` segment, at most 200 characters).
/// Anything else, a scheme, `//host`, a backslash, a tab or a line break included, goes home.
pub fn safe_next(n: Option<&str>) -> String {
    let ok = |n: &str| {
        let Some(rest) = n.strip_prefix('/') else {
            return false;
        };
        n.len() <= 200
            && (rest.is_empty()
                || rest.trim_end_matches('/').split('/').all(|seg| {
                    !seg.is_empty()
                        && seg != "."
                        && seg != ".."
                        && seg
                            .bytes()
                            .all(|b| b.is_ascii_alphanumeric() || b"-._~".contains(&b))
                }))
            && !rest.ends_with("//")
    };
    match n {
        Some(n) if ok(n) => n.to_string(),
        _ => "/".to_string(),
    }
}

pub async fn home(PageUser(user): PageUser) -> Redirect {
    Redirect::to(match user.user.role {
        hearth_domain::role::Role::PartnerReferrer => "/referral-forms",
        hearth_domain::role::Role::FrontDoor => "/front-door",
        // Social workers and managers land on what is due.
        hearth_domain::role::Role::SocialWorker
        | hearth_domain::role::Role::TeamManager
        | hearth_domain::role::Role::ServiceManager => "/my-work",
        _ => "/people",
    })
}

fn render(
    state: &AppState,
    form: &FormData,
    errs: &ValidationErrors,
    status: StatusCode,
) -> Response {
    let token = random_token();
    let body = page(
        Page {
            title: "Sign in",
            user: None,
            council: &state.council_name,
            section: "",
            has_errors: !errs.is_empty(),
        },
        html! {
            div class="govuk-grid-row" {
                div class="govuk-grid-column-two-thirds" {
                    (error_summary(errs, |f| f.to_string()))
                    h1 class="govuk-heading-l" { "Sign in to Hearth" }
                    form method="post" action="/sign-in" novalidate {
                        input type="hidden" name="_presession" value=(token);
                        input type="hidden" name="next" value=(safe_next(Some(form.get("next"))));
                        (Input::new("email", "Email address").kind("email").autocomplete("username").render(form, errs))
                        (Input::new("password", "Password").kind("password").autocomplete("current-password").render(&FormData::default(), errs))
                        button type="submit" class="govuk-button" data-module="govuk-button" { "Sign in" }
                    }
                }
            }
        },
    );
    let secure = if state.behind_tls { "; Secure" } else { "" };
    let cookie =
        format!("{PRESESSION_COOKIE}={token}; Path=/sign-in; HttpOnly; SameSite=Strict{secure}");
    (
        status,
        [(header::SET_COOKIE, cookie)],
        Html(body.into_string()),
    )
        .into_response()
}

pub async fn form(State(state): State<AppState>, Query(q): Query<Next>) -> Response {
    let mut f = FormData::default();
    f.set("next", safe_next(q.next.as_deref()));
    render(&state, &f, &ValidationErrors::default(), StatusCode::OK)
}

pub async fn submit(
    State(state): State<AppState>,
    ConnectInfo(addr): ConnectInfo<std::net::SocketAddr>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let form = FormData::parse(&body);
    let pre_ok = cookie(&headers, PRESESSION_COOKIE)
        .is_some_and(|c| same_token(&c, form.get("_presession")));
    if !pre_ok {
        let errs = ValidationErrors::single(
            "email",
            "stale_form",
            "The sign-in page had expired. Enter your email address and password again",
        );
        return render(&state, &form, &errs, StatusCode::BAD_REQUEST);
    }
    let mut errs = ValidationErrors::default();
    if form.get("email").trim().is_empty() {
        errs.add("email", "required", "Enter your email address");
    }
    if form.get("password").is_empty() {
        errs.add("password", "required", "Enter your password");
    }
    if !errs.is_empty() {
        return render(&state, &form, &errs, StatusCode::BAD_REQUEST);
    }
    match state
        .app
        .sign_in(
            form.get("email"),
            form.get("password"),
            &state.client_address.of(addr, &headers).to_string(),
        )
        .await
    {
        Ok(s) => (
            [(
                header::SET_COOKIE,
                session_cookie(&s.token, state.behind_tls),
            )],
            Redirect::to(&safe_next(Some(form.get("next")))),
        )
            .into_response(),
        Err(AppError::Validation(errs)) => render(&state, &form, &errs, StatusCode::BAD_REQUEST),
        Err(AppError::Throttled) => {
            let errs = ValidationErrors::single(
                "email",
                "too_many_attempts",
                "Too many failed attempts to sign in. Wait 15 minutes and try again",
            );
            render(&state, &form, &errs, StatusCode::TOO_MANY_REQUESTS)
        }
        Err(AppError::Unauthenticated) => {
            let errs = ValidationErrors::single(
                "email",
                "wrong_credentials",
                "Enter a correct email address and password",
            );
            render(&state, &form, &errs, StatusCode::UNAUTHORIZED)
        }
        Err(e) => crate::errors::page_error(e),
    }
}

pub async fn sign_out(State(state): State<AppState>, PageUser(p): PageUser) -> Response {
    if let Err(e) = state.app.sign_out(&p).await {
        return crate::errors::page_error(e);
    }
    (
        [(header::SET_COOKIE, clear_session_cookie())],
        Redirect::to("/sign-in"),
    )
        .into_response()
}
