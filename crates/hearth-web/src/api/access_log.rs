//! A person's access log over JSON and as CSV (managers and information governance), filtered by
//! date, user and kind of access; at most [`LIMIT`] rows, newest first, with a header saying when
//! there were more.

use axum::extract::{Path, RawQuery, State};
use axum::http::{header, HeaderName, HeaderValue};
use axum::response::{IntoResponse, Response};
use axum::Json;
use hearth_app::people::access_log::{AccessLog, AccessLogQuery, AccessLogUse, LIMIT};

use crate::access_log::{to_csv, AccessEntry};
use crate::api::people::{id_of, query};
use crate::auth::ApiUser;
use crate::errors::api_error;
use crate::tri;
use crate::AppState;

type Problem = crate::errors::Problem;

/// Sent (with the limit) when more rows matched than were returned: narrow the filter.
pub const LIMIT_REACHED: HeaderName = HeaderName::from_static("hearth-limit-reached");

fn entries(log: AccessLog, id: &str) -> (Vec<AccessEntry>, bool) {
    let rows = log
        .rows
        .into_iter()
        .map(|r| AccessEntry::new(r, id))
        .collect();
    (rows, log.limit_reached)
}

fn with_limit(mut r: Response, reached: bool) -> Response {
    if reached {
        r.headers_mut()
            .insert(LIMIT_REACHED, HeaderValue::from(LIMIT));
    }
    r
}

#[utoipa::path(get, path = "/api/v1/people/{id}/access-log", params(("id" = String, Path), AccessLogQuery),
    responses((status = 200, body = [AccessEntry], headers(("hearth-limit-reached" = usize, description = "Present when more rows matched than the limit returned"))),
        (status = 400, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)), security(("bearer" = [])))]
pub async fn access_log(
    State(state): State<AppState>,
    ApiUser(p): ApiUser,
    Path(id): Path<String>,
    RawQuery(raw): RawQuery,
) -> Response {
    let pid = tri!(id_of(&id));
    let q: AccessLogQuery = tri!(query(raw));
    match state
        .app
        .person_access_log(&p, pid, &q, AccessLogUse::Read)
        .await
    {
        Ok(log) => {
            let (rows, reached) = entries(log, &pid.to_string());
            with_limit(Json(rows).into_response(), reached)
        }
        Err(e) => api_error(e),
    }
}

/// The CSV download, as the page's link and the API both serve it.
pub fn csv_response(log: AccessLog, id: &str) -> Response {
    let (rows, reached) = entries(log, id);
    with_limit(
        (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
                (
                    header::CONTENT_DISPOSITION,
                    "attachment; filename=\"access-log.csv\"",
                ),
            ],
            to_csv(&rows),
        )
            .into_response(),
        reached,
    )
}

#[utoipa::path(get, path = "/api/v1/people/{id}/access-log.csv", params(("id" = String, Path), AccessLogQuery),
    responses((status = 200, content_type = "text/csv", body = String), (status = 400, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)),
    security(("bearer" = [])))]
pub async fn access_log_csv(
    State(state): State<AppState>,
    ApiUser(p): ApiUser,
    Path(id): Path<String>,
    RawQuery(raw): RawQuery,
) -> Response {
    let pid = tri!(id_of(&id));
    let q: AccessLogQuery = tri!(query(raw));
    match state
        .app
        .person_access_log(&p, pid, &q, AccessLogUse::Export)
        .await
    {
        Ok(log) => csv_response(log, &pid.to_string()),
        Err(e) => api_error(e),
    }
}
