//! Strategy discussion pages: ask for one (during an assessment or on an open case), see it with
//! its clock, and record it as held.

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use hearth_app::accounts::auth::Principal;
use hearth_app::protection::types::{
    ActionInput, DiscussionView, HeldInput, RequestDiscussionInput,
};
use hearth_app::AppError;
use hearth_domain::errors::ValidationErrors;
use hearth_domain::protection::strategy::{DiscussionForm, DiscussionParticipant};
use hearth_domain::uk_time::format_date;
use maud::html;
use serde::Deserialize;

use crate::auth::PageUser;
use crate::errors::page_error;
use crate::forms::{anchor_for, choices, csrf, date_input, textarea, FormData, Input};
use crate::layout::{error_summary, summary_row as row};
use crate::pages::front_door::queue::{clock_tag, uuid_or_404};
use crate::pages::{render, PersonPath};
use crate::AppState;

/// How many actions the held form offers at once.
const ACTION_ROWS: usize = 4;

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
        (error_summary(errs, |f: &str| if f == "held_on" || (f.starts_with("action") && f.ends_with("due_on")) { format!("{}-day", crate::forms::field_id(f)) } else { crate::forms::field_id(f) }))
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
                (row("By agency", html! {
                    @for p in &h.details.present { (p.text()) br; }
                    @if !h.details.missing_why.is_empty() { "Not there, and why: " (h.details.missing_why) }
                }))
                @if !h.details.immediate_safety.is_empty() { (row("Immediate safety", html! { (h.details.immediate_safety) })) }
                (row("Further discussions", html! { @if h.details.further_discussions { "Yes" } @else { "No" } }))
                (row("The family is told", html! { (h.details.family_told) }))
                @if !h.details.withheld.is_empty() { (row("Withheld from the family", html! { (h.details.withheld) br; "Why: " (h.details.withheld_why) })) }
            }
            @if !v.actions.is_empty() {
                h2 class="govuk-heading-m" { "Actions agreed" }
                (crate::layout::data_table("Actions agreed", &["Action", "Who", "Due", "Done"], html! {
                    @for a in &v.actions {
                        tr class="govuk-table__row" {
                            td class="govuk-table__cell" { (a.what) }
                            td class="govuk-table__cell" { (a.owner) }
                            td class="govuk-table__cell" { (format_date(a.due_on)) }
                            td class="govuk-table__cell" {
                                @if let Some(done) = a.done_on { "Done " (format_date(done)) }
                                @else {
                                    form method="post" action={ "/strategy-discussions/" (sd.id) "/actions/" (a.id) "/done" } {
                                        (csrf(user.csrf.as_ref()))
                                        button type="submit" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" data-module="govuk-button" { "Mark done" span class="govuk-visually-hidden" { ": " (a.what) } }
                                    }
                                }
                            }
                        }
                    }
                }))
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
                (choices("checkbox", "present", "Who took part, by agency", Some("Working Together 2018 asks for at least the social worker and their manager, police and health"), &DiscussionParticipant::ALL.iter().map(|p| (p.code(), p.text())).collect::<Vec<_>>(), d, errs))
                (textarea("missing_why", "If the social worker, their manager, police or health did not take part: why", None, d, errs))
                (textarea("summary", "Information shared, decisions and actions agreed", None, d, errs))
                (textarea("immediate_safety", "Immediate actions to keep the child safe", None, d, errs))
                div class="govuk-form-group" {
                    div class="govuk-checkboxes" data-module="govuk-checkboxes" {
                        div class="govuk-checkboxes__item" {
                            input class="govuk-checkboxes__input" id="further_discussions" name="further_discussions" type="checkbox" value="yes" checked[d.checked("further_discussions")];
                            label class="govuk-label govuk-checkboxes__label" for="further_discussions" { "Further strategy discussions will be held" }
                        }
                    }
                }
                (textarea("family_told", "What the family is told", None, d, errs))
                (textarea("withheld", "Anything withheld from the family", None, d, errs))
                (textarea("withheld_why", "Why it is withheld", None, d, errs))
                h3 class="govuk-heading-s" { "Actions agreed" }
                @for i in 0..ACTION_ROWS {
                    fieldset class="govuk-fieldset govuk-!-margin-bottom-4" {
                        legend class="govuk-fieldset__legend govuk-fieldset__legend--s" { "Action " (i + 1) }
                        (Input::new(&format!("action{i}.what"), "What").render(d, errs))
                        (Input::new(&format!("action{i}.owner"), "Who (name and agency)").render(d, errs))
                        (date_input(&format!("action{i}.due_on"), "Due by", "For example, 27 11 2026", d, errs))
                    }
                }
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
        present: d.all("present"),
        missing_why: d.get("missing_why").into(),
        further_discussions: d.checked("further_discussions"),
        immediate_safety: d.get("immediate_safety").into(),
        family_told: d.get("family_told").into(),
        withheld: d.get("withheld").into(),
        withheld_why: d.get("withheld_why").into(),
        actions: (0..ACTION_ROWS)
            .map(|i| ActionInput {
                what: d.get(&format!("action{i}.what")).into(),
                owner: d.get(&format!("action{i}.owner")).into(),
                due_on: d.date(&format!("action{i}.due_on")).unwrap_or_default(),
            })
            .collect(),
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

/// Marks an agreed action done (its task closes), back to the discussion.
pub async fn action_done(
    State(state): State<AppState>,
    PageUser(user): PageUser,
    Path((id, action)): Path<(String, String)>,
) -> Response {
    let (Ok(id), Ok(action)) = (uuid_or_404(&id), uuid_or_404(&action)) else {
        return page_error(AppError::NotFound);
    };
    match state.app.complete_strategy_action(&user, id, action).await {
        Ok(_) => Redirect::to(&format!("/strategy-discussions/{id}")).into_response(),
        Err(e) => page_error(e),
    }
}
