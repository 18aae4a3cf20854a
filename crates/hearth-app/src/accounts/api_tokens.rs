//! API bearer tokens: each user lists and revokes their own; an administrator lists and revokes
//! anyone's (e.g. a leaked script token) without disabling the user.

use crate::read_row;
use hearth_domain::authz::GeneralAction;
use hearth_domain::errors::ValidationErrors;
use hearth_domain::ids::UserId;
use hearth_store::accounts::sessions::ApiTokenRow;
use hearth_store::audit::{AuditEntry, AuditOutcome};

use crate::accounts::auth::Principal;
use crate::error::{AppError, AppResult};
use crate::App;

/// A token id is 16 lower-case hex digits.
fn check_token_id(id: &str) -> AppResult<()> {
    if id.len() == 16
        && id
            .bytes()
            .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
    {
        Ok(())
    } else {
        Err(AppError::Validation(ValidationErrors::single(
            "id",
            "invalid_token_id",
            "A token id is the 16 hexadecimal digits shown in the token list",
        )))
    }
}

impl App {
    /// `owner`'s tokens (their own, or anyone's for an administrator); the listing is audited.
    #[tracing::instrument(skip_all, fields(owner = %owner))]
    pub async fn api_tokens(&self, p: &Principal, owner: UserId) -> AppResult<Vec<ApiTokenRow>> {
        if owner != p.user.id {
            self.allow(p, GeneralAction::ManageUsers).await?;
        }
        let now = self.clock.now();
        let mut tx = self.db.read().await?;
        tx.users().get(owner).await?;
        let rows = tx.sessions().api_tokens_of(owner).await?;
        let read_audit = read_row(now, token_entry(p, "api_token.list", owner, None));
        self.audited(tx, vec![read_audit]).await?;
        Ok(rows)
    }

    /// Revokes one token at once; a revoked token is refused from the next request.
    #[tracing::instrument(skip_all, fields(owner = %owner))]
    pub async fn revoke_api_token(&self, p: &Principal, owner: UserId, id: &str) -> AppResult<()> {
        if owner != p.user.id {
            self.allow(p, GeneralAction::ManageUsers).await?;
        }
        check_token_id(id)?;
        let now = self.clock.now();
        let mut tx = self.db.begin().await?;
        if !tx.sessions().revoke_api_token(owner, id, now).await? {
            return Err(AppError::NotFound);
        }
        tx.audit(now, token_entry(p, "api_token.revoke", owner, Some(id)))
            .await?;
        tx.commit().await?;
        Ok(())
    }
}

fn token_entry(p: &Principal, action: &'static str, owner: UserId, id: Option<&str>) -> AuditEntry {
    AuditEntry {
        user: Some(p.user.id),
        action,
        record_type: "user",
        record_id: Some(owner.to_string()),
        outcome: AuditOutcome::Success,
        detail: id.map(|i| format!("token={i}")),
    }
}
