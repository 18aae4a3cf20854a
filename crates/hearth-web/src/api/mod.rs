//! The JSON API under `/api/v1`, mirroring the pages, with an OpenAPI document generated from the
//! handlers and types at `/api/v1/openapi.json`.

pub mod assessments;
pub mod calendar;
pub mod front_door;
pub mod health;
pub mod json;
pub mod people;
pub mod tokens;

use axum::routing::{delete, get, post, put};
use axum::{Json, Router};
use utoipa::OpenApi;

use crate::AppState;

#[derive(OpenApi)]
#[openapi(
    info(title = "Hearth API", description = "Children's social care case management. Errors are application/problem+json naming the field and the rule."),
    paths(
        health::healthz, tokens::create_token, tokens::me, tokens::my_tokens, tokens::revoke_my_token,
        tokens::user_tokens, tokens::revoke_user_token,
        people::search, people::create, people::show, people::update, people::record_move,
        people::add_relationship, people::add_professional, people::access_log,
        people::set_restriction,
        calendar::protocol, calendar::holidays, calendar::explain,
        front_door::queue, front_door::create_contact, front_door::show_contact, front_door::link_child,
        front_door::conclude_contact, front_door::show_referral, front_door::decide, front_door::sharing,
        front_door::agency_check, front_door::acknowledge, front_door::unallocated, front_door::allocate,
        front_door::my_forms, front_door::start_form, front_door::show_form, front_door::save_form, front_door::submit_form,
        assessments::worklist, assessments::checkpoint_tasks, assessments::of_person, assessments::open, assessments::show, assessments::family_copy, assessments::save_section,
        assessments::visit, assessments::visit_reason, assessments::add_view, assessments::agency_request,
        assessments::agency_response, assessments::checkpoint, assessments::first_stage, assessments::submit,
        assessments::return_for_work, assessments::authorise, assessments::act,
    ),
    components(schemas(crate::errors::Problem, crate::errors::ProblemField)),
    modifiers(&BearerAuth)
)]
pub struct ApiDoc;

struct BearerAuth;

impl utoipa::Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

async fn openapi() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/openapi.json", get(openapi))
        .route("/tokens", post(tokens::create_token).get(tokens::my_tokens))
        .route("/tokens/{id}", delete(tokens::revoke_my_token))
        .route("/users/{user}/tokens", get(tokens::user_tokens))
        .route(
            "/users/{user}/tokens/{id}",
            delete(tokens::revoke_user_token),
        )
        .route("/me", get(tokens::me))
        .route("/people", get(people::search).post(people::create))
        .route("/people/{id}", get(people::show).put(people::update))
        .route("/people/{id}/moves", post(people::record_move))
        .route("/people/{id}/professionals", post(people::add_professional))
        .route("/people/{id}/access-log", get(people::access_log))
        .route("/people/{id}/restriction", put(people::set_restriction))
        .route("/people/{id}/assessments", get(assessments::of_person))
        .route("/relationships", post(people::add_relationship))
        .route("/front-door", get(front_door::queue))
        .route("/contacts", post(front_door::create_contact))
        .route("/contacts/{id}", get(front_door::show_contact))
        .route("/contacts/{id}/children", post(front_door::link_child))
        .route("/contacts/{id}/outcome", post(front_door::conclude_contact))
        .route("/referrals/{id}", get(front_door::show_referral))
        .route("/referrals/{id}/decision", post(front_door::decide))
        .route("/referrals/{id}/sharing", post(front_door::sharing))
        .route(
            "/referrals/{id}/agency-checks",
            post(front_door::agency_check),
        )
        .route(
            "/referrals/{id}/acknowledgement",
            post(front_door::acknowledge),
        )
        .route("/episodes/unallocated", get(front_door::unallocated))
        .route("/episodes/{id}/allocation", post(front_door::allocate))
        .route(
            "/referral-forms",
            get(front_door::my_forms).post(front_door::start_form),
        )
        .route(
            "/referral-forms/{id}",
            get(front_door::show_form).put(front_door::save_form),
        )
        .route("/referral-forms/{id}/submit", post(front_door::submit_form))
        .route(
            "/assessments",
            get(assessments::worklist).post(assessments::open),
        )
        .route(
            "/assessments/checkpoints",
            get(assessments::checkpoint_tasks),
        )
        .route("/assessments/{id}", get(assessments::show))
        .route(
            "/assessments/{id}/family-copy",
            get(assessments::family_copy),
        )
        .route(
            "/assessments/{id}/sections/{section}",
            put(assessments::save_section),
        )
        .route("/assessments/{id}/visits", post(assessments::visit))
        .route(
            "/assessments/{id}/visits/{visit}/reason",
            post(assessments::visit_reason),
        )
        .route("/assessments/{id}/views", post(assessments::add_view))
        .route(
            "/assessments/{id}/agency-requests",
            post(assessments::agency_request),
        )
        .route(
            "/assessments/{id}/agency-requests/{request}/response",
            post(assessments::agency_response),
        )
        .route(
            "/assessments/{id}/checkpoints/{n}",
            post(assessments::checkpoint),
        )
        .route(
            "/assessments/{id}/first-stage",
            post(assessments::first_stage),
        )
        .route("/assessments/{id}/submission", post(assessments::submit))
        .route(
            "/assessments/{id}/return",
            post(assessments::return_for_work),
        )
        .route(
            "/assessments/{id}/authorisation",
            post(assessments::authorise),
        )
        .route("/assessments/{id}/action", post(assessments::act))
        .route("/protocol", get(calendar::protocol))
        .route("/calendar/holidays/{year}", get(calendar::holidays))
        .route("/clocks/explain", get(calendar::explain))
        .fallback(|| async {
            crate::errors::problem(
                axum::http::StatusCode::NOT_FOUND,
                "not_found",
                "No such API endpoint",
                vec![],
            )
        })
}
