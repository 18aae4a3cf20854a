//! "Who has viewed this record", for managers and information governance: every open, search
//! and change that touched the person, filtered by date, user and kind of access, read on
//! screen or exported; either use is itself audited.

use chrono::{Days, NaiveDate};
use hearth_domain::authz::{authorize_record, RecordAction};
use hearth_domain::errors::ValidationErrors;
use hearth_domain::ids::PersonId;
use hearth_domain::person::parse_date;
use hearth_domain::uk_time::from_uk;
use hearth_store::access_log::{AccessKind, AccessLogFilter, UserFilter};
use hearth_store::audit::{AuditOutcome, AuditRow};
use serde::Deserialize;

use crate::accounts::auth::Principal;
use crate::error::{AppError, AppResult};
use crate::people::cases::entry;
use crate::{read_row, App};

/// At most this many rows are shown or exported at once; narrow the filter to see older ones.
pub const LIMIT: usize = 500;
/// The longest name fragment the user filter takes.
const USER_TEXT_MAX: usize = 100;

/// The filter as a query string gives it.
#[derive(Debug, Clone, Default, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub struct AccessLogQuery {
    /// From this date, inclusive (YYYY-MM-DD, UK time).
    #[serde(default)]
    pub from: Option<String>,
    /// To this date, inclusive (YYYY-MM-DD, UK time).
    #[serde(default)]
    pub to: Option<String>,
    /// A user's id, or part of their name.
    #[serde(default)]
    pub user: Option<String>,
    /// viewed, searched, changed or refused.
    #[serde(default)]
    pub kind: Option<String>,
}

/// Why the log is read: on screen, or downloaded (each audited as itself).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccessLogUse {
    Read,
    Export,
}

/// The rows, newest first, and whether there were more than [`LIMIT`].
#[derive(Debug, Clone)]
pub struct AccessLog {
    pub rows: Vec<AuditRow>,
    pub limit_reached: bool,
}

fn given(v: &Option<String>) -> Option<&str> {
    v.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

/// The filter, every problem named by its field. Dates are UK calendar days: `to` takes in the
/// whole of its day.
pub fn parse_query(q: &AccessLogQuery) -> Result<AccessLogFilter, ValidationErrors> {
    let mut e = ValidationErrors::default();
    let from = given(&q.from).and_then(|s| parse_date("from", "The from date", s, &mut e));
    let to = given(&q.to).and_then(|s| parse_date("to", "The to date", s, &mut e));
    if let (Some(f), Some(t)) = (from, to) {
        if t < f {
            e.add(
                "to",
                "before_from",
                "The to date must be the same as or after the from date",
            );
        }
    }
    let start = |d: NaiveDate| d.and_hms_opt(0, 0, 0).map(from_uk);
    let user = given(&q.user).and_then(|s| {
        if let Ok(id) = uuid::Uuid::parse_str(s) {
            Some(UserFilter::Id(id))
        } else if s.chars().count() > USER_TEXT_MAX || s.chars().any(char::is_control) {
            e.add(
                "user",
                "invalid_user",
                format!("Enter a user's id or up to {USER_TEXT_MAX} letters of their name"),
            );
            None
        } else {
            Some(UserFilter::NameContains(s.to_string()))
        }
    });
    let kind = given(&q.kind).and_then(|s| {
        let k = AccessKind::parse(s);
        if k.is_none() {
            e.add(
                "kind",
                "unknown_code",
                "Kind of access must be viewed, searched, changed or refused",
            );
        }
        k
    });
    e.into_result(AccessLogFilter {
        from: from.and_then(start),
        before: to
            .and_then(|t| t.checked_add_days(Days::new(1)))
            .and_then(start),
        user,
        kind,
        limit: i64::try_from(LIMIT + 1).unwrap_or(i64::MAX),
    })
}

impl App {
    /// The person's access log, filtered. Refused (and the refusal audited) unless the reader
    /// may see the log; a bad filter is refused naming the field before anything is read.
    #[tracing::instrument(skip_all, fields(id = %id))]
    pub async fn person_access_log(
        &self,
        p: &Principal,
        id: PersonId,
        q: &AccessLogQuery,
        usage: AccessLogUse,
    ) -> AppResult<AccessLog> {
        let action = match usage {
            AccessLogUse::Read => "person.access_log",
            AccessLogUse::Export => "person.access_log.export",
        };
        let now = self.clock.now();
        let mut tx = self.db.read().await?;
        let ctx = tx.people().context(id).await?.ok_or(AppError::NotFound)?;
        if let Err(d) = authorize_record(&p.actor(), RecordAction::ViewAccessLog, &ctx) {
            return Err(self.denied(tx, p, id, action, d).await);
        }
        let filter = parse_query(q).map_err(AppError::Validation)?;
        let (mut tx, access) = self.read_access(tx, p, id, action).await?;
        let mut rows = tx.person_access_log(&access, &filter).await?;
        let limit_reached = rows.len() > LIMIT;
        rows.truncate(LIMIT);
        // Counts and whether a filter applied, never the filter's text.
        let mut e = entry(p, action, id, AuditOutcome::Success);
        e.detail = Some(format!(
            "rows={} filtered={}",
            rows.len(),
            filter.from.is_some()
                || filter.before.is_some()
                || filter.user.is_some()
                || filter.kind.is_some()
        ));
        self.audited(tx, vec![read_row(now, e)]).await?;
        Ok(AccessLog {
            rows,
            limit_reached,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(from: &str, to: &str, user: &str, kind: &str) -> AccessLogQuery {
        let s = |v: &str| Some(v.to_string());
        AccessLogQuery {
            from: s(from),
            to: s(to),
            user: s(user),
            kind: s(kind),
        }
    }

    #[test]
    fn dates_are_whole_uk_days() {
        let f = parse_query(&q("2026-07-01", "2026-07-01", "", "")).unwrap();
        // 1 July is in summer time: the day runs from 23:00 UTC the evening before.
        assert_eq!(f.from.unwrap().to_rfc3339(), "2026-06-30T23:00:00+00:00");
        assert_eq!(f.before.unwrap().to_rfc3339(), "2026-07-01T23:00:00+00:00");
        assert!(f.user.is_none() && f.kind.is_none());
    }

    #[test]
    fn every_bad_field_is_named() {
        let e = parse_query(&q("31/12/2026", "2026-02-30", "a\u{7}b", "peeked")).unwrap_err();
        let fields: Vec<&str> = e.0.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["from", "to", "user", "kind"]);
        let e = parse_query(&q("2026-05-02", "2026-05-01", "", "")).unwrap_err();
        assert_eq!(e.0[0].field, "to");
    }

    #[test]
    fn a_user_is_an_id_or_part_of_a_name() {
        let id = "6f1c1c52-8d7e-4c1e-9f55-0d6b1b2f3a4b";
        let f = parse_query(&q("", "", id, "searched")).unwrap();
        assert_eq!(
            f.user,
            Some(UserFilter::Id(uuid::Uuid::parse_str(id).unwrap()))
        );
        assert_eq!(f.kind, Some(AccessKind::Searched));
        let f = parse_query(&q("", "", " Sam ", "")).unwrap();
        assert_eq!(f.user, Some(UserFilter::NameContains("Sam".into())));
    }
}
