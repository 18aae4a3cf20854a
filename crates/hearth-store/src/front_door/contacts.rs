//! Contacts at the front door, the children each concerns, and the queue. A contact's outcomes
//! are rows of `contact_outcomes`, read for a whole list in one query.

use chrono::{DateTime, Utc};
use hearth_domain::authz::{CaseAccess, FrontDoorAccess, Read};
use hearth_domain::codes::ReferralSource;
use hearth_domain::front_door::contact::{ContactOutcome, Urgency};
use hearth_domain::front_door::states::ContactState;
use hearth_domain::front_door::vocab::ContactMethod;
use hearth_domain::ids::ContactId;
use hearth_domain::ids::{PersonId, UserId};
use serde::Serialize;
use uuid::Uuid;

use crate::code_tables::CONTACT_OUTCOMES;
use crate::{on_tx, Result, StoreError, Tx};

/// A contact as stored, with its outcomes (none until it is concluded).
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct ContactRow {
    #[sqlx(try_from = "Uuid")]
    pub id: ContactId,
    pub received_at: DateTime<Utc>,
    #[sqlx(try_from = "String")]
    pub source: ReferralSource,
    #[sqlx(try_from = "String")]
    pub method: ContactMethod,
    pub contact_name: String,
    pub contact_agency: String,
    pub contact_details: String,
    pub summary: String,
    #[sqlx(try_from = "String")]
    pub urgency: Urgency,
    /// JSON: the family's consent to the referral and to enquiries.
    pub consent: String,
    /// JSON: a young person's own consent (16 or over), when asked.
    pub young_person_consent: Option<String>,
    pub form_id: Option<Uuid>,
    #[sqlx(try_from = "String")]
    pub status: ContactState,
    /// From `contact_outcomes`, in census order; filled by every read below.
    #[sqlx(skip)]
    pub outcomes: Vec<ContactOutcome>,
    pub outcome_notes: Option<String>,
    pub feedback: Option<String>,
    pub concluded_by: Option<Uuid>,
    pub concluded_at: Option<DateTime<Utc>>,
    pub created_by: Uuid,
    pub created_at: DateTime<Utc>,
    pub version: i64,
}

pub struct NewContact<'a> {
    pub received_at: DateTime<Utc>,
    pub source: ReferralSource,
    pub method: ContactMethod,
    pub contact_name: &'a str,
    pub contact_agency: &'a str,
    pub contact_details: &'a str,
    pub summary: &'a str,
    pub urgency: Urgency,
    pub consent_json: &'a str,
    pub young_person_consent_json: Option<&'a str>,
    pub form_id: Option<Uuid>,
    pub created_by: UserId,
}

/// Concluding a contact with its outcomes (the contact's, and each child's).
pub struct ContactConclusion<'a> {
    pub outcomes: &'a [ContactOutcome],
    pub per_child: &'a [(PersonId, Vec<ContactOutcome>)],
    pub notes: Option<&'a str>,
    pub feedback: Option<&'a str>,
    pub by: UserId,
}

const COLS: &str = "id, received_at, source, method, contact_name, contact_agency, contact_details, summary, \
    urgency, consent, form_id, status, outcome_notes, feedback, concluded_by, concluded_at, created_by, created_at, version, young_person_consent";

/// Most urgent first, then longest waiting.
const QUEUE_ORDER: &str =
    "CASE urgency WHEN 'immediate' THEN 0 WHEN 'urgent' THEN 1 ELSE 2 END, received_at";

/// Contacts at the front door, their children and outcomes.
pub struct Contacts<'t>(&'t mut Tx);

impl Tx {
    /// Contacts at the front door, their children and outcomes.
    pub fn contacts(&mut self) -> Contacts<'_> {
        Contacts(self)
    }
}

impl Contacts<'_> {
    pub async fn insert(&mut self, n: &NewContact<'_>, now: DateTime<Utc>) -> Result<Uuid> {
        let id = Uuid::new_v4();
        let sql = format!("INSERT INTO contacts ({COLS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $14, NULL, NULL, NULL, NULL, $12, $13, 1, $15)");
        on_tx!(self.0, c => sqlx::query(&sql)
            .bind(id).bind(n.received_at).bind(n.source.code()).bind(n.method.code()).bind(n.contact_name)
            .bind(n.contact_agency).bind(n.contact_details).bind(n.summary).bind(n.urgency.code()).bind(n.consent_json)
            .bind(n.form_id).bind(n.created_by.0).bind(now).bind(ContactState::Open.code())
            .bind(n.young_person_consent_json)
            .execute(&mut *c).await.map(|r| r.rows_affected()))?;
        Ok(id)
    }

    pub async fn add_child(&mut self, contact: Uuid, person: PersonId) -> Result<()> {
        let sql = "INSERT INTO contact_children (contact_id, person_id) VALUES ($1, $2) ON CONFLICT DO NOTHING";
        on_tx!(self.0, c => sqlx::query(sql).bind(contact).bind(person.0)
            .execute(&mut *c).await.map(|r| r.rows_affected()))?;
        Ok(())
    }

    /// Fills in each contact's outcomes: one query for the whole list.
    async fn with_contact_outcomes(
        &mut self,
        mut rows: Vec<ContactRow>,
    ) -> Result<Vec<ContactRow>> {
        let ids: Vec<Uuid> = rows.iter().map(|r| r.id.0).collect();
        let mut codes = self.0.codes_of(CONTACT_OUTCOMES, &ids).await?;
        for r in &mut rows {
            r.outcomes = codes.remove(&r.id.0).unwrap_or_default();
        }
        Ok(rows)
    }

    /// A contact, for front-door work (screening happens before any child is linked).
    pub async fn get(&mut self, _desk: &FrontDoorAccess, id: ContactId) -> Result<ContactRow> {
        let id = id.0;
        let sql = format!("SELECT {COLS} FROM contacts WHERE id = $1");
        let mut row = on_tx!(self.0, c => sqlx::query_as::<_, ContactRow>(&sql).bind(id).fetch_optional(&mut *c).await)?
            .ok_or(StoreError::NotFound)?;
        row.outcomes = self.0.codes_of_one(CONTACT_OUTCOMES, id).await?;
        Ok(row)
    }

    /// A contact about the child `access` is for (not found unless that child is linked to it).
    pub async fn about_child(&mut self, access: &CaseAccess<Read>, id: Uuid) -> Result<ContactRow> {
        let sql = format!(
            "SELECT {COLS} FROM contacts WHERE id = $1 AND id IN \
            (SELECT contact_id FROM contact_children WHERE person_id = $2)"
        );
        let mut row = on_tx!(self.0, c => sqlx::query_as::<_, ContactRow>(&sql).bind(id).bind(access.person().0).fetch_optional(&mut *c).await)?
            .ok_or(StoreError::NotFound)?;
        row.outcomes = self.0.codes_of_one(CONTACT_OUTCOMES, id).await?;
        Ok(row)
    }

    pub async fn children(&mut self, contact: Uuid) -> Result<Vec<PersonId>> {
        let sql = "SELECT person_id FROM contact_children WHERE contact_id = $1";
        let ids: Vec<Uuid> =
            on_tx!(self.0, c => sqlx::query_scalar(sql).bind(contact).fetch_all(&mut *c).await)?;
        Ok(ids.into_iter().map(PersonId).collect())
    }

    /// The children of many contacts in one query: (contact, child) pairs.
    pub async fn children_of(&mut self, contacts: &[Uuid]) -> Result<Vec<(Uuid, PersonId)>> {
        let mut out = Vec::new();
        for batch in contacts.chunks(crate::in_list::BATCH) {
            let sql = format!(
                "SELECT contact_id, person_id FROM contact_children WHERE contact_id IN ({})",
                crate::in_list::marks(batch.len(), 0)
            );
            let rows: Vec<(Uuid, Uuid)> = on_tx!(self.0, c => {
                let mut q = sqlx::query_as(&sql);
                for id in batch {
                    q = q.bind(*id);
                }
                q.fetch_all(&mut *c).await
            })?;
            out.extend(rows.into_iter().map(|(c, p)| (c, PersonId(p))));
        }
        Ok(out)
    }

    /// The front-door queue: open contacts, most urgent then longest waiting.
    pub async fn open(&mut self, _desk: &FrontDoorAccess, limit: i64) -> Result<Vec<ContactRow>> {
        let sql = format!(
            "SELECT {COLS} FROM contacts WHERE status = $2 ORDER BY {QUEUE_ORDER} LIMIT $1"
        );
        let rows = on_tx!(self.0, c => sqlx::query_as::<_, ContactRow>(&sql).bind(limit).bind(ContactState::Open.code()).fetch_all(&mut *c).await)?;
        self.with_contact_outcomes(rows).await
    }

    /// Every contact about any of these people, newest first.
    pub async fn about(
        &mut self,
        people: &[&CaseAccess<Read>],
    ) -> Result<Vec<(PersonId, ContactRow)>> {
        let mut out = Vec::new();
        for p in people.iter().map(|a| a.person()) {
            let sql = format!("SELECT {COLS} FROM contacts WHERE id IN (SELECT contact_id FROM contact_children WHERE person_id = $1) ORDER BY received_at DESC");
            let rows = on_tx!(self.0, c => sqlx::query_as::<_, ContactRow>(&sql).bind(p.0).fetch_all(&mut *c).await)?;
            out.extend(rows.into_iter().map(|r| (p, r)));
        }
        let ids: Vec<Uuid> = out.iter().map(|(_, r)| r.id.0).collect();
        let codes = self.0.codes_of(CONTACT_OUTCOMES, &ids).await?;
        for (_, r) in &mut out {
            r.outcomes = codes.get(&r.id.0).cloned().unwrap_or_default();
        }
        Ok(out)
    }

    /// Concludes an open contact if nobody else changed it since `version`.
    pub async fn conclude(
        &mut self,
        id: Uuid,
        version: i64,
        k: &ContactConclusion<'_>,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let sql = "UPDATE contacts SET status = $7, outcome_notes = $1, feedback = $2, \
                   concluded_by = $3, concluded_at = $4, version = version + 1 \
                   WHERE id = $5 AND version = $6 AND status = $8";
        let n = on_tx!(self.0, c => sqlx::query(sql).bind(k.notes).bind(k.feedback)
            .bind(k.by.0).bind(now).bind(id).bind(version)
            .bind(ContactState::Concluded.code()).bind(ContactState::Open.code())
            .execute(&mut *c).await.map(|r| r.rows_affected()))?;
        if n == 0 {
            let sql = "SELECT version FROM contacts WHERE id = $1";
            let current: Option<i64> = on_tx!(self.0, c => sqlx::query_scalar(sql).bind(id).fetch_optional(&mut *c).await)?;
            return Err(
                current.map_or(StoreError::NotFound, |current| StoreError::Stale {
                    current,
                }),
            );
        }
        self.0
            .replace_codes(CONTACT_OUTCOMES, id, k.outcomes)
            .await?;
        for (child, outcomes) in k.per_child {
            for o in outcomes {
                let sql = "INSERT INTO contact_child_outcomes (contact_id, person_id, code) VALUES ($1, $2, $3)";
                on_tx!(self.0, c => sqlx::query(sql).bind(id).bind(child.0).bind(o.code())
                    .execute(&mut *c).await.map(|r| r.rows_affected()))?;
            }
        }
        Ok(())
    }

    /// Each child's outcomes, for a contact concluded with them (none before), outcomes in the
    /// vocabulary's order.
    pub async fn child_outcomes(
        &mut self,
        contact: Uuid,
    ) -> Result<Vec<(PersonId, Vec<ContactOutcome>)>> {
        let sql = "SELECT person_id, code FROM contact_child_outcomes WHERE contact_id = $1";
        let rows: Vec<(Uuid, String)> =
            on_tx!(self.0, c => sqlx::query_as(sql).bind(contact).fetch_all(&mut *c).await)?;
        let mut out: Vec<(PersonId, Vec<ContactOutcome>)> = Vec::new();
        for (person, code) in rows {
            let o: ContactOutcome = crate::code_tables::decode(&code)?;
            match out.iter_mut().find(|(p, _)| p.0 == person) {
                Some((_, v)) => v.push(o),
                None => out.push((PersonId(person), vec![o])),
            }
        }
        for (_, v) in &mut out {
            v.sort_by_key(|o| ContactOutcome::ALL.iter().position(|x| x == o));
        }
        out.sort_by_key(|(p, _)| p.0);
        Ok(out)
    }

    /// Bumps the version when children are linked, so a concurrent conclusion notices.
    pub async fn touch(&mut self, id: Uuid) -> Result<()> {
        on_tx!(self.0, c => sqlx::query("UPDATE contacts SET version = version + 1 WHERE id = $1")
            .bind(id).execute(&mut *c).await.map(|r| r.rows_affected()))?;
        Ok(())
    }
}
