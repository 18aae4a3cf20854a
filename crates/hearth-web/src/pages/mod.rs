//! HTML pages, grouped by area; one file per page or small family of pages.

pub mod accounts;
pub mod admin;
pub mod assessment;
pub mod audit_words;
pub mod casework;
pub mod census_findings;
pub mod cin;
pub mod front_door;
pub mod people;
pub mod plan_versions;
pub mod protection;
pub mod protocols;
pub mod returns;

use axum::response::{Html, IntoResponse, Response};
use hearth_app::accounts::auth::Principal;
use maud::Markup;

use crate::layout::{page, Page};
use crate::routes::gates::*;
use crate::routes::Routes;
use crate::AppState;

/// Every page with its gate (see [`crate::routes`]).
pub fn declare(r: Routes) -> Routes {
    r.get("/", OPEN, accounts::sign_in::home)
        .get("/sign-in", OPEN, accounts::sign_in::form)
        .post("/sign-in", OPEN, accounts::sign_in::submit)
        .post("/sign-out", OPEN, accounts::sign_in::sign_out)
        .get("/people", role(SearchPeople), people::search::search)
        .get("/people/new", role(CreatePerson), people::form::new_form)
        .post("/people/new", role(CreatePerson), people::form::create)
        .get("/people/{id}", read(Person, None), people::view::show)
        .get(
            "/people/{id}/edit",
            write(Person, None),
            people::form::edit_form,
        )
        .post(
            "/people/{id}/edit",
            write(Person, None),
            people::form::update,
        )
        .get(
            "/people/{id}/access-log",
            ACCESS_LOG,
            people::access_log::show,
        )
        .get(
            "/people/{id}/access-log.csv",
            ACCESS_LOG,
            people::access_log::csv,
        )
        .post(
            "/people/{id}/restriction",
            RESTRICTION,
            people::view::restriction,
        )
        .get(
            "/people/{id}/relationships/new",
            write(Person, None),
            people::links::relationship_form,
        )
        .post(
            "/people/{id}/relationships/new",
            write(Person, None),
            people::links::relationship_create,
        )
        .get(
            "/people/{id}/professionals/new",
            write(Person, None),
            people::links::professional_form,
        )
        .post(
            "/people/{id}/professionals/new",
            write(Person, None),
            people::links::professional_create,
        )
        .get(
            "/people/{id}/move",
            write(Person, None),
            people::links::move_form,
        )
        .post(
            "/people/{id}/move",
            write(Person, None),
            people::links::move_create,
        )
        .get(
            "/people/{id}/assessments/new",
            write(Person, Some(AssessmentWork)),
            assessment::decisions::start_form,
        )
        .post(
            "/people/{id}/assessments",
            write(Person, Some(AssessmentWork)),
            assessment::decisions::start,
        )
        .get("/admin/users", role(ManageUsers), admin::users)
        .post("/admin/users", role(ManageUsers), admin::add_user)
        .post(
            "/admin/users/{id}/disable",
            role(ManageUsers),
            admin::disable_user,
        )
        .get("/account/tokens", OPEN, accounts::tokens::mine)
        .post(
            "/account/tokens/{id}/revoke",
            OPEN,
            accounts::tokens::revoke_mine,
        )
        .get(
            "/admin/users/{id}/tokens",
            role(ManageUsers),
            accounts::tokens::of_user,
        )
        .post(
            "/admin/users/{id}/tokens/{token}/revoke",
            role(ManageUsers),
            accounts::tokens::revoke_of_user,
        )
        .get("/audit", role(ViewAudit), admin::audit)
        .get("/protocols", role(ViewProtocols), protocols::show)
        .post("/protocols", role(ManageCalendar), protocols::adopt)
        .get("/front-door", role(FrontDoorWork), front_door::queue::queue)
        .get(
            "/contacts/new",
            role(FrontDoorWork),
            front_door::queue::new_contact,
        )
        .post(
            "/contacts/new",
            role(FrontDoorWork),
            front_door::queue::create_contact,
        )
        .get(
            "/contacts/{id}",
            read(Contact, Some(FrontDoorWork)),
            front_door::queue::show_contact,
        )
        .post(
            "/contacts/{id}/children",
            write(Contact, Some(FrontDoorWork)),
            front_door::queue::link_child,
        )
        .post(
            "/contacts/{id}/outcome",
            write(Contact, Some(FrontDoorWork)),
            front_door::queue::conclude,
        )
        .get(
            "/referrals/{id}",
            read(Referral, Some(FrontDoorWork)),
            front_door::decision::show,
        )
        .post(
            "/referrals/{id}/decision",
            write(Referral, Some(DecideReferral)),
            front_door::decision::decide,
        )
        .get("/my-work", role(ChairConference), casework::my_work::show)
        .get("/team", role(AllocateWork), casework::team::show)
        .get("/census", role(CensusReturn), returns::census::show)
        .get(
            "/census/{year}/return.xml",
            role(CensusReturn),
            returns::census::download,
        )
        .post(
            "/team/reassign",
            role(AllocateWork),
            casework::team::reassign,
        )
        .post("/team/cover", role(AllocateWork), casework::team::cover)
        .get(
            "/people/{id}/case-notes/new",
            write(Person, Some(AssessmentWork)),
            casework::notes::new_form,
        )
        .post(
            "/people/{id}/case-notes/new",
            write(Person, Some(AssessmentWork)),
            casework::notes::create,
        )
        .get(
            "/case-notes/{id}",
            read(CaseNote, Some(SearchPeople)),
            casework::notes::show,
        )
        .post(
            "/case-notes/{id}/final",
            write(CaseNote, Some(AssessmentWork)),
            casework::notes::finalise,
        )
        .post(
            "/case-notes/{id}/corrections",
            write(CaseNote, Some(AssessmentWork)),
            casework::notes::correct,
        )
        .get(
            "/people/{id}/chronology",
            read(Person, Some(SearchPeople)),
            casework::chronology::show,
        )
        .get(
            "/people/{id}/chronology.csv",
            read(Person, Some(SearchPeople)),
            casework::chronology::csv,
        )
        .post(
            "/people/{id}/chronology/analysis",
            write(Person, Some(AssessmentWork)),
            casework::chronology::analysis,
        )
        .get(
            "/people/{id}/strategy-discussions/new",
            write(Person, Some(AssessmentWork)),
            protection::strategy::ask_form,
        )
        .post(
            "/people/{id}/strategy-discussions/new",
            write(Person, Some(AssessmentWork)),
            protection::strategy::ask,
        )
        .get(
            "/people/{id}/child-protection",
            read(Person, Some(SearchPeople)),
            protection::child_protection::show,
        )
        .get(
            "/people/{id}/census",
            read(Person, Some(SearchPeople)),
            people::census::show,
        )
        .post(
            "/people/{id}/census",
            write(Person, Some(AssessmentWork)),
            people::census::save,
        )
        .post(
            "/people/{id}/census/internal-review",
            write(Person, Some(AssessmentWork)),
            people::census::internal_review,
        )
        .post(
            "/people/{id}/census/query-reason",
            write(Person, Some(AssessmentWork)),
            people::census::query_reason,
        )
        .get(
            "/people/{id}/cin-plan",
            read(Person, Some(SearchPeople)),
            cin::plan_page::show,
        )
        .get(
            "/people/{id}/cin-plan/end-letters",
            read(Person, Some(SearchPeople)),
            cin::end_letters::show,
        )
        .get(
            "/people/{id}/cin-plan/family-copy",
            read(Person, Some(SearchPeople)),
            cin::family_copy::show,
        )
        .post(
            "/people/{id}/cin-plan/start",
            write(Person, Some(AssessmentWork)),
            cin::plan_forms::start,
        )
        .post(
            "/people/{id}/cin-plan/planning-meeting",
            write(Person, Some(AssessmentWork)),
            cin::plan_forms::planning_meeting,
        )
        .post(
            "/people/{id}/cin-plan/visit",
            write(Person, Some(AssessmentWork)),
            cin::plan_forms::visit,
        )
        .post(
            "/people/{id}/cin-plan/meeting",
            write(Person, Some(AssessmentWork)),
            cin::plan_forms::meeting,
        )
        .post(
            "/people/{id}/cin-plan/review",
            write(Person, Some(AssessmentWork)),
            cin::plan_forms::review,
        )
        .post(
            "/people/{id}/cin-plan/end",
            write(Person, Some(AssessmentWork)),
            cin::plan_forms::end,
        )
        .post(
            "/people/{id}/cin-plan/plan-version",
            write(Person, Some(AssessmentWork)),
            cin::plan_forms::new_version,
        )
        .post(
            "/people/{id}/cin-plan/plan-version-circulated",
            write(Person, Some(AssessmentWork)),
            cin::plan_forms::version_circulated,
        )
        .post(
            "/people/{id}/cin-plan/plan-action-done",
            write(Person, Some(AssessmentWork)),
            cin::plan_forms::action_done,
        )
        .get(
            "/people/{id}/child-protection/invitation-letters",
            read(Person, Some(SearchPeople)),
            protection::invitation_letters::show,
        )
        .get(
            "/people/{id}/child-protection/end-letters",
            read(Person, Some(SearchPeople)),
            protection::end_letters::show,
        )
        .post(
            "/people/{id}/child-protection/enquiry-outcome",
            write(Person, Some(AssessmentWork)),
            protection::child_protection_forms::enquiry_outcome,
        )
        .post(
            "/people/{id}/child-protection/transfer-in",
            write(Person, Some(AssessmentWork)),
            protection::child_protection_forms::transfer_in,
        )
        .post(
            "/people/{id}/child-protection/preparation",
            write(Person, Some(AssessmentWork)),
            protection::child_protection_forms::preparation,
        )
        .post(
            "/people/{id}/child-protection/held",
            CONFERENCE_RECORD,
            protection::child_protection_forms::held,
        )
        .post(
            "/people/{id}/child-protection/core-group",
            write(Person, Some(AssessmentWork)),
            protection::child_protection_forms::core_group,
        )
        .post(
            "/people/{id}/child-protection/visit",
            write(Person, Some(AssessmentWork)),
            protection::child_protection_forms::visit,
        )
        .post(
            "/people/{id}/child-protection/discontinuation",
            write(Person, Some(AssessmentWork)),
            protection::child_protection_forms::discontinuation,
        )
        .post(
            "/people/{id}/child-protection/early-review",
            write(Person, Some(AssessmentWork)),
            protection::child_protection_forms::early_review,
        )
        .post(
            "/people/{id}/child-protection/plan-version",
            write(Person, Some(AssessmentWork)),
            plan_versions::new_version,
        )
        .post(
            "/people/{id}/child-protection/plan-version-circulated",
            write(Person, Some(AssessmentWork)),
            plan_versions::version_circulated,
        )
        .post(
            "/people/{id}/child-protection/plan-action-done",
            write(Person, Some(AssessmentWork)),
            plan_versions::action_done,
        )
        .post(
            "/people/{id}/child-protection/circulated",
            CONFERENCE_RECORD,
            protection::child_protection_forms::circulated,
        )
        .get(
            "/strategy-discussions/{id}",
            read(StrategyDiscussion, Some(SearchPeople)),
            protection::strategy::show,
        )
        .post(
            "/strategy-discussions/{id}/held",
            write(StrategyDiscussion, Some(AssessmentWork)),
            protection::strategy::held,
        )
        .post(
            "/strategy-discussions/{id}/actions/{action}/done",
            write(StrategyDiscussion, Some(AssessmentWork)),
            protection::strategy::action_done,
        )
        .post(
            "/referrals/{id}/family",
            write(Referral, Some(FrontDoorWork)),
            front_door::decision::family,
        )
        .post(
            "/referrals/{id}/sharing",
            write(Referral, Some(FrontDoorWork)),
            front_door::decision::sharing,
        )
        .post(
            "/referrals/{id}/agency-checks",
            write(Referral, Some(FrontDoorWork)),
            front_door::decision::agency_check,
        )
        .post(
            "/referrals/{id}/acknowledgement",
            write(Referral, Some(FrontDoorWork)),
            front_door::decision::acknowledge,
        )
        .get(
            "/referrals/{id}/letter",
            read(Referral, Some(FrontDoorWork)),
            front_door::decision::letter,
        )
        .get(
            "/allocations",
            role(AllocateWork),
            front_door::decision::unallocated,
        )
        .get(
            "/episodes/{id}/allocate",
            write(Episode, Some(AllocateWork)),
            front_door::decision::allocate_form,
        )
        .post(
            "/episodes/{id}/allocate",
            write(Episode, Some(AllocateWork)),
            front_door::decision::allocate,
        )
        .get(
            "/assessments",
            role(AssessmentWork),
            assessment::record::list,
        )
        .get(
            "/assessments/{id}",
            read(Assessment, Some(SearchPeople)),
            assessment::record::show,
        )
        .post(
            "/assessments/{id}/visits",
            write(Assessment, Some(AssessmentWork)),
            assessment::record::visit,
        )
        .post(
            "/assessments/{id}/visit-reasons",
            write(Assessment, Some(ManagerDecision)),
            assessment::record::visit_reason,
        )
        .post(
            "/assessments/{id}/views",
            write(Assessment, Some(AssessmentWork)),
            assessment::record::view,
        )
        .post(
            "/assessments/{id}/interpreter",
            write(Assessment, Some(AssessmentWork)),
            assessment::record::interpreter,
        )
        .post(
            "/assessments/{id}/family-copy/withholdings",
            write(Assessment, Some(AssessmentWork)),
            assessment::withholdings::withhold,
        )
        .post(
            "/assessments/{id}/family-copy/restore",
            write(Assessment, Some(AssessmentWork)),
            assessment::withholdings::restore,
        )
        .post(
            "/assessments/{id}/agency-requests",
            write(Assessment, Some(AssessmentWork)),
            assessment::record::agency,
        )
        .post(
            "/assessments/{id}/agency-replies",
            write(Assessment, Some(AssessmentWork)),
            assessment::record::agency_reply,
        )
        .post(
            "/assessments/{id}/checkpoints/{n}",
            write(Assessment, Some(ManagerDecision)),
            assessment::record::checkpoint,
        )
        .post(
            "/assessments/{id}/first-stage",
            write(Assessment, Some(AssessmentWork)),
            assessment::record::first_stage,
        )
        .post(
            "/assessments/{id}/action",
            write(Assessment, Some(AssessmentWork)),
            assessment::record::act,
        )
        .get(
            "/assessments/{id}/sections/{section}",
            write(Assessment, Some(AssessmentWork)),
            assessment::sections::show,
        )
        .post(
            "/assessments/{id}/sections/{section}",
            write(Assessment, Some(AssessmentWork)),
            assessment::sections::save,
        )
        .get(
            "/assessments/{id}/submit",
            write(Assessment, Some(AssessmentWork)),
            assessment::decisions::submit_form,
        )
        .post(
            "/assessments/{id}/submit",
            write(Assessment, Some(AssessmentWork)),
            assessment::decisions::submit,
        )
        .get(
            "/assessments/{id}/authorise",
            write(Assessment, Some(ManagerDecision)),
            assessment::decisions::authorise_form,
        )
        .post(
            "/assessments/{id}/authorise",
            write(Assessment, Some(ManagerDecision)),
            assessment::decisions::authorise,
        )
        .post(
            "/assessments/{id}/return",
            write(Assessment, Some(ManagerDecision)),
            assessment::decisions::return_for_work,
        )
        .get(
            "/assessments/{id}/family-copy",
            read(Assessment, Some(SearchPeople)),
            assessment::family_copy::show,
        )
        .get(
            "/referral-forms",
            role(SubmitReferral),
            front_door::referral_forms::list,
        )
        .post(
            "/referral-forms/new",
            role(SubmitReferral),
            front_door::referral_forms::start,
        )
        .get(
            "/referral-forms/{id}",
            form(false),
            front_door::referral_forms::show,
        )
        .post(
            "/referral-forms/{id}",
            form(true),
            front_door::referral_forms::save,
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
