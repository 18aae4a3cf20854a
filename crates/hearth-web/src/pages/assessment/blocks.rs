//! The parts of the assessment record page: timescales, sections, seeing the child, views, agency
//! requests, checkpoints, the first stage and the next step. Each small form comes back with its
//! own errors and typed values when the failing form is its own.

use hearth_app::accounts::auth::Principal;
use hearth_app::assessment::types::*;
use hearth_domain::assessment::outcome::AssessmentOutcome;
use hearth_domain::assessment::states::AssessmentState;
use hearth_domain::assessment::visit::{VisitKind, VisitPlace};
use hearth_domain::assessment::{AgencyType, InterpreterChoice, Speaker, ViewKind};
use hearth_domain::errors::ValidationErrors;
use hearth_domain::uk_time::{format_date, format_uk};
use maud::{html, Markup};

use crate::forms::{choices, date_input, select, textarea, FormData, Input};
use crate::layout::data_table;
use crate::layout::summary_row as row;
use crate::pages::assessment::record::{form_start, pf, prefixed_start, yes_no, Failed};
use crate::pages::front_door::queue::clock_tag;

pub(crate) fn clocks_block(a: &AssessmentView) -> Markup {
    html! {
        h2 class="govuk-heading-m" id="clocks" { "Timescales" }
        p class="govuk-body-s" { "Under the protocol " (a.protocol) ". Each due date says how it was worked out." }
        dl class="govuk-summary-list" {
            @for c in &a.clocks {
                div class="govuk-summary-list__row" {
                    dt class="govuk-summary-list__key" { (c.label) }
                    dd class="govuk-summary-list__value" {
                        (clock_tag(c))
                        p class="govuk-body-s govuk-!-margin-top-1 govuk-!-margin-bottom-0" { (c.clock.explanation) }
                        @if let Some(r) = &c.clock.late_reason { p class="govuk-body-s govuk-!-margin-bottom-0" { "Reason for lateness: " (r) } }
                    }
                }
            }
            (row("Census measure (start to authorisation)", html! { (a.census.sentence) }))
        }
    }
}

pub(crate) fn sections_block(a: &AssessmentView, editable: bool) -> Markup {
    html! {
        h2 class="govuk-heading-m" id="sections" { "The assessment" }
        dl class="govuk-summary-list" {
            @for s in &a.sections {
                div class="govuk-summary-list__row" {
                    dt class="govuk-summary-list__key" { (s.label) }
                    dd class="govuk-summary-list__value" {
                        @if s.version == 0 { "Not started" }
                        @else { (s.fields.len()) " field(s) written; last saved by " (s.updated_by) @if let Some(t) = s.updated_at { " at " (format_uk(t)) } }
                    }
                    dd class="govuk-summary-list__actions" {
                        a class="govuk-link" href={ "/assessments/" (a.id) "/sections/" (s.section) } {
                            (if editable { "Write" } else { "Read" }) span class="govuk-visually-hidden" { " " (s.label) }
                        }
                    }
                }
            }
        }
    }
}

pub(crate) fn visits_block(
    user: &Principal,
    a: &AssessmentView,
    f: &Failed<'_>,
    editable: bool,
) -> Markup {
    let empty = (FormData::default(), ValidationErrors::default());
    let (d, errs) = f.for_form("visit", &empty);
    let (rd, re) = f.for_form("visit-reason", &empty);
    let is_manager = user.user.role.is_manager();
    let awaiting_reason: Vec<(String, String)> = a
        .visits
        .iter()
        .filter(|v| v.reason_needed)
        .map(|v| {
            (
                v.visit.id.to_string(),
                format!(
                    "{}: {}",
                    format_date(v.visit.visit_date),
                    v.visit.who_was_seen
                ),
            )
        })
        .collect();
    html! {
        h2 class="govuk-heading-m" id="visits" { "Seeing the child" }
        p class="govuk-body" { strong { "Across this assessment: " } (a.seen_across) "." }
        @if a.visits.is_empty() { p class="govuk-body" { "No visits recorded yet." } }
        @else {
            (data_table("Visits", &["Date", "Who was seen", "Child seen", "Seen alone", "Home and bedroom", "All children considered", "Manager's reason"], html! {
                @for v in &a.visits {
                    tr class="govuk-table__row" {
                        td class="govuk-table__cell" {
                            (format_date(v.visit.visit_date))
                            @if let Some(t) = v.visit.visit_time { " " (t.format("%H:%M")) }
                            @if let Some(k) = v.visit.kind { br; span class="govuk-body-s" { (k.text()) } }
                            @if let Some(pl) = v.visit.place { br; span class="govuk-body-s" { (pl.text()) } }
                        }
                        td class="govuk-table__cell" { (v.visit.who_was_seen) @if !v.visit.notes.is_empty() { br; span class="govuk-body-s" { (v.visit.notes) } } }
                        td class="govuk-table__cell" { (yes_no(v.visit.child_seen)) }
                        td class="govuk-table__cell" { (yes_no(v.visit.seen_alone)) }
                        td class="govuk-table__cell" { (yes_no(v.visit.home_seen)) " / " (yes_no(v.visit.bedroom_seen)) }
                        td class="govuk-table__cell" { (yes_no(v.visit.all_children_considered)) }
                        td class="govuk-table__cell" {
                            @if let Some(r) = &v.visit.manager_reason { (r) " (" (v.manager_reason_by_name) ")" }
                            @else if v.reason_needed {
                                strong class="govuk-tag govuk-tag--red" { "Manager's reason needed" }
                            }
                            @else { "Not needed (judged across the assessment)" }
                        }
                    }
                }
            }))
        }
        @if is_manager && !awaiting_reason.is_empty() {
            details class="govuk-details" open[f.form == "visit-reason"] {
                summary class="govuk-details__summary" { span class="govuk-details__summary-text" { "Record why the child was not seen alone during this assessment" } }
                div class="govuk-details__text" {
                    form method="post" action={ "/assessments/" (a.id) "/visit-reasons" } novalidate {
                        (form_start(user, "visit-reason"))
                        (select("visit_id", "Which visit", &awaiting_reason.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect::<Vec<_>>(), rd, re))
                        (textarea("reason", "The reason", None, rd, re))
                        button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button" { "Record reason" }
                    }
                }
            }
        }
        @if editable {
            details class="govuk-details" open[f.form == "visit"] { // literal-ok: the form name on this page
                summary class="govuk-details__summary" { span class="govuk-details__summary-text" { "Record a visit" } }
                div class="govuk-details__text" {
                    form method="post" action={ "/assessments/" (a.id) "/visits" } novalidate {
                        (form_start(user, "visit"))
                        (date_input("visit_date", "Date of the visit", "For example, 24 11 2026", d, errs))
                        (Input::new("visit_time", "Time").hint("24-hour clock, for example 16:30").class("govuk-input--width-5").render(d, errs))
                        (choices("radio", "visit_kind", "Was the visit announced?", None, &VisitKind::ALL.iter().map(|k| (k.code(), k.text())).collect::<Vec<_>>(), d, errs))
                        (choices("radio", "place", "Where was the child seen?", None, &VisitPlace::ALL.iter().map(|k| (k.code(), k.text())).collect::<Vec<_>>(), d, errs))
                        (choices("checkbox", "seen", "What happened", Some("Seeing the child alone is judged across the assessment: if it does not happen on any visit, a manager records why."), &[
                            ("child_seen", "The child was seen"), ("seen_alone", "The child was seen alone"), ("home_seen", "The home was seen"),
                            ("bedroom_seen", "The child's bedroom was seen"), ("all_children_considered", "All children in the household were seen or considered"),
                        ], d, errs))
                        (Input::new("who_was_seen", "Who was seen, and where").render(d, errs))
                        @if !a.parents_on_record.is_empty() {
                            @let ids: Vec<String> = a.parents_on_record.iter().map(|p| p.person_id.to_string()).collect();
                            @let opts: Vec<(&str, &str)> = ids.iter().zip(&a.parents_on_record).map(|(id, p)| (id.as_str(), p.name.as_str())).collect();
                            (choices("checkbox", "people_seen", "Parents seen at this visit", Some("The completion checklist asks that each parent, including fathers, is seen"), &opts, d, errs))
                        }
                        (textarea("notes", "Notes", None, d, errs))
                        button type="submit" class="govuk-button" data-module="govuk-button" { "Save visit" }
                    }
                }
            }
        }
    }
}

/// The interpreter decisions (seed 004 Blackpool: "Any decision not to use an interpreter in such
/// circumstances must be approved by the Team Manager and recorded"), and the form to record one.
pub(crate) fn interpreter_block(
    user: &Principal,
    a: &AssessmentView,
    f: &Failed<'_>,
    editable: bool,
) -> Markup {
    let empty = (FormData::default(), ValidationErrors::default());
    let (d, errs) = f.for_form("interpreter", &empty);
    let choices_: Vec<(&str, &str)> = InterpreterChoice::ALL
        .iter()
        .map(|c| (c.code(), c.text()))
        .collect();
    html! {
        h2 class="govuk-heading-m" id="interpreter" { "Interpreter" }
        @if a.interpreter_decisions.is_empty() { p class="govuk-body" { "No decision recorded yet." } }
        @for i in &a.interpreter_decisions {
            div class="govuk-inset-text" {
                p class="govuk-body govuk-!-font-weight-bold govuk-!-margin-bottom-1" { (i.choice_label) }
                @if !i.reasons.is_empty() { p class="govuk-body" { (i.reasons) } }
                p class="govuk-body-s govuk-!-margin-bottom-0" {
                    "Recorded by " (i.decided_by_name) " at " (format_uk(i.decided_at))
                    @if !i.approved_by_name.is_empty() { "; approved by " (i.approved_by_name) " (team manager)" }
                }
            }
        }
        @if editable {
            details class="govuk-details" open[f.form == "interpreter"] {
                summary class="govuk-details__summary" { span class="govuk-details__summary-text" { "Record an interpreter decision" } }
                div class="govuk-details__text" {
                    form method="post" action={ "/assessments/" (a.id) "/interpreter" } novalidate {
                        (form_start(user, "interpreter"))
                        (choices("radio", "choice", "Decision", Some("Not using an interpreter when one is needed must be approved and recorded by a team manager (seed 004)"), &choices_, d, errs))
                        (textarea("reasons", "Reasons", None, d, errs))
                        button type="submit" class="govuk-button" data-module="govuk-button" { "Record decision" }
                    }
                }
            }
        }
    }
}

pub(crate) fn views_block(user: &Principal, a: &AssessmentView, f: &Failed<'_>) -> Markup {
    let empty = (FormData::default(), ValidationErrors::default());
    let (d, errs) = f.for_form("view", &empty);
    let speakers: Vec<(&str, &str)> = Speaker::ALL.iter().map(|s| (s.code(), s.text())).collect();
    let kinds: Vec<(&str, &str)> = ViewKind::ALL.iter().map(|s| (s.code(), s.text())).collect();
    html! {
        h2 class="govuk-heading-m" id="views" { "Views and wishes, in their own words" }
        p class="govuk-body-s" { "Entries are added, never changed. A disagreement or a request for a correction is added beside what it is about." }
        @if a.views.is_empty() { p class="govuk-body" { "No views recorded yet." } }
        @for v in &a.views {
            div class="govuk-inset-text" {
                p class="govuk-body govuk-!-font-weight-bold govuk-!-margin-bottom-1" {
                    (v.speaker_label) @if !v.entry.speaker_name.is_empty() { " (" (v.entry.speaker_name) ")" } " – " (v.kind_label)
                }
                p class="govuk-body" { "“" (v.entry.words) "”" }
                p class="govuk-body-s govuk-!-margin-bottom-0" { "Recorded by " (v.recorded_by_name) " at " (format_uk(v.entry.recorded_at)) }
            }
        }
        details class="govuk-details" open[f.form == "view"] { // literal-ok: the form name on this page
            summary class="govuk-details__summary" { span class="govuk-details__summary-text" { "Add views, a disagreement or a correction request" } }
            div class="govuk-details__text" {
                form method="post" action={ "/assessments/" (a.id) "/views" } novalidate {
                    (form_start(user, "view"))
                    (select("speaker", "Whose words", &speakers, d, errs))
                    (Input::new("speaker_name", "Their name (optional)").render(d, errs))
                    (select("kind", "What this is", &kinds, d, errs))
                    (textarea("words", "What they said, in their own words", None, d, errs))
                    button type="submit" class="govuk-button" data-module="govuk-button" { "Add" }
                }
            }
        }
    }
}

pub(crate) fn agencies_block(
    user: &Principal,
    a: &AssessmentView,
    f: &Failed<'_>,
    editable: bool,
) -> Markup {
    let empty = (FormData::default(), ValidationErrors::default());
    let (d, errs) = f.for_form("agency", &empty);
    let (rd, re) = f.for_form("agency-reply", &empty);
    let awaiting_reply: Vec<(String, String)> = a
        .agency_requests
        .iter()
        .filter(|r| r.request.response_on.is_none())
        .map(|r| {
            (
                r.request.id.to_string(),
                format!(
                    "{}, asked {}",
                    r.request.agency,
                    format_date(r.request.requested_on)
                ),
            )
        })
        .collect();
    let types: Vec<(&str, &str)> = AgencyType::ALL
        .iter()
        .map(|s| (s.code(), s.text()))
        .collect();
    html! {
        h2 class="govuk-heading-m" id="agencies" { "Information from other agencies" }
        @if !a.front_door_checks.is_empty() {
            h3 class="govuk-heading-s" { "Checks made at the front door" }
            ul class="govuk-list" {
                @for c in &a.front_door_checks {
                    li { strong { (c.agency) } " (" (format_date(hearth_domain::uk_time::uk_date(c.recorded_at))) "): shared " (c.shared) "; learned " (c.learned) }
                }
            }
        }
        @if a.agency_requests.is_empty() { p class="govuk-body" { "No agency has been asked yet." } }
        @else {
            (data_table("Requests to agencies", &["Agency", "Asked", "Requested", "Reply"], html! {
                @for r in &a.agency_requests {
                    tr class="govuk-table__row" {
                        td class="govuk-table__cell" { (r.request.agency) br; span class="govuk-body-s" { (r.agency_type_label) } }
                        td class="govuk-table__cell" { (r.request.asked) }
                        td class="govuk-table__cell" { (format_date(r.request.requested_on)) }
                        td class="govuk-table__cell" {
                            @if let (Some(on), Some(text)) = (r.request.response_on, &r.request.response) { (format_date(on)) ": " (text) }
                            @else {
                                strong class="govuk-tag govuk-tag--yellow" { "Awaiting reply" }
                            }
                        }
                    }
                }
            }))
        }
        @if !awaiting_reply.is_empty() {
            details class="govuk-details" open[f.form == "agency-reply"] { // literal-ok: the form name on this page
                summary class="govuk-details__summary" { span class="govuk-details__summary-text" { "Record an agency's reply" } }
                div class="govuk-details__text" {
                    form method="post" action={ "/assessments/" (a.id) "/agency-replies" } novalidate {
                        (form_start(user, "agency-reply"))
                        (select("request_id", "Which request", &awaiting_reply.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect::<Vec<_>>(), rd, re))
                        (date_input("response_on", "Date of the reply", "Leave blank for today", rd, re))
                        (textarea("response", "What the agency said", None, rd, re))
                        button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button" { "Record reply" }
                    }
                }
            }
        }
        @if editable {
            details class="govuk-details" open[f.form == "agency"] {
                summary class="govuk-details__summary" { span class="govuk-details__summary-text" { "Ask an agency for information" } }
                div class="govuk-details__text" {
                    form method="post" action={ "/assessments/" (a.id) "/agency-requests" } novalidate {
                        (form_start(user, "agency"))
                        (Input::new("agency", "Agency").hint("For example, the school's or GP practice's name").render(d, errs))
                        (select("agency_type", "Type of agency", &types, d, errs))
                        (textarea("asked", "What you asked", None, d, errs))
                        (date_input("requested_on", "Date requested", "Leave blank for today", d, errs))
                        button type="submit" class="govuk-button" data-module="govuk-button" { "Save request" }
                    }
                }
            }
        }
    }
}

pub(crate) fn checkpoints_block(user: &Principal, a: &AssessmentView, f: &Failed<'_>) -> Markup {
    let empty = (FormData::default(), ValidationErrors::default());
    let is_manager = user.user.role.is_manager();
    html! {
        @if !a.checkpoints.is_empty() {
            h2 class="govuk-heading-m" id="checkpoints" { "Manager checkpoints" }
            @for c in &a.checkpoints {
                div class="govuk-summary-card" {
                    div class="govuk-summary-card__title-wrapper" {
                        h3 class="govuk-summary-card__title" { (c.clock.label) " – " (clock_tag(&c.clock)) }
                    }
                    div class="govuk-summary-card__content" {
                        p class="govuk-body" { (c.checkpoint.question) }
                        p class="govuk-body-s" { (c.clock.clock.explanation) }
                        @if let Some(ans) = &c.checkpoint.answer {
                            p class="govuk-body" { strong { "Answer: " } (ans) }
                            p class="govuk-body-s" { (c.answered_by_name) @if let Some(on) = c.checkpoint.answered_on { ", " (format_date(on)) } }
                        } @else if is_manager && a.status.is_open() {
                            @let key = format!("cp{}", c.checkpoint.n);
                            @let (d, errs) = f.for_form(&key, &empty);
                            form method="post" action={ "/assessments/" (a.id) "/checkpoints/" (c.checkpoint.n) } novalidate {
                                (prefixed_start(user, &key))
                                (textarea(&pf(&key, "answer"), "Your answer", None, d, errs))
                                (date_input(&pf(&key, "answered_on"), "Date answered", "Leave blank for today", d, errs))
                                (textarea(&pf(&key, "late_reason"), "If this is late, why", None, d, errs))
                                button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button" { "Record answer" span class="govuk-visually-hidden" { " to " (c.clock.label) } }
                            }
                        } @else if a.status.is_open() { p class="govuk-body" { "Waiting for a manager's answer." } }
                    }
                }
            }
        }
    }
}

pub(crate) fn first_stage_block(
    user: &Principal,
    a: &AssessmentView,
    f: &Failed<'_>,
    editable: bool,
) -> Markup {
    let empty = (FormData::default(), ValidationErrors::default());
    let (d, errs) = f.for_form("stage", &empty);
    html! {
        @if let Some(label) = &a.first_stage_label {
            h2 class="govuk-heading-m" id="first-stage" { (label) }
            @if let Some(on) = a.first_stage_on {
                p class="govuk-body" { "Concluded on " (format_date(on)) ". " (a.first_stage_note.clone().unwrap_or_default()) }
            } @else if editable {
                form method="post" action={ "/assessments/" (a.id) "/first-stage" } novalidate {
                    (prefixed_start(user, "stage"))
                    input type="hidden" name="version" value=(a.version);
                    (date_input("stage.concluded_on", "Date concluded", "Leave blank for today", d, errs))
                    (textarea("stage.note", "What it found, and why the assessment continues", None, d, errs))
                    (textarea("stage.late_reason", "If the stage ended late, why", None, d, errs))
                    button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button" { "Conclude " (label.to_lowercase()) }
                }
            }
        }
    }
}

pub(crate) fn next_step(user: &Principal, a: &AssessmentView, f: &Failed<'_>) -> Markup {
    let empty = (FormData::default(), ValidationErrors::default());
    let (d, errs) = f.for_form("act", &empty);
    let is_manager = user.user.role.is_manager();
    let needs_reason = a
        .outcomes
        .iter()
        .filter_map(|o| AssessmentOutcome::parse(&o.code).ok())
        .any(AssessmentOutcome::needs_protection_reason);
    html! {
        h2 class="govuk-heading-m" id="next" { "Next step" }
        @match a.status {
            AssessmentState::InProgress => {
                a class="govuk-button" href={ "/assessments/" (a.id) "/submit" } { "Record the outcome and submit for authorisation" }
            }
            AssessmentState::AwaitingAuthorisation => {
                p class="govuk-body" { "Submitted on " (a.completed_on.map(format_date).unwrap_or_default()) ". " }
                @if is_manager { a class="govuk-button" href={ "/assessments/" (a.id) "/authorise" } { "Review and authorise" } }
                @else { p class="govuk-body" { "Waiting for a manager to authorise it." } }
            }
            AssessmentState::Authorised => {
                p class="govuk-body" { "Authorised by " (a.authorised_by) " on " (a.authorised_on.map(format_date).unwrap_or_default()) "." }
                @if let Some(m) = &a.census_meaning { p class="govuk-body" { (m) } }
                ul class="govuk-list govuk-list--bullet" { @for o in &a.outcomes { li { (o.label) } } }
                @if a.acted_on_at.is_none() {
                    form method="post" action={ "/assessments/" (a.id) "/action" } novalidate {
                        (form_start(user, "act"))
                        input type="hidden" name="version" value=(a.version);
                        @if needs_reason { (textarea("strategy_reason", "Why a strategy discussion is needed", Some("For the police, health and social care colleagues who will hold it"), d, errs)) }
                        button type="submit" class="govuk-button" data-module="govuk-button" { "Act on the outcome" }
                    }
                } @else {
                    @for w in &a.follow_on {
                        p class="govuk-body" { (w.work.describe()) " (opened " (format_uk(w.created_at)) ")" }
                    }
                    @if let Some(c) = &a.episode_closure { p class="govuk-body" { (c) } }
                }
            }
        }
        @if a.status != AssessmentState::Authorised {
            p class="govuk-body" { a class="govuk-link" href={ "/people/" (a.child.id) "/strategy-discussions/new?assessment=" (a.id) } { "Ask for a strategy discussion" } " – at any stage of the assessment, where there are indications of significant harm." }
        }
        p class="govuk-body" { a class="govuk-link" href={ "/assessments/" (a.id) "/family-copy" } { "The family's copy (printable)" } }
    }
}
