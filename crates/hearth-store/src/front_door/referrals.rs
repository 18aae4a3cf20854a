//! Referrals (one per child a contact concerns), their decision, consent overrides and the checks
//! made with other agencies. A decision's outcomes are rows of `referral_outcomes`, read for a
//! whole list in one query.

use chrono::{DateTime, NaiveDate, Utc};
use hearth_domain::authz::{CaseAccess, Read};
use hearth_domain::codes::ReferralSource;
use hearth_domain::front_door::decision::ReferralOutcome;
use hearth_domain::front_door::states::ReferralState;
use hearth_domain::ids::{ContactId, ReferralId};
use hearth_domain::ids::{PersonId, UserId};
use serde::Serialize;
use uuid::Uuid;

use crate::code_tables::{decode_opt, REFERRAL_OUTCOMES};
use crate::{on_tx, Result, StoreError, Tx};
use hearth_domain::front_door::family::FamilyInformed;
use hearth_domain::protection::strategy::{ProtectiveAction, ProtectiveActionKind};

/// What the referrer of a contact may read of one child's referral.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ChildFeedback {
    pub child: Uuid,
    pub feedback: Option<String>,
    pub decided_at: Option<DateTime<Utc>>,
}

/// A referral as stored. `consent` and `sharing` hold JSON.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct ReferralRow {
    #[sqlx(try_from = "Uuid")]
    pub id: ReferralId,
    #[sqlx(try_from = "Uuid")]
    pub contact_id: ContactId,
    pub person_id: Uuid,
    pub received_at: DateTime<Utc>,
    pub referral_date: NaiveDate,
    #[sqlx(try_from = "String")]
    pub source: ReferralSource,
    pub re_referral: bool,
    pub previous_referral_date: Option<NaiveDate>,
    pub consent: String,
    pub sharing: Option<String>,
    pub sharing_by: Option<Uuid>,
    pub sharing_at: Option<DateTime<Utc>>,
    pub acknowledged_at: Option<DateTime<Utc>>,
    pub acknowledged_by: Option<Uuid>,
    pub acknowledgement: Option<String>,
    pub clock_id: Option<Uuid>,
    #[sqlx(try_from = "String")]
    pub status: ReferralState,
    pub decided_on: Option<NaiveDate>,
    pub decided_at: Option<DateTime<Utc>>,
    pub decided_by: Option<Uuid>,
    /// From `referral_outcomes`, in their set's order (none until decided); filled by every read
    /// below.
    #[sqlx(skip)]
    pub outcomes: Vec<ReferralOutcome>,
    pub threshold: Option<String>,
    pub rationale: Option<String>,
    pub primary_need: Option<String>,
    pub feedback: Option<String>,
    pub episode_id: Option<Uuid>,
    pub created_by: Uuid,
    pub created_at: DateTime<Utc>,
    pub version: i64,
    /// The agency the referral was passed to ("refer to another agency").
    pub referred_to: Option<String>,
    /// The clock for acknowledging the referral to the referrer (1 working day).
    pub ack_clock_id: Option<Uuid>,
    /// Whether the family was told the decision (decoded from `family_informed`).
    #[sqlx(skip)]
    pub family_informed: Option<FamilyInformed>,
    #[sqlx(rename = "family_informed")]
    #[serde(skip)]
    pub(crate) family_informed_code: Option<String>,
    pub family_note: Option<String>,
    pub family_on: Option<NaiveDate>,
    pub family_by: Option<Uuid>,
    /// Refused consent overridden on the section 47 route: why, and what the parents were told.
    pub consent_override_reasons: Option<String>,
    pub parents_told: Option<String>,
}

/// An immediate protective action as stored.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ProtectiveActionRow {
    pub id: Uuid,
    pub referral_id: Option<Uuid>,
    #[schema(value_type = String)]
    pub kind: ProtectiveActionKind,
    pub taken_on: NaiveDate,
    pub detail: String,
    pub recorded_by: Uuid,
    pub recorded_at: DateTime<Utc>,
}

#[derive(sqlx::FromRow)]
struct RawProtectiveAction {
    id: Uuid,
    referral_id: Option<Uuid>,
    kind: String,
    taken_on: NaiveDate,
    detail: String,
    recorded_by: Uuid,
    recorded_at: DateTime<Utc>,
}

pub struct NewReferral<'a> {
    pub contact: Uuid,
    pub person: PersonId,
    pub received_at: DateTime<Utc>,
    pub referral_date: NaiveDate,
    pub source: ReferralSource,
    pub previous_referral_date: Option<NaiveDate>,
    pub re_referral: bool,
    pub consent_json: &'a str,
    pub by: UserId,
}

/// The decision as written.
pub struct DecisionWrite<'a> {
    pub decided_on: NaiveDate,
    pub by: UserId,
    pub outcomes: &'a [ReferralOutcome],
    pub threshold: &'a str,
    pub rationale: &'a str,
    pub primary_need: Option<&'a str>,
    pub feedback: Option<&'a str>,
    pub referred_to: Option<&'a str>,
    pub consent_override_reasons: Option<&'a str>,
    pub parents_told: Option<&'a str>,
    pub episode: Uuid,
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct AgencyCheckRow {
    pub id: Uuid,
    pub referral_id: Uuid,
    pub agency: String,
    /// What was shared with the agency.
    pub shared: String,
    /// What the agency told us.
    pub learned: String,
    pub with_consent: bool,
    pub recorded_by: Uuid,
    pub recorded_at: DateTime<Utc>,
}

const COLS: &str = "id, contact_id, person_id, received_at, referral_date, source, re_referral, previous_referral_date, \
    consent, sharing, sharing_by, sharing_at, acknowledged_at, acknowledged_by, acknowledgement, clock_id, status, \
    decided_on, decided_at, decided_by, threshold, rationale, primary_need, feedback, episode_id, \
    created_by, created_at, version, referred_to, ack_clock_id, family_informed, family_note, family_on, family_by, \
    consent_override_reasons, parents_told";

/// Referrals, their decision, sharing basis, acknowledgement and agency checks.
pub struct Referrals<'t>(&'t mut Tx);

impl Tx {
    /// Referrals, their decision, sharing basis, acknowledgement and agency checks.
    pub fn referrals(&mut self) -> Referrals<'_> {
        Referrals(self)
    }
}

impl Referrals<'_> {
    pub async fn insert(&mut self, n: &NewReferral<'_>, now: DateTime<Utc>) -> Result<Uuid> {
        let id = Uuid::new_v4();
        let sql = "INSERT INTO referrals (id, contact_id, person_id, received_at, referral_date, source, re_referral, \
                   previous_referral_date, consent, status, created_by, created_at, version) \
                   VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $12, $10, $11, 1)";
        on_tx!(self.0, c => sqlx::query(sql)
            .bind(id).bind(n.contact).bind(n.person.0).bind(n.received_at).bind(n.referral_date)
            .bind(n.source.code()).bind(n.re_referral).bind(n.previous_referral_date).bind(n.consent_json)
            .bind(n.by.0).bind(now).bind(ReferralState::AwaitingDecision.code())
            .execute(&mut *c).await.map(|r| r.rows_affected()))?;
        Ok(id)
    }

    pub async fn set_clock(&mut self, id: Uuid, clock: Uuid) -> Result<()> {
        on_tx!(self.0, c => sqlx::query("UPDATE referrals SET clock_id = $1 WHERE id = $2")
            .bind(clock).bind(id).execute(&mut *c).await.map(|r| r.rows_affected()))?;
        Ok(())
    }

    /// Fills in each referral's outcomes: one query for the whole list.
    async fn with_referral_outcomes(
        &mut self,
        mut rows: Vec<ReferralRow>,
    ) -> Result<Vec<ReferralRow>> {
        let ids: Vec<Uuid> = rows.iter().map(|r| r.id.0).collect();
        let mut codes = self.0.codes_of(REFERRAL_OUTCOMES, &ids).await?;
        for r in &mut rows {
            r.outcomes = codes.remove(&r.id.0).unwrap_or_default();
            r.family_informed = decode_opt(r.family_informed_code.as_deref())?;
        }
        Ok(rows)
    }

    /// A referral of the child `access` is for (not found for anyone else's).
    pub async fn get(&mut self, access: &CaseAccess<Read>, id: ReferralId) -> Result<ReferralRow> {
        let id = id.0;
        let sql = format!("SELECT {COLS} FROM referrals WHERE id = $1 AND person_id = $2");
        let mut row = on_tx!(self.0, c => sqlx::query_as::<_, ReferralRow>(&sql).bind(id).bind(access.person().0).fetch_optional(&mut *c).await)?
            .ok_or(StoreError::NotFound)?;
        row.outcomes = self.0.codes_of_one(REFERRAL_OUTCOMES, id).await?;
        row.family_informed = decode_opt(row.family_informed_code.as_deref())?;
        Ok(row)
    }

    /// The ids of the referrals a contact made (ids only: their content is the children's).
    pub async fn ids_of_contact(&mut self, contact: Uuid) -> Result<Vec<Uuid>> {
        let sql = "SELECT id FROM referrals WHERE contact_id = $1 ORDER BY created_at";
        Ok(on_tx!(self.0, c => sqlx::query_scalar(sql).bind(contact).fetch_all(&mut *c).await)?)
    }

    /// Each referral made from a contact, by child: (child, feedback given, when decided): the
    /// one part of those referrals the referral form's author may read.
    pub async fn outcomes_by_child_of_contact(
        &mut self,
        contact: Uuid,
    ) -> Result<Vec<ChildFeedback>> {
        let sql = "SELECT person_id AS child, feedback, decided_at FROM referrals \
                   WHERE contact_id = $1 ORDER BY received_at, id";
        Ok(
            on_tx!(self.0, c => sqlx::query_as::<_, ChildFeedback>(sql).bind(contact).fetch_all(&mut *c).await)?,
        )
    }

    /// Every referral of this person, newest first.
    pub async fn of_child(&mut self, access: &CaseAccess<Read>) -> Result<Vec<ReferralRow>> {
        let sql = format!("SELECT {COLS} FROM referrals WHERE person_id = $1 ORDER BY referral_date DESC, created_at DESC");
        let rows = on_tx!(self.0, c => sqlx::query_as::<_, ReferralRow>(&sql).bind(access.person().0).fetch_all(&mut *c).await)?;
        self.with_referral_outcomes(rows).await
    }

    /// Referrals waiting for a decision, oldest first.
    pub async fn awaiting_decision(&mut self, limit: i64) -> Result<Vec<ReferralRow>> {
        let sql =
            format!("SELECT {COLS} FROM referrals WHERE status = $2 ORDER BY received_at LIMIT $1");
        let rows = on_tx!(self.0, c => sqlx::query_as::<_, ReferralRow>(&sql).bind(limit).bind(ReferralState::AwaitingDecision.code()).fetch_all(&mut *c).await)?;
        self.with_referral_outcomes(rows).await
    }

    /// Why an update matched no row: someone changed it (stale), or it does not exist. A
    /// database fault while finding out is reported as the fault.
    async fn stale_or_missing(&mut self, id: Uuid) -> StoreError {
        let sql = "SELECT version FROM referrals WHERE id = $1";
        match on_tx!(self.0, c => sqlx::query_scalar::<_, i64>(sql).bind(id).fetch_optional(&mut *c).await)
        {
            Ok(Some(current)) => StoreError::Stale { current },
            Ok(None) => StoreError::NotFound,
            Err(e) => e.into(),
        }
    }

    /// Records the decision if the referral still awaits one at `version`.
    pub async fn decide(
        &mut self,
        id: Uuid,
        version: i64,
        d: &DecisionWrite<'_>,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let sql = "UPDATE referrals SET status = $11, decided_on = $1, decided_at = $2, decided_by = $3, \
                   threshold = $4, rationale = $5, primary_need = $6, feedback = $7, episode_id = $8, \
                   referred_to = $13, consent_override_reasons = $14, parents_told = $15, version = version + 1 WHERE id = $9 AND version = $10 AND status = $12";
        let n = on_tx!(self.0, c => sqlx::query(sql)
            .bind(d.decided_on).bind(now).bind(d.by.0).bind(d.threshold)
            .bind(d.rationale).bind(d.primary_need).bind(d.feedback).bind(d.episode).bind(id).bind(version)
            .bind(ReferralState::Decided.code()).bind(ReferralState::AwaitingDecision.code())
            .bind(d.referred_to).bind(d.consent_override_reasons).bind(d.parents_told)
            .execute(&mut *c).await.map(|r| r.rows_affected()))?;
        if n == 0 {
            return Err(self.stale_or_missing(id).await);
        }
        self.0
            .replace_codes(REFERRAL_OUTCOMES, id, d.outcomes)
            .await
    }

    /// Records the basis for sharing without consent (replacing none: it is set once).
    pub async fn record_sharing_basis(
        &mut self,
        id: Uuid,
        json: &str,
        by: UserId,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let n = on_tx!(self.0, c => sqlx::query("UPDATE referrals SET sharing = $1, sharing_by = $2, sharing_at = $3, version = version + 1 WHERE id = $4 AND sharing IS NULL")
            .bind(json).bind(by.0).bind(now).bind(id).execute(&mut *c).await.map(|r| r.rows_affected()))?;
        if n == 0 {
            return Err(StoreError::Conflict {
                constraint: "sharing without consent is already recorded".into(),
            });
        }
        Ok(())
    }

    pub async fn acknowledge(
        &mut self,
        id: Uuid,
        text: &str,
        by: UserId,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let n = on_tx!(self.0, c => sqlx::query("UPDATE referrals SET acknowledged_at = $1, acknowledged_by = $2, acknowledgement = $3, version = version + 1 WHERE id = $4 AND acknowledged_at IS NULL")
            .bind(now).bind(by.0).bind(text).bind(id).execute(&mut *c).await.map(|r| r.rows_affected()))?;
        if n == 0 {
            return Err(StoreError::Conflict {
                constraint: "the referrer has already been acknowledged".into(),
            });
        }
        Ok(())
    }

    pub async fn set_ack_clock(&mut self, id: Uuid, clock: Uuid) -> Result<()> {
        on_tx!(self.0, c => sqlx::query("UPDATE referrals SET ack_clock_id = $1 WHERE id = $2")
            .bind(clock).bind(id).execute(&mut *c).await.map(|r| r.rows_affected()))?;
        Ok(())
    }

    /// Records that the family was told the decision, or why not (once).
    pub async fn record_family_informed(
        &mut self,
        id: Uuid,
        how: FamilyInformed,
        note: &str,
        on: NaiveDate,
        by: UserId,
    ) -> Result<()> {
        let n = on_tx!(self.0, c => sqlx::query("UPDATE referrals SET family_informed = $1, family_note = $2, family_on = $3, family_by = $4, version = version + 1 WHERE id = $5 AND family_informed IS NULL")
            .bind(how.code()).bind(note).bind(on).bind(by.0).bind(id).execute(&mut *c).await.map(|r| r.rows_affected()))?;
        if n == 0 {
            return Err(StoreError::Conflict {
                constraint: "telling the family is already recorded".into(),
            });
        }
        Ok(())
    }

    pub async fn insert_protective_action(
        &mut self,
        person: PersonId,
        referral: Option<Uuid>,
        a: &ProtectiveAction,
        by: UserId,
        now: DateTime<Utc>,
    ) -> Result<Uuid> {
        let id = Uuid::new_v4();
        let sql = "INSERT INTO protective_actions (id, person_id, referral_id, kind, taken_on, detail, recorded_by, recorded_at) \
                   VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";
        on_tx!(self.0, c => sqlx::query(sql)
            .bind(id).bind(person.0).bind(referral).bind(a.kind.code()).bind(a.taken_on)
            .bind(a.detail.trim()).bind(by.0).bind(now)
            .execute(&mut *c).await.map(|r| r.rows_affected()))?;
        Ok(id)
    }

    /// The protective actions recorded with a referral.
    pub async fn protective_actions(&mut self, referral: Uuid) -> Result<Vec<ProtectiveActionRow>> {
        let sql = "SELECT id, referral_id, kind, taken_on, detail, recorded_by, recorded_at \
                   FROM protective_actions WHERE referral_id = $1 ORDER BY taken_on, recorded_at";
        let rows = on_tx!(self.0, c => sqlx::query_as::<_, RawProtectiveAction>(sql).bind(referral).fetch_all(&mut *c).await)?;
        rows.into_iter()
            .map(|r| {
                Ok(ProtectiveActionRow {
                    id: r.id,
                    referral_id: r.referral_id,
                    kind: crate::code_tables::decode(&r.kind)?,
                    taken_on: r.taken_on,
                    detail: r.detail,
                    recorded_by: r.recorded_by,
                    recorded_at: r.recorded_at,
                })
            })
            .collect()
    }

    pub async fn insert_agency_check(&mut self, r: &AgencyCheckRow) -> Result<()> {
        let sql = "INSERT INTO agency_checks (id, referral_id, agency, shared, learned, with_consent, recorded_by, recorded_at) \
                   VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";
        on_tx!(self.0, c => sqlx::query(sql).bind(r.id).bind(r.referral_id).bind(&r.agency).bind(&r.shared)
            .bind(&r.learned).bind(r.with_consent).bind(r.recorded_by).bind(r.recorded_at)
            .execute(&mut *c).await.map(|r| r.rows_affected()))?;
        Ok(())
    }

    pub async fn agency_checks(&mut self, referral: Uuid) -> Result<Vec<AgencyCheckRow>> {
        let sql = "SELECT id, referral_id, agency, shared, learned, with_consent, recorded_by, recorded_at \
                   FROM agency_checks WHERE referral_id = $1 ORDER BY recorded_at";
        Ok(
            on_tx!(self.0, c => sqlx::query_as::<_, AgencyCheckRow>(sql).bind(referral).fetch_all(&mut *c).await)?,
        )
    }
}
