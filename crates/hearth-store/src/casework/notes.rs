//! Case notes, the children each is about, and the corrections appended to final notes. Reads
//! about a child take that child's capability; a note is read whole only by someone who may read
//! every child it is about (the use case checks each).

use chrono::{DateTime, Utc};
use hearth_domain::authz::{CaseAccess, Read};
use hearth_domain::casework::notes::{NoteKind, NoteState};
use hearth_domain::ids::{PersonId, UserId};
use serde::Serialize;
use uuid::Uuid;

use crate::{on_tx, Result, StoreError, Tx};

/// A note as stored, with the children it is about and its corrections.
#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct NoteRow {
    pub id: Uuid,
    #[sqlx(try_from = "String")]
    #[schema(value_type = String)]
    pub kind: NoteKind,
    pub occurred_at: DateTime<Utc>,
    pub significant: bool,
    #[sqlx(try_from = "String")]
    #[schema(value_type = String)]
    pub status: NoteState,
    pub body: String,
    pub author_id: Uuid,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub finalised_at: Option<DateTime<Utc>>,
    pub version: i64,
    #[sqlx(skip)]
    pub children: Vec<Uuid>,
    #[sqlx(skip)]
    pub corrections: Vec<CorrectionRow>,
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct CorrectionRow {
    pub id: Uuid,
    pub note_id: Uuid,
    pub text: String,
    pub by_id: Uuid,
    pub at: DateTime<Utc>,
}

/// The worker's analysis of a child's chronology.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct AnalysisRow {
    pub text: String,
    pub by_id: Uuid,
    pub at: DateTime<Utc>,
    pub version: i64,
}

/// A note as written.
pub struct NoteWrite<'a> {
    pub kind: NoteKind,
    pub occurred_at: DateTime<Utc>,
    pub significant: bool,
    pub body: &'a str,
}

const COLS: &str = "id, kind, occurred_at, significant, status, body, author_id, created_at, updated_at, finalised_at, version";

/// Case notes.
pub struct Notes<'t>(&'t mut Tx);

impl Tx {
    /// Case notes.
    pub fn case_notes(&mut self) -> Notes<'_> {
        Notes(self)
    }
}

impl Notes<'_> {
    pub async fn insert(
        &mut self,
        n: &NoteWrite<'_>,
        children: &[PersonId],
        state: NoteState,
        by: UserId,
        now: DateTime<Utc>,
    ) -> Result<Uuid> {
        let id = Uuid::new_v4();
        let finalised = (state == NoteState::Final).then_some(now);
        let sql = format!(
            "INSERT INTO case_notes ({COLS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8, $9, 1)"
        );
        on_tx!(self.0, c => sqlx::query(&sql)
            .bind(id).bind(n.kind.code()).bind(n.occurred_at).bind(n.significant).bind(state.code())
            .bind(n.body.trim()).bind(by.0).bind(now).bind(finalised)
            .execute(&mut *c).await.map(|r| r.rows_affected()))?;
        for child in children {
            on_tx!(self.0, c => sqlx::query("INSERT INTO case_note_children (note_id, person_id) VALUES ($1, $2)")
                .bind(id).bind(child.0).execute(&mut *c).await.map(|r| r.rows_affected()))?;
        }
        Ok(id)
    }

    /// The children a note is about (ids only: enough to ask for each one's capability).
    pub async fn children_of(&mut self, note: Uuid) -> Result<Vec<PersonId>> {
        let sql = "SELECT person_id FROM case_note_children WHERE note_id = $1 ORDER BY person_id";
        let ids: Vec<Uuid> =
            on_tx!(self.0, c => sqlx::query_scalar(sql).bind(note).fetch_all(&mut *c).await)?;
        Ok(ids.into_iter().map(PersonId).collect())
    }

    /// A note the child `access` is for is about, whole.
    pub async fn get(&mut self, access: &CaseAccess<Read>, id: Uuid) -> Result<NoteRow> {
        let sql = format!(
            "SELECT {COLS} FROM case_notes WHERE id = $1 AND id IN \
             (SELECT note_id FROM case_note_children WHERE person_id = $2)"
        );
        let mut row = on_tx!(self.0, c => sqlx::query_as::<_, NoteRow>(&sql).bind(id).bind(access.person().0).fetch_optional(&mut *c).await)?
            .ok_or(StoreError::NotFound)?;
        row.children = self
            .children_of(id)
            .await?
            .into_iter()
            .map(|p| p.0)
            .collect();
        let sql = "SELECT id, note_id, text, by_id, at FROM case_note_corrections WHERE note_id = $1 ORDER BY at";
        row.corrections = on_tx!(self.0, c => sqlx::query_as::<_, CorrectionRow>(sql).bind(id).fetch_all(&mut *c).await)?;
        Ok(row)
    }

    /// The child's notes, newest first (at most `limit`), each with its children and corrections.
    pub async fn of_child(
        &mut self,
        access: &CaseAccess<Read>,
        limit: i64,
    ) -> Result<Vec<NoteRow>> {
        let sql = format!(
            "SELECT {COLS} FROM case_notes WHERE id IN \
             (SELECT note_id FROM case_note_children WHERE person_id = $1) \
             ORDER BY occurred_at DESC LIMIT $2"
        );
        let mut rows = on_tx!(self.0, c => sqlx::query_as::<_, NoteRow>(&sql).bind(access.person().0).bind(limit).fetch_all(&mut *c).await)?;
        let links_sql = "SELECT cn.note_id, cn.person_id FROM case_note_children cn \
            JOIN case_note_children mine ON mine.note_id = cn.note_id AND mine.person_id = $1";
        let links: Vec<(Uuid, Uuid)> = on_tx!(self.0, c => sqlx::query_as(links_sql).bind(access.person().0).fetch_all(&mut *c).await)?;
        let corr_sql = "SELECT k.id, k.note_id, k.text, k.by_id, k.at FROM case_note_corrections k \
            JOIN case_note_children mine ON mine.note_id = k.note_id AND mine.person_id = $1 ORDER BY k.at";
        let corrections: Vec<CorrectionRow> = on_tx!(self.0, c => sqlx::query_as::<_, CorrectionRow>(corr_sql).bind(access.person().0).fetch_all(&mut *c).await)?;
        for r in &mut rows {
            r.children = links
                .iter()
                .filter(|(n, _)| *n == r.id)
                .map(|(_, p)| *p)
                .collect();
            r.corrections = corrections
                .iter()
                .filter(|k| k.note_id == r.id)
                .cloned()
                .collect();
        }
        Ok(rows)
    }

    /// When the child's case last had management oversight, if ever.
    pub async fn last_oversight(&mut self, person: PersonId) -> Result<Option<DateTime<Utc>>> {
        let sql = "SELECT MAX(n.occurred_at) FROM case_notes n JOIN case_note_children cn ON cn.note_id = n.id \
                   WHERE cn.person_id = $1 AND n.kind = $2";
        Ok(
            on_tx!(self.0, c => sqlx::query_scalar::<_, Option<DateTime<Utc>>>(sql).bind(person.0)
            .bind(NoteKind::ManagementOversight.code()).fetch_one(&mut *c).await)?,
        )
    }

    async fn stale_or_missing(&mut self, id: Uuid) -> StoreError {
        let sql = "SELECT version FROM case_notes WHERE id = $1";
        match on_tx!(self.0, c => sqlx::query_scalar::<_, i64>(sql).bind(id).fetch_optional(&mut *c).await)
        {
            Ok(Some(current)) => StoreError::Stale { current },
            Ok(None) => StoreError::NotFound,
            Err(e) => e.into(),
        }
    }

    /// Changes a draft at `version` (a final note matches no row).
    pub async fn update_draft(
        &mut self,
        id: Uuid,
        version: i64,
        n: &NoteWrite<'_>,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let sql = "UPDATE case_notes SET kind = $1, occurred_at = $2, significant = $3, body = $4, updated_at = $5, \
                   version = version + 1 WHERE id = $6 AND version = $7 AND status = $8";
        let rows = on_tx!(self.0, c => sqlx::query(sql)
            .bind(n.kind.code()).bind(n.occurred_at).bind(n.significant).bind(n.body.trim()).bind(now)
            .bind(id).bind(version).bind(NoteState::Draft.code())
            .execute(&mut *c).await.map(|r| r.rows_affected()))?;
        if rows == 0 {
            return Err(self.stale_or_missing(id).await);
        }
        Ok(())
    }

    /// Makes a draft final at `version`.
    pub async fn finalise(&mut self, id: Uuid, version: i64, now: DateTime<Utc>) -> Result<()> {
        let sql = "UPDATE case_notes SET status = $1, finalised_at = $2, updated_at = $2, version = version + 1 \
                   WHERE id = $3 AND version = $4 AND status = $5";
        let rows = on_tx!(self.0, c => sqlx::query(sql)
            .bind(NoteState::Final.code()).bind(now).bind(id).bind(version).bind(NoteState::Draft.code())
            .execute(&mut *c).await.map(|r| r.rows_affected()))?;
        if rows == 0 {
            return Err(self.stale_or_missing(id).await);
        }
        Ok(())
    }

    /// Appends a correction to a final note.
    pub async fn add_correction(
        &mut self,
        note: Uuid,
        text: &str,
        by: UserId,
        now: DateTime<Utc>,
    ) -> Result<Uuid> {
        let id = Uuid::new_v4();
        on_tx!(self.0, c => sqlx::query("INSERT INTO case_note_corrections (id, note_id, text, by_id, at) VALUES ($1, $2, $3, $4, $5)")
            .bind(id).bind(note).bind(text.trim()).bind(by.0).bind(now)
            .execute(&mut *c).await.map(|r| r.rows_affected()))?;
        Ok(id)
    }

    /// The worker's analysis of the child's chronology, if written.
    pub async fn analysis(&mut self, access: &CaseAccess<Read>) -> Result<Option<AnalysisRow>> {
        let sql = "SELECT text, by_id, at, version FROM chronology_analyses WHERE person_id = $1";
        Ok(
            on_tx!(self.0, c => sqlx::query_as::<_, AnalysisRow>(sql).bind(access.person().0).fetch_optional(&mut *c).await)?,
        )
    }

    /// Writes the analysis if it is still at `version` (0: none yet).
    pub async fn save_analysis(
        &mut self,
        access: &CaseAccess<Read>,
        text: &str,
        version: i64,
        by: UserId,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let person = access.person().0;
        let rows = if version == 0 {
            on_tx!(self.0, c => sqlx::query("INSERT INTO chronology_analyses (person_id, text, by_id, at, version) \
                VALUES ($1, $2, $3, $4, 1) ON CONFLICT (person_id) DO NOTHING")
                .bind(person).bind(text).bind(by.0).bind(now).execute(&mut *c).await.map(|r| r.rows_affected()))?
        } else {
            on_tx!(self.0, c => sqlx::query("UPDATE chronology_analyses SET text = $1, by_id = $2, at = $3, version = version + 1 \
                WHERE person_id = $4 AND version = $5")
                .bind(text).bind(by.0).bind(now).bind(person).bind(version).execute(&mut *c).await.map(|r| r.rows_affected()))?
        };
        if rows == 0 {
            let sql = "SELECT version FROM chronology_analyses WHERE person_id = $1";
            let current: Option<i64> = on_tx!(self.0, c => sqlx::query_scalar(sql).bind(person).fetch_optional(&mut *c).await)?;
            return Err(StoreError::Stale {
                current: current.unwrap_or(0),
            });
        }
        Ok(())
    }
}
