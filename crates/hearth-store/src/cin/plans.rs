//! Child in need plans (one not ended at a time for a child): opened by an assessment or after a
//! child protection plan as "to be agreed", started with what the plan says (census
//! `CINPlanStartDate`), reviewed, and ended with its reasons (census `CINPlanEndDate`). Reads
//! take the child's capability.

use chrono::{DateTime, NaiveDate, Utc};
use hearth_domain::assessment::states::CinPlanState;
use hearth_domain::authz::{CaseAccess, Read};
use hearth_domain::cin::cin_meeting::MeetingKind;
use hearth_domain::cin::closure::{EndReason, PlanEnding};
use hearth_domain::cin::plan::CinPlan;
use hearth_domain::cin::review::{CinReview, ReviewOutcome};
use hearth_domain::state::State;
use serde::Serialize;
use uuid::Uuid;

use crate::code_tables::decode_opt;
use crate::{on_tx, Result, StoreError, Tx};

/// A plan as stored, typed.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct CinPlanRow {
    pub id: Uuid,
    pub person_id: Uuid,
    pub episode_id: Uuid,
    pub assessment_id: Option<Uuid>,
    #[schema(value_type = String)]
    pub status: CinPlanState,
    /// Census `CINPlanStartDate`.
    pub started_on: Option<NaiveDate>,
    /// Census `CINPlanEndDate`.
    pub ended_on: Option<NaiveDate>,
    pub end_reason: Option<EndReason>,
    /// What the plan says beyond its outcomes and actions (which are versioned apart).
    pub details: Option<CinPlan>,
    pub ending: Option<PlanEnding>,
    /// Follows a child protection plan: it lasts at least the protocol's minimum.
    pub minimum_plan: bool,
    /// The clock for agreeing the plan (from the assessment or the conference).
    pub clock_id: Option<Uuid>,
    pub version: i64,
}

#[derive(sqlx::FromRow)]
struct Raw {
    id: Uuid,
    person_id: Uuid,
    episode_id: Uuid,
    assessment_id: Option<Uuid>,
    status: String,
    started_on: Option<NaiveDate>,
    ended_on: Option<NaiveDate>,
    end_reason: Option<String>,
    details: Option<String>,
    ending: Option<String>,
    minimum_plan: bool,
    clock_id: Option<Uuid>,
    version: i64,
}

fn json_opt<T: serde::de::DeserializeOwned>(v: Option<&str>, what: &str) -> Result<Option<T>> {
    v.map(|s| {
        serde_json::from_str(s).map_err(|e| {
            StoreError::Corrupt(format!("a child in need plan's {what} does not read: {e}"))
        })
    })
    .transpose()
}

impl TryFrom<Raw> for CinPlanRow {
    type Error = StoreError;
    fn try_from(r: Raw) -> Result<Self> {
        Ok(CinPlanRow {
            id: r.id,
            person_id: r.person_id,
            episode_id: r.episode_id,
            assessment_id: r.assessment_id,
            status: CinPlanState::from_code(&r.status).ok_or_else(|| {
                StoreError::Corrupt(format!("'{}' is not a plan state", r.status))
            })?,
            started_on: r.started_on,
            ended_on: r.ended_on,
            end_reason: decode_opt(r.end_reason.as_deref())?,
            details: json_opt(r.details.as_deref(), "details")?,
            ending: json_opt(r.ending.as_deref(), "ending")?,
            minimum_plan: r.minimum_plan,
            clock_id: r.clock_id,
            version: r.version,
        })
    }
}

const COLS: &str = "id, person_id, episode_id, assessment_id, status, started_on, ended_on, end_reason, details, ending, minimum_plan, clock_id, version";

/// A review as stored.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct CinReviewRow {
    pub id: Uuid,
    pub plan_id: Uuid,
    pub reviewed_on: NaiveDate,
    pub outcome: ReviewOutcome,
    pub record: CinReview,
}

#[derive(sqlx::FromRow)]
struct RawReview {
    id: Uuid,
    plan_id: Uuid,
    reviewed_on: NaiveDate,
    record: String,
}

/// A meeting as stored: its record is the domain's planning or regular meeting.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct CinMeetingRow {
    pub id: Uuid,
    pub kind: MeetingKind,
    pub held_on: NaiveDate,
    #[schema(value_type = Object)]
    pub record: serde_json::Value,
}

/// A meeting to store, with its record (the domain's planning or regular meeting).
pub struct NewCinMeeting<'a, T> {
    pub plan: Uuid,
    pub person: Uuid,
    pub kind: MeetingKind,
    pub held_on: NaiveDate,
    pub record: &'a T,
    pub by: Uuid,
}

/// Child in need plans.
pub struct CinPlans<'t>(&'t mut Tx);

impl Tx {
    /// Child in need plans.
    pub fn cin_plans(&mut self) -> CinPlans<'_> {
        CinPlans(self)
    }
}

impl CinPlans<'_> {
    /// Every plan of the child, newest first.
    pub async fn of_child(&mut self, access: &CaseAccess<Read>) -> Result<Vec<CinPlanRow>> {
        let sql =
            format!("SELECT {COLS} FROM cin_plans WHERE person_id = $1 ORDER BY created_at DESC");
        let rows = on_tx!(self.0, c => sqlx::query_as::<_, Raw>(&sql).bind(access.person().0).fetch_all(&mut *c).await)?;
        rows.into_iter().map(TryInto::try_into).collect()
    }

    /// A plan of the child `access` is for (not found for anyone else's).
    pub async fn get(&mut self, access: &CaseAccess<Read>, id: Uuid) -> Result<CinPlanRow> {
        let sql = format!("SELECT {COLS} FROM cin_plans WHERE id = $1 AND person_id = $2");
        on_tx!(self.0, c => sqlx::query_as::<_, Raw>(&sql).bind(id).bind(access.person().0).fetch_optional(&mut *c).await)?
            .ok_or(StoreError::NotFound)?
            .try_into()
    }

    /// Starts a plan to be agreed, if still so at `version`.
    pub async fn start(
        &mut self,
        id: Uuid,
        version: i64,
        started_on: NaiveDate,
        details: &CinPlan,
    ) -> Result<()> {
        let sql = "UPDATE cin_plans SET status = $1, started_on = $2, details = $3, version = version + 1 \
                   WHERE id = $4 AND version = $5 AND status = $6";
        let details = serde_json::to_string(details)?;
        let n = on_tx!(self.0, c => sqlx::query(sql)
            .bind(CinPlanState::Open.code()).bind(started_on).bind(details).bind(id).bind(version)
            .bind(CinPlanState::ToBeAgreed.code())
            .execute(&mut *c).await.map(|r| r.rows_affected()))?;
        self.0
            .versioned_change(crate::versioned::Versioned::CinPlans, id, n)
            .await
    }

    /// Ends an open plan, if still open at `version`.
    pub async fn end(&mut self, id: Uuid, version: i64, ending: &PlanEnding) -> Result<()> {
        let sql = "UPDATE cin_plans SET status = $1, ended_on = $2, end_reason = $3, ending = $4, version = version + 1 \
                   WHERE id = $5 AND version = $6 AND status = $7";
        let json = serde_json::to_string(ending)?;
        let n = on_tx!(self.0, c => sqlx::query(sql)
            .bind(CinPlanState::Ended.code()).bind(ending.ended_on).bind(ending.end_reason.code())
            .bind(json).bind(id).bind(version).bind(CinPlanState::Open.code())
            .execute(&mut *c).await.map(|r| r.rows_affected()))?;
        self.0
            .versioned_change(crate::versioned::Versioned::CinPlans, id, n)
            .await
    }

    /// Marks a plan as a minimum plan (it follows a child protection plan).
    pub async fn set_minimum(&mut self, id: Uuid) -> Result<()> {
        on_tx!(self.0, c => sqlx::query("UPDATE cin_plans SET minimum_plan = $1 WHERE id = $2")
            .bind(true).bind(id).execute(&mut *c).await.map(|r| r.rows_affected()))?;
        Ok(())
    }

    pub async fn add_review(
        &mut self,
        plan: Uuid,
        person: Uuid,
        r: &CinReview,
        by: Uuid,
        now: DateTime<Utc>,
    ) -> Result<Uuid> {
        let id = Uuid::new_v4();
        let record = serde_json::to_string(r)?;
        on_tx!(self.0, c => sqlx::query("INSERT INTO cin_reviews (id, plan_id, person_id, reviewed_on, outcome, record, recorded_by, recorded_at) \
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8)")
            .bind(id).bind(plan).bind(person).bind(r.reviewed_on).bind(r.outcome.code()).bind(record).bind(by).bind(now)
            .execute(&mut *c).await.map(|r| r.rows_affected()))?;
        Ok(id)
    }

    /// The plan's reviews, oldest first.
    pub async fn reviews(&mut self, plan: Uuid) -> Result<Vec<CinReviewRow>> {
        let sql = "SELECT id, plan_id, reviewed_on, record FROM cin_reviews WHERE plan_id = $1 ORDER BY reviewed_on, recorded_at";
        let rows = on_tx!(self.0, c => sqlx::query_as::<_, RawReview>(sql).bind(plan).fetch_all(&mut *c).await)?;
        rows.into_iter()
            .map(|r| {
                let record: CinReview = serde_json::from_str(&r.record).map_err(|e| {
                    StoreError::Corrupt(format!("a child in need review does not read: {e}"))
                })?;
                Ok(CinReviewRow {
                    id: r.id,
                    plan_id: r.plan_id,
                    reviewed_on: r.reviewed_on,
                    outcome: record.outcome,
                    record,
                })
            })
            .collect()
    }

    /// Records a planning or regular meeting of the plan.
    pub async fn add_meeting<T: Serialize>(
        &mut self,
        m: &NewCinMeeting<'_, T>,
        now: DateTime<Utc>,
    ) -> Result<Uuid> {
        let id = Uuid::new_v4();
        let record = serde_json::to_string(m.record)?;
        on_tx!(self.0, c => sqlx::query("INSERT INTO cin_meetings (id, plan_id, person_id, kind, held_on, record, recorded_by, recorded_at) \
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8)")
            .bind(id).bind(m.plan).bind(m.person).bind(m.kind.code()).bind(m.held_on).bind(record).bind(m.by).bind(now)
            .execute(&mut *c).await.map(|r| r.rows_affected()))?;
        Ok(id)
    }

    /// The plan's meetings, oldest first, each with its record as stored (JSON).
    pub async fn meetings(&mut self, plan: Uuid) -> Result<Vec<CinMeetingRow>> {
        let sql = "SELECT id, kind, held_on, record FROM cin_meetings WHERE plan_id = $1 ORDER BY held_on, recorded_at";
        let rows = on_tx!(self.0, c => sqlx::query_as::<_, (Uuid, String, NaiveDate, String)>(sql).bind(plan).fetch_all(&mut *c).await)?;
        rows.into_iter()
            .map(|(id, kind, held_on, record)| {
                Ok(CinMeetingRow {
                    id,
                    kind: MeetingKind::parse(&kind).map_err(StoreError::Corrupt)?,
                    held_on,
                    record: serde_json::from_str(&record).map_err(|e| {
                        StoreError::Corrupt(format!("a child in need meeting does not read: {e}"))
                    })?,
                })
            })
            .collect()
    }

    /// Records a visit to the child under this plan (the same visit record child protection
    /// uses: visits belong to the child).
    pub async fn add_visit(
        &mut self,
        person: Uuid,
        plan: Uuid,
        v: &hearth_domain::protection::plan::CpVisit,
        by: Uuid,
        now: DateTime<Utc>,
    ) -> Result<Uuid> {
        let id = Uuid::new_v4();
        let sql = "INSERT INTO child_visits (id, person_id, cin_plan_id, visited_on, child_seen, seen_alone, bedroom_seen, \
                   home_conditions, who_present, notes, recorded_by, recorded_at) \
                   VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)";
        on_tx!(self.0, c => sqlx::query(sql).bind(id).bind(person).bind(plan).bind(v.visited_on)
            .bind(v.child_seen).bind(v.seen_alone).bind(v.bedroom_seen).bind(v.home_conditions.trim())
            .bind(v.who_present.trim()).bind(v.notes.trim()).bind(by).bind(now)
            .execute(&mut *c).await.map(|r| r.rows_affected()))?;
        Ok(id)
    }

    /// The dates of the child's statutory visits under this plan, newest first.
    pub async fn visit_dates(&mut self, plan: Uuid) -> Result<Vec<NaiveDate>> {
        Ok(
            on_tx!(self.0, c => sqlx::query_scalar::<_, NaiveDate>("SELECT visited_on FROM child_visits WHERE cin_plan_id = $1 ORDER BY visited_on DESC")
            .bind(plan).fetch_all(&mut *c).await)?,
        )
    }
}
