//! Strategy discussions: asked for (with where from, why and a clock to hold it), then held as a
//! dated event with its decisions. Reads take the child's capability.

use chrono::{DateTime, NaiveDate, Utc};
use hearth_domain::authz::{CaseAccess, Read};
use hearth_domain::ids::{PersonId, UserId};
use hearth_domain::protection::strategy::{DiscussionForm, HeldDiscussion, RequestedFrom};
use hearth_domain::protection::StrategyDiscussionState;
use hearth_domain::state::State;
use serde::Serialize;
use uuid::Uuid;

use crate::code_tables::{decode, decode_opt};
use crate::{on_tx, Result, StoreError, Tx};

/// A strategy discussion as stored.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct StrategyDiscussionRow {
    pub id: Uuid,
    pub person_id: Uuid,
    pub episode_id: Uuid,
    pub assessment_id: Option<Uuid>,
    pub referral_id: Option<Uuid>,
    #[schema(value_type = String)]
    pub status: StrategyDiscussionState,
    #[schema(value_type = String)]
    pub requested_from: RequestedFrom,
    pub reason: String,
    pub requested_on: NaiveDate,
    pub requested_by: Uuid,
    pub requested_at: DateTime<Utc>,
    pub clock_id: Option<Uuid>,
    #[schema(value_type = Option<Object>)]
    pub held: Option<HeldDiscussion>,
    pub held_by: Option<Uuid>,
    pub held_at: Option<DateTime<Utc>>,
    pub version: i64,
}

#[derive(sqlx::FromRow)]
struct Raw {
    id: Uuid,
    person_id: Uuid,
    episode_id: Uuid,
    assessment_id: Option<Uuid>,
    referral_id: Option<Uuid>,
    status: String,
    requested_from: String,
    reason: String,
    requested_on: Option<NaiveDate>,
    requested_by: Uuid,
    requested_at: DateTime<Utc>,
    clock_id: Option<Uuid>,
    held_on: Option<NaiveDate>,
    form: Option<String>,
    attendees: Option<String>,
    start_section_47: Option<bool>,
    joint_investigation: Option<bool>,
    summary: Option<String>,
    held_details: Option<String>,
    held_by: Option<Uuid>,
    held_at: Option<DateTime<Utc>>,
    version: i64,
}

impl TryFrom<Raw> for StrategyDiscussionRow {
    type Error = StoreError;
    fn try_from(r: Raw) -> Result<Self> {
        let status = StrategyDiscussionState::from_code(&r.status).ok_or_else(|| {
            StoreError::Corrupt(format!("'{}' is not a strategy discussion state", r.status))
        })?;
        let form: Option<DiscussionForm> = decode_opt(r.form.as_deref())?;
        let held = match (r.held_on, form) {
            (Some(held_on), Some(form)) => Some(HeldDiscussion {
                held_on,
                form,
                attendees: r.attendees.unwrap_or_default(),
                start_section_47: r.start_section_47.unwrap_or(false),
                joint_investigation: r.joint_investigation.unwrap_or(false),
                summary: r.summary.unwrap_or_default(),
                details: r
                    .held_details
                    .as_deref()
                    .map(serde_json::from_str)
                    .transpose()?
                    .unwrap_or_default(),
            }),
            _ => None,
        };
        Ok(StrategyDiscussionRow {
            id: r.id,
            person_id: r.person_id,
            episode_id: r.episode_id,
            assessment_id: r.assessment_id,
            referral_id: r.referral_id,
            status,
            requested_from: decode(&r.requested_from)?,
            reason: r.reason,
            requested_on: r
                .requested_on
                .unwrap_or_else(|| r.requested_at.date_naive()),
            requested_by: r.requested_by,
            requested_at: r.requested_at,
            clock_id: r.clock_id,
            held,
            held_by: r.held_by,
            held_at: r.held_at,
            version: r.version,
        })
    }
}

/// A discussion asked for.
pub struct NewStrategyDiscussion<'a> {
    pub person: PersonId,
    pub episode: Uuid,
    pub assessment: Option<Uuid>,
    pub referral: Option<Uuid>,
    pub from: RequestedFrom,
    pub reason: &'a str,
    pub requested_on: NaiveDate,
    pub by: UserId,
}

const COLS: &str = "id, person_id, episode_id, assessment_id, referral_id, status, requested_from, reason, \
    requested_on, requested_by, requested_at, clock_id, held_on, form, attendees, start_section_47, \
    joint_investigation, summary, held_details, held_by, held_at, version";

/// Strategy discussions.
pub struct StrategyDiscussions<'t>(&'t mut Tx);

impl Tx {
    /// Strategy discussions.
    pub fn strategy_discussions(&mut self) -> StrategyDiscussions<'_> {
        StrategyDiscussions(self)
    }
}

impl StrategyDiscussions<'_> {
    pub async fn insert(
        &mut self,
        n: &NewStrategyDiscussion<'_>,
        now: DateTime<Utc>,
    ) -> Result<Uuid> {
        let id = Uuid::new_v4();
        let sql = "INSERT INTO strategy_discussions (id, person_id, episode_id, assessment_id, referral_id, status, \
                   requested_from, reason, requested_on, requested_by, requested_at, version) \
                   VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 1)";
        on_tx!(self.0, c => sqlx::query(sql)
            .bind(id).bind(n.person.0).bind(n.episode).bind(n.assessment).bind(n.referral)
            .bind(StrategyDiscussionState::ToBeHeld.code()).bind(n.from.code()).bind(n.reason.trim())
            .bind(n.requested_on).bind(n.by.0).bind(now)
            .execute(&mut *c).await.map(|r| r.rows_affected()))?;
        Ok(id)
    }

    pub async fn set_clock(&mut self, id: Uuid, clock: Uuid) -> Result<()> {
        on_tx!(self.0, c => sqlx::query("UPDATE strategy_discussions SET clock_id = $1 WHERE id = $2")
            .bind(clock).bind(id).execute(&mut *c).await.map(|r| r.rows_affected()))?;
        Ok(())
    }

    /// A discussion about the child `access` is for (not found for anyone else's).
    pub async fn get(
        &mut self,
        access: &CaseAccess<Read>,
        id: Uuid,
    ) -> Result<StrategyDiscussionRow> {
        let sql =
            format!("SELECT {COLS} FROM strategy_discussions WHERE id = $1 AND person_id = $2");
        let raw = on_tx!(self.0, c => sqlx::query_as::<_, Raw>(&sql).bind(id).bind(access.person().0).fetch_optional(&mut *c).await)?
            .ok_or(StoreError::NotFound)?;
        raw.try_into()
    }

    /// Every discussion about the child, newest first.
    pub async fn of_child(
        &mut self,
        access: &CaseAccess<Read>,
    ) -> Result<Vec<StrategyDiscussionRow>> {
        let sql = format!("SELECT {COLS} FROM strategy_discussions WHERE person_id = $1 ORDER BY requested_at DESC");
        let rows = on_tx!(self.0, c => sqlx::query_as::<_, Raw>(&sql).bind(access.person().0).fetch_all(&mut *c).await)?;
        rows.into_iter().map(TryInto::try_into).collect()
    }

    /// The discussions a referral's decision asked for.
    pub async fn of_referral(&mut self, referral: Uuid) -> Result<Vec<StrategyDiscussionRow>> {
        let sql = format!(
            "SELECT {COLS} FROM strategy_discussions WHERE referral_id = $1 ORDER BY requested_at"
        );
        let rows = on_tx!(self.0, c => sqlx::query_as::<_, Raw>(&sql).bind(referral).fetch_all(&mut *c).await)?;
        rows.into_iter().map(TryInto::try_into).collect()
    }

    /// Records the discussion as held, if it is still to be held at `version`.
    pub async fn record_held(
        &mut self,
        id: Uuid,
        version: i64,
        h: &HeldDiscussion,
        by: UserId,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let sql = "UPDATE strategy_discussions SET status = $1, held_on = $2, form = $3, attendees = $4, \
                   start_section_47 = $5, joint_investigation = $6, summary = $7, held_by = $8, held_at = $9, \
                   held_details = $13, version = version + 1 WHERE id = $10 AND version = $11 AND status = $12";
        let details = serde_json::to_string(&h.details)?;
        let n = on_tx!(self.0, c => sqlx::query(sql)
            .bind(StrategyDiscussionState::Held.code()).bind(h.held_on).bind(h.form.code())
            .bind(h.attendees.trim()).bind(h.start_section_47).bind(h.joint_investigation)
            .bind(h.summary.trim()).bind(by.0).bind(now).bind(id).bind(version)
            .bind(StrategyDiscussionState::ToBeHeld.code()).bind(details)
            .execute(&mut *c).await.map(|r| r.rows_affected()))?;
        self.0
            .versioned_change(crate::versioned::Versioned::StrategyDiscussions, id, n)
            .await
    }
}

/// An action agreed at a strategy discussion, with its owner, due date and clock.
#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct StrategyActionRow {
    pub id: Uuid,
    pub discussion_id: Uuid,
    pub person_id: Uuid,
    pub what: String,
    pub owner: String,
    pub due_on: NaiveDate,
    pub clock_id: Option<Uuid>,
    pub done_on: Option<NaiveDate>,
    pub done_by: Option<Uuid>,
}

impl StrategyDiscussions<'_> {
    pub async fn add_action(
        &mut self,
        discussion: Uuid,
        person: Uuid,
        a: &hearth_domain::protection::strategy::AgreedAction,
        clock: Option<Uuid>,
        now: DateTime<Utc>,
    ) -> Result<Uuid> {
        let id = Uuid::new_v4();
        let sql = "INSERT INTO strategy_actions (id, discussion_id, person_id, what, owner, due_on, clock_id, created_at) \
                   VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";
        on_tx!(self.0, c => sqlx::query(sql).bind(id).bind(discussion).bind(person).bind(a.what.trim())
            .bind(a.owner.trim()).bind(a.due_on).bind(clock).bind(now)
            .execute(&mut *c).await.map(|r| r.rows_affected()))?;
        Ok(id)
    }

    /// The discussion's actions, by due date.
    pub async fn actions(&mut self, discussion: Uuid) -> Result<Vec<StrategyActionRow>> {
        let sql =
            "SELECT id, discussion_id, person_id, what, owner, due_on, clock_id, done_on, done_by \
                   FROM strategy_actions WHERE discussion_id = $1 ORDER BY due_on, created_at";
        Ok(
            on_tx!(self.0, c => sqlx::query_as::<_, StrategyActionRow>(sql).bind(discussion).fetch_all(&mut *c).await)?,
        )
    }

    /// Marks an action done; false when it is not this discussion's or is already done.
    pub async fn action_done(
        &mut self,
        discussion: Uuid,
        action: Uuid,
        on: NaiveDate,
        by: Uuid,
    ) -> Result<Option<Option<Uuid>>> {
        let sql = "UPDATE strategy_actions SET done_on = $1, done_by = $2 WHERE id = $3 AND discussion_id = $4 AND done_on IS NULL";
        let n = on_tx!(self.0, c => sqlx::query(sql).bind(on).bind(by).bind(action).bind(discussion)
            .execute(&mut *c).await.map(|r| r.rows_affected()))?;
        if n == 0 {
            return Ok(None);
        }
        let sql = "SELECT clock_id FROM strategy_actions WHERE id = $1";
        Ok(Some(
            on_tx!(self.0, c => sqlx::query_scalar::<_, Option<Uuid>>(sql).bind(action).fetch_one(&mut *c).await)?,
        ))
    }
}
