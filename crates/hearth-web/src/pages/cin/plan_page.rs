//! The child's child in need plan page: each plan with its dates (census `CINPlanStartDate`,
//! `CINPlanEndDate`), what it says, its outcomes and actions (versioned), its clocks, meetings,
//! visits and reviews; the forms to agree and start a plan, record its planning and regular
//! meetings, visits and reviews, and end it (a manager's decision). The forms' handlers are in
//! `plan_forms`.

use axum::extract::State;
use axum::response::Response;
use hearth_app::accounts::auth::Principal;
use hearth_app::cin::types::{CinPlanView, CinPlansView};
use hearth_domain::assessment::states::CinPlanState;
use hearth_domain::cin::closure::EndReason;
use hearth_domain::cin::meeting::{Agreement, Attendance, AttendeeKind, ChairKind};
use hearth_domain::cin::review::{NextStep, ReviewOutcome};
use hearth_domain::cin::visits::VisitFrequency;
use hearth_domain::codes::ReasonForClosure;
use hearth_domain::errors::ValidationErrors;
use hearth_domain::uk_time::format_date;
use maud::{html, Markup};

use crate::auth::PageUser;
use crate::errors::page_error;
use crate::forms::{choices, csrf, date_input, field_id, select, textarea, FormData, Input};
use crate::layout::{data_table, error_summary, summary_row as row};
use crate::pages::front_door::queue::clock_tag;
use crate::pages::plan_versions::{versions_block, VersionsOf};
use crate::pages::{render, PersonPath};
use crate::AppState;

/// Rows of needs and attendees the forms show.
pub(crate) const NEED_ROWS: usize = 3;
pub(crate) const ATTENDEE_ROWS: usize = 5;
const DATES: &[&str] = &[
    "started_on",
    "visited_on",
    "reviewed_on",
    "held_on",
    "ended_on",
    "family_meeting_on",
    "introduced_on",
    "minutes_circulated_on",
];

fn anchor(f: &str) -> String {
    if DATES.contains(&f) || f.ends_with(".by_when") || f.ends_with(".due_on") {
        format!("{}-day", field_id(f))
    } else {
        field_id(f)
    }
}

fn start(user: &Principal, form: &str, plan: &CinPlanView) -> Markup {
    html! {
        (csrf(user.csrf.as_ref()))
        input type="hidden" name="form" value=(form);
        input type="hidden" name="plan_id" value=(plan.plan.id);
        input type="hidden" name="version" value=(plan.plan.version);
    }
}

fn words<T: Copy>(
    all: &[T],
    code: impl Fn(T) -> &'static str,
    text: impl Fn(T) -> &'static str,
) -> Vec<(&'static str, &'static str)> {
    all.iter().map(|x| (code(*x), text(*x))).collect()
}

fn submit(label: &str) -> Markup {
    html! { button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button" { (label) } }
}

/// The form's data and errors when it is the one that failed, else blank.
struct Failed<'a> {
    form: &'a str,
    plan: &'a str,
    data: &'a FormData,
    errs: &'a ValidationErrors,
}

impl<'a> Failed<'a> {
    fn for_form(
        &self,
        form: &str,
        plan: &CinPlanView,
        empty: &'a (FormData, ValidationErrors),
    ) -> (&'a FormData, &'a ValidationErrors, bool) {
        if self.form == form && self.plan == plan.plan.id.to_string() {
            (self.data, self.errs, true)
        } else {
            (&empty.0, &empty.1, false)
        }
    }
}

fn attendee_rows(d: &FormData, errs: &ValidationErrors) -> Markup {
    let kinds = words(AttendeeKind::ALL, AttendeeKind::code, AttendeeKind::text);
    let attendance = words(Attendance::ALL, Attendance::code, Attendance::text);
    let agreement = words(Agreement::ALL, Agreement::code, Agreement::text);
    html! {
        @for n in 1..=ATTENDEE_ROWS {
            fieldset class="govuk-fieldset" {
                legend class="govuk-fieldset__legend govuk-fieldset__legend--s" { "Person " (n) }
                (Input::new(&format!("p{n}.name"), "Name").render(d, errs))
                (Input::new(&format!("p{n}.role"), "Role or agency").render(d, errs))
                (select(&format!("p{n}.kind"), "Who they are", &kinds, d, errs))
                (select(&format!("p{n}.attendance"), "Attendance", &attendance, d, errs))
                (select(&format!("p{n}.agreement"), "Their agreement with the plan", &agreement, d, errs))
                (Input::new(&format!("p{n}.note"), "What they disagree with, or want recorded").render(d, errs))
            }
        }
    }
}

fn details_block(p: &CinPlanView, person: &str) -> Markup {
    let Some(d) = &p.plan.details else {
        return html! {};
    };
    html! {
        dl class="govuk-summary-list" {
            (row("Purpose", html! { (d.purpose) }))
            (row("Needs and services", html! { @for n in &d.needs { strong { (n.need) } ": " (n.services) br; } }))
            (row("What the family agree to do", html! { (d.family_agrees_to) }))
            (row("Lead professional", html! { (d.lead_professional.name) ", " (d.lead_professional.role) br; (d.lead_professional.duties) }))
            (row("Visits", html! { @match &d.visit_frequency {
                VisitFrequency::ProtocolDefault => "At the protocol's frequency",
                VisitFrequency::Stated { every_weeks } => { "At least every " (every_weeks) " weeks" },
                VisitFrequency::StablePackageOfCare { every_weeks, why } => { "Every " (every_weeks) " weeks: a disabled child with a stable package of care (" (why) ")" },
            } }))
            (row("Contingency plan", html! { (d.contingency) }))
            (row("Review points", html! { (d.review_points) }))
            (row("Copies to", html! { (d.circulation.join(", ")) }))
            @if let Some(l) = &d.long_term_support { (row("Long-term support expected", html! { (l) })) }
        }
        p class="govuk-body" { a class="govuk-link" href={ "/people/" (person) "/cin-plan/family-copy?plan=" (p.plan.id) } { "Print the family copy of the plan" } }
    }
}

fn plan_summary(p: &CinPlanView) -> Markup {
    html! {
        dl class="govuk-summary-list" {
            (row("Status", html! { (p.status_label) @if p.plan.minimum_plan { " (follows a child protection plan: it lasts at least the protocol's minimum)" } }))
            (row("Started (census)", html! { @if let Some(s) = p.plan.started_on { (format_date(s)) } @else { "Not yet agreed" } }))
            @if let Some(e) = p.plan.ended_on { (row("Ended (census)", html! { (format_date(e)) @if let Some(r) = p.plan.end_reason { ": " (r.text()) } @if p.plan.ending.is_some() { br; a class="govuk-link" href={ "/people/" (p.plan.person_id) "/cin-plan/end-letters?plan=" (p.plan.id) } { "Print the letters to everyone told" } } })) }
            @for k in &p.clocks {
                @if k.clock.met_on.is_none() { (row(&k.label, html! { (clock_tag(k)) br; span class="govuk-body-s" { (k.clock.explanation) } })) }
            }
            (row("Visits", html! { @if p.visits.is_empty() { "None yet" } @for v in &p.visits { (format_date(*v)) br; } }))
            (row("Meetings", html! { @if p.meetings.is_empty() { "None yet" } @for m in &p.meetings { (m.kind.text()) ", " (format_date(m.held_on)) br; } }))
        }
        @if !p.reviews.is_empty() {
            (data_table("Reviews", &["Date", "What has gone well", "Worries", "Outcome"], html! {
                @for r in &p.reviews {
                    tr class="govuk-table__row" {
                        td class="govuk-table__cell" { (format_date(r.reviewed_on)) }
                        td class="govuk-table__cell" { (r.record.gone_well) }
                        td class="govuk-table__cell" { (r.record.worries) }
                        td class="govuk-table__cell" { (r.outcome.text()) }
                    }
                }
            }))
            @if let Some(last) = p.reviews.last() {
                @let step = last.outcome.next_step();
                p class="govuk-body" {
                    "Next step from the review on " (format_date(last.reviewed_on)) ": " (step.text()) "."
                    @if step == NextStep::OpenReassessment && p.plan.status == CinPlanState::Open {
                        " " a class="govuk-link" href={ "/people/" (p.plan.person_id) "/assessments/new" } { "Open the further assessment" }
                    }
                    @if step == NextStep::AskForStrategyDiscussion { " It has been asked for: see the child's strategy discussions." }
                }
            }
        }
    }
}

fn start_form(
    user: &Principal,
    p: &CinPlanView,
    d: &FormData,
    errs: &ValidationErrors,
    open: bool,
) -> Markup {
    let visit = [
        ("protocol-default", "At the protocol's frequency"),
        ("stated", "More often: every so many weeks"),
        (
            "stable-package",
            "A disabled child with a stable package of care: every so many weeks, with the reason",
        ),
    ];
    html! {
        details class="govuk-details" open[open] {
            summary class="govuk-details__summary" { span class="govuk-details__summary-text" { "Agree and start the plan" } }
            div class="govuk-details__text" {
                form method="post" action={ "/people/" (p.plan.person_id) "/cin-plan/start" } novalidate {
                    (start(user, "start", p))
                    (date_input("started_on", "Start date (census)", "The day the plan was agreed, for example 10 12 2026", d, errs))
                    (textarea("purpose", "Purpose: what the plan sets out to achieve", None, d, errs))
                    @for n in 1..=NEED_ROWS {
                        (Input::new(&format!("n{n}.need"), &format!("Identified need {n}")).render(d, errs))
                        (Input::new(&format!("n{n}.services"), &format!("Services to meet need {n}, and who provides them")).render(d, errs))
                    }
                    @for n in 1..=2 {
                        fieldset class="govuk-fieldset" {
                            legend class="govuk-fieldset__legend govuk-fieldset__legend--s" { "Outcome " (n) }
                            (textarea(&format!("o{n}.what_must_change"), "What must change for the child", None, d, errs))
                            (textarea(&format!("o{n}.measure"), "How everyone will know it has changed, and by how much", None, d, errs))
                            (date_input(&format!("o{n}.by_when"), "By when", "For example, 31 3 2027", d, errs))
                        }
                    }
                    @for n in 1..=3 {
                        fieldset class="govuk-fieldset" {
                            legend class="govuk-fieldset__legend govuk-fieldset__legend--s" { "Action " (n) }
                            (Input::new(&format!("a{n}.action"), "What is to be done").render(d, errs))
                            (Input::new(&format!("a{n}.owner"), "Who does it").render(d, errs))
                            (date_input(&format!("a{n}.due_on"), "By when", "A date, or give how often below", d, errs))
                            (Input::new(&format!("a{n}.frequency"), "How often (for example, weekly)").render(d, errs))
                        }
                    }
                    (textarea("family_agrees_to", "What the child and family agree to do", None, d, errs))
                    (Input::new("lead_name", "Lead professional").render(d, errs))
                    (Input::new("lead_role", "Their role").render(d, errs))
                    (textarea("lead_duties", "Their duties", None, d, errs))
                    (choices("radio", "visit_kind", "How often the child is visited", None, &visit, d, errs))
                    (Input::new("visit_weeks", "Every how many weeks").class("govuk-input--width-3").kind("number").render(d, errs))
                    (textarea("visit_why", "For a stable package of care: why", None, d, errs))
                    (textarea("contingency", "Contingency plan: what happens if things change significantly", None, d, errs))
                    (textarea("review_points", "Review points: when and how the plan is reviewed", None, d, errs))
                    (textarea("circulation", "Copies to (one per line: the parents, the child if old enough, the agencies)", None, d, errs))
                    (textarea("long_term_support", "If long-term support is expected (for example a disabled child's package): why", None, d, errs))
                    (choices("checkbox", "minimum", "Minimum plan", Some("After a child protection plan or a return home from care, the plan lasts at least the protocol's minimum"), &[("after_return_home", "The child has come home from care")], d, errs))
                    (textarea("late_reason", "If the plan starts after its due date: why", None, d, errs))
                    button type="submit" class="govuk-button" data-module="govuk-button" { "Start the plan" }
                }
            }
        }
    }
}

fn planning_form(
    user: &Principal,
    p: &CinPlanView,
    d: &FormData,
    errs: &ValidationErrors,
    open: bool,
) -> Markup {
    let chairs = words(ChairKind::ALL, ChairKind::code, ChairKind::text);
    html! {
        details class="govuk-details" open[open] {
            summary class="govuk-details__summary" { span class="govuk-details__summary-text" { "Record the planning meeting" } }
            div class="govuk-details__text" {
                form method="post" action={ "/people/" (p.plan.person_id) "/cin-plan/planning-meeting" } novalidate {
                    (start(user, "planning", p))
                    (date_input("held_on", "Date of the meeting", "For example, 9 12 2026", d, errs))
                    (choices("checkbox", "arrangements", "Arranged with the family", None, &[("venue_agreed", "The venue and time were chosen with the family"), ("invitees_agreed", "Who to invite was agreed with the family")], d, errs))
                    (textarea("arrangements_note", "If not: why", None, d, errs))
                    (choices("radio", "chair", "Chair", None, &chairs, d, errs))
                    (attendee_rows(d, errs))
                    (choices("checkbox", "support", "Interpreter and advocate", None, &[("interpreter_needed", "An interpreter is needed"), ("interpreter_offered", "An interpreter was offered"), ("advocate_needed", "An advocate is needed"), ("advocate_offered", "An advocate was offered")], d, errs))
                    (textarea("support_why_not", "If one was needed but not offered: why", None, d, errs))
                    (date_input("minutes_circulated_on", "Minutes sent to those who attended", "Leave blank if not yet sent", d, errs))
                    (submit("Save the planning meeting"))
                }
            }
        }
    }
}

fn work_forms(user: &Principal, p: &CinPlanView, f: &Failed<'_>) -> Markup {
    let empty = (FormData::default(), ValidationErrors::default());
    let (vd, verr, vo) = f.for_form("visit", p, &empty);
    let (md, merr, mo) = f.for_form("meeting", p, &empty);
    let (rd, rerr, ro) = f.for_form("review", p, &empty);
    let (ed, eerr, eo) = f.for_form("end", p, &empty);
    let chairs = words(ChairKind::ALL, ChairKind::code, ChairKind::text);
    let outcomes = words(ReviewOutcome::ALL, ReviewOutcome::code, ReviewOutcome::text);
    let reasons = words(EndReason::ALL, EndReason::code, EndReason::text);
    let closures: Vec<(String, String)> = ReasonForClosure::ALL
        .iter()
        .map(|r| {
            (
                r.code().to_string(),
                format!("{} ({})", r.label(), r.code()),
            )
        })
        .collect();
    let base = format!("/people/{}/cin-plan", p.plan.person_id);
    html! {
        details class="govuk-details" open[vo] {
            summary class="govuk-details__summary" { span class="govuk-details__summary-text" { "Record a visit" } }
            div class="govuk-details__text" {
                form method="post" action={ (base) "/visit" } novalidate {
                    (start(user, "visit", p))
                    (date_input("visited_on", "Date of the visit", "For example, 17 12 2026", vd, verr))
                    (choices("checkbox", "visit_seen", "What happened", None, &[("child_seen", "The child was seen"), ("seen_alone", "The child was seen alone"), ("bedroom_seen", "The child's bedroom was seen")], vd, verr))
                    (textarea("home_conditions", "Home conditions", None, vd, verr))
                    (Input::new("who_present", "Who was present").render(vd, verr))
                    (textarea("visit_notes", "Purpose, and the child's words", None, vd, verr))
                    (textarea("visit_late_reason", "If the visit is late: why", None, vd, verr))
                    (submit("Save the visit"))
                }
            }
        }
        details class="govuk-details" open[mo] {
            summary class="govuk-details__summary" { span class="govuk-details__summary-text" { "Record a child in need meeting" } }
            div class="govuk-details__text" {
                form method="post" action={ (base) "/meeting" } novalidate {
                    (start(user, "meeting", p))
                    (date_input("held_on", "Date of the meeting", "For example, 14 1 2027", md, merr))
                    (choices("radio", "chair", "Chair", None, &chairs, md, merr))
                    (attendee_rows(md, merr))
                    (textarea("progress", "What has moved on since the last meeting", None, md, merr))
                    (textarea("decisions", "Decisions and actions: who does what by when", None, md, merr))
                    (choices("checkbox", "updated", "The plan", None, &[("plan_updated", "The plan is to be updated as a result")], md, merr))
                    (textarea("meeting_late_reason", "If the meeting is late: why", None, md, merr))
                    (submit("Save the meeting"))
                }
            }
        }
        details class="govuk-details" open[ro] {
            summary class="govuk-details__summary" { span class="govuk-details__summary-text" { "Record a review" } }
            div class="govuk-details__text" {
                form method="post" action={ (base) "/review" } novalidate {
                    (start(user, "review", p))
                    (date_input("reviewed_on", "Date of the review", "For example, 10 3 2027", rd, rerr))
                    (choices("radio", "chair", "Chair", None, &chairs, rd, rerr))
                    (choices("checkbox", "how", "How it was held", None, &[("held_in_meeting", "In a meeting with the family"), ("manager_agreed_no_meeting", "Not in a meeting: the line manager agreed")], rd, rerr))
                    (textarea("gone_well", "What has gone well?", None, rd, rerr))
                    (textarea("worries", "What worries remain?", None, rd, rerr))
                    (textarea("still_to_happen", "What still needs to happen?", None, rd, rerr))
                    (textarea("child_feedback", "The child's feedback", None, rd, rerr))
                    (textarea("family_feedback", "The family's feedback", None, rd, rerr))
                    (choices("radio", "outcome", "Outcome", None, &outcomes, rd, rerr))
                    (textarea("reasons", "The reasons for the decision", None, rd, rerr))
                    (textarea("review_late_reason", "If the review is late: why", None, rd, rerr))
                    (submit("Save the review"))
                }
            }
        }
        @if user.user.role.is_manager() {
            details class="govuk-details" open[eo] {
                summary class="govuk-details__summary" { span class="govuk-details__summary-text" { "End the plan (team manager)" } }
                div class="govuk-details__text" {
                    form method="post" action={ (base) "/end" } novalidate {
                        (start(user, "end", p))
                        (date_input("ended_on", "Date it ends (census)", "For example, 10 3 2027", ed, eerr))
                        (choices("radio", "end_reason", "Why it ends", None, &reasons, ed, eerr))
                        (textarea("end_reasons", "The reasons, in words the family will read", None, ed, eerr))
                        (date_input("family_meeting_on", "The meeting or review with the family that agreed it", "For example, 10 3 2027", ed, eerr))
                        (textarea("told_in_writing", "Told in writing (one per line: the family and everyone involved)", None, ed, eerr))
                        (Input::new("early_help_worker", "For step-down: the early help worker").render(ed, eerr))
                        (date_input("introduced_on", "For step-down: when they were introduced to the family", "For example, 3 3 2027", ed, eerr))
                        (choices("checkbox", "handover", "For step-down", None, &[("attended_last_review", "They attended the last review")], ed, eerr))
                        (choices("checkbox", "close", "The episode", None, &[("close_episode", "Close the child's episode of need")], ed, eerr))
                        (select("closure_reason", "Census reason for closure", &closures.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect::<Vec<_>>(), ed, eerr))
                        (textarea("closure_summary", "Closure summary: the plan's impact", None, ed, eerr))
                        (textarea("child_views", "The child's views", None, ed, eerr))
                        (textarea("parents_views", "The parents' views", None, ed, eerr))
                        button type="submit" class="govuk-button govuk-button--warning" data-module="govuk-button" { "End the plan" }
                    }
                }
            }
        }
    }
}

fn page(state: &AppState, user: &Principal, v: &CinPlansView, f: &Failed<'_>) -> Response {
    let empty = (FormData::default(), ValidationErrors::default());
    let person = v.person_id.to_string();
    // Only those who record casework are offered the forms; everyone else reads.
    let casework = hearth_domain::authz::authorize(
        &user.actor(),
        hearth_domain::authz::GeneralAction::AssessmentWork,
    )
    .is_ok();
    let content = html! {
        a class="govuk-back-link" href={ "/people/" (person) } { "Back to the child's record" }
        (error_summary(f.errs, anchor))
        h1 class="govuk-heading-l" { "Child in need plan" }
        (crate::pages::census_findings::census_notice(v.person_id, &v.census))
        @if v.plans.is_empty() { p class="govuk-body" { "No child in need plan. An assessment's outcome, or a conference, opens one to agree." } }
        @for p in &v.plans {
            h2 class="govuk-heading-m" id={ "plan-" (p.plan.id) } { "Plan " @if let Some(s) = p.plan.started_on { "from " (format_date(s)) } @else { "to agree" } }
            (plan_summary(p))
            (details_block(p, &person))
            @if p.plan.started_on.is_some() {
                @let failed = (f.form == crate::pages::plan_versions::FORM && f.plan == p.plan.id.to_string()).then_some((f.data, f.errs));
                (versions_block(user, &VersionsOf { base: format!("/people/{person}/cin-plan"), plan_id: p.plan.id, versions: &p.versions, open: p.plan.status == CinPlanState::Open && casework }, failed))
            }
            @if p.plan.status == CinPlanState::ToBeAgreed && casework {
                @let (pd, perr, po) = f.for_form("planning", p, &empty);
                (planning_form(user, p, pd, perr, po))
                @let (sd, serr, so) = f.for_form("start", p, &empty);
                (start_form(user, p, sd, serr, so))
            }
            @if p.plan.status == CinPlanState::Open && casework {
                (work_forms(user, p, f))
            }
        }
    };
    render(
        state,
        user,
        "Child in need plan",
        "people",
        !f.errs.is_empty(),
        content,
    )
}

pub(crate) async fn show_with(
    state: &AppState,
    user: &Principal,
    person: &PersonPath,
    d: &FormData,
    errs: &ValidationErrors,
) -> Response {
    match state.app.cin_plans_of(user, person.pid).await {
        Ok(v) => page(
            state,
            user,
            &v,
            &Failed {
                form: d.get("form"),
                plan: d.get("plan_id"),
                data: d,
                errs,
            },
        ),
        Err(e) => page_error(e),
    }
}

pub async fn show(
    State(state): State<AppState>,
    PageUser(user): PageUser,
    person: PersonPath,
) -> Response {
    show_with(
        &state,
        &user,
        &person,
        &FormData::default(),
        &ValidationErrors::default(),
    )
    .await
}
