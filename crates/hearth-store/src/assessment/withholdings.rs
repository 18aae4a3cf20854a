//! What is left out of the family's copy of an assessment, and why; a part put back keeps its row.

use chrono::{DateTime, Utc};
use hearth_domain::assessment::withholding::{WithheldKind, WithheldPart, WithholdReason};
use uuid::Uuid;

use crate::code_tables::decode;
use crate::{on_tx, Result, StoreError, Tx};

/// One decision to leave a part out, typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WithholdingRow {
    pub id: Uuid,
    pub assessment_id: Uuid,
    pub part: WithheldPart,
    pub reason: WithholdReason,
    pub explanation: String,
    pub withheld_by: Uuid,
    pub withheld_at: DateTime<Utc>,
    pub restored_by: Option<Uuid>,
    pub restored_at: Option<DateTime<Utc>>,
    /// Why the part can now be shared.
    pub restored_why: Option<String>,
}

#[derive(sqlx::FromRow)]
struct Raw {
    id: Uuid,
    assessment_id: Uuid,
    part_kind: String,
    part_ref: Option<String>,
    reason: String,
    explanation: String,
    withheld_by: Uuid,
    withheld_at: DateTime<Utc>,
    restored_by: Option<Uuid>,
    restored_at: Option<DateTime<Utc>>,
    restored_why: Option<String>,
}

impl Raw {
    fn typed(self) -> Result<WithholdingRow> {
        let kind: WithheldKind = decode(&self.part_kind)?;
        let part = WithheldPart::parse(kind, self.part_ref.as_deref())
            .map_err(|m| StoreError::Corrupt(format!("family copy part: {m}")))?;
        Ok(WithholdingRow {
            id: self.id,
            assessment_id: self.assessment_id,
            part,
            reason: decode(&self.reason)?,
            explanation: self.explanation,
            withheld_by: self.withheld_by,
            withheld_at: self.withheld_at,
            restored_by: self.restored_by,
            restored_at: self.restored_at,
            restored_why: self.restored_why,
        })
    }
}

const COLS: &str = "id, assessment_id, part_kind, part_ref, reason, explanation, withheld_by, withheld_at, restored_by, restored_at, restored_why";

pub struct Withholdings<'t>(&'t mut Tx);

impl Tx {
    /// What is left out of an assessment's family copy.
    pub fn withholdings(&mut self) -> Withholdings<'_> {
        Withholdings(self)
    }
}

impl Withholdings<'_> {
    /// Records a part left out. A part already left out (and not put back) is not recorded twice:
    /// returns false.
    pub async fn insert(&mut self, w: &WithholdingRow) -> Result<bool> {
        let sql = format!(
            "INSERT INTO family_copy_withholdings (n, {COLS}) \
             SELECT (SELECT COALESCE(MAX(n), 0) + 1 FROM family_copy_withholdings WHERE assessment_id = $2), \
               $1, $2, $3, $4, $5, $6, $7, $8, NULL, NULL, NULL \
             WHERE NOT EXISTS (SELECT 1 FROM family_copy_withholdings WHERE assessment_id = $2 \
               AND part_kind = $3 AND COALESCE(part_ref, '') = COALESCE($4, '') AND restored_at IS NULL)"
        );
        let n = on_tx!(self.0, c => sqlx::query(&sql).bind(w.id).bind(w.assessment_id)
            .bind(w.part.kind().code()).bind(w.part.reference()).bind(w.reason.code())
            .bind(&w.explanation).bind(w.withheld_by).bind(w.withheld_at)
            .execute(&mut *c).await.map(|r| r.rows_affected()));
        match n.map_err(StoreError::from) {
            Ok(n) => Ok(n == 1),
            // Someone else left the same part out at the same moment (the unique index).
            Err(StoreError::Conflict { constraint }) if constraint.contains("one_in_force") => {
                Ok(false)
            }
            Err(e) => Err(e),
        }
    }

    /// Puts a part back; false when there is no such withholding still in force.
    pub async fn restore(
        &mut self,
        assessment: Uuid,
        id: Uuid,
        by: Uuid,
        at: DateTime<Utc>,
        why: &str,
    ) -> Result<bool> {
        let sql = "UPDATE family_copy_withholdings SET restored_by = $1, restored_at = $2, restored_why = $5 \
                   WHERE id = $3 AND assessment_id = $4 AND restored_at IS NULL";
        let n = on_tx!(self.0, c => sqlx::query(sql).bind(by).bind(at).bind(id).bind(assessment).bind(why)
            .execute(&mut *c).await.map(|r| r.rows_affected()))?;
        Ok(n == 1)
    }

    /// Every withholding on the assessment, in force or put back, oldest first.
    pub async fn of_assessment(&mut self, assessment: Uuid) -> Result<Vec<WithholdingRow>> {
        let sql = format!(
            "SELECT {COLS} FROM family_copy_withholdings WHERE assessment_id = $1 ORDER BY n, id"
        );
        let rows: Vec<Raw> =
            on_tx!(self.0, c => sqlx::query_as(&sql).bind(assessment).fetch_all(&mut *c).await)?;
        rows.into_iter().map(Raw::typed).collect()
    }
}
