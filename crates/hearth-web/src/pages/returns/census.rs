//! The CIN census page for the performance analyst: download the return for a year, and the
//! census readiness list — every child whose record would fail a DfE rule today, with the page
//! that fixes it — all year round, not only in March.

use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use hearth_app::accounts::auth::Principal;
use hearth_app::returns::census_check::ReadinessView;
use hearth_domain::uk_time::format_date;
use maud::html;
use serde::Deserialize;

use crate::auth::PageUser;
use crate::errors::page_error;
use crate::pages::render;
use crate::AppState;

/// Which census year.
#[derive(Debug, Deserialize)]
pub struct YearQuery {
    pub year: Option<String>,
}

fn page(state: &AppState, user: &Principal, v: &ReadinessView) -> Response {
    let years = [v.year - 2, v.year - 1, v.year, v.year + 1];
    let content = html! {
        h1 class="govuk-heading-l" { "CIN census " (v.year - 1) " to " (v.year) }
        p class="govuk-body" {
            "The census year runs from 1 April " (v.year - 1) " to 31 March " (v.year) " (reference date "
            (format_date(v.reference_date)) "). Checked today under the DfE's " (v.ruleset) " rules."
        }
        form method="get" action="/census" novalidate {
            div class="govuk-form-group" {
                label class="govuk-label" for="year" { "Census year ending 31 March" }
                select class="govuk-select" id="year" name="year" {
                    @for y in years {
                        option value=(y) selected[y == v.year] { (y) }
                    }
                }
            }
            button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button" { "Show this year" }
        }
        h2 class="govuk-heading-m" { "The return" }
        p class="govuk-body" {
            a class="govuk-link" href={ "/census/" (v.year) "/return.xml" } download { "Download the CIN census return for " (v.year) " (XML)" }
        }
        p class="govuk-hint" { "Each download is numbered (its serial number) and recorded in the audit log." }
        h2 class="govuk-heading-m" { "Census readiness" }
        dl class="govuk-summary-list" {
            div class="govuk-summary-list__row" { dt class="govuk-summary-list__key" { "Children in the return" } dd class="govuk-summary-list__value" { (v.children_checked) } }
            div class="govuk-summary-list__row" { dt class="govuk-summary-list__key" { "Errors to fix" } dd class="govuk-summary-list__value" { (v.errors) } }
            div class="govuk-summary-list__row" { dt class="govuk-summary-list__key" { "Queries" } dd class="govuk-summary-list__value" { (v.queries) " (" (v.explained) " explained)" } }
        }
        @if v.findings.is_empty() {
            p class="govuk-body" { "Every child's record passes every rule." }
        } @else {
            (crate::pages::census_findings::findings_table(&v.findings, "Every child whose record would fail a rule today", true))
        }
    };
    render(state, user, "CIN census", "census", false, content)
}

fn year_of(q: &YearQuery) -> Option<i32> {
    q.year.as_deref().and_then(|y| y.trim().parse().ok())
}

/// The census page for a year (the year under way by default).
pub async fn show(
    State(state): State<AppState>,
    PageUser(user): PageUser,
    Query(q): Query<YearQuery>,
) -> Response {
    match state.app.census_readiness(&user, year_of(&q)).await {
        Ok(v) => page(&state, &user, &v),
        Err(e) => page_error(e),
    }
}

/// The return's XML for a year.
pub async fn download(
    State(state): State<AppState>,
    PageUser(user): PageUser,
    Path(year): Path<String>,
) -> Response {
    let year = year.trim_end_matches(".xml").parse::<i32>().unwrap_or(0);
    match crate::census_download::download(&state.app, &user, year).await {
        Ok(r) => r.into_response(),
        Err(e) => page_error(e),
    }
}
