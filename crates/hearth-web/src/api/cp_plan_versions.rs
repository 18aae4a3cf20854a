//! The JSON API for a child protection plan's outcomes and actions: a new version, its
//! circulation, and an action done.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use hearth_app::casework::plan_versions::{PlanVersionInput, VersionCirculatedInput};
use hearth_app::protection::cp_types::ChildProtectionView;
use hearth_domain::ids::PersonId;

use crate::api::front_door::{reply, uuid_of};
use crate::api::json::ApiJson;
use crate::auth::ApiUser;
use crate::errors::Problem;
use crate::tri;
use crate::AppState;

#[utoipa::path(post, path = "/api/v1/people/{id}/cp-plans/{plan}/versions", params(("id" = String, Path), ("plan" = String, Path)),
    request_body = PlanVersionInput,
    responses((status = 201, body = ChildProtectionView), (status = 400, body = Problem), (status = 409, body = Problem)), security(("bearer" = [])))]
pub async fn new_version(
    State(s): State<AppState>,
    ApiUser(p): ApiUser,
    Path((id, plan)): Path<(String, String)>,
    ApiJson(input): ApiJson<PlanVersionInput>,
) -> Response {
    let id = tri!(uuid_of(&id));
    let plan = tri!(uuid_of(&plan));
    reply(
        StatusCode::CREATED,
        s.app.amend_cp_plan(&p, PersonId(id), plan, &input).await,
    )
}

#[utoipa::path(post, path = "/api/v1/people/{id}/cp-plans/{plan}/versions/{version}/circulated", params(("id" = String, Path), ("plan" = String, Path), ("version" = i64, Path)),
    request_body = VersionCirculatedInput,
    responses((status = 200, body = ChildProtectionView), (status = 400, body = Problem), (status = 404, body = Problem)), security(("bearer" = [])))]
pub async fn version_circulated(
    State(s): State<AppState>,
    ApiUser(p): ApiUser,
    Path((id, plan, version)): Path<(String, String, String)>,
    ApiJson(input): ApiJson<VersionCirculatedInput>,
) -> Response {
    let id = tri!(uuid_of(&id));
    let plan = tri!(uuid_of(&plan));
    let Ok(version) = version.parse::<i64>() else {
        return crate::errors::api_error(hearth_app::error::AppError::NotFound);
    };
    reply(
        StatusCode::OK,
        s.app
            .circulate_cp_plan_version(&p, PersonId(id), plan, version, &input)
            .await,
    )
}

#[utoipa::path(post, path = "/api/v1/people/{id}/cp-plans/{plan}/actions/{action}/done", params(("id" = String, Path), ("plan" = String, Path), ("action" = String, Path)),
    responses((status = 200, body = ChildProtectionView), (status = 400, body = Problem), (status = 404, body = Problem)), security(("bearer" = [])))]
pub async fn action_done(
    State(s): State<AppState>,
    ApiUser(p): ApiUser,
    Path((id, plan, action)): Path<(String, String, String)>,
) -> Response {
    let id = tri!(uuid_of(&id));
    let plan = tri!(uuid_of(&plan));
    let action = tri!(uuid_of(&action));
    reply(
        StatusCode::OK,
        s.app
            .cp_plan_action_done(&p, PersonId(id), plan, action)
            .await,
    )
}
