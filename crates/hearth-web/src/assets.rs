//! GOV.UK Frontend styles, script and images, embedded at build time (built by
//! `scripts/build-assets` from the `govuk-frontend` npm package with a system font stack).

use axum::extract::Path;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;

use crate::AppState;

const CSS: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/assets/build/hearth.css"
));
const JS: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/assets/build/govuk-frontend.min.js"
));
const HEARTH_JS: &[u8] = include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/assets/hearth.js"));

pub fn routes() -> Router<AppState> {
    Router::new().route("/assets/{*path}", get(asset))
}

async fn asset(Path(path): Path<String>) -> Response {
    let (body, kind) = match path.as_str() {
        "hearth.css" => (CSS, "text/css; charset=utf-8"),
        "govuk-frontend.min.js" => (JS, "text/javascript; charset=utf-8"),
        "hearth.js" => (HEARTH_JS, "text/javascript; charset=utf-8"),
        _ => return StatusCode::NOT_FOUND.into_response(),
    };
    (
        [
            (header::CONTENT_TYPE, kind),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        body,
    )
        .into_response()
}
