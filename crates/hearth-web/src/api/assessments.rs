//! Child and family assessments over JSON: open, read, save sections as drafts (versioned per
//! section: a stale save is a 409), visits, views, agency requests, checkpoints, submission,
//! authorisation and acting on the outcome.

use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use hearth_app::assessment::types::*;

use crate::api::front_door::{reply, uuid_of};
use crate::api::json::ApiJson;
use crate::api::people::{query, VersionParams};
use crate::auth::ApiUser;
use crate::tri;
use crate::AppState;

type Problem = crate::errors::Problem;

#[utoipa::path(get, path = "/api/v1/assessments", responses((status = 200, body = Vec<AssessmentListItem>), (status = 403, body = Problem)), security(("bearer" = [])))]
pub async fn worklist(State(s): State<AppState>, ApiUser(p): ApiUser) -> Response {
    reply(StatusCode::OK, s.app.assessment_worklist(&p).await)
}

#[utoipa::path(get, path = "/api/v1/assessments/checkpoints", responses((status = 200, body = Vec<CheckpointTask>), (status = 403, body = Problem)), security(("bearer" = [])))]
pub async fn checkpoint_tasks(State(s): State<AppState>, ApiUser(p): ApiUser) -> Response {
    reply(StatusCode::OK, s.app.checkpoint_tasks(&p).await)
}

/// A child's assessments, and the decided referrals an assessment can start from.
#[derive(serde::Serialize, utoipa::ToSchema)]
pub struct PersonAssessments {
    pub assessments: Vec<AssessmentListItem>,
    pub referrals: Vec<hearth_app::assessment::lifecycle::ReferralChoice>,
}

#[utoipa::path(get, path = "/api/v1/people/{id}/assessments", params(("id" = String, Path)),
    responses((status = 200, body = PersonAssessments), (status = 403, body = Problem), (status = 404, body = Problem)), security(("bearer" = [])))]
pub async fn of_person(
    State(s): State<AppState>,
    ApiUser(p): ApiUser,
    Path(id): Path<String>,
) -> Response {
    let Ok(id) = id.parse() else {
        return crate::errors::api_error(hearth_app::AppError::NotFound);
    };
    reply(
        StatusCode::OK,
        s.app
            .assessments_of_person(&p, id)
            .await
            .map(|(assessments, referrals)| PersonAssessments {
                assessments,
                referrals,
            }),
    )
}

#[utoipa::path(post, path = "/api/v1/assessments", request_body = OpenAssessmentInput,
    responses((status = 201, body = AssessmentView), (status = 400, body = Problem), (status = 409, body = Problem)), security(("bearer" = [])))]
pub async fn open(
    State(s): State<AppState>,
    ApiUser(p): ApiUser,
    ApiJson(input): ApiJson<OpenAssessmentInput>,
) -> Response {
    reply(StatusCode::CREATED, s.app.open_assessment(&p, &input).await)
}

#[utoipa::path(get, path = "/api/v1/assessments/{id}", params(("id" = String, Path)),
    responses((status = 200, body = AssessmentView), (status = 404, body = Problem)), security(("bearer" = [])))]
pub async fn show(
    State(s): State<AppState>,
    ApiUser(p): ApiUser,
    Path(id): Path<String>,
) -> Response {
    let id = tri!(uuid_of(&id));
    reply(StatusCode::OK, s.app.view_assessment(&p, id).await)
}

#[utoipa::path(get, path = "/api/v1/assessments/{id}/family-copy", params(("id" = String, Path)),
    responses((status = 200, body = AssessmentView), (status = 404, body = Problem)), security(("bearer" = [])))]
pub async fn family_copy(
    State(s): State<AppState>,
    ApiUser(p): ApiUser,
    Path(id): Path<String>,
) -> Response {
    let id = tri!(uuid_of(&id));
    reply(StatusCode::OK, s.app.family_copy(&p, id).await)
}

#[utoipa::path(put, path = "/api/v1/assessments/{id}/sections/{section}",
    params(("id" = String, Path), ("section" = String, Path, description = "plan, child-development, parenting-capacity, family-environment or analysis"), VersionParams),
    request_body = Object,
    responses((status = 200, body = SectionSaved), (status = 400, body = Problem), (status = 409, body = Problem)), security(("bearer" = [])))]
pub async fn save_section(
    State(s): State<AppState>,
    ApiUser(p): ApiUser,
    Path((id, section)): Path<(String, String)>,
    RawQuery(raw): RawQuery,
    ApiJson(input): ApiJson<SectionInput>,
) -> Response {
    let id = tri!(uuid_of(&id));
    let q: VersionParams = tri!(query(raw));
    reply(
        StatusCode::OK,
        s.app
            .save_assessment_section(&p, id, &section, q.version, &input)
            .await,
    )
}

#[utoipa::path(post, path = "/api/v1/assessments/{id}/visits", params(("id" = String, Path)), request_body = VisitInput,
    responses((status = 201, body = AssessmentView), (status = 400, body = Problem)), security(("bearer" = [])))]
pub async fn visit(
    State(s): State<AppState>,
    ApiUser(p): ApiUser,
    Path(id): Path<String>,
    ApiJson(input): ApiJson<VisitInput>,
) -> Response {
    let id = tri!(uuid_of(&id));
    reply(
        StatusCode::CREATED,
        s.app.record_visit(&p, id, &input).await,
    )
}

#[utoipa::path(post, path = "/api/v1/assessments/{id}/visits/{visit}/reason", params(("id" = String, Path), ("visit" = String, Path)), request_body = ReasonInput,
    responses((status = 200, body = AssessmentView), (status = 400, body = Problem), (status = 403, body = Problem)), security(("bearer" = [])))]
pub async fn visit_reason(
    State(s): State<AppState>,
    ApiUser(p): ApiUser,
    Path((id, visit)): Path<(String, String)>,
    ApiJson(input): ApiJson<ReasonInput>,
) -> Response {
    let id = tri!(uuid_of(&id));
    let visit = tri!(uuid_of(&visit));
    reply(
        StatusCode::OK,
        s.app.record_visit_reason(&p, id, visit, &input).await,
    )
}

#[utoipa::path(post, path = "/api/v1/assessments/{id}/interpreter-decision", params(("id" = String, Path)), request_body = InterpreterInput,
    responses((status = 201, body = AssessmentView), (status = 400, body = Problem)), security(("bearer" = [])))]
pub async fn interpreter_decision(
    State(s): State<AppState>,
    ApiUser(p): ApiUser,
    Path(id): Path<String>,
    ApiJson(input): ApiJson<InterpreterInput>,
) -> Response {
    let id = tri!(uuid_of(&id));
    reply(
        StatusCode::CREATED,
        s.app.record_interpreter_decision(&p, id, &input).await,
    )
}

#[utoipa::path(post, path = "/api/v1/assessments/{id}/views", params(("id" = String, Path)), request_body = ViewInput,
    responses((status = 201, body = AssessmentView), (status = 400, body = Problem)), security(("bearer" = [])))]
pub async fn add_view(
    State(s): State<AppState>,
    ApiUser(p): ApiUser,
    Path(id): Path<String>,
    ApiJson(input): ApiJson<ViewInput>,
) -> Response {
    let id = tri!(uuid_of(&id));
    reply(
        StatusCode::CREATED,
        s.app.add_assessment_view(&p, id, &input).await,
    )
}

#[utoipa::path(post, path = "/api/v1/assessments/{id}/agency-requests", params(("id" = String, Path)), request_body = AgencyRequestInput,
    responses((status = 201, body = AssessmentView), (status = 400, body = Problem)), security(("bearer" = [])))]
pub async fn agency_request(
    State(s): State<AppState>,
    ApiUser(p): ApiUser,
    Path(id): Path<String>,
    ApiJson(input): ApiJson<AgencyRequestInput>,
) -> Response {
    let id = tri!(uuid_of(&id));
    reply(
        StatusCode::CREATED,
        s.app.request_agency_information(&p, id, &input).await,
    )
}

#[utoipa::path(post, path = "/api/v1/assessments/{id}/agency-requests/{request}/response", params(("id" = String, Path), ("request" = String, Path)), request_body = AgencyResponseInput,
    responses((status = 200, body = AssessmentView), (status = 400, body = Problem), (status = 409, body = Problem)), security(("bearer" = [])))]
pub async fn agency_response(
    State(s): State<AppState>,
    ApiUser(p): ApiUser,
    Path((id, request)): Path<(String, String)>,
    ApiJson(input): ApiJson<AgencyResponseInput>,
) -> Response {
    let id = tri!(uuid_of(&id));
    let request = tri!(uuid_of(&request));
    reply(
        StatusCode::OK,
        s.app.record_agency_response(&p, id, request, &input).await,
    )
}

#[utoipa::path(post, path = "/api/v1/assessments/{id}/checkpoints/{n}", params(("id" = String, Path), ("n" = i64, Path)), request_body = CheckpointInput,
    responses((status = 200, body = AssessmentView), (status = 400, body = Problem), (status = 403, body = Problem)), security(("bearer" = [])))]
pub async fn checkpoint(
    State(s): State<AppState>,
    ApiUser(p): ApiUser,
    Path((id, n)): Path<(String, String)>,
    ApiJson(input): ApiJson<CheckpointInput>,
) -> Response {
    let id = tri!(uuid_of(&id));
    let Ok(n) = n.parse::<i64>() else {
        return crate::errors::api_error(hearth_app::AppError::NotFound);
    };
    reply(
        StatusCode::OK,
        s.app.answer_checkpoint(&p, id, n, &input).await,
    )
}

#[utoipa::path(post, path = "/api/v1/assessments/{id}/first-stage", params(("id" = String, Path)), request_body = FirstStageInput,
    responses((status = 200, body = AssessmentView), (status = 400, body = Problem), (status = 409, body = Problem)), security(("bearer" = [])))]
pub async fn first_stage(
    State(s): State<AppState>,
    ApiUser(p): ApiUser,
    Path(id): Path<String>,
    ApiJson(input): ApiJson<FirstStageInput>,
) -> Response {
    let id = tri!(uuid_of(&id));
    reply(
        StatusCode::OK,
        s.app.conclude_first_stage(&p, id, &input).await,
    )
}

#[utoipa::path(post, path = "/api/v1/assessments/{id}/submission", params(("id" = String, Path)), request_body = SubmitInput,
    responses((status = 200, body = AssessmentView), (status = 400, body = Problem), (status = 409, body = Problem)), security(("bearer" = [])))]
pub async fn submit(
    State(s): State<AppState>,
    ApiUser(p): ApiUser,
    Path(id): Path<String>,
    ApiJson(input): ApiJson<SubmitInput>,
) -> Response {
    let id = tri!(uuid_of(&id));
    reply(
        StatusCode::OK,
        s.app.submit_assessment(&p, id, &input).await,
    )
}

#[utoipa::path(post, path = "/api/v1/assessments/{id}/return", params(("id" = String, Path)), request_body = ReturnInput,
    responses((status = 200, body = AssessmentView), (status = 400, body = Problem), (status = 403, body = Problem)), security(("bearer" = [])))]
pub async fn return_for_work(
    State(s): State<AppState>,
    ApiUser(p): ApiUser,
    Path(id): Path<String>,
    ApiJson(input): ApiJson<ReturnInput>,
) -> Response {
    let id = tri!(uuid_of(&id));
    reply(
        StatusCode::OK,
        s.app.return_assessment(&p, id, &input).await,
    )
}

#[utoipa::path(post, path = "/api/v1/assessments/{id}/authorisation", params(("id" = String, Path)), request_body = AuthoriseInput,
    responses((status = 200, body = AssessmentView), (status = 400, body = Problem), (status = 403, body = Problem), (status = 409, body = Problem)), security(("bearer" = [])))]
pub async fn authorise(
    State(s): State<AppState>,
    ApiUser(p): ApiUser,
    Path(id): Path<String>,
    ApiJson(input): ApiJson<AuthoriseInput>,
) -> Response {
    let id = tri!(uuid_of(&id));
    reply(
        StatusCode::OK,
        s.app.authorise_assessment(&p, id, &input).await,
    )
}

#[utoipa::path(post, path = "/api/v1/assessments/{id}/action", params(("id" = String, Path)), request_body = ActInput,
    responses((status = 200, body = AssessmentView), (status = 400, body = Problem), (status = 409, body = Problem)), security(("bearer" = [])))]
pub async fn act(
    State(s): State<AppState>,
    ApiUser(p): ApiUser,
    Path(id): Path<String>,
    ApiJson(input): ApiJson<ActInput>,
) -> Response {
    let id = tri!(uuid_of(&id));
    reply(
        StatusCode::OK,
        s.app.act_on_assessment(&p, id, &input).await,
    )
}

#[utoipa::path(post, path = "/api/v1/assessments/{id}/family-copy/withholdings", params(("id" = String, Path)), request_body = WithholdInput,
    responses((status = 201, body = AssessmentView), (status = 400, body = Problem)), security(("bearer" = [])))]
pub async fn withhold(
    State(s): State<AppState>,
    ApiUser(p): ApiUser,
    Path(id): Path<String>,
    ApiJson(input): ApiJson<WithholdInput>,
) -> Response {
    let id = tri!(uuid_of(&id));
    reply(
        StatusCode::CREATED,
        s.app.withhold_from_family_copy(&p, id, &input).await,
    )
}

#[utoipa::path(post, path = "/api/v1/assessments/{id}/family-copy/withholdings/{withholding}/restore", params(("id" = String, Path), ("withholding" = String, Path)), request_body = RestoreInput,
    responses((status = 200, body = AssessmentView), (status = 400, body = Problem), (status = 404, body = Problem)), security(("bearer" = [])))]
pub async fn restore(
    State(s): State<AppState>,
    ApiUser(p): ApiUser,
    Path((id, withholding)): Path<(String, String)>,
    ApiJson(input): ApiJson<RestoreInput>,
) -> Response {
    let id = tri!(uuid_of(&id));
    let withholding = tri!(uuid_of(&withholding));
    reply(
        StatusCode::OK,
        s.app
            .restore_to_family_copy(&p, id, withholding, &input)
            .await,
    )
}
