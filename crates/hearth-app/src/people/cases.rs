//! People use cases: search, create (with a duplicate warning), view (audited), edit (with a
//! conflict check, never a silent overwrite), record a move, and restrict a record.
//!
//! Every list of people a reader sees passes through [`shown`]: a restricted record the reader
//! may not open appears only as existing ("Restricted record"), never with its name, date of
//! birth, NHS number or UPN.

use crate::{read_row, read_row_showing};
use hearth_domain::authz::RecordContext;
use hearth_domain::authz::{
    authorize_read, authorize_record, authorize_write, may_see_details, CaseAccess, GeneralAction,
    Read, RecordAction, Write,
};
use hearth_domain::errors::ValidationErrors;
use hearth_domain::ids::PersonId;
use hearth_domain::nhs_number::NhsNumber;
use hearth_domain::person::{AddressInput, Person, PersonInput};
use hearth_domain::restriction::RestrictionReason;
use hearth_domain::upn::Upn;
use hearth_store::audit::{AuditEntry, AuditOutcome};
use hearth_store::people::search::{Listed, PersonSummary, SearchQuery};
use hearth_store::Tx;

use crate::accounts::auth::Principal;
use crate::error::{AppError, AppResult};
use crate::App;

/// What a person search asks: free text (names, an NHS number or a UPN) and an optional date of birth.
#[derive(Debug, Clone, Default)]
pub struct PeopleSearch {
    pub text: String,
    pub date_of_birth: Option<String>,
}

/// A record's restriction after a change.
#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
pub struct Restriction {
    #[schema(value_type = String)]
    pub person: PersonId,
    pub restricted: bool,
    /// The reason code recorded in the audit log.
    pub reason: String,
}

/// What `p` may see of each listed person: the whole summary, or, for a record they may not
/// open, only that it exists.
pub(crate) fn shown(p: &Principal, listed: Vec<Listed>) -> Vec<PersonSummary> {
    let reader = p.actor();
    listed
        .into_iter()
        .map(|(s, ctx)| {
            if may_see_details(&reader, &ctx) {
                s
            } else {
                s.redacted()
            }
        })
        .collect()
}

pub(crate) fn entry(
    p: &Principal,
    action: &'static str,
    person: PersonId,
    outcome: AuditOutcome,
) -> AuditEntry {
    AuditEntry {
        user: Some(p.user.id),
        action,
        record_type: "person",
        record_id: Some(person.to_string()),
        outcome,
        detail: None,
    }
}

impl App {
    /// Read access to a person. A refusal is audited: the transaction (which holds nothing else
    /// yet) commits with the denial row before the error returns.
    pub(crate) async fn read_access(
        &self,
        tx: Tx,
        p: &Principal,
        id: PersonId,
        action: &'static str,
    ) -> AppResult<(Tx, CaseAccess<Read>)> {
        let (tx, access, _) = self.read_access_in_context(tx, p, id, action).await?;
        Ok((tx, access))
    }

    /// [`App::read_access`], also handing back the facts it was decided on (so a page that
    /// shows the restriction does not read them twice).
    pub(crate) async fn read_access_in_context(
        &self,
        mut tx: Tx,
        p: &Principal,
        id: PersonId,
        action: &'static str,
    ) -> AppResult<(Tx, CaseAccess<Read>, RecordContext)> {
        let ctx = tx.people().context(id).await?.ok_or(AppError::NotFound)?;
        match authorize_read(&p.actor(), id, &ctx) {
            Ok(a) => Ok((tx, a, ctx)),
            Err(d) => Err(self.denied(tx, p, id, action, d).await),
        }
    }

    pub(crate) async fn write_access(
        &self,
        mut tx: Tx,
        p: &Principal,
        id: PersonId,
        action: &'static str,
    ) -> AppResult<(Tx, CaseAccess<Write>)> {
        let ctx = tx.people().context(id).await?.ok_or(AppError::NotFound)?;
        match authorize_write(&p.actor(), id, &ctx) {
            Ok(a) => Ok((tx, a)),
            Err(d) => Err(self.denied(tx, p, id, action, d).await),
        }
    }

    /// A refusal on a person's record: whatever the transaction held is rolled back (a refusal
    /// never half-writes), then the refusal is audited in a transaction of its own.
    pub(crate) async fn denied(
        &self,
        tx: Tx,
        p: &Principal,
        id: PersonId,
        action: &'static str,
        d: hearth_domain::authz::Denied,
    ) -> AppError {
        if let Err(e) = tx.rollback().await {
            return AppError::from(e);
        }
        self.refused(p, action, "person", Some(id.to_string()), d)
            .await
    }

    #[tracing::instrument(skip_all)]
    pub async fn search_people(
        &self,
        p: &Principal,
        s: &PeopleSearch,
    ) -> AppResult<Vec<PersonSummary>> {
        self.allow(p, GeneralAction::SearchPeople).await?;
        let mut errs = ValidationErrors::default();
        let mut q = SearchQuery {
            limit: 50,
            ..Default::default()
        };
        let text = s.text.trim();
        let compact: String = text
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .collect();
        if !compact.is_empty() && compact.chars().all(|c| c.is_ascii_digit()) {
            match NhsNumber::parse(&compact) {
                Ok(n) => q.nhs_number = Some(n.as_str().to_string()),
                Err(e) => errs.add("q", "invalid_nhs_number", e.to_string()),
            }
        } else if compact.len() == 13 && compact[1..12].chars().all(|c| c.is_ascii_digit()) {
            match Upn::parse(&compact) {
                Ok(u) => q.upn = Some(u.as_str().to_string()),
                Err(e) => errs.add("q", "invalid_upn", e.to_string()),
            }
        } else if !text.is_empty() {
            q.names = vec![text.to_string()];
        }
        if let Some(d) = hearth_domain::person::non_blank(&s.date_of_birth) {
            q.date_of_birth =
                hearth_domain::person::parse_date("date_of_birth", "Date of birth", &d, &mut errs);
        }
        if q.names.is_empty()
            && q.nhs_number.is_none()
            && q.upn.is_none()
            && q.date_of_birth.is_none()
            && errs.is_empty()
        {
            errs.add(
                "q",
                "required",
                "Enter a name, NHS number, UPN or date of birth to search for",
            );
        }
        if !errs.is_empty() {
            return Err(AppError::Validation(errs));
        }
        let now = self.clock.now();
        let mut tx = self.db.read().await?;
        let found = shown(p, tx.people_search().search(&q).await?);
        let row = AuditEntry {
            user: Some(p.user.id),
            action: "person.search",
            record_type: "person",
            record_id: None,
            outcome: AuditOutcome::Success,
            detail: Some(format!("results={}", found.len())),
        };
        // Every person returned (restricted ones too: the reader learnt they exist) is linked
        // to the search, so their access log lists it.
        let shown = found.iter().map(|s| s.id);
        self.audited(tx, vec![read_row_showing(now, row, shown)])
            .await?;
        Ok(found)
    }

    /// Creates a person. Unless `confirmed_new`, a person resembling existing records is refused
    /// with the look-alikes so the user can check.
    #[tracing::instrument(skip_all)]
    pub async fn create_person(
        &self,
        p: &Principal,
        input: &PersonInput,
        confirmed_new: bool,
    ) -> AppResult<Person> {
        self.allow(p, GeneralAction::CreatePerson).await?;
        let (details, address) = input.parse(self.clock.today())?;
        let now = self.clock.now();
        let mut tx = self.db.begin().await?;
        if !confirmed_new {
            let dups = tx
                .people_search()
                .possible_duplicates(&details, None)
                .await?;
            if !dups.is_empty() {
                // A look-alike the user may not open is named only as a restricted record.
                return Err(AppError::PossibleDuplicates(shown(p, dups)));
            }
        }
        let id = PersonId::new();
        let person = tx
            .people()
            .insert(id, &details, address.as_ref(), p.user.id, now)
            .await?;
        let mut e = entry(p, "person.create", id, AuditOutcome::Success);
        e.detail = confirmed_new.then(|| "confirmed not a duplicate".to_string());
        tx.audit(now, e).await?;
        tx.commit().await?;
        Ok(person)
    }

    /// Opens a person's record; the data is returned only once the read's audit row is durable.
    #[tracing::instrument(skip_all, fields(id = %id))]
    pub async fn view_person(&self, p: &Principal, id: PersonId) -> AppResult<Person> {
        let now = self.clock.now();
        let tx = self.db.read().await?;
        let (mut tx, access) = self.read_access(tx, p, id, "person.view").await?;
        let person = tx.people().get(&access).await?;
        let row = entry(p, "person.view", id, AuditOutcome::Success);
        self.audited(tx, vec![read_row(now, row)]).await?;
        Ok(person)
    }

    /// Saves edited details if nobody else saved since `version` was read.
    #[tracing::instrument(skip_all, fields(id = %id))]
    pub async fn update_person(
        &self,
        p: &Principal,
        id: PersonId,
        version: i64,
        input: &PersonInput,
    ) -> AppResult<Person> {
        let (details, _) = input.parse(self.clock.today())?;
        let now = self.clock.now();
        let tx = self.db.begin().await?;
        let (mut tx, access) = self.write_access(tx, p, id, "person.update").await?;
        tx.people()
            .update(&access, version, &details, p.user.id, now)
            .await?;
        let person = tx.people().get(&access.as_read()).await?;
        tx.audit(now, entry(p, "person.update", id, AuditOutcome::Success))
            .await?;
        tx.commit().await?;
        Ok(person)
    }

    /// Records that a person moved: the old address ends the day before the new one starts, so
    /// the new one must start after the current one did (or both would stay current).
    #[tracing::instrument(skip_all, fields(id = %id))]
    pub async fn record_move(
        &self,
        p: &Principal,
        id: PersonId,
        a: &AddressInput,
    ) -> AppResult<Person> {
        let mut errs = ValidationErrors::default();
        let address = a.parse("", self.clock.today(), &mut errs);
        let address = match address {
            Some(a) if errs.is_empty() => a,
            _ => return Err(AppError::Validation(errs)),
        };
        let now = self.clock.now();
        let tx = self.db.begin().await?;
        let (mut tx, access) = self.write_access(tx, p, id, "person.move").await?;
        tx.people()
            .get(&access.as_read())
            .await?
            .check_move(&address, "from")?;
        tx.people()
            .record_move(&access, &address, p.user.id, now)
            .await?;
        let person = tx.people().get(&access.as_read()).await?;
        tx.audit(now, entry(p, "person.move", id, AuditOutcome::Success))
            .await?;
        tx.commit().await?;
        Ok(person)
    }

    /// Restricts a record, or lifts its restriction (information governance only). The change
    /// and its reason code are audited in the same transaction; a refusal is audited too.
    #[tracing::instrument(skip_all, fields(id = %id))]
    pub async fn set_restricted(
        &self,
        p: &Principal,
        id: PersonId,
        restricted: bool,
        reason: Option<&str>,
    ) -> AppResult<Restriction> {
        let reason = match reason.map(str::trim).filter(|r| !r.is_empty()) {
            None => RestrictionReason::NotGiven,
            Some(r) => RestrictionReason::parse(r).map_err(|m| {
                AppError::Validation(ValidationErrors::single("reason", "unknown_code", m))
            })?,
        }
        .code();
        let now = self.clock.now();
        let mut tx = self.db.begin().await?;
        let ctx = tx.people().context(id).await?.ok_or(AppError::NotFound)?;
        if let Err(d) = authorize_record(&p.actor(), RecordAction::Restrict, &ctx) {
            return Err(self.denied(tx, p, id, "person.restrict", d).await);
        }
        tx.people().set_restricted(id, restricted).await?;
        let mut e = entry(p, "person.restrict", id, AuditOutcome::Success);
        e.detail = Some(format!("restricted={restricted} reason={reason}"));
        tx.audit(now, e).await?;
        tx.commit().await?;
        Ok(Restriction {
            person: id,
            restricted,
            reason: reason.to_string(),
        })
    }
}
