//! A worker's day: my work, case notes and the chronology.

use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use hearth_app::casework::types::{
    AnalysisInput, ChildSummary, ChronologyQuery, ChronologyView, CorrectionInput, FinaliseInput,
    MyWork, NoteInput, NoteUpdate, NoteView,
};
use hearth_domain::casework::chronology::to_csv;
use hearth_domain::ids::PersonId;

use crate::api::front_door::{reply, uuid_of};
use crate::api::json::ApiJson;
use crate::auth::ApiUser;
use crate::errors::api_error;
use crate::tri;
use crate::AppState;

type Problem = crate::errors::Problem;

#[utoipa::path(get, path = "/api/v1/my-work",
    responses((status = 200, body = MyWork), (status = 403, body = Problem)), security(("bearer" = [])))]
pub async fn my_work(State(s): State<AppState>, ApiUser(p): ApiUser) -> Response {
    reply(StatusCode::OK, s.app.my_work(&p).await)
}

#[utoipa::path(get, path = "/api/v1/people/{id}/summary", params(("id" = String, Path)),
    responses((status = 200, body = ChildSummary), (status = 404, body = Problem)), security(("bearer" = [])))]
pub async fn summary(
    State(s): State<AppState>,
    ApiUser(p): ApiUser,
    Path(id): Path<String>,
) -> Response {
    let id = tri!(uuid_of(&id));
    reply(StatusCode::OK, s.app.child_summary(&p, PersonId(id)).await)
}

#[utoipa::path(post, path = "/api/v1/case-notes", request_body = NoteInput,
    responses((status = 201, body = NoteView), (status = 400, body = Problem), (status = 403, body = Problem)), security(("bearer" = [])))]
pub async fn record_note(
    State(s): State<AppState>,
    ApiUser(p): ApiUser,
    ApiJson(input): ApiJson<NoteInput>,
) -> Response {
    reply(StatusCode::CREATED, s.app.record_note(&p, &input).await)
}

#[utoipa::path(get, path = "/api/v1/case-notes/{id}", params(("id" = String, Path)),
    responses((status = 200, body = NoteView), (status = 404, body = Problem)), security(("bearer" = [])))]
pub async fn show_note(
    State(s): State<AppState>,
    ApiUser(p): ApiUser,
    Path(id): Path<String>,
) -> Response {
    let id = tri!(uuid_of(&id));
    reply(StatusCode::OK, s.app.view_note(&p, id).await)
}

#[utoipa::path(put, path = "/api/v1/case-notes/{id}", params(("id" = String, Path)), request_body = NoteUpdate,
    responses((status = 200, body = NoteView), (status = 400, body = Problem), (status = 409, body = Problem)), security(("bearer" = [])))]
pub async fn update_note(
    State(s): State<AppState>,
    ApiUser(p): ApiUser,
    Path(id): Path<String>,
    ApiJson(input): ApiJson<NoteUpdate>,
) -> Response {
    let id = tri!(uuid_of(&id));
    reply(StatusCode::OK, s.app.update_note(&p, id, &input).await)
}

#[utoipa::path(post, path = "/api/v1/case-notes/{id}/final", params(("id" = String, Path)), request_body = FinaliseInput,
    responses((status = 200, body = NoteView), (status = 409, body = Problem)), security(("bearer" = [])))]
pub async fn finalise_note(
    State(s): State<AppState>,
    ApiUser(p): ApiUser,
    Path(id): Path<String>,
    ApiJson(input): ApiJson<FinaliseInput>,
) -> Response {
    let id = tri!(uuid_of(&id));
    reply(StatusCode::OK, s.app.finalise_note(&p, id, &input).await)
}

#[utoipa::path(post, path = "/api/v1/case-notes/{id}/corrections", params(("id" = String, Path)), request_body = CorrectionInput,
    responses((status = 200, body = NoteView), (status = 400, body = Problem), (status = 409, body = Problem)), security(("bearer" = [])))]
pub async fn correct_note(
    State(s): State<AppState>,
    ApiUser(p): ApiUser,
    Path(id): Path<String>,
    ApiJson(input): ApiJson<CorrectionInput>,
) -> Response {
    let id = tri!(uuid_of(&id));
    reply(StatusCode::OK, s.app.correct_note(&p, id, &input).await)
}

#[utoipa::path(get, path = "/api/v1/people/{id}/case-notes", params(("id" = String, Path)),
    responses((status = 200, body = [NoteView]), (status = 404, body = Problem)), security(("bearer" = [])))]
pub async fn notes_of(
    State(s): State<AppState>,
    ApiUser(p): ApiUser,
    Path(id): Path<String>,
) -> Response {
    let id = tri!(uuid_of(&id));
    reply(StatusCode::OK, s.app.notes_of(&p, PersonId(id)).await)
}

#[utoipa::path(get, path = "/api/v1/people/{id}/chronology", params(("id" = String, Path), ChronologyQuery),
    responses((status = 200, body = ChronologyView), (status = 400, body = Problem), (status = 404, body = Problem)), security(("bearer" = [])))]
pub async fn chronology(
    State(s): State<AppState>,
    ApiUser(p): ApiUser,
    Path(id): Path<String>,
    Query(q): Query<ChronologyQuery>,
) -> Response {
    let id = tri!(uuid_of(&id));
    reply(StatusCode::OK, s.app.chronology(&p, PersonId(id), &q).await)
}

#[utoipa::path(get, path = "/api/v1/people/{id}/chronology.csv", params(("id" = String, Path), ChronologyQuery),
    responses((status = 200, content_type = "text/csv", body = String), (status = 404, body = Problem)), security(("bearer" = [])))]
pub async fn chronology_csv(
    State(s): State<AppState>,
    ApiUser(p): ApiUser,
    Path(id): Path<String>,
    Query(q): Query<ChronologyQuery>,
) -> Response {
    let id = tri!(uuid_of(&id));
    match s.app.chronology(&p, PersonId(id), &q).await {
        Ok(v) => (
            StatusCode::OK,
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
                (
                    header::CONTENT_DISPOSITION,
                    "attachment; filename=\"chronology.csv\"",
                ),
            ],
            to_csv(&v.entries),
        )
            .into_response(),
        Err(e) => api_error(e),
    }
}

#[utoipa::path(put, path = "/api/v1/people/{id}/chronology/analysis", params(("id" = String, Path)), request_body = AnalysisInput,
    responses((status = 200, body = ChronologyView), (status = 400, body = Problem), (status = 409, body = Problem)), security(("bearer" = [])))]
pub async fn analysis(
    State(s): State<AppState>,
    ApiUser(p): ApiUser,
    Path(id): Path<String>,
    ApiJson(input): ApiJson<AnalysisInput>,
) -> Response {
    let id = tri!(uuid_of(&id));
    reply(
        StatusCode::OK,
        s.app
            .record_chronology_analysis(&p, PersonId(id), &input)
            .await,
    )
}
