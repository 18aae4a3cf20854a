//! Authorisation as the use cases ask for it: every refusal, at the role check or at the record,
//! leaves an audit row (committed in its own transaction) before the error returns, so the
//! information-governance lead can see each attempt that was turned away and why.

use hearth_domain::authz::{authorize, authorize_record, Denied, GeneralAction, RecordAction};
use hearth_domain::authz::{authorize_front_door, FrontDoorAccess};
use hearth_store::audit::{AuditEntry, AuditOutcome};
pub use hearth_store::record_people::RecordKind;

use crate::accounts::auth::Principal;
use crate::error::{AppError, AppResult};
use crate::App;

impl App {
    /// Whether `p`'s role allows `action`; a refusal is audited with its reason.
    pub async fn allow(&self, p: &Principal, action: GeneralAction) -> AppResult<()> {
        match authorize(&p.actor(), action) {
            Ok(()) => Ok(()),
            Err(d) => Err(self
                .refused(p, action.audit_code(), "system", None, d)
                .await),
        }
    }

    /// Front-door work as a capability: contact reads in the store demand it. A refusal is
    /// audited like any other.
    pub(crate) async fn front_door_desk(&self, p: &Principal) -> AppResult<FrontDoorAccess> {
        match authorize_front_door(&p.actor()) {
            Ok(desk) => Ok(desk),
            Err(d) => Err(self
                .refused(
                    p,
                    GeneralAction::FrontDoorWork.audit_code(),
                    "system",
                    None,
                    d,
                )
                .await),
        }
    }

    /// Audits a refusal in a transaction of its own and returns the error to answer with. The
    /// reason is one of the fixed sentences of `authz` (it never names a person).
    pub async fn refused(
        &self,
        p: &Principal,
        action: &'static str,
        record_type: &'static str,
        record_id: Option<String>,
        d: Denied,
    ) -> AppError {
        let now = self.clock.now();
        let entry = AuditEntry {
            user: Some(p.user.id),
            action,
            record_type,
            record_id,
            outcome: AuditOutcome::Denied,
            detail: Some(d.0.to_string()),
        };
        let result = async {
            let mut tx = self.db.begin().await?;
            tx.audit(now, entry).await?;
            tx.commit().await
        }
        .await;
        match result {
            Ok(()) => AppError::Denied(d),
            Err(e) => AppError::from(e),
        }
    }
}

/// What a route demands before its handler runs (checked at the edge, before the body is read,
/// so a refused caller learns nothing from validation and every refusal is audited the same way).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gate {
    /// Any signed-in user; the use case decides (e.g. your own tokens, your own forms).
    SignedIn,
    /// A role that may take this action.
    Action(GeneralAction),
    /// A referral form named by the path: its author, or (reading a submitted one) front-door
    /// staff.
    ReferralForm { write: bool },
    /// The action (if any), then `what` on the record named by the path (viewing, editing,
    /// its access log, its restriction), decided for each child the record is about.
    Record {
        action: Option<GeneralAction>,
        kind: RecordKind,
        what: RecordAction,
    },
}

/// The audit log's code for an attempt at `what` on a record of this kind.
fn record_action(kind: RecordKind, what: RecordAction) -> &'static str {
    match (kind, what) {
        (_, RecordAction::ViewAccessLog) => "person.access_log",
        (_, RecordAction::Restrict) => "person.restrict",
        (_, RecordAction::RecordConference) => "conference.record",
        (RecordKind::Person, RecordAction::View) => "person.view",
        (RecordKind::Person, RecordAction::Edit) => "person.update",
        (RecordKind::Contact, RecordAction::View) => "contact.view",
        (RecordKind::Contact, RecordAction::Edit) => "contact.update",
        (RecordKind::Referral, RecordAction::View) => "referral.view",
        (RecordKind::Referral, RecordAction::Edit) => "referral.update",
        (RecordKind::Episode, RecordAction::View) => "episode.view",
        (RecordKind::Episode, RecordAction::Edit) => "episode.update",
        (RecordKind::Assessment, RecordAction::View) => "assessment.view",
        (RecordKind::Assessment, RecordAction::Edit) => "assessment.update",
        (RecordKind::StrategyDiscussion, RecordAction::View) => "strategy-discussion.view",
        (RecordKind::StrategyDiscussion, RecordAction::Edit) => "strategy-discussion.update",
        (RecordKind::CaseNote, RecordAction::View) => "case-note.view",
        (RecordKind::CaseNote, RecordAction::Edit) => "case-note.update",
    }
}

impl App {
    /// Passes `p` through a route's gate; `record` is the id the path names (unparsable or
    /// unknown ids pass, for the handler to answer 404). The record's people are read on the
    /// reader side and each must allow the access.
    pub async fn pass_gate(
        &self,
        p: &Principal,
        gate: Gate,
        record: Option<&str>,
    ) -> AppResult<()> {
        let (action, kind, what) = match gate {
            Gate::SignedIn => return Ok(()),
            Gate::Action(a) => return self.allow(p, a).await,
            Gate::ReferralForm { write } => {
                self.allow(p, GeneralAction::SubmitReferral).await?;
                return match record.and_then(|r| r.parse::<uuid::Uuid>().ok()) {
                    Some(id) => self.referral_form_gate(p, id, write).await,
                    None => Ok(()),
                };
            }
            Gate::Record { action, kind, what } => (action, kind, what),
        };
        let actor = p.actor();
        // A contact may name several children; reading it shows a restricted child only as
        // existing (the use case redacts), so only changing it needs every child's record.
        let needs_record = !(kind == RecordKind::Contact && what == RecordAction::View);
        // The record's people with their facts (none when the path names no record or no such
        // record: the handler answers 404). A refusal is audited against the child, so their
        // access log shows every attempt on anything about them.
        let people = match record.and_then(|r| r.parse::<uuid::Uuid>().ok()) {
            Some(id) => {
                // One statement: no transaction needed.
                let mut tx = self.db.read_once().await?;
                let found = tx.record_people(kind, id).await?;
                tx.rollback().await?;
                found.unwrap_or_default()
            }
            None => Vec::new(),
        };
        let about = people.first().map(|(person, _)| person.to_string());
        if let Some(a) = action {
            if let Err(d) = authorize(&actor, a) {
                let record_type = if about.is_some() { "person" } else { "system" };
                return Err(self.refused(p, a.audit_code(), record_type, about, d).await);
            }
        }
        if !needs_record {
            return Ok(());
        }
        for (person, ctx) in &people {
            if let Err(d) = authorize_record(&actor, what, ctx) {
                return Err(self
                    .refused(
                        p,
                        record_action(kind, what),
                        "person",
                        Some(person.to_string()),
                        d,
                    )
                    .await);
            }
        }
        Ok(())
    }
}
