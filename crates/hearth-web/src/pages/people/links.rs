//! Adding a relationship, a professional involved, or a move to a person's record.

use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::response::{IntoResponse, Redirect, Response};
use hearth_app::accounts::auth::Principal;
use hearth_app::people::cases::PeopleSearch;
use hearth_app::AppError;
use hearth_domain::errors::ValidationErrors;
use hearth_domain::person::AddressInput;
use hearth_domain::relationship::{InvolvementInput, RelationshipInput, RelationshipType};
use hearth_store::people::search::PersonSummary;
use maud::{html, Markup};

use crate::auth::PageUser;
use crate::forms::{anchor_for, choices, csrf, date_input, select, FormData, Input};
use crate::layout::error_summary;
use crate::pages::people::search::{born, restricted_matches};
use crate::pages::{render, PersonPath};
use crate::AppState;

fn back(id: &str) -> Markup {
    html! { a class="govuk-back-link" href={ "/people/" (id) } { "Back to the record" } }
}

fn relationship_page(
    state: &AppState,
    user: &Principal,
    id: &str,
    f: &FormData,
    errs: &ValidationErrors,
    found: &[PersonSummary],
) -> Response {
    let kinds: Vec<(&str, &str)> = RelationshipType::ALL
        .iter()
        .map(|k| (k.code(), k.label()))
        .collect();
    let options: Vec<(String, String)> = found
        .iter()
        .filter(|p| p.id.to_string() != id && !p.redacted)
        .map(|p| (p.id.to_string(), format!("{} – born {}", p.name, born(p))))
        .collect();
    let opts: Vec<(&str, &str)> = options
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    let content = html! {
        (back(id))
        (error_summary(errs, anchor_for(&["started"])))
        h1 class="govuk-heading-l" { "Add a relationship" }
        form method="get" action={ "/people/" (id) "/relationships/new" } novalidate {
            (Input::new("q", "Find the related person").hint("Their name, NHS number or UPN. If they are not recorded yet, add them first").render(f, errs))
            button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button" { "Find" }
        }
        (restricted_matches(found))
        @if !opts.is_empty() || errs.for_field("from_person").is_some() {
            form method="post" action={ "/people/" (id) "/relationships/new" } novalidate {
                (csrf(user.csrf.as_ref()))
                input type="hidden" name="q" value=(f.get("q"));
                (choices("radio", "from_person", "Who is the related person?", None, &opts, f, errs))
                (select("kind", "They are this person's…", &kinds, f, errs))
                (choices("checkbox", "parental_responsibility", "Parental responsibility", None, &[("yes", "They hold parental responsibility for this person")], f, errs))
                (choices("checkbox", "lives_with", "Household", None, &[("yes", "They live with this person")], f, errs))
                (date_input("started", "Since (optional)", "For example, 1 9 2020", f, errs))
                button type="submit" class="govuk-button" data-module="govuk-button" { "Save relationship" }
            }
        }
    };
    render(
        state,
        user,
        "Add a relationship",
        "people",
        !errs.is_empty(),
        content,
    )
}

async fn find(state: &AppState, user: &Principal, q: &str) -> Vec<PersonSummary> {
    if q.trim().is_empty() {
        return Vec::new();
    }
    state
        .app
        .search_people(
            user,
            &PeopleSearch {
                text: q.into(),
                date_of_birth: None,
            },
        )
        .await
        .unwrap_or_default()
}

pub async fn relationship_form(
    State(state): State<AppState>,
    PageUser(user): PageUser,
    PersonPath { id, .. }: PersonPath,
    RawQuery(q): RawQuery,
) -> Response {
    let f = FormData::parse(q.unwrap_or_default().as_bytes());
    let found = find(&state, &user, f.get("q")).await;
    let mut errs = ValidationErrors::default();
    if f.opt("q").is_some() && found.is_empty() {
        errs.add(
            "q",
            "no_match",
            "No one matches; check the spelling or add the person first",
        );
    }
    relationship_page(&state, &user, &id, &f, &errs, &found)
}

pub async fn relationship_create(
    State(state): State<AppState>,
    PageUser(user): PageUser,
    PersonPath { id, .. }: PersonPath,
    body: Bytes,
) -> Response {
    let f = FormData::parse(&body);
    let input = RelationshipInput {
        from_person: f.get("from_person").into(),
        to_person: id.clone(),
        kind: f.get("kind").into(),
        parental_responsibility: f.checked("parental_responsibility"),
        lives_with: f.checked("lives_with"),
        started: f.date("started"),
    };
    // The form asks from this person's side, so write access is checked on them too.
    match state.app.add_relationship(&user, &input).await {
        Ok(_) => Redirect::to(&format!("/people/{id}")).into_response(),
        Err(AppError::Validation(errs)) => {
            let found = find(&state, &user, f.get("q")).await;
            relationship_page(&state, &user, &id, &f, &errs, &found)
        }
        Err(e) => crate::errors::page_error(e),
    }
}

fn professional_page(
    state: &AppState,
    user: &Principal,
    id: &str,
    f: &FormData,
    errs: &ValidationErrors,
) -> Response {
    let content = html! {
        (back(id))
        (error_summary(errs, anchor_for(&["from", "to"])))
        h1 class="govuk-heading-l" { "Add a professional involved" }
        form method="post" action={ "/people/" (id) "/professionals/new" } novalidate {
            (csrf(user.csrf.as_ref()))
            (Input::new("name", "Name").render(f, errs))
            (Input::new("role", "Role").hint("For example GP, health visitor, designated safeguarding lead").render(f, errs))
            (Input::new("agency", "Agency").hint("For example the surgery, school or police team").render(f, errs))
            (Input::new("telephone", "Telephone (optional)").kind("tel").class("govuk-input--width-20").render(f, errs))
            (Input::new("email", "Email (optional)").kind("email").render(f, errs))
            (date_input("from", "Involved since", "For example, 1 9 2024", f, errs))
            (date_input("to", "Involved until (optional)", "Leave blank if they are still involved", f, errs))
            button type="submit" class="govuk-button" data-module="govuk-button" { "Save professional" }
        }
    };
    render(
        state,
        user,
        "Add a professional",
        "people",
        !errs.is_empty(),
        content,
    )
}

pub async fn professional_form(
    State(state): State<AppState>,
    PageUser(user): PageUser,
    PersonPath { id, .. }: PersonPath,
) -> Response {
    professional_page(
        &state,
        &user,
        &id,
        &FormData::default(),
        &ValidationErrors::default(),
    )
}

pub async fn professional_create(
    State(state): State<AppState>,
    PageUser(user): PageUser,
    PersonPath { pid, id }: PersonPath,
    body: Bytes,
) -> Response {
    let f = FormData::parse(&body);
    let input = InvolvementInput {
        name: f.get("name").into(),
        role: f.get("role").into(),
        agency: f.get("agency").into(),
        telephone: f.opt("telephone"),
        email: f.opt("email"),
        from: f.date("from").unwrap_or_default(),
        to: f.date("to"),
    };
    match state.app.add_involvement(&user, pid, &input).await {
        Ok(_) => Redirect::to(&format!("/people/{id}")).into_response(),
        Err(AppError::Validation(errs)) => professional_page(&state, &user, &id, &f, &errs),
        Err(e) => crate::errors::page_error(e),
    }
}

fn move_page(
    state: &AppState,
    user: &Principal,
    id: &str,
    f: &FormData,
    errs: &ValidationErrors,
) -> Response {
    let content = html! {
        (back(id))
        (error_summary(errs, anchor_for(&["from"])))
        h1 class="govuk-heading-l" { "Record a move" }
        p class="govuk-body" { "The current address will end the day before the new one starts. Old addresses are kept." }
        form method="post" action={ "/people/" (id) "/move" } novalidate {
            (csrf(user.csrf.as_ref()))
            (Input::new("line1", "Address line 1").render(f, errs))
            (Input::new("line2", "Address line 2 (optional)").render(f, errs))
            (Input::new("town", "Town or city").class("govuk-!-width-two-thirds").render(f, errs))
            (Input::new("postcode", "Postcode").class("govuk-input--width-10").render(f, errs))
            (date_input("from", "Moved in on", "For example, 1 9 2024", f, errs))
            button type="submit" class="govuk-button" data-module="govuk-button" { "Save address" }
        }
    };
    render(
        state,
        user,
        "Record a move",
        "people",
        !errs.is_empty(),
        content,
    )
}

pub async fn move_form(
    State(state): State<AppState>,
    PageUser(user): PageUser,
    PersonPath { id, .. }: PersonPath,
) -> Response {
    move_page(
        &state,
        &user,
        &id,
        &FormData::default(),
        &ValidationErrors::default(),
    )
}

pub async fn move_create(
    State(state): State<AppState>,
    PageUser(user): PageUser,
    PersonPath { pid, id }: PersonPath,
    body: Bytes,
) -> Response {
    let f = FormData::parse(&body);
    let input = AddressInput {
        line1: f.get("line1").into(),
        line2: f.opt("line2"),
        town: f.get("town").into(),
        postcode: f.get("postcode").into(),
        from: f.date("from").unwrap_or_default(),
    };
    match state.app.record_move(&user, pid, &input).await {
        Ok(_) => Redirect::to(&format!("/people/{id}")).into_response(),
        Err(AppError::Validation(errs)) => move_page(&state, &user, &id, &f, &errs),
        Err(e) => crate::errors::page_error(e),
    }
}
