//! The assessment record page: clocks (the national 45 working days and the census measure
//! side by side, with stages and checkpoints where the protocol has them), sections with who
//! last saved them, visits, views in people's own words, agency requests, manager checkpoints,
//! and the next step (submit, authorise, act on the outcome, the family's copy). Every small form
//! posts here and comes back with its errors beside the fields, keeping what was typed.

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use hearth_app::assessment_types::*;
use hearth_app::auth::Principal;
use hearth_app::AppError;
use hearth_domain::assessment::{AgencyType, Speaker, ViewKind};
use hearth_domain::errors::ValidationErrors;
use hearth_domain::uk_time::{format_date, format_uk};
use maud::{html, Markup};
use uuid::Uuid;

use crate::auth::PageUser;
use crate::errors::page_error;
use crate::forms::{choices, csrf, date_input, select, textarea, FormData, Input};
use crate::layout::{data_table, error_summary, success_banner};
use crate::pages::front_door::{clock_tag, uuid_or_404};
use crate::pages::render;
use crate::AppState;

pub(crate) fn row(k: &str, v: Markup) -> Markup {
    html! { div class="govuk-summary-list__row" { dt class="govuk-summary-list__key" { (k) } dd class="govuk-summary-list__value" { (v) } } }
}

pub(crate) fn yes_no(b: bool) -> &'static str {
    if b {
        "Yes"
    } else {
        "No"
    }
}

/// Error anchors: `gate.x` fields and date parts link to their inputs.
pub(crate) fn anchor(f: &str) -> String {
    crate::forms::field_id(f)
}

/// The form that failed, with what was typed and its errors; other forms render empty.
pub(crate) struct Failed<'a> {
    pub form: &'a str,
    pub data: &'a FormData,
    pub errs: &'a ValidationErrors,
}

impl Failed<'_> {
    fn for_form<'b>(
        &'b self,
        name: &str,
        empty: &'b (FormData, ValidationErrors),
    ) -> (&'b FormData, &'b ValidationErrors) {
        if self.form == name {
            (self.data, self.errs)
        } else {
            (&empty.0, &empty.1)
        }
    }
}

pub(crate) fn form_start(user: &Principal, form: &str) -> Markup {
    html! {
        (csrf(user.csrf.as_ref()))
        input type="hidden" name="form" value=(form);
    }
}

/// Starts a form whose fields are named `{prefix}.{field}`, so that several copies of it (one per
/// checkpoint, visit or agency request) can sit on one page with unique ids.
fn prefixed_start(user: &Principal, prefix: &str) -> Markup {
    html! {
        (form_start(user, prefix))
        input type="hidden" name="prefix" value=(prefix);
    }
}

fn pf(prefix: &str, name: &str) -> String {
    format!("{prefix}.{name}")
}

/// The posted fields with the form's prefix removed, as the use case's input expects them.
fn strip(d: &FormData) -> FormData {
    let prefix = d.get("prefix");
    if prefix.is_empty() {
        return d.clone();
    }
    let lead = format!("{prefix}.");
    FormData(
        d.0.iter()
            .map(|(k, v)| (k.strip_prefix(&lead).unwrap_or(k).to_string(), v.clone()))
            .collect(),
    )
}

/// Errors named as the prefixed form's fields.
fn with_prefix(errs: ValidationErrors, prefix: &str) -> ValidationErrors {
    if prefix.is_empty() {
        return errs;
    }
    ValidationErrors(
        errs.0
            .into_iter()
            .map(|mut e| {
                e.field = pf(prefix, &e.field);
                e
            })
            .collect(),
    )
}

fn clocks_block(a: &AssessmentView) -> Markup {
    html! {
        h2 class="govuk-heading-m" id="clocks" { "Timescales" }
        p class="govuk-body-s" { "Under the protocol " (a.protocol) ". Each due date says how it was worked out." }
        dl class="govuk-summary-list" {
            @for c in &a.clocks {
                div class="govuk-summary-list__row" {
                    dt class="govuk-summary-list__key" { (c.label) }
                    dd class="govuk-summary-list__value" {
                        (clock_tag(c))
                        p class="govuk-body-s govuk-!-margin-top-1 govuk-!-margin-bottom-0" { (c.clock.explanation) }
                        @if let Some(r) = &c.clock.late_reason { p class="govuk-body-s govuk-!-margin-bottom-0" { "Reason for lateness: " (r) } }
                    }
                }
            }
            (row("Census measure (start to authorisation)", html! { (a.census.sentence) }))
        }
    }
}

fn sections_block(a: &AssessmentView, editable: bool) -> Markup {
    html! {
        h2 class="govuk-heading-m" id="sections" { "The assessment" }
        dl class="govuk-summary-list" {
            @for s in &a.sections {
                div class="govuk-summary-list__row" {
                    dt class="govuk-summary-list__key" { (s.label) }
                    dd class="govuk-summary-list__value" {
                        @if s.version == 0 { "Not started" }
                        @else { (s.fields.len()) " field(s) written; last saved by " (s.updated_by) @if let Some(t) = s.updated_at { " at " (format_uk(t)) } }
                    }
                    dd class="govuk-summary-list__actions" {
                        a class="govuk-link" href={ "/assessments/" (a.id) "/sections/" (s.section) } {
                            (if editable { "Write" } else { "Read" }) span class="govuk-visually-hidden" { " " (s.label) }
                        }
                    }
                }
            }
        }
    }
}

fn visits_block(user: &Principal, a: &AssessmentView, f: &Failed<'_>, editable: bool) -> Markup {
    let empty = (FormData::default(), ValidationErrors::default());
    let (d, errs) = f.for_form("visit", &empty);
    let (rd, re) = f.for_form("visit-reason", &empty);
    let is_manager = user.user.role.is_manager();
    let awaiting_reason: Vec<(String, String)> = a
        .visits
        .iter()
        .filter(|v| v.reason_needed)
        .map(|v| {
            (
                v.visit.id.to_string(),
                format!(
                    "{}: {}",
                    format_date(v.visit.visit_date),
                    v.visit.who_was_seen
                ),
            )
        })
        .collect();
    html! {
        h2 class="govuk-heading-m" id="visits" { "Seeing the child" }
        @if a.visits.is_empty() { p class="govuk-body" { "No visits recorded yet." } }
        @else {
            (data_table("Visits", &["Date", "Who was seen", "Child seen", "Seen alone", "Home and bedroom", "All children considered", "Manager's reason"], html! {
                @for v in &a.visits {
                    tr class="govuk-table__row" {
                        td class="govuk-table__cell" { (format_date(v.visit.visit_date)) }
                        td class="govuk-table__cell" { (v.visit.who_was_seen) @if !v.visit.notes.is_empty() { br; span class="govuk-body-s" { (v.visit.notes) } } }
                        td class="govuk-table__cell" { (yes_no(v.visit.child_seen)) }
                        td class="govuk-table__cell" { (yes_no(v.visit.seen_alone)) }
                        td class="govuk-table__cell" { (yes_no(v.visit.home_seen)) " / " (yes_no(v.visit.bedroom_seen)) }
                        td class="govuk-table__cell" { (yes_no(v.visit.all_children_considered)) }
                        td class="govuk-table__cell" {
                            @if let Some(r) = &v.visit.manager_reason { (r) " (" (v.manager_reason_by_name) ")" }
                            @else if v.reason_needed {
                                strong class="govuk-tag govuk-tag--red" { "Manager's reason needed" }
                            }
                            @else { "Not needed" }
                        }
                    }
                }
            }))
        }
        @if is_manager && !awaiting_reason.is_empty() {
            details class="govuk-details" open[f.form == "visit-reason"] {
                summary class="govuk-details__summary" { span class="govuk-details__summary-text" { "Record why the child was not seen, or not seen alone" } }
                div class="govuk-details__text" {
                    form method="post" action={ "/assessments/" (a.id) "/visit-reasons" } novalidate {
                        (form_start(user, "visit-reason"))
                        (select("visit_id", "Which visit", &awaiting_reason.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect::<Vec<_>>(), rd, re))
                        (textarea("reason", "The reason", None, rd, re))
                        button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button" { "Record reason" }
                    }
                }
            }
        }
        @if editable {
            details class="govuk-details" open[f.form == "visit"] {
                summary class="govuk-details__summary" { span class="govuk-details__summary-text" { "Record a visit" } }
                div class="govuk-details__text" {
                    form method="post" action={ "/assessments/" (a.id) "/visits" } novalidate {
                        (form_start(user, "visit"))
                        (date_input("visit_date", "Date of the visit", "For example, 24 11 2026", d, errs))
                        (choices("checkbox", "seen", "What happened", Some("If the child was not seen, or not seen alone, a manager records why."), &[
                            ("child_seen", "The child was seen"), ("seen_alone", "The child was seen alone"), ("home_seen", "The home was seen"),
                            ("bedroom_seen", "The child's bedroom was seen"), ("all_children_considered", "All children in the household were seen or considered"),
                        ], d, errs))
                        (Input::new("who_was_seen", "Who was seen, and where").render(d, errs))
                        (textarea("notes", "Notes", None, d, errs))
                        button type="submit" class="govuk-button" data-module="govuk-button" { "Save visit" }
                    }
                }
            }
        }
    }
}

fn views_block(user: &Principal, a: &AssessmentView, f: &Failed<'_>) -> Markup {
    let empty = (FormData::default(), ValidationErrors::default());
    let (d, errs) = f.for_form("view", &empty);
    let speakers: Vec<(&str, &str)> = Speaker::ALL.iter().map(|s| (s.code(), s.text())).collect();
    let kinds: Vec<(&str, &str)> = ViewKind::ALL.iter().map(|s| (s.code(), s.text())).collect();
    html! {
        h2 class="govuk-heading-m" id="views" { "Views and wishes, in their own words" }
        p class="govuk-body-s" { "Entries are added, never changed. A disagreement or a request for a correction is added beside what it is about." }
        @if a.views.is_empty() { p class="govuk-body" { "No views recorded yet." } }
        @for v in &a.views {
            div class="govuk-inset-text" {
                p class="govuk-body govuk-!-font-weight-bold govuk-!-margin-bottom-1" {
                    (v.speaker_label) @if !v.entry.speaker_name.is_empty() { " (" (v.entry.speaker_name) ")" } " – " (v.kind_label)
                }
                p class="govuk-body" { "“" (v.entry.words) "”" }
                p class="govuk-body-s govuk-!-margin-bottom-0" { "Recorded by " (v.recorded_by_name) " at " (format_uk(v.entry.recorded_at)) }
            }
        }
        details class="govuk-details" open[f.form == "view"] {
            summary class="govuk-details__summary" { span class="govuk-details__summary-text" { "Add views, a disagreement or a correction request" } }
            div class="govuk-details__text" {
                form method="post" action={ "/assessments/" (a.id) "/views" } novalidate {
                    (form_start(user, "view"))
                    (select("speaker", "Whose words", &speakers, d, errs))
                    (Input::new("speaker_name", "Their name (optional)").render(d, errs))
                    (select("kind", "What this is", &kinds, d, errs))
                    (textarea("words", "What they said, in their own words", None, d, errs))
                    button type="submit" class="govuk-button" data-module="govuk-button" { "Add" }
                }
            }
        }
    }
}

fn agencies_block(user: &Principal, a: &AssessmentView, f: &Failed<'_>, editable: bool) -> Markup {
    let empty = (FormData::default(), ValidationErrors::default());
    let (d, errs) = f.for_form("agency", &empty);
    let (rd, re) = f.for_form("agency-reply", &empty);
    let awaiting_reply: Vec<(String, String)> = a
        .agency_requests
        .iter()
        .filter(|r| r.request.response_on.is_none())
        .map(|r| {
            (
                r.request.id.to_string(),
                format!(
                    "{}, asked {}",
                    r.request.agency,
                    format_date(r.request.requested_on)
                ),
            )
        })
        .collect();
    let types: Vec<(&str, &str)> = AgencyType::ALL
        .iter()
        .map(|s| (s.code(), s.text()))
        .collect();
    html! {
        h2 class="govuk-heading-m" id="agencies" { "Information from other agencies" }
        @if a.agency_requests.is_empty() { p class="govuk-body" { "No agency has been asked yet." } }
        @else {
            (data_table("Requests to agencies", &["Agency", "Asked", "Requested", "Reply"], html! {
                @for r in &a.agency_requests {
                    tr class="govuk-table__row" {
                        td class="govuk-table__cell" { (r.request.agency) br; span class="govuk-body-s" { (r.agency_type_label) } }
                        td class="govuk-table__cell" { (r.request.asked) }
                        td class="govuk-table__cell" { (format_date(r.request.requested_on)) }
                        td class="govuk-table__cell" {
                            @if let (Some(on), Some(text)) = (r.request.response_on, &r.request.response) { (format_date(on)) ": " (text) }
                            @else {
                                strong class="govuk-tag govuk-tag--yellow" { "Awaiting reply" }
                            }
                        }
                    }
                }
            }))
        }
        @if !awaiting_reply.is_empty() {
            details class="govuk-details" open[f.form == "agency-reply"] {
                summary class="govuk-details__summary" { span class="govuk-details__summary-text" { "Record an agency's reply" } }
                div class="govuk-details__text" {
                    form method="post" action={ "/assessments/" (a.id) "/agency-replies" } novalidate {
                        (form_start(user, "agency-reply"))
                        (select("request_id", "Which request", &awaiting_reply.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect::<Vec<_>>(), rd, re))
                        (date_input("response_on", "Date of the reply", "Leave blank for today", rd, re))
                        (textarea("response", "What the agency said", None, rd, re))
                        button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button" { "Record reply" }
                    }
                }
            }
        }
        @if editable {
            details class="govuk-details" open[f.form == "agency"] {
                summary class="govuk-details__summary" { span class="govuk-details__summary-text" { "Ask an agency for information" } }
                div class="govuk-details__text" {
                    form method="post" action={ "/assessments/" (a.id) "/agency-requests" } novalidate {
                        (form_start(user, "agency"))
                        (Input::new("agency", "Agency").hint("For example, the school's or GP practice's name").render(d, errs))
                        (select("agency_type", "Type of agency", &types, d, errs))
                        (textarea("asked", "What you asked", None, d, errs))
                        (date_input("requested_on", "Date requested", "Leave blank for today", d, errs))
                        button type="submit" class="govuk-button" data-module="govuk-button" { "Save request" }
                    }
                }
            }
        }
    }
}

fn checkpoints_block(user: &Principal, a: &AssessmentView, f: &Failed<'_>) -> Markup {
    let empty = (FormData::default(), ValidationErrors::default());
    let is_manager = user.user.role.is_manager();
    html! {
        @if !a.checkpoints.is_empty() {
            h2 class="govuk-heading-m" id="checkpoints" { "Manager checkpoints" }
            @for c in &a.checkpoints {
                div class="govuk-summary-card" {
                    div class="govuk-summary-card__title-wrapper" {
                        h3 class="govuk-summary-card__title" { (c.clock.label) " – " (clock_tag(&c.clock)) }
                    }
                    div class="govuk-summary-card__content" {
                        p class="govuk-body" { (c.checkpoint.question) }
                        p class="govuk-body-s" { (c.clock.clock.explanation) }
                        @if let Some(ans) = &c.checkpoint.answer {
                            p class="govuk-body" { strong { "Answer: " } (ans) }
                            p class="govuk-body-s" { (c.answered_by_name) @if let Some(on) = c.checkpoint.answered_on { ", " (format_date(on)) } }
                        } @else if is_manager && a.status != "authorised" {
                            @let key = format!("cp{}", c.checkpoint.n);
                            @let (d, errs) = f.for_form(&key, &empty);
                            form method="post" action={ "/assessments/" (a.id) "/checkpoints/" (c.checkpoint.n) } novalidate {
                                (prefixed_start(user, &key))
                                (textarea(&pf(&key, "answer"), "Your answer", None, d, errs))
                                (date_input(&pf(&key, "answered_on"), "Date answered", "Leave blank for today", d, errs))
                                (textarea(&pf(&key, "late_reason"), "If this is late, why", None, d, errs))
                                button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button" { "Record answer" span class="govuk-visually-hidden" { " to " (c.clock.label) } }
                            }
                        } @else if a.status != "authorised" { p class="govuk-body" { "Waiting for a manager's answer." } }
                    }
                }
            }
        }
    }
}

fn first_stage_block(
    user: &Principal,
    a: &AssessmentView,
    f: &Failed<'_>,
    editable: bool,
) -> Markup {
    let empty = (FormData::default(), ValidationErrors::default());
    let (d, errs) = f.for_form("stage", &empty);
    html! {
        @if let Some(label) = &a.first_stage_label {
            h2 class="govuk-heading-m" id="first-stage" { (label) }
            @if let Some(on) = a.first_stage_on {
                p class="govuk-body" { "Concluded on " (format_date(on)) ". " (a.first_stage_note.clone().unwrap_or_default()) }
            } @else if editable {
                form method="post" action={ "/assessments/" (a.id) "/first-stage" } novalidate {
                    (prefixed_start(user, "stage"))
                    input type="hidden" name="version" value=(a.version);
                    (date_input("stage.concluded_on", "Date concluded", "Leave blank for today", d, errs))
                    (textarea("stage.note", "What it found, and why the assessment continues", None, d, errs))
                    (textarea("stage.late_reason", "If the stage ended late, why", None, d, errs))
                    button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button" { "Conclude " (label.to_lowercase()) }
                }
            }
        }
    }
}

fn next_step(user: &Principal, a: &AssessmentView, f: &Failed<'_>) -> Markup {
    let empty = (FormData::default(), ValidationErrors::default());
    let (d, errs) = f.for_form("act", &empty);
    let is_manager = user.user.role.is_manager();
    let needs_reason = a
        .outcomes
        .iter()
        .any(|o| o.code == "strategy-discussion" || o.code == "emergency-action");
    html! {
        h2 class="govuk-heading-m" id="next" { "Next step" }
        @match a.status.as_str() {
            "in-progress" => {
                a class="govuk-button" href={ "/assessments/" (a.id) "/submit" } { "Record the outcome and submit for authorisation" }
            }
            "awaiting-authorisation" => {
                p class="govuk-body" { "Submitted on " (a.completed_on.map(format_date).unwrap_or_default()) ". " }
                @if is_manager { a class="govuk-button" href={ "/assessments/" (a.id) "/authorise" } { "Review and authorise" } }
                @else { p class="govuk-body" { "Waiting for a manager to authorise it." } }
            }
            _ => {
                p class="govuk-body" { "Authorised by " (a.authorised_by) " on " (a.authorised_on.map(format_date).unwrap_or_default()) "." }
                @if let Some(m) = &a.census_meaning { p class="govuk-body" { (m) } }
                ul class="govuk-list govuk-list--bullet" { @for o in &a.outcomes { li { (o.label) } } }
                @if a.acted_on_at.is_none() {
                    form method="post" action={ "/assessments/" (a.id) "/action" } novalidate {
                        (form_start(user, "act"))
                        input type="hidden" name="version" value=(a.version);
                        @if needs_reason { (textarea("strategy_reason", "Why a strategy discussion is needed", Some("For the police, health and social care colleagues who will hold it"), d, errs)) }
                        button type="submit" class="govuk-button" data-module="govuk-button" { "Act on the outcome" }
                    }
                } @else {
                    @for w in &a.follow_on {
                        p class="govuk-body" { (if w.kind == "cin-plan" { "Child in need plan to be agreed" } else { "Strategy discussion to be held" }) " (opened " (format_uk(w.created_at)) ")" }
                    }
                    @if let Some(c) = &a.episode_closure { p class="govuk-body" { (c) } }
                }
            }
        }
        p class="govuk-body" { a class="govuk-link" href={ "/assessments/" (a.id) "/family-copy" } { "The family's copy (printable)" } }
    }
}

pub(crate) fn show_page(
    state: &AppState,
    user: &Principal,
    a: &AssessmentView,
    f: &Failed<'_>,
    banner: Option<&str>,
) -> Response {
    let editable = a.status == "in-progress";
    let content = html! {
        a class="govuk-back-link" href={ "/people/" (a.child.id) } { "Back to " (a.child.name) }
        (error_summary(f.errs, anchor))
        @if let Some(b) = banner { (success_banner(b)) }
        span class="govuk-caption-l" { (a.child.name) }
        h1 class="govuk-heading-l" { "Child and family assessment" }
        @if let Some(n) = &a.returned_note { div class="govuk-warning-text" { span class="govuk-warning-text__icon" aria-hidden="true" { "!" } strong class="govuk-warning-text__text" { span class="govuk-visually-hidden" { "Warning" } "Returned by a manager: " (n) } } }
        dl class="govuk-summary-list" {
            (row("Status", html! { strong class="govuk-tag" { (a.status_label) } }))
            (row("Started", html! { (format_date(a.start_date)) " (" (a.origin_label) ")" @if !a.origin_note.is_empty() { br; (a.origin_note) } }))
            (row("Referral date", html! { (format_date(a.referral_date)) }))
            @if let Some(edd) = a.expected_delivery { (row("Expected date of delivery", html! { (format_date(edd)) })) }
            (row("Social worker", html! { (a.worker_name) }))
        }
        (clocks_block(a))
        (first_stage_block(user, a, f, editable))
        (checkpoints_block(user, a, f))
        (sections_block(a, editable))
        (visits_block(user, a, f, editable))
        (views_block(user, a, f))
        (agencies_block(user, a, f, editable))
        (next_step(user, a, f))
    };
    render(
        state,
        user,
        &format!("Assessment – {}", a.child.name),
        "assessments",
        !f.errs.is_empty(),
        content,
    )
}

fn show_page_prefixed(
    state: &AppState,
    user: &Principal,
    a: &AssessmentView,
    f: &Failed<'_>,
    banner: Option<&str>,
) -> Response {
    let errs = with_prefix(f.errs.clone(), f.data.get("prefix"));
    show_page(
        state,
        user,
        a,
        &Failed {
            form: f.form,
            data: f.data,
            errs: &errs,
        },
        banner,
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
    match state.app.view_assessment(&user, id).await {
        Ok(a) => show_page(
            &state,
            &user,
            &a,
            &Failed {
                form: "",
                data: &FormData::default(),
                errs: &ValidationErrors::default(),
            },
            None,
        ),
        Err(e) => page_error(e),
    }
}

/// After a small form: back to the record on success, or the record with the form's errors.
pub(crate) async fn after(
    state: &AppState,
    user: &Principal,
    id: Uuid,
    d: &FormData,
    anchor_to: &str,
    r: Result<AssessmentView, AppError>,
) -> Response {
    match r {
        Ok(_) => Redirect::to(&format!("/assessments/{id}#{anchor_to}")).into_response(),
        Err(AppError::Validation(errs)) => match state.app.view_assessment(user, id).await {
            Ok(a) => show_page_prefixed(
                state,
                user,
                &a,
                &Failed {
                    form: d.get("form"),
                    data: d,
                    errs: &errs,
                },
                None,
            ),
            Err(e) => page_error(e),
        },
        Err(AppError::Stale { .. }) => match state.app.view_assessment(user, id).await {
            Ok(a) => {
                let errs = ValidationErrors::single("version", "edit_conflict", "Someone else changed this assessment while you had it open. Nothing was overwritten: check the record below and try again.");
                show_page(
                    state,
                    user,
                    &a,
                    &Failed {
                        form: d.get("form"),
                        data: d,
                        errs: &errs,
                    },
                    None,
                )
            }
            Err(e) => page_error(e),
        },
        Err(e) => page_error(e),
    }
}

fn opt_date(d: &FormData, name: &str) -> String {
    d.date(name).unwrap_or_default()
}

macro_rules! post_action {
    ($name:ident, $anchor:literal, |$d:ident| $input:expr, $call:ident) => {
        pub async fn $name(
            State(state): State<AppState>,
            PageUser(user): PageUser,
            Path(id): Path<String>,
            body: Bytes,
        ) -> Response {
            let id = match uuid_or_404(&id) {
                Ok(i) => i,
                Err(r) => return r,
            };
            let raw = FormData::parse(&body);
            let $d = strip(&raw);
            let input = $input;
            let r = state.app.$call(&user, id, &input).await;
            after(&state, &user, id, &raw, $anchor, r).await
        }
    };
}

macro_rules! post_sub_action {
    ($name:ident, $anchor:literal, |$d:ident| $input:expr, $call:ident) => {
        pub async fn $name(
            State(state): State<AppState>,
            PageUser(user): PageUser,
            Path((id, sub)): Path<(String, String)>,
            body: Bytes,
        ) -> Response {
            let (id, sub) = match (uuid_or_404(&id), sub.parse()) {
                (Ok(i), Ok(s)) => (i, s),
                (Err(r), _) => return r,
                (_, Err(_)) => return page_error(AppError::NotFound),
            };
            let raw = FormData::parse(&body);
            let $d = strip(&raw);
            let input = $input;
            let r = state.app.$call(&user, id, sub, &input).await;
            after(&state, &user, id, &raw, $anchor, r).await
        }
    };
}

post_action!(
    visit,
    "visits",
    |d| {
        let seen = d.all("seen");
        let has = |k: &str| seen.iter().any(|s| s == k);
        VisitInput {
            visit_date: opt_date(&d, "visit_date"),
            child_seen: has("child_seen"),
            seen_alone: has("seen_alone"),
            home_seen: has("home_seen"),
            bedroom_seen: has("bedroom_seen"),
            all_children_considered: has("all_children_considered"),
            who_was_seen: d.get("who_was_seen").into(),
            notes: d.get("notes").into(),
        }
    },
    record_visit
);
post_action!(
    view,
    "views",
    |d| ViewInput {
        speaker: d.get("speaker").into(),
        speaker_name: d.get("speaker_name").into(),
        kind: d.get("kind").into(),
        words: d.get("words").into(),
    },
    add_assessment_view
);
post_action!(
    agency,
    "agencies",
    |d| AgencyRequestInput {
        agency: d.get("agency").into(),
        agency_type: d.get("agency_type").into(),
        asked: d.get("asked").into(),
        requested_on: opt_date(&d, "requested_on"),
    },
    request_agency_information
);
post_action!(
    first_stage,
    "first-stage",
    |d| FirstStageInput {
        version: d.get("version").parse().unwrap_or(0),
        concluded_on: opt_date(&d, "concluded_on"),
        note: d.get("note").into(),
        late_reason: d.get("late_reason").into(),
    },
    conclude_first_stage
);
post_action!(
    act,
    "next",
    |d| ActInput {
        version: d.get("version").parse().unwrap_or(0),
        strategy_reason: d.get("strategy_reason").into(),
    },
    act_on_assessment
);
macro_rules! post_chosen_action {
    ($name:ident, $anchor:literal, $field:literal, $what:literal, |$d:ident| $input:expr, $call:ident) => {
        pub async fn $name(
            State(state): State<AppState>,
            PageUser(user): PageUser,
            Path(id): Path<String>,
            body: Bytes,
        ) -> Response {
            let id = match uuid_or_404(&id) {
                Ok(i) => i,
                Err(r) => return r,
            };
            let $d = FormData::parse(&body);
            let r = match $d.get($field).parse::<Uuid>() {
                Ok(sub) => {
                    let input = $input;
                    state.app.$call(&user, id, sub, &input).await
                }
                Err(_) => Err(AppError::Validation(ValidationErrors::single(
                    $field, "required", $what,
                ))),
            };
            after(&state, &user, id, &$d, $anchor, r).await
        }
    };
}

post_chosen_action!(
    visit_reason,
    "visits",
    "visit_id",
    "Choose the visit",
    |d| ReasonInput {
        reason: d.get("reason").into()
    },
    record_visit_reason
);
post_chosen_action!(
    agency_reply,
    "agencies",
    "request_id",
    "Choose the request this reply answers",
    |d| AgencyResponseInput {
        response_on: opt_date(&d, "response_on"),
        response: d.get("response").into(),
    },
    record_agency_response
);
post_sub_action!(
    checkpoint,
    "checkpoints",
    |d| CheckpointInput {
        answer: d.get("answer").into(),
        answered_on: opt_date(&d, "answered_on"),
        late_reason: d.get("late_reason").into(),
    },
    answer_checkpoint
);

/// Assessments in progress: yours, and for managers everything awaiting authorisation.
pub async fn list(State(state): State<AppState>, PageUser(user): PageUser) -> Response {
    let items = match state.app.assessment_worklist(&user).await {
        Ok(i) => i,
        Err(e) => return page_error(e),
    };
    let tasks = if user.user.role.is_manager() {
        match state.app.checkpoint_tasks(&user).await {
            Ok(t) => t,
            Err(e) => return page_error(e),
        }
    } else {
        Vec::new()
    };
    let content = html! {
        h1 class="govuk-heading-l" { "Assessments" }
        @if !tasks.is_empty() {
            (data_table("Checkpoints waiting for a manager's answer, soonest first", &["Child", "Checkpoint", "Question", "Due"], html! {
                @for t in &tasks {
                    tr class="govuk-table__row" {
                        td class="govuk-table__cell" { a class="govuk-link" href={ "/assessments/" (t.assessment_id) "#checkpoints" } { (t.child_name) } }
                        td class="govuk-table__cell" { (t.clock.label) }
                        td class="govuk-table__cell" { (t.question) }
                        td class="govuk-table__cell" { (clock_tag(&t.clock)) " " (format_date(t.clock.clock.due_date)) }
                    }
                }
            }))
        }
        @if items.is_empty() { p class="govuk-body" { "You have no assessments in progress." } }
        @else {
            (data_table("Assessments in progress, oldest first", &["Child", "Started", "Status", "Social worker", "45 working days"], html! {
                @for i in &items {
                    tr class="govuk-table__row" {
                        td class="govuk-table__cell" { a class="govuk-link" href={ "/assessments/" (i.id) } { (i.child_name) } }
                        td class="govuk-table__cell" { (format_date(i.start_date)) }
                        td class="govuk-table__cell" { (i.status_label) }
                        td class="govuk-table__cell" { (i.worker_name) }
                        td class="govuk-table__cell" { @if let Some(c) = &i.due { (clock_tag(c)) " " (format_date(c.clock.due_date)) } }
                    }
                }
            }))
        }
    };
    render(&state, &user, "Assessments", "assessments", false, content)
}
