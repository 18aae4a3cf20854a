//! The assessment's decision pages: the worker records factors, outcomes and whether the child is
//! in need and submits; the manager reviews the completion gate (what the record shows beside
//! each item) and authorises or returns it; a new assessment is started from a referral decision,
//! a strategy discussion or a review.

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use hearth_app::accounts::auth::Principal;
use hearth_app::assessment::types::*;
use hearth_app::AppError;
use hearth_domain::assessment::factors::FACTORS;
use hearth_domain::assessment::Section;
use hearth_domain::assessment::{AssessmentOutcome, GateAnswer, GateItem, Origin};
use hearth_domain::errors::ValidationErrors;
use hearth_domain::uk_time::format_date;
use maud::html;
use serde::Deserialize;

use crate::auth::PageUser;
use crate::errors::page_error;
use crate::forms::{choices, date_input, select, textarea, FormData};
use crate::layout::error_summary;
use crate::layout::summary_row as row;
use crate::pages::assessment::record::{anchor, form_start};
use crate::pages::front_door::queue::{clock_tag, uuid_or_404};
use crate::pages::render;
use crate::pages::PersonPath;
use crate::AppState;

fn national(a: &AssessmentView) -> Option<&hearth_app::clocks::ClockView> {
    a.clocks
        .iter()
        .find(|c| c.clock.kind == "assessment-completion")
}

fn submit_page(
    state: &AppState,
    user: &Principal,
    a: &AssessmentView,
    d: &FormData,
    errs: &ValidationErrors,
) -> Response {
    let factor_labels: Vec<String> = FACTORS
        .iter()
        .map(|f| crate::forms::words_then_code(f.label, f.code))
        .collect();
    let factors: Vec<(&str, &str)> = FACTORS
        .iter()
        .zip(&factor_labels)
        .map(|(f, l)| (f.code, l.as_str()))
        .collect();
    let outcomes: Vec<(&str, &str)> = AssessmentOutcome::ALL
        .iter()
        .map(|o| (o.code(), o.text()))
        .collect();
    let content = html! {
        a class="govuk-back-link" href={ "/assessments/" (a.id) } { "Back to the assessment" }
        (error_summary(errs, anchor))
        span class="govuk-caption-l" { (a.child.name) }
        h1 class="govuk-heading-l" { "Outcome of the assessment" }
        @if let Some(c) = national(a) { p class="govuk-body" { (clock_tag(c)) " " (c.clock.explanation) } }
        form method="post" action={ "/assessments/" (a.id) "/submit" } novalidate {
            (form_start(user, "submit"))
            input type="hidden" name="version" value=(a.version);
            (choices("checkbox", "outcomes", "What happens next", Some("Choose all that apply"), &outcomes, d, errs))
            (choices("radio", "in_need", "Was the child assessed as a child in need?", Some("Children Act 1989, section 17. This is what the census records."), &[("yes", "Yes"), ("no", "No")], d, errs))
            (choices("checkbox", "factors", "Factors identified at assessment", Some("Census codes. Choose 21 only if no factors were identified."), &factors, d, errs))
            (date_input("completed_on", "Date completed", "Leave blank for today", d, errs))
            (textarea("late_reason", "If completed after 45 working days from the referral, why", None, d, errs))
            button type="submit" class="govuk-button" data-module="govuk-button" { "Submit for authorisation" }
        }
    };
    render(
        state,
        user,
        "Outcome of the assessment",
        "assessments",
        !errs.is_empty(),
        content,
    )
}

fn authorise_page(
    state: &AppState,
    user: &Principal,
    a: &AssessmentView,
    d: &FormData,
    errs: &ValidationErrors,
) -> Response {
    let analysis = a
        .sections
        .iter()
        .find(|s| s.section == Section::Analysis.code())
        .and_then(|s| s.fields.get("analysis"))
        .cloned()
        .unwrap_or_default();
    let content = html! {
        a class="govuk-back-link" href={ "/assessments/" (a.id) } { "Back to the assessment" }
        (error_summary(errs, anchor))
        span class="govuk-caption-l" { (a.child.name) }
        h1 class="govuk-heading-l" { "Authorise the assessment" }
        @if errs.for_field("visits").is_some() {
            p class="govuk-body" id="visits" {
                a class="govuk-link" href={ "/assessments/" (a.id) "#visits" } { "Record the reasons on the assessment's visits" }
            }
        }
        dl class="govuk-summary-list" {
            (row("Outcomes", html! { @for o in &a.outcomes { (o.label) br; } }))
            (row("In need", html! { (a.census_meaning.clone().unwrap_or_default()) }))
            (row("Factors", html! { @for f in &a.factors { (crate::forms::words_then_code(&f.label, &f.code)) br; } }))
            (row("Analysis", html! { (analysis) }))
            @if let Some(r) = &a.late_reason { (row("Why it took longer", html! { (r) })) }
            @if let Some(c) = national(a) { (row("45 working days", html! { (clock_tag(c)) " " (c.clock.explanation) })) }
        }
        form method="post" action={ "/assessments/" (a.id) "/authorise" } novalidate {
            (form_start(user, "authorise"))
            input type="hidden" name="version" value=(a.version);
            h2 class="govuk-heading-m" { "Completion checklist" }
            p class="govuk-body" { "Tick each item you are satisfied is met. For any you do not tick, record why." }
            @for g in &a.gate {
                @let field = format!("gate.{}", g.item);
                @let id = crate::forms::field_id(&field);
                @let err = errs.for_field(&field);
                div class={ "govuk-form-group" @if err.is_some() { " govuk-form-group--error" } } id=(id) {
                    @if let Some(e) = err { p class="govuk-error-message" { span class="govuk-visually-hidden" { "Error: " } (e.message) } }
                    div class="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes" {
                        div class="govuk-checkboxes__item" {
                            input class="govuk-checkboxes__input" id={ (id) "-met" } name="met" type="checkbox" value=(g.item) checked[d.all("met").contains(&g.item)] aria-describedby={ (id) "-evidence" };
                            label class="govuk-label govuk-checkboxes__label" for={ (id) "-met" } { (g.label) }
                            div class="govuk-hint govuk-checkboxes__hint" id={ (id) "-evidence" } {
                                "The record shows: " (g.evidence)
                                @if !g.gaps.is_empty() { br; strong { "Not shown met: " } (g.gaps.join("; ")) ". Record the evidence, or leave it unticked and say why." }
                                br; "Source: " (g.source) " – “" (g.quote) "”"
                            }
                        }
                    }
                    (textarea(&format!("reason.{}", g.item), "If not ticked, why", None, d, errs))
                }
            }
            (date_input("authorised_on", "Date authorised", "Leave blank for today", d, errs))
            (textarea("late_reason", "If authorised after 45 working days from the referral, why", Some("The social worker's reason is used if you leave this blank"), d, errs))
            button type="submit" class="govuk-button" data-module="govuk-button" { "Authorise" }
        }
        h2 class="govuk-heading-m" { "Or return it for more work" }
        form method="post" action={ "/assessments/" (a.id) "/return" } novalidate {
            (form_start(user, "return"))
            input type="hidden" name="version" value=(a.version);
            (textarea("note", "What is needed before you can authorise it", None, d, errs))
            button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button" { "Return to the social worker" }
        }
    };
    render(
        state,
        user,
        "Authorise the assessment",
        "assessments",
        !errs.is_empty(),
        content,
    )
}

async fn load(state: &AppState, user: &Principal, id: &str) -> Result<AssessmentView, Response> {
    let id = uuid_or_404(id)?;
    state
        .app
        .view_assessment(user, id)
        .await
        .map_err(page_error)
}

/// What was submitted before (an assessment returned for more work keeps its answers), so
/// resubmitting never means ticking everything again.
fn answers_so_far(a: &AssessmentView) -> FormData {
    let mut d = FormData::default();
    for o in &a.outcomes {
        d.push("outcomes", o.code.clone());
    }
    for f in &a.factors {
        d.push("factors", f.code.clone());
    }
    match a.in_need {
        Some(true) => d.set("in_need", "yes"),
        Some(false) => d.set("in_need", "no"),
        None => {}
    }
    if let Some(r) = &a.late_reason {
        d.set("late_reason", r.clone());
    }
    d
}

pub async fn submit_form(
    State(state): State<AppState>,
    PageUser(user): PageUser,
    Path(id): Path<String>,
) -> Response {
    match load(&state, &user, &id).await {
        Ok(a) => submit_page(
            &state,
            &user,
            &a,
            &answers_so_far(&a),
            &ValidationErrors::default(),
        ),
        Err(r) => r,
    }
}

pub async fn authorise_form(
    State(state): State<AppState>,
    PageUser(user): PageUser,
    Path(id): Path<String>,
) -> Response {
    if let Err(e) = hearth_domain::authz::authorize(
        &user.actor(),
        hearth_domain::authz::GeneralAction::ManagerDecision,
    ) {
        return page_error(AppError::Denied(e));
    }
    match load(&state, &user, &id).await {
        Ok(a) => authorise_page(
            &state,
            &user,
            &a,
            &FormData::default(),
            &ValidationErrors::default(),
        ),
        Err(r) => r,
    }
}

/// Runs a decision; on success back to the record, otherwise the page again with its errors.
async fn decide(
    state: &AppState,
    user: &Principal,
    id: &str,
    d: &FormData,
    r: impl std::future::Future<Output = Result<AssessmentView, AppError>>,
    again: fn(&AppState, &Principal, &AssessmentView, &FormData, &ValidationErrors) -> Response,
) -> Response {
    let Ok(uid) = id.parse::<uuid::Uuid>() else {
        return page_error(AppError::NotFound);
    };
    match r.await {
        Ok(_) => Redirect::to(&format!("/assessments/{uid}#next")).into_response(),
        Err(AppError::Validation(errs)) => match load(state, user, id).await {
            Ok(a) => again(state, user, &a, d, &errs),
            Err(r) => r,
        },
        Err(AppError::Stale { .. }) => match load(state, user, id).await {
            Ok(a) => again(state, user, &a, d, &ValidationErrors::single("version", "edit_conflict", "Someone else changed this assessment while you had it open. Nothing was overwritten: check it and try again.")),
            Err(r) => r,
        },
        Err(e) => page_error(e),
    }
}

pub async fn submit(
    State(state): State<AppState>,
    PageUser(user): PageUser,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    let d = FormData::parse(&body);
    let Ok(uid) = id.parse() else {
        return page_error(AppError::NotFound);
    };
    let input = SubmitInput {
        version: d.get("version").parse().unwrap_or(0),
        factors: d.all("factors"),
        outcomes: d.all("outcomes"),
        in_need: match d.get("in_need") {
            "yes" => Some(true),
            "no" => Some(false),
            _ => None,
        },
        completed_on: d.date("completed_on").unwrap_or_default(),
        late_reason: d.get("late_reason").into(),
    };
    decide(
        &state,
        &user,
        &id,
        &d,
        state.app.submit_assessment(&user, uid, &input),
        submit_page,
    )
    .await
}

pub async fn authorise(
    State(state): State<AppState>,
    PageUser(user): PageUser,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    let d = FormData::parse(&body);
    let Ok(uid) = id.parse() else {
        return page_error(AppError::NotFound);
    };
    let met = d.all("met");
    let input = AuthoriseInput {
        version: d.get("version").parse().unwrap_or(0),
        gate: GateItem::ALL
            .iter()
            .map(|g| GateAnswer {
                item: g.code().into(),
                met: met.iter().any(|m| m == g.code()),
                reason: d.get(&format!("reason.{}", g.code())).into(),
            })
            .collect(),
        authorised_on: d.date("authorised_on").unwrap_or_default(),
        late_reason: d.get("late_reason").into(),
    };
    decide(
        &state,
        &user,
        &id,
        &d,
        state.app.authorise_assessment(&user, uid, &input),
        authorise_page,
    )
    .await
}

pub async fn return_for_work(
    State(state): State<AppState>,
    PageUser(user): PageUser,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    let d = FormData::parse(&body);
    let Ok(uid) = id.parse() else {
        return page_error(AppError::NotFound);
    };
    let input = ReturnInput {
        version: d.get("version").parse().unwrap_or(0),
        note: d.get("note").into(),
    };
    decide(
        &state,
        &user,
        &id,
        &d,
        state.app.return_assessment(&user, uid, &input),
        authorise_page,
    )
    .await
}

#[derive(Deserialize)]
pub struct StartQuery {
    #[serde(default)]
    referral: Option<String>,
}

fn start_page(
    state: &AppState,
    user: &Principal,
    person: &PersonPath,
    choices_: &[hearth_app::assessment::lifecycle::ReferralChoice],
    discussions: &[(String, String)],
    d: &FormData,
    errs: &ValidationErrors,
) -> Response {
    let origins: Vec<(&str, &str)> = Origin::ALL.iter().map(|o| (o.code(), o.text())).collect();
    let refs: Vec<(String, String)> = choices_
        .iter()
        .map(|c| (c.id.to_string(), c.label.clone()))
        .collect();
    let refs: Vec<(&str, &str)> = refs.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    let discussions: Vec<(&str, &str)> = discussions
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    let content = html! {
        a class="govuk-back-link" href={ "/people/" (person.id) } { "Back to the child's record" }
        (error_summary(errs, anchor))
        h1 class="govuk-heading-l" { "Start a child and family assessment" }
        form method="post" action={ "/people/" (person.id) "/assessments" } novalidate {
            (form_start(user, "start"))
            (choices("radio", "origin", "What asked for the assessment", None, &origins, d, errs))
            (select("referral_id", "The referral (for a referral decision)", &refs, d, errs))
            (select("strategy_discussion_id", "The strategy discussion (for a strategy discussion)", &discussions, d, errs))
            (textarea("origin_note", "For a review: when it was held and what it decided", None, d, errs))
            (date_input("start_date", "Start date", "Leave blank for today. It cannot be before the referral.", d, errs))
            button type="submit" class="govuk-button" data-module="govuk-button" { "Start the assessment" }
        }
    };
    render(
        state,
        user,
        "Start an assessment",
        "assessments",
        !errs.is_empty(),
        content,
    )
}

pub async fn start_form(
    State(state): State<AppState>,
    PageUser(user): PageUser,
    person: PersonPath,
    Query(q): Query<StartQuery>,
) -> Response {
    let (_, refs) = match state.app.assessments_of_person(&user, person.pid).await {
        Ok(x) => x,
        Err(e) => return page_error(e),
    };
    let mut d = FormData::default();
    d.set("origin", Origin::ReferralDecision.code());
    if let Some(r) = q.referral {
        d.set("referral_id", r);
    } else if let [only] = refs.as_slice() {
        d.set("referral_id", only.id.to_string());
    }
    d.set_date("start_date", Some(state.app.clock.today()));
    let discussions = held_discussions(&state, &user, &person).await;
    start_page(
        &state,
        &user,
        &person,
        &refs,
        &discussions,
        &d,
        &ValidationErrors::default(),
    )
}

/// The child's strategy discussions recorded as held, to start an assessment from.
async fn held_discussions(
    state: &AppState,
    user: &Principal,
    person: &PersonPath,
) -> Vec<(String, String)> {
    let list = state
        .app
        .strategy_discussions_of(user, person.pid)
        .await
        .unwrap_or_default();
    std::iter::once((String::new(), "None".to_string()))
        .chain(list.into_iter().filter_map(|v| {
            let h = v.discussion.held?;
            Some((
                v.discussion.id.to_string(),
                format!(
                    "Held on {}{}",
                    format_date(h.held_on),
                    if h.start_section_47 {
                        ": section 47 enquiries started"
                    } else {
                        ""
                    }
                ),
            ))
        }))
        .collect()
}

pub async fn start(
    State(state): State<AppState>,
    PageUser(user): PageUser,
    person: PersonPath,
    body: Bytes,
) -> Response {
    let d = FormData::parse(&body);
    let input = OpenAssessmentInput {
        person_id: person.pid.0,
        origin: d.get("origin").into(),
        referral_id: d.opt("referral_id").and_then(|r| r.parse().ok()),
        start_date: d.date("start_date").unwrap_or_default(),
        worker_id: None,
        origin_note: d.get("origin_note").into(),
        strategy_discussion_id: d.opt("strategy_discussion_id").and_then(|r| r.parse().ok()),
    };
    match state.app.open_assessment(&user, &input).await {
        Ok(a) => Redirect::to(&format!("/assessments/{}", a.id)).into_response(),
        Err(AppError::Validation(errs)) => {
            let refs = state
                .app
                .assessments_of_person(&user, person.pid)
                .await
                .map(|x| x.1)
                .unwrap_or_default();
            let discussions = held_discussions(&state, &user, &person).await;
            start_page(&state, &user, &person, &refs, &discussions, &d, &errs)
        }
        Err(e) => page_error(e),
    }
}

/// Used by the family copy: a date or "not recorded".
pub(crate) fn date_or(d: Option<chrono::NaiveDate>) -> String {
    d.map(format_date).unwrap_or_else(|| "not recorded".into())
}
