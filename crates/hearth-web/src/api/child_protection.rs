//! The JSON API for child protection: the child's record (enquiries, conferences, plans,
//! visits), the enquiry's outcome, conferences prepared and held, core groups, statutory visits
//! and ending a plan. Every path names the child, whose record the gate checks first.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use hearth_app::protection::cp_types::*;
use hearth_domain::ids::PersonId;

use crate::api::front_door::{reply, uuid_of};
use crate::api::json::ApiJson;
use crate::auth::ApiUser;
use crate::tri;
use crate::AppState;

type Problem = crate::errors::Problem;

#[utoipa::path(get, path = "/api/v1/people/{id}/child-protection", params(("id" = String, Path)),
    responses((status = 200, body = ChildProtectionView), (status = 404, body = Problem)), security(("bearer" = [])))]
pub async fn show(
    State(s): State<AppState>,
    ApiUser(p): ApiUser,
    Path(id): Path<String>,
) -> Response {
    let id = tri!(uuid_of(&id));
    reply(
        StatusCode::OK,
        s.app.child_protection_of(&p, PersonId(id)).await,
    )
}

#[utoipa::path(post, path = "/api/v1/people/{id}/enquiries/{enquiry}/conclusion", params(("id" = String, Path), ("enquiry" = String, Path)),
    request_body = ConcludeEnquiryInput,
    responses((status = 200, body = ChildProtectionView), (status = 400, body = Problem), (status = 409, body = Problem)), security(("bearer" = [])))]
pub async fn conclude_enquiry(
    State(s): State<AppState>,
    ApiUser(p): ApiUser,
    Path((id, enquiry)): Path<(String, String)>,
    ApiJson(input): ApiJson<ConcludeEnquiryInput>,
) -> Response {
    let id = tri!(uuid_of(&id));
    let enquiry = tri!(uuid_of(&enquiry));
    reply(
        StatusCode::OK,
        s.app
            .conclude_enquiry(&p, PersonId(id), enquiry, &input)
            .await,
    )
}

#[utoipa::path(post, path = "/api/v1/people/{id}/transfer-in-conferences", params(("id" = String, Path)),
    request_body = TransferInInput,
    responses((status = 201, body = ChildProtectionView), (status = 400, body = Problem)), security(("bearer" = [])))]
pub async fn transfer_in(
    State(s): State<AppState>,
    ApiUser(p): ApiUser,
    Path(id): Path<String>,
    ApiJson(input): ApiJson<TransferInInput>,
) -> Response {
    let id = tri!(uuid_of(&id));
    reply(
        StatusCode::CREATED,
        s.app.arrange_transfer_in(&p, PersonId(id), &input).await,
    )
}

#[utoipa::path(post, path = "/api/v1/people/{id}/conferences/{conference}/preparation", params(("id" = String, Path), ("conference" = String, Path)),
    request_body = PrepareConferenceInput,
    responses((status = 200, body = ChildProtectionView), (status = 400, body = Problem), (status = 409, body = Problem)), security(("bearer" = [])))]
pub async fn prepare(
    State(s): State<AppState>,
    ApiUser(p): ApiUser,
    Path((id, conference)): Path<(String, String)>,
    ApiJson(input): ApiJson<PrepareConferenceInput>,
) -> Response {
    let id = tri!(uuid_of(&id));
    let conference = tri!(uuid_of(&conference));
    reply(
        StatusCode::OK,
        s.app
            .prepare_conference(&p, PersonId(id), conference, &input)
            .await,
    )
}

#[utoipa::path(post, path = "/api/v1/people/{id}/conferences/{conference}/held", params(("id" = String, Path), ("conference" = String, Path)),
    request_body = HoldConferenceInput,
    responses((status = 200, body = ChildProtectionView), (status = 400, body = Problem), (status = 409, body = Problem)), security(("bearer" = [])))]
pub async fn hold(
    State(s): State<AppState>,
    ApiUser(p): ApiUser,
    Path((id, conference)): Path<(String, String)>,
    ApiJson(input): ApiJson<HoldConferenceInput>,
) -> Response {
    let id = tri!(uuid_of(&id));
    let conference = tri!(uuid_of(&conference));
    reply(
        StatusCode::OK,
        s.app
            .hold_conference(&p, PersonId(id), conference, &input)
            .await,
    )
}

#[utoipa::path(post, path = "/api/v1/people/{id}/cp-plans/{plan}/core-groups", params(("id" = String, Path), ("plan" = String, Path)),
    request_body = CoreGroupInput,
    responses((status = 201, body = ChildProtectionView), (status = 400, body = Problem), (status = 409, body = Problem)), security(("bearer" = [])))]
pub async fn core_group(
    State(s): State<AppState>,
    ApiUser(p): ApiUser,
    Path((id, plan)): Path<(String, String)>,
    ApiJson(input): ApiJson<CoreGroupInput>,
) -> Response {
    let id = tri!(uuid_of(&id));
    let plan = tri!(uuid_of(&plan));
    reply(
        StatusCode::CREATED,
        s.app
            .record_core_group(&p, PersonId(id), plan, &input)
            .await,
    )
}

#[utoipa::path(post, path = "/api/v1/people/{id}/cp-visits", params(("id" = String, Path)),
    request_body = CpVisitInput,
    responses((status = 201, body = ChildProtectionView), (status = 400, body = Problem)), security(("bearer" = [])))]
pub async fn visit(
    State(s): State<AppState>,
    ApiUser(p): ApiUser,
    Path(id): Path<String>,
    ApiJson(input): ApiJson<CpVisitInput>,
) -> Response {
    let id = tri!(uuid_of(&id));
    reply(
        StatusCode::CREATED,
        s.app.record_cp_visit(&p, PersonId(id), &input).await,
    )
}

#[utoipa::path(post, path = "/api/v1/people/{id}/cp-plans/{plan}/discontinuation", params(("id" = String, Path), ("plan" = String, Path)),
    request_body = DiscontinueInput,
    responses((status = 200, body = ChildProtectionView), (status = 400, body = Problem), (status = 409, body = Problem)), security(("bearer" = [])))]
pub async fn discontinue(
    State(s): State<AppState>,
    ApiUser(p): ApiUser,
    Path((id, plan)): Path<(String, String)>,
    ApiJson(input): ApiJson<DiscontinueInput>,
) -> Response {
    let id = tri!(uuid_of(&id));
    let plan = tri!(uuid_of(&plan));
    reply(
        StatusCode::OK,
        s.app.discontinue_plan(&p, PersonId(id), plan, &input).await,
    )
}

#[utoipa::path(post, path = "/api/v1/people/{id}/cp-plans/{plan}/early-review", params(("id" = String, Path), ("plan" = String, Path)),
    request_body = EarlyReviewInput,
    responses((status = 200, body = ChildProtectionView), (status = 400, body = Problem), (status = 409, body = Problem)), security(("bearer" = [])))]
pub async fn early_review(
    State(s): State<AppState>,
    ApiUser(p): ApiUser,
    Path((id, plan)): Path<(String, String)>,
    ApiJson(input): ApiJson<EarlyReviewInput>,
) -> Response {
    let id = tri!(uuid_of(&id));
    let plan = tri!(uuid_of(&plan));
    reply(
        StatusCode::OK,
        s.app
            .bring_review_forward(&p, PersonId(id), plan, &input)
            .await,
    )
}

#[utoipa::path(post, path = "/api/v1/people/{id}/conferences/{conference}/circulated", params(("id" = String, Path), ("conference" = String, Path)),
    request_body = CirculatedInput,
    responses((status = 200, body = ChildProtectionView), (status = 400, body = Problem)), security(("bearer" = [])))]
pub async fn circulated(
    State(s): State<AppState>,
    ApiUser(p): ApiUser,
    Path((id, conference)): Path<(String, String)>,
    ApiJson(input): ApiJson<CirculatedInput>,
) -> Response {
    let id = tri!(uuid_of(&id));
    let conference = tri!(uuid_of(&conference));
    reply(
        StatusCode::OK,
        s.app
            .record_circulation(&p, PersonId(id), conference, &input)
            .await,
    )
}
