//! What the casework use cases take and give: tasks and my work, case notes, the chronology.

use chrono::{DateTime, NaiveDate, Utc};
use hearth_domain::casework::chronology::Entry;
use hearth_domain::casework::tasks::Bucket;
use hearth_domain::clock::ClockStatus;
use hearth_store::casework::notes::NoteRow;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

/// One task: its child, what is due and why, its state, and the page that does it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TaskView {
    pub child_id: Uuid,
    pub child: String,
    pub title: String,
    pub due_date: NaiveDate,
    /// The clock's own sentence: anchor, rule, calendar and protocol version.
    pub explanation: String,
    #[schema(value_type = String)]
    pub bucket: Bucket,
    #[schema(value_type = Object)]
    pub status: ClockStatus,
    pub status_label: String,
    /// The page that does the work.
    pub link: String,
}

/// A child (or sibling group) and their open tasks, in due order.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct FamilyTasks {
    pub children: Vec<String>,
    pub tasks: Vec<TaskView>,
}

/// An item waiting on the person that is not a clock (a sign-off, a return, a new allocation).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct WorkItem {
    pub child_id: Uuid,
    pub child: String,
    pub what: String,
    pub since: Option<DateTime<Utc>>,
    pub link: String,
}

/// My work: what is due, grouped by child and sibling group, and what waits on me.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct MyWork {
    pub today: NaiveDate,
    pub overdue: Vec<FamilyTasks>,
    pub due_today: Vec<FamilyTasks>,
    pub due_this_week: Vec<FamilyTasks>,
    pub later: Vec<FamilyTasks>,
    pub returned_to_me: Vec<WorkItem>,
    pub newly_allocated: Vec<WorkItem>,
    pub awaiting_my_sign_off: Vec<WorkItem>,
}

/// A note to record.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NoteInput {
    /// The children it is about (a note for a household appears on each child's record).
    #[serde(default)]
    pub children: Vec<Uuid>,
    /// home-visit, office-visit, phone-call, meeting, management-oversight,
    /// supervision-discussion, direct-work or other.
    #[serde(default)]
    pub kind: String,
    /// When it happened: `YYYY-MM-DDTHH:MM` (UK time).
    #[serde(default)]
    pub occurred_at: String,
    #[serde(default)]
    pub significant: bool,
    #[serde(default)]
    pub body: String,
    /// Save it final at once (otherwise a draft).
    #[serde(default)]
    pub r#final: bool,
}

/// Changing a draft.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NoteUpdate {
    pub version: i64,
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub occurred_at: String,
    #[serde(default)]
    pub significant: bool,
    #[serde(default)]
    pub body: String,
}

/// Making a draft final.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FinaliseInput {
    pub version: i64,
}

/// A correction appended to a final note.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CorrectionInput {
    #[serde(default)]
    pub text: String,
}

/// A note with its author's and correctors' names.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct NoteView {
    #[serde(flatten)]
    pub note: NoteRow,
    pub kind_label: String,
    pub author: String,
    /// Each correction's author, in the corrections' order.
    pub corrected_by: Vec<String>,
}

/// The chronology's filter, as the query string gives it.
#[derive(Debug, Clone, Default, Deserialize, ToSchema, utoipa::IntoParams)]
pub struct ChronologyQuery {
    /// From this date (YYYY-MM-DD).
    pub from: Option<String>,
    /// To this date (YYYY-MM-DD).
    pub to: Option<String>,
    /// Kinds, comma-separated (contact, referral, decision, assessment, visit,
    /// strategy-discussion, protective-action, case-note).
    pub kind: Option<String>,
    /// Only significant events.
    pub significant: Option<bool>,
}

/// The chronology with the worker's analysis of what the pattern means.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ChronologyView {
    pub child_id: Uuid,
    pub child: String,
    pub entries: Vec<Entry>,
    pub analysis: Option<String>,
    pub analysis_by: Option<String>,
    pub analysis_at: Option<DateTime<Utc>>,
    pub analysis_version: i64,
}

/// The worker's analysis of the chronology (seed 001: an up-to-date chronology at step-down and
/// closure).
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AnalysisInput {
    /// The analysis's version as last read (0 when there is none yet).
    pub version: i64,
    #[serde(default)]
    pub text: String,
}

/// One line of the child's history.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct HistoryLine {
    pub on: NaiveDate,
    pub what: String,
    pub link: Option<String>,
}

/// The summary at the top of a child's page.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ChildSummary {
    /// The open episode of need, in words ("Open since 20 November 2026: primary need N1 …").
    pub episode: Option<String>,
    /// Where the work stands ("Assessment in progress", "Strategy discussion to be held", …).
    pub stage: Option<String>,
    pub worker: Option<String>,
    pub team: Option<String>,
    /// The next thing due, with its explanation.
    pub next_due: Option<TaskView>,
    /// Alerts for whoever opens the record.
    pub alerts: Vec<String>,
    /// Episodes, referrals, assessments and strategy discussions, newest first.
    pub history: Vec<HistoryLine>,
    /// When the case last had management oversight.
    pub last_oversight: Option<DateTime<Utc>>,
    /// The latest case notes (kind and date), newest first.
    pub recent_notes: Vec<HistoryLine>,
}
