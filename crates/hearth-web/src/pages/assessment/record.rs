//! The assessment record page: clocks (the national 45 working days and the census measure
//! side by side, with stages and checkpoints where the protocol has them), sections with who
//! last saved them, visits, views in people's own words, agency requests, manager checkpoints,
//! and the next step (submit, authorise, act on the outcome, the family's copy). Every small form
//! posts here and comes back with its errors beside the fields, keeping what was typed.

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use hearth_app::accounts::auth::Principal;
use hearth_app::assessment::types::*;
use hearth_app::AppError;
use hearth_domain::errors::ValidationErrors;
use hearth_domain::uk_time::format_date;
use maud::{html, Markup};
use uuid::Uuid;

use crate::auth::PageUser;
use crate::errors::page_error;
use crate::forms::{csrf, FormData};
use crate::layout::{data_table, error_summary, success_banner, summary_row as row};
use crate::pages::assessment::blocks::*;
use crate::pages::front_door::queue::{clock_tag, uuid_or_404};
use crate::pages::render;
use crate::AppState;

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
    pub(crate) fn for_form<'b>(
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
pub(crate) fn prefixed_start(user: &Principal, prefix: &str) -> Markup {
    html! {
        (form_start(user, prefix))
        input type="hidden" name="prefix" value=(prefix);
    }
}

pub(crate) fn pf(prefix: &str, name: &str) -> String {
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

pub(crate) fn show_page(
    state: &AppState,
    user: &Principal,
    a: &AssessmentView,
    f: &Failed<'_>,
    banner: Option<&str>,
) -> Response {
    let editable = a.status.is_editable();
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
        (interpreter_block(user, a, f, editable))
        (views_block(user, a, f))
        (agencies_block(user, a, f, editable))
        (crate::pages::assessment::withholdings::withholdings_block(user, a, f))
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
            people_seen: d
                .all("people_seen")
                .iter()
                .filter_map(|p| p.parse().ok())
                .collect(),
            notes: d.get("notes").into(),
            visit_time: d.get("visit_time").into(),
            visit_kind: d.get("visit_kind").into(),
            place: d.get("place").into(),
        }
    },
    record_visit
);
post_action!(
    interpreter,
    "interpreter",
    |d| InterpreterInput {
        choice: d.get("choice").into(),
        reasons: d.get("reasons").into(),
    },
    record_interpreter_decision
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
