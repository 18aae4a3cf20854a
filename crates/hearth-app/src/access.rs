//! Authorisation as the use cases ask for it: every refusal, at the role check or at the record,
//! leaves an audit row (committed in its own transaction) before the error returns, so the
//! information-governance lead can see each attempt that was turned away and why.

use hearth_domain::authz::{authorize, Denied, GeneralAction};
use hearth_store::audit::{AuditEntry, AuditOutcome};

use crate::auth::Principal;
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
