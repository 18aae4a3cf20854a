//! Child and family assessments: the record, its state changes (each guarded by the record's
//! version so a stale screen never overwrites newer work) and the follow-on work it opens. The
//! factors and outcomes are rows of `assessment_factors` and `assessment_outcomes`, read for a
//! whole list in one query each.

use chrono::{DateTime, NaiveDate, Utc};
use hearth_domain::assessment::factors::Factor;
use hearth_domain::assessment::outcome::AssessmentOutcome;
use hearth_domain::assessment::states::{AssessmentState, CinPlanState, FollowOnWork};
use hearth_domain::authz::{CaseAccess, Read};
use hearth_domain::ids::{AssessmentId, EpisodeId};
use serde::Serialize;
use uuid::Uuid;

use crate::code_tables::{ASSESSMENT_FACTORS, ASSESSMENT_OUTCOMES};
use crate::{on_tx, Result, StoreError, Tx};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct AssessmentRow {
    #[sqlx(try_from = "Uuid")]
    pub id: AssessmentId,
    pub person_id: Uuid,
    #[sqlx(try_from = "Uuid")]
    pub episode_id: EpisodeId,
    pub referral_id: Option<Uuid>,
    pub origin: String,
    pub origin_note: String,
    pub referral_date: NaiveDate,
    pub start_date: NaiveDate,
    pub expected_delivery: Option<NaiveDate>,
    pub worker_id: Option<Uuid>,
    #[sqlx(try_from = "String")]
    pub status: AssessmentState,
    pub first_stage_on: Option<NaiveDate>,
    pub first_stage_note: Option<String>,
    /// Census factors from `assessment_factors`, in census order (none until submitted); filled
    /// by every read below.
    #[sqlx(skip)]
    pub factors: Vec<Factor>,
    /// Outcomes from `assessment_outcomes`, in their set's order; filled by every read below.
    #[sqlx(skip)]
    pub outcomes: Vec<AssessmentOutcome>,
    pub in_need: Option<bool>,
    pub completed_on: Option<NaiveDate>,
    pub submitted_by: Option<Uuid>,
    pub submitted_at: Option<DateTime<Utc>>,
    pub late_reason: Option<String>,
    pub returned_note: Option<String>,
    /// The manager's checklist answers as JSON.
    pub gate: Option<String>,
    pub authorised_on: Option<NaiveDate>,
    pub authorised_by: Option<Uuid>,
    pub authorised_at: Option<DateTime<Utc>>,
    pub acted_on_at: Option<DateTime<Utc>>,
    pub created_by: Uuid,
    pub created_at: DateTime<Utc>,
    pub version: i64,
}

const COLS: &str = "id, person_id, episode_id, referral_id, origin, origin_note, referral_date, start_date, \
    expected_delivery, worker_id, status, first_stage_on, first_stage_note, in_need, completed_on, \
    submitted_by, submitted_at, late_reason, returned_note, gate, authorised_on, authorised_by, authorised_at, \
    acted_on_at, created_by, created_at, version";

pub struct NewAssessment<'a> {
    pub person: Uuid,
    pub episode: Uuid,
    pub referral: Option<Uuid>,
    pub origin: &'a str,
    pub origin_note: &'a str,
    pub referral_date: NaiveDate,
    pub start_date: NaiveDate,
    pub expected_delivery: Option<NaiveDate>,
    pub worker: Option<Uuid>,
    pub by: Uuid,
    /// The held strategy discussion that started it, if any.
    pub strategy_discussion: Option<Uuid>,
}

/// What the worker submits for authorisation.
pub struct Submission<'a> {
    pub factors: &'a [Factor],
    pub outcomes: &'a [AssessmentOutcome],
    pub in_need: bool,
    pub completed_on: NaiveDate,
    pub late_reason: Option<&'a str>,
    pub by: Uuid,
}

/// A section's saved text.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct SectionRow {
    pub assessment_id: Uuid,
    pub section: String,
    pub body: String,
    pub version: i64,
    pub updated_by: Uuid,
    pub updated_at: DateTime<Utc>,
}

/// Follow-on work an assessment opened (a child in need plan to agree or a strategy discussion
/// to hold), with its state.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct FollowOn {
    pub id: Uuid,
    #[serde(flatten)]
    #[schema(value_type = Object)]
    pub work: FollowOnWork,
    pub assessment_id: Option<Uuid>,
    pub clock_id: Option<Uuid>,
    pub created_at: DateTime<Utc>,
}

#[derive(sqlx::FromRow)]
struct FollowOnRow {
    id: Uuid,
    kind: String,
    status: String,
    assessment_id: Option<Uuid>,
    clock_id: Option<Uuid>,
    created_at: DateTime<Utc>,
}

impl TryFrom<FollowOnRow> for FollowOn {
    type Error = StoreError;
    fn try_from(r: FollowOnRow) -> Result<Self> {
        let work = FollowOnWork::from_codes(&r.kind, &r.status).ok_or_else(|| {
            StoreError::Corrupt(format!(
                "follow-on {} has kind {:?} and state {:?}",
                r.id, r.kind, r.status
            ))
        })?;
        Ok(FollowOn {
            id: r.id,
            work,
            assessment_id: r.assessment_id,
            clock_id: r.clock_id,
            created_at: r.created_at,
        })
    }
}

/// Assessments, their sections and the follow-on work they open.
pub struct Assessments<'t>(&'t mut Tx);

impl Tx {
    /// Assessments, their sections and the follow-on work they open.
    pub fn assessments(&mut self) -> Assessments<'_> {
        Assessments(self)
    }
}

impl Assessments<'_> {
    pub async fn insert(&mut self, n: &NewAssessment<'_>, now: DateTime<Utc>) -> Result<Uuid> {
        let id = Uuid::new_v4();
        let sql = "INSERT INTO assessments (id, person_id, episode_id, referral_id, origin, origin_note, referral_date, \
            start_date, expected_delivery, worker_id, status, created_by, created_at, version, strategy_discussion_id) \
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $13, $11, $12, 1, $14)";
        on_tx!(self.0, c => sqlx::query(sql).bind(id).bind(n.person).bind(n.episode).bind(n.referral)
            .bind(n.origin).bind(n.origin_note).bind(n.referral_date).bind(n.start_date).bind(n.expected_delivery)
            .bind(n.worker).bind(n.by).bind(now).bind(AssessmentState::InProgress.code()).bind(n.strategy_discussion)
            .execute(&mut *c).await.map(|r| r.rows_affected()))?;
        Ok(id)
    }

    /// Fills in each assessment's factors and outcomes: one query per table for the whole list.
    async fn with_codes(&mut self, mut rows: Vec<AssessmentRow>) -> Result<Vec<AssessmentRow>> {
        let ids: Vec<Uuid> = rows.iter().map(|r| r.id.0).collect();
        let mut factors = self.0.codes_of(ASSESSMENT_FACTORS, &ids).await?;
        let mut outcomes = self.0.codes_of(ASSESSMENT_OUTCOMES, &ids).await?;
        for r in &mut rows {
            r.factors = factors.remove(&r.id.0).unwrap_or_default();
            r.outcomes = outcomes.remove(&r.id.0).unwrap_or_default();
        }
        Ok(rows)
    }

    async fn with_codes_opt(
        &mut self,
        row: Option<AssessmentRow>,
    ) -> Result<Option<AssessmentRow>> {
        Ok(self
            .with_codes(row.into_iter().collect())
            .await?
            .into_iter()
            .next())
    }

    /// An assessment of the child `access` is for (not found for anyone else's).
    pub async fn get(
        &mut self,
        access: &CaseAccess<Read>,
        id: AssessmentId,
    ) -> Result<AssessmentRow> {
        let id = id.0;
        let sql = format!("SELECT {COLS} FROM assessments WHERE id = $1 AND person_id = $2");
        let row = on_tx!(self.0, c => sqlx::query_as::<_, AssessmentRow>(&sql).bind(id).bind(access.person().0).fetch_optional(&mut *c).await)?;
        self.with_codes_opt(row).await?.ok_or(StoreError::NotFound)
    }

    /// A child's assessments, newest first.
    pub async fn of_child(&mut self, access: &CaseAccess<Read>) -> Result<Vec<AssessmentRow>> {
        let sql = format!("SELECT {COLS} FROM assessments WHERE person_id = $1 ORDER BY start_date DESC, created_at DESC");
        let rows = on_tx!(self.0, c => sqlx::query_as::<_, AssessmentRow>(&sql).bind(access.person().0).fetch_all(&mut *c).await)?;
        self.with_codes(rows).await
    }

    /// The assessment still open on an episode, if any.
    pub async fn open_on(&mut self, episode: Uuid) -> Result<Option<AssessmentRow>> {
        let sql = format!("SELECT {COLS} FROM assessments WHERE episode_id = $1 AND status <> $2");
        let row = on_tx!(self.0, c => sqlx::query_as::<_, AssessmentRow>(&sql).bind(episode).bind(AssessmentState::Authorised.code()).fetch_optional(&mut *c).await)?;
        self.with_codes_opt(row).await
    }

    /// Assessments not yet authorised: a worker's own, or (for managers) all awaiting authorisation
    /// as well; oldest start first.
    pub async fn in_progress(
        &mut self,
        worker: Uuid,
        with_awaiting_authorisation: bool,
        limit: i64,
    ) -> Result<Vec<AssessmentRow>> {
        let sql = format!("SELECT {COLS} FROM assessments WHERE status <> $4 AND (worker_id = $1 OR ($2 AND status = $5)) \
            ORDER BY start_date, created_at LIMIT $3");
        let rows = on_tx!(self.0, c => sqlx::query_as::<_, AssessmentRow>(&sql).bind(worker).bind(with_awaiting_authorisation).bind(limit).bind(AssessmentState::Authorised.code()).bind(AssessmentState::AwaitingAuthorisation.code()).fetch_all(&mut *c).await)?;
        self.with_codes(rows).await
    }

    async fn assessment_version(&mut self, id: Uuid) -> Result<i64> {
        let v: Option<i64> = on_tx!(self.0, c => sqlx::query_scalar("SELECT version FROM assessments WHERE id = $1")
            .bind(id).fetch_optional(&mut *c).await)?;
        v.ok_or(StoreError::NotFound)
    }

    async fn stale_assessment(&mut self, id: Uuid) -> StoreError {
        match self.assessment_version(id).await {
            Ok(current) => StoreError::Stale { current },
            Err(e) => e,
        }
    }

    async fn changed(&mut self, id: Uuid, n: u64) -> Result<i64> {
        if n == 0 {
            return Err(self.stale_assessment(id).await);
        }
        self.assessment_version(id).await
    }

    /// Records the end of the first stage (or the initial assessment).
    pub async fn conclude_first_stage(
        &mut self,
        id: Uuid,
        version: i64,
        on: NaiveDate,
        note: &str,
    ) -> Result<i64> {
        let n = on_tx!(self.0, c => sqlx::query("UPDATE assessments SET first_stage_on = $1, first_stage_note = $2, version = version + 1 \
            WHERE id = $3 AND version = $4 AND first_stage_on IS NULL AND status = $5")
            .bind(on).bind(note).bind(id).bind(version).bind(AssessmentState::InProgress.code()).execute(&mut *c).await.map(|r| r.rows_affected()))?;
        self.changed(id, n).await
    }

    pub async fn submit(
        &mut self,
        id: Uuid,
        version: i64,
        s: &Submission<'_>,
        now: DateTime<Utc>,
    ) -> Result<i64> {
        let n = on_tx!(self.0, c => sqlx::query("UPDATE assessments SET status = $8, \
            in_need = $1, completed_on = $2, late_reason = $3, submitted_by = $4, submitted_at = $5, returned_note = NULL, version = version + 1 \
            WHERE id = $6 AND version = $7 AND status = $9")
            .bind(s.in_need).bind(s.completed_on).bind(s.late_reason)
            .bind(s.by).bind(now).bind(id).bind(version).bind(AssessmentState::AwaitingAuthorisation.code()).bind(AssessmentState::InProgress.code()).execute(&mut *c).await.map(|r| r.rows_affected()))?;
        let version = self.changed(id, n).await?;
        self.0
            .replace_codes(ASSESSMENT_FACTORS, id, s.factors)
            .await?;
        self.0
            .replace_codes(ASSESSMENT_OUTCOMES, id, s.outcomes)
            .await?;
        Ok(version)
    }

    /// A manager sends the assessment back for more work, saying what is needed.
    pub async fn return_for_work(&mut self, id: Uuid, version: i64, note: &str) -> Result<i64> {
        let n = on_tx!(self.0, c => sqlx::query("UPDATE assessments SET status = $4, returned_note = $1, version = version + 1 \
            WHERE id = $2 AND version = $3 AND status = $5")
            .bind(note).bind(id).bind(version).bind(AssessmentState::InProgress.code()).bind(AssessmentState::AwaitingAuthorisation.code()).execute(&mut *c).await.map(|r| r.rows_affected()))?;
        self.changed(id, n).await
    }

    pub async fn authorise(
        &mut self,
        id: Uuid,
        version: i64,
        gate_json: &str,
        on: NaiveDate,
        by: Uuid,
        now: DateTime<Utc>,
    ) -> Result<i64> {
        let n = on_tx!(self.0, c => sqlx::query("UPDATE assessments SET status = $7, gate = $1, authorised_on = $2, authorised_by = $3, \
            authorised_at = $4, version = version + 1 WHERE id = $5 AND version = $6 AND status = $8")
            .bind(gate_json).bind(on).bind(by).bind(now).bind(id).bind(version).bind(AssessmentState::Authorised.code()).bind(AssessmentState::AwaitingAuthorisation.code()).execute(&mut *c).await.map(|r| r.rows_affected()))?;
        self.changed(id, n).await
    }

    pub async fn mark_acted_on(
        &mut self,
        id: Uuid,
        version: i64,
        now: DateTime<Utc>,
    ) -> Result<i64> {
        let n = on_tx!(self.0, c => sqlx::query("UPDATE assessments SET acted_on_at = $1, version = version + 1 \
            WHERE id = $2 AND version = $3 AND status = $4 AND acted_on_at IS NULL")
            .bind(now).bind(id).bind(version).bind(AssessmentState::Authorised.code()).execute(&mut *c).await.map(|r| r.rows_affected()))?;
        self.changed(id, n).await
    }

    pub async fn sections(&mut self, id: Uuid) -> Result<Vec<SectionRow>> {
        let sql = "SELECT assessment_id, section, body, version, updated_by, updated_at FROM assessment_sections WHERE assessment_id = $1";
        Ok(
            on_tx!(self.0, c => sqlx::query_as::<_, SectionRow>(sql).bind(id).fetch_all(&mut *c).await)?,
        )
    }

    pub async fn section(&mut self, id: Uuid, section: &str) -> Result<Option<SectionRow>> {
        let sql = "SELECT assessment_id, section, body, version, updated_by, updated_at FROM assessment_sections WHERE assessment_id = $1 AND section = $2";
        Ok(
            on_tx!(self.0, c => sqlx::query_as::<_, SectionRow>(sql).bind(id).bind(section).fetch_optional(&mut *c).await)?,
        )
    }

    /// Saves a section over `version` (0 when it has never been saved); returns the new version.
    /// A save over an older version is refused as stale, never applied.
    pub async fn save_section(
        &mut self,
        id: Uuid,
        section: &str,
        version: i64,
        body: &str,
        by: Uuid,
        now: DateTime<Utc>,
    ) -> Result<i64> {
        let n = if version == 0 {
            on_tx!(self.0, c => sqlx::query("INSERT INTO assessment_sections (assessment_id, section, body, version, updated_by, updated_at) \
                VALUES ($1, $2, $3, 1, $4, $5) ON CONFLICT (assessment_id, section) DO NOTHING")
                .bind(id).bind(section).bind(body).bind(by).bind(now).execute(&mut *c).await.map(|r| r.rows_affected()))?
        } else {
            on_tx!(self.0, c => sqlx::query("UPDATE assessment_sections SET body = $1, version = version + 1, updated_by = $2, updated_at = $3 \
                WHERE assessment_id = $4 AND section = $5 AND version = $6")
                .bind(body).bind(by).bind(now).bind(id).bind(section).bind(version).execute(&mut *c).await.map(|r| r.rows_affected()))?
        };
        if n == 0 {
            let current = self.section(id, section).await?.map_or(0, |s| s.version);
            return Err(StoreError::Stale { current });
        }
        Ok(version + 1)
    }

    /// Gives the episode's assessment in progress (if any) to `worker`.
    pub async fn reassign_open(&mut self, episode: Uuid, worker: Uuid) -> Result<()> {
        on_tx!(self.0, c => sqlx::query("UPDATE assessments SET worker_id = $1, version = version + 1 WHERE episode_id = $2 AND status <> $3 AND (worker_id IS NULL OR worker_id <> $1)")
            .bind(worker).bind(episode).bind(AssessmentState::Authorised.code()).execute(&mut *c).await.map(|r| r.rows_affected()))?;
        Ok(())
    }

    /// Opens a child in need plan to be agreed (its planning clock already started).
    pub async fn insert_cin_plan(
        &mut self,
        person: Uuid,
        episode: Uuid,
        assessment: Uuid,
        clock: Option<Uuid>,
        by: Uuid,
        now: DateTime<Utc>,
    ) -> Result<Uuid> {
        let id = Uuid::new_v4();
        on_tx!(self.0, c => sqlx::query("INSERT INTO cin_plans (id, person_id, episode_id, assessment_id, status, clock_id, created_by, created_at) \
            VALUES ($1, $2, $3, $4, $8, $5, $6, $7)")
            .bind(id).bind(person).bind(episode).bind(assessment).bind(clock).bind(by).bind(now).bind(CinPlanState::ToBeAgreed.code())
            .execute(&mut *c).await.map(|r| r.rows_affected()))?;
        Ok(id)
    }

    /// The plans and discussions an assessment opened.
    pub async fn follow_on(&mut self, assessment: Uuid) -> Result<Vec<FollowOn>> {
        let sql = "SELECT id, $2 AS kind, status, assessment_id, clock_id, created_at FROM cin_plans WHERE assessment_id = $1 \
            UNION ALL SELECT id, $3 AS kind, status, assessment_id, NULL AS clock_id, requested_at AS created_at \
            FROM strategy_discussions WHERE assessment_id = $1";
        let rows = on_tx!(self.0, c => sqlx::query_as::<_, FollowOnRow>(sql).bind(assessment)
            .bind(FollowOnWork::CIN_PLAN).bind(FollowOnWork::STRATEGY_DISCUSSION).fetch_all(&mut *c).await)?;
        rows.into_iter().map(FollowOn::try_from).collect()
    }
}
