//! What the assessment's record shows for the completion gate: its visits (with the people seen
//! at each), the views in people's own words, the agencies asked and answering, the analysis, and
//! the parents on the child's record. Built once for the view and for the manager's authorisation,
//! so the page shows what the gate will check.

use hearth_domain::assessment::{
    parents_on_record, GateEvidence, Section, Speaker, ViewKind, VisitEvidence,
};
use hearth_domain::authz::{CaseAccess, Read};
use hearth_domain::ids::PersonId;
use hearth_store::assessment::records::{AgencyRequestRow, ViewRow, VisitRow};
use hearth_store::Tx;
use uuid::Uuid;

use crate::error::AppResult;

/// The parents on the child's record, each with how to name them to a manager (a restricted
/// record is not named).
pub(crate) async fn parents_of(
    tx: &mut Tx,
    access: &CaseAccess<Read>,
) -> AppResult<Vec<(PersonId, String)>> {
    let rels = tx.relationships().of(access).await?;
    let ids = parents_on_record(access.person(), &rels);
    let summaries = tx.people_search().summaries(&ids).await?;
    Ok(ids
        .into_iter()
        .map(|id| {
            let name = summaries
                .iter()
                .find(|s| s.id == id)
                .filter(|s| !s.restricted)
                .map_or_else(
                    || "a parent whose record is restricted".to_string(),
                    |s| s.name.clone(),
                );
            (id, name)
        })
        .collect())
}

/// Whether the analysis section has any words in it.
pub(crate) async fn analysis_written(tx: &mut Tx, id: Uuid) -> AppResult<bool> {
    let analysis = tx
        .assessments()
        .section(id, Section::Analysis.code())
        .await?;
    Ok(analysis
        .and_then(|s| {
            serde_json::from_str::<std::collections::BTreeMap<String, String>>(&s.body).ok()
        })
        .is_some_and(|m| m.get("analysis").is_some_and(|t| !t.trim().is_empty())))
}

/// The gate's evidence from the rows already read.
pub(crate) fn gate_evidence(
    visits: &[&VisitRow],
    views: &[&ViewRow],
    agencies: &[&AgencyRequestRow],
    analysis_written: bool,
    parents: Vec<(PersonId, String)>,
) -> GateEvidence {
    let spoke = |speakers: &[Speaker]| {
        views
            .iter()
            .filter(|v| v.kind == ViewKind::ViewsAndWishes.code())
            .filter(|v| speakers.iter().any(|s| v.speaker == s.code()))
            .count()
    };
    GateEvidence {
        visits: visits
            .iter()
            .map(|v| VisitEvidence {
                child_seen: v.child_seen,
                seen_alone: v.seen_alone,
                home_seen: v.home_seen,
                bedroom_seen: v.bedroom_seen,
                all_children_considered: v.all_children_considered,
                people_seen: v.people_seen.iter().copied().map(PersonId).collect(),
            })
            .collect(),
        parents,
        child_views: spoke(&[Speaker::Child]),
        parent_views: spoke(&[Speaker::Mother, Speaker::Father, Speaker::ParentOrCarer]),
        agency_requests: agencies.len(),
        agency_replies: agencies.iter().filter(|r| r.response_on.is_some()).count(),
        analysis_written,
    }
}
