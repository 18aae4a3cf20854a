//! Case note pages: write one (for one child or several of a household), read it, make a draft
//! final, append a correction.

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use hearth_app::accounts::auth::Principal;
use hearth_app::casework::types::{CorrectionInput, FinaliseInput, NoteInput, NoteView};
use hearth_app::AppError;
use hearth_domain::casework::notes::{NoteKind, NoteState};
use hearth_domain::errors::ValidationErrors;
use hearth_domain::person::PersonKind;
use hearth_domain::uk_time::format_uk;
use maud::html;

use crate::auth::PageUser;
use crate::errors::page_error;
use crate::forms::{anchor_for, choices, csrf, date_input, textarea, FormData, Input};
use crate::layout::{error_summary, summary_row as row};
use crate::pages::front_door::queue::uuid_or_404;
use crate::pages::{render, PersonPath};
use crate::AppState;

/// "YYYY-MM-DDTHH:MM" from the date's three boxes and the time box ("" when all are blank).
fn when(d: &FormData) -> String {
    match d.date("occurred_on") {
        Some(day) => format!("{day}T{}", d.get("occurred_time").trim()),
        None => String::new(),
    }
}

/// The child's brothers and sisters the writer may open, to record one note for the household.
async fn household(
    state: &AppState,
    user: &Principal,
    person: &PersonPath,
) -> Vec<(String, String)> {
    match state.app.view_person_record(user, person.pid).await {
        Ok(r) => r
            .links
            .relationships
            .into_iter()
            .filter(|rel| !rel.other.redacted && rel.other.kind == PersonKind::Child)
            .map(|rel| {
                (
                    rel.other.id.0.to_string(),
                    format!("{} ({})", rel.other.name, rel.described_as),
                )
            })
            .collect(),
        Err(_) => Vec::new(),
    }
}

fn new_page(
    state: &AppState,
    user: &Principal,
    person: &PersonPath,
    others: &[(String, String)],
    d: &FormData,
    errs: &ValidationErrors,
) -> Response {
    let kinds: Vec<(&str, &str)> = NoteKind::ALL.iter().map(|k| (k.code(), k.text())).collect();
    let content = html! {
        a class="govuk-back-link" href={ "/people/" (person.id) } { "Back to the child's record" }
        (error_summary(errs, anchor_for(&["occurred_on", "occurred_at"])))
        h1 class="govuk-heading-l" { "Write a case note" }
        form method="post" action={ "/people/" (person.id) "/case-notes/new" } novalidate {
            (csrf(user.csrf.as_ref()))
            (choices("radio", "kind", "What kind of note is it?", None, &kinds, d, errs))
            (date_input("occurred_on", "When did it happen?", "For example, 20 11 2026", d, errs))
            (Input::new("occurred_time", "Time").hint("24-hour clock, for example 09:30").class("govuk-input--width-5").render(d, errs))
            (textarea("body", "What happened", None, d, errs))
            div class="govuk-form-group" {
                div class="govuk-checkboxes" data-module="govuk-checkboxes" {
                    div class="govuk-checkboxes__item" {
                        input class="govuk-checkboxes__input" id="significant" name="significant" type="checkbox" value="yes" checked[d.checked("significant")];
                        label class="govuk-label govuk-checkboxes__label" for="significant" { "A significant event (shown on the chronology)" }
                    }
                    div class="govuk-checkboxes__item" {
                        input class="govuk-checkboxes__input" id="make_final" name="make_final" type="checkbox" value="yes" checked[d.checked("make_final")];
                        label class="govuk-label govuk-checkboxes__label" for="make_final" { "Save as final (a final note is never changed; corrections are added)" }
                    }
                }
            }
            @if !others.is_empty() {
                (choices("checkbox", "also", "Is it also about other children of the household?", Some("The note appears on each child's record"), &others.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect::<Vec<_>>(), d, errs))
            }
            button type="submit" class="govuk-button" data-module="govuk-button" { "Save the note" }
        }
    };
    render(
        state,
        user,
        "Write a case note",
        "people",
        !errs.is_empty(),
        content,
    )
}

pub async fn new_form(
    State(state): State<AppState>,
    PageUser(user): PageUser,
    person: PersonPath,
) -> Response {
    let mut d = FormData::default();
    d.set_date("occurred_on", Some(state.app.clock.today()));
    let others = household(&state, &user, &person).await;
    new_page(
        &state,
        &user,
        &person,
        &others,
        &d,
        &ValidationErrors::default(),
    )
}

pub async fn create(
    State(state): State<AppState>,
    PageUser(user): PageUser,
    person: PersonPath,
    body: Bytes,
) -> Response {
    let d = FormData::parse(&body);
    let mut children = vec![person.pid.0];
    children.extend(
        d.all("also")
            .iter()
            .filter_map(|s| s.trim().parse::<uuid::Uuid>().ok()),
    );
    let input = NoteInput {
        children,
        kind: d.get("kind").into(),
        occurred_at: when(&d),
        significant: d.checked("significant"),
        body: d.get("body").into(),
        r#final: d.checked("make_final"),
    };
    match state.app.record_note(&user, &input).await {
        Ok(n) => Redirect::to(&format!("/case-notes/{}", n.note.id)).into_response(),
        Err(AppError::Validation(mut errs)) => {
            for e in &mut errs.0 {
                if e.field == "occurred_at" {
                    e.field = "occurred_on".into();
                }
            }
            let others = household(&state, &user, &person).await;
            new_page(&state, &user, &person, &others, &d, &errs)
        }
        Err(e) => page_error(e),
    }
}

fn show_page(
    state: &AppState,
    user: &Principal,
    v: &NoteView,
    d: &FormData,
    errs: &ValidationErrors,
) -> Response {
    let n = &v.note;
    let content = html! {
        @if let Some(first) = n.children.first() {
            a class="govuk-back-link" href={ "/people/" (first) } { "Back to the child's record" }
        }
        (error_summary(errs, anchor_for(&[])))
        span class="govuk-caption-l" { "Case note – " (n.status.label()) }
        h1 class="govuk-heading-l" { (v.kind_label) ", " (format_uk(n.occurred_at)) }
        dl class="govuk-summary-list" {
            (row("Written by", html! { (v.author) " on " (format_uk(n.created_at)) }))
            (row("Significant event", html! { @if n.significant { "Yes" } @else { "No" } }))
            (row("About", html! { (n.children.len()) @if n.children.len() == 1 { " child" } @else { " children of the household" } }))
        }
        div class="govuk-inset-text" { @for line in n.body.lines() { (line) br; } }
        @for (c, by) in n.corrections.iter().zip(&v.corrected_by) {
            div class="govuk-inset-text" {
                strong { "Correction by " (by) ", " (format_uk(c.at)) ": " }
                (c.text)
            }
        }
        @if n.status == NoteState::Draft {
            form method="post" action={ "/case-notes/" (n.id) "/final" } novalidate {
                (csrf(user.csrf.as_ref()))
                input type="hidden" name="version" value=(n.version);
                button type="submit" class="govuk-button" data-module="govuk-button" { "Make this note final" }
            }
        } @else {
            h2 class="govuk-heading-m" { "Add a correction" }
            form method="post" action={ "/case-notes/" (n.id) "/corrections" } novalidate {
                (csrf(user.csrf.as_ref()))
                (textarea("text", "The correction: what was wrong and what is right", None, d, errs))
                button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button" { "Add the correction" }
            }
        }
    };
    render(
        state,
        user,
        "Case note",
        "people",
        !errs.is_empty(),
        content,
    )
}

pub async fn show(
    State(state): State<AppState>,
    PageUser(user): PageUser,
    Path(id): Path<String>,
) -> Response {
    let id = match uuid_or_404(&id) {
        Ok(i) => i,
        Err(r) => return r,
    };
    match state.app.view_note(&user, id).await {
        Ok(v) => show_page(
            &state,
            &user,
            &v,
            &FormData::default(),
            &ValidationErrors::default(),
        ),
        Err(e) => page_error(e),
    }
}

pub async fn finalise(
    State(state): State<AppState>,
    PageUser(user): PageUser,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    let id = match uuid_or_404(&id) {
        Ok(i) => i,
        Err(r) => return r,
    };
    let d = FormData::parse(&body);
    let input = FinaliseInput {
        version: d.get("version").parse().unwrap_or(0),
    };
    match state.app.finalise_note(&user, id, &input).await {
        Ok(_) => Redirect::to(&format!("/case-notes/{id}")).into_response(),
        Err(e) => page_error(e),
    }
}

pub async fn correct(
    State(state): State<AppState>,
    PageUser(user): PageUser,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    let id = match uuid_or_404(&id) {
        Ok(i) => i,
        Err(r) => return r,
    };
    let d = FormData::parse(&body);
    let input = CorrectionInput {
        text: d.get("text").into(),
    };
    match state.app.correct_note(&user, id, &input).await {
        Ok(_) => Redirect::to(&format!("/case-notes/{id}")).into_response(),
        Err(AppError::Validation(errs)) => match state.app.view_note(&user, id).await {
            Ok(v) => show_page(&state, &user, &v, &d, &errs),
            Err(e) => page_error(e),
        },
        Err(e) => page_error(e),
    }
}
