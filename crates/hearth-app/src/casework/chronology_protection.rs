//! The child protection events in the child's chronology: section 47 enquiries (start and
//! outcome), conferences held, plans started and ended, core group meetings and statutory visits.

use hearth_domain::authz::{CaseAccess, Read};
use hearth_domain::casework::chronology::{Entry, EventKind};
use hearth_domain::casework::plan_content::PlanKind;
use hearth_store::Tx;

use crate::error::AppResult;

fn entry(on: chrono::NaiveDate, kind: EventKind, summary: String, link: &str) -> Entry {
    Entry {
        on,
        at: None,
        kind,
        summary,
        significant: true,
        link: Some(link.to_string()),
    }
}

/// Every child protection event on the child's record, in no particular order.
pub(crate) async fn protection_entries(
    tx: &mut Tx,
    access: &CaseAccess<Read>,
) -> AppResult<Vec<Entry>> {
    let link = format!("/people/{}/child-protection", access.person().0);
    let mut out = Vec::new();
    for q in tx.enquiries().of_child(access).await? {
        out.push(entry(
            q.started_on,
            EventKind::Section47,
            "Section 47 enquiry started".into(),
            &link,
        ));
        if let (Some(on), Some(o)) = (q.concluded_on, q.outcome) {
            out.push(entry(
                on,
                EventKind::Section47,
                format!("Section 47 enquiry concluded: {}", o.text()),
                &link,
            ));
        }
    }
    for c in tx.conferences().of_child(access).await? {
        if let Some(on) = c.held_on {
            let decision = match (c.plan_decided, c.category, c.end_reason) {
                (Some(true), Some(cat), _) => format!("child protection plan ({})", cat.label()),
                (Some(true), None, _) => "the plan continues".to_string(),
                (_, _, Some(r)) => format!("the plan ends: {}", r.text()),
                _ => "no child protection plan".to_string(),
            };
            out.push(entry(
                on,
                EventKind::Conference,
                format!("{} held: {decision}", c.kind.text()),
                &link,
            ));
        }
    }
    for plan in tx.cp_plans().of_child(access).await? {
        let versions = tx
            .plan_versions()
            .of_plan(access, PlanKind::ChildProtection, plan.id)
            .await?;
        crate::casework::chronology_cin::versions_of(
            &mut out,
            &versions,
            "Child protection plan",
            &link,
            EventKind::ProtectionPlan,
        );
        out.push(entry(
            plan.started_on,
            EventKind::ProtectionPlan,
            format!(
                "Child protection plan started: {}",
                plan.initial_category.label()
            ),
            &link,
        ));
        if let (Some(on), Some(r)) = (plan.ended_on, plan.end_reason) {
            out.push(entry(
                on,
                EventKind::ProtectionPlan,
                format!("Child protection plan ended: {}", r.text()),
                &link,
            ));
        }
        for g in tx.cp_plans().core_groups(plan.id).await? {
            let mut e = entry(
                g.met_on,
                EventKind::CoreGroup,
                format!("Core group: {}", g.decisions),
                &link,
            );
            e.significant = false;
            out.push(e);
        }
    }
    for v in tx.cp_plans().visits(access).await? {
        let seen = match (v.child_seen, v.seen_alone) {
            (true, true) => "child seen, and seen alone",
            (true, false) => "child seen",
            _ => "child not seen",
        };
        let mut e = entry(
            v.visited_on,
            EventKind::Visit,
            format!("Statutory visit: {seen}"),
            &link,
        );
        e.significant = false;
        out.push(e);
    }
    Ok(out)
}
