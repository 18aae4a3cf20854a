//! Hearth over HTTP: server-rendered GOV.UK Frontend pages that work without JavaScript, the JSON
//! API under `/api/v1` with its OpenAPI document, and the security around both (sessions, CSRF,
//! headers, body limits, throttling). Handlers are thin: parse, authorise, call `hearth-app`,
//! respond.

// Handlers return `Result<_, Response>`: an early answer is the idiom in axum, not a large error.
#![allow(clippy::result_large_err)]

pub mod access_log;
pub mod api;
pub mod assets;
pub mod auth;
pub mod census_download;
pub mod client;
pub mod csrf;
pub mod errors;
pub mod forms;
pub mod layout;
pub mod observe;
pub mod pages;
pub mod routes;
pub mod security;
pub mod text_input;
pub mod uniform_errors;

use axum::Router;
use hearth_app::App;

/// Shared by every handler.
#[derive(Clone)]
pub struct AppState {
    pub app: App,
    /// Shown in the header: councils are not GOV.UK.
    pub council_name: String,
    /// Set when Hearth is served behind TLS: cookies get `Secure` and HSTS is sent.
    pub behind_tls: bool,
    /// Where the client's address comes from (the TCP peer unless it is a trusted proxy).
    pub client_address: client::ClientAddress,
}

/// Largest request body accepted (form or JSON).
pub const MAX_BODY_BYTES: usize = 256 * 1024;

/// The whole application: pages, API, assets and the security layers around them.
pub fn router(state: AppState) -> Router {
    Router::new()
        .merge(pages::declare(routes::Routes::new(Some(state.clone()))).router())
        .nest("/api/v1", api::routes(&state))
        .merge(assets::routes())
        .route("/healthz", axum::routing::get(api::health::healthz))
        .route_layer(axum::middleware::from_fn(observe::record_route))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            csrf::verify,
        ))
        .layer(axum::middleware::from_fn(text_input::clean))
        // The body limit answers before the handler; the two layers outside it give that answer
        // (and every other) the uniform error shape and the security headers.
        .layer(tower_http::limit::RequestBodyLimitLayer::new(
            MAX_BODY_BYTES,
        ))
        .layer(axum::middleware::from_fn(uniform_errors::uniform))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            security::headers,
        ))
        // Outermost: every request gets an id (or keeps a trusted one), a span that every log
        // line inside it carries, and the id echoed in the response.
        .layer(observe::layers())
        .with_state(state)
}
