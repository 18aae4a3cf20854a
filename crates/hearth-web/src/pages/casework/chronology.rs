//! The child's chronology page: filter by date, kind and significance; the worker's analysis;
//! print it, or download it as CSV.

use axum::body::Bytes;
use axum::extract::{Query, RawQuery, State};
use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::NaiveDate;
use hearth_app::accounts::auth::Principal;
use hearth_app::casework::types::{AnalysisInput, ChronologyQuery, ChronologyView};
use hearth_app::AppError;
use hearth_domain::casework::chronology::{to_csv, EventKind};
use hearth_domain::errors::ValidationErrors;
use hearth_domain::uk_time::{format_date, format_uk};
use maud::html;

use crate::auth::PageUser;
use crate::errors::page_error;
use crate::forms::{anchor_for, csrf, date_input, textarea, FormData};
use crate::layout::{data_table, error_summary};
use crate::pages::{render, PersonPath};
use crate::AppState;

fn query_string(q: &ChronologyQuery) -> String {
    let mut parts = Vec::new();
    if let Some(f) = q.from.as_deref().filter(|s| !s.is_empty()) {
        parts.push(format!("from={f}"));
    }
    if let Some(t) = q.to.as_deref().filter(|s| !s.is_empty()) {
        parts.push(format!("to={t}"));
    }
    if let Some(k) = q.kind.as_deref().filter(|s| !s.is_empty()) {
        parts.push(format!("kind={k}"));
    }
    if q.significant == Some(true) {
        parts.push("significant=true".into());
    }
    parts.join("&")
}

fn page(
    state: &AppState,
    user: &Principal,
    person: &PersonPath,
    v: &ChronologyView,
    q: &ChronologyQuery,
    d: &FormData,
    errs: &ValidationErrors,
) -> Response {
    let qs = query_string(q);
    let mut fq = d.clone();
    for name in ["from", "to"] {
        if d.date(name).is_none() {
            let iso = d.get(name);
            fq.set_date(name, NaiveDate::parse_from_str(iso, "%Y-%m-%d").ok());
        }
    }
    let content = html! {
        a class="govuk-back-link" href={ "/people/" (person.id) } { "Back to the child's record" }
        (error_summary(errs, anchor_for(&["from", "to"])))
        span class="govuk-caption-l" { (v.child) }
        h1 class="govuk-heading-l" { "Chronology" }
        form method="get" action={ "/people/" (person.id) "/chronology" } novalidate class="hearth-no-print" {
            (date_input("from", "From", "For example, 31 1 2026", &fq, errs))
            (date_input("to", "To", "For example, 30 11 2026", &fq, errs))
            div class="govuk-form-group" {
                label class="govuk-label" for="kind" { "Kind of event" }
                select class="govuk-select" id="kind" name="kind" {
                    option value="" { "All kinds" }
                    @for k in EventKind::ALL {
                        option value=(k.code()) selected[q.kind.as_deref() == Some(k.code())] { (k.text()) }
                    }
                }
            }
            div class="govuk-checkboxes govuk-form-group" data-module="govuk-checkboxes" {
                div class="govuk-checkboxes__item" {
                    input class="govuk-checkboxes__input" id="significant" name="significant" type="checkbox" value="true" checked[q.significant == Some(true)];
                    label class="govuk-label govuk-checkboxes__label" for="significant" { "Significant events only" }
                }
            }
            button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button" { "Show events" }
        }
        p class="govuk-body hearth-no-print" {
            a class="govuk-link" href={ "/people/" (person.id) "/chronology.csv" @if !qs.is_empty() { "?" (qs) } } { "Download this chronology as CSV" }
            ". To print it, use your browser's print command: the filters and forms are left off the printed page."
        }
        (data_table("Events, oldest first", &["Date", "Kind", "What happened", "Significant"], html! {
            @for e in &v.entries {
                tr class="govuk-table__row" {
                    td class="govuk-table__cell" { @if let Some(t) = e.at { (format_uk(t)) } @else { (format_date(e.on)) } }
                    td class="govuk-table__cell" { (e.kind.text()) }
                    td class="govuk-table__cell" {
                        @if let Some(l) = &e.link { a class="govuk-link" href=(l) { (e.summary) } } @else { (e.summary) }
                    }
                    td class="govuk-table__cell" { @if e.significant { strong class="govuk-tag govuk-tag--red" { "Significant" } } }
                }
            }
        }))
        @if v.entries.is_empty() { p class="govuk-body" { "No events match." } }
        h2 class="govuk-heading-m" { "What the pattern means" }
        @if let Some(a) = &v.analysis {
            div class="govuk-inset-text" { (a) }
            @if let (Some(by), Some(at)) = (&v.analysis_by, v.analysis_at) { p class="govuk-body-s" { "By " (by) ", " (format_uk(at)) } }
        }
        form method="post" action={ "/people/" (person.id) "/chronology/analysis" } novalidate class="hearth-no-print" {
            (csrf(user.csrf.as_ref()))
            input type="hidden" name="version" value=(v.analysis_version);
            (textarea("text", "Your analysis of the chronology", Some("What the pattern of events means for the child; needed at step-down and closure (seed 001)"), d, errs))
            button type="submit" class="govuk-button" data-module="govuk-button" { "Save the analysis" }
        }
    };
    render(
        state,
        user,
        "Chronology",
        "people",
        !errs.is_empty(),
        content,
    )
}

/// The filter as typed: GOV.UK date inputs (`from-day`, `from-month`, `from-year`), or an ISO
/// `from` / `to` as the CSV link carries.
fn typed_query(raw: Option<String>) -> (ChronologyQuery, FormData) {
    let d = FormData::parse(raw.unwrap_or_default().as_bytes());
    let q = ChronologyQuery {
        from: d.date("from").or_else(|| d.opt("from")),
        to: d.date("to").or_else(|| d.opt("to")),
        kind: d.opt("kind"),
        significant: d.checked("significant").then_some(true),
    };
    (q, d)
}

pub async fn show(
    State(state): State<AppState>,
    PageUser(user): PageUser,
    person: PersonPath,
    RawQuery(raw): RawQuery,
) -> Response {
    let (q, typed) = typed_query(raw);
    match state.app.chronology(&user, person.pid, &q).await {
        Ok(v) => page(
            &state,
            &user,
            &person,
            &v,
            &q,
            &typed,
            &ValidationErrors::default(),
        ),
        Err(AppError::Validation(errs)) => match state
            .app
            .chronology(&user, person.pid, &ChronologyQuery::default())
            .await
        {
            Ok(v) => page(&state, &user, &person, &v, &q, &typed, &errs),
            Err(e) => page_error(e),
        },
        Err(e) => page_error(e),
    }
}

pub async fn csv(
    State(state): State<AppState>,
    PageUser(user): PageUser,
    person: PersonPath,
    Query(q): Query<ChronologyQuery>,
) -> Response {
    match state.app.chronology(&user, person.pid, &q).await {
        Ok(v) => (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
                (
                    header::CONTENT_DISPOSITION,
                    "attachment; filename=\"chronology.csv\"",
                ),
            ],
            to_csv(&v.entries),
        )
            .into_response(),
        Err(e) => page_error(e),
    }
}

pub async fn analysis(
    State(state): State<AppState>,
    PageUser(user): PageUser,
    person: PersonPath,
    body: Bytes,
) -> Response {
    let d = FormData::parse(&body);
    let input = AnalysisInput {
        version: d.get("version").parse().unwrap_or(0),
        text: d.get("text").into(),
    };
    match state
        .app
        .record_chronology_analysis(&user, person.pid, &input)
        .await
    {
        Ok(_) => Redirect::to(&format!("/people/{}/chronology", person.id)).into_response(),
        Err(AppError::Validation(errs)) => match state
            .app
            .chronology(&user, person.pid, &ChronologyQuery::default())
            .await
        {
            Ok(v) => page(
                &state,
                &user,
                &person,
                &v,
                &ChronologyQuery::default(),
                &d,
                &errs,
            ),
            Err(e) => page_error(e),
        },
        Err(e) => page_error(e),
    }
}
