//! Strategy discussion pages: ask for one (during an assessment or on an open case), see it with
//! its clock, and record it as held.

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use hearth_app::accounts::auth::Principal;
use hearth_app::protection::types::{DiscussionView, HeldInput, RequestDiscussionInput};
use hearth_app::AppError;
use hearth_domain::errors::ValidationErrors;
use hearth_domain::protection::strategy::DiscussionForm;
use hearth_domain::uk_time::format_date;
use maud::html;
use serde::Deserialize;

use crate::auth::PageUser;
use crate::errors::page_error;
use crate::forms::{anchor_for, choices, csrf, date_input, textarea, FormData};
use crate::layout::{error_summary, summary_row as row};
use crate::pages::front_door::queue::{clock_tag, uuid_or_404};
use crate::pages::{render, PersonPath};
use crate::AppState;

#[derive(Deserialize)]
pub struct AskQuery {
    assessment: Option<String>,
}

fn ask_page(
    state: &AppState,
    user: &Principal,
    person: &PersonPath,
    assessment: Option<&str>,
    d: &FormData,
    errs: &ValidationErrors,
) -> Response {
    let content = html! {
        a class="govuk-back-link" href={ "/people/" (person.id) } { "Back to the child's record" }
        (error_summary(errs, anchor_for(&["requested_on"])))
        h1 class="govuk-heading-l" { "Ask for a strategy discussion" }
        p class="govuk-body" { "At any stage of an assessment, where there are indications that the child is suffering or is likely to suffer significant harm, there must be a strategy discussion (Working Together 2018 ch.1; seed 000 §5.12)." }
        form method="post" action={ "/people/" (person.id) "/strategy-discussions/new" } novalidate {
            (csrf(user.csrf.as_ref()))
            @if let Some(a) = assessment { input type="hidden" name="assessment_id" value=(a); }
            (textarea("reason", "Why a strategy discussion is needed", Some("The indications of significant harm, for the police, health and social care colleagues who will hold it"), d, errs))
            (date_input("requested_on", "When it was asked for", "Leave blank for today; an earlier date if you are recording it afterwards", d, errs))
            button type="submit" class="govuk-button" data-module="govuk-button" { "Ask for the discussion" }
        }
    };
    render(
        state,
        user,
        "Ask for a strategy discussion",
        "assessments",
        !errs.is_empty(),
        content,
    )
}

pub async fn ask_form(
    State(state): State<AppState>,
    PageUser(user): PageUser,
    person: PersonPath,
    Query(q): Query<AskQuery>,
) -> Response {
    ask_page(
        &state,
        &user,
        &person,
        q.assessment.as_deref(),
        &FormData::default(),
        &ValidationErrors::default(),
    )
}

pub async fn ask(
    State(state): State<AppState>,
    PageUser(user): PageUser,
    person: PersonPath,
    body: Bytes,
) -> Response {
    let d = FormData::parse(&body);
    let input = RequestDiscussionInput {
        person_id: person.pid.0,
        assessment_id: d.opt("assessment_id").and_then(|a| a.parse().ok()),
        reason: d.get("reason").into(),
        requested_on: d.date("requested_on").unwrap_or_default(),
    };
    match state.app.request_strategy_discussion(&user, &input).await {
        Ok(v) => {
            Redirect::to(&format!("/strategy-discussions/{}", v.discussion.id)).into_response()
        }
        Err(AppError::Validation(errs)) => ask_page(
            &state,
            &user,
            &person,
            d.opt("assessment_id").as_deref(),
            &d,
            &errs,
        ),
        Err(e) => page_error(e),
    }
}

fn show_page(
    state: &AppState,
    user: &Principal,
    v: &DiscussionView,
    d: &FormData,
    errs: &ValidationErrors,
) -> Response {
    let sd = &v.discussion;
    let forms: Vec<(&str, &str)> = DiscussionForm::ALL
        .iter()
        .map(|f| (f.code(), f.text()))
        .collect();
    let content = html! {
        a class="govuk-back-link" href={ "/people/" (sd.person_id) } { "Back to the child's record" }
        (error_summary(errs, anchor_for(&["held_on"])))
        span class="govuk-caption-l" { "Strategy discussion" }
        h1 class="govuk-heading-l" { (sd.status.label()) }
        dl class="govuk-summary-list" {
            (row("Asked for", html! { (format_date(sd.requested_on)) " by " (v.requested_by_name) " – " (sd.requested_from.text()) }))
            (row("Why", html! { (sd.reason) }))
            @if let Some(c) = &v.clock {
                (row("Hold by", html! { (clock_tag(c)) " " (c.clock.explanation) }))
            }
        }
        @if let Some(h) = &sd.held {
            h2 class="govuk-heading-m" { "Held" }
            dl class="govuk-summary-list" {
                (row("Held on", html! { (format_date(h.held_on)) " (" (h.form.text()) "), recorded by " (v.held_by_name) }))
                (row("Who took part", html! { (h.attendees) }))
                (row("Section 47 enquiries", html! {
                    @if h.start_section_47 { "Start" @if h.joint_investigation { ", jointly with the police" } } @else { "Not started" }
                }))
                (row("Information shared, decisions and actions", html! { (h.summary) }))
            }
        } @else {
            h2 class="govuk-heading-m" { "Record the discussion as held" }
            form method="post" action={ "/strategy-discussions/" (sd.id) "/held" } novalidate {
                (csrf(user.csrf.as_ref()))
                input type="hidden" name="version" value=(sd.version);
                (date_input("held_on", "When it was held", "For example, 24 11 2026", d, errs))
                (choices("radio", "form", "How it was held", None, &forms, d, errs))
                (textarea("attendees", "Who took part, with agency and role", Some("At least the local authority social worker and manager, police and health; if not, say why"), d, errs))
                div class="govuk-form-group" {
                    div class="govuk-checkboxes" data-module="govuk-checkboxes" {
                        div class="govuk-checkboxes__item" {
                            input class="govuk-checkboxes__input" id="start_section_47" name="start_section_47" type="checkbox" value="yes" checked[d.checked("start_section_47")];
                            label class="govuk-label govuk-checkboxes__label" for="start_section_47" { "Start section 47 enquiries" }
                        }
                        div class="govuk-checkboxes__item" {
                            input class="govuk-checkboxes__input" id="joint_investigation" name="joint_investigation" type="checkbox" value="yes" checked[d.checked("joint_investigation")];
                            label class="govuk-label govuk-checkboxes__label" for="joint_investigation" { "A joint investigation with the police" }
                        }
                    }
                }
                (textarea("summary", "Information shared, decisions and actions agreed", None, d, errs))
                @if v.clock.as_ref().is_some_and(|c| c.clock.due_date < state.app.clock.today()) || errs.for_field("late_reason").is_some() {
                    (textarea("late_reason", "Why was it held after its due date?", None, d, errs))
                }
                button type="submit" class="govuk-button" data-module="govuk-button" { "Record as held" }
            }
        }
    };
    render(
        state,
        user,
        "Strategy discussion",
        "assessments",
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
    match state.app.view_strategy_discussion(&user, id).await {
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

pub async fn held(
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
    let input = HeldInput {
        version: d.get("version").parse().unwrap_or(0),
        held_on: d.date("held_on").unwrap_or_default(),
        form: d.get("form").into(),
        attendees: d.get("attendees").into(),
        start_section_47: d.checked("start_section_47"),
        joint_investigation: d.checked("joint_investigation"),
        summary: d.get("summary").into(),
        late_reason: d.get("late_reason").into(),
    };
    match state
        .app
        .record_strategy_discussion_held(&user, id, &input)
        .await
    {
        Ok(_) => Redirect::to(&format!("/strategy-discussions/{id}")).into_response(),
        Err(AppError::Validation(errs)) => {
            match state.app.view_strategy_discussion(&user, id).await {
                Ok(v) => show_page(&state, &user, &v, &d, &errs),
                Err(e) => page_error(e),
            }
        }
        Err(e) => page_error(e),
    }
}
