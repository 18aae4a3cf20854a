//! One mapping from use-case errors to HTTP: problem+json for the API (stable codes, the field and
//! the rule named) and status pages for HTML. Server faults are logged once with an incident id and
//! shown as an opaque message.

use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use hearth_app::AppError;
use hearth_domain::errors::FieldError;
use serde::Serialize;
use utoipa::ToSchema;

/// RFC 9457 problem details.
#[derive(Debug, Serialize, ToSchema)]
pub struct Problem {
    /// Stable machine-readable code, e.g. `validation_failed`.
    pub code: String,
    pub title: String,
    pub status: u16,
    /// One entry per field problem.
    pub errors: Vec<ProblemField>,
    /// For `wrong_state`: the record's current state, as its code.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
    /// Look-alike people, for `possible_duplicate`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub possible_duplicates: Option<serde_json::Value>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct ProblemField {
    pub field: String,
    /// The rule that failed, e.g. `invalid_nhs_number`.
    pub code: String,
    pub message: String,
}

impl From<&FieldError> for ProblemField {
    fn from(e: &FieldError) -> Self {
        Self {
            field: e.field.clone(),
            code: e.code.to_string(),
            message: e.message.clone(),
        }
    }
}

pub fn problem(status: StatusCode, code: &str, title: &str, errors: Vec<ProblemField>) -> Response {
    problem_with(status, code, title, errors, None)
}

fn problem_with(
    status: StatusCode,
    code: &str,
    title: &str,
    errors: Vec<ProblemField>,
    dups: Option<serde_json::Value>,
) -> Response {
    let body = Problem {
        code: code.into(),
        title: title.into(),
        status: status.as_u16(),
        errors,
        state: None,
        possible_duplicates: dups,
    };
    let json = serde_json::to_vec(&body).unwrap_or_default();
    (
        status,
        [(header::CONTENT_TYPE, "application/problem+json")],
        json,
    )
        .into_response()
}

pub fn status_of(e: &AppError) -> StatusCode {
    match e {
        AppError::Validation(_) => StatusCode::BAD_REQUEST,
        AppError::Denied(_) => StatusCode::FORBIDDEN,
        AppError::Unauthenticated => StatusCode::UNAUTHORIZED,
        AppError::Throttled => StatusCode::TOO_MANY_REQUESTS,
        AppError::NotFound => StatusCode::NOT_FOUND,
        AppError::Stale { .. }
        | AppError::WrongState(_)
        | AppError::Conflict(_)
        | AppError::PossibleDuplicates(_) => StatusCode::CONFLICT,
        AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

/// Logs a server fault with a fresh incident id (never personal data) and returns an opaque 500.
pub fn server_fault(e: &AppError) -> Response {
    let incident = uuid::Uuid::new_v4();
    tracing::error!(%incident, error = %e, "server fault");
    problem(
        StatusCode::INTERNAL_SERVER_ERROR,
        "internal_error",
        &format!("Something went wrong on our side. Incident {incident}"),
        vec![],
    )
}

/// The API's answer for any use-case error.
pub fn api_error(e: AppError) -> Response {
    let status = status_of(&e);
    match &e {
        AppError::Internal(_) => server_fault(&e),
        AppError::Validation(v) => problem(status, e.code(), "The request has invalid fields", v.0.iter().map(ProblemField::from).collect()),
        AppError::PossibleDuplicates(d) => problem_with(
            status,
            e.code(),
            "This person may already be recorded. Check the people listed; to create a new record anyway, repeat the request with ?confirm_not_duplicate=true",
            vec![],
            serde_json::to_value(d).ok(),
        ),
        AppError::WrongState(w) => wrong_state(status, w),
        _ => problem(status, e.code(), &e.to_string(), vec![]),
    }
}

/// A 409 naming the record's current state, so a client can tell it from a stale version.
fn wrong_state(status: StatusCode, w: &hearth_domain::state::WrongState) -> Response {
    let body = Problem {
        code: "wrong_state".into(),
        title: w.message.clone(),
        status: status.as_u16(),
        errors: vec![],
        state: Some(w.state.to_string()),
        possible_duplicates: None,
    };
    let json = serde_json::to_vec(&body).unwrap_or_default();
    (
        status,
        [(header::CONTENT_TYPE, "application/problem+json")],
        json,
    )
        .into_response()
}

/// A page's answer for errors it does not show inline.
pub fn page_error(e: AppError) -> Response {
    let status = status_of(&e);
    let (title, body) = match &e {
        AppError::NotFound => (
            "Page not found",
            "If you typed the web address, check it is correct.".to_string(),
        ),
        AppError::Denied(d) => ("You cannot open this page", d.to_string()),
        AppError::Internal(_) => {
            let incident = uuid::Uuid::new_v4();
            tracing::error!(%incident, error = %e, "server fault");
            ("Sorry, there is a problem with Hearth", format!("Nothing you saved has been lost. Try again later. If it keeps happening, tell the service desk incident {incident}."))
        }
        other => ("There is a problem", other.to_string()),
    };
    (status, crate::layout::plain_error_page(title, &body)).into_response()
}
