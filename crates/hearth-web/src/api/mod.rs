//! The JSON API under `/api/v1`, mirroring the pages, with an OpenAPI document generated from the
//! handlers and types at `/api/v1/openapi.json`.

pub mod assessments;
pub mod calendar;
pub mod front_door;
pub mod health;
pub mod json;
pub mod people;
pub mod tokens;

use axum::{Json, Router};
use utoipa::OpenApi;

use crate::routes::gates::*;
use crate::routes::Routes;
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

/// Every endpoint with its gate (see [`crate::routes`]); paths are under `/api/v1`.
pub fn declare(r: Routes) -> Routes {
    r.get("/openapi.json", OPEN, openapi)
        .post("/tokens", OPEN, tokens::create_token)
        .get("/tokens", OPEN, tokens::my_tokens)
        .delete("/tokens/{id}", OPEN, tokens::revoke_my_token)
        .get("/users/{user}/tokens", OPEN, tokens::user_tokens)
        .delete("/users/{user}/tokens/{id}", OPEN, tokens::revoke_user_token)
        .get("/me", OPEN, tokens::me)
        .get("/people", role(SearchPeople), people::search)
        .post("/people", role(CreatePerson), people::create)
        .get("/people/{id}", read(Person, None), people::show)
        .put("/people/{id}", write(Person, None), people::update)
        .post(
            "/people/{id}/moves",
            write(Person, None),
            people::record_move,
        )
        .post(
            "/people/{id}/professionals",
            write(Person, None),
            people::add_professional,
        )
        .get("/people/{id}/access-log", ACCESS_LOG, people::access_log)
        .get(
            "/people/{id}/assessments",
            read(Person, Some(SearchPeople)),
            assessments::of_person,
        )
        .put(
            "/people/{id}/restriction",
            RESTRICTION,
            people::set_restriction,
        )
        .post(
            "/relationships",
            role(CreatePerson),
            people::add_relationship,
        )
        .get("/front-door", role(FrontDoorWork), front_door::queue)
        .post("/contacts", role(FrontDoorWork), front_door::create_contact)
        .get(
            "/contacts/{id}",
            read(Contact, Some(FrontDoorWork)),
            front_door::show_contact,
        )
        .post(
            "/contacts/{id}/children",
            write(Contact, Some(FrontDoorWork)),
            front_door::link_child,
        )
        .post(
            "/contacts/{id}/outcome",
            write(Contact, Some(FrontDoorWork)),
            front_door::conclude_contact,
        )
        .get(
            "/referrals/{id}",
            read(Referral, Some(FrontDoorWork)),
            front_door::show_referral,
        )
        .post(
            "/referrals/{id}/decision",
            write(Referral, Some(FrontDoorWork)),
            front_door::decide,
        )
        .post(
            "/referrals/{id}/sharing",
            write(Referral, Some(FrontDoorWork)),
            front_door::sharing,
        )
        .post(
            "/referrals/{id}/agency-checks",
            write(Referral, Some(FrontDoorWork)),
            front_door::agency_check,
        )
        .post(
            "/referrals/{id}/acknowledgement",
            write(Referral, Some(FrontDoorWork)),
            front_door::acknowledge,
        )
        .get(
            "/episodes/unallocated",
            role(AllocateWork),
            front_door::unallocated,
        )
        .post(
            "/episodes/{id}/allocation",
            write(Episode, Some(AllocateWork)),
            front_door::allocate,
        )
        .get(
            "/referral-forms",
            role(SubmitReferral),
            front_door::my_forms,
        )
        .post(
            "/referral-forms",
            role(SubmitReferral),
            front_door::start_form,
        )
        .get("/referral-forms/{id}", form(false), front_door::show_form)
        .put("/referral-forms/{id}", form(true), front_door::save_form)
        .post(
            "/referral-forms/{id}/submit",
            form(true),
            front_door::submit_form,
        )
        .get("/assessments", role(AssessmentWork), assessments::worklist)
        .post("/assessments", role(AssessmentWork), assessments::open)
        .get(
            "/assessments/checkpoints",
            role(ManagerDecision),
            assessments::checkpoint_tasks,
        )
        .get(
            "/assessments/{id}",
            read(Assessment, Some(SearchPeople)),
            assessments::show,
        )
        .get(
            "/assessments/{id}/family-copy",
            read(Assessment, Some(SearchPeople)),
            assessments::family_copy,
        )
        .put(
            "/assessments/{id}/sections/{section}",
            write(Assessment, Some(AssessmentWork)),
            assessments::save_section,
        )
        .post(
            "/assessments/{id}/visits",
            write(Assessment, Some(AssessmentWork)),
            assessments::visit,
        )
        .post(
            "/assessments/{id}/visits/{visit}/reason",
            write(Assessment, Some(ManagerDecision)),
            assessments::visit_reason,
        )
        .post(
            "/assessments/{id}/views",
            write(Assessment, Some(AssessmentWork)),
            assessments::add_view,
        )
        .post(
            "/assessments/{id}/agency-requests",
            write(Assessment, Some(AssessmentWork)),
            assessments::agency_request,
        )
        .post(
            "/assessments/{id}/agency-requests/{request}/response",
            write(Assessment, Some(AssessmentWork)),
            assessments::agency_response,
        )
        .post(
            "/assessments/{id}/checkpoints/{n}",
            write(Assessment, Some(ManagerDecision)),
            assessments::checkpoint,
        )
        .post(
            "/assessments/{id}/first-stage",
            write(Assessment, Some(AssessmentWork)),
            assessments::first_stage,
        )
        .post(
            "/assessments/{id}/submission",
            write(Assessment, Some(AssessmentWork)),
            assessments::submit,
        )
        .post(
            "/assessments/{id}/return",
            write(Assessment, Some(ManagerDecision)),
            assessments::return_for_work,
        )
        .post(
            "/assessments/{id}/authorisation",
            write(Assessment, Some(ManagerDecision)),
            assessments::authorise,
        )
        .post(
            "/assessments/{id}/action",
            write(Assessment, Some(AssessmentWork)),
            assessments::act,
        )
        .get("/protocol", role(ViewProtocols), calendar::protocol)
        .get("/calendar/holidays/{year}", OPEN, calendar::holidays)
        .get("/clocks/explain", OPEN, calendar::explain)
}

pub fn routes(state: &AppState) -> Router<AppState> {
    declare(Routes::new(Some(state.clone())))
        .router()
        .fallback(|| async {
            crate::errors::problem(
                axum::http::StatusCode::NOT_FOUND,
                "not_found",
                "No such API endpoint",
                vec![],
            )
        })
}
