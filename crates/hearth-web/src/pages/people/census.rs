//! The child's census identity page: the LA child ID, UPN, former UPN, the reason a UPN is not
//! held, the date of death and sex as the census carries it, each with the census rule it serves;
//! and the form that changes what a worker may change.

use axum::body::Bytes;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use hearth_app::accounts::auth::Principal;
use hearth_app::returns::identity::{IdentityInput, IdentityView};
use hearth_app::AppError;
use hearth_domain::errors::ValidationErrors;
use hearth_domain::returns::identity::UpnUnknown;
use hearth_domain::uk_time::format_date;
use maud::html;

use crate::auth::PageUser;
use crate::errors::page_error;
use crate::forms::{anchor_for, csrf, date_input, select, FormData, Input};
use crate::layout::{error_summary, summary_row as row};
use crate::pages::{render, PersonPath};
use crate::AppState;

fn rule(v: &IdentityView, field: &str) -> &'static str {
    v.rules
        .iter()
        .find(|r| r.field == field)
        .map_or("", |r| r.rule)
}

fn page(
    state: &AppState,
    user: &Principal,
    v: &IdentityView,
    d: &FormData,
    errs: &ValidationErrors,
) -> Response {
    let reasons: Vec<(String, String)> = UpnUnknown::ALL
        .iter()
        .map(|u| (u.code().to_string(), format!("{} ({})", u.text(), u.code())))
        .collect();
    let i = &v.identity;
    let assessments: Vec<(String, String)> = v
        .assessments
        .iter()
        .map(|a| {
            (
                a.id.to_string(),
                format!("Started {}", format_date(a.start_date)),
            )
        })
        .collect();
    let content = html! {
        a class="govuk-back-link" href={ "/people/" (v.person_id) } { "Back to the child's record" }
        (error_summary(errs, anchor_for(&["death_date", "internal_review_date"])))
        h1 class="govuk-heading-l" { "Census identity" }
        dl class="govuk-summary-list" {
            (row("LA child ID", html! { (i.la_child_id.as_str()) br; span class="govuk-hint" { (rule(v, "la_child_id")) } }))
            (row("UPN", html! { @if let Some(u) = &v.upn { (u) } @else { "None recorded" } }))
            (row("Former UPN", html! { @if let Some(u) = &i.former_upn { (u.as_str()) } @else { "None" } br; span class="govuk-hint" { (rule(v, "former_upn")) } }))
            (row("Why there is no UPN", html! { @if let Some(l) = &v.upn_unknown_label { (l) } @else { "Not recorded" } br; span class="govuk-hint" { (rule(v, "upn_unknown")) } }))
            (row("Date of death", html! { @if let Some(dd) = i.death_date { (format_date(dd)) } @else { "None" } br; span class="govuk-hint" { (rule(v, "death_date")) } }))
            (row("Sex in the census", html! { (v.census_sex.code()) br; span class="govuk-hint" { (rule(v, "census_sex")) } }))
        }
        (findings_block(user, v, d, errs))
        h2 class="govuk-heading-m" { "Change the census identity" }
        form method="post" action={ "/people/" (v.person_id) "/census" } novalidate {
            (csrf(user.csrf.as_ref()))
            input type="hidden" name="version" value=(i.version);
            (Input::new("former_upn", "Former UPN").hint("13 characters, like A123456789012").class("govuk-input--width-20").render(d, errs))
            (select("upn_unknown", "Why the child has no UPN", &reasons.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect::<Vec<_>>(), d, errs))
            (date_input("death_date", "Date of death", "Only if the child has died", d, errs))
            button type="submit" class="govuk-button" data-module="govuk-button" { "Save the census identity" }
        }
        h2 class="govuk-heading-m" { "Assessments' internal reviews" }
        p class="govuk-hint" { (rule(v, "internal_review_date")) }
        @if v.assessments.is_empty() { p class="govuk-body" { "No assessment." } }
        @else {
            ul class="govuk-list" {
                @for a in &v.assessments {
                    li { "Assessment started " (format_date(a.start_date)) ": " @if let Some(r) = a.internal_review_date { "internal review " (format_date(r)) } @else { "no internal review recorded" } }
                }
            }
            form method="post" action={ "/people/" (v.person_id) "/census/internal-review" } novalidate {
                (csrf(user.csrf.as_ref()))
                (select("assessment_id", "Assessment", &assessments.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect::<Vec<_>>(), d, errs))
                (date_input("internal_review_date", "Date of its internal review", "For example, 20 11 2026", d, errs))
                button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button" { "Save the internal review date" }
            }
        }
    };
    render(
        state,
        user,
        "Census identity",
        "people",
        !errs.is_empty(),
        content,
    )
}

/// What the DfE rules find on the child's record today: errors to fix (with the page that fixes
/// each) and queries to fix or explain, each explained query with its reason.
fn findings_block(
    user: &Principal,
    v: &IdentityView,
    d: &FormData,
    errs: &ValidationErrors,
) -> maud::Markup {
    html! {
        h2 class="govuk-heading-m" id="census-check" { "Census check today" }
        @if v.findings.is_empty() {
            p class="govuk-body" { "The child's record passes every DfE census rule for the year under way." }
        } @else {
            (crate::pages::census_findings::findings_table(&v.findings, "DfE census rules this record breaks", false))
            @let open: Vec<_> = v.findings.iter().filter(|f| f.kind == hearth_census::Kind::Query && !f.explained).collect();
            @if !open.is_empty() {
                h3 class="govuk-heading-s" { "Explain a query" }
                p class="govuk-body" { "A query must be fixed or explained before the return is made. Give the reason it is right for this child; it is kept with the record." }
                form method="post" action={ "/people/" (v.person_id) "/census/query-reason" } novalidate {
                    (csrf(user.csrf.as_ref()))
                    @let choices: Vec<(String, String)> = open.iter().map(|f| (format!("{}|{}", f.code, f.place), format!("{} at {}", f.code, f.place))).collect();
                    (select("query", "Query", &choices.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect::<Vec<_>>(), d, errs))
                    (crate::forms::textarea("reason", "Reason", Some("Why the query is right for this child, in words another worker or the DfE can follow"), d, errs))
                    button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button" { "Keep the reason" }
                }
            }
        }
        @if !v.query_reasons.is_empty() {
            h3 class="govuk-heading-s" { "Reasons given" }
            ul class="govuk-list" {
                @for r in &v.query_reasons {
                    li { (r.rule_code) " at " (r.spot) ": " (r.reason) " — " (r.given_by_name) ", " (hearth_domain::uk_time::format_date(hearth_domain::uk_time::uk_date(r.given_at))) }
                }
            }
        }
    }
}

/// Keeps a reason for a census query.
pub async fn query_reason(
    State(state): State<AppState>,
    PageUser(user): PageUser,
    person: PersonPath,
    body: Bytes,
) -> Response {
    let d = FormData::parse(&body);
    let (code, place) = d.get("query").split_once('|').unwrap_or(("", ""));
    let input = hearth_app::returns::census_check::QueryReasonInput {
        code: code.to_string(),
        place: place.to_string(),
        reason: d.get("reason").to_string(),
    };
    let errs = match state
        .app
        .explain_census_query(&user, person.pid, &input)
        .await
    {
        Ok(()) => {
            return Redirect::to(&format!("/people/{}/census#census-check", person.id))
                .into_response()
        }
        Err(AppError::Validation(errs)) => errs,
        Err(e) => return page_error(e),
    };
    match state.app.census_identity_of(&user, person.pid).await {
        Ok(v) => page(&state, &user, &v, &d, &errs),
        Err(e) => page_error(e),
    }
}

fn saved(v: &IdentityView) -> FormData {
    let mut d = FormData::default();
    let i = &v.identity;
    if let Some(u) = &i.former_upn {
        d.set("former_upn", u.as_str());
    }
    if let Some(u) = i.upn_unknown {
        d.set("upn_unknown", u.code());
    }
    if let Some(dd) = i.death_date {
        d.set("death_date-day", dd.format("%-d").to_string());
        d.set("death_date-month", dd.format("%-m").to_string());
        d.set("death_date-year", dd.format("%Y").to_string());
    }
    d
}

pub async fn show(
    State(state): State<AppState>,
    PageUser(user): PageUser,
    person: PersonPath,
) -> Response {
    match state.app.census_identity_of(&user, person.pid).await {
        Ok(v) => page(&state, &user, &v, &saved(&v), &ValidationErrors::default()),
        Err(e) => page_error(e),
    }
}

pub async fn save(
    State(state): State<AppState>,
    PageUser(user): PageUser,
    person: PersonPath,
    body: Bytes,
) -> Response {
    let d = FormData::parse(&body);
    let input = IdentityInput {
        version: d.get("version").parse().unwrap_or(0),
        former_upn: d.get("former_upn").into(),
        upn_unknown: d.get("upn_unknown").into(),
        death_date: d.date("death_date").unwrap_or_default(),
    };
    let errs = match state.app.update_census_identity(&user, person.pid, &input).await {
        Ok(_) => return Redirect::to(&format!("/people/{}/census", person.id)).into_response(),
        Err(AppError::Validation(errs)) => errs,
        Err(AppError::Stale { .. }) => ValidationErrors::single("version", "edit_conflict", "Someone else changed the census identity while you had it open. Nothing was overwritten: check the page and try again."),
        Err(e) => return page_error(e),
    };
    match state.app.census_identity_of(&user, person.pid).await {
        Ok(v) => page(&state, &user, &v, &d, &errs),
        Err(e) => page_error(e),
    }
}

pub async fn internal_review(
    State(state): State<AppState>,
    PageUser(user): PageUser,
    person: PersonPath,
    body: Bytes,
) -> Response {
    let d = FormData::parse(&body);
    let input = hearth_app::returns::identity::InternalReviewInput {
        internal_review_date: d.date("internal_review_date").unwrap_or_default(),
    };
    let r = match d.get("assessment_id").parse::<uuid::Uuid>() {
        Ok(a) => {
            state
                .app
                .set_assessment_internal_review(&user, person.pid, a, &input)
                .await
        }
        Err(_) => Err(AppError::Validation(ValidationErrors::single(
            "assessment_id",
            "required",
            "Choose the assessment",
        ))),
    };
    let errs = match r {
        Ok(_) => return Redirect::to(&format!("/people/{}/census", person.id)).into_response(),
        Err(AppError::Validation(errs)) => errs,
        Err(e) => return page_error(e),
    };
    match state.app.census_identity_of(&user, person.pid).await {
        Ok(v) => page(&state, &user, &v, &d, &errs),
        Err(e) => page_error(e),
    }
}
