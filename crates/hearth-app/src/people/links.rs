//! Relationships and professionals involved.

use crate::read_row;
use hearth_domain::ids::PersonId;
use hearth_domain::person::Person;
use hearth_domain::relationship::{Involvement, InvolvementInput, Relationship, RelationshipInput};
use hearth_store::audit::AuditOutcome;
use hearth_store::people::search::PersonSummary;

use crate::accounts::auth::Principal;
use crate::error::{AppError, AppResult};
use crate::people::cases::{entry, shown};
use crate::App;

/// A relationship as seen from one person's record.
#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
pub struct RelatedPerson {
    pub relationship: Relationship,
    /// How the other person relates to this one ("Parent", "Child").
    pub described_as: String,
    pub other: PersonSummary,
}

/// The links on a person's page.
#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
pub struct PersonLinks {
    pub relationships: Vec<RelatedPerson>,
    pub involvements: Vec<Involvement>,
}

/// A person's whole record as their page shows it.
#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
pub struct PersonRecord {
    pub person: Person,
    /// Restricted: only those allocated, their managers and information governance may open it.
    pub restricted: bool,
    pub links: PersonLinks,
}

impl App {
    /// Adds "A is the <kind> of B"; the user needs write access to A and B must exist.
    #[tracing::instrument(skip_all)]
    pub async fn add_relationship(
        &self,
        p: &Principal,
        input: &RelationshipInput,
    ) -> AppResult<Relationship> {
        let r = input.parse(self.clock.today())?;
        let now = self.clock.now();
        let tx = self.db.begin().await?;
        let (mut tx, access) = self
            .write_access(tx, p, r.from_person, "relationship.add")
            .await?;
        if tx.people().context(r.to_person).await?.is_none() {
            return Err(AppError::Validation(
                hearth_domain::errors::ValidationErrors::single(
                    "to_person",
                    "unknown_person",
                    "The related person is not recorded; create them first",
                ),
            ));
        }
        tx.relationships()
            .insert(&access, &r, p.user.id, now)
            .await?;
        for id in [r.from_person, r.to_person] {
            let mut e = entry(p, "relationship.add", id, AuditOutcome::Success);
            e.detail = Some(format!("relationship={}", r.id));
            tx.audit(now, e).await?;
        }
        tx.commit().await?;
        Ok(r)
    }

    #[tracing::instrument(skip_all, fields(person = %person))]
    pub async fn add_involvement(
        &self,
        p: &Principal,
        person: PersonId,
        input: &InvolvementInput,
    ) -> AppResult<Involvement> {
        let i = input.parse(person, self.clock.today())?;
        let now = self.clock.now();
        let tx = self.db.begin().await?;
        let (mut tx, access) = self.write_access(tx, p, person, "involvement.add").await?;
        tx.relationships()
            .insert_involvement(&access, &i, p.user.id, now)
            .await?;
        tx.audit(
            now,
            entry(p, "involvement.add", person, AuditOutcome::Success),
        )
        .await?;
        tx.commit().await?;
        Ok(i)
    }

    /// A person's whole record for their page: details, relationships and professionals, read
    /// with one authorisation in one transaction with its audit row. A related person the
    /// reader may not open is listed only as a restricted record.
    #[tracing::instrument(skip_all, fields(id = %id))]
    pub async fn view_person_record(&self, p: &Principal, id: PersonId) -> AppResult<PersonRecord> {
        let now = self.clock.now();
        let tx = self.db.read().await?;
        let (mut tx, access, ctx) = self
            .read_access_in_context(tx, p, id, "person.view")
            .await?;
        let restricted = ctx.restricted;
        let person = tx.people().get(&access).await?;
        let rels = tx.relationships().of(&access).await?;
        let others: Vec<PersonId> = rels
            .iter()
            .map(|r| {
                if r.from_person == id {
                    r.to_person
                } else {
                    r.from_person
                }
            })
            .collect();
        let summaries = shown(p, tx.people_search().summaries_in_context(&others).await?);
        let involvements = tx.relationships().involvements_of(&access).await?;
        let row = entry(p, "person.view", id, AuditOutcome::Success);
        self.audited(tx, vec![read_row(now, row)]).await?;
        let relationships = rels
            .into_iter()
            .zip(others)
            .filter_map(|(r, other)| {
                let s = summaries.iter().find(|s| s.id == other)?.clone();
                let described_as = if r.from_person == id {
                    r.kind.inverse_label()
                } else {
                    r.kind.label()
                };
                Some(RelatedPerson {
                    described_as: described_as.to_string(),
                    relationship: r,
                    other: s,
                })
            })
            .collect();
        Ok(PersonRecord {
            person,
            restricted,
            links: PersonLinks {
                relationships,
                involvements,
            },
        })
    }
}
