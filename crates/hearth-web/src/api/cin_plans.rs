//! The JSON API for child in need plans: the child's plans, starting one, a new version of its
//! outcomes and actions, visits, reviews and the ending.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use hearth_app::casework::plan_versions::{PlanVersionInput, VersionCirculatedInput};
use hearth_app::cin::meetings::CinMeetingInput;
use hearth_app::cin::types::*;
use hearth_app::protection::cp_types::CpVisitInput;
use hearth_domain::ids::PersonId;

use crate::api::front_door::{reply, uuid_of};
use crate::api::json::ApiJson;
use crate::auth::ApiUser;
use crate::errors::Problem;
use crate::tri;
use crate::AppState;

#[utoipa::path(get, path = "/api/v1/people/{id}/cin-plans", params(("id" = String, Path)),
    responses((status = 200, body = CinPlansView), (status = 404, body = Problem)), security(("bearer" = [])))]
pub async fn show(
    State(s): State<AppState>,
    ApiUser(p): ApiUser,
    Path(id): Path<String>,
) -> Response {
    let id = tri!(uuid_of(&id));
    reply(StatusCode::OK, s.app.cin_plans_of(&p, PersonId(id)).await)
}

#[utoipa::path(post, path = "/api/v1/people/{id}/cin-plans/{plan}/start", params(("id" = String, Path), ("plan" = String, Path)),
    request_body = StartCinPlanInput,
    responses((status = 200, body = CinPlansView), (status = 400, body = Problem), (status = 409, body = Problem)), security(("bearer" = [])))]
pub async fn start(
    State(s): State<AppState>,
    ApiUser(p): ApiUser,
    Path((id, plan)): Path<(String, String)>,
    ApiJson(input): ApiJson<StartCinPlanInput>,
) -> Response {
    let id = tri!(uuid_of(&id));
    let plan = tri!(uuid_of(&plan));
    reply(
        StatusCode::OK,
        s.app.start_cin_plan(&p, PersonId(id), plan, &input).await,
    )
}

#[utoipa::path(post, path = "/api/v1/people/{id}/cin-plans/{plan}/versions", params(("id" = String, Path), ("plan" = String, Path)),
    request_body = PlanVersionInput,
    responses((status = 201, body = CinPlansView), (status = 400, body = Problem), (status = 409, body = Problem)), security(("bearer" = [])))]
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
        s.app.amend_cin_plan(&p, PersonId(id), plan, &input).await,
    )
}

#[utoipa::path(post, path = "/api/v1/people/{id}/cin-plans/{plan}/visits", params(("id" = String, Path), ("plan" = String, Path)),
    request_body = CpVisitInput,
    responses((status = 201, body = CinPlansView), (status = 400, body = Problem)), security(("bearer" = [])))]
pub async fn visit(
    State(s): State<AppState>,
    ApiUser(p): ApiUser,
    Path((id, plan)): Path<(String, String)>,
    ApiJson(input): ApiJson<CpVisitInput>,
) -> Response {
    let id = tri!(uuid_of(&id));
    let plan = tri!(uuid_of(&plan));
    reply(
        StatusCode::CREATED,
        s.app.record_cin_visit(&p, PersonId(id), plan, &input).await,
    )
}

#[utoipa::path(post, path = "/api/v1/people/{id}/cin-plans/{plan}/reviews", params(("id" = String, Path), ("plan" = String, Path)),
    request_body = CinReviewInput,
    responses((status = 201, body = CinPlansView), (status = 400, body = Problem)), security(("bearer" = [])))]
pub async fn review(
    State(s): State<AppState>,
    ApiUser(p): ApiUser,
    Path((id, plan)): Path<(String, String)>,
    ApiJson(input): ApiJson<CinReviewInput>,
) -> Response {
    let id = tri!(uuid_of(&id));
    let plan = tri!(uuid_of(&plan));
    reply(
        StatusCode::CREATED,
        s.app
            .record_cin_review(&p, PersonId(id), plan, &input)
            .await,
    )
}

#[utoipa::path(post, path = "/api/v1/people/{id}/cin-plans/{plan}/ending", params(("id" = String, Path), ("plan" = String, Path)),
    request_body = EndCinPlanInput,
    responses((status = 200, body = CinPlansView), (status = 400, body = Problem), (status = 409, body = Problem)), security(("bearer" = [])))]
pub async fn ending(
    State(s): State<AppState>,
    ApiUser(p): ApiUser,
    Path((id, plan)): Path<(String, String)>,
    ApiJson(input): ApiJson<EndCinPlanInput>,
) -> Response {
    let id = tri!(uuid_of(&id));
    let plan = tri!(uuid_of(&plan));
    reply(
        StatusCode::OK,
        s.app.end_cin_plan(&p, PersonId(id), plan, &input).await,
    )
}

#[utoipa::path(post, path = "/api/v1/people/{id}/cin-plans/{plan}/planning-meeting", params(("id" = String, Path), ("plan" = String, Path)),
    request_body = hearth_domain::cin::meeting::PlanningMeeting,
    responses((status = 201, body = CinPlansView), (status = 400, body = Problem), (status = 409, body = Problem)), security(("bearer" = [])))]
pub async fn planning_meeting(
    State(s): State<AppState>,
    ApiUser(p): ApiUser,
    Path((id, plan)): Path<(String, String)>,
    ApiJson(input): ApiJson<hearth_domain::cin::meeting::PlanningMeeting>,
) -> Response {
    let id = tri!(uuid_of(&id));
    let plan = tri!(uuid_of(&plan));
    reply(
        StatusCode::CREATED,
        s.app
            .record_planning_meeting(&p, PersonId(id), plan, &input)
            .await,
    )
}

#[utoipa::path(post, path = "/api/v1/people/{id}/cin-plans/{plan}/meetings", params(("id" = String, Path), ("plan" = String, Path)),
    request_body = CinMeetingInput,
    responses((status = 201, body = CinPlansView), (status = 400, body = Problem)), security(("bearer" = [])))]
pub async fn meeting(
    State(s): State<AppState>,
    ApiUser(p): ApiUser,
    Path((id, plan)): Path<(String, String)>,
    ApiJson(input): ApiJson<CinMeetingInput>,
) -> Response {
    let id = tri!(uuid_of(&id));
    let plan = tri!(uuid_of(&plan));
    reply(
        StatusCode::CREATED,
        s.app
            .record_cin_meeting(&p, PersonId(id), plan, &input)
            .await,
    )
}

#[utoipa::path(post, path = "/api/v1/people/{id}/cin-plans/{plan}/versions/{version}/circulated", params(("id" = String, Path), ("plan" = String, Path), ("version" = i64, Path)),
    request_body = VersionCirculatedInput,
    responses((status = 200, body = CinPlansView), (status = 400, body = Problem), (status = 404, body = Problem)), security(("bearer" = [])))]
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
            .circulate_cin_plan_version(&p, PersonId(id), plan, version, &input)
            .await,
    )
}

#[utoipa::path(post, path = "/api/v1/people/{id}/cin-plans/{plan}/actions/{action}/done", params(("id" = String, Path), ("plan" = String, Path), ("action" = String, Path)),
    responses((status = 200, body = CinPlansView), (status = 400, body = Problem), (status = 404, body = Problem)), security(("bearer" = [])))]
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
            .cin_plan_action_done(&p, PersonId(id), plan, action)
            .await,
    )
}
