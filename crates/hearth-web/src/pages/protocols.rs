//! The local protocol in force, its history, the presets, the year's non-working days, and a
//! due-date calculator whose answer explains itself.

use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Datelike;
use hearth_app::accounts::auth::Principal;
use hearth_app::AppError;
use hearth_domain::authz::{authorize, GeneralAction};
use hearth_domain::clock::{compute, Anchor, ClockKind};
use hearth_domain::errors::ValidationErrors;
use hearth_domain::protocol::Protocol;
use hearth_domain::uk_time::{format_date, format_uk};
use maud::html;

use crate::auth::PageUser;
use crate::forms::{anchor_for, csrf, date_input, select, FormData};
use crate::layout::{data_table, error_summary, success_banner};
use crate::pages::render;
use crate::AppState;

const KINDS: &[ClockKind] = &[
    ClockKind::ReferralDecision,
    ClockKind::AssessmentCompletion,
    ClockKind::AssessmentFirstStage,
    ClockKind::InitialAssessment,
    ClockKind::InitialConference,
    ClockKind::CoreGroup,
    ClockKind::FirstReviewConference,
    ClockKind::ReviewConference,
    ClockKind::CinPlanStart,
    ClockKind::CinFirstReview,
    ClockKind::CinReview,
    ClockKind::PreBirthAssessment,
];

async fn page(
    state: &AppState,
    user: &Principal,
    f: &FormData,
    errs: &ValidationErrors,
    flash: Option<&str>,
) -> Response {
    if let Err(d) = authorize(&user.actor(), GeneralAction::ViewProtocols) {
        return crate::errors::page_error(AppError::Denied(d));
    }
    let (protocol, history) = match state.app.protocol_in_force().await {
        Ok(p) => p,
        Err(e) => return crate::errors::page_error(e),
    };
    let cal = match state.app.calendar().await {
        Ok(c) => c,
        Err(e) => return crate::errors::page_error(e),
    };
    let today = state.app.clock.today();
    let mut errs = errs.clone();
    let explained = match (f.opt("kind"), f.date("anchor_date")) {
        (Some(k), Some(d)) => match (
            ClockKind::parse(&k),
            chrono::NaiveDate::parse_from_str(&d, "%Y-%m-%d"),
        ) {
            (Some(kind), Ok(date)) => match compute(
                kind,
                Anchor {
                    event: f.opt("anchor_event").unwrap_or_else(|| "event".into()),
                    date,
                },
                &protocol,
                &cal,
            ) {
                Ok(due) => Some(due.explanation),
                Err(e) => {
                    errs.add("kind", "no_timescale", e.to_string());
                    None
                }
            },
            (None, _) => {
                errs.add("kind", "unknown_clock", "Choose a timescale from the list");
                None
            }
            (_, Err(_)) => {
                errs.add(
                    "anchor_date",
                    "invalid_date",
                    "The date must be a real date, like 26 3 2024",
                );
                None
            }
        },
        (None, Some(_)) => {
            errs.add("kind", "required", "Choose a timescale");
            None
        }
        _ => None,
    };
    let kinds: Vec<(String, String)> = KINDS.iter().map(|k| (k.code(), k.label())).collect();
    let kind_opts: Vec<(&str, &str)> = kinds
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    let may_adopt = authorize(&user.actor(), GeneralAction::ManageCalendar).is_ok();
    let presets: Vec<&str> = Protocol::presets();
    let preset_opts: Vec<(&str, &str)> = presets.iter().map(|p| (*p, *p)).collect();
    let content = html! {
        @if let Some(m) = flash { (success_banner(m)) }
        (error_summary(&errs, anchor_for(&["anchor_date"])))
        span class="govuk-caption-l" { "Local protocol in force" }
        h1 class="govuk-heading-l" { (protocol.title) }
        p class="govuk-body" { strong { (protocol.name) " version " (protocol.version) } ". Source: " (protocol.source) "." }
        p class="govuk-body" { "National timescales are built into Hearth and a local protocol can only make them stricter. Every clock records the protocol version it was computed under; adopting a new version never moves a due date already set." }
        dl class="govuk-summary-list" {
            @for d in protocol.describe() {
                div class="govuk-summary-list__row" {
                    dt class="govuk-summary-list__key" { (d.what) }
                    dd class="govuk-summary-list__value" {
                        (d.value)
                        br;
                        span class="govuk-hint govuk-!-margin-bottom-0" { (d.basis) }
                    }
                }
            }
        }
        h2 class="govuk-heading-m" { "Work out a due date" }
        form method="get" action="/protocols" novalidate {
            (select("kind", "Timescale", &kind_opts, f, &errs))
            (date_input("anchor_date", "Date of the event it runs from", "For example, 26 3 2024", f, &errs))
            button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button" { "Work out the due date" }
        }
        @if let Some(e) = explained {
            div class="govuk-inset-text" id="explanation" { (e) }
        }
        h2 class="govuk-heading-m" { "Bank holidays and closure days in " (today.year()) }
        ul class="govuk-list" {
            @for h in cal.holidays_in(today.year()) { li { (format_date(h.date)) " – " (h.name) } }
        }
        h2 class="govuk-heading-m" { "History" }
        @if history.is_empty() {
            p class="govuk-body" { "No protocol has been adopted, so the national default (" (hearth_app::calendar::DEFAULT_PRESET) ") is in force." }
        } @else {
            (data_table("Protocol versions adopted", &["Protocol", "Version", "Adopted"], html! {
                    @for h in &history {
                        tr class="govuk-table__row" {
                            td class="govuk-table__cell" { (h.title) " (" (h.name) ")" }
                            td class="govuk-table__cell" { (h.version) }
                            td class="govuk-table__cell" { (format_uk(h.adopted_at)) }
                        }
                    }
                }))
        }
        @if may_adopt {
            h2 class="govuk-heading-m" { "Adopt a preset" }
            form method="post" action="/protocols" novalidate {
                (csrf(user.csrf.as_ref()))
                (select("preset", "Preset", &preset_opts, f, &errs))
                button type="submit" class="govuk-button govuk-button--warning" data-module="govuk-button" { "Adopt this protocol" }
            }
        }
    };
    render(
        state,
        user,
        "Local protocol",
        "protocols",
        !errs.is_empty(),
        content,
    )
}

pub async fn show(
    State(state): State<AppState>,
    PageUser(user): PageUser,
    RawQuery(q): RawQuery,
) -> Response {
    let f = FormData::parse(q.unwrap_or_default().as_bytes());
    page(&state, &user, &f, &ValidationErrors::default(), None).await
}

pub async fn adopt(
    State(state): State<AppState>,
    PageUser(user): PageUser,
    body: Bytes,
) -> Response {
    let f = FormData::parse(&body);
    let Some(preset) = f
        .opt("preset")
        .filter(|p| Protocol::preset_source(p).is_some())
    else {
        let errs =
            ValidationErrors::single("preset", "unknown_preset", "Choose a preset from the list");
        return page(&state, &user, &f, &errs, None).await;
    };
    match state.app.adopt_protocol(Some(&user), &preset).await {
        Ok(Ok(_)) => Redirect::to("/protocols").into_response(),
        Ok(Err(errors)) => {
            let mut errs = ValidationErrors::default();
            for e in errors {
                errs.add("preset", "invalid_protocol", e.to_string());
            }
            page(&state, &user, &f, &errs, None).await
        }
        Err(AppError::Conflict(m)) => {
            page(
                &state,
                &user,
                &f,
                &ValidationErrors::single("preset", "already_adopted", m),
                None,
            )
            .await
        }
        Err(e) => crate::errors::page_error(e),
    }
}
