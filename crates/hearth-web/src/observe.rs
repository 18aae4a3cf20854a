//! Request ids and request tracing. Each request gets an `x-request-id` (a fresh UUID, or the one
//! a front end sent when it looks like one), a tracing span carrying it with the method and the
//! route it matched (`/api/v1/people/{id}`) — never the path as typed or the query string, which
//! may hold a name — and one line when the response is sent, with its status and latency. A
//! server fault logged inside the request carries the same id.

use std::time::Duration;

use axum::http::{HeaderName, Request, Response};
use tower::layer::util::{Identity, Stack};
use tower::ServiceBuilder;
use tower_http::classify::{ServerErrorsAsFailures, SharedClassifier};
use tower_http::request_id::{
    MakeRequestUuid, PropagateRequestIdLayer, RequestId, SetRequestIdLayer,
};
use tower_http::trace::TraceLayer;
use tracing::Span;

pub const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

fn span_for<B>(req: &Request<B>) -> Span {
    let id = req
        .extensions()
        .get::<RequestId>()
        .and_then(|r| r.header_value().to_str().ok())
        // An id a client sent is kept only if it looks like one (it reaches the logs).
        .filter(|v| {
            !v.is_empty()
                && v.len() <= 64
                && v.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"-._".contains(&b))
        })
        .unwrap_or("-");
    tracing::info_span!("request", id = %id, method = %req.method(), route = tracing::field::Empty)
}

/// Records the route template the request matched into its span (a route layer: it runs only
/// for matched routes, after routing, so the template is known).
pub async fn record_route(
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    if let Some(m) = req.extensions().get::<axum::extract::MatchedPath>() {
        Span::current().record("route", m.as_str());
    }
    next.run(req).await
}

fn on_response<B>(res: &Response<B>, latency: Duration, _: &Span) {
    let status = res.status().as_u16();
    let ms = latency.as_secs_f64() * 1000.0;
    if status >= 500 {
        tracing::warn!(status, ms, "response");
    } else {
        tracing::debug!(status, ms, "response");
    }
}

type Trace = TraceLayer<
    SharedClassifier<ServerErrorsAsFailures>,
    fn(&Request<axum::body::Body>) -> Span,
    (),
    fn(&Response<axum::body::Body>, Duration, &Span),
>;

type Layers = Stack<
    PropagateRequestIdLayer,
    Stack<Trace, Stack<SetRequestIdLayer<MakeRequestUuid>, Identity>>,
>;

/// The request-id and tracing layers, outermost first.
pub fn layers() -> ServiceBuilder<Layers> {
    let trace: Trace = TraceLayer::new_for_http()
        .make_span_with(span_for as fn(&Request<axum::body::Body>) -> Span)
        .on_request(())
        .on_response(on_response as fn(&Response<axum::body::Body>, Duration, &Span));
    ServiceBuilder::new()
        .layer(SetRequestIdLayer::new(REQUEST_ID, MakeRequestUuid))
        .layer(trace)
        .layer(PropagateRequestIdLayer::new(REQUEST_ID))
}
