//! Section 47 enquiries: started by a strategy discussion (one open at a time for a child),
//! concluded once with an outcome. Reads take the child's capability.

use chrono::{DateTime, NaiveDate, Utc};
use hearth_domain::authz::{CaseAccess, Read};
use hearth_domain::protection::enquiry::{DeclinedRequest, EnquiryOutcome};
use hearth_domain::protection::EnquiryState;
use hearth_domain::state::State;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::code_tables::decode_opt;
use crate::{on_tx, Result, StoreError, Tx};

/// What the worker recorded at the end of the enquiry, in their words.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ConclusionRecord {
    pub child_seen: bool,
    pub child_seen_alone: bool,
    pub spoken_to: String,
    pub support_follows: String,
    pub not_seen_reason: String,
    #[schema(value_type = Option<Object>)]
    pub declined_request: Option<DeclinedRequest>,
}

/// A section 47 enquiry as stored.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct EnquiryRow {
    pub id: Uuid,
    pub person_id: Uuid,
    pub episode_id: Uuid,
    pub discussion_id: Uuid,
    /// Census `S47ActualStartDate`: the date of the strategy discussion that started it.
    pub started_on: NaiveDate,
    #[schema(value_type = String)]
    pub status: EnquiryState,
    #[schema(value_type = Option<String>)]
    pub outcome: Option<EnquiryOutcome>,
    pub concluded_on: Option<NaiveDate>,
    /// Census `ICPCnotRequired`.
    pub conference_not_required: Option<bool>,
    pub conclusion: Option<ConclusionRecord>,
    pub concluded_by: Option<Uuid>,
    pub version: i64,
}

#[derive(sqlx::FromRow)]
struct Raw {
    id: Uuid,
    person_id: Uuid,
    episode_id: Uuid,
    discussion_id: Uuid,
    started_on: NaiveDate,
    status: String,
    outcome: Option<String>,
    concluded_on: Option<NaiveDate>,
    conference_not_required: Option<bool>,
    conclusion: Option<String>,
    concluded_by: Option<Uuid>,
    version: i64,
}

impl TryFrom<Raw> for EnquiryRow {
    type Error = StoreError;
    fn try_from(r: Raw) -> Result<Self> {
        Ok(EnquiryRow {
            id: r.id,
            person_id: r.person_id,
            episode_id: r.episode_id,
            discussion_id: r.discussion_id,
            started_on: r.started_on,
            status: EnquiryState::from_code(&r.status).ok_or_else(|| {
                StoreError::Corrupt(format!("'{}' is not an enquiry state", r.status))
            })?,
            outcome: decode_opt(r.outcome.as_deref())?,
            concluded_on: r.concluded_on,
            conference_not_required: r.conference_not_required,
            conclusion: r
                .conclusion
                .as_deref()
                .map(serde_json::from_str)
                .transpose()?,
            concluded_by: r.concluded_by,
            version: r.version,
        })
    }
}

const COLS: &str =
    "id, person_id, episode_id, discussion_id, started_on, status, outcome, concluded_on, \
    conference_not_required, conclusion, concluded_by, version";

pub struct Enquiries<'t>(&'t mut Tx);

impl Tx {
    /// Section 47 enquiries.
    pub fn enquiries(&mut self) -> Enquiries<'_> {
        Enquiries(self)
    }
}

impl Enquiries<'_> {
    /// Starts an enquiry from a held discussion. A second open enquiry for the child is refused
    /// by the database (`s47_enquiries_one_open`).
    pub async fn start(
        &mut self,
        person: Uuid,
        episode: Uuid,
        discussion: Uuid,
        started_on: NaiveDate,
        now: DateTime<Utc>,
    ) -> Result<Uuid> {
        let id = Uuid::new_v4();
        let sql = format!("INSERT INTO s47_enquiries ({COLS}, created_at) VALUES ($1, $2, $3, $4, $5, $6, NULL, NULL, NULL, NULL, NULL, 1, $7)");
        on_tx!(self.0, c => sqlx::query(&sql).bind(id).bind(person).bind(episode).bind(discussion)
            .bind(started_on).bind(EnquiryState::Open.code()).bind(now)
            .execute(&mut *c).await.map(|r| r.rows_affected()))?;
        Ok(id)
    }

    /// The child's open enquiry, if any.
    pub async fn open_of(&mut self, person: Uuid) -> Result<Option<Uuid>> {
        let sql = "SELECT id FROM s47_enquiries WHERE person_id = $1 AND status = $2";
        Ok(
            on_tx!(self.0, c => sqlx::query_scalar::<_, Uuid>(sql).bind(person).bind(EnquiryState::Open.code()).fetch_optional(&mut *c).await)?,
        )
    }

    pub async fn get(&mut self, access: &CaseAccess<Read>, id: Uuid) -> Result<EnquiryRow> {
        let sql = format!("SELECT {COLS} FROM s47_enquiries WHERE id = $1 AND person_id = $2");
        on_tx!(self.0, c => sqlx::query_as::<_, Raw>(&sql).bind(id).bind(access.person().0).fetch_optional(&mut *c).await)?
            .ok_or(StoreError::NotFound)?
            .try_into()
    }

    /// The child's enquiries, newest first.
    pub async fn of_child(&mut self, access: &CaseAccess<Read>) -> Result<Vec<EnquiryRow>> {
        let sql = format!(
            "SELECT {COLS} FROM s47_enquiries WHERE person_id = $1 ORDER BY started_on DESC, created_at DESC"
        );
        let rows = on_tx!(self.0, c => sqlx::query_as::<_, Raw>(&sql).bind(access.person().0).fetch_all(&mut *c).await)?;
        rows.into_iter().map(TryInto::try_into).collect()
    }

    /// Records the outcome if the enquiry is still open at `version`.
    pub async fn conclude(
        &mut self,
        id: Uuid,
        version: i64,
        outcome: EnquiryOutcome,
        concluded_on: NaiveDate,
        record: &ConclusionRecord,
        by: Uuid,
    ) -> Result<()> {
        let sql = "UPDATE s47_enquiries SET status = $1, outcome = $2, concluded_on = $3, conference_not_required = $4, \
                   conclusion = $5, concluded_by = $6, version = version + 1 WHERE id = $7 AND version = $8 AND status = $9";
        let json = serde_json::to_string(record)?;
        let n = on_tx!(self.0, c => sqlx::query(sql).bind(EnquiryState::Concluded.code()).bind(outcome.code())
            .bind(concluded_on).bind(outcome.conference_not_required()).bind(json).bind(by).bind(id).bind(version)
            .bind(EnquiryState::Open.code()).execute(&mut *c).await.map(|r| r.rows_affected()))?;
        self.changed(id, n).await
    }

    async fn changed(&mut self, id: Uuid, n: u64) -> Result<()> {
        self.0
            .versioned_change(crate::versioned::Versioned::Enquiries, id, n)
            .await
    }
}
