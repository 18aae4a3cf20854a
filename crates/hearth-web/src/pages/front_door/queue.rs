//! Front-door pages: the queue (contacts by urgency and time waiting, referrals with their
//! decision clocks), recording a contact, and screening one (linking children, outcomes).

use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::response::{IntoResponse, Redirect, Response};
use hearth_app::accounts::auth::Principal;
use hearth_app::clocks::ClockView;
use hearth_app::front_door::types::{
    ChildOutcomeInput, ContactInput, ContactOutcomeInput, ContactView,
};
use hearth_app::people::cases::PeopleSearch;
use hearth_app::AppError;
use hearth_domain::codes::ReferralSource;
use hearth_domain::errors::ValidationErrors;
use hearth_domain::front_door::contact::{ContactOutcome, Urgency};
use hearth_domain::front_door::states::ContactState;
use hearth_domain::front_door::vocab::ContactMethod;
use hearth_domain::uk_time::{format_uk, to_uk};
use hearth_store::people::search::PersonSummary;
use maud::{html, Markup};
use uuid::Uuid;

use crate::auth::PageUser;
use crate::errors::page_error;
use crate::forms::{choices, csrf, date_input, select, textarea, FormData, Input};
use crate::layout::{data_table, error_summary};
use crate::pages::front_door::form_children;
use crate::pages::people::search::{born, person_link, restricted_matches};
use crate::pages::render;
use crate::AppState;

/// A clock's state as a GOV.UK tag, coloured by its typed state.
pub fn clock_tag(c: &ClockView) -> Markup {
    html! { strong class={ "govuk-tag " (c.status.tag_class()) } { (c.status_label) } }
}

pub(crate) fn uuid_or_404(s: &str) -> Result<Uuid, Response> {
    s.parse().map_err(|_| page_error(AppError::NotFound))
}

pub async fn queue(State(state): State<AppState>, PageUser(user): PageUser) -> Response {
    let q = match state.app.front_door_queue(&user).await {
        Ok(q) => q,
        Err(e) => return page_error(e),
    };
    let now = state.app.clock.now();
    let content = html! {
        h1 class="govuk-heading-l" { "Front door" }
        a class="govuk-button" href="/contacts/new" data-module="govuk-button" { "Record a contact" }
        (data_table("Referrals awaiting a decision (due within 1 working day)", &["Child", "Referral date", "Decision due", "State"], html! {
            @for r in &q.referrals {
                tr class="govuk-table__row" {
                    td class="govuk-table__cell" { a class="govuk-link" href={ "/referrals/" (r.referral_id) } { (r.child) } @if r.re_referral { " " strong class="govuk-tag govuk-tag--orange" { "Re-referral" } } }
                    td class="govuk-table__cell" { (hearth_domain::uk_time::format_date(r.referral_date)) }
                    td class="govuk-table__cell" { @if let Some(c) = &r.clock { (hearth_domain::uk_time::format_date(c.clock.due_date)) } }
                    td class="govuk-table__cell" { @if let Some(c) = &r.clock { (clock_tag(c)) } }
                }
            }
        }))
        @if q.referrals.is_empty() { p class="govuk-body" { "No referrals are waiting for a decision." } }
        (data_table("Contacts to screen, most urgent first", &["Received", "Waiting", "Decision due", "Urgency", "Children", "Source"], html! {
            @for c in &q.contacts {
                @let hours = (now - c.received_at).num_hours();
                tr class="govuk-table__row" {
                    td class="govuk-table__cell" { a class="govuk-link" href={ "/contacts/" (c.contact_id) } { (format_uk(c.received_at)) } }
                    td class="govuk-table__cell" { @if hours < 1 { "under an hour" } @else { (hours) " hours" } }
                    td class="govuk-table__cell" {
                        (hearth_domain::uk_time::format_date(c.decision_due.due_date)) " "
                        strong class={ "govuk-tag " (c.decision_due.status.tag_class()) } title=(c.decision_due.explanation) { (c.decision_due.status_label) }
                    }
                    td class="govuk-table__cell" { strong class={ "govuk-tag govuk-tag--" (c.urgency.tag_colour()) } { (c.urgency.word()) } }
                    td class="govuk-table__cell" { (c.children.join(", ")) }
                    td class="govuk-table__cell" { (c.source_label) }
                }
            }
        }))
        @if q.contacts.is_empty() { p class="govuk-body" { "No contacts are waiting." } }
    };
    render(&state, &user, "Front door", "front-door", false, content)
}

async fn find(state: &AppState, user: &Principal, q: &str) -> Vec<PersonSummary> {
    if q.trim().is_empty() {
        return Vec::new();
    }
    state
        .app
        .search_people(
            user,
            &PeopleSearch {
                text: q.into(),
                date_of_birth: None,
            },
        )
        .await
        .unwrap_or_default()
}

/// The children to pick from: a record the reader may not open cannot be linked, so it is
/// left out here and counted by [`restricted_matches`].
/// Only children are offered (an adult is never a contact's child: Children Act 1989 s105(1)),
/// each with what tells them apart: date of birth, NHS number, current address and whether
/// the service knows them.
fn options(found: &[PersonSummary], today: chrono::NaiveDate) -> Vec<(String, String)> {
    found
        .iter()
        .filter(|p| !p.redacted)
        .filter(|p| {
            hearth_domain::childhood::AgeEvidence {
                kind: p.kind,
                date_of_birth: p.date_of_birth,
                expected_date_of_delivery: p.expected_date_of_delivery,
            }
            .is_child_on(today)
        })
        .map(|p| {
            let nhs = p
                .nhs_number
                .as_deref()
                .map(|n| format!(", NHS number {n}"))
                .unwrap_or_default();
            let address = p
                .address
                .as_deref()
                .map(|a| format!(", lives at {a}"))
                .unwrap_or_default();
            let known = p
                .known
                .map(|k| format!(" – {}", k.label()))
                .unwrap_or_default();
            (
                p.id.to_string(),
                format!("{} – born {}{nhs}{address}{known}", p.name, born(p)),
            )
        })
        .collect()
}

fn refs(v: &[(String, String)]) -> Vec<(&str, &str)> {
    v.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect()
}

fn contact_form_page(
    state: &AppState,
    user: &Principal,
    d: &FormData,
    errs: &ValidationErrors,
    found: &[PersonSummary],
) -> Response {
    let sources: Vec<(String, String)> = ReferralSource::ALL
        .iter()
        .map(|s| {
            (
                s.code().to_string(),
                crate::forms::words_then_code(s.label(), s.code()),
            )
        })
        .collect();
    let methods: Vec<(&str, &str)> = ContactMethod::ALL
        .iter()
        .map(|m| (m.code(), m.text()))
        .collect();
    let urgencies: Vec<(&str, &str)> = Urgency::ALL.iter().map(|u| (u.code(), u.text())).collect();
    let kids = options(found, state.app.clock.today());
    let consent = [
        ("given", "Given"),
        ("refused", "Refused"),
        ("not-sought", "Not sought"),
    ];
    let content = html! {
        a class="govuk-back-link" href="/front-door" { "Back to the front door" }
        (error_summary(errs, crate::forms::anchor_for(&["received_on"])))
        h1 class="govuk-heading-l" { "Record a contact" }
        form method="get" action="/contacts/new" novalidate {
            (Input::new("q", "Find the child or children").hint("Name, NHS number or UPN. Add a child who is not recorded yet from People first").render(d, errs))
            button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button" { "Find" }
        }
        (restricted_matches(found))
        form method="post" action="/contacts/new" novalidate data-draft-key="new-contact" {
            (csrf(user.csrf.as_ref()))
            input type="hidden" name="q" value=(d.get("q"));
            @if kids.is_empty() {
                @if errs.for_field("children").is_some() { (choices("checkbox", "children", "Children concerned", None, &[], d, errs)) }
            } @else {
                (choices("checkbox", "children", "Children concerned", Some("Choose every child the contact is about; siblings can share a contact"), &refs(&kids), d, errs))
            }
            (choices("checkbox", "information_only", "Information, advice or consultation", Some("A request about no particular child needs no child's record; it can only be concluded with advice or signposting"), &[("yes", "This contact asks only for information, advice or consultation")], d, errs))
            (date_input("received_on", "When was the contact received?", "For example, 20 11 2026", d, errs))
            (Input::new("received_time", "Time").hint("24-hour clock, for example 09:30").class("govuk-input--width-5").render(d, errs))
            (select("source", "Source", &refs(&sources), d, errs))
            (select("method", "How the contact was made", &methods, d, errs))
            (Input::new("contact_name", "Who made contact").render(d, errs))
            (Input::new("contact_agency", "Their agency (if any)").render(d, errs))
            (Input::new("contact_details", "How to reach them for feedback").render(d, errs))
            (textarea("summary", "Summary of concerns", None, d, errs))
            (choices("radio", "urgency", "Urgency", None, &urgencies, d, errs))
            (choices("radio", "consent", "Has the family consented to the referral and to enquiries with other agencies?", None, &consent, d, errs))
            (textarea("consent_why", "If consent was refused or not sought, why?", None, d, errs))
            (choices("radio", "young_person_consent", "For a young person aged 16 or over: have they consented themselves?", Some("Young people of 16 or over are asked for their own consent as well (seed 001)"), &consent, d, errs))
            (textarea("young_person_consent_why", "If the young person refused or was not asked, why?", None, d, errs))
            button type="submit" class="govuk-button" data-module="govuk-button" { "Save contact" }
        }
    };
    render(
        state,
        user,
        "Record a contact",
        "front-door",
        !errs.is_empty(),
        content,
    )
}

pub async fn new_contact(
    State(state): State<AppState>,
    PageUser(user): PageUser,
    RawQuery(q): RawQuery,
) -> Response {
    let mut d = FormData::parse(q.unwrap_or_default().as_bytes());
    if d.date("received_on").is_none() {
        let now = to_uk(state.app.clock.now());
        d.set_date("received_on", Some(now.date()));
        d.set("received_time", now.format("%H:%M").to_string());
    }
    let found = find(&state, &user, d.get("q")).await;
    let mut errs = ValidationErrors::default();
    if d.opt("q").is_some() && found.is_empty() {
        errs.add(
            "q",
            "no_match",
            "No one matches; check the spelling or add the child from People first",
        );
    }
    contact_form_page(&state, &user, &d, &errs, &found)
}

pub async fn create_contact(
    State(state): State<AppState>,
    PageUser(user): PageUser,
    body: Bytes,
) -> Response {
    let d = FormData::parse(&body);
    let mut errs = ValidationErrors::default();
    let children = d
        .all("children")
        .iter()
        .filter_map(|c| c.parse().ok())
        .collect();
    let input = ContactInput {
        received_at: match d.date("received_on") {
            Some(day) => format!("{day}T{}", d.get("received_time").trim()),
            None => String::new(),
        },
        source: d.get("source").into(),
        method: d.get("method").into(),
        contact_name: d.get("contact_name").into(),
        contact_agency: d.get("contact_agency").into(),
        contact_details: d.get("contact_details").into(),
        summary: d.get("summary").into(),
        urgency: d.get("urgency").into(),
        children,
        consent: d.get("consent").into(),
        consent_why: d.get("consent_why").into(),
        young_person_consent: d.get("young_person_consent").into(),
        young_person_consent_why: d.get("young_person_consent_why").into(),
        information_only: d.checked("information_only"),
    };
    match state.app.record_contact(&user, &input).await {
        Ok(c) => Redirect::to(&format!("/contacts/{}", c.id)).into_response(),
        Err(AppError::Validation(e)) => {
            // The date and time are typed in their own boxes.
            errs.0.extend(e.0.into_iter().map(|mut f| {
                if f.field == "received_at" {
                    f.field = "received_on".into();
                }
                f
            }));
            let found = find(&state, &user, d.get("q")).await;
            contact_form_page(&state, &user, &d, &errs, &found)
        }
        Err(e) => page_error(e),
    }
}

fn contact_page(
    state: &AppState,
    user: &Principal,
    c: &ContactView,
    d: &FormData,
    errs: &ValidationErrors,
    found: &[PersonSummary],
) -> Response {
    let outcomes: Vec<(&str, &str)> = ContactOutcome::ALL
        .iter()
        .map(|o| (o.code(), o.text()))
        .collect();
    let kids = options(found, state.app.clock.today());
    let open = c.status == ContactState::Open;
    let content = html! {
        a class="govuk-back-link" href="/front-door" { "Back to the front door" }
        (error_summary(errs, |f| f.to_string()))
        span class="govuk-caption-l" { "Contact received " (format_uk(c.received_at)) }
        h1 class="govuk-heading-l" { "Screen a contact" }
        dl class="govuk-summary-list" {
            @for (k, v) in [("From", format!("{} {}", c.contact_name, if c.contact_agency.is_empty() { String::new() } else { format!("({})", c.contact_agency) })),
                ("How to reach them", c.contact_details.clone()), ("Source", c.source_label.clone()), ("Method", c.method.text().to_string()),
                ("Urgency", c.urgency.text().to_string()), ("Consent", c.consent.describe()), ("Concerns", c.summary.clone()), ("Status", c.status.label().to_string())] {
                div class="govuk-summary-list__row" { dt class="govuk-summary-list__key" { (k) } dd class="govuk-summary-list__value" { (v) } }
            }
        }
        @if let Some(form) = c.form_id { p class="govuk-body" { a class="govuk-link" href={ "/referral-forms/" (form) } { "Read the full referral form" } } }
        @if !open && c.form_children.len() > 1 {
            h2 class="govuk-heading-m" { "Children named in the referral form" }
            ul class="govuk-list" { @for n in &c.form_children { li { (n.name) " – " (form_children::named_born(n)) } } }
        }
        h2 class="govuk-heading-m" { "Children" }
        @if c.children.is_empty() { p class="govuk-body" { "No child is linked yet." } }
        ul class="govuk-list" {
            @for p in &c.children { li { (person_link(p)) @if !p.redacted { " – born " (born(p)) } } }
        }
        @if open {
            form method="get" action={ "/contacts/" (c.id) } novalidate {
                (Input::new("q", "Find a child to link").hint("Search before creating a new record").render(d, errs))
                button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button" { "Find" }
            }
            (restricted_matches(found))
            @if !kids.is_empty() {
                form method="post" action={ "/contacts/" (c.id) "/children" } novalidate {
                    (csrf(user.csrf.as_ref()))
                    (choices("radio", "person_id", "Which child is it?", None, &refs(&kids), d, errs))
                    button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button" { "Link child" }
                }
            }
            @if !c.form_children.is_empty() {
                (form_children::create_or_link(user, c))
            }
            h2 class="govuk-heading-m" { "Outcome" }
            form method="post" action={ "/contacts/" (c.id) "/outcome" } novalidate {
                (csrf(user.csrf.as_ref()))
                input type="hidden" name="version" value=(c.version);
                (choices("checkbox", "outcomes", "What happens next? (choose all that apply)", None, &outcomes, d, errs))
                @if c.children.len() > 1 {
                    p class="govuk-body" { "Each child may have their own outcome: for example, a sibling with an open case is passed to it while the other becomes a referral. If you choose any child's outcomes below, choose them for every child." }
                    @for p in &c.children {
                        (choices("checkbox", &format!("child_outcomes.{}", p.id), &format!("Outcome for {}", p.name), None, &outcomes, d, errs))
                    }
                }
                (textarea("notes", "Notes (optional)", None, d, errs))
                (textarea("feedback", "Feedback to the person who made contact", Some("Needed when the contact came from a referral form and does not become a referral"), d, errs))
                button type="submit" class="govuk-button" data-module="govuk-button" { "Record outcome" }
            }
        } @else {
            h2 class="govuk-heading-m" { "Outcome" }
            ul class="govuk-list govuk-list--bullet" {
                @for o in &c.outcomes { li { (o.text()) } }
            }
            @if c.child_outcomes.len() > 1 {
                dl class="govuk-summary-list" {
                    @for co in &c.child_outcomes {
                        div class="govuk-summary-list__row" {
                            dt class="govuk-summary-list__key" { (c.children.iter().find(|p| p.id == co.person_id).map_or("A child", |p| p.name.as_str())) }
                            dd class="govuk-summary-list__value" { (co.outcomes.iter().map(|o| o.text()).collect::<Vec<_>>().join("; ")) }
                        }
                    }
                }
            }
            @if let Some(f) = &c.feedback { p class="govuk-body" { "Feedback given: " (f) } }
            @for r in &c.referrals { p class="govuk-body" { a class="govuk-link" href={ "/referrals/" (r) } { "Open the referral decision" } } }
        }
    };
    render(
        state,
        user,
        "Screen a contact",
        "front-door",
        !errs.is_empty(),
        content,
    )
}

pub async fn show_contact(
    State(state): State<AppState>,
    PageUser(user): PageUser,
    Path(id): Path<String>,
    RawQuery(q): RawQuery,
) -> Response {
    let id = match uuid_or_404(&id) {
        Ok(i) => i,
        Err(r) => return r,
    };
    let d = FormData::parse(q.unwrap_or_default().as_bytes());
    match state.app.view_contact(&user, id).await {
        Ok(c) => {
            let found = find(&state, &user, d.get("q")).await;
            contact_page(&state, &user, &c, &d, &ValidationErrors::default(), &found)
        }
        Err(e) => page_error(e),
    }
}

async fn after(
    state: &AppState,
    user: &Principal,
    id: Uuid,
    d: &FormData,
    r: Result<ContactView, AppError>,
) -> Response {
    match r {
        Ok(c) if c.status == ContactState::Concluded && c.referrals.len() == 1 => {
            Redirect::to(&format!("/referrals/{}", c.referrals[0])).into_response()
        }
        Ok(c) => Redirect::to(&format!("/contacts/{}", c.id)).into_response(),
        Err(AppError::Validation(errs)) => match state.app.view_contact(user, id).await {
            Ok(c) => contact_page(state, user, &c, d, &errs, &[]),
            Err(e) => page_error(e),
        },
        Err(e) => page_error(e),
    }
}

pub async fn link_child(
    State(state): State<AppState>,
    PageUser(user): PageUser,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    let id = match uuid_or_404(&id) {
        Ok(i) => i,
        Err(r) => return r,
    };
    let d = FormData::parse(&body);
    let r = if d.checked("create_from_form") || d.get("create_from_form") == "true" {
        let which = d.get("form_child").parse().unwrap_or(0);
        state.app.create_child_from_form(&user, id, which).await
    } else {
        match d.get("person_id").parse() {
            Ok(p) => state.app.link_contact_child(&user, id, p).await,
            Err(_) => Err(AppError::Validation(ValidationErrors::single(
                "person_id",
                "required",
                "Choose the child to link",
            ))),
        }
    };
    after(&state, &user, id, &d, r).await
}

/// Each child's own outcomes from the screening form (`child_outcomes.<person id>` checkboxes);
/// none when no child's box is ticked, so the contact's outcomes apply to every child.
fn child_outcomes(d: &FormData) -> Vec<ChildOutcomeInput> {
    let mut out: Vec<ChildOutcomeInput> = Vec::new();
    for (k, v) in &d.0 {
        let Some(id) = k
            .strip_prefix("child_outcomes.")
            .and_then(|id| id.parse().ok())
        else {
            continue;
        };
        match out.iter_mut().find(|c| c.person_id == id) {
            Some(c) => c.outcomes.push(v.clone()),
            None => out.push(ChildOutcomeInput {
                person_id: id,
                outcomes: vec![v.clone()],
            }),
        }
    }
    out
}

pub async fn conclude(
    State(state): State<AppState>,
    PageUser(user): PageUser,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    let id = match uuid_or_404(&id) {
        Ok(i) => i,
        Err(r) => return r,
    };
    let d = FormData::parse(&body);
    let input = ContactOutcomeInput {
        version: d.get("version").parse().unwrap_or(0),
        outcomes: d.all("outcomes"),
        child_outcomes: child_outcomes(&d),
        notes: d.get("notes").into(),
        feedback: d.get("feedback").into(),
    };
    let r = state.app.conclude_contact(&user, id, &input).await;
    after(&state, &user, id, &d, r).await
}
