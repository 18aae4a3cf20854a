//! Person search: partial name, sound-alike names, NHS number, UPN, date of birth. Also the
//! result table and the "restricted record" line every list of people shares.

use axum::extract::{RawQuery, State};
use axum::response::Response;
use hearth_app::people::cases::PeopleSearch;
use hearth_app::AppError;
use hearth_domain::errors::ValidationErrors;
use hearth_domain::known_to_service::KnownToService;
use hearth_domain::uk_time::format_date;
use hearth_store::people::search::PersonSummary;
use maud::{html, Markup};

use crate::auth::PageUser;
use crate::forms::{date_input, FormData, Input};
use crate::layout::error_summary;
use crate::pages::render;
use crate::AppState;

pub fn born(s: &PersonSummary) -> String {
    if s.redacted {
        return "not shown".to_string();
    }
    match (s.date_of_birth, s.expected_date_of_delivery) {
        (Some(d), _) => format_date(d),
        (None, Some(e)) => format!("Unborn (due {})", format_date(e)),
        _ => "Not known".to_string(),
    }
}

/// Whether the service knows the person, as a tag (nothing for a redacted record).
pub fn known_tag(p: &PersonSummary) -> Markup {
    html! {
        @if let Some(k) = p.known {
            @let colour = match k {
                KnownToService::OpenCase => "govuk-tag--green",
                KnownToService::Known => "govuk-tag--blue",
                KnownToService::NotKnown => "govuk-tag--grey",
            };
            strong class={ "govuk-tag " (colour) } { (k.label()) }
        }
    }
}

/// A person the reader may not open: that a record exists, and nothing that identifies them.
pub fn restricted_record() -> Markup {
    html! { "A restricted record " strong class="govuk-tag govuk-tag--red" { "Restricted" } }
}

/// A person's name as a link to their record, or, redacted, only that a restricted record exists.
pub fn person_link(p: &PersonSummary) -> Markup {
    html! {
        @if p.redacted { (restricted_record()) } @else {
            a class="govuk-link" href={ "/people/" (p.id) } { (p.name) }
        }
    }
}

/// Under a list to pick from (which leaves out records the reader may not open): that such
/// records matched too, so nobody takes "no match" as a reason to create a duplicate.
pub fn restricted_matches(found: &[PersonSummary]) -> Markup {
    let n = found.iter().filter(|p| p.redacted).count();
    html! {
        @if n > 0 {
            div class="govuk-inset-text" {
                @if n == 1 { "A restricted record also matches." } @else { (n) " restricted records also match." }
                " You cannot see or link a restricted record; ask the child's allocated worker, their manager or information governance."
            }
        }
    }
}

pub fn results_table(people: &[PersonSummary]) -> Markup {
    html! {
        // Wider than a narrow screen, the results scroll in their own region (WCAG 1.4.10).
        div class="hearth-table-scroll" role="region" aria-label="Search results" tabindex="0" {
            table class="govuk-table" {
                caption class="govuk-table__caption govuk-table__caption--m" { (people.len()) " " (if people.len() == 1 { "person" } else { "people" }) " found" }
                thead class="govuk-table__head" {
                    tr class="govuk-table__row" {
                        th scope="col" class="govuk-table__header" { "Name" }
                        th scope="col" class="govuk-table__header" { "Date of birth" }
                        th scope="col" class="govuk-table__header" { "NHS number" }
                        th scope="col" class="govuk-table__header" { "Current address" }
                        th scope="col" class="govuk-table__header" { "Known to us" }
                        th scope="col" class="govuk-table__header" { "Child or adult" }
                    }
                }
                tbody class="govuk-table__body" {
                    @for p in people {
                        tr class="govuk-table__row" {
                            td class="govuk-table__cell" {
                                (person_link(p))
                                @if !p.aliases.is_empty() { br; span class="govuk-body-s" { "Also known as " (p.aliases.join(", ")) } }
                                @if p.restricted && !p.redacted { " " strong class="govuk-tag govuk-tag--red" { "Restricted" } }
                            }
                            td class="govuk-table__cell" { @if !p.redacted { (born(p)) } }
                            td class="govuk-table__cell" { (p.nhs_number.clone().unwrap_or_default()) }
                            td class="govuk-table__cell" { (p.address.clone().unwrap_or_default()) }
                            td class="govuk-table__cell" { (known_tag(p)) }
                            td class="govuk-table__cell" { (p.kind.label()) }
                        }
                    }
                }
            }
        }
    }
}

pub async fn search(
    State(state): State<AppState>,
    PageUser(user): PageUser,
    RawQuery(raw): RawQuery,
) -> Response {
    let form = FormData::parse(raw.unwrap_or_default().as_bytes());
    let asked = form.opt("q").is_some() || form.date("date_of_birth").is_some();
    let mut errs = ValidationErrors::default();
    let mut results = None;
    if asked {
        let s = PeopleSearch {
            text: form.get("q").to_string(),
            date_of_birth: form.date("date_of_birth"),
        };
        match state.app.search_people(&user, &s).await {
            Ok(r) => results = Some(r),
            Err(AppError::Validation(v)) => errs = v,
            Err(e) => return crate::errors::page_error(e),
        }
    }
    let content = html! {
        (error_summary(&errs, crate::forms::anchor_for(&["date_of_birth"])))
        h1 class="govuk-heading-l" { "Find a person" }
        form method="get" action="/people" novalidate {
            (Input::new("q", "Name, NHS number or UPN").hint("Part of a name finds similar-sounding names too, for example 'Smyth' finds 'Smith'").render(&form, &errs))
            (date_input("date_of_birth", "Date of birth (optional)", "For example, 27 3 2019", &form, &errs))
            div class="govuk-button-group" {
                button type="submit" class="govuk-button" data-module="govuk-button" { "Search" }
                a class="govuk-link" href="/people/new" { "Add a new person" }
            }
        }
        @if let Some(r) = &results {
            @if r.is_empty() {
                p class="govuk-body" { "No one matches. Check the spelling, try part of the name, or " a class="govuk-link" href="/people/new" { "add a new person" } "." }
            } @else {
                (results_table(r))
            }
        }
    };
    render(
        &state,
        &user,
        "Find a person",
        "people",
        !errs.is_empty(),
        content,
    )
}
