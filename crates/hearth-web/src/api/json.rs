//! A JSON body extractor whose refusals are problem+json 400s naming the field: an unknown field,
//! a missing one, a wrong type, or malformed JSON.

use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::{header, StatusCode};
use axum::response::Response;
use serde::de::DeserializeOwned;

use crate::errors::{problem, ProblemField};

pub struct ApiJson<T>(pub T);

/// Pulls the field name out of serde's message ("unknown field `foo`, expected …").
fn field_of(msg: &str, marker: &str) -> Option<String> {
    let rest = &msg[msg.find(marker)? + marker.len()..];
    let start = rest.find('`')? + 1;
    let end = start + rest[start..].find('`')?;
    Some(rest[start..end].to_string())
}

pub fn body_error(e: &serde_json::Error) -> Response {
    let msg = e.to_string();
    let clean = msg.split(" at line ").next().unwrap_or(&msg).to_string();
    let (field, code) = if let Some(f) = field_of(&msg, "unknown field") {
        (f, "unknown_field")
    } else if let Some(f) = field_of(&msg, "missing field") {
        (f, "missing_field")
    } else if e.is_syntax() || e.is_eof() {
        ("body".to_string(), "malformed_json")
    } else {
        ("body".to_string(), "invalid_value")
    };
    let message = match code {
        "unknown_field" => format!("'{field}' is not a field Hearth accepts here"),
        "missing_field" => format!("'{field}' is required"),
        "malformed_json" => format!("The body is not valid JSON: {clean}"),
        _ => format!("A value has the wrong type: {clean}"),
    };
    problem(
        StatusCode::BAD_REQUEST,
        code,
        &message,
        vec![ProblemField {
            field,
            code: code.into(),
            message: message.clone(),
        }],
    )
}

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for ApiJson<T> {
    type Rejection = Response;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let is_json = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("application/json"));
        if !is_json {
            return Err(problem(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "unsupported_media_type",
                "Send the body as application/json",
                vec![],
            ));
        }
        let bytes = Bytes::from_request(req, state).await.map_err(|_| {
            problem(
                StatusCode::PAYLOAD_TOO_LARGE,
                "body_too_large",
                "The request is larger than Hearth accepts (256 KB)",
                vec![],
            )
        })?;
        serde_json::from_slice(&bytes)
            .map(ApiJson)
            .map_err(|e| body_error(&e))
    }
}
