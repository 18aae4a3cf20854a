//! A plan's outcomes and actions (child protection and child in need pages alike): the version in force (each
//! dated action with its "done" button), the earlier versions with their reasons and
//! circulation, and the form that writes the next version (without JavaScript: the current rows
//! and a few blank ones; blank rows are left out).

use axum::body::Bytes;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use hearth_app::accounts::auth::Principal;
use hearth_app::casework::plan_versions::{
    PlanActionInput, PlanOutcomeInput, PlanVersionInput, VersionCirculatedInput,
};
use hearth_app::protection::cp_types::ChildProtectionView;
use hearth_app::AppError;
use hearth_domain::errors::ValidationErrors;
use hearth_domain::uk_time::format_date;
use hearth_store::casework::plan_versions::PlanVersionRow;
use maud::{html, Markup};
use uuid::Uuid;

use crate::auth::PageUser;
use crate::errors::page_error;
use crate::forms::{csrf, date_input, textarea, FormData, Input};
use crate::layout::data_table;
use crate::pages::protection::child_protection::show_with;
use crate::pages::PersonPath;
use crate::AppState;

/// Blank rows the form adds after the current ones.
const BLANK_OUTCOMES: usize = 2;
const BLANK_ACTIONS: usize = 3;
/// The form's name on the page.
pub(crate) const FORM: &str = "plan-version";

fn iso_parts(d: &mut FormData, name: &str, date: Option<chrono::NaiveDate>) {
    if let Some(x) = date {
        d.set(&format!("{name}-day"), x.format("%-d").to_string());
        d.set(&format!("{name}-month"), x.format("%-m").to_string());
        d.set(&format!("{name}-year"), x.format("%Y").to_string());
    }
}

/// The version in force as the form's rows.
fn saved(versions: &[PlanVersionRow]) -> FormData {
    let mut d = FormData::default();
    if let Some(v) = versions.first() {
        for (i, o) in v.content.outcomes.iter().enumerate() {
            let n = i + 1;
            d.set(
                &format!("o{n}.what_must_change"),
                o.what_must_change.clone(),
            );
            d.set(&format!("o{n}.measure"), o.measure.clone());
            iso_parts(&mut d, &format!("o{n}.by_when"), o.by_when);
        }
        for (i, a) in v.content.actions.iter().enumerate() {
            let n = i + 1;
            d.set(&format!("a{n}.action"), a.action.clone());
            d.set(&format!("a{n}.owner"), a.owner.clone());
            d.set(&format!("a{n}.frequency"), a.frequency.clone());
            iso_parts(&mut d, &format!("a{n}.due_on"), a.due_on);
        }
    }
    d
}

fn rows_in(d: &FormData, prefix: char) -> usize {
    d.0.iter()
        .filter_map(|(k, _)| {
            k.strip_prefix(prefix)
                .and_then(|r| r.split_once('.'))
                .and_then(|(n, _)| n.parse::<usize>().ok())
        })
        .max()
        .unwrap_or(0)
}

fn start(user: &Principal, form: &str) -> Markup {
    html! { (csrf(user.csrf.as_ref())) input type="hidden" name="form" value=(form); }
}

/// Which plan's versions a block shows, and where its forms post (`{base}/plan-version`,
/// `{base}/plan-version-circulated`, `{base}/plan-action-done`).
pub(crate) struct VersionsOf<'a> {
    pub base: String,
    pub plan_id: Uuid,
    pub versions: &'a [PlanVersionRow],
    /// The plan is open: its actions can be done and a new version made.
    pub open: bool,
}

/// The plan's outcomes and actions, its versions, and the form for the next version.
pub(crate) fn versions_block(
    user: &Principal,
    of: &VersionsOf<'_>,
    failed: Option<(&FormData, &ValidationErrors)>,
) -> Markup {
    let open = of.open;
    let current = of.versions.first();
    let empty = ValidationErrors::default();
    let kept = saved(of.versions);
    let (d, errs) = failed.unwrap_or((&kept, &empty));
    let outcomes =
        rows_in(d, 'o').max(current.map_or(0, |c| c.content.outcomes.len())) + BLANK_OUTCOMES;
    let actions =
        rows_in(d, 'a').max(current.map_or(0, |c| c.content.actions.len())) + BLANK_ACTIONS;
    html! {
        h3 class="govuk-heading-s" id={ "plan-" (of.plan_id) "-outcomes" } { "Outcomes and actions" }
        @match current {
            None => p class="govuk-body" { "No detailed plan yet: the core group develops the conference's outline plan into the detailed plan." },
            Some(c) => {
                p class="govuk-body-s" { "Version " (c.version) ", made " (format_date(c.made_on)) @if !c.reason.is_empty() { ": " (c.reason) } }
                (data_table("Outcomes", &["What must change", "How everyone will know", "By when"], html! {
                    @for o in &c.content.outcomes {
                        tr class="govuk-table__row" {
                            td class="govuk-table__cell" { (o.what_must_change) }
                            td class="govuk-table__cell" { (o.measure) }
                            td class="govuk-table__cell" { @if let Some(b) = o.by_when { (format_date(b)) } @else { "Not set" } }
                        }
                    }
                }))
                @if !c.content.actions.is_empty() {
                    (data_table("Actions", &["Action", "Who", "When", "Done"], html! {
                        @for (i, a) in c.content.actions.iter().enumerate() {
                            @let task = c.actions.iter().find(|t| t.n == i32::try_from(i + 1).unwrap_or(0));
                            tr class="govuk-table__row" {
                                td class="govuk-table__cell" { (a.action) }
                                td class="govuk-table__cell" { (a.owner) }
                                td class="govuk-table__cell" {
                                    @if let Some(due) = a.due_on { "By " (format_date(due)) }
                                    @if !a.frequency.is_empty() { @if a.due_on.is_some() { br; } (a.frequency) }
                                }
                                td class="govuk-table__cell" {
                                    @match task {
                                        Some(t) if t.done_on.is_some() => { "Done " (format_date(t.done_on.unwrap_or_default())) }
                                        Some(t) if open => {
                                            form method="post" action={ (of.base) "/plan-action-done" } {
                                                (start(user, "plan-action"))
                                                input type="hidden" name="plan_id" value=(of.plan_id);
                                                input type="hidden" name="action_id" value=(t.id);
                                                button type="submit" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" data-module="govuk-button" { "Done" span class="govuk-visually-hidden" { ": " (a.action) } }
                                            }
                                        }
                                        _ => "—",
                                    }
                                }
                            }
                        }
                    }))
                }
                (data_table("Versions of the plan", &["Version", "Made", "Why it changed", "Circulated"], html! {
                    @for x in of.versions {
                        tr class="govuk-table__row" {
                            td class="govuk-table__cell" { (x.version) }
                            td class="govuk-table__cell" { (format_date(x.made_on)) }
                            td class="govuk-table__cell" { @if x.reason.is_empty() { "First version" } @else { (x.reason) } }
                            td class="govuk-table__cell" {
                                @if let Some(on) = x.circulated_on { (format_date(on)) }
                                @else {
                                    form method="post" action={ (of.base) "/plan-version-circulated" } {
                                        (start(user, "plan-circulated"))
                                        input type="hidden" name="plan_id" value=(of.plan_id);
                                        input type="hidden" name="plan_version" value=(x.version);
                                        button type="submit" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" data-module="govuk-button" { "Circulated today" span class="govuk-visually-hidden" { ": version " (x.version) } }
                                    }
                                }
                            }
                        }
                    }
                }))
            }
        }
        @if open {
            details class="govuk-details" open[failed.is_some()] {
                summary class="govuk-details__summary" { span class="govuk-details__summary-text" { @if current.is_some() { "Change the plan (a new version)" } @else { "Write the detailed plan" } } }
                div class="govuk-details__text" {
                    form method="post" action={ (of.base) "/plan-version" } novalidate {
                        (start(user, FORM))
                        input type="hidden" name="plan_id" value=(of.plan_id);
                        p class="govuk-body" { "Leave a row blank to leave it out." }
                        @for n in 1..=outcomes {
                            fieldset class="govuk-fieldset" {
                                legend class="govuk-fieldset__legend govuk-fieldset__legend--s" { "Outcome " (n) }
                                (textarea(&format!("o{n}.what_must_change"), "What must change for the child", None, d, errs))
                                (textarea(&format!("o{n}.measure"), "How everyone will know it has changed, and by how much", None, d, errs))
                                (date_input(&format!("o{n}.by_when"), "By when", "For example, 12 3 2027", d, errs))
                            }
                        }
                        @for n in 1..=actions {
                            fieldset class="govuk-fieldset" {
                                legend class="govuk-fieldset__legend govuk-fieldset__legend--s" { "Action " (n) }
                                (Input::new(&format!("a{n}.action"), "What is to be done").render(d, errs))
                                (Input::new(&format!("a{n}.owner"), "Who does it").render(d, errs))
                                (date_input(&format!("a{n}.due_on"), "By when", "A date, or give how often below", d, errs))
                                (Input::new(&format!("a{n}.frequency"), "How often (for example, weekly)").render(d, errs))
                            }
                        }
                        @if current.is_some() {
                            (textarea("reason", "Why the plan is changing", Some("For example, what the core group or the review conference decided"), d, errs))
                        }
                        button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button" { "Save this version" }
                    }
                }
            }
        }
    }
}

/// The rows typed, numbered as the page shows them; a row left wholly blank is left out, and
/// the use case's numbering maps back to the page's through `place`.
pub(crate) fn input_of(d: &FormData) -> (PlanVersionInput, Vec<usize>, Vec<usize>) {
    let date = |name: String| d.date(&name).unwrap_or_default();
    let mut input = PlanVersionInput {
        reason: d.get("reason").to_string(),
        ..PlanVersionInput::default()
    };
    let (mut o_place, mut a_place) = (Vec::new(), Vec::new());
    for n in 1..=rows_in(d, 'o') {
        let o = PlanOutcomeInput {
            what_must_change: d.get(&format!("o{n}.what_must_change")).into(),
            measure: d.get(&format!("o{n}.measure")).into(),
            by_when: date(format!("o{n}.by_when")),
        };
        if [&o.what_must_change, &o.measure, &o.by_when]
            .iter()
            .any(|x| !x.trim().is_empty())
        {
            input.outcomes.push(o);
            o_place.push(n);
        }
    }
    for n in 1..=rows_in(d, 'a') {
        let a = PlanActionInput {
            action: d.get(&format!("a{n}.action")).into(),
            owner: d.get(&format!("a{n}.owner")).into(),
            due_on: date(format!("a{n}.due_on")),
            frequency: d.get(&format!("a{n}.frequency")).into(),
        };
        if [&a.action, &a.owner, &a.due_on, &a.frequency]
            .iter()
            .any(|x| !x.trim().is_empty())
        {
            input.actions.push(a);
            a_place.push(n);
        }
    }
    (input, o_place, a_place)
}

/// `outcomes[i].x` (the i-th row sent) as the page's `o{n}.x`.
pub(crate) fn page_field(field: &str, o_place: &[usize], a_place: &[usize]) -> Option<String> {
    let (list, prefix, rest) = if let Some(r) = field.strip_prefix("outcomes[") {
        (o_place, 'o', r)
    } else if let Some(r) = field.strip_prefix("actions[") {
        (a_place, 'a', r)
    } else {
        return None;
    };
    let (i, f) = rest.split_once("].")?;
    let n = list.get(i.parse::<usize>().ok()?.checked_sub(1)?)?;
    Some(format!("{prefix}{n}.{f}"))
}

/// The use case's field names as the page's rows.
pub(crate) fn to_page_fields(e: AppError, o_place: &[usize], a_place: &[usize]) -> AppError {
    match e {
        AppError::Validation(mut errs) => {
            for e in &mut errs.0 {
                if let Some(f) = page_field(&e.field, o_place, a_place) {
                    e.field = f;
                } else if e.field == "outcomes" {
                    e.field = "o1.what_must_change".into();
                }
            }
            AppError::Validation(errs)
        }
        other => other,
    }
}

fn id_of(d: &FormData, name: &str) -> Result<Uuid, AppError> {
    d.get(name).parse().map_err(|_| {
        AppError::Validation(ValidationErrors::single(
            name,
            "required",
            "The form is missing its record; reload the page",
        ))
    })
}

async fn back(
    state: &AppState,
    user: &Principal,
    person: &PersonPath,
    d: &FormData,
    r: Result<ChildProtectionView, AppError>,
) -> Response {
    match r {
        Ok(_) => {
            Redirect::to(&format!("/people/{}/child-protection#plans", person.id)).into_response()
        }
        Err(AppError::Validation(errs)) => {
            show_with(state, user, person, d.get("form"), d, &errs).await
        }
        Err(AppError::Conflict(m)) => {
            let errs = ValidationErrors::single("reason", "edit_conflict", m);
            show_with(state, user, person, d.get("form"), d, &errs).await
        }
        Err(e) => page_error(e),
    }
}

pub async fn new_version(
    State(state): State<AppState>,
    PageUser(user): PageUser,
    person: PersonPath,
    body: Bytes,
) -> Response {
    let d = FormData::parse(&body);
    let (input, o_place, a_place) = input_of(&d);
    let r = async {
        let plan = id_of(&d, "plan_id")?;
        state
            .app
            .amend_cp_plan(&user, person.pid, plan, &input)
            .await
    }
    .await;
    let r = r.map_err(|e| to_page_fields(e, &o_place, &a_place));
    back(&state, &user, &person, &d, r).await
}

pub async fn version_circulated(
    State(state): State<AppState>,
    PageUser(user): PageUser,
    person: PersonPath,
    body: Bytes,
) -> Response {
    let d = FormData::parse(&body);
    let r = async {
        let plan = id_of(&d, "plan_id")?;
        let version = d.get("plan_version").parse::<i64>().map_err(|_| {
            AppError::Validation(ValidationErrors::single(
                "plan_version",
                "required",
                "The form is missing its version; reload the page",
            ))
        })?;
        state
            .app
            .circulate_cp_plan_version(
                &user,
                person.pid,
                plan,
                version,
                &VersionCirculatedInput::default(),
            )
            .await
    }
    .await;
    back(&state, &user, &person, &d, r).await
}

pub async fn action_done(
    State(state): State<AppState>,
    PageUser(user): PageUser,
    person: PersonPath,
    body: Bytes,
) -> Response {
    let d = FormData::parse(&body);
    let r = async {
        let plan = id_of(&d, "plan_id")?;
        let action = id_of(&d, "action_id")?;
        state
            .app
            .cp_plan_action_done(&user, person.pid, plan, action)
            .await
    }
    .await;
    back(&state, &user, &person, &d, r).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_rows_are_left_out_and_errors_map_back_to_their_row() {
        let d = FormData(vec![
            ("o1.what_must_change".into(), "At school every day".into()),
            ("o1.measure".into(), "".into()),
            ("o2.what_must_change".into(), "".into()),
            ("o3.measure".into(), "Seen weekly".into()),
            ("a1.action".into(), "".into()),
            ("a2.owner".into(), "Mother".into()),
        ]);
        let (input, o, a) = input_of(&d);
        assert_eq!(input.outcomes.len(), 2);
        assert_eq!(o, [1, 3]);
        assert_eq!(a, [2]);
        assert_eq!(
            page_field("outcomes[2].what_must_change", &o, &a).as_deref(),
            Some("o3.what_must_change")
        );
        assert_eq!(
            page_field("actions[1].due_on", &o, &a).as_deref(),
            Some("a2.due_on")
        );
        assert_eq!(page_field("reason", &o, &a), None);
    }
}
