//! The referral decision screen: who referred and why, the decision clock, re-referral and
//! history of the child and siblings, consent and sharing without it, checks with other
//! agencies, acknowledgement, the threshold guidance as reference beside the decision, the
//! decision itself, the feedback letter, and allocation of the episode it opened.

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use hearth_app::accounts::auth::Principal;
use hearth_app::front_door::types::{
    AcknowledgeInput, AgencyCheckInput, AllocationInput, DecisionInput, FamilyInput, ReferralView,
    SharingInput,
};
use hearth_app::AppError;
use hearth_domain::clock::ClockStatus;
use hearth_domain::codes::PrimaryNeed;
use hearth_domain::errors::ValidationErrors;
use hearth_domain::front_door::consent::{Consent, SharingWithoutConsent};
use hearth_domain::front_door::decision::{ReferralOutcome, ThresholdLevel};
use hearth_domain::front_door::states::ReferralState;
use hearth_domain::uk_time::{format_date, format_uk};
use maud::{html, Markup, DOCTYPE};
use uuid::Uuid;

use crate::auth::PageUser;
use crate::errors::page_error;
use crate::forms::{choices, csrf, date_input, select, textarea, FormData, Input};
use crate::layout::{data_table, error_summary, summary_row as row};
use crate::pages::front_door::queue::{clock_tag, uuid_or_404};
use crate::pages::people::search::born;
use crate::pages::render;
use crate::AppState;
use hearth_domain::front_door::family::FamilyInformed;
use hearth_domain::protection::strategy::ProtectiveActionKind;

/// The levels-of-concern guidance (seed 000 §2.5–2.7), for reference only.
fn threshold_reference() -> Markup {
    crate::pages::front_door::threshold_guidance::render()
}

struct Forms<'a> {
    decision: &'a FormData,
    errs: &'a ValidationErrors,
}

fn page_for(state: &AppState, user: &Principal, r: &ReferralView, f: Forms<'_>) -> Response {
    let d = f.decision;
    let errs = f.errs;
    let outcomes: Vec<(&str, &str)> = ReferralOutcome::ALL
        .iter()
        .map(|o| (o.code(), o.text()))
        .collect();
    let may_decide = hearth_domain::authz::authorize(
        &user.actor(),
        hearth_domain::authz::GeneralAction::DecideReferral,
    )
    .is_ok();
    let actions: Vec<(&str, &str)> = std::iter::once(("", "None"))
        .chain(
            ProtectiveActionKind::ALL
                .iter()
                .map(|a| (a.code(), a.text())),
        )
        .collect();
    let family_ways: Vec<(&str, &str)> = FamilyInformed::ALL
        .iter()
        .map(|o| (o.code(), o.text()))
        .collect();
    let levels: Vec<(&str, &str)> = ThresholdLevel::ALL
        .iter()
        .map(|o| (o.code(), o.text()))
        .collect();
    let needs: Vec<(String, String)> = PrimaryNeed::ALL
        .iter()
        .map(|n| {
            (
                n.code().to_string(),
                crate::forms::words_then_code(n.label(), n.code()),
            )
        })
        .collect();
    let needs_ref: Vec<(&str, &str)> = needs
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    let is_manager = user.user.role.is_manager();
    let consent_given = r.consent == Consent::Given;
    let awaiting = r.status == ReferralState::AwaitingDecision;
    let overdue = r
        .clock
        .as_ref()
        .is_some_and(|c| c.status == ClockStatus::Overdue);
    let content = html! {
        a class="govuk-back-link" href="/front-door" { "Back to the front door" }
        (error_summary(errs, |f| f.to_string()))
        span class="govuk-caption-l" { "Referral received " (format_uk(r.received_at)) }
        h1 class="govuk-heading-l" { "Referral decision: " (r.child.name) }
        @if r.re_referral {
            div class="govuk-warning-text" {
                span class="govuk-warning-text__icon" aria-hidden="true" { "!" }
                strong class="govuk-warning-text__text" { span class="govuk-visually-hidden" { "Warning" }
                    "Re-referral: this child was referred within the last 12 months"
                    @if let Some(p) = r.previous_referral_date { " (on " (format_date(p)) ")" } "." }
            }
        }
        @if let Some(c) = &r.clock {
            div class="govuk-inset-text" { p class="govuk-body" { (clock_tag(c)) } p class="govuk-body" { (c.clock.explanation) } }
        }
        dl class="govuk-summary-list" {
            (row("Child", html! { a class="govuk-link" href={ "/people/" (r.child.id) } { (r.child.name) } " – born " (born(&r.child)) }))
            (row("Referrer", html! { (r.referrer_name) @if !r.referrer_agency.is_empty() { ", " (r.referrer_agency) } }))
            (row("Contact details", html! { (r.referrer_contact) }))
            (row("Source", html! { (r.source_label) }))
            (row("Concerns", html! { p class="govuk-body" { (r.summary) } }))
            (row("Consent", html! { (r.consent.describe()) }))
            (row("Acknowledged", html! { @if let Some(a) = r.acknowledged_at { (format_uk(a)) ": " (r.acknowledgement.clone().unwrap_or_default()) } @else { "Not yet" } }))
        }
        @if let Some(form) = r.form_id { p class="govuk-body" { a class="govuk-link" href={ "/referral-forms/" (form) } { "Read the full referral form" } } }
        @if r.acknowledged_at.is_none() {
            form method="post" action={ "/referrals/" (r.id) "/acknowledgement" } novalidate {
                (csrf(user.csrf.as_ref()))
                (Input::new("note", "Acknowledge the referrer").hint("How you told them the referral was received, and when a decision is due").render(d, errs))
                @if r.ack_clock.as_ref().is_some_and(|c| c.clock.due_date < state.app.clock.today()) {
                    (textarea("ack_late_reason", "Why is the acknowledgement later than one working day?", None, d, errs))
                }
                button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button" { "Record acknowledgement" }
            }
        }
        h2 class="govuk-heading-m" { "History of the child and siblings" }
        @if r.history.is_empty() { p class="govuk-body" { "No earlier contacts, referrals or episodes are recorded for the child or their siblings." } }
        @else {
            (data_table("Earlier contacts, referrals and episodes", &["Date", "Who", "What"], html! {
                @for h in &r.history {
                    tr class="govuk-table__row" {
                        td class="govuk-table__cell" { (format_date(h.date)) }
                        td class="govuk-table__cell" { (h.person) " (" (h.relation) ")" }
                        td class="govuk-table__cell" { (h.summary) }
                    }
                }
            }))
        }
        h2 class="govuk-heading-m" { "Consent and checks with other agencies" }
        @if let Some(s) = &r.sharing {
            div class="govuk-inset-text" {
                @match &s.basis {
                    SharingWithoutConsent::ManagerAuthorised { reasons, .. } => { "Sharing without consent authorised by " (s.recorded_by) " on " (format_uk(s.recorded_at)) ": " (reasons) }
                    SharingWithoutConsent::SignificantHarm { why_consent_not_needed, .. } => { "Significant harm suspected (section 47), recorded by " (s.recorded_by) " on " (format_uk(s.recorded_at)) ": " (why_consent_not_needed) }
                }
            }
        } @else if !consent_given {
            p class="govuk-body" { "The family has not consented. Discussing the referral with other agencies needs a manager's authorisation with reasons, unless significant harm is suspected." }
            form method="post" action={ "/referrals/" (r.id) "/sharing" } novalidate {
                (csrf(user.csrf.as_ref()))
                @let bases: Vec<(&str, &str)> = if is_manager { vec![("manager-authorised", "I authorise discussing this referral without consent (manager)"), ("significant-harm", "Significant harm is suspected: consent is not needed (section 47)")] } else { vec![("significant-harm", "Significant harm is suspected: consent is not needed (section 47)"), ("manager-authorised", "A manager authorises it (only a manager can record this)")] };
                (choices("radio", "basis", "Basis for sharing without consent", None, &bases, d, errs))
                (textarea("reasons", "Reasons", None, d, errs))
                button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button" { "Record the basis" }
            }
        }
        @if !r.agency_checks.is_empty() {
            (data_table("Checks with other agencies", &["Agency", "Shared", "Learned", "Consent"], html! {
                @for a in &r.agency_checks {
                    tr class="govuk-table__row" {
                        td class="govuk-table__cell" { (a.agency) } td class="govuk-table__cell" { (a.shared) }
                        td class="govuk-table__cell" { (a.learned) } td class="govuk-table__cell" { @if a.with_consent { "With consent" } @else { "Without consent" } }
                    }
                }
            }))
        }
        @if awaiting {
            details class="govuk-details" {
                summary class="govuk-details__summary" { span class="govuk-details__summary-text" { "Record a check with another agency" } }
                div class="govuk-details__text" {
                    form method="post" action={ "/referrals/" (r.id) "/agency-checks" } novalidate {
                        (csrf(user.csrf.as_ref()))
                        (Input::new("agency", "Agency").render(d, errs))
                        (textarea("shared", "What you shared", None, d, errs))
                        (textarea("learned", "What they told you", None, d, errs))
                        button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button" { "Save check" }
                    }
                }
            }
        }
        h2 class="govuk-heading-m" { "Decision" }
        @if let Some(dec) = &r.decision {
            dl class="govuk-summary-list" {
                (row("Decided", html! { (format_date(dec.decided_on)) " by " (dec.decided_by) }))
                (row("Outcomes", html! { ul class="govuk-list" { @for o in &dec.outcomes { li { (o.text()) } } } }))
                (row("Level of concern", html! { (ThresholdLevel::parse(&dec.threshold).map(|t| t.text()).unwrap_or("")) }))
                (row("Rationale", html! { (dec.rationale) }))
                (row("Primary need", html! { (dec.primary_need.clone().unwrap_or_default()) }))
                (row("Feedback to the referrer", html! { (dec.feedback_to_referrer.clone().unwrap_or_else(|| "None recorded".into())) }))
            }
            p class="govuk-body" { a class="govuk-link" href={ "/referrals/" (r.id) "/letter" } { "Print the feedback letter to the referrer" } }
            @if let Some(to) = &r.referred_to { p class="govuk-body" { "Passed to: " (to) } }
            @for a in &r.protective_actions {
                p class="govuk-body" { "Protective action: " (a.kind.text()) " on " (format_date(a.taken_on)) ". " (a.detail) }
            }
            @for sd in &r.strategy_discussions {
                p class="govuk-body" { "Strategy discussion " (sd.status.label().to_lowercase()) " (asked for on " (format_date(sd.requested_on)) "). "
                    a class="govuk-link" href={ "/strategy-discussions/" (sd.id) } { "Open the strategy discussion" } }
            }
            h2 class="govuk-heading-m" { "Telling the family" }
            @if let Some(f) = &r.family {
                p class="govuk-body" { (f.how_label) " – " (format_date(f.on)) ", recorded by " (f.recorded_by) ". " (f.note) }
            } @else {
                form method="post" action={ "/referrals/" (r.id) "/family" } novalidate {
                    (csrf(user.csrf.as_ref()))
                    (choices("radio", "how", "Was the family told the decision?", Some("Working Together 2018 ch.1 para 73: the family must be told unless this may jeopardise a police investigation or place the child at risk of significant harm"), &family_ways, d, errs))
                    (textarea("note", "Who was told, how and what; or why not and who agreed", None, d, errs))
                    (date_input("on", "When", "Leave blank for today", d, errs))
                    button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button" { "Record" }
                }
            }
            @if let Some(ep) = &r.episode {
                h2 class="govuk-heading-m" { "Episode of need" }
                p class="govuk-body" { "Referral date " (format_date(ep.referral_date)) ", primary need " (crate::forms::words_then_code(ep.primary_need.label(), ep.primary_need.code()))
                    @if let Some(c) = ep.closure_date { ", closed " (format_date(c)) @if ep.referral_nfa { " (no further action at referral)" } } @else { ", open" }
                    @if ep.allocated_worker.is_some() { ", allocated." } @else { ", not yet allocated to a social worker." } }
                @if is_manager && ep.closure_date.is_none() { p class="govuk-body" { a class="govuk-link" href={ "/episodes/" (ep.id) "/allocate" } { "Allocate this work" } } }
                @if ep.closure_date.is_none() && dec.outcomes.iter().copied().any(ReferralOutcome::asks_for_assessment) {
                    p class="govuk-body" { a class="govuk-link" href={ "/people/" (r.child.id) "/assessments/new?referral=" (r.id) } { "Start the child and family assessment" } }
                }
            }
        } @else if !may_decide {
            p class="govuk-body" { "A registered social worker or a manager records the decision (Working Together 2018 ch.1 para 71). The decision is due as the clock above shows." }
            (threshold_reference())
        } @else {
            div class="govuk-grid-row" {
                div class="govuk-grid-column-two-thirds" {
                    form method="post" action={ "/referrals/" (r.id) "/decision" } novalidate {
                        (csrf(user.csrf.as_ref()))
                        input type="hidden" name="version" value=(r.version);
                        (choices("checkbox", "outcomes", "Outcome (choose all that apply)", None, &outcomes, d, errs))
                        (choices("radio", "threshold", "Level of concern you judge", Some("Use the guidance alongside as a reference; the judgement is yours"), &levels, d, errs))
                        (textarea("rationale", "Rationale", Some("Why you decided this"), d, errs))
                        (select("primary_need", "Primary need (census)", &needs_ref, d, errs))
                        (textarea("feedback_to_referrer", "Feedback to the referrer", Some("Required for every decision: what was decided and what happens next; for no further action, why and where else to find support"), d, errs))
                        (Input::new("referred_to", "The agency it is passed to (for 'refer to another agency')").render(d, errs))
                        (select("protective_action", "Protective action taken (for 'immediate protection')", &actions, d, errs))
                        (date_input("protective_action_on", "When the protective action was taken", "For example, 24 11 2026", d, errs))
                        (textarea("protective_action_detail", "What was done, by whom, and where the child is now", None, d, errs))
                        (textarea("strategy_reason", "Why a strategy discussion is needed (for a strategy discussion or immediate protection)", Some("Leave blank to use the rationale"), d, errs))
                        @if matches!(r.consent, Consent::Refused { .. }) {
                            (textarea("consent_override_reasons", "The parents refused consent: why is the child likely to suffer significant harm?", Some("Needed to go ahead under section 47 without consent (seed 001)"), d, errs))
                            (textarea("parents_told", "How were the parents told of the change of approach and the reasons for the concerns?", None, d, errs))
                        }
                        (Input::new("decided_on", "Decision date").hint("Leave blank for today; for example 2026-11-23").class("govuk-input--width-10").render(d, errs))
                        @if overdue || errs.for_field("late_reason").is_some() { (textarea("late_reason", "Why is the decision later than its due date?", None, d, errs)) }
                        button type="submit" class="govuk-button" data-module="govuk-button" { "Record decision" }
                    }
                }
                div class="govuk-grid-column-one-third" { (threshold_reference()) }
            }
        }
    };
    render(
        state,
        user,
        "Referral decision",
        "front-door",
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
    match state.app.view_referral(&user, id).await {
        Ok(r) => page_for(
            &state,
            &user,
            &r,
            Forms {
                decision: &FormData::default(),
                errs: &ValidationErrors::default(),
            },
        ),
        Err(e) => page_error(e),
    }
}

async fn after(
    state: &AppState,
    user: &Principal,
    id: Uuid,
    d: &FormData,
    r: Result<ReferralView, AppError>,
) -> Response {
    match r {
        Ok(_) => Redirect::to(&format!("/referrals/{id}")).into_response(),
        Err(AppError::Validation(errs)) => match state.app.view_referral(user, id).await {
            Ok(v) => page_for(
                state,
                user,
                &v,
                Forms {
                    decision: d,
                    errs: &errs,
                },
            ),
            Err(e) => page_error(e),
        },
        Err(e) => page_error(e),
    }
}

macro_rules! post_action {
    ($name:ident, |$d:ident| $input:expr, $call:ident) => {
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
            let input = $input;
            let r = state.app.$call(&user, id, &input).await;
            after(&state, &user, id, &$d, r).await
        }
    };
}

post_action!(
    decide,
    |d| DecisionInput {
        version: d.get("version").parse().unwrap_or(0),
        outcomes: d.all("outcomes"),
        threshold: d.get("threshold").into(),
        rationale: d.get("rationale").into(),
        primary_need: d.get("primary_need").into(),
        feedback_to_referrer: d.get("feedback_to_referrer").into(),
        decided_on: d.get("decided_on").into(),
        late_reason: d.get("late_reason").into(),
        referred_to: d.get("referred_to").into(),
        protective_action: d.get("protective_action").into(),
        protective_action_on: d.date("protective_action_on").unwrap_or_default(),
        protective_action_detail: d.get("protective_action_detail").into(),
        strategy_reason: d.get("strategy_reason").into(),
        consent_override_reasons: d.get("consent_override_reasons").into(),
        parents_told: d.get("parents_told").into(),
    },
    decide_referral
);
post_action!(
    family,
    |d| FamilyInput {
        how: d.get("how").into(),
        note: d.get("note").into(),
        on: d.date("on").unwrap_or_default(),
    },
    record_family_informed
);
post_action!(
    sharing,
    |d| SharingInput {
        basis: d.get("basis").into(),
        reasons: d.get("reasons").into()
    },
    record_sharing
);
post_action!(
    agency_check,
    |d| AgencyCheckInput {
        agency: d.get("agency").into(),
        shared: d.get("shared").into(),
        learned: d.get("learned").into()
    },
    record_agency_check
);
post_action!(
    acknowledge,
    |d| AcknowledgeInput {
        note: d.get("note").into(),
        late_reason: d.get("ack_late_reason").into(),
    },
    acknowledge_referral
);

/// The feedback letter to the referrer, ready to print.
pub async fn letter(
    State(state): State<AppState>,
    PageUser(user): PageUser,
    Path(id): Path<String>,
) -> Response {
    let id = match uuid_or_404(&id) {
        Ok(i) => i,
        Err(r) => return r,
    };
    let r = match state.app.view_referral(&user, id).await {
        Ok(r) => r,
        Err(e) => return page_error(e),
    };
    let Some(letter) = &r.feedback_letter else {
        return page_error(AppError::Conflict(
            "The referral has not been decided yet, so there is no feedback letter".into(),
        ));
    };
    let body = html! {
        (DOCTYPE)
        html lang="en" class="govuk-template" {
            head { meta charset="utf-8"; title { "Feedback on your referral – " (state.council_name) } link rel="stylesheet" href="/assets/hearth.css"; }
            body class="govuk-template__body" {
                main class="govuk-width-container govuk-main-wrapper" id="main-content" {
                    p class="govuk-body" { (state.council_name) " – Children's social care" }
                    h1 class="govuk-heading-l" { "Feedback on your referral" }
                    @for para in letter.split("\n\n") {
                        p class="govuk-body" {
                            @for (i, line) in para.lines().enumerate() { @if i > 0 { br; } (line) }
                        }
                    }
                }
            }
        }
    };
    Html(body.into_string()).into_response()
}

fn allocate_page(
    state: &AppState,
    user: &Principal,
    episode: Uuid,
    teams: &[(String, String)],
    workers: &[(String, String)],
    d: &FormData,
    errs: &ValidationErrors,
) -> Response {
    let t: Vec<(&str, &str)> = teams
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    let w: Vec<(&str, &str)> = workers
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    let content = html! {
        a class="govuk-back-link" href="/allocations" { "Back to unallocated work" }
        (error_summary(errs, |f| f.to_string()))
        h1 class="govuk-heading-l" { "Allocate work" }
        form method="post" action={ "/episodes/" (episode) "/allocate" } novalidate {
            (csrf(user.csrf.as_ref()))
            (select("team_id", "Team", &t, d, errs))
            (select("worker_id", "Social worker", &w, d, errs))
            div class="govuk-form-group" {
                div class="govuk-checkboxes" data-module="govuk-checkboxes" {
                    div class="govuk-checkboxes__item" {
                        input class="govuk-checkboxes__input" id="with_siblings" name="with_siblings" type="checkbox" value="yes" checked[d.checked("with_siblings")];
                        label class="govuk-label govuk-checkboxes__label" for="with_siblings" { "Allocate their brothers and sisters who are waiting too, so the sibling group is held together" }
                    }
                }
            }
            button type="submit" class="govuk-button" data-module="govuk-button" { "Allocate" }
        }
    };
    render(
        state,
        user,
        "Allocate work",
        "allocations",
        !errs.is_empty(),
        content,
    )
}

async fn staff(
    state: &AppState,
    user: &Principal,
) -> (Vec<(String, String)>, Vec<(String, String)>) {
    let users = state.app.allocation_staff(user).await.unwrap_or_default();
    let mut teams: Vec<(String, String)> = users
        .iter()
        .map(|u| (u.team.0.to_string(), u.team_name.clone()))
        .collect();
    teams.sort_by(|a, b| a.1.cmp(&b.1));
    teams.dedup();
    let workers = users
        .iter()
        .map(|u| {
            (
                u.id.0.to_string(),
                format!("{} ({}, {})", u.name, u.role.label(), u.team_name),
            )
        })
        .collect();
    (teams, workers)
}

pub async fn allocate_form(
    State(state): State<AppState>,
    PageUser(user): PageUser,
    Path(id): Path<String>,
) -> Response {
    let id = match uuid_or_404(&id) {
        Ok(i) => i,
        Err(r) => return r,
    };
    if let Err(e) = hearth_domain::authz::authorize(
        &user.actor(),
        hearth_domain::authz::GeneralAction::AllocateWork,
    ) {
        return page_error(AppError::Denied(e));
    }
    let (teams, workers) = staff(&state, &user).await;
    allocate_page(
        &state,
        &user,
        id,
        &teams,
        &workers,
        &FormData::default(),
        &ValidationErrors::default(),
    )
}

pub async fn allocate(
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
    let mut errs = ValidationErrors::default();
    let team_id = d
        .get("team_id")
        .parse()
        .map_err(|_| errs.add("team_id", "required", "Choose a team"))
        .unwrap_or_default();
    let worker_id = d.opt("worker_id").and_then(|w| w.parse().ok());
    if errs.is_empty() {
        match state
            .app
            .allocate_episode(
                &user,
                id,
                &AllocationInput {
                    team_id,
                    worker_id,
                    with_siblings: d.checked("with_siblings"),
                },
            )
            .await
        {
            Ok(_) => return Redirect::to("/allocations").into_response(),
            Err(AppError::Validation(e)) => errs = e,
            Err(e) => return page_error(e),
        }
    }
    let (teams, workers) = staff(&state, &user).await;
    allocate_page(&state, &user, id, &teams, &workers, &d, &errs)
}

pub async fn unallocated(State(state): State<AppState>, PageUser(user): PageUser) -> Response {
    let items = match state.app.unallocated_work(&user).await {
        Ok(i) => i,
        Err(e) => return page_error(e),
    };
    let content = html! {
        h1 class="govuk-heading-l" { "Unallocated work" }
        @if items.is_empty() { p class="govuk-body" { "All open work is allocated." } }
        @else {
            (data_table("Open episodes with no social worker, oldest first", &["Child", "Referral date", "Working days waiting", "Team", "Action"], html! {
                @for i in &items {
                    tr class="govuk-table__row" {
                        td class="govuk-table__cell" { a class="govuk-link" href={ "/people/" (i.person_id) } { (i.child) } }
                        td class="govuk-table__cell" { (format_date(i.referral_date)) }
                        td class="govuk-table__cell" { (i.working_days_waiting) }
                        td class="govuk-table__cell" { (i.team.clone().unwrap_or_else(|| "None".into())) }
                        td class="govuk-table__cell" { a class="govuk-link" href={ "/episodes/" (i.episode_id) "/allocate" } { "Allocate" span class="govuk-visually-hidden" { " " (i.child) } } }
                    }
                }
            }))
        }
    };
    render(
        &state,
        &user,
        "Unallocated work",
        "allocations",
        false,
        content,
    )
}
