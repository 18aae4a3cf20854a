//! People: insert, read (with a read capability), update with optimistic concurrency and an
//! appended version history, and address moves. The census characteristics are written to their
//! typed columns and `person_disabilities` (see [`super::stored`]).

use chrono::{DateTime, Days, NaiveDate, Utc};
use hearth_domain::authz::{CaseAccess, Read, RecordContext, Write};
use hearth_domain::ids::{PersonId, UserId};
use hearth_domain::person::{Address, Person, PersonDetails};
use hearth_domain::phonetic::{name_tokens, soundex};
use uuid::Uuid;

use crate::code_tables::PERSON_DISABILITIES;
use crate::people::stored::{join, split, Characteristics, DetailsJson};
use crate::record_people::RecordKind;
use crate::{on_tx, Result, StoreError, Tx};

/// The lower-case "family given" key the people list sorts on.
pub fn sort_name(d: &PersonDetails) -> String {
    format!("{} {}", d.family_name, d.given_names).to_lowercase()
}

#[derive(sqlx::FromRow)]
struct PersonRow {
    id: Uuid,
    details: String,
    sex: Option<String>,
    gender_identity: Option<String>,
    ethnicity: Option<String>,
    version: i64,
}

#[derive(sqlx::FromRow)]
struct AddressRow {
    line1: String,
    line2: Option<String>,
    town: String,
    postcode: String,
    from_date: NaiveDate,
    to_date: Option<NaiveDate>,
}

/// People: their details (with history), addresses, restriction and the facts authorisation reads.
pub struct People<'t>(&'t mut Tx);

impl Tx {
    /// People: their details (with history), addresses, restriction and the facts authorisation reads.
    pub fn people(&mut self) -> People<'_> {
        People(self)
    }
}

impl People<'_> {
    pub async fn insert(
        &mut self,
        id: PersonId,
        details: &PersonDetails,
        address: Option<&Address>,
        by: UserId,
        now: DateTime<Utc>,
    ) -> Result<Person> {
        let (json, census) = split(details);
        let json = serde_json::to_string(&json)?;
        let sql = "INSERT INTO persons (id, kind, sort_name, date_of_birth, expected_date_of_delivery, nhs_number, upn, \
                   details, restricted, version, created_at, created_by, updated_at, updated_by, sex, gender_identity, ethnicity) \
                   VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 1, $10, $11, $10, $11, $12, $13, $14)";
        on_tx!(self.0, c => sqlx::query(sql)
            .bind(id.0).bind(details.kind.code()).bind(sort_name(details))
            .bind(details.date_of_birth()).bind(details.expected_date_of_delivery())
            .bind(details.nhs_number.as_ref().map(|n| n.as_str().to_string()))
            .bind(details.upn.as_ref().map(|u| u.as_str().to_string()))
            .bind(&json).bind(false).bind(now).bind(by.0)
            .bind(census.sex_code()).bind(&census.gender_identity).bind(census.ethnicity_code())
            .execute(&mut *c).await.map(|r| r.rows_affected()))?;
        self.0
            .replace_codes(PERSON_DISABILITIES, id.0, &census.disabilities)
            .await?;
        self.insert_version(id, 1, details, by, now).await?;
        self.0.census_identity().allocate(id).await?;
        self.write_tokens(id, details).await?;
        if let Some(a) = address {
            self.insert_address(id, a, by, now).await?;
        }
        Ok(Person {
            id,
            details: details.clone(),
            addresses: address.cloned().into_iter().collect(),
            version: 1,
        })
    }

    /// Appends the whole of the details, characteristics included, to the history.
    async fn insert_version(
        &mut self,
        id: PersonId,
        version: i64,
        details: &PersonDetails,
        by: UserId,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let json = serde_json::to_string(details)?;
        let sql = "INSERT INTO person_versions (person_id, version, details, changed_at, changed_by) VALUES ($1, $2, $3, $4, $5)";
        on_tx!(self.0, c => sqlx::query(sql).bind(id.0).bind(version).bind(&json).bind(now).bind(by.0).execute(&mut *c).await.map(|r| r.rows_affected()))?;
        Ok(())
    }

    async fn write_tokens(&mut self, id: PersonId, details: &PersonDetails) -> Result<()> {
        on_tx!(self.0, c => sqlx::query("DELETE FROM person_name_tokens WHERE person_id = $1").bind(id.0).execute(&mut *c).await.map(|r| r.rows_affected()))?;
        let mut tokens: Vec<String> = details
            .all_names()
            .iter()
            .flat_map(|n| name_tokens(n))
            .collect();
        tokens.sort_unstable();
        tokens.dedup();
        // Each token carries the sort name, so a search pages through the token index alone.
        let sort = sort_name(details);
        for t in tokens {
            let sx = soundex(&t);
            on_tx!(self.0, c => sqlx::query("INSERT INTO person_name_tokens (person_id, token, soundex, sort_name) VALUES ($1, $2, $3, $4)")
                .bind(id.0).bind(&t).bind(&sx).bind(&sort).execute(&mut *c).await.map(|r| r.rows_affected()))?;
        }
        Ok(())
    }

    async fn insert_address(
        &mut self,
        id: PersonId,
        a: &Address,
        by: UserId,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let sql = "INSERT INTO person_addresses (id, person_id, line1, line2, town, postcode, from_date, to_date, recorded_at, recorded_by) \
                   VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)";
        on_tx!(self.0, c => sqlx::query(sql)
            .bind(Uuid::new_v4()).bind(id.0).bind(&a.line1).bind(&a.line2).bind(&a.town).bind(&a.postcode)
            .bind(a.from).bind(a.to).bind(now).bind(by.0).execute(&mut *c).await.map(|r| r.rows_affected()))?;
        Ok(())
    }

    /// What authorisation needs to know about a record, or `None` if there is no such person:
    /// its restriction and who holds the child's open episode of need (at most one is open).
    pub async fn context(&mut self, id: PersonId) -> Result<Option<RecordContext>> {
        let found = self.0.record_people(RecordKind::Person, id.0).await?;
        Ok(found.and_then(|people| people.into_iter().next().map(|(_, ctx)| ctx)))
    }

    pub async fn get(&mut self, access: &CaseAccess<Read>) -> Result<Person> {
        let id = access.person();
        let row = on_tx!(self.0, c => sqlx::query_as::<_, PersonRow>("SELECT id, details, sex, gender_identity, ethnicity, version FROM persons WHERE id = $1")
            .bind(id.0).fetch_optional(&mut *c).await)?
            .ok_or(StoreError::NotFound)?;
        let json: DetailsJson = serde_json::from_str(&row.details)?;
        let census = Characteristics::from_columns(
            row.sex.as_deref(),
            row.gender_identity,
            row.ethnicity.as_deref(),
            self.0.codes_of_one(PERSON_DISABILITIES, id.0).await?,
        )?;
        let sql = "SELECT line1, line2, town, postcode, from_date, to_date FROM person_addresses \
                   WHERE person_id = $1 ORDER BY from_date DESC";
        let addrs = on_tx!(self.0, c => sqlx::query_as::<_, AddressRow>(sql).bind(id.0).fetch_all(&mut *c).await)?;
        Ok(Person {
            id: PersonId(row.id),
            details: join(json, census),
            addresses: addrs
                .into_iter()
                .map(|a| Address {
                    line1: a.line1,
                    line2: a.line2,
                    town: a.town,
                    postcode: a.postcode,
                    from: a.from_date,
                    to: a.to_date,
                })
                .collect(),
            version: row.version,
        })
    }

    /// Saves new details if the record is still at `expected_version`; the old details stay in
    /// `person_versions`.
    pub async fn update(
        &mut self,
        access: &CaseAccess<Write>,
        expected_version: i64,
        details: &PersonDetails,
        by: UserId,
        now: DateTime<Utc>,
    ) -> Result<i64> {
        let id = access.person();
        let (json, census) = split(details);
        let json = serde_json::to_string(&json)?;
        let sql = "UPDATE persons SET kind = $1, sort_name = $2, date_of_birth = $3, expected_date_of_delivery = $4, \
                   nhs_number = $5, upn = $6, details = $7, version = version + 1, updated_at = $8, updated_by = $9, \
                   sex = $12, gender_identity = $13, ethnicity = $14 \
                   WHERE id = $10 AND version = $11";
        let n = on_tx!(self.0, c => sqlx::query(sql)
            .bind(details.kind.code()).bind(sort_name(details))
            .bind(details.date_of_birth()).bind(details.expected_date_of_delivery())
            .bind(details.nhs_number.as_ref().map(|n| n.as_str().to_string()))
            .bind(details.upn.as_ref().map(|u| u.as_str().to_string()))
            .bind(&json).bind(now).bind(by.0).bind(id.0).bind(expected_version)
            .bind(census.sex_code()).bind(&census.gender_identity).bind(census.ethnicity_code())
            .execute(&mut *c).await.map(|r| r.rows_affected()))?;
        if n == 0 {
            let current: Option<i64> = on_tx!(self.0, c => sqlx::query_scalar("SELECT version FROM persons WHERE id = $1")
                .bind(id.0).fetch_optional(&mut *c).await)?;
            return Err(match current {
                Some(current) => StoreError::Stale { current },
                None => StoreError::NotFound,
            });
        }
        let version = expected_version + 1;
        self.0
            .replace_codes(PERSON_DISABILITIES, id.0, &census.disabilities)
            .await?;
        self.insert_version(id, version, details, by, now).await?;
        self.write_tokens(id, details).await?;
        Ok(version)
    }

    /// Records a move: the current address ends the day before the new one starts. A move that
    /// does not start after the current address did is refused (`move_before_current`) rather
    /// than leaving two current addresses; the use case checks first with a sentence for the user.
    pub async fn record_move(
        &mut self,
        access: &CaseAccess<Write>,
        a: &Address,
        by: UserId,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let id = access.person();
        let end = a.from.checked_sub_days(Days::new(1)).unwrap_or(a.from);
        on_tx!(self.0, c => sqlx::query("UPDATE person_addresses SET to_date = $1 WHERE person_id = $2 AND to_date IS NULL AND from_date <= $1")
            .bind(end).bind(id.0).execute(&mut *c).await.map(|r| r.rows_affected()))?;
        let still_current: i64 = on_tx!(self.0, c => sqlx::query_scalar("SELECT COUNT(*) FROM person_addresses WHERE person_id = $1 AND to_date IS NULL")
            .bind(id.0).fetch_one(&mut *c).await)?;
        if still_current > 0 {
            return Err(StoreError::Conflict {
                constraint: "move_before_current".into(),
            });
        }
        self.insert_address(id, a, by, now).await?;
        on_tx!(self.0, c => sqlx::query("UPDATE persons SET version = version + 1, updated_at = $1, updated_by = $2 WHERE id = $3")
            .bind(now).bind(by.0).bind(id.0).execute(&mut *c).await.map(|r| r.rows_affected()))?;
        Ok(())
    }

    /// Marks a record restricted or not (information governance).
    pub async fn set_restricted(&mut self, id: PersonId, restricted: bool) -> Result<()> {
        let n = on_tx!(self.0, c => sqlx::query("UPDATE persons SET restricted = $1 WHERE id = $2")
            .bind(restricted).bind(id.0).execute(&mut *c).await.map(|r| r.rows_affected()))?;
        if n == 0 {
            return Err(StoreError::NotFound);
        }
        Ok(())
    }

    pub async fn count(&mut self) -> Result<i64> {
        let n: i64 = on_tx!(self.0, c => sqlx::query_scalar("SELECT COUNT(*) FROM persons").fetch_one(&mut *c).await)?;
        Ok(n)
    }
}

impl People<'_> {
    /// A few children in name order (demo data and smoke checks).
    pub async fn first_children(&mut self, limit: i64) -> Result<Vec<PersonId>> {
        let ids: Vec<Uuid> = on_tx!(self.0, c => sqlx::query_scalar("SELECT id FROM persons WHERE kind = 'child' ORDER BY sort_name LIMIT $1")
            .bind(limit).fetch_all(&mut *c).await)?;
        Ok(ids.into_iter().map(PersonId).collect())
    }
}
