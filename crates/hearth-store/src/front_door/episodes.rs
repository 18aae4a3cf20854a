//! Episodes of need (census `CINdetails`), one open per child, and their allocation history.

use chrono::{DateTime, NaiveDate, Utc};
use hearth_domain::authz::{CaseAccess, Read, Write};
use hearth_domain::codes::{PrimaryNeed, ReasonForClosure, ReferralSource};
use hearth_domain::front_door::episode::Episode;
use hearth_domain::front_door::states::EpisodeState;
use hearth_domain::ids::EpisodeId;
use hearth_domain::ids::{PersonId, TeamId, UserId};
use serde::Serialize;
use uuid::Uuid;

use crate::{on_tx, Result, StoreError, Tx};

/// A stored episode with its census codes typed.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct EpisodeRow {
    pub id: EpisodeId,
    pub person_id: Uuid,
    pub referral_date: NaiveDate,
    /// Census referral-source code.
    pub source: ReferralSource,
    /// Census primary-need code.
    pub primary_need: PrimaryNeed,
    /// Closed at referral with no further action.
    pub referral_nfa: bool,
    pub closure_date: Option<NaiveDate>,
    pub closure_reason: Option<ReasonForClosure>,
    pub allocated_team: Option<Uuid>,
    pub allocated_worker: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    /// Census `DateOfInitialCPC`: the date of the episode's initial child protection conference.
    pub date_of_initial_cpc: Option<NaiveDate>,
    /// The child's episode that closed before this one opened (a reopened case).
    pub previous_episode_id: Option<Uuid>,
}

impl EpisodeRow {
    /// The episode as the domain's rules read it.
    pub fn episode(&self) -> Episode {
        Episode {
            referral_date: self.referral_date,
            source: self.source,
            primary_need: self.primary_need,
            closed: self.closure_date.zip(self.closure_reason),
            referral_nfa: self.referral_nfa,
        }
    }

    pub fn state(&self) -> EpisodeState {
        EpisodeState::of(self.closure_date.is_some())
    }
}

#[derive(sqlx::FromRow)]
struct StoredEpisode {
    id: Uuid,
    person_id: Uuid,
    referral_date: NaiveDate,
    source: String,
    primary_need: String,
    referral_nfa: bool,
    closure_date: Option<NaiveDate>,
    closure_reason: Option<String>,
    allocated_team: Option<Uuid>,
    allocated_worker: Option<Uuid>,
    created_at: DateTime<Utc>,
    date_of_initial_cpc: Option<NaiveDate>,
    previous_episode_id: Option<Uuid>,
}

impl TryFrom<StoredEpisode> for EpisodeRow {
    type Error = StoreError;
    fn try_from(r: StoredEpisode) -> Result<Self> {
        let corrupt = |e: hearth_domain::codes::UnknownCode| {
            StoreError::Corrupt(format!("episode {}: {e}", r.id))
        };
        Ok(EpisodeRow {
            id: EpisodeId(r.id),
            person_id: r.person_id,
            referral_date: r.referral_date,
            source: ReferralSource::parse(&r.source).map_err(corrupt)?,
            primary_need: PrimaryNeed::parse(&r.primary_need).map_err(corrupt)?,
            referral_nfa: r.referral_nfa,
            closure_date: r.closure_date,
            closure_reason: r
                .closure_reason
                .as_deref()
                .map(ReasonForClosure::parse)
                .transpose()
                .map_err(corrupt)?,
            allocated_team: r.allocated_team,
            allocated_worker: r.allocated_worker,
            created_at: r.created_at,
            date_of_initial_cpc: r.date_of_initial_cpc,
            previous_episode_id: r.previous_episode_id,
        })
    }
}

pub struct NewEpisode {
    pub person: PersonId,
    pub referral_date: NaiveDate,
    pub source: ReferralSource,
    pub primary_need: PrimaryNeed,
    pub referral_nfa: bool,
    pub closed: Option<(NaiveDate, ReasonForClosure)>,
}

/// Open work nobody is allocated to, for managers.
#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct UnallocatedRow {
    pub episode_id: Uuid,
    pub person_id: Uuid,
    pub referral_date: NaiveDate,
    #[sqlx(try_from = "String")]
    pub primary_need: PrimaryNeed,
    pub allocated_team: Option<Uuid>,
    pub team_name: Option<String>,
}

const COLS: &str = "id, person_id, referral_date, source, primary_need, referral_nfa, closure_date, closure_reason, \
    allocated_team, allocated_worker, created_at, date_of_initial_cpc, previous_episode_id";

/// Episodes of need and their allocation.
pub struct Episodes<'t>(&'t mut Tx);

impl Tx {
    /// Episodes of need and their allocation.
    pub fn episodes(&mut self) -> Episodes<'_> {
        Episodes(self)
    }
}

impl Episodes<'_> {
    pub async fn open_of(&mut self, access: &CaseAccess<Read>) -> Result<Option<EpisodeRow>> {
        let person = access.person();
        let sql =
            format!("SELECT {COLS} FROM episodes WHERE person_id = $1 AND closure_date IS NULL");
        on_tx!(self.0, c => sqlx::query_as::<_, StoredEpisode>(&sql).bind(person.0).fetch_optional(&mut *c).await)?
            .map(EpisodeRow::try_from)
            .transpose()
    }

    pub async fn of_child(&mut self, access: &CaseAccess<Read>) -> Result<Vec<EpisodeRow>> {
        let person = access.person();
        let sql = format!("SELECT {COLS} FROM episodes WHERE person_id = $1 ORDER BY referral_date DESC, created_at DESC");
        on_tx!(self.0, c => sqlx::query_as::<_, StoredEpisode>(&sql).bind(person.0).fetch_all(&mut *c).await)?
            .into_iter()
            .map(EpisodeRow::try_from)
            .collect()
    }

    /// An episode of the child `access` is for (not found for anyone else's).
    pub async fn get(&mut self, access: &CaseAccess<Read>, id: EpisodeId) -> Result<EpisodeRow> {
        let id = id.0;
        let sql = format!("SELECT {COLS} FROM episodes WHERE id = $1 AND person_id = $2");
        on_tx!(self.0, c => sqlx::query_as::<_, StoredEpisode>(&sql).bind(id).bind(access.person().0).fetch_optional(&mut *c).await)?
            .ok_or(StoreError::NotFound)
            .and_then(EpisodeRow::try_from)
    }

    /// Inserts an episode; a second open one for the child is refused by the database too.
    pub async fn insert(&mut self, n: &NewEpisode, now: DateTime<Utc>) -> Result<EpisodeId> {
        let id = Uuid::new_v4();
        let sql = format!(
            "INSERT INTO episodes ({COLS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, NULL, NULL, $9, NULL, \
             (SELECT p.id FROM episodes p WHERE p.person_id = $2 AND p.closure_date IS NOT NULL \
              ORDER BY p.closure_date DESC, p.created_at DESC LIMIT 1))"
        );
        on_tx!(self.0, c => sqlx::query(&sql)
            .bind(id).bind(n.person.0).bind(n.referral_date).bind(n.source.code()).bind(n.primary_need.code())
            .bind(n.referral_nfa).bind(n.closed.map(|c| c.0)).bind(n.closed.map(|c| c.1.code())).bind(now)
            .execute(&mut *c).await.map(|r| r.rows_affected()))?;
        Ok(EpisodeId(id))
    }

    /// Closes an open episode with its census reason.
    pub async fn close(
        &mut self,
        episode: Uuid,
        on: NaiveDate,
        reason: ReasonForClosure,
    ) -> Result<()> {
        let n = on_tx!(self.0, c => sqlx::query("UPDATE episodes SET closure_date = $1, closure_reason = $2 WHERE id = $3 AND closure_date IS NULL")
            .bind(on).bind(reason.code()).bind(episode).execute(&mut *c).await.map(|r| r.rows_affected()))?;
        if n == 0 {
            return Err(StoreError::Conflict {
                constraint: "the episode is already closed".into(),
            });
        }
        Ok(())
    }

    /// Records a revised primary need (the census takes the latest); history is in the audit log.
    pub async fn revise_primary_need(
        &mut self,
        access: &CaseAccess<Write>,
        id: EpisodeId,
        need: PrimaryNeed,
    ) -> Result<()> {
        let n = on_tx!(self.0, c => sqlx::query("UPDATE episodes SET primary_need = $1 WHERE id = $2 AND person_id = $3")
            .bind(need.code()).bind(id.0).bind(access.person().0).execute(&mut *c).await.map(|r| r.rows_affected()))?;
        if n == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    /// Allocates an episode to a team and (optionally) a worker, keeping the history.
    pub async fn allocate(
        &mut self,
        episode: Uuid,
        team: TeamId,
        worker: Option<UserId>,
        by: UserId,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let n = on_tx!(self.0, c => sqlx::query("UPDATE episodes SET allocated_team = $1, allocated_worker = $2 WHERE id = $3 AND closure_date IS NULL")
            .bind(team.0).bind(worker.map(|w| w.0)).bind(episode).execute(&mut *c).await.map(|r| r.rows_affected()))?;
        if n == 0 {
            return Err(StoreError::Conflict {
                constraint: "only an open episode can be allocated".into(),
            });
        }
        let sql = "INSERT INTO allocations (episode_id, team_id, worker_id, allocated_by, allocated_at) VALUES ($1, $2, $3, $4, $5)";
        on_tx!(self.0, c => sqlx::query(sql).bind(episode).bind(team.0).bind(worker.map(|w| w.0)).bind(by.0).bind(now)
            .execute(&mut *c).await.map(|r| r.rows_affected()))?;
        Ok(())
    }

    /// Open episodes without an allocated social worker, oldest referral first.
    /// How many open episodes wait for a worker.
    pub async fn unallocated_count(&mut self) -> Result<i64> {
        let sql =
            "SELECT COUNT(*) FROM episodes WHERE closure_date IS NULL AND allocated_worker IS NULL";
        Ok(on_tx!(self.0, c => sqlx::query_scalar::<_, i64>(sql).fetch_one(&mut *c).await)?)
    }

    pub async fn unallocated(&mut self, limit: i64) -> Result<Vec<UnallocatedRow>> {
        let sql = "SELECT e.id AS episode_id, e.person_id, e.referral_date, e.primary_need, e.allocated_team, t.name AS team_name \
                   FROM episodes e LEFT JOIN teams t ON t.id = e.allocated_team \
                   WHERE e.closure_date IS NULL AND e.allocated_worker IS NULL ORDER BY e.referral_date LIMIT $1";
        Ok(
            on_tx!(self.0, c => sqlx::query_as::<_, UnallocatedRow>(sql).bind(limit).fetch_all(&mut *c).await)?,
        )
    }
}
