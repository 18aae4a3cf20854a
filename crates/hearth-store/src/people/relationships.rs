//! Relationships between people and professionals involved with a child.

use chrono::{DateTime, NaiveDate, Utc};
use hearth_domain::authz::{CaseAccess, Read, Write};
use hearth_domain::ids::{InvolvementId, PersonId, RelationshipId, UserId};
use hearth_domain::relationship::{Involvement, Relationship, RelationshipType};
use uuid::Uuid;

use crate::{on_tx, Result, StoreError, Tx};

#[derive(sqlx::FromRow)]
struct RelRow {
    id: Uuid,
    from_person: Uuid,
    to_person: Uuid,
    kind: String,
    parental_responsibility: bool,
    lives_with: bool,
    started: Option<NaiveDate>,
    ended: Option<NaiveDate>,
}

#[derive(sqlx::FromRow)]
struct InvRow {
    id: Uuid,
    person_id: Uuid,
    name: String,
    role: String,
    agency: String,
    telephone: Option<String>,
    email: Option<String>,
    from_date: NaiveDate,
    to_date: Option<NaiveDate>,
}

/// The relationships between people and the professionals involved with them.
pub struct Relationships<'t>(&'t mut Tx);

impl Tx {
    /// The relationships between people and the professionals involved with them.
    pub fn relationships(&mut self) -> Relationships<'_> {
        Relationships(self)
    }
}

impl Relationships<'_> {
    /// Adds a relationship; the caller holds write access to one of the two people.
    pub async fn insert(
        &mut self,
        _access: &CaseAccess<Write>,
        r: &Relationship,
        by: UserId,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let sql = "INSERT INTO relationships (id, from_person, to_person, kind, parental_responsibility, lives_with, started, ended, created_at, created_by) \
                   VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)";
        on_tx!(self.0, c => sqlx::query(sql)
            .bind(r.id.0).bind(r.from_person.0).bind(r.to_person.0).bind(r.kind.code())
            .bind(r.parental_responsibility).bind(r.lives_with).bind(r.started).bind(r.ended)
            .bind(now).bind(by.0).execute(&mut *c).await.map(|r| r.rows_affected()))?;
        Ok(())
    }

    /// Every relationship this person is on either side of.
    pub async fn of(&mut self, access: &CaseAccess<Read>) -> Result<Vec<Relationship>> {
        let sql = "SELECT id, from_person, to_person, kind, parental_responsibility, lives_with, started, ended \
                   FROM relationships WHERE from_person = $1 OR to_person = $1 ORDER BY created_at";
        let rows = on_tx!(self.0, c => sqlx::query_as::<_, RelRow>(sql).bind(access.person().0).fetch_all(&mut *c).await)?;
        rows.into_iter()
            .map(|r| {
                Ok(Relationship {
                    id: RelationshipId(r.id),
                    from_person: PersonId(r.from_person),
                    to_person: PersonId(r.to_person),
                    kind: RelationshipType::parse(&r.kind)
                        .map_err(|e| StoreError::Corrupt(e.to_string()))?,
                    parental_responsibility: r.parental_responsibility,
                    lives_with: r.lives_with,
                    started: r.started,
                    ended: r.ended,
                })
            })
            .collect()
    }

    pub async fn insert_involvement(
        &mut self,
        _access: &CaseAccess<Write>,
        i: &Involvement,
        by: UserId,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let sql = "INSERT INTO involvements (id, person_id, name, role, agency, telephone, email, from_date, to_date, created_at, created_by) \
                   VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)";
        on_tx!(self.0, c => sqlx::query(sql)
            .bind(i.id.0).bind(i.person.0).bind(&i.name).bind(&i.role).bind(&i.agency)
            .bind(&i.telephone).bind(&i.email).bind(i.from).bind(i.to).bind(now).bind(by.0)
            .execute(&mut *c).await.map(|r| r.rows_affected()))?;
        Ok(())
    }

    pub async fn involvements_of(&mut self, access: &CaseAccess<Read>) -> Result<Vec<Involvement>> {
        let sql = "SELECT id, person_id, name, role, agency, telephone, email, from_date, to_date \
                   FROM involvements WHERE person_id = $1 ORDER BY from_date DESC";
        let rows = on_tx!(self.0, c => sqlx::query_as::<_, InvRow>(sql).bind(access.person().0).fetch_all(&mut *c).await)?;
        Ok(rows
            .into_iter()
            .map(|r| Involvement {
                id: InvolvementId(r.id),
                person: PersonId(r.person_id),
                name: r.name,
                role: r.role,
                agency: r.agency,
                telephone: r.telephone,
                email: r.email,
                from: r.from_date,
                to: r.to_date,
            })
            .collect())
    }
}
