//! Creating and editing a person. The same form serves both; a save that would overwrite someone
//! else's change is refused with both versions' facts, and nothing typed is lost.

use axum::body::Bytes;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use hearth_app::accounts::auth::Principal;
use hearth_app::AppError;
use hearth_domain::codes::{Disability, Ethnicity, Sex};
use hearth_domain::errors::ValidationErrors;
use hearth_domain::person::{AddressInput, Person, PersonInput};
use hearth_store::people::search::PersonSummary;
use maud::{html, Markup};

use crate::auth::PageUser;
use crate::forms::{anchor_for, choices, csrf, date_input, select, textarea, FormData, Input};
use crate::layout::error_summary;
use crate::pages::people::search::results_table;
use crate::pages::{render, PersonPath};
use crate::AppState;

const DATE_FIELDS: &[&str] = &["date_of_birth", "expected_date_of_delivery", "address.from"];

/// Reads a person from the submitted form.
pub fn person_input(f: &FormData, with_address: bool) -> PersonInput {
    let address = (with_address
        && (f.opt("address.line1").is_some() || f.opt("address.postcode").is_some()))
    .then(|| AddressInput {
        line1: f.get("address.line1").into(),
        line2: f.opt("address.line2"),
        town: f.get("address.town").into(),
        postcode: f.get("address.postcode").into(),
        from: f.date("address.from").unwrap_or_default(),
    });
    PersonInput {
        kind: f.get("kind").into(),
        given_names: f.get("given_names").into(),
        family_name: f.get("family_name").into(),
        aliases: f.get("aliases").lines().map(str::to_string).collect(),
        date_of_birth: f.date("date_of_birth"),
        expected_date_of_delivery: f.date("expected_date_of_delivery"),
        sex: f.opt("sex"),
        gender_identity: f.opt("gender_identity"),
        ethnicity: f.opt("ethnicity"),
        first_language: f.opt("first_language"),
        communication_needs: f.opt("communication_needs"),
        interpreter_required: f.checked("interpreter_required"),
        disabilities: f.all("disabilities"),
        nhs_number: f.opt("nhs_number"),
        upn: f.opt("upn"),
        telephone: f.opt("telephone"),
        address,
    }
}

/// The form pre-filled from a stored person.
fn form_of(p: &Person) -> FormData {
    let d = &p.details;
    let mut f = FormData::default();
    f.set("kind", d.kind.code());
    f.set("given_names", d.given_names.clone());
    f.set("family_name", d.family_name.clone());
    f.set("aliases", d.aliases.join("\n"));
    f.set_date("date_of_birth", d.date_of_birth());
    f.set_date("expected_date_of_delivery", d.expected_date_of_delivery());
    f.set("sex", d.sex.map(|s| s.code()).unwrap_or_default());
    f.set(
        "gender_identity",
        d.gender_identity.clone().unwrap_or_default(),
    );
    f.set(
        "ethnicity",
        d.ethnicity.map(|s| s.code()).unwrap_or_default(),
    );
    f.set(
        "first_language",
        d.first_language.clone().unwrap_or_default(),
    );
    f.set(
        "communication_needs",
        d.communication_needs.clone().unwrap_or_default(),
    );
    if d.interpreter_required {
        f.set("interpreter_required", "yes");
    }
    for x in &d.disabilities {
        f.push("disabilities", x.code());
    }
    f.set(
        "nhs_number",
        d.nhs_number
            .as_ref()
            .map(|n| n.formatted())
            .unwrap_or_default(),
    );
    f.set(
        "upn",
        d.upn
            .as_ref()
            .map(|u| u.as_str().to_string())
            .unwrap_or_default(),
    );
    f.set("telephone", d.telephone.clone().unwrap_or_default());
    f.set("version", p.version.to_string());
    f
}

/// A census code list for staff: words first, the code in brackets.
fn codes<T: Copy>(
    all: &[T],
    code: fn(T) -> &'static str,
    label: fn(T) -> &'static str,
) -> Vec<(&'static str, String)> {
    all.iter()
        .map(|v| (code(*v), crate::forms::words_then_code(label(*v), code(*v))))
        .collect()
}

fn refs<'a>(v: &'a [(&'static str, String)]) -> Vec<(&'static str, &'a str)> {
    v.iter().map(|(c, l)| (*c, l.as_str())).collect()
}

fn fields(f: &FormData, errs: &ValidationErrors, creating: bool) -> Markup {
    let sexes = codes(Sex::ALL, Sex::code, Sex::label);
    let eths = codes(Ethnicity::ALL, Ethnicity::code, Ethnicity::label);
    let dis = codes(Disability::ALL, Disability::code, Disability::label);
    html! {
        (choices("radio", "kind", "Is this person a child or an adult?", None, &[("child", "Child (including unborn)"), ("adult", "Adult")], f, errs))
        (Input::new("given_names", "First name(s)").hint("Leave blank for an unborn child who has no name yet").autocomplete("off").render(f, errs))
        (Input::new("family_name", "Family name").autocomplete("off").render(f, errs))
        (textarea("aliases", "Other names (optional)", Some("Names they are also known by or were known by, one per line"), f, errs))
        (date_input("date_of_birth", "Date of birth", "For example, 27 3 2019. Leave blank for an unborn child", f, errs))
        (date_input("expected_date_of_delivery", "Expected date of delivery (unborn children only)", "For example, 14 2 2027", f, errs))
        (select("sex", "Sex (optional)", &refs(&sexes), f, errs))
        (Input::new("gender_identity", "Gender identity, in their words (optional)").render(f, errs))
        (select("ethnicity", "Ethnicity (optional)", &refs(&eths), f, errs))
        (Input::new("first_language", "First language (optional)").class("govuk-!-width-one-half").render(f, errs))
        (textarea("communication_needs", "Communication needs (optional)", Some("For example sign language, an interpreter, easy-read materials"), f, errs))
        (choices("checkbox", "interpreter_required", "Interpreter", None, &[("yes", "An interpreter is needed")], f, errs))
        (choices("checkbox", "disabilities", "Disability (optional)", Some("Select all that apply. 'No disability' stands alone"), &refs(&dis), f, errs))
        (Input::new("nhs_number", "NHS number (optional)").hint("10 digits, for example 943 476 5919").class("govuk-input--width-10").render(f, errs))
        (Input::new("upn", "Unique pupil number (optional)").hint("13 characters, for example A123456789012").class("govuk-input--width-20").render(f, errs))
        (Input::new("telephone", "Telephone (optional)").kind("tel").class("govuk-input--width-20").render(f, errs))
        @if creating {
            h2 class="govuk-heading-m" { "Current address (optional)" }
            (Input::new("address.line1", "Address line 1").render(f, errs))
            (Input::new("address.line2", "Address line 2 (optional)").render(f, errs))
            (Input::new("address.town", "Town or city").class("govuk-!-width-two-thirds").render(f, errs))
            (Input::new("address.postcode", "Postcode").class("govuk-input--width-10").render(f, errs))
            (date_input("address.from", "Living here since", "For example, 1 9 2024", f, errs))
        }
    }
}

fn duplicates_panel(dups: &[PersonSummary]) -> Markup {
    html! {
        div class="govuk-warning-text" {
            span class="govuk-warning-text__icon" aria-hidden="true" { "!" }
            strong class="govuk-warning-text__text" { span class="govuk-visually-hidden" { "Warning" } "This person may already be recorded. Check the people below before you add a new record." }
        }
        (results_table(dups))
    }
}

fn new_page(
    state: &AppState,
    user: &Principal,
    f: &FormData,
    errs: &ValidationErrors,
    dups: &[PersonSummary],
) -> Response {
    let content = html! {
        (error_summary(errs, anchor_for(DATE_FIELDS)))
        h1 class="govuk-heading-l" { "Add a person" }
        @if !dups.is_empty() { (duplicates_panel(dups)) }
        form method="post" action="/people/new" novalidate data-draft-key="person-new" data-has-errors=[(!errs.is_empty() || !dups.is_empty()).then_some("1")] {
            (csrf(user.csrf.as_ref()))
            (fields(f, errs, true))
            @if !dups.is_empty() {
                (choices("checkbox", "confirm_not_duplicate", "Is this a new person?", None, &[("yes", "I have checked: none of these is the same person")], f, errs))
            }
            button type="submit" class="govuk-button" data-module="govuk-button" { "Save person" }
        }
    };
    render(
        state,
        user,
        "Add a person",
        "people",
        !errs.is_empty() || !dups.is_empty(),
        content,
    )
}

pub async fn new_form(State(state): State<AppState>, PageUser(user): PageUser) -> Response {
    new_page(
        &state,
        &user,
        &FormData::default(),
        &ValidationErrors::default(),
        &[],
    )
}

pub async fn create(
    State(state): State<AppState>,
    PageUser(user): PageUser,
    body: Bytes,
) -> Response {
    let f = FormData::parse(&body);
    let input = person_input(&f, true);
    match state
        .app
        .create_person(&user, &input, f.checked("confirm_not_duplicate"))
        .await
    {
        Ok(p) => Redirect::to(&format!("/people/{}?created=1", p.id)).into_response(),
        Err(AppError::Validation(errs)) => new_page(&state, &user, &f, &errs, &[]),
        Err(AppError::PossibleDuplicates(d)) => {
            new_page(&state, &user, &f, &ValidationErrors::default(), &d)
        }
        Err(e) => crate::errors::page_error(e),
    }
}

fn edit_page(
    state: &AppState,
    user: &Principal,
    id: &str,
    f: &FormData,
    errs: &ValidationErrors,
    conflict: Option<&str>,
) -> Response {
    let content = html! {
        (error_summary(errs, anchor_for(DATE_FIELDS)))
        @if let Some(msg) = conflict {
            div class="govuk-error-summary" data-module="govuk-error-summary" {
                div role="alert" {
                    h2 class="govuk-error-summary__title" { "Someone else changed this record" }
                    div class="govuk-error-summary__body" { p class="govuk-body" { (msg) } }
                }
            }
        }
        h1 class="govuk-heading-l" { "Change details" }
        form method="post" action={ "/people/" (id) "/edit" } novalidate data-draft-key={ "person-edit-" (id) } data-has-errors="1" {
            (csrf(user.csrf.as_ref()))
            input type="hidden" name="version" value=(f.get("version"));
            (fields(f, errs, false))
            div class="govuk-button-group" {
                button type="submit" class="govuk-button" data-module="govuk-button" { "Save changes" }
                a class="govuk-link" href={ "/people/" (id) } { "Cancel" }
            }
        }
    };
    render(
        state,
        user,
        "Change details",
        "people",
        !errs.is_empty() || conflict.is_some(),
        content,
    )
}

pub async fn edit_form(
    State(state): State<AppState>,
    PageUser(user): PageUser,
    PersonPath { pid, id }: PersonPath,
) -> Response {
    match state.app.view_person(&user, pid).await {
        Ok(p) => edit_page(
            &state,
            &user,
            &id,
            &form_of(&p),
            &ValidationErrors::default(),
            None,
        ),
        Err(e) => crate::errors::page_error(e),
    }
}

pub async fn update(
    State(state): State<AppState>,
    PageUser(user): PageUser,
    PersonPath { pid, id }: PersonPath,
    body: Bytes,
) -> Response {
    let mut f = FormData::parse(&body);
    let version: i64 = f.get("version").parse().unwrap_or(-1);
    match state
        .app
        .update_person(&user, pid, version, &person_input(&f, false))
        .await
    {
        Ok(p) => Redirect::to(&format!("/people/{}?updated=1", p.id)).into_response(),
        Err(AppError::Validation(errs)) => edit_page(&state, &user, &id, &f, &errs, None),
        Err(e @ AppError::Stale { current }) => {
            // Keep what they typed, and let the next save apply on top of the latest version.
            f.set("version", current.to_string());
            edit_page(&state, &user, &id, &f, &ValidationErrors::default(), Some(&format!("{e} Your changes are still in the form below: check them against the record and save again.")))
        }
        Err(e) => crate::errors::page_error(e),
    }
}
