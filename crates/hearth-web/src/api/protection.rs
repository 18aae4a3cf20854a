//! Strategy discussions: asked for during an assessment or on an open case, read, and recorded
//! as held.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use hearth_app::protection::types::{DiscussionView, HeldInput, RequestDiscussionInput};
use hearth_domain::ids::PersonId;

use crate::api::front_door::{reply, uuid_of};
use crate::api::json::ApiJson;

type Problem = crate::errors::Problem;
use crate::auth::ApiUser;
use crate::tri;
use crate::AppState;

#[utoipa::path(post, path = "/api/v1/strategy-discussions", request_body = RequestDiscussionInput,
    responses((status = 201, body = DiscussionView), (status = 400, body = Problem), (status = 409, body = Problem)), security(("bearer" = [])))]
pub async fn request(
    State(s): State<AppState>,
    ApiUser(p): ApiUser,
    ApiJson(input): ApiJson<RequestDiscussionInput>,
) -> Response {
    reply(
        StatusCode::CREATED,
        s.app.request_strategy_discussion(&p, &input).await,
    )
}

#[utoipa::path(get, path = "/api/v1/strategy-discussions/{id}", params(("id" = String, Path)),
    responses((status = 200, body = DiscussionView), (status = 404, body = Problem)), security(("bearer" = [])))]
pub async fn show(
    State(s): State<AppState>,
    ApiUser(p): ApiUser,
    Path(id): Path<String>,
) -> Response {
    let id = tri!(uuid_of(&id));
    reply(StatusCode::OK, s.app.view_strategy_discussion(&p, id).await)
}

#[utoipa::path(post, path = "/api/v1/strategy-discussions/{id}/held", params(("id" = String, Path)), request_body = HeldInput,
    responses((status = 200, body = DiscussionView), (status = 400, body = Problem), (status = 409, body = Problem)), security(("bearer" = [])))]
pub async fn held(
    State(s): State<AppState>,
    ApiUser(p): ApiUser,
    Path(id): Path<String>,
    ApiJson(input): ApiJson<HeldInput>,
) -> Response {
    let id = tri!(uuid_of(&id));
    reply(
        StatusCode::OK,
        s.app.record_strategy_discussion_held(&p, id, &input).await,
    )
}

#[utoipa::path(get, path = "/api/v1/people/{id}/strategy-discussions", params(("id" = String, Path)),
    responses((status = 200, body = [DiscussionView]), (status = 404, body = Problem)), security(("bearer" = [])))]
pub async fn of_person(
    State(s): State<AppState>,
    ApiUser(p): ApiUser,
    Path(id): Path<String>,
) -> Response {
    let id = tri!(uuid_of(&id));
    reply(
        StatusCode::OK,
        s.app.strategy_discussions_of(&p, PersonId(id)).await,
    )
}

#[utoipa::path(post, path = "/api/v1/strategy-discussions/{id}/actions/{action}/done", params(("id" = String, Path), ("action" = String, Path)),
    responses((status = 200, body = DiscussionView), (status = 404, body = crate::errors::Problem)), security(("bearer" = [])))]
pub async fn action_done(
    State(s): State<AppState>,
    ApiUser(p): ApiUser,
    Path((id, action)): Path<(String, String)>,
) -> Response {
    let id = tri!(uuid_of(&id));
    let action = tri!(uuid_of(&action));
    reply(
        StatusCode::OK,
        s.app.complete_strategy_action(&p, id, action).await,
    )
}
