//! The audit log: append-only (triggers refuse UPDATE and DELETE), written in the same transaction
//! as the action it records.

use chrono::{DateTime, Utc};
use hearth_domain::authz::{CaseAccess, Read};
use hearth_domain::ids::UserId;
use serde::Serialize;
use uuid::Uuid;

use crate::{on_tx, Result, Tx};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum AuditOutcome {
    Success,
    Denied,
    Failed,
}

impl AuditOutcome {
    fn code(self) -> &'static str {
        match self {
            AuditOutcome::Success => "success",
            AuditOutcome::Denied => "denied",
            AuditOutcome::Failed => "failed",
        }
    }
}

/// One row to append. `detail` never holds free text typed about a person; ids and field names only.
#[derive(Debug, Clone)]
pub struct AuditEntry {
    pub user: Option<UserId>,
    pub action: &'static str,
    pub record_type: &'static str,
    pub record_id: Option<String>,
    pub outcome: AuditOutcome,
    pub detail: Option<String>,
}

/// A stored row, with the user's name for display.
#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct AuditRow {
    pub id: i64,
    pub at: DateTime<Utc>,
    pub user_id: Option<Uuid>,
    pub user_name: Option<String>,
    pub user_role: Option<String>,
    pub action: String,
    pub record_type: String,
    pub record_id: Option<String>,
    pub outcome: String,
    pub detail: Option<String>,
}

const SELECT: &str = "SELECT a.id, a.at, a.user_id, u.name AS user_name, u.role AS user_role, a.action, \
     a.record_type, a.record_id, a.outcome, a.detail FROM audit_log a LEFT JOIN users u ON u.id = a.user_id";

impl Tx {
    pub async fn audit(&mut self, at: DateTime<Utc>, e: AuditEntry) -> Result<()> {
        let sql =
            "INSERT INTO audit_log (at, user_id, action, record_type, record_id, outcome, detail) \
                   VALUES ($1, $2, $3, $4, $5, $6, $7)";
        let user = e.user.map(|u| u.0);
        on_tx!(self, c => sqlx::query(sql)
            .bind(at).bind(user).bind(e.action).bind(e.record_type)
            .bind(&e.record_id).bind(e.outcome.code()).bind(&e.detail)
            .execute(&mut *c).await.map(|r| r.rows_affected()))?;
        Ok(())
    }

    /// Writes an audit row about a record that concerns `person` (an assessment, a referral), so
    /// the person's access log shows it.
    pub async fn audit_about(
        &mut self,
        at: DateTime<Utc>,
        person: uuid::Uuid,
        e: AuditEntry,
    ) -> Result<()> {
        let sql = "INSERT INTO audit_log (at, user_id, action, record_type, record_id, outcome, detail, person_id) \
                   VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";
        let user = e.user.map(|u| u.0);
        on_tx!(self, c => sqlx::query(sql)
            .bind(at).bind(user).bind(e.action).bind(e.record_type)
            .bind(&e.record_id).bind(e.outcome.code()).bind(&e.detail).bind(person.to_string())
            .execute(&mut *c).await.map(|r| r.rows_affected()))?;
        Ok(())
    }

    /// Everyone who opened or changed this person's record, newest first.
    pub async fn person_access_log(
        &mut self,
        access: &CaseAccess<Read>,
        limit: i64,
    ) -> Result<Vec<AuditRow>> {
        let sql = format!(
            "{SELECT} WHERE (a.record_type = 'person' AND a.record_id = $1) OR a.person_id = $1 ORDER BY a.id DESC LIMIT $2"
        );
        let id = access.person().to_string();
        let rows = on_tx!(self, c => sqlx::query_as::<_, AuditRow>(&sql).bind(&id).bind(limit).fetch_all(&mut *c).await)?;
        Ok(rows)
    }

    /// The newest audit rows of any kind (information governance).
    pub async fn recent_audit(&mut self, limit: i64) -> Result<Vec<AuditRow>> {
        let sql = format!("{SELECT} ORDER BY a.id DESC LIMIT $1");
        let rows = on_tx!(self, c => sqlx::query_as::<_, AuditRow>(&sql).bind(limit).fetch_all(&mut *c).await)?;
        Ok(rows)
    }
}
