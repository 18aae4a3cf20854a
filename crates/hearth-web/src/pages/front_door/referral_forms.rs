//! The multi-agency referral form for partners and staff: a list of one's own referrals, the form
//! (saved as a draft as the user types, with a "Save draft" button that works without
//! JavaScript), submission with the acknowledgement, and the feedback given afterwards.

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use hearth_app::accounts::auth::Principal;
use hearth_app::front_door::types::ReferralFormView;
use hearth_app::AppError;
use hearth_domain::codes::{Ethnicity, ReferralSource, Sex};
use hearth_domain::errors::ValidationErrors;
use hearth_domain::front_door::form_child::{FormChild, MAX_OTHER_CHILDREN};
use hearth_domain::front_door::states::ReferralFormState;
use hearth_domain::role::Role;
use hearth_domain::uk_time::format_uk;
use maud::{html, Markup};
use uuid::Uuid;

use crate::auth::PageUser;
use crate::errors::page_error;
use crate::forms::{choices, csrf, date_input, select, textarea, FormData, Input};
use crate::layout::{data_table, error_summary, success_banner};
use crate::pages::front_door::referral_form_data::{anchor, from_form_data, to_form_data};
use crate::pages::render;
use crate::AppState;

/// A code list's options: words only for a partner, who never needs a census code ("2A",
/// "WBRI"); words first and the code in brackets for staff.
fn codes<T: Copy>(
    all: &[T],
    code: impl Fn(T) -> &'static str,
    label: impl Fn(T) -> &'static str,
    staff: bool,
) -> Vec<(String, String)> {
    all.iter()
        .map(|v| {
            let words = if staff {
                format!("{} ({})", label(*v), code(*v))
            } else {
                label(*v).to_string()
            };
            (code(*v).to_string(), words)
        })
        .collect()
}

fn refs(v: &[(String, String)]) -> Vec<(&str, &str)> {
    v.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect()
}

/// The further children of the household, one fieldset each with its "Remove" button, and
/// "Add another child" (GOV.UK "add another", without JavaScript: each button saves the draft
/// and shows the form again).
fn other_children(
    count: usize,
    sexes: &[(String, String)],
    ethnicities: &[(String, String)],
    d: &FormData,
    errs: &ValidationErrors,
) -> Markup {
    let too_many = errs.for_field("other_children");
    html! {
        div class={ "govuk-form-group" @if too_many.is_some() { " govuk-form-group--error" } } id="other_children" {
            h2 class="govuk-heading-m" { "Other children in the household" }
            p class="govuk-body" { "If the referral is also about brothers, sisters or other children of the same household, add each of them. The address, the family and your concerns are shared; give each child's own details." }
            @if let Some(e) = too_many {
                p id="other_children-error" class="govuk-error-message" { span class="govuk-visually-hidden" { "Error: " } (e.message) }
            }
            @for i in 0..count {
                @let f = |k: &str| format!("other_children[{i}].{k}");
                @let (given, family, aliases, dob, edd, sex, gender, ethnicity, comms, disability) = (f("child_given_names"), f("child_family_name"), f("child_aliases"), f("child_date_of_birth"), f("child_expected_date_of_delivery"), f("child_sex"), f("child_gender_identity"), f("ethnicity"), f("communication_needs"), f("disability"));
                @let who = format!("Child {}", i + 2);
                fieldset class="govuk-fieldset govuk-!-margin-bottom-6" {
                    legend class="govuk-fieldset__legend govuk-fieldset__legend--m" { h3 class="govuk-fieldset__heading" { (who) } }
                    (Input::new(&given, "Given names").hint("For an unborn baby, write Unborn").render(d, errs))
                    (Input::new(&family, "Family name").render(d, errs))
                    (Input::new(&aliases, "Other names the child is known by (optional)").render(d, errs))
                    (date_input(&dob, "Date of birth", "For example, 4 3 2018", d, errs))
                    (date_input(&edd, "Expected date of delivery, if the child is unborn", "For example, 14 2 2027", d, errs))
                    (select(&sex, "Sex", &refs(sexes), d, errs))
                    (Input::new(&gender, "Gender identity, if different (optional)").render(d, errs))
                    (select(&ethnicity, "Ethnicity", &refs(ethnicities), d, errs))
                    (textarea(&comms, "Communication needs (optional)", None, d, errs))
                    (textarea(&disability, "Disability (optional)", None, d, errs))
                    button type="submit" name="remove_child" value=(i) class="govuk-button govuk-button--warning" data-module="govuk-button" { "Remove" span class="govuk-visually-hidden" { " " (who.to_lowercase()) } }
                }
            }
            @if count < MAX_OTHER_CHILDREN {
                button type="submit" name="action" value="add-child" class="govuk-button govuk-button--secondary" data-module="govuk-button" {
                    "Add another child"
                }
            } @else {
                p class="govuk-inset-text" { "One referral can name at most " (MAX_OTHER_CHILDREN + 1) " children. Refer any others on another form." }
            }
        }
    }
}

fn form_page(
    state: &AppState,
    user: &Principal,
    v: &ReferralFormView,
    d: &FormData,
    errs: &ValidationErrors,
    saved: bool,
) -> Response {
    let staff = user.user.role != Role::PartnerReferrer;
    let sources = codes(
        ReferralSource::ALL,
        ReferralSource::code,
        ReferralSource::label,
        staff,
    );
    let sexes = codes(Sex::ALL, Sex::code, Sex::label, staff);
    let ethnicities = codes(Ethnicity::ALL, Ethnicity::code, Ethnicity::label, staff);
    let consent = [
        (
            "given",
            "Given – to the referral and to enquiries with other agencies",
        ),
        ("refused", "Refused"),
        ("not-sought", "Not sought"),
    ];
    let content = html! {
        a class="govuk-back-link" href="/referral-forms" { "Back to your referrals" }
        (error_summary(errs, anchor))
        @if saved { (success_banner("Your draft is saved. You can come back to it at any time from your referrals.")) }
        span class="govuk-caption-l" { "Reference " (v.reference) }
        h1 class="govuk-heading-l" { "Refer a child to children's social care" }
        div class="govuk-warning-text" {
            span class="govuk-warning-text__icon" aria-hidden="true" { "!" }
            strong class="govuk-warning-text__text" { span class="govuk-visually-hidden" { "Warning" } "If a child is in immediate danger, call 999 now. Then complete this form." }
        }
        p class="govuk-body" { "Give as much as you can. Your draft is saved as you type, and when you press \u{201c}Save draft\u{201d}." }
        p class="govuk-body-s" id="autosave-status" role="status" aria-live="polite" { "Last saved " (format_uk(v.updated_at)) }
        form method="post" action={ "/referral-forms/" (v.id) } novalidate data-autosave-url={ "/api/v1/referral-forms/" (v.id) } data-draft-key={ "marf-" (v.id) } {
            (csrf(user.csrf.as_ref()))
            input type="hidden" name="version" value=(v.version);
            // Pressing Enter in a box saves the draft: the first submit button is the form's
            // default, and it must not be a child's "Remove".
            button type="submit" name="action" value="save" class="govuk-visually-hidden" tabindex="-1" aria-hidden="true" { "Save draft" }
            h2 class="govuk-heading-m" { "About you" }
            (Input::new("referrer_name", "Your name").autocomplete("name").render(d, errs))
            (Input::new("referrer_role", "Your role").render(d, errs))
            (Input::new("referrer_agency", "Your agency or organisation").render(d, errs))
            (Input::new("referrer_phone", "Telephone").kind("tel").class("govuk-input--width-20").render(d, errs))
            (Input::new("referrer_email", "Email").kind("email").render(d, errs))
            (select("source", "Which kind of referrer are you?", &refs(&sources), d, errs))
            h2 class="govuk-heading-m" { "The child" }
            (Input::new("child_given_names", "Given names").hint("For an unborn baby, write Unborn").render(d, errs))
            (Input::new("child_family_name", "Family name").render(d, errs))
            (Input::new("child_aliases", "Other names the child is known by (optional)").hint("Separate names with commas").render(d, errs))
            (date_input("child_date_of_birth", "Date of birth", "For example, 4 3 2018", d, errs))
            (date_input("child_expected_date_of_delivery", "Expected date of delivery, if the child is unborn", "For example, 14 2 2027", d, errs))
            (select("child_sex", "Sex", &refs(&sexes), d, errs))
            (Input::new("child_gender_identity", "Gender identity, if different (optional)").render(d, errs))
            (textarea("child_address", "Current home address", None, d, errs))
            (Input::new("child_telephone", "Home telephone (optional)").kind("tel").class("govuk-input--width-20").render(d, errs))
            (select("ethnicity", "Ethnicity", &refs(&ethnicities), d, errs))
            (Input::new("first_language", "First language of the child and parents").render(d, errs))
            (textarea("communication_needs", "Communication needs (optional)", Some("For example an interpreter, signing or a communication aid"), d, errs))
            (textarea("disability", "Disability (optional)", None, d, errs))
            (other_children(v.form.other_children.len(), &sexes, &ethnicities, d, errs))
            h2 class="govuk-heading-m" { "Family and people involved" }
            (textarea("parents_and_carers", "People with parental responsibility and other carers", Some("Names, addresses and how they are related to the child"), d, errs))
            (textarea("siblings_and_others", "Brothers, sisters and other significant people", None, d, errs))
            (textarea("professionals_involved", "Other professionals or agencies involved", Some("Names and contact details"), d, errs))
            (textarea("support_given", "Support already given by your agency or others", None, d, errs))
            h2 class="govuk-heading-m" { "Consent" }
            (choices("radio", "consent", "Have the parents or young person consented to this referral and to enquiries with other agencies?", Some("Seek consent unless doing so would put the child at risk of significant harm"), &consent, d, errs))
            (textarea("consent_why", "If consent was refused or not sought, why?", None, d, errs))
            (textarea("family_expectations", "What do the family expect from children's social care? (if known)", None, d, errs))
            h2 class="govuk-heading-m" { "Your concerns" }
            p class="govuk-body" { "Be as specific as you can, under the assessment framework's three domains." }
            (textarea("concerns_child_development", "The child's developmental needs", Some("Health, education, emotional and behavioural development, identity, relationships, presentation, self-care"), d, errs))
            (textarea("concerns_parenting_capacity", "Parenting capacity", Some("Basic care, safety, warmth, stimulation, guidance and boundaries, stability"), d, errs))
            (textarea("concerns_family_environment", "Family and environmental factors", Some("Family history, wider family, housing, work, income, community"), d, errs))
            (textarea("referrer_expects", "What do you expect children's social care to do?", None, d, errs))
            (choices("checkbox", "immediate_risk", "Urgency", None, &[("true", "I believe the child may need protecting today")], d, errs))
            div class="govuk-button-group" {
                button type="submit" name="action" value="submit" class="govuk-button" data-module="govuk-button" { "Send referral" }
                button type="submit" name="action" value="save" class="govuk-button govuk-button--secondary" data-module="govuk-button" { "Save draft" }
            }
        }
    };
    render(
        state,
        user,
        "Refer a child",
        "referrals",
        !errs.is_empty(),
        content,
    )
}

/// Each named child with their own outcome, as a list.
fn child_outcomes(v: &ReferralFormView) -> Markup {
    html! {
        ul class="govuk-list" {
            @for c in &v.child_outcomes {
                li { strong { (c.child) ": " } (c.outcome) }
            }
        }
    }
}

fn submitted_page(state: &AppState, user: &Principal, v: &ReferralFormView) -> Response {
    let f = &v.form;
    let content = html! {
        a class="govuk-back-link" href="/referral-forms" { "Back to your referrals" }
        @if let Some(ack) = &v.acknowledgement {
            div class="govuk-panel govuk-panel--confirmation" {
                h1 class="govuk-panel__title" { "Referral sent" }
                div class="govuk-panel__body" { "Your reference" br; strong { (v.reference) } }
            }
            p class="govuk-body" { (ack) }
        }
        h2 class="govuk-heading-m" { "Feedback from children's social care" }
        @if v.feedback.is_empty() {
            p class="govuk-body" { "No feedback yet. The front door will tell you the outcome." }
        } @else {
            @for item in &v.feedback {
                div class="govuk-inset-text" {
                    p class="govuk-body-s" { (format_uk(item.given_at)) }
                    p class="govuk-body" { (item.text) }
                }
            }
        }
        @if v.child_outcomes.len() > 1 {
            h2 class="govuk-heading-m" { "Each child's outcome" }
            (child_outcomes(v))
        }
        h2 class="govuk-heading-m" { "What you sent" }
        dl class="govuk-summary-list" {
            @for (i, c) in f.children().iter().enumerate() {
                div class="govuk-summary-list__row" {
                    dt class="govuk-summary-list__key" { @if i == 0 { "Child" } @else { "Child " (i + 1) } }
                    dd class="govuk-summary-list__value" {
                        (c.name())
                        @if !c.child_date_of_birth.is_empty() { br; "Date of birth: " (c.child_date_of_birth) }
                        @if !c.child_expected_date_of_delivery.is_empty() { br; "Expected date of delivery: " (c.child_expected_date_of_delivery) }
                    }
                }
            }
            @for (k, val) in [("Address", f.child_address.clone()), ("Consent", f.consent.clone()), ("Concerns", f.concerns_summary()), ("You expect", f.referrer_expects.clone())] {
                div class="govuk-summary-list__row" {
                    dt class="govuk-summary-list__key" { (k) }
                    dd class="govuk-summary-list__value" { (val) }
                }
            }
        }
    };
    render(state, user, "Your referral", "referrals", false, content)
}

pub async fn list(State(state): State<AppState>, PageUser(user): PageUser) -> Response {
    let forms = match state.app.my_referral_forms(&user).await {
        Ok(f) => f,
        Err(e) => return page_error(e),
    };
    let content = html! {
        h1 class="govuk-heading-l" { "Your referrals" }
        form method="post" action="/referral-forms/new" {
            (csrf(user.csrf.as_ref()))
            button type="submit" class="govuk-button" data-module="govuk-button" { "Start a new referral" }
        }
        @if forms.is_empty() {
            p class="govuk-body" { "You have not started any referrals." }
        } @else {
            (data_table("Referrals you started", &["Reference", "Child", "Status", "Last change", "Outcome and what happens next"], html! {
                @for f in &forms {
                    tr class="govuk-table__row" {
                        td class="govuk-table__cell" { a class="govuk-link" href={ "/referral-forms/" (f.id) } { (f.reference) } }
                        td class="govuk-table__cell" { (f.form.children_names()) }
                        td class="govuk-table__cell" {
                            // Once the front door has fed back, the referral is decided, not merely sent.
                            @if let Some(last) = f.feedback.last() {
                                strong class="govuk-tag govuk-tag--green" { "Decided" } " " (format_uk(last.given_at))
                            } @else {
                                strong class={ "govuk-tag" @if f.status == ReferralFormState::Draft { " govuk-tag--grey" } } { (f.status.label()) }
                            }
                        }
                        td class="govuk-table__cell" { (format_uk(f.updated_at)) }
                        td class="govuk-table__cell" {
                            @if f.child_outcomes.len() > 1 { (child_outcomes(f)) }
                            @else if let Some(last) = f.feedback.last() { (last.text) }
                            @else if f.status == ReferralFormState::Draft { "Not sent yet" }
                            @else { "Waiting for the front door's decision" }
                        }
                    }
                }
            }))
        }
    };
    render(&state, &user, "Your referrals", "referrals", false, content)
}

pub async fn start(State(state): State<AppState>, PageUser(user): PageUser) -> Response {
    match state.app.start_referral_form(&user).await {
        Ok(v) => Redirect::to(&format!("/referral-forms/{}", v.id)).into_response(),
        Err(e) => page_error(e),
    }
}

fn id_of(s: &str) -> Result<Uuid, Response> {
    s.parse().map_err(|_| page_error(AppError::NotFound))
}

pub async fn show(
    State(state): State<AppState>,
    PageUser(user): PageUser,
    Path(id): Path<String>,
) -> Response {
    let id = match id_of(&id) {
        Ok(i) => i,
        Err(r) => return r,
    };
    match state.app.view_referral_form(&user, id).await {
        Ok(v) if v.status == ReferralFormState::Draft => form_page(
            &state,
            &user,
            &v,
            &to_form_data(&v.form),
            &ValidationErrors::default(),
            false,
        ),
        Ok(v) => submitted_page(&state, &user, &v),
        Err(e) => page_error(e),
    }
}

pub async fn save(
    State(state): State<AppState>,
    PageUser(user): PageUser,
    Path(id): Path<String>,
    body: Bytes,
) -> Response {
    let id = match id_of(&id) {
        Ok(i) => i,
        Err(r) => return r,
    };
    let d = FormData::parse(&body);
    let mut form = from_form_data(&d);
    let version: i64 = d.get("version").parse().unwrap_or(0);
    let submit = d.get("action") == "submit";
    // "Add another child" and "Remove" save the draft with one child more or fewer.
    let remove: Option<usize> = d.get("remove_child").parse().ok();
    let add = d.get("action") == "add-child";
    if let Some(i) = remove.filter(|i| *i < form.other_children.len()) {
        form.other_children.remove(i);
    }
    if add {
        form.other_children.push(FormChild::default());
    }
    let reshaped = add || remove.is_some();
    let d = if reshaped { to_form_data(&form) } else { d };
    let current = match state.app.view_referral_form(&user, id).await {
        Ok(v) => v,
        Err(e) => return page_error(e),
    };
    let result = if submit {
        state
            .app
            .submit_referral_form(&user, id, version, &form)
            .await
            .map(|_| None)
    } else {
        state
            .app
            .save_referral_form(&user, id, version, &form)
            .await
            .map(|s| Some(s.version))
    };
    match result {
        Ok(None) => Redirect::to(&format!("/referral-forms/{id}")).into_response(),
        Ok(Some(new_version)) => {
            let v = ReferralFormView {
                version: new_version,
                form,
                ..current
            };
            form_page(
                &state,
                &user,
                &v,
                &d,
                &ValidationErrors::default(),
                !reshaped,
            )
        }
        Err(AppError::Validation(errs)) => {
            let v = ReferralFormView { form, ..current };
            form_page(&state, &user, &v, &d, &errs, false)
        }
        Err(AppError::Stale { current: now_at }) => {
            // Saved elsewhere (another tab): keep what was typed, explain, and let them save over it knowingly.
            let errs = ValidationErrors::single("version", "edit_conflict", format!("This draft was saved in another window since you opened it (it is now at version {now_at}). What you typed is below and has not been lost: check it and save again."));
            let v = ReferralFormView {
                version: now_at,
                form,
                ..current
            };
            form_page(&state, &user, &v, &d, &errs, false)
        }
        Err(e) => page_error(e),
    }
}
