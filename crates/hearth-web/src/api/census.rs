//! The JSON API for the CIN census return: the XML download, the readiness list, and the reasons
//! for a child's census queries.

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use hearth_app::returns::census_check::{QueryReasonInput, ReadinessView};
use hearth_domain::ids::PersonId;
use serde::Deserialize;

use crate::api::front_door::{reply, uuid_of};
use crate::api::json::ApiJson;
use crate::auth::ApiUser;
use crate::errors::{api_error, Problem};
use crate::tri;
use crate::AppState;

#[utoipa::path(get, path = "/api/v1/census/{year}/return.xml", params(("year" = i32, Path, description = "The year of the reference date (31 March)")),
    responses((status = 200, content_type = "application/xml", description = "The DfE CIN census XML, streamed"), (status = 400, body = Problem), (status = 403, body = Problem)), security(("bearer" = [])))]
pub async fn export(
    State(s): State<AppState>,
    ApiUser(p): ApiUser,
    Path(year): Path<i32>,
) -> Response {
    match crate::census_download::download(&s.app, &p, year).await {
        Ok(r) => r,
        Err(e) => api_error(e),
    }
}

/// Which census year.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
pub struct YearQuery {
    /// The year of the reference date (31 March); the year under way when left out.
    pub year: Option<i32>,
}

#[utoipa::path(get, path = "/api/v1/census/readiness", params(YearQuery),
    responses((status = 200, body = ReadinessView), (status = 400, body = Problem), (status = 403, body = Problem)), security(("bearer" = [])))]
pub async fn readiness(
    State(s): State<AppState>,
    ApiUser(p): ApiUser,
    Query(q): Query<YearQuery>,
) -> Response {
    reply(StatusCode::OK, s.app.census_readiness(&p, q.year).await)
}

#[utoipa::path(post, path = "/api/v1/people/{id}/census-queries", params(("id" = String, Path)),
    request_body = QueryReasonInput,
    responses((status = 204), (status = 400, body = Problem), (status = 404, body = Problem)), security(("bearer" = [])))]
pub async fn explain(
    State(s): State<AppState>,
    ApiUser(p): ApiUser,
    Path(id): Path<String>,
    ApiJson(input): ApiJson<QueryReasonInput>,
) -> Response {
    let id = tri!(uuid_of(&id));
    match s.app.explain_census_query(&p, PersonId(id), &input).await {
        Ok(()) => StatusCode::NO_CONTENT.into_response(),
        Err(e) => api_error(e),
    }
}
