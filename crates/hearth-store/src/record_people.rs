//! Whose record a case record is: the children an assessment, referral, episode or contact is
//! about, so the edge can ask the one authorisation decision before a handler reads a byte of
//! the request body.

use hearth_domain::ids::PersonId;
use uuid::Uuid;

use crate::{on_tx, Result, Tx};

/// The kinds of case record a path can name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordKind {
    Person,
    Contact,
    Referral,
    Episode,
    Assessment,
}

impl RecordKind {
    /// The audit log's record type.
    pub fn audit_type(self) -> &'static str {
        match self {
            RecordKind::Person => "person",
            RecordKind::Contact => "contact",
            RecordKind::Referral => "referral",
            RecordKind::Episode => "episode",
            RecordKind::Assessment => "assessment",
        }
    }
}

impl Tx {
    /// The people the record is about, or `None` when there is no such record.
    pub async fn record_people(
        &mut self,
        kind: RecordKind,
        id: Uuid,
    ) -> Result<Option<Vec<PersonId>>> {
        let (exists, people) = match kind {
            RecordKind::Person => ("SELECT id FROM persons WHERE id = $1", None),
            RecordKind::Contact => (
                "SELECT id FROM contacts WHERE id = $1",
                Some("SELECT person_id FROM contact_children WHERE contact_id = $1 ORDER BY person_id"),
            ),
            RecordKind::Referral => ("SELECT person_id FROM referrals WHERE id = $1", None),
            RecordKind::Episode => ("SELECT person_id FROM episodes WHERE id = $1", None),
            RecordKind::Assessment => ("SELECT person_id FROM assessments WHERE id = $1", None),
        };
        let found: Option<Uuid> = on_tx!(self, c => sqlx::query_scalar(exists)
            .bind(id).fetch_optional(&mut *c).await)?;
        let Some(first) = found else {
            return Ok(None);
        };
        let Some(sql) = people else {
            return Ok(Some(vec![PersonId(first)]));
        };
        let ids: Vec<Uuid> = on_tx!(self, c => sqlx::query_scalar(sql)
            .bind(id).fetch_all(&mut *c).await)?;
        Ok(Some(ids.into_iter().map(PersonId).collect()))
    }
}
