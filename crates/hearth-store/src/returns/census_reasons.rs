//! Reasons given for census queries on a child's record, kept as given.

use chrono::{DateTime, Utc};
use hearth_domain::ids::{PersonId, UserId};
use serde::Serialize;
use uuid::Uuid;

use crate::{on_tx, Result, Tx};

/// A reason as stored, with who gave it.
#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct QueryReasonRow {
    pub rule_code: String,
    /// Where in the child's census record (`CINdetails[1]/Assessments[2]`).
    pub spot: String,
    pub reason: String,
    pub given_by_name: String,
    pub given_at: DateTime<Utc>,
}

/// Census query reasons.
pub struct QueryReasons<'t>(&'t mut Tx);

impl Tx {
    /// Census query reasons.
    pub fn census_reasons(&mut self) -> QueryReasons<'_> {
        QueryReasons(self)
    }
}

impl QueryReasons<'_> {
    /// Records a reason.
    pub async fn add(
        &mut self,
        person: PersonId,
        rule_code: &str,
        spot: &str,
        reason: &str,
        by: UserId,
        now: DateTime<Utc>,
    ) -> Result<()> {
        on_tx!(self.0, c => sqlx::query(
            "INSERT INTO census_query_reasons (id, person_id, rule_code, spot, reason, given_by, given_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)")
            .bind(Uuid::new_v4()).bind(person.0).bind(rule_code).bind(spot).bind(reason).bind(by.0).bind(now)
            .execute(&mut *c).await.map(|_| ()))?;
        Ok(())
    }

    /// Every reason given on the child's record, latest first.
    pub async fn of(&mut self, person: PersonId) -> Result<Vec<QueryReasonRow>> {
        Ok(on_tx!(self.0, c => sqlx::query_as::<_, QueryReasonRow>(
            "SELECT r.rule_code, r.spot, r.reason, u.name AS given_by_name, r.given_at FROM census_query_reasons r \
             JOIN users u ON u.id = r.given_by WHERE r.person_id = $1 ORDER BY r.given_at DESC")
            .bind(person.0).fetch_all(&mut *c).await)?)
    }

    /// The (child, rule, spot) of every reason given for the children `ids`.
    pub async fn explained(&mut self, ids: &[Uuid]) -> Result<Vec<(Uuid, String, String)>> {
        let out: Vec<(Uuid, String, String)> = crate::in_list::by_ids!(self.0, (Uuid, String, String),
            "SELECT DISTINCT person_id, rule_code, spot FROM census_query_reasons WHERE person_id IN (", "", ids);
        Ok(out)
    }
}
