//! Bearer tokens for the API, and who the caller is.

use axum::extract::{ConnectInfo, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

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
    responses((status = 201, body = TokenResponse), (status = 401, body = crate::errors::Problem), (status = 429, body = crate::errors::Problem)))]
pub async fn create_token(
    State(state): State<AppState>,
    ConnectInfo(addr): ConnectInfo<std::net::SocketAddr>,
    ApiJson(req): ApiJson<TokenRequest>,
) -> Response {
    let signed = match state
        .app
        .sign_in(&req.email, &req.password, &addr.ip().to_string())
        .await
    {
        Ok(s) => s,
        Err(e) => return api_error(e),
    };
    let principal = hearth_app::auth::Principal {
        user: signed.user,
        csrf: None,
        session_hash: None,
    };
    // The sign-in opened a browser session too; the API client does not need it.
    if let Ok(p) = state.app.session_principal(&signed.token).await {
        let _ = state.app.sign_out(&p).await;
    }
    match state
        .app
        .create_api_token(&principal, req.label.as_deref().unwrap_or("API"))
        .await
    {
        Ok(token) => (
            StatusCode::CREATED,
            Json(TokenResponse {
                token,
                expires_in_days: hearth_app::auth::API_TOKEN_DAYS,
            }),
        )
            .into_response(),
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
