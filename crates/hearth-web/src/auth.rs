//! Who is asking: a session cookie (pages, and the API from a browser) or a bearer token (API).
//! Resolved once per request by [`crate::csrf::verify`] and read by the extractors here.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{header, HeaderMap};
use axum::response::{IntoResponse, Redirect, Response};
use hearth_app::accounts::auth::Principal;

use crate::errors::problem;

pub const SESSION_COOKIE: &str = "hearth_session";
pub const PRESESSION_COOKIE: &str = "hearth_presession";

/// The value of a cookie in the request.
pub fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_string())
}

/// The token of an `Authorization: Bearer …` header; the scheme is case-insensitive (RFC 9110).
pub fn bearer(headers: &HeaderMap) -> Option<String> {
    let v = headers.get(header::AUTHORIZATION)?.to_str().ok()?.trim();
    let (scheme, token) = v.split_once(' ')?;
    let token = token.trim();
    (scheme.eq_ignore_ascii_case("bearer") && !token.is_empty()).then(|| token.to_string())
}

pub fn session_cookie(token: &str, secure: bool) -> String {
    let secure = if secure { "; Secure" } else { "" };
    format!("{SESSION_COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax{secure}")
}

pub fn clear_session_cookie() -> String {
    format!("{SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0")
}

/// The principal resolved for this request, if any (set by the middleware).
#[derive(Clone)]
pub struct Resolved(pub Option<Principal>);

/// A signed-in user on a page; otherwise the browser goes to the sign-in page.
pub struct PageUser(pub Principal);

impl<S: Send + Sync> FromRequestParts<S> for PageUser {
    type Rejection = Response;
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        match parts.extensions.get::<Resolved>().and_then(|r| r.0.clone()) {
            Some(p) => Ok(PageUser(p)),
            None => {
                let next = if parts.method == axum::http::Method::GET {
                    parts.uri.path().to_string()
                } else {
                    "/people".to_string()
                };
                let next = if next.starts_with('/') && !next.starts_with("//") {
                    next
                } else {
                    "/people".into()
                };
                Err(Redirect::to(&format!("/sign-in?next={}", urlencode(&next))).into_response())
            }
        }
    }
}

/// A signed-in user of the API; otherwise 401 problem+json.
pub struct ApiUser(pub Principal);

impl<S: Send + Sync> FromRequestParts<S> for ApiUser {
    type Rejection = Response;
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        match parts.extensions.get::<Resolved>().and_then(|r| r.0.clone()) {
            Some(p) => Ok(ApiUser(p)),
            None => Err(problem(
                axum::http::StatusCode::UNAUTHORIZED,
                "unauthenticated",
                "Sign in, or send a bearer token in the Authorization header",
                vec![],
            )),
        }
    }
}

/// Percent-encodes a path for a query string.
pub fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}
