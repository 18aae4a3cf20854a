//! Episodes of need (census `CINdetails`), one open per child, and their allocation history.

use chrono::{DateTime, NaiveDate, Utc};
use hearth_domain::ids::{PersonId, TeamId, UserId};
use serde::Serialize;
use uuid::Uuid;

use crate::{on_tx, Result, StoreError, Tx};

#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct EpisodeRow {
    pub id: Uuid,
    pub person_id: Uuid,
    pub referral_date: NaiveDate,
    /// Census referral-source code.
    pub source: String,
    /// Census primary-need code.
    pub primary_need: String,
    /// Closed at referral with no further action.
    pub referral_nfa: bool,
    pub closure_date: Option<NaiveDate>,
    pub closure_reason: Option<String>,
    pub allocated_team: Option<Uuid>,
    pub allocated_worker: Option<Uuid>,
    pub created_at: DateTime<Utc>,
}

pub struct NewEpisode<'a> {
    pub person: PersonId,
    pub referral_date: NaiveDate,
    pub source: &'a str,
    pub primary_need: &'a str,
    pub referral_nfa: bool,
    pub closed: Option<(NaiveDate, &'a str)>,
}

/// Open work nobody is allocated to, for managers.
#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct UnallocatedRow {
    pub episode_id: Uuid,
    pub person_id: Uuid,
    pub referral_date: NaiveDate,
    pub primary_need: String,
    pub allocated_team: Option<Uuid>,
    pub team_name: Option<String>,
}

const COLS: &str = "id, person_id, referral_date, source, primary_need, referral_nfa, closure_date, closure_reason, \
    allocated_team, allocated_worker, created_at";

impl Tx {
    pub async fn open_episode(&mut self, person: PersonId) -> Result<Option<EpisodeRow>> {
        let sql =
            format!("SELECT {COLS} FROM episodes WHERE person_id = $1 AND closure_date IS NULL");
        Ok(
            on_tx!(self, c => sqlx::query_as::<_, EpisodeRow>(&sql).bind(person.0).fetch_optional(&mut *c).await)?,
        )
    }

    pub async fn episodes_of(&mut self, person: PersonId) -> Result<Vec<EpisodeRow>> {
        let sql = format!("SELECT {COLS} FROM episodes WHERE person_id = $1 ORDER BY referral_date DESC, created_at DESC");
        Ok(
            on_tx!(self, c => sqlx::query_as::<_, EpisodeRow>(&sql).bind(person.0).fetch_all(&mut *c).await)?,
        )
    }

    pub async fn episode(&mut self, id: Uuid) -> Result<EpisodeRow> {
        let sql = format!("SELECT {COLS} FROM episodes WHERE id = $1");
        on_tx!(self, c => sqlx::query_as::<_, EpisodeRow>(&sql).bind(id).fetch_optional(&mut *c).await)?
            .ok_or(StoreError::NotFound)
    }

    /// Inserts an episode; a second open one for the child is refused by the database too.
    pub async fn insert_episode(&mut self, n: &NewEpisode<'_>, now: DateTime<Utc>) -> Result<Uuid> {
        let id = Uuid::new_v4();
        let sql = format!(
            "INSERT INTO episodes ({COLS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, NULL, NULL, $9)"
        );
        on_tx!(self, c => sqlx::query(&sql)
            .bind(id).bind(n.person.0).bind(n.referral_date).bind(n.source).bind(n.primary_need)
            .bind(n.referral_nfa).bind(n.closed.map(|c| c.0)).bind(n.closed.map(|c| c.1)).bind(now)
            .execute(&mut *c).await.map(|r| r.rows_affected()))?;
        Ok(id)
    }

    /// Closes an open episode with its census reason.
    pub async fn close_episode(
        &mut self,
        episode: Uuid,
        on: NaiveDate,
        reason: &str,
    ) -> Result<()> {
        let n = on_tx!(self, c => sqlx::query("UPDATE episodes SET closure_date = $1, closure_reason = $2 WHERE id = $3 AND closure_date IS NULL")
            .bind(on).bind(reason).bind(episode).execute(&mut *c).await.map(|r| r.rows_affected()))?;
        if n == 0 {
            return Err(StoreError::Conflict {
                constraint: "the episode is already closed".into(),
            });
        }
        Ok(())
    }

    /// Allocates an episode to a team and (optionally) a worker, keeping the history.
    pub async fn allocate_episode(
        &mut self,
        episode: Uuid,
        team: TeamId,
        worker: Option<UserId>,
        by: UserId,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let n = on_tx!(self, c => sqlx::query("UPDATE episodes SET allocated_team = $1, allocated_worker = $2 WHERE id = $3 AND closure_date IS NULL")
            .bind(team.0).bind(worker.map(|w| w.0)).bind(episode).execute(&mut *c).await.map(|r| r.rows_affected()))?;
        if n == 0 {
            return Err(StoreError::Conflict {
                constraint: "only an open episode can be allocated".into(),
            });
        }
        let sql = "INSERT INTO allocations (episode_id, team_id, worker_id, allocated_by, allocated_at) VALUES ($1, $2, $3, $4, $5)";
        on_tx!(self, c => sqlx::query(sql).bind(episode).bind(team.0).bind(worker.map(|w| w.0)).bind(by.0).bind(now)
            .execute(&mut *c).await.map(|r| r.rows_affected()))?;
        Ok(())
    }

    /// Open episodes without an allocated social worker, oldest referral first.
    pub async fn unallocated_episodes(&mut self, limit: i64) -> Result<Vec<UnallocatedRow>> {
        let sql = "SELECT e.id AS episode_id, e.person_id, e.referral_date, e.primary_need, e.allocated_team, t.name AS team_name \
                   FROM episodes e LEFT JOIN teams t ON t.id = e.allocated_team \
                   WHERE e.closure_date IS NULL AND e.allocated_worker IS NULL ORDER BY e.referral_date LIMIT $1";
        Ok(
            on_tx!(self, c => sqlx::query_as::<_, UnallocatedRow>(sql).bind(limit).fetch_all(&mut *c).await)?,
        )
    }
}
