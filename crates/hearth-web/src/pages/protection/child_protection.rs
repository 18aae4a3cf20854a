//! The child's protection page: section 47 enquiries and their outcome, conferences (prepared and
//! held, each with its clock), the plan with its core groups, statutory visits and reviews, and
//! ending a plan. Each form comes back with its own errors and what was typed (the forms'
//! handlers are in `child_protection_forms`).

use axum::extract::State;
use axum::response::Response;
use hearth_app::accounts::auth::Principal;
use hearth_app::protection::cp_types::*;
use hearth_app::protection::people_for::ConferencePeople;
use hearth_domain::authz::{authorize, GeneralAction};
use hearth_domain::codes::AbuseCategory;
use hearth_domain::errors::ValidationErrors;
use hearth_domain::protection::conference::{ConferenceKind, EarlyReviewReason, Participant};
use hearth_domain::protection::enquiry::EnquiryOutcome;
use hearth_domain::protection::plan::DiscontinuationReason;
use hearth_domain::protection::{ConferenceState, CpPlanState, EnquiryState};
use hearth_domain::uk_time::format_date;
use maud::{html, Markup};

use crate::auth::PageUser;
use crate::errors::page_error;
use crate::forms::{anchor_for, choices, csrf, date_input, select, textarea, FormData, Input};
use crate::layout::{data_table, error_summary, summary_row as row};
use crate::pages::front_door::queue::clock_tag;
use crate::pages::plan_versions as cp_plan_versions;
use crate::pages::{render, PersonPath};
use crate::AppState;

/// The most invitees the preparation form shows at once (more are added after saving).
pub(crate) const INVITEE_ROWS: usize = 8;
const DATES: &[&str] = &[
    "concluded_on",
    "notified_on",
    "scheduled_on",
    "held_on",
    "review_on",
    "met_on",
    "visited_on",
    "ended_on",
];

/// Which form failed, with what was typed and its errors.
struct Failed<'a> {
    form: &'a str,
    data: &'a FormData,
    errs: &'a ValidationErrors,
}

impl Failed<'_> {
    fn for_form<'b>(
        &'b self,
        form: &str,
        empty: &'b (FormData, ValidationErrors),
    ) -> (&'b FormData, &'b ValidationErrors) {
        if self.form == form {
            (self.data, self.errs)
        } else {
            (&empty.0, &empty.1)
        }
    }
}

/// Whether the user records casework (the forms for enquiries, arrangements and plans).
fn casework(user: &Principal) -> bool {
    authorize(&user.actor(), GeneralAction::AssessmentWork).is_ok()
}

/// Whether the user may record this conference's decision and circulation: casework staff, or
/// the conference's own chair.
fn records(user: &Principal, c: &ConferenceView) -> bool {
    casework(user)
        || (authorize(&user.actor(), GeneralAction::ChairConference).is_ok()
            && c.conference.chair_id == Some(user.user.id.0))
}

fn start(user: &Principal, form: &str) -> Markup {
    html! { (csrf(user.csrf.as_ref())) input type="hidden" name="form" value=(form); }
}

fn words<T: Copy>(
    all: &[T],
    code: impl Fn(T) -> &'static str,
    text: impl Fn(T) -> &'static str,
) -> Vec<(&'static str, &'static str)> {
    all.iter().map(|x| (code(*x), text(*x))).collect()
}

fn enquiry_block(user: &Principal, v: &ChildProtectionView, f: &Failed<'_>) -> Markup {
    let empty = (FormData::default(), ValidationErrors::default());
    let (d, errs) = f.for_form("enquiry", &empty);
    let open = v
        .enquiries
        .iter()
        .find(|q| q.enquiry.status == EnquiryState::Open);
    let outcomes = words(
        EnquiryOutcome::ALL,
        EnquiryOutcome::code,
        EnquiryOutcome::text,
    );
    html! {
        h2 class="govuk-heading-m" id="enquiries" { "Section 47 enquiries" }
        @if v.enquiries.is_empty() { p class="govuk-body" { "No section 47 enquiry. A strategy discussion that decides to start one starts it on the discussion's date." } }
        @else {
            (data_table("Section 47 enquiries", &["Started", "Status", "Outcome", "Conference"], html! {
                @for q in &v.enquiries {
                    tr class="govuk-table__row" {
                        td class="govuk-table__cell" { (format_date(q.enquiry.started_on)) }
                        td class="govuk-table__cell" { (q.status_label) @if let Some(c) = q.enquiry.concluded_on { " on " (format_date(c)) } }
                        td class="govuk-table__cell" { (q.outcome_label.clone().unwrap_or_else(|| "Not yet recorded".into())) }
                        td class="govuk-table__cell" { @match q.enquiry.conference_not_required { Some(true) => "Not required", Some(false) => "Initial conference", None => "To be decided" } }
                    }
                }
            }))
        }
        @if let (Some(q), true) = (open, casework(user)) {
            details class="govuk-details" open[f.form == "enquiry"] { // literal-ok: the form name on this page
                summary class="govuk-details__summary" { span class="govuk-details__summary-text" { "Record the enquiry's outcome" } }
                div class="govuk-details__text" {
                    form method="post" action={ "/people/" (v.person_id) "/child-protection/enquiry-outcome" } novalidate {
                        (start(user, "enquiry"))
                        input type="hidden" name="enquiry_id" value=(q.enquiry.id);
                        input type="hidden" name="version" value=(q.enquiry.version);
                        (choices("radio", "outcome", "Outcome (Working Together 2018)", None, &outcomes, d, errs))
                        (date_input("concluded_on", "Date of the outcome", "Leave blank for today", d, errs))
                        (choices("checkbox", "enquiry_seen", "Seeing the child", None, &[("child_seen", "The child was seen"), ("child_seen_alone", "The child was seen alone")], d, errs))
                        (textarea("not_seen_reason", "If the child was not seen, or not seen alone, why", None, d, errs))
                        (textarea("spoken_to", "Everyone spoken to", Some("The child, parents, other children in the household and agencies"), d, errs))
                        (textarea("support_follows", "What support follows", Some("Needed unless a conference is convened"), d, errs))
                        h3 class="govuk-heading-s" { "A partner agency asked for a conference that is not being held" }
                        (Input::new("declined_agency", "Agency").render(d, errs))
                        (textarea("declined_reason", "Why the request was declined", None, d, errs))
                        (textarea("declined_escalation", "How the agency can escalate", None, d, errs))
                        button type="submit" class="govuk-button" data-module="govuk-button" { "Record the outcome" }
                    }
                }
            }
        }
    }
}

/// The invitation list as the preparation form shows it: what was typed when the form failed,
/// otherwise the conference's list as saved.
fn invitee_data(conf: &ConferenceView) -> FormData {
    let mut d = FormData::default();
    for (i, p) in conf
        .conference
        .invitees
        .iter()
        .enumerate()
        .take(INVITEE_ROWS)
    {
        d.set(&format!("inv{i}.name"), p.name.clone());
        d.set(&format!("inv{i}.participant"), p.participant.code());
        d.set(&format!("inv{i}.role"), p.role.clone());
        for (on, flag) in [
            (p.attended, "attended"),
            (p.report_submitted, "report_submitted"),
            (p.report_shareable, "report_shareable"),
        ] {
            if on {
                d.push(&format!("inv{i}.flags"), flag);
            }
        }
    }
    d.set_date("scheduled_on", conf.conference.scheduled_on);
    if let Some(ch) = conf.conference.chair_id {
        d.set("chair_id", ch.to_string());
    }
    d
}

fn invitee_rows(d: &FormData, errs: &ValidationErrors) -> Markup {
    let parts = words(Participant::ALL, Participant::code, Participant::text);
    html! {
        @for i in 0..INVITEE_ROWS {
            fieldset class="govuk-fieldset govuk-!-margin-bottom-4" {
                legend class="govuk-fieldset__legend govuk-fieldset__legend--s" { "Invitee " (i + 1) }
                (Input::new(&format!("inv{i}.name"), "Name").render(d, errs))
                (select(&format!("inv{i}.participant"), "Who they speak for", &parts, d, errs))
                (Input::new(&format!("inv{i}.role"), "Role").render(d, errs))
                (choices("checkbox", &format!("inv{i}.flags"), "Attendance and report", None, &[("attended", "Attended"), ("report_submitted", "Sent a report before the conference"), ("report_shareable", "The report can be shared with the parents")], d, errs))
            }
        }
    }
}

fn conference_block(
    user: &Principal,
    v: &ChildProtectionView,
    people: &ConferencePeople,
    f: &Failed<'_>,
    today: chrono::NaiveDate,
) -> Markup {
    let empty = (FormData::default(), ValidationErrors::default());
    let next = v
        .conferences
        .iter()
        .find(|c| c.conference.status == ConferenceState::Arranged);
    let chairs: Vec<(String, String)> = people
        .chairs
        .iter()
        .map(|c| (c.id.to_string(), c.name.clone()))
        .collect();
    let workers: Vec<(String, String)> = people
        .workers
        .iter()
        .map(|c| (c.id.to_string(), c.name.clone()))
        .collect();
    let categories: Vec<(String, String)> = AbuseCategory::ALL
        .iter()
        .map(|c| {
            (
                c.code().to_string(),
                format!("{} ({})", c.label(), c.code()),
            )
        })
        .collect();
    let reasons = words(
        DiscontinuationReason::ALL,
        DiscontinuationReason::code,
        DiscontinuationReason::text,
    );
    html! {
        h2 class="govuk-heading-m" id="conferences" { "Conferences" }
        @if v.conferences.is_empty() { p class="govuk-body" { "No conference. An enquiry that finds continuing risk arranges the initial conference." } }
        @else {
            (data_table("Conferences", &["Conference", "Due", "Date and chair", "Decision"], html! {
                @for c in &v.conferences {
                    tr class="govuk-table__row" {
                        td class="govuk-table__cell" { (c.kind_label) br; span class="govuk-body-s" { (c.status_label) } }
                        td class="govuk-table__cell" {
                            @if let Some(k) = &c.clock { (clock_tag(k)) br; span class="govuk-body-s" { (k.clock.explanation) } }
                            @else { (format_date(c.conference.target_on)) }
                        }
                        td class="govuk-table__cell" {
                            @if let Some(h) = c.conference.held_on { "Held " (format_date(h)) }
                            @else if let Some(s) = c.conference.scheduled_on { "Arranged for " (format_date(s)) }
                            @else { "Date not set" }
                            @if !c.chair_name.is_empty() { br; span class="govuk-body-s" { "Chair: " (c.chair_name) } }
                            @if let Some(r) = c.conference.early_reason { br; span class="govuk-body-s" { "Brought forward: " (r.text()) } }
                        }
                        td class="govuk-table__cell" {
                            @match c.conference.plan_decided {
                                Some(true) => { "Plan" @if let Some(cat) = c.conference.category { ": " (cat.label()) } }
                                Some(false) => { "No plan" @if let Some(r) = c.conference.end_reason { ": " (r.text()) } }
                                None => "—",
                            }
                            @if c.quorate == Some(false) { br; strong class="govuk-tag govuk-tag--red" { "Not quorate" } }
                            @if let Some(on) = c.conference.circulated_on { br; span class="govuk-body-s" { "Decision circulated " (format_date(on)) } }
                            @else if c.conference.held_on.is_some() {
                                @if let Some(k) = &c.circulation_clock { br; (clock_tag(k)) br; span class="govuk-body-s" { (k.clock.explanation) } }
                            }
                            @if c.conference.held_on.is_some() && c.conference.circulated_on.is_none() && records(user, c) {
                                form method="post" action={ "/people/" (v.person_id) "/child-protection/circulated" } {
                                    (start(user, "circulated"))
                                    input type="hidden" name="conference_id" value=(c.conference.id);
                                    button type="submit" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0 govuk-!-margin-top-2" data-module="govuk-button" { "The decision was circulated today" span class="govuk-visually-hidden" { ": " (c.kind_label) } }
                                }
                            }
                        }
                    }
                }
            }))
        }
        @if let Some(c) = next {
            @let (pd, perr) = f.for_form("prepare", &empty);
            @let (hd, herr) = f.for_form("hold", &empty);
            h3 class="govuk-heading-s" { "Next: " (c.kind_label) }
            @if c.conference.scheduled_on.is_some() {
                p class="govuk-body" { a class="govuk-link" href={ "/people/" (v.person_id) "/child-protection/invitation-letters?conference=" (c.conference.id) } { "Print the invitation letters for the " (c.kind_label.to_lowercase()) } }
            }
            @if casework(user) {
            details class="govuk-details" open[f.form == "prepare"] { // literal-ok: the form name on this page
                summary class="govuk-details__summary" { span class="govuk-details__summary-text" { "Arrange: date, chair and invitations" } }
                div class="govuk-details__text" {
                    form method="post" action={ "/people/" (v.person_id) "/child-protection/preparation" } novalidate {
                        (start(user, "prepare"))
                        input type="hidden" name="conference_id" value=(c.conference.id);
                        input type="hidden" name="version" value=(c.conference.version);
                        @let saved = invitee_data(c);
                        @let src = if f.form == "prepare" { pd } else { &saved }; // literal-ok: the form name on this page
                        (date_input("scheduled_on", "Conference date", "A working day, for example 10 12 2026", src, perr))
                        (select("chair_id", "Chair (independent of the case)", &chairs.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect::<Vec<_>>(), src, perr))
                        (invitee_rows(src, perr))
                        button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button" { "Save the arrangements" }
                    }
                }
            }
            }
            @if records(user, c) {
            details class="govuk-details" open[f.form == "hold"] { // literal-ok: the form name on this page
                summary class="govuk-details__summary" { span class="govuk-details__summary-text" { "Record the conference as held, with its decision" } }
                div class="govuk-details__text" {
                    form method="post" action={ "/people/" (v.person_id) "/child-protection/held" } novalidate {
                        (start(user, "hold"))
                        input type="hidden" name="conference_id" value=(c.conference.id);
                        input type="hidden" name="version" value=(c.conference.version);
                        (date_input("held_on", "Date held", "A working day", hd, herr))
                        (choices("radio", "plan", if c.conference.kind == ConferenceKind::Review { "Does the child stay subject to a child protection plan?" } else { "Is the child to be subject to a child protection plan?" }, None, &[("yes", "Yes"), ("no", "No")], hd, herr))
                        (select("category", "Category of abuse", &categories.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect::<Vec<_>>(), hd, herr))
                        (select("lead_worker_id", "Lead social worker", &workers.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect::<Vec<_>>(), hd, herr))
                        (textarea("core_group", "Core group members", None, hd, herr))
                        (textarea("outline_plan", "Outline plan: what must change, by how much and by when", None, hd, herr))
                        (date_input("review_on", "Review conference date", "Within 3 months of the initial conference, then at most 6 months apart", hd, herr))
                        (textarea("child_wishes", "The child's wishes and feelings", None, hd, herr))
                        (textarea("parents_views", "The parents' views", None, hd, herr))
                        (textarea("agency_views", "Each agency's view", None, hd, herr))
                        (textarea("dissent", "Any dissent from the decision", None, hd, herr))
                        @if c.conference.kind == ConferenceKind::Review {
                            (choices("radio", "end_reason", "If the plan ends: why", None, &reasons, hd, herr))
                            (textarea("end_evidence", "Evidence (for a move, a death, leaving the UK)", None, hd, herr))
                        } @else {
                            (Input::new("previous_plans_elsewhere", "Plans the child had with other councils, where known").class("govuk-input--width-3").kind("number").render(hd, herr))
                        }
                        (choices("checkbox", "cin_follows", "When there is no plan, or it ends", None, &[("cin_plan_follows", "A child in need plan follows")], hd, herr))
                        @if c.conference.target_on < today || herr.for_field("late_reason").is_some() {
                            (textarea("late_reason", "Why it was held after its due date", None, hd, herr))
                        }
                        button type="submit" class="govuk-button" data-module="govuk-button" { "Record the decision" }
                    }
                }
            }
            }
        }
    }
}

fn plan_block(user: &Principal, v: &ChildProtectionView, f: &Failed<'_>) -> Markup {
    let empty = (FormData::default(), ValidationErrors::default());
    let open = v.plans.iter().find(|p| p.plan.status == CpPlanState::Open);
    let facts: Vec<(&str, &str)> = DiscontinuationReason::ALL
        .iter()
        .filter(|r| !r.needs_review_conference())
        .map(|r| (r.code(), r.text()))
        .collect();
    html! {
        h2 class="govuk-heading-m" id="plans" { "Child protection plans" }
        @if v.plans.is_empty() { p class="govuk-body" { "No child protection plan." } }
        @for p in &v.plans {
            dl class="govuk-summary-list" {
                (row("Plan", html! { (p.status_label) " from " (format_date(p.plan.started_on)) @if let Some(e) = p.plan.ended_on { " to " (format_date(e)) } }))
                (row("Category of abuse", html! { "Initial: " (p.initial_category_label) "; latest: " (p.latest_category_label) }))
                (row("Previous plans", html! { (p.plan.previous_plans) }))
                (row("Lead social worker", html! { (p.lead_worker_name) }))
                @if let Some(r) = p.plan.end_reason { (row("Why it ended", html! { (r.text()) br; a class="govuk-link" href={ "/people/" (v.person_id) "/child-protection/end-letters?plan=" (p.plan.id) } { "Print the letters to everyone invited to the initial conference" } })) }
                (row("Review conferences held", html! { @if p.review_dates.is_empty() { "None yet" } @for d in &p.review_dates { (format_date(*d)) br; } }))
                @for k in &p.clocks {
                    @if k.clock.met_on.is_none() { (row(&k.label, html! { (clock_tag(k)) br; span class="govuk-body-s" { (k.clock.explanation) } })) }
                }
                (row("Core groups", html! { @if p.core_groups.is_empty() { "None yet" } @for g in &p.core_groups { (format_date(g.met_on)) ": " (g.decisions) br; } }))
            }
            @let failed = (f.form == cp_plan_versions::FORM && f.data.get("plan_id") == p.plan.id.to_string()).then_some((f.data, f.errs));
            @let may_amend = p.plan.status == CpPlanState::Open && casework(user);
            (cp_plan_versions::versions_block(user, &cp_plan_versions::VersionsOf {
                base: format!("/people/{}/child-protection", v.person_id),
                plan_id: p.plan.id,
                versions: &p.versions,
                open: may_amend,
            }, failed))
        }
        @if let (Some(p), true) = (open, casework(user)) {
            @let (cd, cerr) = f.for_form("core-group", &empty);
            @let (vd, verr) = f.for_form("visit", &empty);
            @let (ed, eerr) = f.for_form("end", &empty);
            details class="govuk-details" open[f.form == "core-group"] { // literal-ok: the form name on this page
                summary class="govuk-details__summary" { span class="govuk-details__summary-text" { "Record a core group meeting" } }
                div class="govuk-details__text" {
                    form method="post" action={ "/people/" (v.person_id) "/child-protection/core-group" } novalidate {
                        (start(user, "core-group"))
                        input type="hidden" name="plan_id" value=(p.plan.id);
                        (date_input("met_on", "Date of the meeting", "For example, 17 12 2026", cd, cerr))
                        (textarea("cg_attendees", "Who attended", None, cd, cerr))
                        (textarea("decisions", "Decisions and actions (who does what by when)", None, cd, cerr))
                        (textarea("absent_views", "Written views of members who were absent", None, cd, cerr))
                        (textarea("cg_late_reason", "If the first meeting is late: why", None, cd, cerr))
                        button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button" { "Save the meeting" }
                    }
                }
            }
            details class="govuk-details" open[f.form == "visit"] { // literal-ok: the form name on this page
                summary class="govuk-details__summary" { span class="govuk-details__summary-text" { "Record a statutory visit" } }
                div class="govuk-details__text" {
                    form method="post" action={ "/people/" (v.person_id) "/child-protection/visit" } novalidate {
                        (start(user, "visit"))
                        (date_input("visited_on", "Date of the visit", "For example, 15 12 2026", vd, verr))
                        (choices("checkbox", "visit_seen", "What happened", None, &[("child_seen", "The child was seen"), ("seen_alone", "The child was seen alone"), ("bedroom_seen", "The child's bedroom was seen")], vd, verr))
                        (textarea("home_conditions", "Home conditions", None, vd, verr))
                        (Input::new("who_present", "Who was present").render(vd, verr))
                        (textarea("visit_notes", "Notes", None, vd, verr))
                        (textarea("visit_late_reason", "If the visit is late: why", None, vd, verr))
                        button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button" { "Save the visit" }
                    }
                }
            }
            @let (rd, rerr) = f.for_form("early", &empty);
            details class="govuk-details" open[f.form == "early"] { // literal-ok: the form name on this page
                summary class="govuk-details__summary" { span class="govuk-details__summary-text" { "Bring the review conference forward" } }
                div class="govuk-details__text" {
                    p class="govuk-body" { "For a further incident, a significant change of circumstance, or the child missing for longer than the protocol allows (seed 000 §7.3)." }
                    form method="post" action={ "/people/" (v.person_id) "/child-protection/early-review" } novalidate {
                        (start(user, "early"))
                        input type="hidden" name="plan_id" value=(p.plan.id);
                        (choices("radio", "early_reason", "Why", None, &words(EarlyReviewReason::ALL, EarlyReviewReason::code, EarlyReviewReason::text), rd, rerr))
                        (date_input("early_on", "New review date", "A working day", rd, rerr))
                        (textarea("early_detail", "What happened", None, rd, rerr))
                        button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button" { "Bring the review forward" }
                    }
                }
            }
            details class="govuk-details" open[f.form == "end"] { // literal-ok: the form name on this page
                summary class="govuk-details__summary" { span class="govuk-details__summary-text" { "End the plan for a fact (moved, 18, died, left the UK)" } }
                div class="govuk-details__text" {
                    p class="govuk-body" { "A plan ends because the child is no longer at risk only by a review conference's decision." }
                    form method="post" action={ "/people/" (v.person_id) "/child-protection/discontinuation" } novalidate {
                        (start(user, "end"))
                        input type="hidden" name="plan_id" value=(p.plan.id);
                        (choices("radio", "fact_reason", "Why the plan ends", None, &facts, ed, eerr))
                        (date_input("ended_on", "Date it ends", "Leave blank for today", ed, eerr))
                        (textarea("evidence", "The evidence", None, ed, eerr))
                        button type="submit" class="govuk-button govuk-button--warning" data-module="govuk-button" { "End the plan" }
                    }
                }
            }
        }
        h2 class="govuk-heading-m" id="visits" { "Statutory visits" }
        @if v.visits.is_empty() { p class="govuk-body" { "No statutory visit recorded." } }
        @else {
            (data_table("Statutory visits", &["Date", "Seen", "Seen alone", "Bedroom", "Who was present"], html! {
                @for x in &v.visits {
                    tr class="govuk-table__row" {
                        td class="govuk-table__cell" { (format_date(x.visited_on)) }
                        td class="govuk-table__cell" { @if x.child_seen { "Yes" } @else { "No" } }
                        td class="govuk-table__cell" { @if x.seen_alone { "Yes" } @else { "No" } }
                        td class="govuk-table__cell" { @if x.bedroom_seen { "Yes" } @else { "No" } }
                        td class="govuk-table__cell" { (x.who_present) }
                    }
                }
            }))
        }
    }
}

fn transfer_block(user: &Principal, v: &ChildProtectionView, f: &Failed<'_>) -> Markup {
    let empty = (FormData::default(), ValidationErrors::default());
    let (d, errs) = f.for_form("transfer", &empty);
    if !casework(user) {
        return html! {};
    }
    html! {
        details class="govuk-details" open[f.form == "transfer"] { // literal-ok: the form name on this page
            summary class="govuk-details__summary" { span class="govuk-details__summary-text" { "A child on another council's plan has moved here" } }
            div class="govuk-details__text" {
                p class="govuk-body" { "A transfer-in conference is due within 15 working days of being told of the move." }
                form method="post" action={ "/people/" (v.person_id) "/child-protection/transfer-in" } novalidate {
                    (start(user, "transfer"))
                    (date_input("notified_on", "When you were told of the move", "For example, 10 12 2026", d, errs))
                    button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button" { "Arrange a transfer-in conference" }
                }
            }
        }
    }
}

fn page(
    state: &AppState,
    user: &Principal,
    v: &ChildProtectionView,
    people: &ConferencePeople,
    f: &Failed<'_>,
) -> Response {
    let today = state.app.clock.today();
    let content = html! {
        a class="govuk-back-link" href={ "/people/" (v.person_id) } { "Back to the child's record" }
        (error_summary(f.errs, |x: &str| if x.ends_with(".by_when") || x.ends_with(".due_on") { format!("{}-day", crate::forms::field_id(x)) } else { anchor_for(DATES)(x) }))
        span class="govuk-caption-l" { (v.child) }
        h1 class="govuk-heading-l" { "Child protection" }
        (crate::pages::census_findings::census_notice(v.person_id, &v.census))
        dl class="govuk-summary-list" {
            (row("Date of initial conference (census)", html! { @if let Some(d) = v.date_of_initial_cpc { (format_date(d)) } @else { "None on the current episode" } }))
        }
        @if let Some(b) = v.review_before_18 {
            div class="govuk-warning-text" {
                span class="govuk-warning-text__icon" aria-hidden="true" { "!" }
                strong class="govuk-warning-text__text" { span class="govuk-visually-hidden" { "Warning" } "The child turns 18 on " (format_date(b)) ", before the next review: plan a review around the birthday, when the plan ends." }
            }
        }
        (enquiry_block(user, v, f))
        (conference_block(user, v, people, f, today))
        (plan_block(user, v, f))
        (transfer_block(user, v, f))
    };
    render(
        state,
        user,
        "Child protection",
        "people",
        !f.errs.is_empty(),
        content,
    )
}

pub(crate) async fn show_with(
    state: &AppState,
    user: &Principal,
    person: &PersonPath,
    form: &str,
    d: &FormData,
    errs: &ValidationErrors,
) -> Response {
    let v = match state.app.child_protection_of(user, person.pid).await {
        Ok(v) => v,
        Err(e) => return page_error(e),
    };
    // Only those who record casework are offered the forms' chairs and workers; for anyone else
    // (a conference chair, information governance) the page is read-only and nothing is fetched.
    let may_write = authorize(&user.actor(), GeneralAction::ChairConference).is_ok();
    let people = if may_write {
        match state.app.conference_people(user, person.pid).await {
            Ok(p) => p,
            Err(e) => return page_error(e),
        }
    } else {
        ConferencePeople {
            chairs: Vec::new(),
            workers: Vec::new(),
        }
    };
    page(
        state,
        user,
        &v,
        &people,
        &Failed {
            form,
            data: d,
            errs,
        },
    )
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
        "",
        &FormData::default(),
        &ValidationErrors::default(),
    )
    .await
}
