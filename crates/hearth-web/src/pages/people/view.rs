//! A person's page (the read is audited) and information governance's form to restrict the
//! record or lift its restriction ("who has viewed this record" is `access_log`).

use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::response::{IntoResponse, Redirect, Response};
use hearth_app::people::links::{PersonLinks, PersonRecord};
use hearth_domain::authz::{authorize_record, RecordAction, RecordContext};
use hearth_domain::person::Person;
use hearth_domain::restriction::RestrictionReason;
use hearth_domain::uk_time::format_date;
use maud::{html, Markup};

use crate::auth::PageUser;
use crate::forms::{csrf, select, FormData};
use crate::layout::{data_table, success_banner, summary_row as row};
use crate::pages::people::search::person_link;
use crate::pages::{render, PersonPath};
use crate::AppState;

fn or_not_recorded(v: Option<String>) -> Markup {
    html! { @match v { Some(v) => (v), None => span class="govuk-hint" { "Not recorded" } } }
}

fn details(p: &Person) -> Markup {
    let d = &p.details;
    html! {
        dl class="govuk-summary-list" {
            (row("Name", html! { (d.full_name()) }))
            (row("Other names", or_not_recorded((!d.aliases.is_empty()).then(|| d.aliases.join(", ")))))
            @if let Some(edd) = d.expected_date_of_delivery() {
                (row("Expected date of delivery", html! { (format_date(edd)) " (unborn)" }))
            } @else {
                (row("Date of birth", or_not_recorded(d.date_of_birth().map(format_date))))
            }
            (row("Sex", or_not_recorded(d.sex.map(|s| s.label().to_string()))))
            (row("Gender identity", or_not_recorded(d.gender_identity.clone())))
            (row("Ethnicity", or_not_recorded(d.ethnicity.map(|e| e.label().to_string()))))
            (row("First language", or_not_recorded(d.first_language.clone())))
            (row("Communication needs", or_not_recorded(d.communication_needs.clone())))
            (row("Interpreter needed", html! { (if d.interpreter_required { "Yes" } else { "No" }) }))
            (row("Disability", or_not_recorded((!d.disabilities.is_empty()).then(|| d.disabilities.iter().map(|x| x.label()).collect::<Vec<_>>().join(", ")))))
            (row("NHS number", or_not_recorded(d.nhs_number.as_ref().map(|n| n.formatted()))))
            (row("Unique pupil number", or_not_recorded(d.upn.as_ref().map(|u| u.to_string()))))
            (row("Telephone", or_not_recorded(d.telephone.clone())))
        }
    }
}

fn addresses(p: &Person) -> Markup {
    html! {
        h2 class="govuk-heading-m" { "Addresses" }
        @if p.addresses.is_empty() { p class="govuk-body" { "No address recorded." } }
        ul class="govuk-list" {
            @for a in &p.addresses {
                li {
                    (a.line1) @if let Some(l2) = &a.line2 { ", " (l2) } ", " (a.town) ", " (a.postcode)
                    span class="govuk-hint" { " from " (format_date(a.from)) @if let Some(t) = a.to { " to " (format_date(t)) } @else { " (current)" } }
                }
            }
        }
    }
}

fn links(id: &str, l: &PersonLinks) -> Markup {
    html! {
        h2 class="govuk-heading-m" { "Family and significant people" }
        @if l.relationships.is_empty() { p class="govuk-body" { "No relationships recorded." } } @else {
            (data_table("Relationships", &["Name", "Relationship", "Parental responsibility", "Lives with"], html! {
                    @for r in &l.relationships {
                        tr class="govuk-table__row" {
                            td class="govuk-table__cell" { (person_link(&r.other)) }
                            td class="govuk-table__cell" { (r.described_as) }
                            td class="govuk-table__cell" { (if r.relationship.parental_responsibility { "Yes" } else { "No" }) }
                            td class="govuk-table__cell" { (if r.relationship.lives_with { "Yes" } else { "No" }) }
                        }
                    }
                }))
        }
        p class="govuk-body" { a class="govuk-link" href={ "/people/" (id) "/relationships/new" } { "Add a relationship" } }
        h2 class="govuk-heading-m" { "Professionals involved" }
        @if l.involvements.is_empty() { p class="govuk-body" { "No professionals recorded." } } @else {
            (data_table("Professionals involved", &["Name", "Role and agency", "Contact", "Involved"], html! {
                    @for i in &l.involvements {
                        tr class="govuk-table__row" {
                            td class="govuk-table__cell" { (i.name) }
                            td class="govuk-table__cell" { (i.role) ", " (i.agency) }
                            td class="govuk-table__cell" { (i.telephone.clone().unwrap_or_default()) " " (i.email.clone().unwrap_or_default()) }
                            td class="govuk-table__cell" { "From " (format_date(i.from)) @if let Some(t) = i.to { " to " (format_date(t)) } }
                        }
                    }
                }))
        }
        p class="govuk-body" { a class="govuk-link" href={ "/people/" (id) "/professionals/new" } { "Add a professional" } }
    }
}

/// Information governance's form: restrict the record, or lift its restriction, with a reason.
fn restriction_form(id: &str, restricted: bool, csrf_token: Option<&String>) -> Markup {
    let reasons: Vec<(&str, &str)> = RestrictionReason::offered(!restricted)
        .map(|r| (r.code(), r.text()))
        .collect();
    html! {
        h2 class="govuk-heading-m" { "Restriction" }
        p class="govuk-body" {
            @if restricted { "This record is restricted: only the allocated worker, their team manager, service managers and information governance can see it." }
            @else { "Restrict this record if only the allocated worker, their managers and information governance should see it." }
        }
        form method="post" action={ "/people/" (id) "/restriction" } novalidate {
            (csrf(csrf_token))
            input type="hidden" name="restricted" value=(if restricted { "false" } else { "true" });
            (select("reason", "Reason", &reasons, &FormData::default(), &hearth_domain::errors::ValidationErrors::default()))
            button type="submit" class="govuk-button govuk-button--warning" data-module="govuk-button" {
                (if restricted { "Lift the restriction" } else { "Restrict this record" })
            }
        }
    }
}

pub async fn show(
    State(state): State<AppState>,
    PageUser(user): PageUser,
    PersonPath { pid, id }: PersonPath,
    RawQuery(q): RawQuery,
) -> Response {
    let PersonRecord {
        person,
        restricted,
        links: l,
    } = match state.app.view_person_record(&user, pid).await {
        Ok(r) => r,
        Err(e) => return crate::errors::page_error(e),
    };
    let may_restrict = authorize_record(
        &user.actor(),
        RecordAction::Restrict,
        &RecordContext::default(),
    )
    .is_ok();
    let q = FormData::parse(q.unwrap_or_default().as_bytes());
    let may_see_log = authorize_record(
        &user.actor(),
        RecordAction::ViewAccessLog,
        &RecordContext::default(),
    )
    .is_ok();
    let title = person.details.full_name();
    let is_child = person.details.kind == hearth_domain::person::PersonKind::Child;
    let assessments = if is_child {
        state.app.assessments_of_person(&user, pid).await.ok()
    } else {
        None
    };
    let summary = if is_child {
        match state.app.child_summary(&user, pid).await {
            Ok(s) => Some(s),
            Err(e) => return crate::errors::page_error(e),
        }
    } else {
        None
    };
    let caseworker = hearth_domain::authz::authorize(
        &user.actor(),
        hearth_domain::authz::GeneralAction::AssessmentWork,
    )
    .is_ok();
    let content = html! {
        @if q.checked("created") { (success_banner("Person added")) }
        @if q.checked("updated") { (success_banner("Details saved")) }
        @if q.checked("restricted") { (success_banner("Record restricted")) }
        @if q.checked("unrestricted") { (success_banner("Restriction lifted")) }
        span class="govuk-caption-l" { (if person.details.kind == hearth_domain::person::PersonKind::Child { "Child" } else { "Adult" }) }
        h1 class="govuk-heading-l" { (title) @if restricted { " " strong class="govuk-tag govuk-tag--red" { "Restricted" } } }
        div class="govuk-button-group" {
            a class="govuk-button govuk-button--secondary" href={ "/people/" (id) "/edit" } { "Change details" }
            a class="govuk-button govuk-button--secondary" href={ "/people/" (id) "/move" } { "Record a move" }
            @if may_see_log { a class="govuk-link" href={ "/people/" (id) "/access-log" } { "Who has viewed this record" } }
        }
        @if let Some(s) = &summary { (super::summary::child_summary(&id, s, &person, restricted, caseworker)) }
        (details(&person))
        (addresses(&person))
        (links(&id, &l))
        @if may_restrict { (restriction_form(&id, restricted, user.csrf.as_ref())) }
        @if let Some((items, _)) = &assessments {
            h2 class="govuk-heading-m" { "Assessments" }
            @if items.is_empty() { p class="govuk-body" { "No child and family assessments." } }
            ul class="govuk-list" {
                @for a in items {
                    li { a class="govuk-link" href={ "/assessments/" (a.id) } { "Started " (format_date(a.start_date)) } " – " (a.status_label) " (" (a.worker_name) ")" }
                }
            }
            @if hearth_domain::authz::authorize(&user.actor(), hearth_domain::authz::GeneralAction::AssessmentWork).is_ok() {
                p class="govuk-body" { a class="govuk-link" href={ "/people/" (id) "/assessments/new" } { "Start an assessment" } }
            }
        }
    };
    render(&state, &user, &title, "people", false, content)
}

/// Information governance restricts the record or lifts its restriction (audited with the
/// reason code), then returns to the record.
pub async fn restriction(
    State(state): State<AppState>,
    PageUser(user): PageUser,
    PersonPath { pid, id }: PersonPath,
    body: Bytes,
) -> Response {
    let f = FormData::parse(&body);
    // The form says which way explicitly: a post without it must not lift a restriction.
    let restricted = match f.get("restricted") {
        "true" => true,
        "false" => false,
        _ => {
            return crate::errors::page_error(hearth_app::AppError::Validation(
                hearth_domain::errors::ValidationErrors::single(
                    "restricted",
                    "required",
                    "Choose whether to restrict the record or lift its restriction",
                ),
            ))
        }
    };
    match state
        .app
        .set_restricted(&user, pid, restricted, f.opt("reason").as_deref())
        .await
    {
        Ok(r) => {
            let flag = if r.restricted {
                "restricted"
            } else {
                "unrestricted"
            };
            Redirect::to(&format!("/people/{id}?{flag}=1")).into_response()
        }
        Err(e) => crate::errors::page_error(e),
    }
}
