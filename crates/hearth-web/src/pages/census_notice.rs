//! A warning on casework pages when the child's record breaks a DfE census rule today: errors to
//! fix and queries to fix or explain, with the census page that lists them and keeps reasons.

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
