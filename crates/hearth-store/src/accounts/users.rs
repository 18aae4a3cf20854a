//! Teams and users.

use chrono::{DateTime, Utc};
use hearth_domain::ids::{TeamId, UserId};
use hearth_domain::role::Role;
use serde::Serialize;
use uuid::Uuid;

use crate::{on_tx, Result, StoreError, Tx};

#[derive(Debug, Clone, Serialize)]
pub struct User {
    pub id: UserId,
    pub name: String,
    pub email: String,
    pub role: Role,
    pub team: TeamId,
    pub team_name: String,
    pub disabled: bool,
}

#[derive(sqlx::FromRow)]
struct UserRow {
    id: Uuid,
    name: String,
    email: String,
    role: String,
    team_id: Uuid,
    team_name: String,
    disabled: bool,
    password_hash: String,
}

impl UserRow {
    fn into_user(self) -> Result<(User, String)> {
        let role = Role::parse(&self.role).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        Ok((
            User {
                id: UserId(self.id),
                name: self.name,
                email: self.email,
                role,
                team: TeamId(self.team_id),
                team_name: self.team_name,
                disabled: self.disabled,
            },
            self.password_hash,
        ))
    }
}

const SELECT: &str =
    "SELECT u.id, u.name, u.email, u.role, u.team_id, t.name AS team_name, u.disabled, \
     u.password_hash FROM users u JOIN teams t ON t.id = u.team_id";

/// Users and teams.
pub struct Users<'t>(&'t mut Tx);

impl Tx {
    /// Users and teams.
    pub fn users(&mut self) -> Users<'_> {
        Users(self)
    }
}

impl Users<'_> {
    /// The team with this name, created if new.
    /// A team's name, if the team exists.
    pub async fn team_name(&mut self, id: Uuid) -> Result<Option<String>> {
        Ok(
            on_tx!(self.0, c => sqlx::query_scalar("SELECT name FROM teams WHERE id = $1")
            .bind(id).fetch_optional(&mut *c).await)?,
        )
    }

    pub async fn ensure_team(&mut self, name: &str, now: DateTime<Utc>) -> Result<TeamId> {
        let found: Option<Uuid> = on_tx!(self.0, c => sqlx::query_scalar("SELECT id FROM teams WHERE name = $1")
            .bind(name).fetch_optional(&mut *c).await)?;
        if let Some(id) = found {
            return Ok(TeamId(id));
        }
        let id = TeamId::new();
        on_tx!(self.0, c => sqlx::query("INSERT INTO teams (id, name, created_at) VALUES ($1, $2, $3)")
            .bind(id.0).bind(name).bind(now).execute(&mut *c).await.map(|r| r.rows_affected()))?;
        Ok(id)
    }

    pub async fn insert(
        &mut self,
        user: &User,
        password_hash: &str,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let sql = "INSERT INTO users (id, name, email, role, team_id, password_hash, disabled, created_at) \
                   VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";
        on_tx!(self.0, c => sqlx::query(sql)
            .bind(user.id.0).bind(&user.name).bind(user.email.to_lowercase()).bind(user.role.code())
            .bind(user.team.0).bind(password_hash).bind(user.disabled).bind(now)
            .execute(&mut *c).await.map(|r| r.rows_affected()))?;
        Ok(())
    }

    /// A user and their password hash, by email (case-insensitive).
    pub async fn by_email(&mut self, email: &str) -> Result<Option<(User, String)>> {
        let sql = format!("{SELECT} WHERE u.email = $1");
        let row = on_tx!(self.0, c => sqlx::query_as::<_, UserRow>(&sql)
            .bind(email.trim().to_lowercase()).fetch_optional(&mut *c).await)?;
        row.map(UserRow::into_user).transpose()
    }

    /// The user a live API token belongs to, in one query (the per-request lookup).
    pub async fn by_api_token(
        &mut self,
        token_hash: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<User>> {
        let sql = format!(
            "{SELECT} JOIN api_tokens k ON k.user_id = u.id \
             WHERE k.token_hash = $1 AND k.revoked_at IS NULL AND k.expires_at > $2"
        );
        let row = on_tx!(self.0, c => sqlx::query_as::<_, UserRow>(&sql).bind(token_hash).bind(now).fetch_optional(&mut *c).await)?;
        row.map(|r| r.into_user().map(|(u, _)| u)).transpose()
    }

    pub async fn get(&mut self, id: UserId) -> Result<User> {
        let sql = format!("{SELECT} WHERE u.id = $1");
        let row = on_tx!(self.0, c => sqlx::query_as::<_, UserRow>(&sql).bind(id.0).fetch_optional(&mut *c).await)?;
        Ok(row.ok_or(StoreError::NotFound)?.into_user()?.0)
    }

    /// The names of many users in one query (users are never deleted, so a missing one is
    /// simply absent from the map and the caller decides).
    pub async fn names(
        &mut self,
        ids: &[uuid::Uuid],
    ) -> Result<std::collections::HashMap<uuid::Uuid, String>> {
        let mut out = std::collections::HashMap::new();
        for batch in ids.chunks(crate::in_list::BATCH) {
            let sql = format!(
                "SELECT id, name FROM users WHERE id IN ({})",
                crate::in_list::marks(batch.len(), 0)
            );
            let rows: Vec<(uuid::Uuid, String)> = on_tx!(self.0, c => {
                let mut q = sqlx::query_as(&sql);
                for id in batch {
                    q = q.bind(*id);
                }
                q.fetch_all(&mut *c).await
            })?;
            out.extend(rows);
        }
        Ok(out)
    }

    pub async fn list(&mut self) -> Result<Vec<User>> {
        let sql = format!("{SELECT} ORDER BY u.name");
        let rows =
            on_tx!(self.0, c => sqlx::query_as::<_, UserRow>(&sql).fetch_all(&mut *c).await)?;
        rows.into_iter()
            .map(|r| r.into_user().map(|(u, _)| u))
            .collect()
    }

    /// Disables (or re-enables) a user; disabling revokes their sessions and tokens in the same
    /// transaction.
    pub async fn set_disabled(
        &mut self,
        id: UserId,
        disabled: bool,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let n = on_tx!(self.0, c => sqlx::query("UPDATE users SET disabled = $1 WHERE id = $2")
            .bind(disabled).bind(id.0).execute(&mut *c).await.map(|r| r.rows_affected()))?;
        if n == 0 {
            return Err(StoreError::NotFound);
        }
        if disabled {
            self.0.sessions().revoke_all(id, now).await?;
        }
        Ok(())
    }

    pub async fn count(&mut self) -> Result<i64> {
        let n: i64 = on_tx!(self.0, c => sqlx::query_scalar("SELECT COUNT(*) FROM users").fetch_one(&mut *c).await)?;
        Ok(n)
    }
}
