//! The versions of a plan's outcomes and actions (child protection and child in need plans
//! alike), each circulated once, and the dated actions that are tasks until done. Reads take the
//! child's capability.

use chrono::{DateTime, NaiveDate, Utc};
use hearth_domain::authz::{CaseAccess, Read};
use hearth_domain::casework::plan_content::{PlanContent, PlanKind};
use serde::Serialize;
use uuid::Uuid;

use crate::{on_tx, Result, StoreError, Tx};

/// One version of a plan as stored.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct PlanVersionRow {
    pub id: Uuid,
    pub plan_id: Uuid,
    pub version: i64,
    pub made_on: NaiveDate,
    pub content: PlanContent,
    /// Why it changed (empty for the first version).
    pub reason: String,
    pub made_by: Uuid,
    pub circulated_on: Option<NaiveDate>,
    /// The version's dated actions, by their place in the version (1-based).
    pub actions: Vec<PlanActionRow>,
}

/// A dated action of a version: a task until it is done.
#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct PlanActionRow {
    pub id: Uuid,
    pub version_id: Uuid,
    /// Its place in the version's list of actions (1-based).
    pub n: i32,
    pub clock_id: Option<Uuid>,
    pub done_on: Option<NaiveDate>,
}

#[derive(sqlx::FromRow)]
struct Raw {
    id: Uuid,
    plan_id: Uuid,
    version: i32,
    made_on: NaiveDate,
    content: String,
    reason: String,
    made_by: Uuid,
    circulated_on: Option<NaiveDate>,
}

/// A new version to store.
pub struct NewPlanVersion<'a> {
    pub kind: PlanKind,
    pub plan: Uuid,
    pub person: Uuid,
    pub version: i64,
    pub made_on: NaiveDate,
    pub content: &'a PlanContent,
    pub reason: &'a str,
    pub by: Uuid,
}

/// The versions of plans.
pub struct PlanVersions<'t>(&'t mut Tx);

impl Tx {
    /// The versions of plans' outcomes and actions.
    pub fn plan_versions(&mut self) -> PlanVersions<'_> {
        PlanVersions(self)
    }
}

const COLS: &str = "id, plan_id, version, made_on, content, reason, made_by, circulated_on";

impl PlanVersions<'_> {
    /// Stores a version. Two amendments racing for the same number meet the unique index
    /// `plan_versions_number` (a conflict).
    pub async fn insert(&mut self, n: &NewPlanVersion<'_>, now: DateTime<Utc>) -> Result<Uuid> {
        let id = Uuid::new_v4();
        let content = serde_json::to_string(n.content)?;
        let sql = "INSERT INTO plan_versions (id, plan_kind, plan_id, person_id, version, made_on, content, reason, made_by, made_at) \
                   VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)";
        let version =
            i32::try_from(n.version).map_err(|_| StoreError::Corrupt("version".into()))?;
        on_tx!(self.0, c => sqlx::query(sql)
            .bind(id).bind(n.kind.code()).bind(n.plan).bind(n.person).bind(version)
            .bind(n.made_on).bind(content).bind(n.reason.trim()).bind(n.by).bind(now)
            .execute(&mut *c).await.map(|r| r.rows_affected()))?;
        Ok(id)
    }

    /// Stores a dated action of a version with its clock.
    pub async fn add_action(
        &mut self,
        version: Uuid,
        person: Uuid,
        n: i32,
        clock: Option<Uuid>,
    ) -> Result<Uuid> {
        let id = Uuid::new_v4();
        on_tx!(self.0, c => sqlx::query("INSERT INTO plan_actions (id, version_id, person_id, n, clock_id) VALUES ($1, $2, $3, $4, $5)")
            .bind(id).bind(version).bind(person).bind(n).bind(clock)
            .execute(&mut *c).await.map(|r| r.rows_affected()))?;
        Ok(id)
    }

    /// Every version of the child's plan, newest first, each with its dated actions.
    pub async fn of_plan(
        &mut self,
        access: &CaseAccess<Read>,
        kind: PlanKind,
        plan: Uuid,
    ) -> Result<Vec<PlanVersionRow>> {
        let sql = format!("SELECT {COLS} FROM plan_versions WHERE plan_kind = $1 AND plan_id = $2 AND person_id = $3 ORDER BY version DESC");
        let raws = on_tx!(self.0, c => sqlx::query_as::<_, Raw>(&sql)
            .bind(kind.code()).bind(plan).bind(access.person().0).fetch_all(&mut *c).await)?;
        let sql = "SELECT a.id, a.version_id, a.n, a.clock_id, a.done_on FROM plan_actions a \
                   JOIN plan_versions v ON v.id = a.version_id \
                   WHERE v.plan_kind = $1 AND v.plan_id = $2 AND a.person_id = $3 ORDER BY a.n";
        let actions = on_tx!(self.0, c => sqlx::query_as::<_, PlanActionRow>(sql)
            .bind(kind.code()).bind(plan).bind(access.person().0).fetch_all(&mut *c).await)?;
        raws.into_iter()
            .map(|r| {
                let content: PlanContent = serde_json::from_str(&r.content).map_err(|e| {
                    StoreError::Corrupt(format!("a plan version's content does not read: {e}"))
                })?;
                Ok(PlanVersionRow {
                    actions: actions
                        .iter()
                        .filter(|a| a.version_id == r.id)
                        .cloned()
                        .collect(),
                    id: r.id,
                    plan_id: r.plan_id,
                    version: i64::from(r.version),
                    made_on: r.made_on,
                    content,
                    reason: r.reason,
                    made_by: r.made_by,
                    circulated_on: r.circulated_on,
                })
            })
            .collect()
    }

    /// Records a version's circulation; false when it was circulated meanwhile.
    pub async fn circulated(&mut self, version: Uuid, on: NaiveDate, by: Uuid) -> Result<bool> {
        let n = on_tx!(self.0, c => sqlx::query("UPDATE plan_versions SET circulated_on = $1, circulated_by = $2 WHERE id = $3 AND circulated_on IS NULL")
            .bind(on).bind(by).bind(version).execute(&mut *c).await.map(|r| r.rows_affected()))?;
        Ok(n == 1)
    }

    /// Marks a dated action of the plan done; `None` when it is not this plan's, is done
    /// already or was superseded by a later version, else its clock.
    pub async fn action_done(
        &mut self,
        access: &CaseAccess<Read>,
        kind: PlanKind,
        plan: Uuid,
        action: Uuid,
        on: NaiveDate,
        by: Uuid,
    ) -> Result<Option<Uuid>> {
        let sql = "UPDATE plan_actions SET done_on = $1, done_by = $2 WHERE id = $3 AND person_id = $4 AND done_on IS NULL \
                   AND version_id IN (SELECT id FROM plan_versions WHERE plan_kind = $5 AND plan_id = $6) \
                   AND clock_id IN (SELECT id FROM clocks WHERE met_on IS NULL)";
        let n = on_tx!(self.0, c => sqlx::query(sql)
            .bind(on).bind(by).bind(action).bind(access.person().0).bind(kind.code()).bind(plan)
            .execute(&mut *c).await.map(|r| r.rows_affected()))?;
        if n == 0 {
            return Ok(None);
        }
        Ok(
            on_tx!(self.0, c => sqlx::query_scalar::<_, Option<Uuid>>("SELECT clock_id FROM plan_actions WHERE id = $1")
                .bind(action).fetch_one(&mut *c).await)?,
        )
    }

    /// The open action clocks of a plan's earlier versions (superseded by a new one).
    pub async fn open_action_clocks(&mut self, kind: PlanKind, plan: Uuid) -> Result<Vec<Uuid>> {
        let sql = "SELECT a.clock_id FROM plan_actions a JOIN plan_versions v ON v.id = a.version_id \
                   JOIN clocks c ON c.id = a.clock_id \
                   WHERE v.plan_kind = $1 AND v.plan_id = $2 AND a.done_on IS NULL AND c.met_on IS NULL";
        let ids = on_tx!(self.0, c => sqlx::query_scalar::<_, Option<Uuid>>(sql)
            .bind(kind.code()).bind(plan).fetch_all(&mut *c).await)?;
        Ok(ids.into_iter().flatten().collect())
    }
}
