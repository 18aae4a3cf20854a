//! The DfE census findings as pages show them: the table of rules a record breaks (on the child's
//! census page and the analyst's readiness list), and the warning on casework pages when the
//! child's record breaks a rule today, linking to the census page that lists them and keeps
//! reasons.

use hearth_app::returns::census_check::CensusFinding;
use hearth_census::Kind;
use maud::{html, Markup};

/// The notice, or nothing when the record passes (or every query is explained).
pub fn census_notice(person_id: uuid::Uuid, findings: &[CensusFinding]) -> Markup {
    let errors: Vec<&str> = findings
        .iter()
        .filter(|f| f.kind == Kind::Error)
        .map(|f| f.code.as_str())
        .collect();
    let queries: Vec<&str> = findings
        .iter()
        .filter(|f| f.kind == Kind::Query && !f.explained)
        .map(|f| f.code.as_str())
        .collect();
    if errors.is_empty() && queries.is_empty() {
        return html! {};
    }
    html! {
        div class="govuk-warning-text" {
            span class="govuk-warning-text__icon" aria-hidden="true" { "!" }
            strong class="govuk-warning-text__text" {
                span class="govuk-visually-hidden" { "Warning" }
                "For the CIN census, this record "
                @if !errors.is_empty() { "breaks rule " (errors.join(", ")) }
                @if !errors.is_empty() && !queries.is_empty() { " and " }
                @if !queries.is_empty() { "raises query " (queries.join(", ")) " (give the reason or correct it)" }
                ". "
                a class="govuk-link" href={ "/people/" (person_id) "/census#census-check" } { "See the census check" }
            }
        }
    }
}

/// The findings as a table that scrolls in its own region; `with_child` adds the LA child ID.
pub fn findings_table(findings: &[CensusFinding], caption: &str, with_child: bool) -> Markup {
    html! {
        div class="hearth-table-scroll" role="region" aria-label=(caption) tabindex="0" {
            table class="govuk-table" {
                caption class="govuk-table__caption govuk-table__caption--s" { (caption) }
                thead class="govuk-table__head" { tr class="govuk-table__row" {
                    @if with_child { th scope="col" class="govuk-table__header" { "LA child ID" } }
                    th scope="col" class="govuk-table__header" { "Rule" }
                    th scope="col" class="govuk-table__header" { "What is wrong" }
                    th scope="col" class="govuk-table__header" { "Where" }
                    th scope="col" class="govuk-table__header" { "Fix" }
                } }
                tbody class="govuk-table__body" {
                    @for f in findings {
                        tr class="govuk-table__row" {
                            @if with_child { td class="govuk-table__cell" { (f.la_child_id.as_deref().unwrap_or("Whole return")) } }
                            td class="govuk-table__cell" {
                                (f.code) br;
                                @if f.kind == Kind::Error { strong class="govuk-tag govuk-tag--red" { "Error" } }
                                @else if f.explained { strong class="govuk-tag govuk-tag--green" { "Query explained" } }
                                @else { strong class="govuk-tag govuk-tag--yellow" { "Query" } }
                            }
                            td class="govuk-table__cell" { (f.message) }
                            td class="govuk-table__cell" { (f.place) }
                            td class="govuk-table__cell" {
                                @if let Some(link) = &f.fix {
                                    a class="govuk-link" href=(link) { "Page that fixes it" span class="govuk-visually-hidden" { " for " (f.la_child_id.as_deref().unwrap_or("")) ", rule " (f.code) } }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
