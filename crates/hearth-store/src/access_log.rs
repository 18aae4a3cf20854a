//! A person's access log: every audit row about their record, about a record concerning them
//! (`audit_log.person_id`) or naming them among the people a read showed (`audit_people`: a
//! search's results, a contact's children), filtered in SQL and newest first.

use chrono::{DateTime, Utc};
use hearth_domain::authz::{CaseAccess, Read};
use uuid::Uuid;

use crate::audit::{AuditRow, SELECT};
use crate::{on_tx, Result, Tx};

/// What kind of access a row records, for filtering.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccessKind {
    /// Opened or listed a record (reads other than searches).
    Viewed,
    /// Searched for people, and the person was among the results.
    Searched,
    /// Created or changed something.
    Changed,
    /// Tried and was refused.
    Refused,
}

impl AccessKind {
    pub const ALL: [AccessKind; 4] = [
        AccessKind::Viewed,
        AccessKind::Searched,
        AccessKind::Changed,
        AccessKind::Refused,
    ];

    pub fn code(self) -> &'static str {
        match self {
            AccessKind::Viewed => "viewed",
            AccessKind::Searched => "searched",
            AccessKind::Changed => "changed",
            AccessKind::Refused => "refused",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            AccessKind::Viewed => "Viewed",
            AccessKind::Searched => "Searched",
            AccessKind::Changed => "Changed",
            AccessKind::Refused => "Refused",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == s.trim())
    }

    /// The kind of a stored row (the same rule as the SQL filter).
    pub fn of(action: &str, outcome: &str) -> Self {
        if outcome == DENIED {
            AccessKind::Refused
        } else if SEARCHES.contains(&action) {
            AccessKind::Searched
        } else if VIEWS.contains(&action) {
            AccessKind::Viewed
        } else {
            AccessKind::Changed
        }
    }

    /// The SQL condition selecting this kind (built from the constant lists below, never from
    /// input).
    fn condition(self) -> String {
        let list = |codes: &[&str]| {
            codes
                .iter()
                .map(|c| format!("'{c}'"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let reads = [SEARCHES, VIEWS].concat();
        match self {
            AccessKind::Refused => format!("a.outcome = '{DENIED}'"),
            AccessKind::Searched => {
                format!(
                    "a.outcome <> '{DENIED}' AND a.action IN ({})",
                    list(SEARCHES)
                )
            }
            AccessKind::Viewed => {
                format!("a.outcome <> '{DENIED}' AND a.action IN ({})", list(VIEWS))
            }
            AccessKind::Changed => {
                format!(
                    "a.outcome <> '{DENIED}' AND a.action NOT IN ({})",
                    list(&reads)
                )
            }
        }
    }
}

const DENIED: &str = "denied";
/// Audit actions that are searches.
const SEARCHES: &[&str] = &["person.search"];
/// Audit actions that read without changing anything (searches aside).
const VIEWS: &[&str] = &[
    "person.view",
    "person.summary",
    "person.access_log",
    "person.access_log.export",
    "contact.view",
    "referral.view",
    "referral-form.view",
    "assessment.view",
    "assessment.view-recorded",
    "assessment.list",
    "assessment.family-copy",
    "case-note.view",
    "case-note.list",
    "chronology.view",
    "strategy-discussion.view",
    "strategy-discussion.list",
    "episode.view",
    "work.view",
    "team.view",
];

/// Whose rows: one user by id, or users whose name contains some text (any case).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UserFilter {
    Id(Uuid),
    NameContains(String),
}

/// A filtered read of the log: rows at or after `from` and before `to` (instants; the caller
/// turns UK dates into them), by a user, of a kind, at most `limit`.
#[derive(Debug, Clone, Default)]
pub struct AccessLogFilter {
    pub from: Option<DateTime<Utc>>,
    pub before: Option<DateTime<Utc>>,
    pub user: Option<UserFilter>,
    pub kind: Option<AccessKind>,
    pub limit: i64,
}

/// `text` as a LIKE pattern matching it anywhere, its own `%`, `_` and `\` taken literally.
fn contains_pattern(text: &str) -> String {
    let mut out = String::from("%");
    for ch in text.trim().to_lowercase().chars() {
        if matches!(ch, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(ch);
    }
    out.push('%');
    out
}

impl Tx {
    /// Everyone who opened, searched for or changed this person's record, newest first.
    pub async fn person_access_log(
        &mut self,
        access: &CaseAccess<Read>,
        f: &AccessLogFilter,
    ) -> Result<Vec<AuditRow>> {
        // A union of three index lookups (the record, rows about the person, rows that showed
        // them), not one OR over the whole log, so the read stays fast as the log grows.
        let mut sql = format!(
            "{SELECT} WHERE a.id IN ( \
               SELECT id FROM audit_log WHERE record_type = 'person' AND record_id = $1 \
               UNION SELECT id FROM audit_log WHERE person_id = $1 \
               UNION SELECT audit_id FROM audit_people WHERE person_id = $2)"
        );
        let mut n = 2;
        let mut mark = || {
            n += 1;
            format!("${n}")
        };
        if f.from.is_some() {
            sql.push_str(&format!(" AND a.at >= {}", mark()));
        }
        if f.before.is_some() {
            sql.push_str(&format!(" AND a.at < {}", mark()));
        }
        let (user_id, name) = match &f.user {
            Some(UserFilter::Id(u)) => {
                sql.push_str(&format!(" AND a.user_id = {}", mark()));
                (Some(*u), None)
            }
            Some(UserFilter::NameContains(t)) => {
                sql.push_str(&format!(" AND LOWER(u.name) LIKE {} ESCAPE '\\'", mark()));
                (None, Some(contains_pattern(t)))
            }
            None => (None, None),
        };
        if let Some(k) = f.kind {
            sql.push_str(&format!(" AND {}", k.condition()));
        }
        sql.push_str(&format!(" ORDER BY a.id DESC LIMIT {}", mark()));
        let text_id = access.person().to_string();
        let person: Uuid = access.person().0;
        let rows = on_tx!(self, c => {
            let mut q = sqlx::query_as::<_, AuditRow>(&sql).bind(&text_id).bind(person);
            if let Some(t) = f.from {
                q = q.bind(t);
            }
            if let Some(t) = f.before {
                q = q.bind(t);
            }
            if let Some(u) = user_id {
                q = q.bind(u);
            }
            if let Some(p) = &name {
                q = q.bind(p.clone());
            }
            q.bind(f.limit).fetch_all(&mut *c).await
        })?;
        Ok(rows)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn name_text_is_matched_literally() {
        assert_eq!(contains_pattern(" Ann_B "), "%ann\\_b%");
        assert_eq!(contains_pattern("50%"), "%50\\%%");
    }

    #[test]
    fn kinds_read_from_action_and_outcome() {
        assert_eq!(
            AccessKind::of("person.search", "success"),
            AccessKind::Searched
        );
        assert_eq!(
            AccessKind::of("contact.view", "success"),
            AccessKind::Viewed
        );
        assert_eq!(
            AccessKind::of("person.update", "success"),
            AccessKind::Changed
        );
        assert_eq!(AccessKind::of("person.view", "denied"), AccessKind::Refused);
        assert_eq!(AccessKind::parse("searched"), Some(AccessKind::Searched));
        assert_eq!(AccessKind::parse("looked"), None);
    }
}
