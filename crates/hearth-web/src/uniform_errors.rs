//! One shape for every refusal, whoever produced it: the framework's own answers (an unknown
//! route, a wrong method, a path or query that does not parse, a body over the limit) are plain
//! text or empty; this layer turns them into problem+json under `/api/` and a GOV.UK error page
//! elsewhere. The framework's text is not echoed (it can repeat what was sent).

use axum::extract::Request;
use axum::http::{header, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::errors::problem;

fn is_plain(res: &Response) -> bool {
    match res.headers().get(header::CONTENT_TYPE) {
        None => true,
        Some(v) => v.to_str().is_ok_and(|v| v.starts_with("text/plain")),
    }
}

/// The stable code, the API title and the page's heading and text for a status.
fn words(status: StatusCode) -> (&'static str, &'static str, &'static str, &'static str) {
    match status {
        StatusCode::NOT_FOUND => (
            "not_found",
            "No such endpoint or record",
            "Page not found",
            "If you typed the web address, check it is correct.",
        ),
        StatusCode::METHOD_NOT_ALLOWED => (
            "method_not_allowed",
            "This endpoint does not accept that method",
            "Page not found",
            "This address does not accept that kind of request.",
        ),
        StatusCode::PAYLOAD_TOO_LARGE => (
            "body_too_large",
            "The request is larger than Hearth accepts (256 KB)",
            "What you sent is too large",
            "Hearth accepts at most 256 KB in one request. Nothing was saved.",
        ),
        StatusCode::UNSUPPORTED_MEDIA_TYPE => (
            "unsupported_media_type",
            "Send the body as application/json",
            "There is a problem",
            "The form was sent in a way Hearth does not accept. Nothing was saved.",
        ),
        s if s.is_server_error() => (
            "internal_error",
            "Something went wrong on our side",
            "Sorry, there is a problem with Hearth",
            "Nothing you saved has been lost. Try again later.",
        ),
        _ => (
            "bad_request",
            "The request could not be read: check the address, the query and the body",
            "There is a problem",
            "The address or the form could not be read. Go back and try again. Nothing was saved.",
        ),
    }
}

pub async fn uniform(req: Request, next: Next) -> Response {
    let api = req.uri().path().starts_with("/api/");
    let res = next.run(req).await;
    let status = res.status();
    if !(status.is_client_error() || status.is_server_error()) || !is_plain(&res) {
        return res;
    }
    let (code, title, heading, text) = words(status);
    let mut out = if api {
        problem(status, code, title, vec![])
    } else {
        (status, crate::layout::plain_error_page(heading, text)).into_response()
    };
    // Keep what the framework said about the method (Allow) and nothing of its body.
    if let Some(allow) = res.headers().get(header::ALLOW) {
        out.headers_mut().insert(header::ALLOW, allow.clone());
    }
    out
}
