//! What is due for a person: open clocks on the children allocated to them (or, for a manager,
//! on their team's children), assessments awaiting sign-off or returned, and children newly
//! allocated. A clock's owner is whoever holds the child's open episode, read at the time asked,
//! so reallocating a child moves their tasks.

use chrono::{DateTime, Utc};
use hearth_domain::assessment::AssessmentState;
use hearth_domain::ids::{TeamId, UserId};
use hearth_domain::relationship::RelationshipType;
use serde::Serialize;
use uuid::Uuid;

use crate::protocols::ClockRow;
use crate::{on_tx, Result, Tx};

/// An open clock with who holds the child (names are read by the caller, redacted as the reader
/// may see them).
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct OpenClock {
    #[sqlx(flatten)]
    pub clock: ClockRow,
    pub worker: Option<Uuid>,
}

/// An assessment waiting on someone, with its child.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct WaitingAssessment {
    pub id: Uuid,
    pub person_id: Uuid,
    pub worker_id: Option<Uuid>,
    pub submitted_at: Option<DateTime<Utc>>,
    pub returned_note: Option<String>,
}

/// A child newly allocated to a worker.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct NewAllocation {
    pub episode_id: Uuid,
    pub person_id: Uuid,
    pub allocated_at: DateTime<Utc>,
}

const CLOCK_COLS: &str = "c.id, c.subject_type, c.subject_id, c.person_id, c.kind, c.anchor_event, c.anchor_date, \
    c.rule, c.due_date, c.explanation, c.protocol_name, c.protocol_version, c.met_on, c.late_reason";

/// A person's work.
pub struct Work<'t>(&'t mut Tx);

impl Tx {
    /// A person's work: tasks, sign-offs and allocations.
    pub fn work(&mut self) -> Work<'_> {
        Work(self)
    }
}

impl Work<'_> {
    /// Open clocks on children whose open episode is allocated to `worker` (or, with `team`,
    /// allocated in that team), soonest due first.
    pub async fn open_clocks(
        &mut self,
        worker: Option<UserId>,
        team: Option<TeamId>,
        limit: i64,
    ) -> Result<Vec<OpenClock>> {
        // Driven from the worker's and the team's open episodes (each arm an index search),
        // never from every open clock in the council: one arm per way a child is on the list.
        let sql = format!(
            "SELECT {CLOCK_COLS}, e.allocated_worker AS worker \
             FROM episodes e JOIN clocks c ON c.person_id = e.person_id AND c.met_on IS NULL \
             WHERE e.closure_date IS NULL AND e.allocated_worker = $1 \
             UNION ALL \
             SELECT {CLOCK_COLS}, e.allocated_worker AS worker \
             FROM episodes e JOIN clocks c ON c.person_id = e.person_id AND c.met_on IS NULL \
             WHERE e.closure_date IS NULL AND e.allocated_team = $2 \
             AND ($1 IS NULL OR e.allocated_worker IS NULL OR e.allocated_worker <> $1) \
             ORDER BY due_date LIMIT $3"
        );
        Ok(on_tx!(self.0, c => sqlx::query_as::<_, OpenClock>(&sql)
            .bind(worker.map(|w| w.0)).bind(team.map(|t| t.0)).bind(limit)
            .fetch_all(&mut *c).await)?)
    }

    /// The open clocks of the conferences `chair` chairs: the conference itself while it is
    /// arranged, and circulating its decision once held.
    pub async fn chaired_clocks(&mut self, chair: UserId, limit: i64) -> Result<Vec<OpenClock>> {
        let sql = format!(
            "SELECT {CLOCK_COLS}, e.allocated_worker AS worker \
             FROM cp_conferences f JOIN clocks c ON c.id = f.clock_id OR c.id = f.circulation_clock_id \
             LEFT JOIN episodes e ON e.id = f.episode_id \
             WHERE f.chair_id = $1 AND c.met_on IS NULL ORDER BY c.due_date LIMIT $2"
        );
        Ok(on_tx!(self.0, c => sqlx::query_as::<_, OpenClock>(&sql)
            .bind(chair.0).bind(limit).fetch_all(&mut *c).await)?)
    }

    /// Assessments in `state` on children allocated in `team` (for sign-off) or to `worker`.
    pub async fn assessments(
        &mut self,
        state: AssessmentState,
        worker: Option<UserId>,
        team: Option<TeamId>,
        returned_only: bool,
    ) -> Result<Vec<WaitingAssessment>> {
        let sql = format!(
            "SELECT a.id, a.person_id, a.worker_id, a.submitted_at, a.returned_note \
             FROM assessments a JOIN episodes e ON e.id = a.episode_id \
             WHERE a.status = $1 AND (a.worker_id = $2 OR e.allocated_team = $3) {} \
             ORDER BY a.start_date LIMIT 200",
            if returned_only {
                "AND a.returned_note IS NOT NULL"
            } else {
                ""
            }
        );
        Ok(
            on_tx!(self.0, c => sqlx::query_as::<_, WaitingAssessment>(&sql)
            .bind(state.code()).bind(worker.map(|w| w.0)).bind(team.map(|t| t.0))
            .fetch_all(&mut *c).await)?,
        )
    }

    /// Children allocated to `worker` since `since`, newest first.
    pub async fn new_allocations(
        &mut self,
        worker: UserId,
        since: DateTime<Utc>,
    ) -> Result<Vec<NewAllocation>> {
        let sql = "SELECT e.id AS episode_id, e.person_id, MAX(al.allocated_at) AS allocated_at \
             FROM allocations al JOIN episodes e ON e.id = al.episode_id \
             WHERE al.worker_id = $1 AND al.allocated_at >= $2 AND e.allocated_worker = $1 AND e.closure_date IS NULL \
             GROUP BY e.id, e.person_id ORDER BY MAX(al.allocated_at) DESC LIMIT 200";
        Ok(on_tx!(self.0, c => sqlx::query_as::<_, NewAllocation>(sql)
            .bind(worker.0).bind(since).fetch_all(&mut *c).await)?)
    }

    /// Sibling pairs among `children` (recorded sibling relationships, ended or not), for
    /// grouping a person's work by family.
    pub async fn sibling_pairs(&mut self, children: &[Uuid]) -> Result<Vec<(Uuid, Uuid)>> {
        let mut out = Vec::new();
        for batch in children.chunks(crate::in_list::BATCH / 2) {
            let n = batch.len();
            let sql = format!(
                "SELECT from_person, to_person FROM relationships WHERE kind IN ($1, $2, $3) \
                 AND from_person IN ({}) AND to_person IN ({})",
                crate::in_list::marks(n, 3),
                crate::in_list::marks(n, 3 + n)
            );
            let rows: Vec<(Uuid, Uuid)> = on_tx!(self.0, c => {
                let mut q = sqlx::query_as(&sql)
                    .bind(RelationshipType::Sibling.code())
                    .bind(RelationshipType::HalfSibling.code())
                    .bind(RelationshipType::StepSibling.code());
                for id in batch.iter().chain(batch.iter()) {
                    q = q.bind(*id);
                }
                q.fetch_all(&mut *c).await
            })?;
            out.extend(rows);
        }
        Ok(out)
    }
}

impl Work<'_> {
    /// The child's open clocks, soonest first (for the child's summary).
    pub async fn open_clocks_of_child(
        &mut self,
        access: &hearth_domain::authz::CaseAccess<hearth_domain::authz::Read>,
    ) -> Result<Vec<ClockRow>> {
        let sql = format!(
            "SELECT {CLOCK_COLS} FROM clocks c WHERE c.person_id = $1 AND c.met_on IS NULL ORDER BY c.due_date LIMIT 50"
        );
        Ok(on_tx!(self.0, c => sqlx::query_as::<_, ClockRow>(&sql)
            .bind(access.person().0).fetch_all(&mut *c).await)?)
    }
}
