//! `GET /healthz`: the database kind and schema version.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;
use utoipa::ToSchema;

use crate::AppState;

#[derive(Serialize, ToSchema)]
pub struct Health {
    pub status: &'static str,
    /// `sqlite` or `postgres`.
    pub database: &'static str,
    pub schema_version: i64,
    pub version: &'static str,
}

#[utoipa::path(get, path = "/healthz", responses((status = 200, body = Health), (status = 503, description = "database unavailable")))]
pub async fn healthz(State(state): State<AppState>) -> Response {
    match state.app.db.schema_version().await {
        Ok(v) => Json(Health {
            status: "ok",
            database: state.app.db.kind().name(),
            schema_version: v,
            version: env!("CARGO_PKG_VERSION"),
        })
        .into_response(),
        Err(e) => {
            tracing::error!(error = %e, "health check failed");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable").into_response()
        }
    }
}
