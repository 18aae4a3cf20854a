//! The child's census identity: the allocated LA child ID (unique), a former UPN, the reason a
//! UPN is not held and the date of death. Reads take the child's capability.

use chrono::NaiveDate;
use hearth_domain::authz::{CaseAccess, Read};
use hearth_domain::ids::PersonId;
use hearth_domain::returns::identity::{IdentityChange, LaChildId, UpnUnknown};
use hearth_domain::upn::Upn;
use serde::Serialize;

use crate::code_tables::decode_opt;
use crate::{on_tx, Result, StoreError, Tx};

/// The census identity as stored, typed.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct IdentityRow {
    #[schema(value_type = String)]
    pub la_child_id: LaChildId,
    #[schema(value_type = Option<String>)]
    pub former_upn: Option<Upn>,
    pub upn_unknown: Option<UpnUnknown>,
    pub death_date: Option<NaiveDate>,
    pub version: i64,
}

#[derive(sqlx::FromRow)]
struct Raw {
    la_child_id: String,
    former_upn: Option<String>,
    upn_unknown: Option<String>,
    death_date: Option<NaiveDate>,
    version: i64,
}

const COUNTER: &str = "la_child_id";

/// Census identities.
pub struct Identities<'t>(&'t mut Tx);

impl Tx {
    /// Census identities.
    pub fn census_identity(&mut self) -> Identities<'_> {
        Identities(self)
    }
}

impl Identities<'_> {
    /// Allocates the next LA child ID to a person just recorded (in the recording's
    /// transaction: the counter's row lock serialises two at once).
    pub async fn allocate(&mut self, person: PersonId) -> Result<LaChildId> {
        let n = on_tx!(self.0, c => sqlx::query_scalar::<_, i64>(
            "UPDATE census_counters SET value = value + 1 WHERE name = $1 RETURNING value")
            .bind(COUNTER).fetch_one(&mut *c).await)?;
        let id = LaChildId::allocated(u64::try_from(n).unwrap_or_default());
        on_tx!(self.0, c => sqlx::query("INSERT INTO census_identity (person_id, la_child_id, version) VALUES ($1, $2, 1)")
            .bind(person.0).bind(id.as_str()).execute(&mut *c).await.map(|r| r.rows_affected()))?;
        Ok(id)
    }

    /// The child's census identity.
    pub async fn get(&mut self, access: &CaseAccess<Read>) -> Result<IdentityRow> {
        let r = on_tx!(self.0, c => sqlx::query_as::<_, Raw>(
            "SELECT la_child_id, former_upn, upn_unknown, death_date, version FROM census_identity WHERE person_id = $1")
            .bind(access.person().0).fetch_optional(&mut *c).await)?
            .ok_or(StoreError::NotFound)?;
        let corrupt =
            |what: &str, e: String| StoreError::Corrupt(format!("a census identity's {what}: {e}"));
        Ok(IdentityRow {
            la_child_id: LaChildId::parse(&r.la_child_id).map_err(|e| corrupt("LA child ID", e))?,
            former_upn: r
                .former_upn
                .as_deref()
                .map(Upn::parse)
                .transpose()
                .map_err(|e| corrupt("former UPN", e.to_string()))?,
            upn_unknown: decode_opt(r.upn_unknown.as_deref())?,
            death_date: r.death_date,
            version: r.version,
        })
    }

    /// Records what a worker changed, if the identity is still at `version`.
    pub async fn update(
        &mut self,
        person: PersonId,
        version: i64,
        c: &IdentityChange,
    ) -> Result<()> {
        let n = on_tx!(self.0, x => sqlx::query(
            "UPDATE census_identity SET former_upn = $1, upn_unknown = $2, death_date = $3, version = version + 1 \
             WHERE person_id = $4 AND version = $5")
            .bind(c.former_upn.as_ref().map(|u| u.as_str().to_string()))
            .bind(c.upn_unknown.map(|u| u.code())).bind(c.death_date).bind(person.0).bind(version)
            .execute(&mut *x).await.map(|r| r.rows_affected()))?;
        if n == 1 {
            return Ok(());
        }
        let current = on_tx!(self.0, x => sqlx::query_scalar::<_, i64>("SELECT version FROM census_identity WHERE person_id = $1")
            .bind(person.0).fetch_optional(&mut *x).await)?;
        Err(match current {
            Some(current) => StoreError::Stale { current },
            None => StoreError::NotFound,
        })
    }
}

/// An assessment of the child with its census internal review date.
#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct AssessmentReviewRow {
    pub id: uuid::Uuid,
    pub start_date: NaiveDate,
    pub internal_review_date: Option<NaiveDate>,
}

impl Identities<'_> {
    /// The child's assessments with their internal review dates, newest first.
    pub async fn assessment_reviews(
        &mut self,
        access: &CaseAccess<Read>,
    ) -> Result<Vec<AssessmentReviewRow>> {
        Ok(
            on_tx!(self.0, c => sqlx::query_as::<_, AssessmentReviewRow>(
            "SELECT id, start_date, internal_review_date FROM assessments WHERE person_id = $1 ORDER BY start_date DESC")
            .bind(access.person().0).fetch_all(&mut *c).await)?,
        )
    }

    /// Records an assessment's internal review date (the child's assessment only).
    pub async fn set_internal_review(
        &mut self,
        access: &CaseAccess<Read>,
        assessment: uuid::Uuid,
        on: NaiveDate,
    ) -> Result<()> {
        let n = on_tx!(self.0, c => sqlx::query(
            "UPDATE assessments SET internal_review_date = $1 WHERE id = $2 AND person_id = $3")
            .bind(on).bind(assessment).bind(access.person().0).execute(&mut *c).await.map(|r| r.rows_affected()))?;
        if n == 1 {
            Ok(())
        } else {
            Err(StoreError::NotFound)
        }
    }
}
