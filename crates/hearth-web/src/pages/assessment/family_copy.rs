//! The family's copy of the assessment, in plain English, ready to print: what we did, who we
//! saw, what people told us in their own words, what we found, what we think and what happens
//! next, and how to disagree or ask for a correction.

use axum::extract::{Path, State};
use axum::response::{Html, IntoResponse, Response};
use hearth_app::assessment::types::AssessmentView;
use hearth_domain::assessment::plan::AssessmentPlan;
use hearth_domain::assessment::{Section, TriangleDomain};
use hearth_domain::uk_time::format_date;
use maud::{html, Markup, DOCTYPE};

use crate::auth::PageUser;
use crate::errors::page_error;
use crate::pages::assessment::decisions::date_or;
use crate::pages::front_door::queue::uuid_or_404;
use crate::AppState;

fn domain_block(a: &AssessmentView, s: Section, heading: &str) -> Markup {
    let saved = a.sections.iter().find(|x| x.section == s.code());
    let fields = saved.map(|x| x.fields.clone()).unwrap_or_default();
    // Written and saved, but left out of this copy (see the assessment's withholdings).
    let left_out = saved.is_some_and(|x| x.version > 0) && fields.is_empty();
    let dims = s
        .domain()
        .map(TriangleDomain::dimensions)
        .unwrap_or_default();
    html! {
        h3 class="govuk-heading-s" { (heading) }
        @let written: Vec<_> = dims.iter().filter(|d| fields.contains_key(&format!("{}.strengths", d.code)) || fields.contains_key(&format!("{}.concerns", d.code))).collect();
        @if left_out { p class="govuk-body" { "This is not included in your copy." } }
        @else if written.is_empty() { p class="govuk-body" { "Nothing was written about this." } }
        @for d in written {
            p class="govuk-body govuk-!-font-weight-bold govuk-!-margin-bottom-1" { (d.label) }
            @if let Some(t) = fields.get(&format!("{}.strengths", d.code)) { p class="govuk-body govuk-!-margin-bottom-1" { "What is going well: " (t) } }
            @if let Some(t) = fields.get(&format!("{}.concerns", d.code)) { p class="govuk-body" { "What worries us: " (t) } }
        }
    }
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
    let a = match state.app.family_copy(&user, id).await {
        Ok(a) => a,
        Err(e) => return page_error(e),
    };
    let plan_fields = a
        .sections
        .iter()
        .find(|x| x.section == Section::Plan.code())
        .map(|x| x.fields.clone())
        .unwrap_or_default();
    let analysis_section = a
        .sections
        .iter()
        .find(|x| x.section == Section::Analysis.code());
    let analysis = analysis_section.and_then(|x| x.fields.get("analysis").cloned());
    let analysis_left_out = analysis_section.is_some_and(|x| x.version > 0 && x.fields.is_empty());
    let body = html! {
        (DOCTYPE)
        html lang="en" class="govuk-template" {
            head { meta charset="utf-8"; title { "Your child and family assessment – " (state.council_name) } link rel="stylesheet" href="/assets/hearth.css"; }
            body class="govuk-template__body" {
                main class="govuk-width-container govuk-main-wrapper" id="main-content" {
                    p class="govuk-body" { (state.council_name) " – Children's social care" }
                    @if a.status.is_open() {
                        div class="govuk-warning-text" { strong class="govuk-warning-text__text" { "Draft: this assessment has not been agreed by a manager yet, so it may change." } }
                    }
                    h1 class="govuk-heading-l" { "Your child and family assessment: " (a.child.name) }
                    p class="govuk-body" { "We started this assessment on " (format_date(a.start_date)) " after we received a referral on " (format_date(a.referral_date)) ". "
                        "An assessment is how we find out what your child needs and how we can help. Your social worker is " (a.worker_name) "." }
                    h2 class="govuk-heading-m" { "What we planned" }
                    @for (k, label, _) in AssessmentPlan::default().fields() {
                        @if let Some(v) = plan_fields.get(k) { p class="govuk-body" { strong { (label) ": " } (v) } }
                    }
                    h2 class="govuk-heading-m" { "Who we saw" }
                    @if a.visits.is_empty() { p class="govuk-body" { "We have not recorded any visits yet." } }
                    ul class="govuk-list govuk-list--bullet" {
                        @for v in &a.visits {
                            li { (format_date(v.visit.visit_date)) ": we saw " (v.visit.who_was_seen)
                                @if v.visit.seen_alone { ". We talked with your child on their own" } "." }
                        }
                    }
                    h2 class="govuk-heading-m" { "What you and your child told us" }
                    @for v in &a.views {
                        p class="govuk-body" { strong { (v.speaker_label) " (" (v.kind_label.to_lowercase()) "): " } "“" (v.entry.words) "”" }
                    }
                    h2 class="govuk-heading-m" { "What other services told us" }
                    @for r in &a.agency_requests {
                        p class="govuk-body" { strong { (r.request.agency) ": " } (r.request.response.clone().unwrap_or_else(|| "we are still waiting to hear back".into())) }
                    }
                    h2 class="govuk-heading-m" { "What we found" }
                    (domain_block(&a, Section::ChildDevelopment, "Your child's needs"))
                    (domain_block(&a, Section::ParentingCapacity, "How your child is cared for"))
                    (domain_block(&a, Section::FamilyEnvironment, "Your family and home"))
                    h2 class="govuk-heading-m" { "What we think" }
                    @if analysis_left_out { p class="govuk-body" { "This is not included in your copy." } }
                    @else { p class="govuk-body" { (analysis.unwrap_or_else(|| "We have not finished writing this yet.".into())) } }
                    h2 class="govuk-heading-m" { "What happens next" }
                    @if let Some(m) = &a.census_meaning { p class="govuk-body" { (m) "." } }
                    ul class="govuk-list govuk-list--bullet" { @for o in &a.outcomes { li { (o.label) } } }
                    p class="govuk-body" { "Agreed by a manager on: " (date_or(a.authorised_on)) }
                    @if a.family_copy_leaves_out {
                        h2 class="govuk-heading-m" { "Information not included" }
                        p class="govuk-body" { "Some information is not included in this copy, because it is about other people or because sharing it could put someone at risk. You can ask your social worker about this." }
                    }
                    h2 class="govuk-heading-m" { "If you disagree" }
                    p class="govuk-body" { "You can tell your social worker if you disagree with anything here or think something is wrong. "
                        "We will add what you say to the assessment in your own words. We never delete or change what was written before, so anyone reading it will see both." }
                }
            }
        }
    };
    Html(body.into_string()).into_response()
}
