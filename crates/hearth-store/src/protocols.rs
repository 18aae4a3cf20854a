//! Protocol versions adopted by the council (all kept, newest in force) and stored clocks.

use chrono::{DateTime, NaiveDate, Utc};
use hearth_domain::ids::{PersonId, UserId};
use serde::Serialize;
use uuid::Uuid;

use crate::{on_tx, Result, StoreError, Tx};

#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct ProtocolVersionRow {
    pub name: String,
    pub version: i64,
    pub title: String,
    pub source_text: String,
    pub adopted_at: DateTime<Utc>,
    pub adopted_by: Option<Uuid>,
}

/// A clock as stored: the due date and sentence are fixed when it starts.
#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct ClockRow {
    pub id: Uuid,
    pub subject_type: String,
    pub subject_id: String,
    pub person_id: Option<Uuid>,
    pub kind: String,
    pub anchor_event: String,
    pub anchor_date: NaiveDate,
    pub rule: String,
    pub due_date: NaiveDate,
    pub explanation: String,
    pub protocol_name: String,
    pub protocol_version: i64,
    pub met_on: Option<NaiveDate>,
    pub late_reason: Option<String>,
}

/// A clock to store.
pub struct NewClock<'a> {
    pub subject_type: &'a str,
    pub subject_id: &'a str,
    pub person: Option<PersonId>,
    pub kind: &'a str,
    pub anchor_event: &'a str,
    pub anchor_date: NaiveDate,
    pub rule: &'a str,
    pub due_date: NaiveDate,
    pub explanation: &'a str,
    pub protocol_name: &'a str,
    pub protocol_version: i64,
}

const CLOCK_COLS: &str =
    "id, subject_type, subject_id, person_id, kind, anchor_event, anchor_date, rule, due_date, \
     explanation, protocol_name, protocol_version, met_on, late_reason";

impl Tx {
    pub async fn insert_protocol_version(
        &mut self,
        name: &str,
        version: i64,
        title: &str,
        text: &str,
        by: Option<UserId>,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let sql = "INSERT INTO protocol_versions (name, version, title, source_text, adopted_at, adopted_by) VALUES ($1, $2, $3, $4, $5, $6)";
        on_tx!(self, c => sqlx::query(sql).bind(name).bind(version).bind(title).bind(text).bind(now).bind(by.map(|u| u.0))
            .execute(&mut *c).await.map(|r| r.rows_affected()))?;
        Ok(())
    }

    /// Every adopted version, newest first (the first is in force).
    pub async fn protocol_history(&mut self) -> Result<Vec<ProtocolVersionRow>> {
        let sql = "SELECT name, version, title, source_text, adopted_at, adopted_by FROM protocol_versions ORDER BY id DESC";
        let rows = on_tx!(self, c => sqlx::query_as::<_, ProtocolVersionRow>(sql).fetch_all(&mut *c).await)?;
        Ok(rows)
    }

    pub async fn insert_clock(&mut self, c0: &NewClock<'_>, now: DateTime<Utc>) -> Result<Uuid> {
        let id = Uuid::new_v4();
        let sql = format!("INSERT INTO clocks ({CLOCK_COLS}, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, NULL, NULL, $13)");
        on_tx!(self, c => sqlx::query(&sql)
            .bind(id).bind(c0.subject_type).bind(c0.subject_id).bind(c0.person.map(|p| p.0)).bind(c0.kind)
            .bind(c0.anchor_event).bind(c0.anchor_date).bind(c0.rule).bind(c0.due_date).bind(c0.explanation)
            .bind(c0.protocol_name).bind(c0.protocol_version).bind(now)
            .execute(&mut *c).await.map(|r| r.rows_affected()))?;
        Ok(id)
    }

    /// The clocks of many records of one type, in one query.
    pub async fn clocks_for_many(
        &mut self,
        subject_type: &str,
        subject_ids: &[String],
    ) -> Result<Vec<ClockRow>> {
        let mut out = Vec::new();
        for batch in subject_ids.chunks(crate::in_list::BATCH) {
            let sql = format!(
                "SELECT {CLOCK_COLS} FROM clocks WHERE subject_type = $1 AND subject_id IN ({}) ORDER BY due_date, kind",
                crate::in_list::marks(batch.len(), 1)
            );
            let rows = on_tx!(self, c => {
                let mut q = sqlx::query_as::<_, ClockRow>(&sql).bind(subject_type);
                for id in batch {
                    q = q.bind(id);
                }
                q.fetch_all(&mut *c).await
            })?;
            out.extend(rows);
        }
        Ok(out)
    }

    pub async fn clocks_for(
        &mut self,
        subject_type: &str,
        subject_id: &str,
    ) -> Result<Vec<ClockRow>> {
        let sql = format!("SELECT {CLOCK_COLS} FROM clocks WHERE subject_type = $1 AND subject_id = $2 ORDER BY due_date, kind");
        let rows = on_tx!(self, c => sqlx::query_as::<_, ClockRow>(&sql).bind(subject_type).bind(subject_id).fetch_all(&mut *c).await)?;
        Ok(rows)
    }

    /// Many clocks in one query (in no particular order).
    pub async fn clocks_by_id(&mut self, ids: &[Uuid]) -> Result<Vec<ClockRow>> {
        let mut out = Vec::new();
        for batch in ids.chunks(crate::in_list::BATCH) {
            let sql = format!(
                "SELECT {CLOCK_COLS} FROM clocks WHERE id IN ({})",
                crate::in_list::marks(batch.len(), 0)
            );
            let rows = on_tx!(self, c => {
                let mut q = sqlx::query_as::<_, ClockRow>(&sql);
                for id in batch {
                    q = q.bind(*id);
                }
                q.fetch_all(&mut *c).await
            })?;
            out.extend(rows);
        }
        Ok(out)
    }

    pub async fn clock(&mut self, id: Uuid) -> Result<ClockRow> {
        let sql = format!("SELECT {CLOCK_COLS} FROM clocks WHERE id = $1");
        let row = on_tx!(self, c => sqlx::query_as::<_, ClockRow>(&sql).bind(id).fetch_optional(&mut *c).await)?;
        row.ok_or(StoreError::NotFound)
    }

    /// Records that the clock's event happened; a late reason is kept when given.
    pub async fn meet_clock(
        &mut self,
        id: Uuid,
        on: NaiveDate,
        late_reason: Option<&str>,
    ) -> Result<()> {
        let n = on_tx!(self, c => sqlx::query("UPDATE clocks SET met_on = $1, late_reason = $2 WHERE id = $3 AND met_on IS NULL")
            .bind(on).bind(late_reason).bind(id).execute(&mut *c).await.map(|r| r.rows_affected()))?;
        if n == 0 {
            return Err(StoreError::Conflict {
                constraint: "clock already met".into(),
            });
        }
        Ok(())
    }
}
