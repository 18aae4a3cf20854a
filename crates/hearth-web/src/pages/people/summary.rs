//! The child's summary at the top of their page.

use hearth_app::casework::types::ChildSummary;
use hearth_domain::person::Person;
use hearth_domain::uk_time::{format_date, format_uk};
use maud::{html, Markup};

use crate::layout::summary_row as row;

pub fn child_summary(
    id: &str,
    s: &ChildSummary,
    person: &Person,
    restricted: bool,
    caseworker: bool,
) -> Markup {
    let d = &person.details;
    let mut alerts = s.alerts.clone();
    if restricted {
        alerts.push("Restricted record".into());
    }
    if d.interpreter_required {
        alerts.push(match &d.first_language {
            Some(l) => format!("Interpreter needed ({l})"),
            None => "Interpreter needed".into(),
        });
    }
    if !d.disabilities.is_empty() {
        alerts.push("Disabled child".into());
    }
    html! {
        div class="govuk-summary-card" {
            div class="govuk-summary-card__title-wrapper" { h2 class="govuk-summary-card__title" { "Summary" } }
            div class="govuk-summary-card__content" {
                @if !alerts.is_empty() {
                    p class="govuk-body" { @for a in &alerts { strong class="govuk-tag govuk-tag--orange govuk-!-margin-right-1" { (a) } " " } }
                }
                dl class="govuk-summary-list" {
                    (row("Episode of need", html! { (s.episode.clone().unwrap_or_else(|| "No open episode".into())) }))
                    @if let Some(st) = &s.stage { (row("Stage", html! { (st) })) }
                    (row("Social worker", html! { (s.worker.clone().unwrap_or_else(|| "Not allocated".into())) @if let Some(t) = &s.team { " (" (t) ")" } }))
                    (row("Next due", html! {
                        @if let Some(t) = &s.next_due {
                            (t.title) " – " (format_date(t.due_date)) " " strong class={ "govuk-tag " (t.status.tag_class()) } { (t.status_label) }
                            p class="govuk-body-s govuk-!-margin-bottom-0" { (t.explanation) }
                        } @else { "Nothing due" }
                    }))
                    (row("Last management oversight", html! { @if let Some(t) = s.last_oversight { (format_uk(t)) } @else { "None recorded" } }))
                }
                h3 class="govuk-heading-s" { "History" }
                @if s.history.is_empty() { p class="govuk-body" { "Nothing recorded yet." } }
                ul class="govuk-list" {
                    @for h in &s.history {
                        li { (format_date(h.on)) " – " @if let Some(l) = &h.link { a class="govuk-link" href=(l) { (h.what) } } @else { (h.what) } }
                    }
                }
                h3 class="govuk-heading-s" { "Latest case notes" }
                @if s.recent_notes.is_empty() { p class="govuk-body" { "No case notes yet." } }
                ul class="govuk-list" {
                    @for n in &s.recent_notes {
                        li { @if let Some(l) = &n.link { a class="govuk-link" href=(l) { (n.what) ", " (format_date(n.on)) } } }
                    }
                }
                p class="govuk-body" {
                    @if caseworker { a class="govuk-link" href={ "/people/" (id) "/case-notes/new" } { "Write a case note" } " · " }
                    a class="govuk-link" href={ "/people/" (id) "/chronology" } { "See the chronology" }
                    " · "
                    a class="govuk-link" href={ "/people/" (id) "/child-protection" } { "Child protection: enquiries, conferences and plans" }
                    " · "
                    a class="govuk-link" href={ "/people/" (id) "/cin-plan" } { "Child in need plan" }
                    " · "
                    a class="govuk-link" href={ "/people/" (id) "/census" } { "Census identity" }
                }
            }
        }
    }
}
