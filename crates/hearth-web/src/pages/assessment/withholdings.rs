//! On the assessment record: what the family's copy leaves out and why, the form to leave a part
//! out (third-party, domestic-abuse or serious-harm information), and putting a part back.

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::response::Response;
use hearth_app::accounts::auth::Principal;
use hearth_app::assessment::family_copy::part_label;
use hearth_app::assessment::types::{AssessmentView, RestoreInput, WithholdInput};
use hearth_app::AppError;
use hearth_domain::assessment::withholding::{WithheldPart, WithholdReason};
use hearth_domain::assessment::Section;
use hearth_domain::authz::{authorize, GeneralAction};
use hearth_domain::errors::ValidationErrors;
use hearth_domain::uk_time::format_uk;
use maud::{html, Markup};
use uuid::Uuid;

use crate::auth::PageUser;
use crate::pages::assessment::record::after;
use crate::pages::front_door::queue::uuid_or_404;
use crate::AppState;

use crate::forms::{choices, select, textarea, FormData};
use crate::layout::data_table;
use crate::pages::assessment::record::{form_start, Failed};

/// Every part of this assessment that can be left out, as (value, words): the value is
/// `{kind}:{reference}`, split again when the form is posted.
fn parts(a: &AssessmentView) -> Vec<(String, String)> {
    let mut out: Vec<WithheldPart> = Vec::new();
    out.extend(
        a.agency_requests
            .iter()
            .filter(|r| r.request.response.is_some())
            .map(|r| WithheldPart::AgencyReply(r.request.id)),
    );
    out.extend(a.views.iter().map(|v| WithheldPart::View(v.entry.id)));
    out.extend(a.visits.iter().map(|v| WithheldPart::Visit(v.visit.id)));
    out.extend(
        [
            Section::ChildDevelopment,
            Section::ParentingCapacity,
            Section::FamilyEnvironment,
        ]
        .map(WithheldPart::Domain),
    );
    out.push(WithheldPart::Analysis);
    out.into_iter()
        .map(|p| {
            (
                format!("{}:{}", p.kind().code(), p.reference().unwrap_or_default()),
                part_label(p, a),
            )
        })
        .collect()
}

pub(crate) fn withholdings_block(user: &Principal, a: &AssessmentView, f: &Failed<'_>) -> Markup {
    let empty = (FormData::default(), ValidationErrors::default());
    let (d, errs) = f.for_form("withhold", &empty);
    let (rd, re) = f.for_form("restore", &empty);
    let may_write = authorize(&user.actor(), GeneralAction::AssessmentWork).is_ok();
    let options = parts(a);
    let reasons: Vec<(&str, &str)> = WithholdReason::ALL
        .iter()
        .map(|r| (r.code(), r.text()))
        .collect();
    let in_force: Vec<(String, String)> = a
        .withholdings
        .iter()
        .filter(|w| w.restored_at.is_none())
        .map(|w| (w.id.to_string(), w.part_label.clone()))
        .collect();
    html! {
        h2 class="govuk-heading-m" id="family-copy" { "The family's copy" }
        p class="govuk-body" {
            a class="govuk-link" href={ "/assessments/" (a.id) "/family-copy" } { "Print the family's copy of this assessment" }
        }
        @if a.withholdings.is_empty() {
            p class="govuk-body" { "Nothing is left out of the family's copy." }
        } @else {
            (data_table("Left out of the family's copy", &["What", "Why", "Recorded", "Put back"], html! {
                @for w in &a.withholdings {
                    tr class="govuk-table__row" {
                        td class="govuk-table__cell" { (w.part_label) }
                        td class="govuk-table__cell" { (w.reason_label) br; span class="govuk-body-s" { (w.explanation) } }
                        td class="govuk-table__cell" { (w.withheld_by_name) br; span class="govuk-body-s" { (format_uk(w.withheld_at)) } }
                        td class="govuk-table__cell" {
                            @if let (Some(by), Some(at)) = (&w.restored_by_name, w.restored_at) {
                                (by) br; span class="govuk-body-s" { (format_uk(at)) }
                                @if let Some(why) = &w.restored_why { br; span class="govuk-body-s" { (why) } }
                            } @else { "Still left out" }
                        }
                    }
                }
            }))
        }
        @if may_write {
            details class="govuk-details" open[f.form == "withhold"] { // literal-ok: the form name on this page
                summary class="govuk-details__summary" { span class="govuk-details__summary-text" { "Leave something out of the family's copy" } }
                div class="govuk-details__text" {
                    p class="govuk-body" { "Leave out what is about another person who has not agreed to it being shared, or what could put someone at risk (for example a new address or a disclosure of domestic abuse). The family's copy says that some information is not included, but not what." }
                    form method="post" action={ "/assessments/" (a.id) "/family-copy/withholdings" } novalidate {
                        (form_start(user, "withhold"))
                        (select("part", "What to leave out", &options.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect::<Vec<_>>(), d, errs))
                        (choices("radio", "withhold_reason", "Why", None, &reasons, d, errs))
                        (textarea("explanation", "What is left out and why", Some("A manager or information governance may review this"), d, errs))
                        button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button" { "Leave it out" }
                    }
                }
            }
            @if !in_force.is_empty() {
                details class="govuk-details" open[f.form == "restore"] { // literal-ok: the form name on this page
                    summary class="govuk-details__summary" { span class="govuk-details__summary-text" { "Put something back into the family's copy" } }
                    div class="govuk-details__text" {
                        form method="post" action={ "/assessments/" (a.id) "/family-copy/restore" } novalidate {
                            (form_start(user, "restore"))
                            (select("withholding_id", "What to put back", &in_force.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect::<Vec<_>>(), rd, re))
                            (textarea("why", "Why it can now be shared", None, rd, re))
                            button type="submit" class="govuk-button govuk-button--secondary" data-module="govuk-button" { "Put it back" }
                        }
                    }
                }
            }
        }
    }
}

/// Leaves the chosen part out; the app's `part_kind` and `part_ref` problems are shown against the
/// one "What to leave out" list.
pub async fn withhold(
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
    let (kind, reference) = d.get("part").split_once(':').unwrap_or(("", ""));
    let input = WithholdInput {
        part_kind: kind.into(),
        part_ref: reference.into(),
        reason: d.get("withhold_reason").into(),
        explanation: d.get("explanation").into(),
    };
    let r = state
        .app
        .withhold_from_family_copy(&user, id, &input)
        .await
        .map_err(|e| match e {
            AppError::Validation(mut errs) => {
                for x in &mut errs.0 {
                    if x.field == "part_kind" || x.field == "part_ref" {
                        x.field = "part".into();
                    }
                    if x.field == "reason" {
                        x.field = "withhold_reason".into();
                    }
                }
                if errs
                    .0
                    .iter()
                    .any(|x| x.field == "part" && x.code == "unknown_code")
                {
                    errs.0
                        .retain(|x| !(x.field == "part" && x.code == "unknown_code"));
                    errs.add("part", "required", "Choose what to leave out");
                }
                AppError::Validation(errs)
            }
            other => other,
        });
    after(&state, &user, id, &d, "family-copy", r).await
}

/// Puts the chosen part back, with why it can now be shared.
pub async fn restore(
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
    let r = match d.get("withholding_id").parse::<Uuid>() {
        Ok(w) => {
            let input = RestoreInput {
                why: d.get("why").into(),
            };
            state.app.restore_to_family_copy(&user, id, w, &input).await
        }
        Err(_) => Err(AppError::Validation(ValidationErrors::single(
            "withholding_id",
            "required",
            "Choose what to put back",
        ))),
    };
    after(&state, &user, id, &d, "family-copy", r).await
}
