//! Server-side sessions and API tokens. Only SHA-256 hashes of tokens are stored, so a copy of the
//! database does not let anyone sign in.

use chrono::{DateTime, Utc};
use hearth_domain::ids::UserId;
use uuid::Uuid;

use crate::{on_tx, Result, Tx};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SessionRow {
    pub user_id: Uuid,
    pub csrf_token: String,
    pub created_at: DateTime<Utc>,
    pub last_seen_at: DateTime<Utc>,
    pub revoked_at: Option<DateTime<Utc>>,
}

/// Browser sessions and API tokens.
pub struct Sessions<'t>(&'t mut Tx);

impl Tx {
    /// Browser sessions and API tokens.
    pub fn sessions(&mut self) -> Sessions<'_> {
        Sessions(self)
    }
}

impl Sessions<'_> {
    pub async fn insert(
        &mut self,
        token_hash: &str,
        user: UserId,
        csrf: &str,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let sql = "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, last_seen_at) VALUES ($1, $2, $3, $4, $4)";
        on_tx!(self.0, c => sqlx::query(sql).bind(token_hash).bind(user.0).bind(csrf).bind(now).execute(&mut *c).await.map(|r| r.rows_affected()))?;
        Ok(())
    }

    pub async fn get(&mut self, token_hash: &str) -> Result<Option<SessionRow>> {
        let sql = "SELECT user_id, csrf_token, created_at, last_seen_at, revoked_at FROM sessions WHERE token_hash = $1";
        let row = on_tx!(self.0, c => sqlx::query_as::<_, SessionRow>(sql).bind(token_hash).fetch_optional(&mut *c).await)?;
        Ok(row)
    }

    pub async fn touch(&mut self, token_hash: &str, now: DateTime<Utc>) -> Result<()> {
        on_tx!(self.0, c => sqlx::query("UPDATE sessions SET last_seen_at = $1 WHERE token_hash = $2")
            .bind(now).bind(token_hash).execute(&mut *c).await.map(|r| r.rows_affected()))?;
        Ok(())
    }

    pub async fn revoke(&mut self, token_hash: &str, now: DateTime<Utc>) -> Result<()> {
        on_tx!(self.0, c => sqlx::query("UPDATE sessions SET revoked_at = $1 WHERE token_hash = $2 AND revoked_at IS NULL")
            .bind(now).bind(token_hash).execute(&mut *c).await.map(|r| r.rows_affected()))?;
        Ok(())
    }

    pub async fn revoke_all(&mut self, user: UserId, now: DateTime<Utc>) -> Result<()> {
        on_tx!(self.0, c => sqlx::query("UPDATE sessions SET revoked_at = $1 WHERE user_id = $2 AND revoked_at IS NULL")
            .bind(now).bind(user.0).execute(&mut *c).await.map(|r| r.rows_affected()))?;
        on_tx!(self.0, c => sqlx::query("UPDATE api_tokens SET revoked_at = $1 WHERE user_id = $2 AND revoked_at IS NULL")
            .bind(now).bind(user.0).execute(&mut *c).await.map(|r| r.rows_affected()))?;
        Ok(())
    }

    pub async fn insert_api_token(
        &mut self,
        token_hash: &str,
        user: UserId,
        label: &str,
        now: DateTime<Utc>,
        expires: DateTime<Utc>,
    ) -> Result<()> {
        let sql = "INSERT INTO api_tokens (token_hash, user_id, label, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)";
        on_tx!(self.0, c => sqlx::query(sql).bind(token_hash).bind(user.0).bind(label).bind(now).bind(expires).execute(&mut *c).await.map(|r| r.rows_affected()))?;
        Ok(())
    }

    /// The tokens of one user, newest first. A token's id is the first 16 hex digits of its
    /// hash: enough to name it, useless to sign in with.
    pub async fn api_tokens_of(&mut self, user: UserId) -> Result<Vec<ApiTokenRow>> {
        let sql =
            "SELECT substr(token_hash, 1, 16) AS id, label, created_at, expires_at, revoked_at \
                   FROM api_tokens WHERE user_id = $1 ORDER BY created_at DESC, token_hash";
        let rows = on_tx!(self.0, c => sqlx::query_as::<_, ApiTokenRow>(sql).bind(user.0).fetch_all(&mut *c).await)?;
        Ok(rows)
    }

    /// Revokes one of `user`'s tokens by id; `false` when there is no such live token.
    pub async fn revoke_api_token(
        &mut self,
        user: UserId,
        id: &str,
        now: DateTime<Utc>,
    ) -> Result<bool> {
        let sql = "UPDATE api_tokens SET revoked_at = $1 WHERE user_id = $2 \
                   AND substr(token_hash, 1, 16) = $3 AND revoked_at IS NULL";
        let n = on_tx!(self.0, c => sqlx::query(sql).bind(now).bind(user.0).bind(id)
            .execute(&mut *c).await.map(|r| r.rows_affected()))?;
        Ok(n > 0)
    }
}

/// An API token as its owner and administrators see it (never the token itself).
#[derive(Debug, Clone, serde::Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct ApiTokenRow {
    pub id: String,
    pub label: String,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub revoked_at: Option<DateTime<Utc>>,
}
