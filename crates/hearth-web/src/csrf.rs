//! Resolves the caller and enforces CSRF protection on every state-changing request.
//!
//! A request signed in by session cookie must carry the session's CSRF token, either in an
//! `X-CSRF-Token` header or as the `_csrf` field of a urlencoded form. Bearer-token requests carry
//! no ambient credential and need none. The sign-in form, before any session exists, uses a
//! double-submit cookie checked by its handler.

use axum::body::{to_bytes, Body};
use axum::extract::{Request, State};
use axum::http::{header, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::auth::{bearer, cookie, Resolved, SESSION_COOKIE};
use crate::errors::server_fault;
use crate::AppState;

/// Constant-time comparison of two tokens.
pub fn same_token(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

pub fn form_field(body: &[u8], name: &str) -> Option<String> {
    let pairs: Vec<(String, String)> = serde_urlencoded::from_bytes(body).ok()?;
    pairs.into_iter().find(|(k, _)| k == name).map(|(_, v)| v)
}

pub async fn verify(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let (mut parts, body) = req.into_parts();
    let mut via_cookie = false;
    let principal = if let Some(token) = bearer(&parts.headers) {
        match state.app.token_principal(&token).await {
            Ok(p) => Some(p),
            Err(hearth_app::AppError::Unauthenticated) => None,
            Err(e) => return server_fault(&e),
        }
    } else if let Some(token) = cookie(&parts.headers, SESSION_COOKIE) {
        via_cookie = true;
        match state.app.session_principal(&token).await {
            Ok(p) => Some(p),
            Err(hearth_app::AppError::Unauthenticated) => None,
            Err(e) => return server_fault(&e),
        }
    } else {
        None
    };
    let unsafe_method = !matches!(parts.method, Method::GET | Method::HEAD | Method::OPTIONS);
    let body = if unsafe_method && via_cookie && principal.is_some() {
        let bytes = match to_bytes(body, crate::MAX_BODY_BYTES).await {
            Ok(b) => b,
            // A bare 413: the uniform-errors layer gives it the API's or the page's shape.
            Err(_) => return StatusCode::PAYLOAD_TOO_LARGE.into_response(),
        };
        let expected = principal
            .as_ref()
            .and_then(|p| p.csrf.clone())
            .unwrap_or_default();
        let is_form = parts
            .headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
        let given = parts
            .headers
            .get("x-csrf-token")
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
            .or_else(|| is_form.then(|| form_field(&bytes, "_csrf")).flatten());
        if !given.is_some_and(|g| same_token(&g, &expected)) {
            return (StatusCode::FORBIDDEN, crate::layout::plain_error_page(
                "Your form could not be sent",
                "The page was out of date or did not come from Hearth. Go back, reload the page and try again.",
            ))
                .into_response();
        }
        Body::from(bytes)
    } else {
        body
    };
    parts.extensions.insert(Resolved(principal));
    next.run(Request::from_parts(parts, body)).await
}
