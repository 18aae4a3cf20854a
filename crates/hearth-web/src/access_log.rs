//! A person's access log in words, one shape for the page, the JSON API and the CSV download:
//! when (UK time), who, their role and team, what they did to which record, and the outcome
//! (a refusal with its reason).

use chrono::{DateTime, Utc};
use hearth_domain::csv::line;
use hearth_domain::role::Role;
use hearth_domain::uk_time::format_uk;
use hearth_store::access_log::AccessKind;
use hearth_store::audit::AuditRow;
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::pages::audit_words;

/// One row of the access log: the stored codes, and the same in words.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AccessEntry {
    pub id: i64,
    pub at: DateTime<Utc>,
    pub user_id: Option<Uuid>,
    pub user_name: Option<String>,
    /// The user's role code (as it is now).
    pub user_role: Option<String>,
    /// The user's team (as it is now).
    pub user_team: Option<String>,
    pub action: String,
    pub record_type: String,
    pub record_id: Option<String>,
    pub outcome: String,
    pub detail: Option<String>,
    /// viewed, searched, changed or refused.
    pub kind: String,
    /// When, in UK time: "20 November 2026, 10:00".
    pub when: String,
    /// Who: the user's name.
    pub who: String,
    /// Their role in words.
    pub role: String,
    /// Their team's name.
    pub team: String,
    /// What they did, in words: "Opened a contact".
    pub what: String,
    /// Which record, in words: "A contact", "This person's record".
    pub record: String,
    /// The outcome in words; a refusal with its reason.
    pub result: String,
}

impl AccessEntry {
    /// `row` as read on the access log of the person `this`.
    pub fn new(row: AuditRow, this: &str) -> Self {
        let kind = AccessKind::of(&row.action, &row.outcome);
        let role = row
            .user_role
            .as_deref()
            .map(|c| Role::parse(c).map_or_else(|_| c.to_string(), |r| r.label().to_string()))
            .unwrap_or_default();
        let mut result = audit_words::outcome(&row.outcome).to_string();
        if kind == AccessKind::Refused {
            if let Some(reason) = &row.detail {
                result = format!("{result}: {reason}");
            }
        }
        Self {
            kind: kind.code().to_string(),
            when: format_uk(row.at),
            who: row
                .user_name
                .clone()
                .unwrap_or_else(|| "Unknown user".into()),
            role,
            team: row.user_team.clone().unwrap_or_default(),
            what: audit_words::action(&row.action).to_string(),
            record: audit_words::record(&row.record_type, row.record_id.as_deref(), this),
            result,
            id: row.id,
            at: row.at,
            user_id: row.user_id,
            user_name: row.user_name,
            user_role: row.user_role,
            user_team: row.user_team,
            action: row.action,
            record_type: row.record_type,
            record_id: row.record_id,
            outcome: row.outcome,
            detail: row.detail,
        }
    }
}

/// The log as CSV with a header row, in words; a cell a spreadsheet would run is made inert.
pub fn to_csv(entries: &[AccessEntry]) -> String {
    let mut out = line(&["When", "Who", "Role", "Team", "What", "Record", "Outcome"]);
    for e in entries {
        out.push_str(&line(&[
            &e.when, &e.who, &e.role, &e.team, &e.what, &e.record, &e.result,
        ]));
    }
    out
}
