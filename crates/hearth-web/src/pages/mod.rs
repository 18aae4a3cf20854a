//! HTML pages, grouped by area; one file per page or small family of pages.

pub mod admin;
pub mod assessment_blocks;
pub mod audit_words;
pub mod assessment_decisions;
pub mod assessment_sections;
pub mod assessments;
pub mod family_copy;
pub mod front_door;
pub mod people_search;
pub mod person_form;
pub mod person_links;
pub mod person_view;
pub mod protocols;
pub mod referral_decision;
pub mod referral_forms;
pub mod sign_in;
pub mod threshold_guidance;
pub mod threshold_indicators;

use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use hearth_app::auth::Principal;
use maud::Markup;

use crate::layout::{page, Page};
use crate::AppState;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(sign_in::home))
        .route("/sign-in", get(sign_in::form).post(sign_in::submit))
        .route("/sign-out", post(sign_in::sign_out))
        .route("/people", get(people_search::search))
        .route(
            "/people/new",
            get(person_form::new_form).post(person_form::create),
        )
        .route("/people/{id}", get(person_view::show))
        .route(
            "/people/{id}/edit",
            get(person_form::edit_form).post(person_form::update),
        )
        .route("/people/{id}/access-log", get(person_view::access_log))
        .route("/people/{id}/restriction", post(person_view::restriction))
        .route(
            "/people/{id}/relationships/new",
            get(person_links::relationship_form).post(person_links::relationship_create),
        )
        .route(
            "/people/{id}/professionals/new",
            get(person_links::professional_form).post(person_links::professional_create),
        )
        .route(
            "/people/{id}/move",
            get(person_links::move_form).post(person_links::move_create),
        )
        .route("/admin/users", get(admin::users).post(admin::add_user))
        .route("/admin/users/{id}/disable", post(admin::disable_user))
        .route("/audit", get(admin::audit))
        .route("/protocols", get(protocols::show).post(protocols::adopt))
        .route("/front-door", get(front_door::queue))
        .route(
            "/contacts/new",
            get(front_door::new_contact).post(front_door::create_contact),
        )
        .route("/contacts/{id}", get(front_door::show_contact))
        .route("/contacts/{id}/children", post(front_door::link_child))
        .route("/contacts/{id}/outcome", post(front_door::conclude))
        .route("/referrals/{id}", get(referral_decision::show))
        .route("/referrals/{id}/decision", post(referral_decision::decide))
        .route("/referrals/{id}/sharing", post(referral_decision::sharing))
        .route(
            "/referrals/{id}/agency-checks",
            post(referral_decision::agency_check),
        )
        .route(
            "/referrals/{id}/acknowledgement",
            post(referral_decision::acknowledge),
        )
        .route("/referrals/{id}/letter", get(referral_decision::letter))
        .route("/allocations", get(referral_decision::unallocated))
        .route(
            "/episodes/{id}/allocate",
            get(referral_decision::allocate_form).post(referral_decision::allocate),
        )
        .route("/assessments", get(assessments::list))
        .route("/assessments/{id}", get(assessments::show))
        .route("/assessments/{id}/visits", post(assessments::visit))
        .route(
            "/assessments/{id}/visit-reasons",
            post(assessments::visit_reason),
        )
        .route("/assessments/{id}/views", post(assessments::view))
        .route(
            "/assessments/{id}/agency-requests",
            post(assessments::agency),
        )
        .route(
            "/assessments/{id}/agency-replies",
            post(assessments::agency_reply),
        )
        .route(
            "/assessments/{id}/checkpoints/{n}",
            post(assessments::checkpoint),
        )
        .route(
            "/assessments/{id}/first-stage",
            post(assessments::first_stage),
        )
        .route("/assessments/{id}/action", post(assessments::act))
        .route(
            "/assessments/{id}/sections/{section}",
            get(assessment_sections::show).post(assessment_sections::save),
        )
        .route(
            "/assessments/{id}/submit",
            get(assessment_decisions::submit_form).post(assessment_decisions::submit),
        )
        .route(
            "/assessments/{id}/authorise",
            get(assessment_decisions::authorise_form).post(assessment_decisions::authorise),
        )
        .route(
            "/assessments/{id}/return",
            post(assessment_decisions::return_for_work),
        )
        .route("/assessments/{id}/family-copy", get(family_copy::show))
        .route(
            "/people/{id}/assessments/new",
            get(assessment_decisions::start_form),
        )
        .route(
            "/people/{id}/assessments",
            post(assessment_decisions::start),
        )
        .route("/referral-forms", get(referral_forms::list))
        .route("/referral-forms/new", post(referral_forms::start))
        .route(
            "/referral-forms/{id}",
            get(referral_forms::show).post(referral_forms::save),
        )
}

/// Wraps content in the shell for a signed-in user.
pub fn render(
    state: &AppState,
    user: &Principal,
    title: &str,
    section: &str,
    has_errors: bool,
    content: Markup,
) -> Response {
    let status = if has_errors {
        axum::http::StatusCode::BAD_REQUEST
    } else {
        axum::http::StatusCode::OK
    };
    (
        status,
        Html(
            page(
                Page {
                    title,
                    user: Some(user),
                    council: &state.council_name,
                    section,
                    has_errors,
                },
                content,
            )
            .into_string(),
        ),
    )
        .into_response()
}

/// The person a page is about, from `/people/{id}/…`: a 404 page for anything that is not an id.
pub struct PersonPath {
    pub pid: hearth_domain::ids::PersonId,
    /// The id as it appears in the path, for links back.
    pub id: String,
}

impl<S: Send + Sync> axum::extract::FromRequestParts<S> for PersonPath {
    type Rejection = Response;
    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        state: &S,
    ) -> Result<Self, Self::Rejection> {
        let not_found = || crate::errors::page_error(hearth_app::AppError::NotFound);
        let axum::extract::Path(id) =
            axum::extract::Path::<String>::from_request_parts(parts, state)
                .await
                .map_err(|_| not_found())?;
        let pid = id.parse().map_err(|_| not_found())?;
        Ok(PersonPath { pid, id })
    }
}
