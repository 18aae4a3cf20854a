//! Multi-agency referral forms: drafts saved as the referrer types (each save a new version, a
//! stale save refused rather than overwriting), then submitted once.

use chrono::{DateTime, Utc};
use hearth_domain::front_door::states::ReferralFormState;
use hearth_domain::ids::UserId;
use serde::Serialize;
use uuid::Uuid;

use crate::{on_tx, Result, StoreError, Tx};

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct ReferralFormRow {
    pub id: Uuid,
    pub author_id: Uuid,
    #[sqlx(try_from = "String")]
    pub status: ReferralFormState,
    /// The form's fields as JSON.
    pub body: String,
    pub version: i64,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub submitted_at: Option<DateTime<Utc>>,
    pub contact_id: Option<Uuid>,
    pub acknowledgement: Option<String>,
}

const COLS: &str = "id, author_id, status, body, version, created_at, updated_at, submitted_at, contact_id, acknowledgement";

/// Partners' referral forms.
pub struct ReferralForms<'t>(&'t mut Tx);

impl Tx {
    /// Partners' referral forms.
    pub fn referral_forms(&mut self) -> ReferralForms<'_> {
        ReferralForms(self)
    }
}

impl ReferralForms<'_> {
    pub async fn insert(&mut self, author: UserId, body: &str, now: DateTime<Utc>) -> Result<Uuid> {
        let id = Uuid::new_v4();
        let sql = format!("INSERT INTO referral_forms ({COLS}) VALUES ($1, $2, $5, $3, 1, $4, $4, NULL, NULL, NULL)");
        on_tx!(self.0, c => sqlx::query(&sql).bind(id).bind(author.0).bind(body).bind(now).bind(ReferralFormState::Draft.code())
            .execute(&mut *c).await.map(|r| r.rows_affected()))?;
        Ok(id)
    }

    pub async fn get(&mut self, id: Uuid) -> Result<ReferralFormRow> {
        let sql = format!("SELECT {COLS} FROM referral_forms WHERE id = $1");
        on_tx!(self.0, c => sqlx::query_as::<_, ReferralFormRow>(&sql).bind(id).fetch_optional(&mut *c).await)?
            .ok_or(StoreError::NotFound)
    }

    /// The feedback the front door gave on the contact a form became, and when: the one part of
    /// the contact its author may read.
    pub async fn contact_feedback(
        &mut self,
        form: &ReferralFormRow,
    ) -> Result<Option<(String, DateTime<Utc>)>> {
        let Some(contact) = form.contact_id else {
            return Ok(None);
        };
        let sql = "SELECT feedback, concluded_at FROM contacts WHERE id = $1";
        let row: Option<(Option<String>, Option<DateTime<Utc>>)> =
            on_tx!(self.0, c => sqlx::query_as(sql).bind(contact).fetch_optional(&mut *c).await)?;
        Ok(row.and_then(|(text, at)| text.zip(at)))
    }

    /// When the contact was concluded, if it has been.
    pub async fn contact_concluded(&mut self, contact: Uuid) -> Result<Option<DateTime<Utc>>> {
        let sql = "SELECT concluded_at FROM contacts WHERE id = $1";
        let at: Option<Option<DateTime<Utc>>> = on_tx!(self.0, c => sqlx::query_scalar(sql).bind(contact).fetch_optional(&mut *c).await)?;
        Ok(at.flatten())
    }

    /// The forms that became any of these contacts, in one query.
    pub async fn of_contacts(&mut self, contacts: &[Uuid]) -> Result<Vec<ReferralFormRow>> {
        let mut out = Vec::new();
        for batch in contacts.chunks(crate::in_list::BATCH) {
            let sql = format!(
                "SELECT {COLS} FROM referral_forms WHERE contact_id IN ({})",
                crate::in_list::marks(batch.len(), 0)
            );
            let rows = on_tx!(self.0, c => {
                let mut q = sqlx::query_as::<_, ReferralFormRow>(&sql);
                for id in batch {
                    q = q.bind(*id);
                }
                q.fetch_all(&mut *c).await
            })?;
            out.extend(rows);
        }
        Ok(out)
    }

    pub async fn of_contact(&mut self, contact: Uuid) -> Result<Option<ReferralFormRow>> {
        let sql = format!("SELECT {COLS} FROM referral_forms WHERE contact_id = $1");
        Ok(
            on_tx!(self.0, c => sqlx::query_as::<_, ReferralFormRow>(&sql).bind(contact).fetch_optional(&mut *c).await)?,
        )
    }

    /// The author's forms, newest first.
    pub async fn by_author(&mut self, author: UserId) -> Result<Vec<ReferralFormRow>> {
        let sql = format!("SELECT {COLS} FROM referral_forms WHERE author_id = $1 ORDER BY updated_at DESC LIMIT 200");
        Ok(
            on_tx!(self.0, c => sqlx::query_as::<_, ReferralFormRow>(&sql).bind(author.0).fetch_all(&mut *c).await)?,
        )
    }

    async fn stale_form(&mut self, id: Uuid) -> StoreError {
        match self.get(id).await {
            // Someone submitted it meanwhile: say so rather than "changed by someone else".
            Ok(r) => match r.status.edit() {
                Err(wrong) => StoreError::WrongState(wrong),
                Ok(_) => StoreError::Stale { current: r.version },
            },
            Err(e) => e,
        }
    }

    /// Saves a draft over `version`; returns the new version.
    pub async fn save(
        &mut self,
        id: Uuid,
        version: i64,
        body: &str,
        now: DateTime<Utc>,
    ) -> Result<i64> {
        let n = on_tx!(self.0, c => sqlx::query("UPDATE referral_forms SET body = $1, version = version + 1, updated_at = $2 WHERE id = $3 AND version = $4 AND status = $5")
            .bind(body).bind(now).bind(id).bind(version).bind(ReferralFormState::Draft.code()).execute(&mut *c).await.map(|r| r.rows_affected()))?;
        if n == 0 {
            return Err(self.stale_form(id).await);
        }
        Ok(version + 1)
    }

    /// Marks the draft submitted, linking the contact it became.
    pub async fn submit(
        &mut self,
        id: Uuid,
        version: i64,
        body: &str,
        contact: Uuid,
        acknowledgement: &str,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let sql = "UPDATE referral_forms SET status = $7, body = $1, version = version + 1, updated_at = $2, \
                   submitted_at = $2, contact_id = $3, acknowledgement = $4 WHERE id = $5 AND version = $6 AND status = $8";
        let n = on_tx!(self.0, c => sqlx::query(sql).bind(body).bind(now).bind(contact).bind(acknowledgement).bind(id).bind(version)
            .bind(ReferralFormState::Submitted.code()).bind(ReferralFormState::Draft.code())
            .execute(&mut *c).await.map(|r| r.rows_affected()))?;
        if n == 0 {
            return Err(self.stale_form(id).await);
        }
        Ok(())
    }
}
