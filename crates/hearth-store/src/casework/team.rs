//! The team view: each worker's caseload (children held, with their FTE), the team's open cases
//! with when each last had management oversight, reassigning children in bulk, and cover while a
//! worker is away.

use chrono::{DateTime, NaiveDate, Utc};
use hearth_domain::casework::notes::NoteKind;
use hearth_domain::ids::{TeamId, UserId};
use serde::Serialize;
use uuid::Uuid;

use crate::{on_tx, Result, StoreError, Tx};

/// A worker in the team and how many children they hold.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct WorkerLoad {
    pub id: Uuid,
    pub name: String,
    pub role: String,
    /// Full-time equivalent in hundredths (100 = full time).
    pub fte_hundredths: i64,
    pub children: i64,
}

/// A team case: the child, who holds them, and when a manager last had oversight.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct TeamCase {
    pub episode_id: Uuid,
    pub person_id: Uuid,
    pub worker_id: Option<Uuid>,
    pub referral_date: NaiveDate,
    pub last_oversight: Option<DateTime<Utc>>,
}

/// Cover: one worker acting for another while they are away.
#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct CoverRow {
    pub id: Uuid,
    pub absent_worker: Uuid,
    pub covering_worker: Uuid,
    pub from_date: NaiveDate,
    pub to_date: NaiveDate,
    pub recorded_by: Uuid,
    pub recorded_at: DateTime<Utc>,
}

/// The team view's data.
pub struct Team<'t>(&'t mut Tx);

impl Tx {
    /// The team view's data.
    pub fn team(&mut self) -> Team<'_> {
        Team(self)
    }
}

impl Team<'_> {
    /// Every enabled member of the team with the number of children whose open episode they hold.
    pub async fn caseloads(&mut self, team: TeamId) -> Result<Vec<WorkerLoad>> {
        let sql = "SELECT u.id, u.name, u.role, u.fte_hundredths, \
                   (SELECT COUNT(*) FROM episodes e WHERE e.allocated_worker = u.id AND e.closure_date IS NULL) AS children \
                   FROM users u WHERE u.team_id = $1 AND u.disabled = $2 ORDER BY u.name";
        Ok(
            on_tx!(self.0, c => sqlx::query_as::<_, WorkerLoad>(sql).bind(team.0).bind(false).fetch_all(&mut *c).await)?,
        )
    }

    /// The team's open cases, oldest first, each with its last management oversight.
    pub async fn cases(&mut self, team: TeamId, limit: i64) -> Result<Vec<TeamCase>> {
        let sql = "SELECT e.id AS episode_id, e.person_id, e.allocated_worker AS worker_id, e.referral_date, \
                   (SELECT MAX(n.occurred_at) FROM case_notes n JOIN case_note_children cn ON cn.note_id = n.id \
                    WHERE cn.person_id = e.person_id AND n.kind = $2) AS last_oversight \
                   FROM episodes e WHERE e.allocated_team = $1 AND e.closure_date IS NULL \
                   ORDER BY e.referral_date LIMIT $3";
        Ok(
            on_tx!(self.0, c => sqlx::query_as::<_, TeamCase>(sql).bind(team.0)
            .bind(NoteKind::ManagementOversight.code()).bind(limit).fetch_all(&mut *c).await)?,
        )
    }

    /// The open episodes `worker` holds among `episodes` (all of them when empty).
    pub async fn held_by(&mut self, worker: UserId, episodes: &[Uuid]) -> Result<Vec<Uuid>> {
        let sql = "SELECT id FROM episodes WHERE allocated_worker = $1 AND closure_date IS NULL ORDER BY referral_date";
        let all: Vec<Uuid> =
            on_tx!(self.0, c => sqlx::query_scalar(sql).bind(worker.0).fetch_all(&mut *c).await)?;
        Ok(if episodes.is_empty() {
            all
        } else {
            all.into_iter().filter(|e| episodes.contains(e)).collect()
        })
    }

    /// Records cover.
    pub async fn insert_cover(&mut self, c: &CoverRow) -> Result<()> {
        let sql = "INSERT INTO cover (id, absent_worker, covering_worker, from_date, to_date, recorded_by, recorded_at) \
                   VALUES ($1, $2, $3, $4, $5, $6, $7)";
        on_tx!(self.0, x => sqlx::query(sql).bind(c.id).bind(c.absent_worker).bind(c.covering_worker)
            .bind(c.from_date).bind(c.to_date).bind(c.recorded_by).bind(c.recorded_at)
            .execute(&mut *x).await.map(|r| r.rows_affected()))?;
        Ok(())
    }

    /// The workers `worker` covers for on `on`.
    pub async fn covering(&mut self, worker: UserId, on: NaiveDate) -> Result<Vec<Uuid>> {
        let sql = "SELECT absent_worker FROM cover WHERE covering_worker = $1 AND from_date <= $2 AND to_date >= $2";
        Ok(
            on_tx!(self.0, c => sqlx::query_scalar(sql).bind(worker.0).bind(on).fetch_all(&mut *c).await)?,
        )
    }

    /// Cover recorded in the team, current or to come on `on`.
    pub async fn cover_in(&mut self, team: TeamId, on: NaiveDate) -> Result<Vec<CoverRow>> {
        let sql = "SELECT c.id, c.absent_worker, c.covering_worker, c.from_date, c.to_date, c.recorded_by, c.recorded_at \
                   FROM cover c JOIN users u ON u.id = c.absent_worker WHERE u.team_id = $1 AND c.to_date >= $2 ORDER BY c.from_date";
        Ok(
            on_tx!(self.0, x => sqlx::query_as::<_, CoverRow>(sql).bind(team.0).bind(on).fetch_all(&mut *x).await)?,
        )
    }

    /// Overlapping cover for the same absent worker, if any (one cover at a time).
    pub async fn overlapping_cover(
        &mut self,
        absent: UserId,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<bool> {
        let sql = "SELECT COUNT(*) FROM cover WHERE absent_worker = $1 AND from_date <= $3 AND to_date >= $2";
        let n: i64 = on_tx!(self.0, c => sqlx::query_scalar(sql).bind(absent.0).bind(from).bind(to).fetch_one(&mut *c).await)?;
        Ok(n > 0)
    }

    /// Sets a user's FTE (hundredths).
    pub async fn set_fte(&mut self, user: UserId, hundredths: i64) -> Result<()> {
        let n = on_tx!(self.0, c => sqlx::query("UPDATE users SET fte_hundredths = $1 WHERE id = $2")
            .bind(hundredths).bind(user.0).execute(&mut *c).await.map(|r| r.rows_affected()))?;
        if n == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }
}
