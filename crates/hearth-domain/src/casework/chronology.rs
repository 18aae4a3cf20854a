//! The child's chronology: every recorded event (contacts, referrals and their decisions,
//! assessments, visits, strategy discussions, protective action, and what later modules add) and
//! the significant-event case notes, in date order; filtered by date, kind and significance; and
//! written out as CSV. Seed 001 asks for "an up to date chronology" at step-down and closure.

use crate::csv::field;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// What kind of event an entry records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum EventKind {
    Contact,
    Referral,
    Decision,
    Assessment,
    Visit,
    StrategyDiscussion,
    ProtectiveAction,
    CaseNote,
    Section47,
    Conference,
    ProtectionPlan,
    CoreGroup,
    CinPlan,
    CinReview,
    CinMeeting,
}

vocab!(EventKind, "kind of chronology event", [
    EventKind::Contact => ("contact", "Contact"),
    EventKind::Referral => ("referral", "Referral"),
    EventKind::Decision => ("decision", "Referral decision"),
    EventKind::Assessment => ("assessment", "Assessment"),
    EventKind::Visit => ("visit", "Visit"),
    EventKind::StrategyDiscussion => ("strategy-discussion", "Strategy discussion"),
    EventKind::ProtectiveAction => ("protective-action", "Protective action"),
    EventKind::CaseNote => ("case-note", "Case note"),
    EventKind::Section47 => ("section-47", "Section 47 enquiry"),
    EventKind::Conference => ("conference", "Child protection conference"),
    EventKind::ProtectionPlan => ("protection-plan", "Child protection plan"),
    EventKind::CoreGroup => ("core-group-meeting", "Core group meeting"),
    EventKind::CinPlan => ("cin-plan", "Child in need plan"),
    EventKind::CinReview => ("cin-review", "Child in need review"),
    EventKind::CinMeeting => ("cin-meeting", "Child in need meeting"),
]);

/// One line of the chronology.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Entry {
    pub on: NaiveDate,
    /// When the time is known (contacts, notes).
    pub at: Option<DateTime<Utc>>,
    #[schema(value_type = String)]
    pub kind: EventKind,
    pub summary: String,
    pub significant: bool,
    /// The page that holds the record, e.g. `/referrals/{id}`.
    pub link: Option<String>,
}

/// Which entries to show.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub kinds: Vec<EventKind>,
    pub significant_only: bool,
}

impl Filter {
    pub fn keeps(&self, e: &Entry) -> bool {
        self.from.is_none_or(|f| e.on >= f)
            && self.to.is_none_or(|t| e.on <= t)
            && (self.kinds.is_empty() || self.kinds.contains(&e.kind))
            && (!self.significant_only || e.significant)
    }
}

/// Oldest first; on the same day, timed entries in time order after the day's untimed ones.
pub fn arrange(mut entries: Vec<Entry>, filter: &Filter) -> Vec<Entry> {
    entries.retain(|e| filter.keeps(e));
    entries.sort_by_key(|e| (e.on, e.at));
    entries
}

/// The chronology as CSV with a header row.
pub fn to_csv(entries: &[Entry]) -> String {
    let mut out = String::from("Date,Time,Kind,Significant,What happened\r\n");
    for e in entries {
        let time = e.at.map(crate::uk_time::format_uk).unwrap_or_default();
        out.push_str(&format!(
            "{},{},{},{},{}\r\n",
            e.on,
            field(&time),
            field(e.kind.text()),
            if e.significant { "yes" } else { "no" },
            field(&e.summary)
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_default()
    }

    fn entry(on: &str, kind: EventKind, significant: bool, summary: &str) -> Entry {
        Entry {
            on: d(on),
            at: None,
            kind,
            summary: summary.into(),
            significant,
            link: None,
        }
    }

    #[test]
    fn entries_are_filtered_and_in_date_order() {
        let all = vec![
            entry("2026-11-24", EventKind::StrategyDiscussion, true, "Held"),
            entry("2026-11-20", EventKind::Contact, false, "School rang"),
            entry("2026-11-21", EventKind::CaseNote, true, "Disclosure"),
        ];
        let got = arrange(all.clone(), &Filter::default());
        let dates: Vec<String> = got.iter().map(|e| e.on.to_string()).collect();
        assert_eq!(dates, vec!["2026-11-20", "2026-11-21", "2026-11-24"]);
        let sig = arrange(
            all.clone(),
            &Filter {
                significant_only: true,
                from: Some(d("2026-11-22")),
                ..Filter::default()
            },
        );
        assert_eq!(sig.len(), 1);
        assert_eq!(sig[0].kind, EventKind::StrategyDiscussion);
        let notes = arrange(
            all,
            &Filter {
                kinds: vec![EventKind::CaseNote],
                ..Filter::default()
            },
        );
        assert_eq!(notes[0].summary, "Disclosure");
    }

    #[test]
    fn csv_quotes_and_never_runs_formulas() {
        let csv = to_csv(&[
            entry(
                "2026-11-20",
                EventKind::Contact,
                false,
                "Said \"help\", twice",
            ),
            entry("2026-11-21", EventKind::CaseNote, true, "=HYPERLINK(\"x\")"),
        ]);
        let lines: Vec<&str> = csv.split("\r\n").collect();
        assert_eq!(lines[0], "Date,Time,Kind,Significant,What happened");
        assert_eq!(
            lines[1],
            "2026-11-20,,Contact,no,\"Said \"\"help\"\", twice\""
        );
        assert_eq!(
            lines[2],
            "2026-11-21,,Case note,yes,\"'=HYPERLINK(\"\"x\"\")\""
        );
    }
}
