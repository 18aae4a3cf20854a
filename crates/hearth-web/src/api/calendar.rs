//! The calendar, the protocol in force and due-date explanations over JSON.

use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use hearth_app::AppError;
use hearth_domain::authz::{authorize, GeneralAction};
use hearth_domain::calendar::NonWorkingDay;
use hearth_domain::clock::{compute, Anchor, ClockKind};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::auth::ApiUser;
use crate::errors::{api_error, problem, ProblemField};
use crate::AppState;

#[derive(Serialize, ToSchema)]
pub struct ProtocolInForce {
    #[schema(value_type = Object)]
    pub protocol: hearth_domain::protocol::Protocol,
    /// Every timescale in words, with where it comes from (national rule, the protocol's
    /// source, or the council's own choice).
    pub timescales: Vec<hearth_domain::protocol::Described>,
    pub history: Vec<hearth_store::protocols::ProtocolVersionRow>,
}

#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct ExplainParams {
    /// A clock kind, e.g. `initial-conference`, `referral-decision`, `assessment-checkpoint-2`.
    pub kind: String,
    /// ISO 8601 date of the event the clock runs from.
    pub anchor_date: String,
    /// What the event is, e.g. "strategy discussion".
    #[serde(default)]
    pub anchor_event: Option<String>,
}

fn bad(field: &str, code: &str, message: String) -> Response {
    problem(
        StatusCode::BAD_REQUEST,
        code,
        &message,
        vec![ProblemField {
            field: field.into(),
            code: code.into(),
            message: message.clone(),
        }],
    )
}

#[utoipa::path(get, path = "/api/v1/protocol", responses((status = 200, body = ProtocolInForce)), security(("bearer" = [])))]
pub async fn protocol(State(state): State<AppState>, ApiUser(p): ApiUser) -> Response {
    if let Err(d) = authorize(&p.actor(), GeneralAction::ViewProtocols) {
        return api_error(AppError::Denied(d));
    }
    match state.app.protocol_in_force().await {
        Ok((protocol, history)) => {
            let timescales = protocol.describe();
            Json(ProtocolInForce {
                protocol,
                timescales,
                history,
            })
            .into_response()
        }
        Err(e) => api_error(e),
    }
}

#[utoipa::path(get, path = "/api/v1/calendar/holidays/{year}", params(("year" = i32, Path)), responses((status = 200, body = [Object])), security(("bearer" = [])))]
pub async fn holidays(
    State(state): State<AppState>,
    ApiUser(_): ApiUser,
    Path(year): Path<i32>,
) -> Response {
    match state.app.calendar().await {
        Ok(cal) => Json::<Vec<NonWorkingDay>>(cal.holidays_in(year)).into_response(),
        Err(e) => api_error(e),
    }
}

#[utoipa::path(get, path = "/api/v1/clocks/explain", params(ExplainParams), responses((status = 200, body = Object), (status = 400, body = crate::errors::Problem)), security(("bearer" = [])))]
pub async fn explain(
    State(state): State<AppState>,
    ApiUser(_): ApiUser,
    RawQuery(raw): RawQuery,
) -> Response {
    let q: ExplainParams = match serde_urlencoded::from_str(&raw.unwrap_or_default()) {
        Ok(q) => q,
        Err(e) => {
            return bad(
                "query",
                "invalid_query",
                format!("Query parameters are not valid: {e}"),
            )
        }
    };
    let Some(kind) = ClockKind::parse(&q.kind) else {
        return bad(
            "kind",
            "unknown_clock",
            format!("'{}' is not a clock kind", q.kind),
        );
    };
    let Ok(date) = chrono::NaiveDate::parse_from_str(&q.anchor_date, "%Y-%m-%d") else {
        return bad(
            "anchor_date",
            "invalid_date",
            format!("'{}' is not a date; use YYYY-MM-DD", q.anchor_date),
        );
    };
    let (protocol, cal) = match (
        state.app.protocol_in_force().await,
        state.app.calendar().await,
    ) {
        (Ok((p, _)), Ok(c)) => (p, c),
        (Err(e), _) | (_, Err(e)) => return api_error(e),
    };
    match compute(
        kind,
        Anchor {
            event: q.anchor_event.unwrap_or_else(|| "event".into()),
            date,
        },
        &protocol,
        &cal,
    ) {
        Ok(due) => Json(due).into_response(),
        Err(e) => bad("kind", "no_timescale", e.to_string()),
    }
}
