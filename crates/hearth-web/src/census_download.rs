//! The census return as an HTTP download, streamed a page of children at a time (memory bounded
//! whatever the council's size). The audit row is written before the first byte.

use axum::body::Body;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use hearth_app::accounts::auth::Principal;
use hearth_app::{App, AppError};

/// Starts the download of the year ending 31 March `year`, or the reason it cannot start.
pub async fn download(app: &App, p: &Principal, year: i32) -> Result<Response, AppError> {
    let (head, y, rules) = app.census_export_begin(Some(p), year).await?;
    let (tx, rx) = tokio::sync::mpsc::channel::<Vec<u8>>(4);
    let app = app.clone();
    tokio::spawn(async move {
        let mut sink = tx;
        if let Err(e) = app.census_export_write(head, y, rules, &mut sink).await {
            tracing::error!(error = %e, "the census download stopped before its end");
        }
    });
    let stream = futures_util::stream::unfold(rx, |mut rx| async move {
        rx.recv().await.map(|b| {
            (
                Ok::<_, std::convert::Infallible>(axum::body::Bytes::from(b)),
                rx,
            )
        })
    });
    let name = format!("attachment; filename=\"hearth-cin-census-{year}.xml\"");
    Ok((
        StatusCode::OK,
        [
            (
                header::CONTENT_TYPE,
                "application/xml; charset=utf-8".to_string(),
            ),
            (header::CONTENT_DISPOSITION, name),
        ],
        Body::from_stream(stream),
    )
        .into_response())
}
