//! The family's copy of the assessment: what the worker leaves out of it (third-party or
//! domestic-abuse information, or what would cause serious harm), recorded with what and why, and
//! the copy itself with those parts taken out.

use hearth_domain::assessment::withholding::{
    check_withholding, is_withheld, WithheldKind, WithheldPart, WithholdReason,
};
use hearth_domain::assessment::Section;
use hearth_domain::errors::ValidationErrors;
use hearth_store::assessment::withholdings::WithholdingRow;
use hearth_store::Tx;
use uuid::Uuid;

use crate::accounts::auth::Principal;
use crate::assessment::lifecycle::{a_entry, invalid, name_of};
use crate::assessment::types::*;
use crate::error::{AppError, AppResult};
use crate::App;

/// What the family's copy leaves out, as the record shows it.
pub(crate) async fn withholding_views(
    tx: &mut Tx,
    view: &AssessmentView,
) -> AppResult<Vec<WithholdingView>> {
    let mut out = Vec::new();
    for w in tx.withholdings().of_assessment(view.id).await? {
        out.push(WithholdingView {
            id: w.id,
            part_kind: w.part.kind().code().into(),
            part_ref: w.part.reference(),
            part_label: part_label(w.part, view),
            reason: w.reason.code().into(),
            reason_label: w.reason.text().into(),
            explanation: w.explanation,
            withheld_by_name: name_of(tx, Some(w.withheld_by)).await?,
            withheld_at: w.withheld_at,
            restored_by_name: match w.restored_by {
                Some(u) => Some(name_of(tx, Some(u)).await?),
                None => None,
            },
            restored_at: w.restored_at,
            restored_why: w.restored_why,
        });
    }
    Ok(out)
}

/// The part in words, naming the record it is: "An agency's reply: Oak Primary (asked 23 Nov)".
pub fn part_label(part: WithheldPart, view: &AssessmentView) -> String {
    let kind = part.kind().text();
    let which = match part {
        WithheldPart::AgencyReply(id) => view
            .agency_requests
            .iter()
            .find(|r| r.request.id == id)
            .map(|r| r.request.agency.clone()),
        WithheldPart::View(n) => view
            .views
            .iter()
            .find(|v| v.entry.id == n)
            .map(|v| format!("{} ({})", v.speaker_label, v.kind_label.to_lowercase())),
        WithheldPart::Visit(id) => view.visits.iter().find(|v| v.visit.id == id).map(|v| {
            hearth_domain::uk_time::format_date(v.visit.visit_date) + ": " + &v.visit.who_was_seen
        }),
        WithheldPart::Domain(s) => Some(s.text().to_string()),
        WithheldPart::Analysis => None,
    };
    match which {
        Some(w) => format!("{kind}: {w}"),
        None => kind.to_string(),
    }
}

/// The parts still left out.
fn in_force(rows: &[WithholdingView]) -> Vec<WithheldPart> {
    rows.iter()
        .filter(|w| w.restored_at.is_none())
        .filter_map(|w| {
            let kind = WithheldKind::parse(&w.part_kind).ok()?;
            WithheldPart::parse(kind, w.part_ref.as_deref()).ok()
        })
        .collect()
}

/// Takes the parts left out out of the view, and the record of what was left out and why (which
/// is for the worker and reviewers, never for the family).
pub(crate) fn redact_for_family(mut view: AssessmentView) -> AssessmentView {
    let out = in_force(&view.withholdings);
    view.family_copy_leaves_out = !out.is_empty();
    view.agency_requests
        .retain(|r| !is_withheld(WithheldPart::AgencyReply(r.request.id), &out));
    view.views
        .retain(|v| !is_withheld(WithheldPart::View(v.entry.id), &out));
    view.visits
        .retain(|v| !is_withheld(WithheldPart::Visit(v.visit.id), &out));
    for s in &mut view.sections {
        let Ok(section) = Section::parse(&s.section) else {
            continue;
        };
        let domain_out = is_withheld(WithheldPart::Domain(section), &out);
        let analysis_out =
            section == Section::Analysis && is_withheld(WithheldPart::Analysis, &out);
        if domain_out || analysis_out {
            s.fields.clear();
        }
    }
    view.withholdings.clear();
    view
}

impl App {
    /// Leaves a part out of the family's copy, recording what and why (audited). A part already
    /// left out is refused as such; the part must be on this assessment.
    #[tracing::instrument(skip_all, fields(id = %id))]
    pub async fn withhold_from_family_copy(
        &self,
        p: &Principal,
        id: Uuid,
        input: &WithholdInput,
    ) -> AppResult<AssessmentView> {
        let now = self.clock.now();
        let (mut tx, a, access) = self
            .assessment_for_write(p, id, "assessment.family-copy.withhold")
            .await?;
        let mut e = ValidationErrors::default();
        let kind = WithheldKind::parse(&input.part_kind)
            .map_err(|m| e.add("part_kind", "unknown_code", m))
            .ok();
        let reason = WithholdReason::parse(&input.reason)
            .map_err(|m| e.add("reason", "unknown_code", m))
            .ok();
        if let Err(more) = check_withholding(&input.explanation) {
            e.0.extend(more.0);
        }
        let part = kind.and_then(|k| {
            WithheldPart::parse(k, Some(input.part_ref.as_str()).filter(|r| !r.is_empty()))
                .map_err(|m| e.add("part_ref", "required", m))
                .ok()
        });
        let (Some(part), Some(reason)) = (part, reason) else {
            return Err(AppError::Validation(e));
        };
        let current = self.assessment_view(&mut tx, &access, a.clone()).await?;
        let on_record = match part {
            WithheldPart::AgencyReply(r) => {
                current.agency_requests.iter().any(|x| x.request.id == r)
            }
            WithheldPart::View(n) => current.views.iter().any(|x| x.entry.id == n),
            WithheldPart::Visit(v) => current.visits.iter().any(|x| x.visit.id == v),
            WithheldPart::Domain(_) | WithheldPart::Analysis => true,
        };
        if !on_record {
            e.add(
                "part_ref",
                "not_on_record",
                "That record is not part of this assessment",
            );
        }
        e.into_result(())?;
        let row = WithholdingRow {
            id: Uuid::new_v4(),
            assessment_id: id,
            part,
            reason,
            explanation: input.explanation.trim().into(),
            withheld_by: p.user.id.0,
            withheld_at: now,
            restored_by: None,
            restored_at: None,
            restored_why: None,
        };
        if !tx.withholdings().insert(&row).await? {
            return Err(invalid(
                "part_ref",
                "already_withheld",
                "That part is already left out of the family's copy",
            ));
        }
        tx.audit_about(
            now,
            a.person_id,
            a_entry(
                p,
                "assessment.family-copy.withhold",
                id,
                Some(format!(
                    "part={} reason={}",
                    part.kind().code(),
                    reason.code()
                )),
            ),
        )
        .await?;
        self.finish_assessment(tx, &access, id).await
    }

    /// Puts a part back into the family's copy; the record keeps that it was left out (audited).
    #[tracing::instrument(skip_all, fields(id = %id))]
    pub async fn restore_to_family_copy(
        &self,
        p: &Principal,
        id: Uuid,
        withholding: Uuid,
        input: &RestoreInput,
    ) -> AppResult<AssessmentView> {
        let now = self.clock.now();
        let mut e = ValidationErrors::default();
        if input.why.trim().is_empty() {
            e.add(
                "why",
                "required",
                "Say why this can now be shared with the family",
            );
        }
        hearth_domain::limits::check_narrative(&mut e, "why", "The reason", input.why.trim());
        e.into_result(())?;
        let (mut tx, a, access) = self
            .assessment_for_write(p, id, "assessment.family-copy.restore")
            .await?;
        if !tx
            .withholdings()
            .restore(id, withholding, p.user.id.0, now, input.why.trim())
            .await?
        {
            return Err(AppError::NotFound);
        }
        tx.audit_about(
            now,
            a.person_id,
            a_entry(p, "assessment.family-copy.restore", id, None),
        )
        .await?;
        self.finish_assessment(tx, &access, id).await
    }
}
