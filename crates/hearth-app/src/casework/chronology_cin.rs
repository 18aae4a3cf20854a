//! The child in need plan's events in the child's chronology: the plan agreed and ended, its
//! reviews and meetings, and each new version of a plan's outcomes and actions (child protection
//! and child in need).

use hearth_domain::authz::{CaseAccess, Read};
use hearth_domain::casework::chronology::{Entry, EventKind};
use hearth_domain::casework::plan_content::PlanKind;
use hearth_store::Tx;

use crate::error::AppResult;

fn entry(
    on: chrono::NaiveDate,
    kind: EventKind,
    summary: String,
    link: &str,
    significant: bool,
) -> Entry {
    Entry {
        on,
        at: None,
        kind,
        summary,
        significant,
        link: Some(link.to_string()),
    }
}

pub(crate) fn versions_of(
    out: &mut Vec<Entry>,
    versions: &[hearth_store::casework::plan_versions::PlanVersionRow],
    what: &str,
    link: &str,
    kind: EventKind,
) {
    for v in versions {
        let summary = if v.reason.is_empty() {
            format!(
                "{what}: outcomes and actions written (version {})",
                v.version
            )
        } else {
            format!("{what} changed (version {}): {}", v.version, v.reason)
        };
        out.push(entry(v.made_on, kind, summary, link, false));
    }
}

/// Every child in need plan event on the child's record, with its plan's versions (a child
/// protection plan's versions are read with the plan, in `chronology_protection`).
pub(crate) async fn cin_entries(tx: &mut Tx, access: &CaseAccess<Read>) -> AppResult<Vec<Entry>> {
    let child = access.person().0;
    let link = format!("/people/{child}/cin-plan");
    let mut out = Vec::new();
    for plan in tx.cin_plans().of_child(access).await? {
        if let Some(on) = plan.started_on {
            out.push(entry(
                on,
                EventKind::CinPlan,
                "Child in need plan started".into(),
                &link,
                true,
            ));
        }
        if let (Some(on), Some(r)) = (plan.ended_on, plan.end_reason) {
            out.push(entry(
                on,
                EventKind::CinPlan,
                format!("Child in need plan ended: {}", r.text()),
                &link,
                true,
            ));
        }
        for r in tx.cin_plans().reviews(plan.id).await? {
            out.push(entry(
                r.reviewed_on,
                EventKind::CinReview,
                format!("Child in need review: {}", r.outcome.text()),
                &link,
                true,
            ));
        }
        for m in tx.cin_plans().meetings(plan.id).await? {
            out.push(entry(
                m.held_on,
                EventKind::CinMeeting,
                m.kind.text().into(),
                &link,
                false,
            ));
        }
        let versions = tx
            .plan_versions()
            .of_plan(access, PlanKind::ChildInNeed, plan.id)
            .await?;
        versions_of(
            &mut out,
            &versions,
            "Child in need plan",
            &link,
            EventKind::CinPlan,
        );
    }
    Ok(out)
}
