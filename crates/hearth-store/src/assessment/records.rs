//! What is recorded during an assessment: visits (with the manager's reason when the child was
//! not seen, or not seen alone), views in people's own words (append-only), requests to other
//! agencies and their replies, and manager checkpoints with their answers.

use chrono::{DateTime, NaiveDate, Utc};
use hearth_domain::assessment::states::AssessmentState;
use hearth_domain::assessment::InterpreterChoice;
use serde::Serialize;
use uuid::Uuid;

use crate::{on_tx, Result, StoreError, Tx};

#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct VisitRow {
    pub id: Uuid,
    pub assessment_id: Uuid,
    pub visit_date: NaiveDate,
    pub child_seen: bool,
    pub seen_alone: bool,
    pub home_seen: bool,
    pub bedroom_seen: bool,
    pub all_children_considered: bool,
    pub who_was_seen: String,
    pub notes: String,
    pub recorded_by: Uuid,
    pub recorded_at: DateTime<Utc>,
    /// Why the child was not seen, or not seen alone, as the manager recorded it.
    pub manager_reason: Option<String>,
    pub manager_reason_by: Option<Uuid>,
    pub manager_reason_at: Option<DateTime<Utc>>,
    /// The people on record seen at the visit (the completion gate's evidence that each parent
    /// was seen), besides the free-text `who_was_seen`.
    #[sqlx(skip)]
    pub people_seen: Vec<Uuid>,
    /// When the visit was, on the 24-hour clock.
    pub visit_time: Option<chrono::NaiveTime>,
    /// Announced or unannounced (decoded from `visit_kind`).
    #[sqlx(skip)]
    #[schema(value_type = Option<String>)]
    pub kind: Option<hearth_domain::assessment::visit::VisitKind>,
    /// Where the child was seen (decoded from `place`).
    #[sqlx(skip)]
    #[schema(value_type = Option<String>)]
    pub place: Option<hearth_domain::assessment::visit::VisitPlace>,
    #[sqlx(rename = "visit_kind")]
    #[serde(skip)]
    #[doc(hidden)]
    pub kind_code: Option<String>,
    #[sqlx(rename = "place")]
    #[serde(skip)]
    #[doc(hidden)]
    pub place_code: Option<String>,
}

const VISIT_COLS: &str = "id, assessment_id, visit_date, child_seen, seen_alone, home_seen, bedroom_seen, all_children_considered, \
    who_was_seen, notes, recorded_by, recorded_at, manager_reason, manager_reason_by, manager_reason_at, \
    visit_time, visit_kind, place";

/// A decision about an interpreter for the assessment. Not using one when one is needed is
/// approved by a team manager (`approved_by`), who records it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InterpreterDecisionRow {
    pub id: Uuid,
    pub assessment_id: Uuid,
    pub choice: InterpreterChoice,
    pub reasons: String,
    pub decided_by: Uuid,
    pub approved_by: Option<Uuid>,
    pub decided_at: DateTime<Utc>,
}

/// An interpreter decision as the database holds it (the choice as its code).
#[derive(sqlx::FromRow)]
struct InterpreterRaw {
    id: Uuid,
    assessment_id: Uuid,
    choice: String,
    reasons: String,
    decided_by: Uuid,
    approved_by: Option<Uuid>,
    decided_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct ViewRow {
    pub id: i64,
    pub assessment_id: Uuid,
    pub speaker: String,
    pub speaker_name: String,
    pub kind: String,
    pub words: String,
    pub recorded_by: Uuid,
    pub recorded_at: DateTime<Utc>,
}

/// Views, a disagreement or a correction request to append.
pub struct NewView<'a> {
    pub assessment: Uuid,
    pub speaker: &'a str,
    pub speaker_name: &'a str,
    pub kind: &'a str,
    pub words: &'a str,
    pub by: Uuid,
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct AgencyRequestRow {
    pub id: Uuid,
    pub assessment_id: Uuid,
    pub agency: String,
    pub agency_type: String,
    pub asked: String,
    pub requested_on: NaiveDate,
    pub requested_by: Uuid,
    pub requested_at: DateTime<Utc>,
    pub response_on: Option<NaiveDate>,
    pub response: Option<String>,
    pub response_by: Option<Uuid>,
    pub response_at: Option<DateTime<Utc>>,
    /// The reply-due clock, where the protocol sets a timescale.
    pub clock_id: Option<Uuid>,
}

const AGENCY_COLS: &str =
    "id, assessment_id, agency, agency_type, asked, requested_on, requested_by, requested_at, \
    response_on, response, response_by, response_at, clock_id";

#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct CheckpointRow {
    pub assessment_id: Uuid,
    pub n: i64,
    pub clock_id: Uuid,
    pub question: String,
    pub answer: Option<String>,
    pub answered_on: Option<NaiveDate>,
    pub answered_by: Option<Uuid>,
    pub answered_at: Option<DateTime<Utc>>,
}

/// What an assessment records: visits, views, agency requests and checkpoints.
pub struct AssessmentRecords<'t>(&'t mut Tx);

impl Tx {
    /// What an assessment records: visits, views, agency requests and checkpoints.
    pub fn assessment_records(&mut self) -> AssessmentRecords<'_> {
        AssessmentRecords(self)
    }
}

impl AssessmentRecords<'_> {
    pub async fn insert_visit(&mut self, v: &VisitRow) -> Result<()> {
        let sql = format!("INSERT INTO assessment_visits ({VISIT_COLS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, NULL, NULL, NULL, $13, $14, $15)");
        on_tx!(self.0, c => sqlx::query(&sql).bind(v.id).bind(v.assessment_id).bind(v.visit_date).bind(v.child_seen)
            .bind(v.seen_alone).bind(v.home_seen).bind(v.bedroom_seen).bind(v.all_children_considered)
            .bind(&v.who_was_seen).bind(&v.notes).bind(v.recorded_by).bind(v.recorded_at)
            .bind(v.visit_time).bind(v.kind.map(|k| k.code())).bind(v.place.map(|p| p.code()))
            .execute(&mut *c).await.map(|r| r.rows_affected()))?;
        for person in &v.people_seen {
            let sql = "INSERT INTO assessment_visit_people (visit_id, person_id) VALUES ($1, $2) ON CONFLICT DO NOTHING";
            on_tx!(self.0, c => sqlx::query(sql).bind(v.id).bind(*person)
                .execute(&mut *c).await.map(|r| r.rows_affected()))?;
        }
        Ok(())
    }

    /// The visits in date order, each with the people recorded as seen (two queries).
    pub async fn visits(&mut self, assessment: Uuid) -> Result<Vec<VisitRow>> {
        let sql = format!("SELECT {VISIT_COLS} FROM assessment_visits WHERE assessment_id = $1 ORDER BY visit_date, recorded_at");
        let mut rows = on_tx!(self.0, c => sqlx::query_as::<_, VisitRow>(&sql).bind(assessment).fetch_all(&mut *c).await)?;
        let sql = "SELECT p.visit_id, p.person_id FROM assessment_visit_people p \
            JOIN assessment_visits v ON v.id = p.visit_id WHERE v.assessment_id = $1";
        let seen: Vec<(Uuid, Uuid)> =
            on_tx!(self.0, c => sqlx::query_as(sql).bind(assessment).fetch_all(&mut *c).await)?;
        for r in &mut rows {
            r.kind = crate::code_tables::decode_opt(r.kind_code.as_deref())?;
            r.place = crate::code_tables::decode_opt(r.place_code.as_deref())?;
            r.people_seen = seen
                .iter()
                .filter(|(v, _)| *v == r.id)
                .map(|(_, p)| *p)
                .collect();
            r.people_seen.sort();
        }
        Ok(rows)
    }

    /// Appends an interpreter decision (the latest is the one that stands).
    pub async fn insert_interpreter_decision(&mut self, d: &InterpreterDecisionRow) -> Result<()> {
        let sql = "INSERT INTO assessment_interpreter_decisions (id, assessment_id, n, choice, reasons, decided_by, approved_by, decided_at) \
            SELECT $1, $2, COALESCE(MAX(n), 0) + 1, $3, $4, $5, $6, $7 FROM assessment_interpreter_decisions WHERE assessment_id = $2";
        on_tx!(self.0, c => sqlx::query(sql).bind(d.id).bind(d.assessment_id).bind(d.choice.code()).bind(&d.reasons)
            .bind(d.decided_by).bind(d.approved_by).bind(d.decided_at)
            .execute(&mut *c).await.map(|r| r.rows_affected()))?;
        Ok(())
    }

    /// Every interpreter decision on the assessment, oldest first.
    pub async fn interpreter_decisions(
        &mut self,
        assessment: Uuid,
    ) -> Result<Vec<InterpreterDecisionRow>> {
        let sql = "SELECT id, assessment_id, choice, reasons, decided_by, approved_by, decided_at \
            FROM assessment_interpreter_decisions WHERE assessment_id = $1 ORDER BY n";
        let rows: Vec<InterpreterRaw> =
            on_tx!(self.0, c => sqlx::query_as(sql).bind(assessment).fetch_all(&mut *c).await)?;
        rows.into_iter()
            .map(|r| {
                Ok(InterpreterDecisionRow {
                    id: r.id,
                    assessment_id: r.assessment_id,
                    choice: crate::code_tables::decode(&r.choice)?,
                    reasons: r.reasons,
                    decided_by: r.decided_by,
                    approved_by: r.approved_by,
                    decided_at: r.decided_at,
                })
            })
            .collect()
    }

    /// Records the manager's reason on a visit where the child was not seen, or not seen alone.
    pub async fn record_visit_reason(
        &mut self,
        assessment: Uuid,
        visit: Uuid,
        reason: &str,
        by: Uuid,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let n = on_tx!(self.0, c => sqlx::query("UPDATE assessment_visits SET manager_reason = $1, manager_reason_by = $2, manager_reason_at = $3 \
            WHERE id = $4 AND assessment_id = $5 AND manager_reason IS NULL AND (NOT child_seen OR NOT seen_alone)")
            .bind(reason).bind(by).bind(now).bind(visit).bind(assessment).execute(&mut *c).await.map(|r| r.rows_affected()))?;
        if n == 0 {
            return Err(StoreError::Conflict {
                constraint: "this visit needs no reason, or one is already recorded".into(),
            });
        }
        Ok(())
    }

    pub async fn insert_view(&mut self, v: &NewView<'_>, now: DateTime<Utc>) -> Result<()> {
        on_tx!(self.0, c => sqlx::query("INSERT INTO assessment_views (assessment_id, speaker, speaker_name, kind, words, recorded_by, recorded_at) \
            VALUES ($1, $2, $3, $4, $5, $6, $7)")
            .bind(v.assessment).bind(v.speaker).bind(v.speaker_name).bind(v.kind).bind(v.words).bind(v.by).bind(now)
            .execute(&mut *c).await.map(|r| r.rows_affected()))?;
        Ok(())
    }

    /// Views in the order they were recorded.
    pub async fn views(&mut self, assessment: Uuid) -> Result<Vec<ViewRow>> {
        let sql = "SELECT id, assessment_id, speaker, speaker_name, kind, words, recorded_by, recorded_at FROM assessment_views \
            WHERE assessment_id = $1 ORDER BY id";
        Ok(
            on_tx!(self.0, c => sqlx::query_as::<_, ViewRow>(sql).bind(assessment).fetch_all(&mut *c).await)?,
        )
    }

    pub async fn insert_agency_request(&mut self, r: &AgencyRequestRow) -> Result<()> {
        let sql = format!("INSERT INTO assessment_agency_requests ({AGENCY_COLS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, NULL, NULL, NULL, NULL, $9)");
        on_tx!(self.0, c => sqlx::query(&sql).bind(r.id).bind(r.assessment_id).bind(&r.agency).bind(&r.agency_type)
            .bind(&r.asked).bind(r.requested_on).bind(r.requested_by).bind(r.requested_at).bind(r.clock_id)
            .execute(&mut *c).await.map(|r| r.rows_affected()))?;
        Ok(())
    }

    pub async fn agency_requests(&mut self, assessment: Uuid) -> Result<Vec<AgencyRequestRow>> {
        let sql = format!("SELECT {AGENCY_COLS} FROM assessment_agency_requests WHERE assessment_id = $1 ORDER BY requested_on, requested_at");
        Ok(
            on_tx!(self.0, c => sqlx::query_as::<_, AgencyRequestRow>(&sql).bind(assessment).fetch_all(&mut *c).await)?,
        )
    }

    /// Records what the agency sent back and when; a reply is recorded once.
    pub async fn record_agency_response(
        &mut self,
        assessment: Uuid,
        request: Uuid,
        on: NaiveDate,
        response: &str,
        by: Uuid,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let n = on_tx!(self.0, c => sqlx::query("UPDATE assessment_agency_requests SET response_on = $1, response = $2, response_by = $3, response_at = $4 \
            WHERE id = $5 AND assessment_id = $6 AND response_on IS NULL")
            .bind(on).bind(response).bind(by).bind(now).bind(request).bind(assessment).execute(&mut *c).await.map(|r| r.rows_affected()))?;
        if n == 0 {
            return Err(StoreError::Conflict {
                constraint: "this request's reply is already recorded".into(),
            });
        }
        Ok(())
    }

    pub async fn insert_checkpoint(
        &mut self,
        assessment: Uuid,
        n: i64,
        clock: Uuid,
        question: &str,
    ) -> Result<()> {
        on_tx!(self.0, c => sqlx::query("INSERT INTO assessment_checkpoints (assessment_id, n, clock_id, question) VALUES ($1, $2, $3, $4)")
            .bind(assessment).bind(n).bind(clock).bind(question).execute(&mut *c).await.map(|r| r.rows_affected()))?;
        Ok(())
    }

    pub async fn checkpoints(&mut self, assessment: Uuid) -> Result<Vec<CheckpointRow>> {
        let sql = "SELECT assessment_id, n, clock_id, question, answer, answered_on, answered_by, answered_at FROM assessment_checkpoints \
            WHERE assessment_id = $1 ORDER BY n";
        Ok(
            on_tx!(self.0, c => sqlx::query_as::<_, CheckpointRow>(sql).bind(assessment).fetch_all(&mut *c).await)?,
        )
    }

    pub async fn answer_checkpoint(
        &mut self,
        assessment: Uuid,
        n: i64,
        answer: &str,
        on: NaiveDate,
        by: Uuid,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let changed = on_tx!(self.0, c => sqlx::query("UPDATE assessment_checkpoints SET answer = $1, answered_on = $2, answered_by = $3, answered_at = $4 \
            WHERE assessment_id = $5 AND n = $6 AND answer IS NULL")
            .bind(answer).bind(on).bind(by).bind(now).bind(assessment).bind(n).execute(&mut *c).await.map(|r| r.rows_affected()))?;
        if changed == 0 {
            return Err(StoreError::Conflict {
                constraint: "this checkpoint has already been answered".into(),
            });
        }
        Ok(())
    }
}

/// A manager checkpoint still waiting for its answer.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct OpenCheckpointRow {
    pub assessment_id: Uuid,
    pub person_id: Uuid,
    pub n: i64,
    pub question: String,
    pub clock_id: Uuid,
}

impl AssessmentRecords<'_> {
    /// Unanswered checkpoints on assessments not yet authorised, soonest due first.
    pub async fn open_checkpoints(&mut self, limit: i64) -> Result<Vec<OpenCheckpointRow>> {
        let sql = "SELECT c.assessment_id, a.person_id, c.n, c.question, c.clock_id FROM assessment_checkpoints c \
            JOIN assessments a ON a.id = c.assessment_id JOIN clocks k ON k.id = c.clock_id \
            WHERE c.answer IS NULL AND a.status <> $2 ORDER BY k.due_date, c.n LIMIT $1";
        Ok(
            on_tx!(self.0, c => sqlx::query_as::<_, OpenCheckpointRow>(sql).bind(limit).bind(AssessmentState::Authorised.code()).fetch_all(&mut *c).await)?,
        )
    }
}
