//! People over JSON: search, create (with the duplicate check), read, update (with the version
//! the client last saw), moves, relationships, professionals and restriction (the access log is `access_log`).

use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use hearth_app::people::cases::PeopleSearch;
use hearth_app::people::cases::Restriction;
use hearth_app::people::links::PersonRecord;
use hearth_app::AppError;
use hearth_domain::ids::PersonId;
use hearth_domain::person::{AddressInput, Person, PersonInput};
use hearth_domain::relationship::{InvolvementInput, RelationshipInput};
use serde::de::DeserializeOwned;
use serde::Deserialize;
use utoipa::{IntoParams, ToSchema};

use crate::api::json::ApiJson;
use crate::auth::ApiUser;
use crate::errors::{api_error, problem, ProblemField};
use crate::AppState;

type Problem = crate::errors::Problem;

#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct SearchParams {
    /// Name (partial or sound-alike), NHS number or UPN.
    #[serde(default)]
    pub q: Option<String>,
    /// ISO 8601 date of birth.
    #[serde(default)]
    pub date_of_birth: Option<String>,
}

#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct CreateParams {
    /// Create even though the person resembles existing records (after checking them).
    #[serde(default)]
    pub confirm_not_duplicate: Option<bool>,
}

#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct VersionParams {
    /// The version the client last read; a newer saved version makes this a 409.
    pub version: i64,
}

/// Restrict a record, or lift its restriction.
#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RestrictionInput {
    pub restricted: bool,
    /// Why, as a code: staff-connection, public-profile, safety, court-direction,
    /// no-longer-needed or other. Recorded as not-given when left out.
    #[serde(default)]
    pub reason: Option<String>,
}

pub(crate) fn query<T: DeserializeOwned>(raw: Option<String>) -> Result<T, Response> {
    serde_urlencoded::from_str(&raw.unwrap_or_default()).map_err(|e| {
        let msg = e.to_string();
        problem(
            StatusCode::BAD_REQUEST,
            "invalid_query",
            &format!("Query parameters are not valid: {msg}"),
            vec![ProblemField {
                field: "query".into(),
                code: "invalid_query".into(),
                message: msg,
            }],
        )
    })
}

pub(crate) fn id_of(s: &str) -> Result<PersonId, Response> {
    s.parse().map_err(|_| api_error(AppError::NotFound))
}

macro_rules! tri {
    ($e:expr) => {
        match $e {
            Ok(v) => v,
            Err(r) => return r,
        }
    };
}

#[utoipa::path(get, path = "/api/v1/people", params(SearchParams),
    responses((status = 200, body = [hearth_store::people::search::PersonSummary]), (status = 400, body = Problem)), security(("bearer" = [])))]
pub async fn search(
    State(state): State<AppState>,
    ApiUser(p): ApiUser,
    RawQuery(raw): RawQuery,
) -> Response {
    let q: SearchParams = tri!(query(raw));
    let s = PeopleSearch {
        text: q.q.unwrap_or_default(),
        date_of_birth: q.date_of_birth,
    };
    match state.app.search_people(&p, &s).await {
        Ok(r) => Json(r).into_response(),
        Err(e) => api_error(e),
    }
}

#[utoipa::path(post, path = "/api/v1/people", params(CreateParams), request_body = PersonInput,
    responses((status = 201, body = Person), (status = 400, body = Problem), (status = 409, description = "possible duplicate", body = Problem)), security(("bearer" = [])))]
pub async fn create(
    State(state): State<AppState>,
    ApiUser(p): ApiUser,
    RawQuery(raw): RawQuery,
    ApiJson(input): ApiJson<PersonInput>,
) -> Response {
    let q: CreateParams = tri!(query(raw));
    match state
        .app
        .create_person(&p, &input, q.confirm_not_duplicate.unwrap_or(false))
        .await
    {
        Ok(person) => (StatusCode::CREATED, Json(person)).into_response(),
        Err(e) => api_error(e),
    }
}

#[utoipa::path(get, path = "/api/v1/people/{id}", params(("id" = String, Path)),
    responses((status = 200, body = PersonRecord), (status = 403, body = Problem), (status = 404, body = Problem)), security(("bearer" = [])))]
pub async fn show(
    State(state): State<AppState>,
    ApiUser(p): ApiUser,
    Path(id): Path<String>,
) -> Response {
    let id = tri!(id_of(&id));
    match state.app.view_person_record(&p, id).await {
        Ok(record) => Json(record).into_response(),
        Err(e) => api_error(e),
    }
}

#[utoipa::path(put, path = "/api/v1/people/{id}", params(("id" = String, Path), VersionParams), request_body = PersonInput,
    responses((status = 200, body = Person), (status = 400, body = Problem), (status = 409, description = "edited by someone else", body = Problem)), security(("bearer" = [])))]
pub async fn update(
    State(state): State<AppState>,
    ApiUser(p): ApiUser,
    Path(id): Path<String>,
    RawQuery(raw): RawQuery,
    ApiJson(input): ApiJson<PersonInput>,
) -> Response {
    let id = tri!(id_of(&id));
    let q: VersionParams = tri!(query(raw));
    match state.app.update_person(&p, id, q.version, &input).await {
        Ok(person) => Json(person).into_response(),
        Err(e) => api_error(e),
    }
}

#[utoipa::path(post, path = "/api/v1/people/{id}/moves", params(("id" = String, Path)), request_body = AddressInput,
    responses((status = 201, body = Person), (status = 400, body = Problem)), security(("bearer" = [])))]
pub async fn record_move(
    State(state): State<AppState>,
    ApiUser(p): ApiUser,
    Path(id): Path<String>,
    ApiJson(input): ApiJson<AddressInput>,
) -> Response {
    let id = tri!(id_of(&id));
    match state.app.record_move(&p, id, &input).await {
        Ok(person) => (StatusCode::CREATED, Json(person)).into_response(),
        Err(e) => api_error(e),
    }
}

#[utoipa::path(post, path = "/api/v1/relationships", request_body = RelationshipInput,
    responses((status = 201, body = hearth_domain::relationship::Relationship), (status = 400, body = Problem)), security(("bearer" = [])))]
pub async fn add_relationship(
    State(state): State<AppState>,
    ApiUser(p): ApiUser,
    ApiJson(input): ApiJson<RelationshipInput>,
) -> Response {
    match state.app.add_relationship(&p, &input).await {
        Ok(r) => (StatusCode::CREATED, Json(r)).into_response(),
        Err(e) => api_error(e),
    }
}

#[utoipa::path(post, path = "/api/v1/people/{id}/professionals", params(("id" = String, Path)), request_body = InvolvementInput,
    responses((status = 201, body = hearth_domain::relationship::Involvement), (status = 400, body = Problem)), security(("bearer" = [])))]
pub async fn add_professional(
    State(state): State<AppState>,
    ApiUser(p): ApiUser,
    Path(id): Path<String>,
    ApiJson(input): ApiJson<InvolvementInput>,
) -> Response {
    let id = tri!(id_of(&id));
    match state.app.add_involvement(&p, id, &input).await {
        Ok(i) => (StatusCode::CREATED, Json(i)).into_response(),
        Err(e) => api_error(e),
    }
}

#[utoipa::path(put, path = "/api/v1/people/{id}/restriction", params(("id" = String, Path)), request_body = RestrictionInput,
    responses((status = 200, body = Restriction), (status = 400, body = Problem), (status = 403, body = Problem), (status = 404, body = Problem)), security(("bearer" = [])))]
pub async fn set_restriction(
    State(state): State<AppState>,
    ApiUser(p): ApiUser,
    Path(id): Path<String>,
    ApiJson(input): ApiJson<RestrictionInput>,
) -> Response {
    let id = tri!(id_of(&id));
    match state
        .app
        .set_restricted(&p, id, input.restricted, input.reason.as_deref())
        .await
    {
        Ok(r) => Json(r).into_response(),
        Err(e) => api_error(e),
    }
}
