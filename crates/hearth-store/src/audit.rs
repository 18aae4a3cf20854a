//! The audit log: append-only (triggers refuse UPDATE and DELETE), written in the same transaction
//! as the action it records.

use chrono::{DateTime, Utc};
use hearth_domain::ids::UserId;
use serde::Serialize;
use uuid::Uuid;

use crate::in_list::BATCH;
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
    /// The name of the user's team (as it is now).
    pub user_team: Option<String>,
    pub action: String,
    pub record_type: String,
    pub record_id: Option<String>,
    pub outcome: String,
    pub detail: Option<String>,
}

pub(crate) const SELECT: &str =
    "SELECT a.id, a.at, a.user_id, u.name AS user_name, u.role AS user_role, \
     t.name AS user_team, a.action, a.record_type, a.record_id, a.outcome, a.detail \
     FROM audit_log a LEFT JOIN users u ON u.id = a.user_id LEFT JOIN teams t ON t.id = u.team_id";

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

    /// Appends a row (about `person`, when given) and returns its id, for rows that name the
    /// people a read showed (see [`Tx::audit_people`]).
    pub async fn audit_returning(
        &mut self,
        at: DateTime<Utc>,
        person: Option<Uuid>,
        e: AuditEntry,
    ) -> Result<i64> {
        let sql = "INSERT INTO audit_log (at, user_id, action, record_type, record_id, outcome, detail, person_id) \
                   VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id";
        let user = e.user.map(|u| u.0);
        let person = person.map(|p| p.to_string());
        let id = on_tx!(self, c => sqlx::query_scalar::<_, i64>(sql)
            .bind(at).bind(user).bind(e.action).bind(e.record_type)
            .bind(&e.record_id).bind(e.outcome.code()).bind(&e.detail).bind(&person)
            .fetch_one(&mut *c).await)?;
        Ok(id)
    }

    /// Records that the audited read `audit_id` showed these people (a search's results, a
    /// contact's children), so each one's access log lists it. One INSERT per batch of ids.
    pub async fn audit_people(&mut self, audit_id: i64, people: &[Uuid]) -> Result<()> {
        let mut people = people.to_vec();
        people.sort();
        people.dedup();
        for chunk in people.chunks(BATCH) {
            let values = (0..chunk.len())
                .map(|i| format!("($1, ${})", i + 2))
                .collect::<Vec<_>>()
                .join(", ");
            let sql = format!("INSERT INTO audit_people (audit_id, person_id) VALUES {values}");
            on_tx!(self, c => {
                let mut q = sqlx::query(&sql).bind(audit_id);
                for p in chunk {
                    q = q.bind(*p);
                }
                q.execute(&mut *c).await.map(|r| r.rows_affected())
            })?;
        }
        Ok(())
    }

    /// The newest audit rows of any kind (information governance).
    pub async fn recent_audit(&mut self, limit: i64) -> Result<Vec<AuditRow>> {
        let sql = format!("{SELECT} ORDER BY a.id DESC LIMIT $1");
        let rows = on_tx!(self, c => sqlx::query_as::<_, AuditRow>(&sql).bind(limit).fetch_all(&mut *c).await)?;
        Ok(rows)
    }
}
