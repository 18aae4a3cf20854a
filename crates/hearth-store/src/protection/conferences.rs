//! Child protection conferences: arranged (with their clock and census target date), prepared
//! (date, chair, invitations and reports), then held once with the decision. Reads take the
//! child's capability.

use chrono::{DateTime, NaiveDate, Utc};
use hearth_domain::authz::{CaseAccess, Read};
use hearth_domain::codes::AbuseCategory;
use hearth_domain::protection::conference::{ConferenceKind, EarlyReviewReason, Invitee};
use hearth_domain::protection::plan::DiscontinuationReason;
use hearth_domain::protection::ConferenceState;
use hearth_domain::state::State;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::code_tables::{decode, decode_opt};
use crate::{on_tx, Result, StoreError, Tx};

/// What was said and agreed at the conference, in people's words.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct DecisionRecord {
    pub child_wishes: String,
    pub parents_views: String,
    pub agency_views: String,
    pub dissent: String,
    pub core_group: String,
    pub outline_plan: String,
    /// When the plan ends: the evidence and whether a child in need plan follows.
    pub end_evidence: String,
    pub cin_plan_follows: bool,
}

/// A conference as stored.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ConferenceRow {
    pub id: Uuid,
    pub person_id: Uuid,
    pub episode_id: Uuid,
    #[schema(value_type = String)]
    pub kind: ConferenceKind,
    #[schema(value_type = String)]
    pub status: ConferenceState,
    pub enquiry_id: Option<Uuid>,
    pub plan_id: Option<Uuid>,
    /// The event the conference is due from (the initiating strategy discussion, the
    /// notification of a move, the previous conference).
    pub anchor_on: NaiveDate,
    pub clock_id: Option<Uuid>,
    /// Census `InitialCPCtarget` for an initial conference; the due date for any other.
    pub target_on: NaiveDate,
    pub scheduled_on: Option<NaiveDate>,
    pub chair_id: Option<Uuid>,
    #[schema(value_type = Vec<Object>)]
    pub invitees: Vec<Invitee>,
    pub held_on: Option<NaiveDate>,
    pub plan_decided: Option<bool>,
    #[schema(value_type = Option<String>)]
    pub category: Option<AbuseCategory>,
    pub lead_worker_id: Option<Uuid>,
    pub review_on: Option<NaiveDate>,
    pub decision: Option<DecisionRecord>,
    #[schema(value_type = Option<String>)]
    pub end_reason: Option<DiscontinuationReason>,
    pub circulated_on: Option<NaiveDate>,
    /// A review brought forward: why (seed 000 §7.3) and what happened.
    #[schema(value_type = Option<String>)]
    pub early_reason: Option<EarlyReviewReason>,
    pub early_detail: Option<String>,
    /// The clock for circulating the decision, once held.
    pub circulation_clock_id: Option<Uuid>,
    pub version: i64,
}

#[derive(sqlx::FromRow)]
struct Raw {
    id: Uuid,
    person_id: Uuid,
    episode_id: Uuid,
    kind: String,
    status: String,
    enquiry_id: Option<Uuid>,
    plan_id: Option<Uuid>,
    anchor_on: NaiveDate,
    clock_id: Option<Uuid>,
    target_on: NaiveDate,
    scheduled_on: Option<NaiveDate>,
    chair_id: Option<Uuid>,
    invitees: String,
    held_on: Option<NaiveDate>,
    plan_decided: Option<bool>,
    category: Option<String>,
    lead_worker_id: Option<Uuid>,
    review_on: Option<NaiveDate>,
    decision: Option<String>,
    end_reason: Option<String>,
    circulated_on: Option<NaiveDate>,
    early_reason: Option<String>,
    early_detail: Option<String>,
    circulation_clock_id: Option<Uuid>,
    version: i64,
}

impl TryFrom<Raw> for ConferenceRow {
    type Error = StoreError;
    fn try_from(r: Raw) -> Result<Self> {
        Ok(ConferenceRow {
            id: r.id,
            person_id: r.person_id,
            episode_id: r.episode_id,
            kind: decode(&r.kind)?,
            status: ConferenceState::from_code(&r.status).ok_or_else(|| {
                StoreError::Corrupt(format!("'{}' is not a conference state", r.status))
            })?,
            enquiry_id: r.enquiry_id,
            plan_id: r.plan_id,
            anchor_on: r.anchor_on,
            clock_id: r.clock_id,
            target_on: r.target_on,
            scheduled_on: r.scheduled_on,
            chair_id: r.chair_id,
            invitees: serde_json::from_str(&r.invitees)?,
            held_on: r.held_on,
            plan_decided: r.plan_decided,
            category: decode_opt(r.category.as_deref())?,
            lead_worker_id: r.lead_worker_id,
            review_on: r.review_on,
            decision: r
                .decision
                .as_deref()
                .map(serde_json::from_str)
                .transpose()?,
            end_reason: decode_opt(r.end_reason.as_deref())?,
            circulated_on: r.circulated_on,
            early_reason: decode_opt(r.early_reason.as_deref())?,
            early_detail: r.early_detail,
            circulation_clock_id: r.circulation_clock_id,
            version: r.version,
        })
    }
}

const COLS: &str = "id, person_id, episode_id, kind, status, enquiry_id, plan_id, anchor_on, clock_id, target_on, \
    scheduled_on, chair_id, invitees, held_on, plan_decided, category, lead_worker_id, review_on, decision, \
    end_reason, circulated_on, early_reason, early_detail, circulation_clock_id, version";

/// A conference to arrange.
pub struct NewConference {
    pub person: Uuid,
    pub episode: Uuid,
    pub kind: ConferenceKind,
    pub enquiry: Option<Uuid>,
    pub plan: Option<Uuid>,
    pub anchor_on: NaiveDate,
    pub target_on: NaiveDate,
    pub scheduled_on: Option<NaiveDate>,
    pub by: Uuid,
}

/// The conference's decision, typed, with what people said.
pub struct HeldConference<'a> {
    pub held_on: NaiveDate,
    pub plan_decided: bool,
    pub category: Option<AbuseCategory>,
    pub lead_worker: Option<Uuid>,
    pub review_on: Option<NaiveDate>,
    pub end_reason: Option<DiscontinuationReason>,
    pub record: &'a DecisionRecord,
    pub invitees: &'a [Invitee],
    pub by: Uuid,
}

pub struct Conferences<'t>(&'t mut Tx);

impl Tx {
    /// Child protection conferences.
    pub fn conferences(&mut self) -> Conferences<'_> {
        Conferences(self)
    }
}

impl Conferences<'_> {
    pub async fn arrange(&mut self, n: &NewConference, now: DateTime<Utc>) -> Result<Uuid> {
        let id = Uuid::new_v4();
        let sql = "INSERT INTO cp_conferences (id, person_id, episode_id, kind, status, enquiry_id, plan_id, anchor_on, \
                   target_on, scheduled_on, invitees, created_by, created_at, version) \
                   VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, '[]', $11, $12, 1)";
        on_tx!(self.0, c => sqlx::query(sql).bind(id).bind(n.person).bind(n.episode).bind(n.kind.code())
            .bind(ConferenceState::Arranged.code()).bind(n.enquiry).bind(n.plan).bind(n.anchor_on)
            .bind(n.target_on).bind(n.scheduled_on).bind(n.by).bind(now)
            .execute(&mut *c).await.map(|r| r.rows_affected()))?;
        Ok(id)
    }

    pub async fn set_clock(&mut self, id: Uuid, clock: Uuid) -> Result<()> {
        on_tx!(self.0, c => sqlx::query("UPDATE cp_conferences SET clock_id = $1 WHERE id = $2")
            .bind(clock).bind(id).execute(&mut *c).await.map(|r| r.rows_affected()))?;
        Ok(())
    }

    pub async fn get(&mut self, access: &CaseAccess<Read>, id: Uuid) -> Result<ConferenceRow> {
        let sql = format!("SELECT {COLS} FROM cp_conferences WHERE id = $1 AND person_id = $2");
        on_tx!(self.0, c => sqlx::query_as::<_, Raw>(&sql).bind(id).bind(access.person().0).fetch_optional(&mut *c).await)?
            .ok_or(StoreError::NotFound)?
            .try_into()
    }

    /// The child's conferences, oldest first.
    pub async fn of_child(&mut self, access: &CaseAccess<Read>) -> Result<Vec<ConferenceRow>> {
        let sql = format!(
            "SELECT {COLS} FROM cp_conferences WHERE person_id = $1 ORDER BY anchor_on, created_at"
        );
        let rows = on_tx!(self.0, c => sqlx::query_as::<_, Raw>(&sql).bind(access.person().0).fetch_all(&mut *c).await)?;
        rows.into_iter().map(TryInto::try_into).collect()
    }

    /// Sets the date, chair and invitations while the conference is still arranged.
    pub async fn prepare(
        &mut self,
        id: Uuid,
        version: i64,
        scheduled_on: Option<NaiveDate>,
        chair: Option<Uuid>,
        invitees: &[Invitee],
    ) -> Result<()> {
        let sql = "UPDATE cp_conferences SET scheduled_on = $1, chair_id = $2, invitees = $3, version = version + 1 \
                   WHERE id = $4 AND version = $5 AND status = $6";
        let json = serde_json::to_string(invitees)?;
        let n = on_tx!(self.0, c => sqlx::query(sql).bind(scheduled_on).bind(chair).bind(json).bind(id).bind(version)
            .bind(ConferenceState::Arranged.code()).execute(&mut *c).await.map(|r| r.rows_affected()))?;
        self.changed(id, n).await
    }

    /// Records the conference as held with its decision.
    pub async fn hold(&mut self, id: Uuid, version: i64, h: &HeldConference<'_>) -> Result<()> {
        let sql = "UPDATE cp_conferences SET status = $1, held_on = $2, plan_decided = $3, category = $4, \
                   lead_worker_id = $5, review_on = $6, end_reason = $7, decision = $8, invitees = $9, held_by = $10, \
                   circulated_on = NULL, version = version + 1 WHERE id = $11 AND version = $12 AND status = $13";
        let decision = serde_json::to_string(h.record)?;
        let invitees = serde_json::to_string(h.invitees)?;
        let n = on_tx!(self.0, c => sqlx::query(sql).bind(ConferenceState::Held.code()).bind(h.held_on)
            .bind(h.plan_decided).bind(h.category.map(|c| c.code())).bind(h.lead_worker).bind(h.review_on)
            .bind(h.end_reason.map(|r| r.code())).bind(decision).bind(invitees).bind(h.by).bind(id).bind(version)
            .bind(ConferenceState::Arranged.code()).execute(&mut *c).await.map(|r| r.rows_affected()))?;
        self.changed(id, n).await
    }

    /// Links a review conference's plan once the initial conference has started it.
    pub async fn set_plan(&mut self, id: Uuid, plan: Uuid) -> Result<()> {
        on_tx!(self.0, c => sqlx::query("UPDATE cp_conferences SET plan_id = $1 WHERE id = $2")
            .bind(plan).bind(id).execute(&mut *c).await.map(|r| r.rows_affected()))?;
        Ok(())
    }

    /// Brings an arranged review forward to `on`, with why.
    pub async fn bring_forward(
        &mut self,
        id: Uuid,
        version: i64,
        on: NaiveDate,
        reason: EarlyReviewReason,
        detail: &str,
    ) -> Result<()> {
        let sql = "UPDATE cp_conferences SET scheduled_on = $1, early_reason = $2, early_detail = $3, version = version + 1 \
                   WHERE id = $4 AND version = $5 AND status = $6";
        let n = on_tx!(self.0, c => sqlx::query(sql).bind(on).bind(reason.code()).bind(detail.trim()).bind(id).bind(version)
            .bind(ConferenceState::Arranged.code()).execute(&mut *c).await.map(|r| r.rows_affected()))?;
        self.changed(id, n).await
    }

    /// Records when the decision was sent to everyone invited.
    /// Records the decision's circulation; false when it was recorded meanwhile (once only).
    pub async fn circulated(&mut self, id: Uuid, on: NaiveDate) -> Result<bool> {
        let n = on_tx!(self.0, c => sqlx::query("UPDATE cp_conferences SET circulated_on = $1, version = version + 1 WHERE id = $2 AND circulated_on IS NULL")
            .bind(on).bind(id).execute(&mut *c).await.map(|r| r.rows_affected()))?;
        Ok(n == 1)
    }

    /// The clock for circulating the held conference's decision.
    pub async fn set_circulation_clock(&mut self, id: Uuid, clock: Uuid) -> Result<()> {
        on_tx!(self.0, c => sqlx::query("UPDATE cp_conferences SET circulation_clock_id = $1 WHERE id = $2")
            .bind(clock).bind(id).execute(&mut *c).await.map(|r| r.rows_affected()))?;
        Ok(())
    }

    /// The conferences still arranged for a plan (its next review).
    pub async fn arranged_for_plan(&mut self, plan: Uuid) -> Result<Vec<Uuid>> {
        let sql = "SELECT id FROM cp_conferences WHERE plan_id = $1 AND status = $2";
        Ok(
            on_tx!(self.0, c => sqlx::query_scalar::<_, Uuid>(sql).bind(plan).bind(ConferenceState::Arranged.code()).fetch_all(&mut *c).await)?,
        )
    }

    /// Calls off an arranged conference (its plan ended first).
    pub async fn cancel(&mut self, id: Uuid) -> Result<()> {
        let sql = "UPDATE cp_conferences SET status = $1, version = version + 1 WHERE id = $2 AND status = $3";
        on_tx!(self.0, c => sqlx::query(sql).bind(ConferenceState::Cancelled.code()).bind(id)
            .bind(ConferenceState::Arranged.code()).execute(&mut *c).await.map(|r| r.rows_affected()))?;
        Ok(())
    }

    async fn changed(&mut self, id: Uuid, n: u64) -> Result<()> {
        self.0
            .versioned_change(crate::versioned::Versioned::Conferences, id, n)
            .await
    }
}
