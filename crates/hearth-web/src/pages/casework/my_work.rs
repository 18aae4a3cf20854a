//! My work: the home page for social workers and managers.

use axum::extract::State;
use axum::response::Response;
use hearth_app::casework::types::{FamilyTasks, MyWork, WorkItem};
use hearth_domain::uk_time::{format_date, format_uk};
use maud::{html, Markup};

use crate::auth::PageUser;
use crate::errors::page_error;
use crate::pages::render;
use crate::AppState;

fn families(heading: &str, groups: &[FamilyTasks]) -> Markup {
    html! {
        h2 class="govuk-heading-m" { (heading) " (" (groups.iter().map(|g| g.tasks.len()).sum::<usize>()) ")" }
        @if groups.is_empty() {
            p class="govuk-body" { "Nothing." }
        }
        @for g in groups {
            div class="govuk-summary-card" {
                div class="govuk-summary-card__title-wrapper" {
                    h3 class="govuk-summary-card__title" { (g.children.join(" and ")) }
                }
                div class="govuk-summary-card__content" {
                    ul class="govuk-list" {
                        @for t in &g.tasks {
                            li {
                                a class="govuk-link" href=(t.link) { (t.title) " for " (t.child) " – due " (format_date(t.due_date)) }
                                " "
                                strong class={ "govuk-tag " (t.status.tag_class()) } { (t.status_label) }
                                p class="govuk-body-s govuk-!-margin-bottom-2" { (t.explanation) }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn items(heading: &str, list: &[WorkItem]) -> Markup {
    html! {
        @if !list.is_empty() {
            h2 class="govuk-heading-m" { (heading) " (" (list.len()) ")" }
            ul class="govuk-list govuk-list--bullet" {
                @for i in list {
                    li {
                        a class="govuk-link" href=(i.link) { (i.child) ": " (i.what) }
                        @if let Some(t) = i.since { " (" (format_uk(t)) ")" }
                    }
                }
            }
        }
    }
}

pub fn page_body(w: &MyWork) -> Markup {
    html! {
        h1 class="govuk-heading-l" { "My work" }
        p class="govuk-body" { "Today is " (format_date(w.today)) ". Each task says what it runs from, by which rule and calendar." }
        (items("Awaiting my sign-off", &w.awaiting_my_sign_off))
        (items("Returned to me", &w.returned_to_me))
        (items("Newly allocated to me", &w.newly_allocated))
        (families("Overdue", &w.overdue))
        (families("Due today", &w.due_today))
        (families("Due this week", &w.due_this_week))
        (families("Later", &w.later))
    }
}

pub async fn show(State(state): State<AppState>, PageUser(user): PageUser) -> Response {
    match state.app.my_work(&user).await {
        Ok(w) => render(&state, &user, "My work", "my-work", false, page_body(&w)),
        Err(e) => page_error(e),
    }
}
