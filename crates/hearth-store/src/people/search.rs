//! Finding people: by partial name (prefix of any name token, or the same Soundex key), date of
//! birth, NHS number or UPN; and possible duplicates of a person about to be created.
//!
//! Every list comes back with each person's [`RecordContext`] (restriction and allocation),
//! read in the same query, so the use case can decide per reader what each row may show.

use std::collections::HashMap;

use chrono::NaiveDate;
use hearth_domain::authz::RecordContext;
use hearth_domain::ids::PersonId;
use hearth_domain::known_to_service::KnownToService;
use hearth_domain::person::{PersonDetails, PersonKind};
use hearth_domain::phonetic::{name_tokens, soundex};
use serde::Serialize;
use uuid::Uuid;

use crate::people::stored::DetailsJson;
use crate::record_people::{context_of, CONTEXT_COLS, OPEN_EPISODE};
use crate::{on_tx, DbKind, Result, Tx};

/// What a search asks for; every given part must match.
#[derive(Debug, Clone, Default)]
pub struct SearchQuery {
    /// Partial names; each must match a name token by prefix or by sound.
    pub names: Vec<String>,
    pub date_of_birth: Option<NaiveDate>,
    pub nhs_number: Option<String>,
    pub upn: Option<String>,
    pub limit: i64,
}

/// One line of a result list. A restricted record its reader may not open shows only that it
/// exists (see [`PersonSummary::redacted`]).
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct PersonSummary {
    pub id: PersonId,
    pub kind: PersonKind,
    pub name: String,
    pub aliases: Vec<String>,
    pub date_of_birth: Option<NaiveDate>,
    pub expected_date_of_delivery: Option<NaiveDate>,
    pub nhs_number: Option<String>,
    pub upn: Option<String>,
    pub restricted: bool,
    /// Only the record's existence is shown: the reader may not open it.
    pub redacted: bool,
    /// The current address on one line, if one is recorded.
    pub address: Option<String>,
    /// Open to the service, known to it, or not known (none when redacted).
    pub known: Option<KnownToService>,
}

/// The name a redacted summary carries.
pub const RESTRICTED_NAME: &str = "Restricted record";

impl PersonSummary {
    /// The same row with nothing that identifies the person: the id (so the row exists and the
    /// record can be asked for through information governance) and that it is restricted.
    pub fn redacted(self) -> PersonSummary {
        PersonSummary {
            id: self.id,
            kind: self.kind,
            name: RESTRICTED_NAME.to_string(),
            aliases: Vec::new(),
            date_of_birth: None,
            expected_date_of_delivery: None,
            nhs_number: None,
            upn: None,
            restricted: true,
            redacted: true,
            address: None,
            known: None,
        }
    }
}

/// A summary with the facts authorisation needs to decide what of it a reader may see.
pub type Listed = (PersonSummary, RecordContext);

/// What tells people apart in a list, read in the same query as the summary (for the page's
/// rows only): the current address on one line, whether the child has an open episode, and
/// whether they were ever referred (every episode begins with a referral decision, so a past
/// episode is a past referral; `referrals_person` finds it through the index).
const IDENTIFYING_COLS: &str = "(SELECT a.line1 || COALESCE(', ' || a.line2, '') || ', ' || a.town || ', ' || a.postcode \
     FROM person_addresses a WHERE a.person_id = p.id AND a.to_date IS NULL ORDER BY a.from_date DESC LIMIT 1) AS address, \
     e.id IS NOT NULL AS open_case, EXISTS (SELECT 1 FROM referrals r WHERE r.person_id = p.id) AS referred";

#[derive(sqlx::FromRow)]
struct SummaryRow {
    id: Uuid,
    details: String,
    restricted: bool,
    allocated_worker: Option<Uuid>,
    allocated_team: Option<Uuid>,
    address: Option<String>,
    open_case: bool,
    referred: bool,
}

impl SummaryRow {
    fn context(&self) -> RecordContext {
        context_of(self.restricted, self.allocated_worker, self.allocated_team)
    }

    fn into_listed(self) -> Result<Listed> {
        let d = serde_json::from_str::<DetailsJson>(&self.details)?.without_characteristics();
        let ctx = self.context();
        let mut summary = summary_of(PersonId(self.id), &d, self.restricted);
        summary.address = self.address;
        summary.known = Some(KnownToService::of(self.open_case, self.referred));
        Ok((summary, ctx))
    }
}

pub fn summary_of(id: PersonId, d: &PersonDetails, restricted: bool) -> PersonSummary {
    PersonSummary {
        id,
        kind: d.kind,
        name: d.full_name(),
        aliases: d.aliases.clone(),
        date_of_birth: d.date_of_birth(),
        expected_date_of_delivery: d.expected_date_of_delivery(),
        nhs_number: d.nhs_number.as_ref().map(|n| n.formatted()),
        upn: d.upn.as_ref().map(|u| u.as_str().to_string()),
        restricted,
        redacted: false,
        address: None,
        known: None,
    }
}

enum Bind {
    Text(String),
    Date(NaiveDate),
}

/// Finding people, possible duplicates, and summaries of listed people.
pub struct PeopleSearch<'t>(&'t mut Tx);

impl Tx {
    /// Finding people, possible duplicates, and summaries of listed people.
    pub fn people_search(&mut self) -> PeopleSearch<'_> {
        PeopleSearch(self)
    }
}

impl PeopleSearch<'_> {
    fn kind(&self) -> DbKind {
        match &*self.0 {
            Tx::Sqlite(_) | Tx::SqliteOnce(_) => DbKind::Sqlite,
            Tx::Postgres(_) | Tx::PostgresOnce(_) => DbKind::Postgres,
        }
    }

    pub async fn search(&mut self, q: &SearchQuery) -> Result<Vec<Listed>> {
        let mut wheres: Vec<String> = Vec::new();
        let mut binds: Vec<Bind> = Vec::new();
        let tokens: Vec<String> = q.names.iter().flat_map(|n| name_tokens(n)).collect();
        let mut token_selects: Vec<String> = Vec::new();
        for t in tokens.iter().take(4) {
            let n = binds.len();
            // SQLite compares bytes, so a range finds the prefix through the index; PostgreSQL's
            // collation may not, so it uses LIKE on a text_pattern_ops index.
            let select = match self.kind() {
                DbKind::Sqlite => {
                    binds.push(Bind::Text(t.clone()));
                    binds.push(Bind::Text(format!("{t}{{")));
                    binds.push(Bind::Text(soundex(t)));
                    format!(
                        "SELECT sort_name, person_id FROM person_name_tokens WHERE (token >= ${} AND token < ${}) OR soundex = ${}",
                        n + 1, n + 2, n + 3
                    )
                }
                DbKind::Postgres => {
                    binds.push(Bind::Text(format!("{t}%")));
                    binds.push(Bind::Text(soundex(t)));
                    format!("SELECT sort_name, person_id FROM person_name_tokens WHERE token LIKE ${} OR soundex = ${}", n + 1, n + 2)
                }
            };
            token_selects.push(select);
        }
        if let Some(d) = q.date_of_birth {
            binds.push(Bind::Date(d));
            wheres.push(format!("p.date_of_birth = ${}", binds.len()));
        }
        if let Some(n) = &q.nhs_number {
            binds.push(Bind::Text(n.clone()));
            wheres.push(format!("p.nhs_number = ${}", binds.len()));
        }
        if let Some(u) = &q.upn {
            binds.push(Bind::Text(u.clone()));
            wheres.push(format!("p.upn = ${}", binds.len()));
        }
        if wheres.is_empty() && token_selects.is_empty() {
            return Ok(Vec::new());
        }
        let limit = q.limit.clamp(1, 200);
        if wheres.is_empty() {
            // Names only (the usual search): the page comes from the token indexes alone, which
            // carry each person's sort name; only the page shown is read whole.
            return self.search_names_page(&token_selects, &binds, limit).await;
        }
        let filter = format!("WHERE {}", wheres.join(" AND "));
        let token_selects: Vec<String> = token_selects
            .iter()
            .map(|t| t.replacen("SELECT sort_name, person_id", "SELECT person_id", 1))
            .collect();
        // With a date of birth, NHS number or UPN: name matches (a materialised set of ids,
        // intersected across the words typed) are filtered on the person, then ranked on the
        // narrow (id, sort_name) index; only the page shown is read whole.
        let sql = if token_selects.is_empty() {
            format!(
                "SELECT p.id, p.details, {CONTEXT_COLS}, {IDENTIFYING_COLS} FROM persons p {OPEN_EPISODE} WHERE p.id IN \
                 (SELECT p.id FROM persons p {filter} ORDER BY p.sort_name, p.id LIMIT {limit}) ORDER BY p.sort_name, p.id"
            )
        } else {
            format!(
                "WITH m AS MATERIALIZED ({}) \
                 SELECT p.id, p.details, {CONTEXT_COLS}, {IDENTIFYING_COLS} FROM persons p {OPEN_EPISODE} WHERE p.id IN \
                 (SELECT p.id FROM m JOIN persons p ON p.id = m.person_id {filter} ORDER BY p.sort_name, p.id LIMIT {limit}) \
                 ORDER BY p.sort_name, p.id",
                token_selects.join(" INTERSECT ")
            )
        };
        let rows = on_tx!(self.0, c => {
            let mut query = sqlx::query_as::<_, SummaryRow>(&sql);
            for b in &binds {
                query = match b {
                    Bind::Text(s) => query.bind(s.as_str()),
                    Bind::Date(d) => query.bind(*d),
                };
            }
            query.fetch_all(&mut *c).await
        })?;
        rows.into_iter().map(SummaryRow::into_listed).collect()
    }

    /// The first `limit` people whose names match every word, in name order: the intersection
    /// of each word's (sort name, person) entries from the token indexes, then the page's
    /// summaries in one query.
    async fn search_names_page(
        &mut self,
        word_selects: &[String],
        binds: &[Bind],
        limit: i64,
    ) -> Result<Vec<Listed>> {
        let matches = if let [one] = word_selects {
            one.replacen("SELECT sort_name", "SELECT DISTINCT sort_name", 1)
        } else {
            word_selects.join(" INTERSECT ")
        };
        let sql = format!("{matches} ORDER BY 1, 2 LIMIT {limit}");
        let page: Vec<(String, Uuid)> = on_tx!(self.0, c => {
            let mut query = sqlx::query_as(&sql);
            for b in binds {
                query = match b {
                    Bind::Text(s) => query.bind(s.as_str()),
                    Bind::Date(d) => query.bind(*d),
                };
            }
            query.fetch_all(&mut *c).await
        })?;
        let ids: Vec<PersonId> = page.into_iter().map(|(_, id)| PersonId(id)).collect();
        self.summaries_in_context(&ids).await
    }

    /// People who may be the same as `d`: the same NHS number or UPN, or the same date of birth
    /// (or expected delivery date) with a family name that sounds the same.
    pub async fn possible_duplicates(
        &mut self,
        d: &PersonDetails,
        except: Option<PersonId>,
    ) -> Result<Vec<Listed>> {
        let sql = format!(
            "SELECT p.id, p.details, {CONTEXT_COLS}, {IDENTIFYING_COLS} FROM persons p {OPEN_EPISODE} WHERE p.nhs_number = $1 OR p.upn = $2 \
             OR p.date_of_birth = $3 OR p.expected_date_of_delivery = $4 LIMIT 200"
        );
        let rows = on_tx!(self.0, c => sqlx::query_as::<_, SummaryRow>(&sql)
            .bind(d.nhs_number.as_ref().map(|n| n.as_str().to_string()))
            .bind(d.upn.as_ref().map(|u| u.as_str().to_string()))
            .bind(d.date_of_birth()).bind(d.expected_date_of_delivery())
            .fetch_all(&mut *c).await)?;
        let family: Vec<String> = name_tokens(&d.family_name)
            .iter()
            .map(|t| soundex(t))
            .collect();
        let mut out = Vec::new();
        for r in rows {
            if except.is_some_and(|e| e.0 == r.id) {
                continue;
            }
            let other = serde_json::from_str::<DetailsJson>(&r.details)?.without_characteristics();
            let same_id = (d.nhs_number.is_some() && d.nhs_number == other.nhs_number)
                || (d.upn.is_some() && d.upn == other.upn);
            let same_birth = (d.date_of_birth().is_some()
                && d.date_of_birth() == other.date_of_birth())
                || (d.expected_date_of_delivery().is_some()
                    && d.expected_date_of_delivery() == other.expected_date_of_delivery());
            let sounds_alike = name_tokens(&other.family_name)
                .iter()
                .any(|t| family.contains(&soundex(t)));
            if same_id || (same_birth && sounds_alike) {
                let mut summary = summary_of(PersonId(r.id), &other, r.restricted);
                summary.address = r.address.clone();
                summary.known = Some(KnownToService::of(r.open_case, r.referred));
                out.push((summary, r.context()));
            }
        }
        Ok(out)
    }

    /// Summaries for a set of people (relationship lists), in the order asked, each with what
    /// authorisation needs to decide whether its details may be shown. One query per batch of
    /// ids; unknown ids are left out.
    pub async fn summaries_in_context(&mut self, ids: &[PersonId]) -> Result<Vec<Listed>> {
        // Well under SQLite's and PostgreSQL's limits on bound parameters.
        const BATCH: usize = 500;
        let mut found: HashMap<PersonId, Listed> = HashMap::with_capacity(ids.len());
        for batch in ids.chunks(BATCH) {
            let marks: Vec<String> = (1..=batch.len()).map(|i| format!("${i}")).collect();
            let sql = format!(
                "SELECT p.id, p.details, {CONTEXT_COLS}, {IDENTIFYING_COLS} FROM persons p {OPEN_EPISODE} WHERE p.id IN ({})",
                marks.join(", ")
            );
            let rows = on_tx!(self.0, c => {
                let mut query = sqlx::query_as::<_, SummaryRow>(&sql);
                for id in batch {
                    query = query.bind(id.0);
                }
                query.fetch_all(&mut *c).await
            })?;
            for r in rows {
                let listed = r.into_listed()?;
                found.insert(listed.0.id, listed);
            }
        }
        Ok(ids.iter().filter_map(|id| found.get(id).cloned()).collect())
    }

    /// Summaries for a set of people, in the order asked, whole: for callers that have already
    /// decided what the reader may see. Lists shown to a reader use
    /// [`PeopleSearch::summaries_in_context`] and redact what the reader may not open.
    pub async fn summaries(&mut self, ids: &[PersonId]) -> Result<Vec<PersonSummary>> {
        Ok(self
            .summaries_in_context(ids)
            .await?
            .into_iter()
            .map(|(s, _)| s)
            .collect())
    }
}
