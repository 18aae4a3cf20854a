//! "Who has viewed this record": the person's access log in words (when, who, their role and
//! team, what, which record, the outcome), filtered by date, user and kind of access, and
//! downloadable as CSV with the same filter.

use axum::extract::{RawQuery, State};
use axum::response::Response;
use hearth_app::people::access_log::{AccessLogQuery, AccessLogUse, LIMIT};
use hearth_app::AppError;
use hearth_domain::errors::ValidationErrors;
use hearth_store::access_log::AccessKind;
use maud::html;

use crate::access_log::AccessEntry;
use crate::auth::PageUser;
use crate::errors::page_error;
use crate::forms::{anchor_for, date_input, FormData, Input};
use crate::layout::{data_table, error_summary};
use crate::pages::{render, PersonPath};
use crate::AppState;

/// The page's fields: dates as three boxes each, the user's name or id, the kind.
const FIELDS: [&str; 8] = [
    "from-day",
    "from-month",
    "from-year",
    "to-day",
    "to-month",
    "to-year",
    "user",
    "kind",
];

fn query_of(form: &FormData) -> AccessLogQuery {
    AccessLogQuery {
        from: form.date("from"),
        to: form.date("to"),
        user: form.opt("user"),
        kind: form.opt("kind"),
    }
}

/// The filter as typed, for the CSV link (the download holds the rows the page shows).
fn filter_string(form: &FormData) -> String {
    let pairs: Vec<(&str, String)> = FIELDS
        .iter()
        .filter_map(|f| form.opt(f).map(|v| (*f, v)))
        .collect();
    serde_urlencoded::to_string(pairs).unwrap_or_default()
}

pub async fn show(
    State(state): State<AppState>,
    PageUser(user): PageUser,
    PersonPath { pid, id }: PersonPath,
    RawQuery(raw): RawQuery,
) -> Response {
    let form = FormData::parse(raw.unwrap_or_default().as_bytes());
    let q = query_of(&form);
    let (entries, reached, errs) = match state
        .app
        .person_access_log(&user, pid, &q, AccessLogUse::Read)
        .await
    {
        Ok(log) => {
            let this = pid.to_string();
            let rows: Vec<AccessEntry> = log
                .rows
                .into_iter()
                .map(|r| AccessEntry::new(r, &this))
                .collect();
            (rows, log.limit_reached, ValidationErrors::default())
        }
        Err(AppError::Validation(v)) => (Vec::new(), false, v),
        Err(e) => return page_error(e),
    };
    let filters = filter_string(&form);
    let kind = form.get("kind");
    let content = html! {
        a class="govuk-back-link" href={ "/people/" (id) } { "Back to the record" }
        (error_summary(&errs, anchor_for(&["from", "to"])))
        h1 class="govuk-heading-l" { "Who has viewed this record" }
        p class="govuk-body" { "Every time someone opens, searches for or changes this record, or opens a contact or other record about this person, it is recorded here. The newest is first. Roles and teams are as they are now." }
        form method="get" action={ "/people/" (id) "/access-log" } novalidate {
            (date_input("from", "From", "For example, 1 11 2026", &form, &errs))
            (date_input("to", "To", "For example, 30 11 2026", &form, &errs))
            (Input::new("user", "User").hint("Part of their name, or their user id").class("govuk-input--width-20").render(&form, &errs))
            div class={ "govuk-form-group" @if errs.for_field("kind").is_some() { " govuk-form-group--error" } } {
                label class="govuk-label" for="kind" { "Kind of access" }
                @if let Some(e) = errs.for_field("kind") {
                    p id="kind-error" class="govuk-error-message" { span class="govuk-visually-hidden" { "Error:" } " " (e.message) }
                }
                select class="govuk-select" id="kind" name="kind" {
                    option value="" { "Any kind" }
                    @for k in AccessKind::ALL {
                        option value=(k.code()) selected[kind == k.code()] { (k.label()) }
                    }
                }
            }
            button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button" { "Show access" }
        }
        @if errs.is_empty() {
            p class="govuk-body" {
                a class="govuk-link" href={ "/people/" (id) "/access-log.csv" @if !filters.is_empty() { "?" (filters) } } { "Download as CSV" }
                " (the rows shown here; downloading is recorded too)."
            }
            @if reached {
                div class="govuk-inset-text" { "Only the newest " (LIMIT) " are shown. Choose dates or a user to see older access." }
            }
            (data_table("Access to this record", &["When", "Who", "Role and team", "What", "Outcome"], html! {
                @for r in &entries {
                    tr class="govuk-table__row" {
                        td class="govuk-table__cell" { (r.when) }
                        td class="govuk-table__cell" { (r.who) }
                        td class="govuk-table__cell" { (r.role) @if !r.team.is_empty() { br; span class="govuk-body-s" { (r.team) } } }
                        td class="govuk-table__cell" { (r.what) br; span class="govuk-body-s" { (r.record) } }
                        td class="govuk-table__cell" { (r.result) }
                    }
                }
            }))
            @if entries.is_empty() { p class="govuk-body" { "No access matches." } }
        }
    };
    render(
        &state,
        &user,
        "Who has viewed this record",
        "people",
        !errs.is_empty(),
        content,
    )
}

/// The same rows as CSV.
pub async fn csv(
    State(state): State<AppState>,
    PageUser(user): PageUser,
    PersonPath { pid, .. }: PersonPath,
    RawQuery(raw): RawQuery,
) -> Response {
    let form = FormData::parse(raw.unwrap_or_default().as_bytes());
    match state
        .app
        .person_access_log(&user, pid, &query_of(&form), AccessLogUse::Export)
        .await
    {
        Ok(log) => crate::api::access_log::csv_response(log, &pid.to_string()),
        Err(e) => page_error(e),
    }
}
