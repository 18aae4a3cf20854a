//! Bearer tokens for the API, and who the caller is.

use axum::extract::{ConnectInfo, Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use hearth_app::AppError;
use hearth_domain::ids::UserId;
use hearth_store::accounts::sessions::ApiTokenRow;

use crate::api::json::ApiJson;
use crate::auth::ApiUser;
use crate::errors::api_error;
use crate::AppState;

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TokenRequest {
    pub email: String,
    pub password: String,
    /// What the token is for, e.g. "case import script".
    #[serde(default)]
    pub label: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct TokenResponse {
    /// Send as `Authorization: Bearer <token>`. Shown once.
    pub token: String,
    pub expires_in_days: i64,
}

#[derive(Serialize, ToSchema)]
pub struct Me {
    pub id: hearth_domain::ids::UserId,
    pub name: String,
    pub role: hearth_domain::role::Role,
    pub team: String,
    pub team_id: hearth_domain::ids::TeamId,
}

#[utoipa::path(post, path = "/api/v1/tokens", request_body = TokenRequest,
    responses((status = 201, body = TokenResponse), (status = 400, body = crate::errors::Problem), (status = 401, body = crate::errors::Problem), (status = 429, body = crate::errors::Problem)))]
pub async fn create_token(
    State(state): State<AppState>,
    ConnectInfo(addr): ConnectInfo<std::net::SocketAddr>,
    headers: HeaderMap,
    ApiJson(req): ApiJson<TokenRequest>,
) -> Response {
    let label = req.label.as_deref().unwrap_or("API");
    let client = state.client_address.of(addr, &headers).to_string();
    match state
        .app
        .sign_in_for_token(&req.email, &req.password, &client, label)
        .await
    {
        Ok(signed) => (
            StatusCode::CREATED,
            Json(TokenResponse {
                token: signed.token,
                expires_in_days: hearth_app::accounts::auth::API_TOKEN_DAYS,
            }),
        )
            .into_response(),
        Err(e) => api_error(e),
    }
}

#[utoipa::path(get, path = "/api/v1/tokens", responses((status = 200, body = [ApiTokenRow]), (status = 401, body = crate::errors::Problem)), security(("bearer" = [])))]
/// Your own API tokens (never the token itself: its id, label and dates).
pub async fn my_tokens(State(state): State<AppState>, ApiUser(p): ApiUser) -> Response {
    let me = p.user.id;
    match state.app.api_tokens(&p, me).await {
        Ok(rows) => Json(rows).into_response(),
        Err(e) => api_error(e),
    }
}

#[utoipa::path(delete, path = "/api/v1/tokens/{id}", params(("id" = String, Path, description = "The token's id from the list")),
    responses((status = 204), (status = 400, body = crate::errors::Problem), (status = 404, body = crate::errors::Problem)), security(("bearer" = [])))]
/// Revokes one of your own tokens at once.
pub async fn revoke_my_token(
    State(state): State<AppState>,
    ApiUser(p): ApiUser,
    Path(id): Path<String>,
) -> Response {
    let me = p.user.id;
    match state.app.revoke_api_token(&p, me, &id).await {
        Ok(()) => StatusCode::NO_CONTENT.into_response(),
        Err(e) => api_error(e),
    }
}

#[utoipa::path(get, path = "/api/v1/users/{user}/tokens", params(("user" = uuid::Uuid, Path)),
    responses((status = 200, body = [ApiTokenRow]), (status = 403, body = crate::errors::Problem), (status = 404, body = crate::errors::Problem)), security(("bearer" = [])))]
/// A user's API tokens (administrators).
pub async fn user_tokens(
    State(state): State<AppState>,
    ApiUser(p): ApiUser,
    Path(user): Path<String>,
) -> Response {
    let Ok(user) = user.parse::<UserId>() else {
        return api_error(AppError::NotFound);
    };
    match state.app.api_tokens(&p, user).await {
        Ok(rows) => Json(rows).into_response(),
        Err(e) => api_error(e),
    }
}

#[utoipa::path(delete, path = "/api/v1/users/{user}/tokens/{id}", params(("user" = uuid::Uuid, Path), ("id" = String, Path)),
    responses((status = 204), (status = 403, body = crate::errors::Problem), (status = 404, body = crate::errors::Problem)), security(("bearer" = [])))]
/// Revokes any user's token (administrators), e.g. one leaked from a script.
pub async fn revoke_user_token(
    State(state): State<AppState>,
    ApiUser(p): ApiUser,
    Path((user, id)): Path<(String, String)>,
) -> Response {
    let Ok(user) = user.parse::<UserId>() else {
        return api_error(AppError::NotFound);
    };
    match state.app.revoke_api_token(&p, user, &id).await {
        Ok(()) => StatusCode::NO_CONTENT.into_response(),
        Err(e) => api_error(e),
    }
}

#[utoipa::path(get, path = "/api/v1/me", responses((status = 200, body = Me), (status = 401, body = crate::errors::Problem)), security(("bearer" = [])))]
pub async fn me(ApiUser(p): ApiUser) -> Json<Me> {
    Json(Me {
        id: p.user.id,
        name: p.user.name,
        role: p.user.role,
        team: p.user.team_name,
        team_id: p.user.team,
    })
}
