//! The front door over JSON: the queue, contacts, referrals and their decision, consent
//! overrides, agency checks, acknowledgement, allocation and referral forms.

use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use hearth_app::front_door::types::*;
use hearth_app::AppError;
use hearth_domain::front_door::referral_form::ReferralForm;
use serde::Serialize;
use uuid::Uuid;

use crate::api::json::ApiJson;
use crate::api::people::{query, VersionParams};
use crate::auth::ApiUser;
use crate::errors::api_error;
use crate::AppState;

type Problem = crate::errors::Problem;

pub(crate) fn uuid_of(s: &str) -> Result<Uuid, Response> {
    s.parse().map_err(|_| api_error(AppError::NotFound))
}

pub(crate) fn reply<T: Serialize>(status: StatusCode, r: Result<T, AppError>) -> Response {
    match r {
        Ok(v) => (status, Json(v)).into_response(),
        Err(e) => api_error(e),
    }
}

#[macro_export]
macro_rules! tri {
    ($e:expr) => {
        match $e {
            Ok(v) => v,
            Err(r) => return r,
        }
    };
}

#[utoipa::path(get, path = "/api/v1/front-door", responses((status = 200, body = FrontDoorQueue), (status = 403, body = Problem)), security(("bearer" = [])))]
pub async fn queue(State(s): State<AppState>, ApiUser(p): ApiUser) -> Response {
    reply(StatusCode::OK, s.app.front_door_queue(&p).await)
}

#[utoipa::path(post, path = "/api/v1/contacts", request_body = ContactInput,
    responses((status = 201, body = ContactView), (status = 400, body = Problem), (status = 403, body = Problem)), security(("bearer" = [])))]
pub async fn create_contact(
    State(s): State<AppState>,
    ApiUser(p): ApiUser,
    ApiJson(input): ApiJson<ContactInput>,
) -> Response {
    reply(StatusCode::CREATED, s.app.record_contact(&p, &input).await)
}

#[utoipa::path(get, path = "/api/v1/contacts/{id}", params(("id" = String, Path)),
    responses((status = 200, body = ContactView), (status = 404, body = Problem)), security(("bearer" = [])))]
pub async fn show_contact(
    State(s): State<AppState>,
    ApiUser(p): ApiUser,
    Path(id): Path<String>,
) -> Response {
    let id = tri!(uuid_of(&id));
    reply(StatusCode::OK, s.app.view_contact(&p, id).await)
}

#[utoipa::path(post, path = "/api/v1/contacts/{id}/children", params(("id" = String, Path)), request_body = LinkChildInput,
    responses((status = 200, body = ContactView), (status = 400, body = Problem)), security(("bearer" = [])))]
pub async fn link_child(
    State(s): State<AppState>,
    ApiUser(p): ApiUser,
    Path(id): Path<String>,
    ApiJson(input): ApiJson<LinkChildInput>,
) -> Response {
    let id = tri!(uuid_of(&id));
    let r = match (input.person_id, input.create_from_form) {
        (Some(person), false) => s.app.link_contact_child(&p, id, person).await,
        (None, true) => s.app.create_child_from_form(&p, id, input.form_child).await,
        _ => Err(AppError::Validation(
            hearth_domain::errors::ValidationErrors::single(
                "person_id",
                "required",
                "Give either person_id or create_from_form, not both",
            ),
        )),
    };
    reply(StatusCode::OK, r)
}

#[utoipa::path(post, path = "/api/v1/contacts/{id}/outcome", params(("id" = String, Path)), request_body = ContactOutcomeInput,
    responses((status = 200, body = ContactView), (status = 400, body = Problem), (status = 409, body = Problem)), security(("bearer" = [])))]
pub async fn conclude_contact(
    State(s): State<AppState>,
    ApiUser(p): ApiUser,
    Path(id): Path<String>,
    ApiJson(input): ApiJson<ContactOutcomeInput>,
) -> Response {
    let id = tri!(uuid_of(&id));
    reply(StatusCode::OK, s.app.conclude_contact(&p, id, &input).await)
}

#[utoipa::path(get, path = "/api/v1/referrals/{id}", params(("id" = String, Path)),
    responses((status = 200, body = ReferralView), (status = 404, body = Problem)), security(("bearer" = [])))]
pub async fn show_referral(
    State(s): State<AppState>,
    ApiUser(p): ApiUser,
    Path(id): Path<String>,
) -> Response {
    let id = tri!(uuid_of(&id));
    reply(StatusCode::OK, s.app.view_referral(&p, id).await)
}

#[utoipa::path(post, path = "/api/v1/referrals/{id}/decision", params(("id" = String, Path)), request_body = DecisionInput,
    responses((status = 200, body = ReferralView), (status = 400, body = Problem), (status = 409, body = Problem)), security(("bearer" = [])))]
pub async fn decide(
    State(s): State<AppState>,
    ApiUser(p): ApiUser,
    Path(id): Path<String>,
    ApiJson(input): ApiJson<DecisionInput>,
) -> Response {
    let id = tri!(uuid_of(&id));
    reply(StatusCode::OK, s.app.decide_referral(&p, id, &input).await)
}

#[utoipa::path(post, path = "/api/v1/referrals/{id}/family", params(("id" = String, Path)), request_body = FamilyInput,
    responses((status = 200, body = ReferralView), (status = 400, body = Problem), (status = 409, body = Problem)), security(("bearer" = [])))]
pub async fn family(
    State(s): State<AppState>,
    ApiUser(p): ApiUser,
    Path(id): Path<String>,
    ApiJson(input): ApiJson<FamilyInput>,
) -> Response {
    let id = tri!(uuid_of(&id));
    reply(
        StatusCode::OK,
        s.app.record_family_informed(&p, id, &input).await,
    )
}

#[utoipa::path(post, path = "/api/v1/referrals/{id}/sharing", params(("id" = String, Path)), request_body = SharingInput,
    responses((status = 200, body = ReferralView), (status = 400, body = Problem)), security(("bearer" = [])))]
pub async fn sharing(
    State(s): State<AppState>,
    ApiUser(p): ApiUser,
    Path(id): Path<String>,
    ApiJson(input): ApiJson<SharingInput>,
) -> Response {
    let id = tri!(uuid_of(&id));
    reply(StatusCode::OK, s.app.record_sharing(&p, id, &input).await)
}

#[utoipa::path(post, path = "/api/v1/referrals/{id}/agency-checks", params(("id" = String, Path)), request_body = AgencyCheckInput,
    responses((status = 201, body = ReferralView), (status = 400, body = Problem)), security(("bearer" = [])))]
pub async fn agency_check(
    State(s): State<AppState>,
    ApiUser(p): ApiUser,
    Path(id): Path<String>,
    ApiJson(input): ApiJson<AgencyCheckInput>,
) -> Response {
    let id = tri!(uuid_of(&id));
    reply(
        StatusCode::CREATED,
        s.app.record_agency_check(&p, id, &input).await,
    )
}

#[utoipa::path(post, path = "/api/v1/referrals/{id}/acknowledgement", params(("id" = String, Path)), request_body = AcknowledgeInput,
    responses((status = 200, body = ReferralView), (status = 400, body = Problem), (status = 409, body = Problem)), security(("bearer" = [])))]
pub async fn acknowledge(
    State(s): State<AppState>,
    ApiUser(p): ApiUser,
    Path(id): Path<String>,
    ApiJson(input): ApiJson<AcknowledgeInput>,
) -> Response {
    let id = tri!(uuid_of(&id));
    reply(
        StatusCode::OK,
        s.app.acknowledge_referral(&p, id, &input).await,
    )
}

#[utoipa::path(get, path = "/api/v1/episodes/unallocated",
    responses((status = 200, body = [hearth_app::front_door::allocation::UnallocatedItem]), (status = 403, body = Problem)), security(("bearer" = [])))]
pub async fn unallocated(State(s): State<AppState>, ApiUser(p): ApiUser) -> Response {
    reply(StatusCode::OK, s.app.unallocated_work(&p).await)
}

#[utoipa::path(post, path = "/api/v1/episodes/{id}/allocation", params(("id" = String, Path)), request_body = AllocationInput,
    responses((status = 200, body = hearth_store::front_door::episodes::EpisodeRow), (status = 400, body = Problem), (status = 403, body = Problem)), security(("bearer" = [])))]
pub async fn allocate(
    State(s): State<AppState>,
    ApiUser(p): ApiUser,
    Path(id): Path<String>,
    ApiJson(input): ApiJson<AllocationInput>,
) -> Response {
    let id = tri!(uuid_of(&id));
    reply(StatusCode::OK, s.app.allocate_episode(&p, id, &input).await)
}

#[utoipa::path(put, path = "/api/v1/episodes/{id}/primary-need", params(("id" = String, Path)), request_body = PrimaryNeedInput,
    responses((status = 200, body = hearth_store::front_door::episodes::EpisodeRow), (status = 400, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)), security(("bearer" = [])))]
/// Revises the episode's primary need after the assessment (the census reports the latest).
pub async fn revise_primary_need(
    State(s): State<AppState>,
    ApiUser(p): ApiUser,
    Path(id): Path<String>,
    ApiJson(input): ApiJson<PrimaryNeedInput>,
) -> Response {
    let id = tri!(uuid_of(&id));
    reply(
        StatusCode::OK,
        s.app.revise_primary_need(&p, id, &input).await,
    )
}

#[utoipa::path(get, path = "/api/v1/referral-forms",
    responses((status = 200, body = [ReferralFormView])), security(("bearer" = [])))]
pub async fn my_forms(State(s): State<AppState>, ApiUser(p): ApiUser) -> Response {
    reply(StatusCode::OK, s.app.my_referral_forms(&p).await)
}

#[utoipa::path(post, path = "/api/v1/referral-forms",
    responses((status = 201, body = ReferralFormView), (status = 403, body = Problem)), security(("bearer" = [])))]
pub async fn start_form(State(s): State<AppState>, ApiUser(p): ApiUser) -> Response {
    reply(StatusCode::CREATED, s.app.start_referral_form(&p).await)
}

#[utoipa::path(get, path = "/api/v1/referral-forms/{id}", params(("id" = String, Path)),
    responses((status = 200, body = ReferralFormView), (status = 403, body = Problem), (status = 404, body = Problem)), security(("bearer" = [])))]
pub async fn show_form(
    State(s): State<AppState>,
    ApiUser(p): ApiUser,
    Path(id): Path<String>,
) -> Response {
    let id = tri!(uuid_of(&id));
    reply(StatusCode::OK, s.app.view_referral_form(&p, id).await)
}

#[utoipa::path(put, path = "/api/v1/referral-forms/{id}", params(("id" = String, Path), VersionParams), request_body = ReferralForm,
    responses((status = 200, body = Saved), (status = 409, description = "saved elsewhere since, or already submitted", body = Problem)), security(("bearer" = [])))]
pub async fn save_form(
    State(s): State<AppState>,
    ApiUser(p): ApiUser,
    Path(id): Path<String>,
    RawQuery(raw): RawQuery,
    ApiJson(form): ApiJson<ReferralForm>,
) -> Response {
    let id = tri!(uuid_of(&id));
    let q: VersionParams = tri!(query(raw));
    reply(
        StatusCode::OK,
        s.app.save_referral_form(&p, id, q.version, &form).await,
    )
}

#[utoipa::path(post, path = "/api/v1/referral-forms/{id}/submit", params(("id" = String, Path), VersionParams), request_body = ReferralForm,
    responses((status = 200, body = ReferralFormView), (status = 400, body = Problem), (status = 409, body = Problem)), security(("bearer" = [])))]
pub async fn submit_form(
    State(s): State<AppState>,
    ApiUser(p): ApiUser,
    Path(id): Path<String>,
    RawQuery(raw): RawQuery,
    ApiJson(form): ApiJson<ReferralForm>,
) -> Response {
    let id = tri!(uuid_of(&id));
    let q: VersionParams = tri!(query(raw));
    reply(
        StatusCode::OK,
        s.app.submit_referral_form(&p, id, q.version, &form).await,
    )
}
