//! The JSON API under `/api/v1`, mirroring the pages, with an OpenAPI document generated from the
//! handlers and types at `/api/v1/openapi.json`.

pub mod access_log;
pub mod assessments;
pub mod calendar;
pub mod casework;
pub mod census;
pub mod census_identity;
pub mod child_protection;
pub mod cin_plans;
pub mod cp_plan_versions;
pub mod front_door;
pub mod health;
pub mod json;
pub mod people;
pub mod protection;
pub mod team;
pub mod tokens;

use axum::Router;
use utoipa::OpenApi;

use crate::routes::gates::*;
use crate::routes::{op, ApiRoutes};
use crate::AppState;

/// Where the API is served; its documented paths begin with it.
pub const PREFIX: &str = "/api/v1";

/// What the document says beyond its operations, which come from [`declare`] (each route's
/// handler's `#[utoipa::path]`, with the schemas it names).
#[derive(OpenApi)]
#[openapi(
    info(title = "Hearth API", description = "Children's social care case management. Errors are application/problem+json naming the field and the rule."),
    modifiers(&BearerAuth)
)]
struct ApiDoc;

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

/// Every endpoint with its gate and the operation its handler's `#[utoipa::path]` documents (see
/// [`crate::routes`]); paths are under `/api/v1`. The OpenAPI document is built from this list.
fn declare(r: ApiRoutes) -> ApiRoutes {
    r.openapi_at("/openapi.json", OPEN)
        // Routed at the root by `crate::router` (no sign-in, no data), documented here.
        .elsewhere("GET", "/healthz", op!(health::healthz))
        .post("/tokens", OPEN, op!(tokens::create_token))
        .get("/tokens", OPEN, op!(tokens::my_tokens))
        .delete("/tokens/{id}", OPEN, op!(tokens::revoke_my_token))
        .get("/users/{user}/tokens", OPEN, op!(tokens::user_tokens))
        .delete(
            "/users/{user}/tokens/{id}",
            OPEN,
            op!(tokens::revoke_user_token),
        )
        .get("/me", OPEN, op!(tokens::me))
        .get("/people", role(SearchPeople), op!(people::search))
        .post("/people", role(CreatePerson), op!(people::create))
        .get("/people/{id}", read(Person, None), op!(people::show))
        .put("/people/{id}", write(Person, None), op!(people::update))
        .post(
            "/people/{id}/moves",
            write(Person, None),
            op!(people::record_move),
        )
        .post(
            "/people/{id}/professionals",
            write(Person, None),
            op!(people::add_professional),
        )
        .get(
            "/people/{id}/access-log",
            ACCESS_LOG,
            op!(access_log::access_log),
        )
        .get(
            "/people/{id}/access-log.csv",
            ACCESS_LOG,
            op!(access_log::access_log_csv),
        )
        .get(
            "/people/{id}/assessments",
            read(Person, Some(SearchPeople)),
            op!(assessments::of_person),
        )
        .put(
            "/people/{id}/restriction",
            RESTRICTION,
            op!(people::set_restriction),
        )
        .get(
            "/people/{id}/child-protection",
            read(Person, Some(SearchPeople)),
            op!(child_protection::show),
        )
        .post(
            "/people/{id}/enquiries/{enquiry}/conclusion",
            write(Person, Some(AssessmentWork)),
            op!(child_protection::conclude_enquiry),
        )
        .post(
            "/people/{id}/transfer-in-conferences",
            write(Person, Some(AssessmentWork)),
            op!(child_protection::transfer_in),
        )
        .post(
            "/people/{id}/conferences/{conference}/preparation",
            write(Person, Some(AssessmentWork)),
            op!(child_protection::prepare),
        )
        .post(
            "/people/{id}/conferences/{conference}/held",
            CONFERENCE_RECORD,
            op!(child_protection::hold),
        )
        .post(
            "/people/{id}/conferences/{conference}/circulated",
            CONFERENCE_RECORD,
            op!(child_protection::circulated),
        )
        .post(
            "/people/{id}/cp-plans/{plan}/core-groups",
            write(Person, Some(AssessmentWork)),
            op!(child_protection::core_group),
        )
        .post(
            "/people/{id}/cp-plans/{plan}/versions",
            write(Person, Some(AssessmentWork)),
            op!(cp_plan_versions::new_version),
        )
        .post(
            "/people/{id}/cp-plans/{plan}/versions/{version}/circulated",
            write(Person, Some(AssessmentWork)),
            op!(cp_plan_versions::version_circulated),
        )
        .post(
            "/people/{id}/cp-plans/{plan}/actions/{action}/done",
            write(Person, Some(AssessmentWork)),
            op!(cp_plan_versions::action_done),
        )
        .post(
            "/people/{id}/census-queries",
            write(Person, Some(AssessmentWork)),
            op!(census::explain),
        )
        .get(
            "/people/{id}/census-identity",
            read(Person, Some(SearchPeople)),
            op!(census_identity::show),
        )
        .put(
            "/people/{id}/census-identity",
            write(Person, Some(AssessmentWork)),
            op!(census_identity::update),
        )
        .put(
            "/people/{id}/assessments/{assessment}/internal-review",
            write(Person, Some(AssessmentWork)),
            op!(census_identity::internal_review),
        )
        .get(
            "/people/{id}/cin-plans",
            read(Person, Some(SearchPeople)),
            op!(cin_plans::show),
        )
        .post(
            "/people/{id}/cin-plans/{plan}/start",
            write(Person, Some(AssessmentWork)),
            op!(cin_plans::start),
        )
        .post(
            "/people/{id}/cin-plans/{plan}/versions",
            write(Person, Some(AssessmentWork)),
            op!(cin_plans::new_version),
        )
        .post(
            "/people/{id}/cin-plans/{plan}/planning-meeting",
            write(Person, Some(AssessmentWork)),
            op!(cin_plans::planning_meeting),
        )
        .post(
            "/people/{id}/cin-plans/{plan}/meetings",
            write(Person, Some(AssessmentWork)),
            op!(cin_plans::meeting),
        )
        .post(
            "/people/{id}/cin-plans/{plan}/versions/{version}/circulated",
            write(Person, Some(AssessmentWork)),
            op!(cin_plans::version_circulated),
        )
        .post(
            "/people/{id}/cin-plans/{plan}/actions/{action}/done",
            write(Person, Some(AssessmentWork)),
            op!(cin_plans::action_done),
        )
        .post(
            "/people/{id}/cin-plans/{plan}/visits",
            write(Person, Some(AssessmentWork)),
            op!(cin_plans::visit),
        )
        .post(
            "/people/{id}/cin-plans/{plan}/reviews",
            write(Person, Some(AssessmentWork)),
            op!(cin_plans::review),
        )
        .post(
            "/people/{id}/cin-plans/{plan}/ending",
            write(Person, Some(AssessmentWork)),
            op!(cin_plans::ending),
        )
        .post(
            "/people/{id}/cp-visits",
            write(Person, Some(AssessmentWork)),
            op!(child_protection::visit),
        )
        .post(
            "/people/{id}/cp-plans/{plan}/discontinuation",
            write(Person, Some(AssessmentWork)),
            op!(child_protection::discontinue),
        )
        .post(
            "/people/{id}/cp-plans/{plan}/early-review",
            write(Person, Some(AssessmentWork)),
            op!(child_protection::early_review),
        )
        .post(
            "/relationships",
            role(CreatePerson),
            op!(people::add_relationship),
        )
        .get("/front-door", role(FrontDoorWork), op!(front_door::queue))
        .post(
            "/contacts",
            role(FrontDoorWork),
            op!(front_door::create_contact),
        )
        .get(
            "/contacts/{id}",
            read(Contact, Some(FrontDoorWork)),
            op!(front_door::show_contact),
        )
        .post(
            "/contacts/{id}/children",
            write(Contact, Some(FrontDoorWork)),
            op!(front_door::link_child),
        )
        .post(
            "/contacts/{id}/outcome",
            write(Contact, Some(FrontDoorWork)),
            op!(front_door::conclude_contact),
        )
        .get(
            "/referrals/{id}",
            read(Referral, Some(FrontDoorWork)),
            op!(front_door::show_referral),
        )
        .post(
            "/referrals/{id}/decision",
            write(Referral, Some(DecideReferral)),
            op!(front_door::decide),
        )
        .post(
            "/referrals/{id}/family",
            write(Referral, Some(FrontDoorWork)),
            op!(front_door::family),
        )
        .get("/my-work", role(ChairConference), op!(casework::my_work))
        .get("/team", role(AllocateWork), op!(team::view))
        .get(
            "/census/{year}/return.xml",
            role(CensusReturn),
            op!(census::export),
        )
        .get(
            "/census/readiness",
            role(CensusReturn),
            op!(census::readiness),
        )
        .post(
            "/team/reassignments",
            role(AllocateWork),
            op!(team::reassign),
        )
        .post("/team/cover", role(AllocateWork), op!(team::cover))
        .put(
            "/team/members/{user}/fte",
            role(AllocateWork),
            op!(team::fte),
        )
        .get(
            "/people/{id}/summary",
            read(Person, Some(SearchPeople)),
            op!(casework::summary),
        )
        .post(
            "/case-notes",
            role(AssessmentWork),
            op!(casework::record_note),
        )
        .get(
            "/case-notes/{id}",
            read(CaseNote, Some(SearchPeople)),
            op!(casework::show_note),
        )
        .put(
            "/case-notes/{id}",
            write(CaseNote, Some(AssessmentWork)),
            op!(casework::update_note),
        )
        .post(
            "/case-notes/{id}/final",
            write(CaseNote, Some(AssessmentWork)),
            op!(casework::finalise_note),
        )
        .post(
            "/case-notes/{id}/corrections",
            write(CaseNote, Some(AssessmentWork)),
            op!(casework::correct_note),
        )
        .get(
            "/people/{id}/case-notes",
            read(Person, Some(SearchPeople)),
            op!(casework::notes_of),
        )
        .get(
            "/people/{id}/chronology",
            read(Person, Some(SearchPeople)),
            op!(casework::chronology),
        )
        .get(
            "/people/{id}/chronology.csv",
            read(Person, Some(SearchPeople)),
            op!(casework::chronology_csv),
        )
        .put(
            "/people/{id}/chronology/analysis",
            write(Person, Some(AssessmentWork)),
            op!(casework::analysis),
        )
        .post(
            "/strategy-discussions",
            role(AssessmentWork),
            op!(protection::request),
        )
        .get(
            "/strategy-discussions/{id}",
            read(StrategyDiscussion, Some(SearchPeople)),
            op!(protection::show),
        )
        .post(
            "/strategy-discussions/{id}/held",
            write(StrategyDiscussion, Some(AssessmentWork)),
            op!(protection::held),
        )
        .post(
            "/strategy-discussions/{id}/actions/{action}/done",
            write(StrategyDiscussion, Some(AssessmentWork)),
            op!(protection::action_done),
        )
        .get(
            "/people/{id}/strategy-discussions",
            read(Person, Some(SearchPeople)),
            op!(protection::of_person),
        )
        .post(
            "/referrals/{id}/sharing",
            write(Referral, Some(FrontDoorWork)),
            op!(front_door::sharing),
        )
        .post(
            "/referrals/{id}/agency-checks",
            write(Referral, Some(FrontDoorWork)),
            op!(front_door::agency_check),
        )
        .post(
            "/referrals/{id}/acknowledgement",
            write(Referral, Some(FrontDoorWork)),
            op!(front_door::acknowledge),
        )
        .get(
            "/episodes/unallocated",
            role(AllocateWork),
            op!(front_door::unallocated),
        )
        .post(
            "/episodes/{id}/allocation",
            write(Episode, Some(AllocateWork)),
            op!(front_door::allocate),
        )
        .put(
            "/episodes/{id}/primary-need",
            write(Episode, Some(AssessmentWork)),
            op!(front_door::revise_primary_need),
        )
        .get(
            "/referral-forms",
            role(SubmitReferral),
            op!(front_door::my_forms),
        )
        .post(
            "/referral-forms",
            role(SubmitReferral),
            op!(front_door::start_form),
        )
        .get(
            "/referral-forms/{id}",
            form(false),
            op!(front_door::show_form),
        )
        .put(
            "/referral-forms/{id}",
            form(true),
            op!(front_door::save_form),
        )
        .post(
            "/referral-forms/{id}/submit",
            form(true),
            op!(front_door::submit_form),
        )
        .get(
            "/assessments",
            role(AssessmentWork),
            op!(assessments::worklist),
        )
        .post("/assessments", role(AssessmentWork), op!(assessments::open))
        .get(
            "/assessments/checkpoints",
            role(ManagerDecision),
            op!(assessments::checkpoint_tasks),
        )
        .get(
            "/assessments/{id}",
            read(Assessment, Some(SearchPeople)),
            op!(assessments::show),
        )
        .get(
            "/assessments/{id}/family-copy",
            read(Assessment, Some(SearchPeople)),
            op!(assessments::family_copy),
        )
        .put(
            "/assessments/{id}/sections/{section}",
            write(Assessment, Some(AssessmentWork)),
            op!(assessments::save_section),
        )
        .post(
            "/assessments/{id}/visits",
            write(Assessment, Some(AssessmentWork)),
            op!(assessments::visit),
        )
        .post(
            "/assessments/{id}/visits/{visit}/reason",
            write(Assessment, Some(ManagerDecision)),
            op!(assessments::visit_reason),
        )
        .post(
            "/assessments/{id}/interpreter-decision",
            write(Assessment, Some(AssessmentWork)),
            op!(assessments::interpreter_decision),
        )
        .post(
            "/assessments/{id}/family-copy/withholdings",
            write(Assessment, Some(AssessmentWork)),
            op!(assessments::withhold),
        )
        .post(
            "/assessments/{id}/family-copy/withholdings/{withholding}/restore",
            write(Assessment, Some(AssessmentWork)),
            op!(assessments::restore),
        )
        .post(
            "/assessments/{id}/views",
            write(Assessment, Some(AssessmentWork)),
            op!(assessments::add_view),
        )
        .post(
            "/assessments/{id}/agency-requests",
            write(Assessment, Some(AssessmentWork)),
            op!(assessments::agency_request),
        )
        .post(
            "/assessments/{id}/agency-requests/{request}/response",
            write(Assessment, Some(AssessmentWork)),
            op!(assessments::agency_response),
        )
        .post(
            "/assessments/{id}/checkpoints/{n}",
            write(Assessment, Some(ManagerDecision)),
            op!(assessments::checkpoint),
        )
        .post(
            "/assessments/{id}/first-stage",
            write(Assessment, Some(AssessmentWork)),
            op!(assessments::first_stage),
        )
        .post(
            "/assessments/{id}/submission",
            write(Assessment, Some(AssessmentWork)),
            op!(assessments::submit),
        )
        .post(
            "/assessments/{id}/return",
            write(Assessment, Some(ManagerDecision)),
            op!(assessments::return_for_work),
        )
        .post(
            "/assessments/{id}/authorisation",
            write(Assessment, Some(ManagerDecision)),
            op!(assessments::authorise),
        )
        .post(
            "/assessments/{id}/action",
            write(Assessment, Some(AssessmentWork)),
            op!(assessments::act),
        )
        .get("/protocol", role(ViewProtocols), op!(calendar::protocol))
        .get("/calendar/holidays/{year}", OPEN, op!(calendar::holidays))
        .get("/clocks/explain", OPEN, op!(calendar::explain))
}

/// The API's list, as a router when given the state, else as its table and document alone.
pub(crate) fn declared(state: Option<AppState>) -> ApiRoutes {
    declare(ApiRoutes::new(state, PREFIX, ApiDoc::openapi()))
}

/// The OpenAPI document served at `/api/v1/openapi.json`.
pub fn openapi() -> utoipa::openapi::OpenApi {
    declared(None).openapi()
}

pub fn routes(state: &AppState) -> Router<AppState> {
    declared(Some(state.clone())).router().fallback(|| async {
        crate::errors::problem(
            axum::http::StatusCode::NOT_FOUND,
            "not_found",
            "No such API endpoint",
            vec![],
        )
    })
}
