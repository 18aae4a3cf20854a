//! Writing a section of the assessment over several visits: the plan, each domain of the
//! assessment triangle (every dimension with strengths and concerns) or the analysis. The form
//! saves itself as the worker types; a save over someone else's newer save is refused and shows
//! both versions, so nothing is silently overwritten and nothing typed is lost.

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use hearth_app::accounts::auth::Principal;
use hearth_app::assessment::types::{AssessmentView, SectionInput, SectionView};
use hearth_app::AppError;
use hearth_domain::assessment::Section;
use hearth_domain::errors::ValidationErrors;
use hearth_domain::uk_time::format_uk;
use maud::html;

use crate::auth::PageUser;
use crate::errors::page_error;
use crate::forms::{csrf, textarea, FormData};
use crate::layout::{error_summary, summary_row};
use crate::pages::assessment::record::anchor;
use crate::pages::front_door::queue::uuid_or_404;
use crate::pages::render;
use crate::AppState;

fn section_of(a: &AssessmentView, s: Section) -> Option<&SectionView> {
    a.sections.iter().find(|x| x.section == s.code())
}

fn page(
    state: &AppState,
    user: &Principal,
    a: &AssessmentView,
    s: Section,
    d: &FormData,
    errs: &ValidationErrors,
    theirs: Option<&SectionView>,
) -> Response {
    let current = section_of(a, s);
    let editable = a.status.is_editable();
    let content = html! {
        a class="govuk-back-link" href={ "/assessments/" (a.id) "#sections" } { "Back to the assessment" }
        (error_summary(errs, anchor))
        span class="govuk-caption-l" { (a.child.name) " – child and family assessment" }
        h1 class="govuk-heading-l" { (s.text()) }
        @if let Some(t) = theirs {
            div class="govuk-inset-text" {
                h2 class="govuk-heading-s" { "What " (t.updated_by) " saved" @if let Some(at) = t.updated_at { " at " (format_uk(at)) } }
                @for f in s.fields() {
                    @if let Some(v) = t.fields.get(&f.name) {
                        @if v.as_str() != d.get(&f.name) { p class="govuk-body-s" { strong { (f.label) ": " } (v) } }
                    }
                }
                p class="govuk-body-s" { "Your text is in the boxes below. Copy anything you need from their version, then save: your save will replace theirs." }
            }
        }
        @if editable {
            p class="govuk-body-s" id="autosave-status" role="status" aria-live="polite" {
                @if let Some(c) = current { @if let Some(at) = c.updated_at { "Last saved by " (c.updated_by) " at " (format_uk(at)) } @else { "Not saved yet" } }
            }
            form method="post" action={ "/assessments/" (a.id) "/sections/" (s.code()) } novalidate
                data-autosave-url={ "/api/v1/assessments/" (a.id) "/sections/" (s.code()) }
                data-draft-key={ "assessment-" (a.id) "-" (s.code()) } data-has-errors=[(!errs.is_empty()).then_some("true")] {
                (csrf(user.csrf.as_ref()))
                input type="hidden" name="version" value=(d.get("version"));
                @for f in s.fields() {
                    (textarea(&f.name, &f.label, f.hint, d, errs))
                }
                button type="submit" class="govuk-button" data-module="govuk-button" { "Save and return to the assessment" }
            }
        } @else {
            p class="govuk-body" { "The assessment has been submitted, so this section can be read but not changed." }
            dl class="govuk-summary-list" {
                @for f in s.fields() {
                    (summary_row(&f.label, html! { (current.and_then(|c| c.fields.get(&f.name)).cloned().unwrap_or_else(|| "Not recorded".into())) }))
                }
            }
        }
    };
    render(
        state,
        user,
        &format!("{} – assessment", s.text()),
        "assessments",
        !errs.is_empty(),
        content,
    )
}

fn parse_path(id: &str, section: &str) -> Result<(uuid::Uuid, Section), Response> {
    let id = uuid_or_404(id)?;
    let s = Section::parse(section).map_err(|_| page_error(AppError::NotFound))?;
    Ok((id, s))
}

fn form_of(sv: Option<&SectionView>) -> FormData {
    let mut d = FormData::default();
    d.set("version", sv.map_or(0, |s| s.version).to_string());
    if let Some(sv) = sv {
        for (k, v) in &sv.fields {
            d.set(k, v.clone());
        }
    }
    d
}

pub async fn show(
    State(state): State<AppState>,
    PageUser(user): PageUser,
    Path((id, section)): Path<(String, String)>,
) -> Response {
    let (id, s) = match parse_path(&id, &section) {
        Ok(x) => x,
        Err(r) => return r,
    };
    match state.app.view_assessment(&user, id).await {
        Ok(a) => {
            let d = form_of(section_of(&a, s));
            page(&state, &user, &a, s, &d, &ValidationErrors::default(), None)
        }
        Err(e) => page_error(e),
    }
}

pub async fn save(
    State(state): State<AppState>,
    PageUser(user): PageUser,
    Path((id, section)): Path<(String, String)>,
    body: Bytes,
) -> Response {
    let (id, s) = match parse_path(&id, &section) {
        Ok(x) => x,
        Err(r) => return r,
    };
    let mut d = FormData::parse(&body);
    let version: i64 = d.get("version").parse().unwrap_or(0);
    let input: SectionInput = s
        .fields()
        .into_iter()
        .map(|f| {
            let v = serde_json::Value::String(d.get(&f.name).to_string());
            (f.name, v)
        })
        .collect();
    match state
        .app
        .save_assessment_section(&user, id, s.code(), version, &input)
        .await
    {
        Ok(_) => Redirect::to(&format!("/assessments/{id}#sections")).into_response(),
        Err(AppError::Stale { current }) => match state.app.view_assessment(&user, id).await {
            Ok(a) => {
                let theirs = section_of(&a, s).cloned();
                d.set("version", current.to_string());
                let errs = ValidationErrors::single("version", "edit_conflict", format!(
                    "Someone else saved this section while you were writing (it is now at version {current}). Nothing has been overwritten and your text is kept below. Compare it with theirs, then save again."
                ));
                page(&state, &user, &a, s, &d, &errs, theirs.as_ref())
            }
            Err(e) => page_error(e),
        },
        Err(AppError::Validation(errs)) => match state.app.view_assessment(&user, id).await {
            Ok(a) => page(&state, &user, &a, s, &d, &errs, None),
            Err(e) => page_error(e),
        },
        Err(e) => page_error(e),
    }
}
