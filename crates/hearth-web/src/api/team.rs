//! The team view for managers: caseloads, reassignment, cover and FTE.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use hearth_app::casework::team::{CoverInput, FteInput, ReassignInput, TeamView};

use crate::api::front_door::{reply, uuid_of};
use crate::api::json::ApiJson;
use crate::auth::ApiUser;
use crate::tri;
use crate::AppState;

type Problem = crate::errors::Problem;

#[utoipa::path(get, path = "/api/v1/team",
    responses((status = 200, body = TeamView), (status = 403, body = Problem)), security(("bearer" = [])))]
pub async fn view(State(s): State<AppState>, ApiUser(p): ApiUser) -> Response {
    reply(StatusCode::OK, s.app.team_view(&p).await)
}

#[utoipa::path(post, path = "/api/v1/team/reassignments", request_body = ReassignInput,
    responses((status = 200, body = TeamView), (status = 400, body = Problem), (status = 403, body = Problem)), security(("bearer" = [])))]
pub async fn reassign(
    State(s): State<AppState>,
    ApiUser(p): ApiUser,
    ApiJson(input): ApiJson<ReassignInput>,
) -> Response {
    reply(StatusCode::OK, s.app.reassign(&p, &input).await)
}

#[utoipa::path(post, path = "/api/v1/team/cover", request_body = CoverInput,
    responses((status = 200, body = TeamView), (status = 400, body = Problem), (status = 403, body = Problem)), security(("bearer" = [])))]
pub async fn cover(
    State(s): State<AppState>,
    ApiUser(p): ApiUser,
    ApiJson(input): ApiJson<CoverInput>,
) -> Response {
    reply(StatusCode::OK, s.app.record_cover(&p, &input).await)
}

#[utoipa::path(put, path = "/api/v1/team/members/{user}/fte", params(("user" = String, Path)), request_body = FteInput,
    responses((status = 200, body = TeamView), (status = 400, body = Problem), (status = 403, body = Problem)), security(("bearer" = [])))]
pub async fn fte(
    State(s): State<AppState>,
    ApiUser(p): ApiUser,
    Path(user): Path<String>,
    ApiJson(input): ApiJson<FteInput>,
) -> Response {
    let user = tri!(uuid_of(&user));
    reply(StatusCode::OK, s.app.set_fte(&p, user, &input).await)
}
