//! Child protection plans (one open at a time for a child), their core group meetings and the
//! child's statutory visits. Reads take the child's capability.

use chrono::{DateTime, NaiveDate, Utc};
use hearth_domain::authz::{CaseAccess, Read};
use hearth_domain::codes::AbuseCategory;
use hearth_domain::protection::plan::{CoreGroupMeeting, CpVisit, DiscontinuationReason};
use hearth_domain::protection::CpPlanState;
use hearth_domain::state::State;
use serde::Serialize;
use uuid::Uuid;

use crate::code_tables::{decode, decode_opt};
use crate::{on_tx, Result, StoreError, Tx};

/// A plan as stored: the census `ChildProtectionPlans` columns, typed.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct CpPlanRow {
    pub id: Uuid,
    pub person_id: Uuid,
    pub episode_id: Uuid,
    pub conference_id: Uuid,
    /// Census `CPPstartDate`: the day of the conference that decided it.
    pub started_on: NaiveDate,
    #[schema(value_type = String)]
    pub initial_category: AbuseCategory,
    #[schema(value_type = String)]
    pub latest_category: AbuseCategory,
    /// Census `NumberOfPreviousCPP`.
    pub previous_plans: i64,
    pub lead_worker_id: Option<Uuid>,
    #[schema(value_type = String)]
    pub status: CpPlanState,
    /// Census `CPPendDate`.
    pub ended_on: Option<NaiveDate>,
    #[schema(value_type = Option<String>)]
    pub end_reason: Option<DiscontinuationReason>,
    pub end_evidence: Option<String>,
    pub ended_by_conference_id: Option<Uuid>,
    pub cin_plan_follows: Option<bool>,
    pub version: i64,
}

#[derive(sqlx::FromRow)]
struct Raw {
    id: Uuid,
    person_id: Uuid,
    episode_id: Uuid,
    conference_id: Uuid,
    started_on: NaiveDate,
    initial_category: String,
    latest_category: String,
    previous_plans: i32,
    lead_worker_id: Option<Uuid>,
    status: String,
    ended_on: Option<NaiveDate>,
    end_reason: Option<String>,
    end_evidence: Option<String>,
    ended_by_conference_id: Option<Uuid>,
    cin_plan_follows: Option<bool>,
    version: i64,
}

impl TryFrom<Raw> for CpPlanRow {
    type Error = StoreError;
    fn try_from(r: Raw) -> Result<Self> {
        Ok(CpPlanRow {
            id: r.id,
            person_id: r.person_id,
            episode_id: r.episode_id,
            conference_id: r.conference_id,
            started_on: r.started_on,
            initial_category: decode(&r.initial_category)?,
            latest_category: decode(&r.latest_category)?,
            previous_plans: i64::from(r.previous_plans),
            lead_worker_id: r.lead_worker_id,
            status: CpPlanState::from_code(&r.status).ok_or_else(|| {
                StoreError::Corrupt(format!("'{}' is not a plan state", r.status))
            })?,
            ended_on: r.ended_on,
            end_reason: decode_opt(r.end_reason.as_deref())?,
            end_evidence: r.end_evidence,
            ended_by_conference_id: r.ended_by_conference_id,
            cin_plan_follows: r.cin_plan_follows,
            version: r.version,
        })
    }
}

const COLS: &str = "id, person_id, episode_id, conference_id, started_on, initial_category, latest_category, \
    previous_plans, lead_worker_id, status, ended_on, end_reason, end_evidence, ended_by_conference_id, \
    cin_plan_follows, version";

/// A plan to start from a conference's decision.
pub struct NewCpPlan {
    pub person: Uuid,
    pub episode: Uuid,
    pub conference: Uuid,
    pub started_on: NaiveDate,
    pub category: AbuseCategory,
    pub previous_plans: i64,
    pub lead_worker: Option<Uuid>,
}

/// How a plan ends.
pub struct PlanEnd<'a> {
    pub ended_on: NaiveDate,
    pub reason: DiscontinuationReason,
    pub evidence: &'a str,
    pub by_conference: Option<Uuid>,
    pub cin_plan_follows: bool,
}

/// A core group meeting as stored.
#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct CoreGroupRow {
    pub id: Uuid,
    pub plan_id: Uuid,
    pub met_on: NaiveDate,
    pub attendees: String,
    pub decisions: String,
    pub absent_views: String,
    pub recorded_by: Uuid,
    pub recorded_at: DateTime<Utc>,
}

/// A statutory visit as stored (it belongs to the child; the plan it was made under is noted).
#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct ChildVisitRow {
    pub id: Uuid,
    pub person_id: Uuid,
    pub plan_id: Option<Uuid>,
    pub visited_on: NaiveDate,
    pub child_seen: bool,
    pub seen_alone: bool,
    pub bedroom_seen: bool,
    pub home_conditions: String,
    pub who_present: String,
    pub notes: String,
    pub recorded_by: Uuid,
    pub recorded_at: DateTime<Utc>,
}

pub struct CpPlans<'t>(&'t mut Tx);

impl Tx {
    /// Child protection plans, core groups and statutory visits.
    pub fn cp_plans(&mut self) -> CpPlans<'_> {
        CpPlans(self)
    }
}

impl CpPlans<'_> {
    /// Starts a plan. A second open plan for the child is refused by the database
    /// (`cp_plans_one_open`), as is a second plan from one conference.
    pub async fn start(&mut self, n: &NewCpPlan, now: DateTime<Utc>) -> Result<Uuid> {
        let id = Uuid::new_v4();
        let sql = "INSERT INTO cp_plans (id, person_id, episode_id, conference_id, started_on, initial_category, \
                   latest_category, previous_plans, lead_worker_id, status, created_at, version) \
                   VALUES ($1, $2, $3, $4, $5, $6, $6, $7, $8, $9, $10, 1)";
        let previous = i32::try_from(n.previous_plans).unwrap_or(i32::MAX);
        on_tx!(self.0, c => sqlx::query(sql).bind(id).bind(n.person).bind(n.episode).bind(n.conference)
            .bind(n.started_on).bind(n.category.code()).bind(previous).bind(n.lead_worker)
            .bind(CpPlanState::Open.code()).bind(now)
            .execute(&mut *c).await.map(|r| r.rows_affected()))?;
        Ok(id)
    }

    pub async fn get(&mut self, access: &CaseAccess<Read>, id: Uuid) -> Result<CpPlanRow> {
        let sql = format!("SELECT {COLS} FROM cp_plans WHERE id = $1 AND person_id = $2");
        on_tx!(self.0, c => sqlx::query_as::<_, Raw>(&sql).bind(id).bind(access.person().0).fetch_optional(&mut *c).await)?
            .ok_or(StoreError::NotFound)?
            .try_into()
    }

    /// The child's plans, oldest first.
    pub async fn of_child(&mut self, access: &CaseAccess<Read>) -> Result<Vec<CpPlanRow>> {
        let sql = format!(
            "SELECT {COLS} FROM cp_plans WHERE person_id = $1 ORDER BY started_on, created_at"
        );
        let rows = on_tx!(self.0, c => sqlx::query_as::<_, Raw>(&sql).bind(access.person().0).fetch_all(&mut *c).await)?;
        rows.into_iter().map(TryInto::try_into).collect()
    }

    /// The latest category after a review conference.
    pub async fn set_latest_category(&mut self, id: Uuid, category: AbuseCategory) -> Result<()> {
        on_tx!(self.0, c => sqlx::query("UPDATE cp_plans SET latest_category = $1, version = version + 1 WHERE id = $2")
            .bind(category.code()).bind(id).execute(&mut *c).await.map(|r| r.rows_affected()))?;
        Ok(())
    }

    /// Ends an open plan.
    pub async fn end(&mut self, id: Uuid, e: &PlanEnd<'_>) -> Result<()> {
        let sql = "UPDATE cp_plans SET status = $1, ended_on = $2, end_reason = $3, end_evidence = $4, \
                   ended_by_conference_id = $5, cin_plan_follows = $6, version = version + 1 WHERE id = $7 AND status = $8";
        let n = on_tx!(self.0, c => sqlx::query(sql).bind(CpPlanState::Ended.code()).bind(e.ended_on)
            .bind(e.reason.code()).bind(e.evidence.trim()).bind(e.by_conference).bind(e.cin_plan_follows)
            .bind(id).bind(CpPlanState::Open.code()).execute(&mut *c).await.map(|r| r.rows_affected()))?;
        if n == 1 {
            Ok(())
        } else {
            // Someone ended it first: the plan is now in the state where ending does not apply.
            Err(StoreError::WrongState(
                hearth_domain::state::WrongState::new(
                    CpPlanState::Ended,
                    "end",
                    "The child protection plan has already ended",
                ),
            ))
        }
    }

    pub async fn add_core_group(
        &mut self,
        plan: Uuid,
        m: &CoreGroupMeeting,
        by: Uuid,
        now: DateTime<Utc>,
    ) -> Result<Uuid> {
        let id = Uuid::new_v4();
        let sql = "INSERT INTO cp_core_groups (id, plan_id, met_on, attendees, decisions, absent_views, recorded_by, recorded_at) \
                   VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";
        on_tx!(self.0, c => sqlx::query(sql).bind(id).bind(plan).bind(m.met_on).bind(m.attendees.trim())
            .bind(m.decisions.trim()).bind(m.absent_views.trim()).bind(by).bind(now)
            .execute(&mut *c).await.map(|r| r.rows_affected()))?;
        Ok(id)
    }

    pub async fn core_groups(&mut self, plan: Uuid) -> Result<Vec<CoreGroupRow>> {
        let sql = "SELECT id, plan_id, met_on, attendees, decisions, absent_views, recorded_by, recorded_at \
                   FROM cp_core_groups WHERE plan_id = $1 ORDER BY met_on, recorded_at";
        Ok(
            on_tx!(self.0, c => sqlx::query_as::<_, CoreGroupRow>(sql).bind(plan).fetch_all(&mut *c).await)?,
        )
    }

    pub async fn add_visit(
        &mut self,
        person: Uuid,
        plan: Option<Uuid>,
        v: &CpVisit,
        by: Uuid,
        now: DateTime<Utc>,
    ) -> Result<Uuid> {
        let id = Uuid::new_v4();
        let sql = "INSERT INTO child_visits (id, person_id, plan_id, visited_on, child_seen, seen_alone, bedroom_seen, \
                   home_conditions, who_present, notes, recorded_by, recorded_at) \
                   VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)";
        on_tx!(self.0, c => sqlx::query(sql).bind(id).bind(person).bind(plan).bind(v.visited_on)
            .bind(v.child_seen).bind(v.seen_alone).bind(v.bedroom_seen).bind(v.home_conditions.trim())
            .bind(v.who_present.trim()).bind(v.notes.trim()).bind(by).bind(now)
            .execute(&mut *c).await.map(|r| r.rows_affected()))?;
        Ok(id)
    }

    /// The child's statutory visits, newest first.
    pub async fn visits(&mut self, access: &CaseAccess<Read>) -> Result<Vec<ChildVisitRow>> {
        let sql = "SELECT id, person_id, plan_id, visited_on, child_seen, seen_alone, bedroom_seen, home_conditions, \
                   who_present, notes, recorded_by, recorded_at FROM child_visits WHERE person_id = $1 \
                   ORDER BY visited_on DESC, recorded_at DESC";
        Ok(
            on_tx!(self.0, c => sqlx::query_as::<_, ChildVisitRow>(sql).bind(access.person().0).fetch_all(&mut *c).await)?,
        )
    }

    /// The child's open plan, if any.
    pub async fn open_plan_of(&mut self, person: Uuid) -> Result<Option<Uuid>> {
        let sql = "SELECT id FROM cp_plans WHERE person_id = $1 AND status = $2";
        Ok(
            on_tx!(self.0, c => sqlx::query_scalar::<_, Uuid>(sql).bind(person).bind(CpPlanState::Open.code()).fetch_optional(&mut *c).await)?,
        )
    }

    /// Plans the child had before, in any episode (census `NumberOfPreviousCPP`, with those known
    /// from other councils added by the conference).
    pub async fn count_of_person(&mut self, person: Uuid) -> Result<i64> {
        let sql = "SELECT COUNT(*) FROM cp_plans WHERE person_id = $1";
        Ok(
            on_tx!(self.0, c => sqlx::query_scalar::<_, i64>(sql).bind(person).fetch_one(&mut *c).await)?,
        )
    }

    /// Records the date of the initial conference on the episode (census `DateOfInitialCPC`).
    pub async fn set_episode_initial_cpc(&mut self, episode: Uuid, on: NaiveDate) -> Result<()> {
        on_tx!(self.0, c => sqlx::query("UPDATE episodes SET date_of_initial_cpc = $1 WHERE id = $2 AND date_of_initial_cpc IS NULL")
            .bind(on).bind(episode).execute(&mut *c).await.map(|r| r.rows_affected()))?;
        Ok(())
    }
}

impl CpPlans<'_> {
    /// Stops the open clocks of a record that has ended (a plan's core group, visit and review
    /// clocks): they are marked met on the end date with why, so no task stays open for them.
    pub async fn stop_clocks(
        &mut self,
        subject_type: &str,
        subject_id: Uuid,
        on: NaiveDate,
        why: &str,
    ) -> Result<u64> {
        let sql = "UPDATE clocks SET met_on = $1, late_reason = $2 WHERE subject_type = $3 AND subject_id = $4 AND met_on IS NULL";
        Ok(
            on_tx!(self.0, c => sqlx::query(sql).bind(on).bind(why).bind(subject_type).bind(subject_id.to_string())
            .execute(&mut *c).await.map(|r| r.rows_affected()))?,
        )
    }

    /// Ends the child's open child in need plan when a child protection plan starts (census rule
    /// 4001: the two never run together).
    /// A started plan ends on the day the child protection plan starts (census
    /// `CINPlanEndDate`), for that reason; one still to be agreed is no longer needed.
    pub async fn end_open_cin_plans(&mut self, person: Uuid, on: NaiveDate) -> Result<u64> {
        let sql = "UPDATE cin_plans SET status = $1, version = version + 1, \
                   ended_on = CASE WHEN started_on IS NULL THEN NULL ELSE $3 END, \
                   end_reason = CASE WHEN started_on IS NULL THEN NULL ELSE $4 END \
                   WHERE person_id = $2 AND status <> $1";
        Ok(on_tx!(self.0, c => sqlx::query(sql)
            .bind(hearth_domain::assessment::states::CinPlanState::Ended.code()).bind(person).bind(on)
            .bind(hearth_domain::cin::closure::EndReason::CpPlanStarted.code())
            .execute(&mut *c).await.map(|r| r.rows_affected()))?)
    }

    /// A child in need plan to agree after a child protection plan ends, where the conference
    /// says one follows.
    pub async fn cin_plan_after(
        &mut self,
        person: Uuid,
        episode: Uuid,
        clock: Option<Uuid>,
        by: Uuid,
        now: DateTime<Utc>,
    ) -> Result<Uuid> {
        let id = Uuid::new_v4();
        // It lasts at least the protocol's minimum (seed 001: "a minimum of 3 months").
        on_tx!(self.0, c => sqlx::query("INSERT INTO cin_plans (id, person_id, episode_id, assessment_id, status, clock_id, created_by, created_at, minimum_plan) \
            VALUES ($1, $2, $3, NULL, $4, $5, $6, $7, $8)")
            .bind(id).bind(person).bind(episode)
            .bind(hearth_domain::assessment::states::CinPlanState::ToBeAgreed.code()).bind(clock).bind(by).bind(now).bind(true)
            .execute(&mut *c).await.map(|r| r.rows_affected()))?;
        Ok(id)
    }
}
