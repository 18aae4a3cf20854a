//! The JSON API for the child's census identity.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use hearth_app::returns::identity::{IdentityInput, IdentityView, InternalReviewInput};
use hearth_domain::ids::PersonId;

use crate::api::front_door::{reply, uuid_of};
use crate::api::json::ApiJson;
use crate::auth::ApiUser;
use crate::errors::Problem;
use crate::tri;
use crate::AppState;

#[utoipa::path(get, path = "/api/v1/people/{id}/census-identity", params(("id" = String, Path)),
    responses((status = 200, body = IdentityView), (status = 404, body = Problem)), security(("bearer" = [])))]
pub async fn show(
    State(s): State<AppState>,
    ApiUser(p): ApiUser,
    Path(id): Path<String>,
) -> Response {
    let id = tri!(uuid_of(&id));
    reply(
        StatusCode::OK,
        s.app.census_identity_of(&p, PersonId(id)).await,
    )
}

#[utoipa::path(put, path = "/api/v1/people/{id}/census-identity", params(("id" = String, Path)),
    request_body = IdentityInput,
    responses((status = 200, body = IdentityView), (status = 400, body = Problem), (status = 409, body = Problem)), security(("bearer" = [])))]
pub async fn update(
    State(s): State<AppState>,
    ApiUser(p): ApiUser,
    Path(id): Path<String>,
    ApiJson(input): ApiJson<IdentityInput>,
) -> Response {
    let id = tri!(uuid_of(&id));
    reply(
        StatusCode::OK,
        s.app.update_census_identity(&p, PersonId(id), &input).await,
    )
}

#[utoipa::path(put, path = "/api/v1/people/{id}/assessments/{assessment}/internal-review", params(("id" = String, Path), ("assessment" = String, Path)),
    request_body = InternalReviewInput,
    responses((status = 200, body = IdentityView), (status = 400, body = Problem), (status = 404, body = Problem)), security(("bearer" = [])))]
pub async fn internal_review(
    State(s): State<AppState>,
    ApiUser(p): ApiUser,
    Path((id, assessment)): Path<(String, String)>,
    ApiJson(input): ApiJson<InternalReviewInput>,
) -> Response {
    let id = tri!(uuid_of(&id));
    let assessment = tri!(uuid_of(&assessment));
    reply(
        StatusCode::OK,
        s.app
            .set_assessment_internal_review(&p, PersonId(id), assessment, &input)
            .await,
    )
}
