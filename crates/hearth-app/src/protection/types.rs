//! What the strategy discussion use cases take and give.

use chrono::NaiveDate;
use hearth_domain::errors::ValidationErrors;
use hearth_domain::limits::check_narrative;
use hearth_store::protection::strategy_discussions::StrategyDiscussionRow;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::clocks::ClockView;

/// Asking for a strategy discussion during an assessment or on an open case.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RequestDiscussionInput {
    pub person_id: Uuid,
    /// The assessment in progress, when asked for during one.
    #[serde(default)]
    pub assessment_id: Option<Uuid>,
    /// Why: the indications of significant harm, for the people who will hold it.
    #[serde(default)]
    pub reason: String,
    /// When it was asked for, if earlier than today (YYYY-MM-DD; not before the referral).
    #[serde(default)]
    pub requested_on: String,
}

/// A discussion as held.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct HeldInput {
    /// The discussion's version as last read.
    pub version: i64,
    /// When it was held (YYYY-MM-DD).
    #[serde(default)]
    pub held_on: String,
    /// meeting or call.
    #[serde(default)]
    pub form: String,
    /// Who took part, with agency and role.
    #[serde(default)]
    pub attendees: String,
    /// Whether section 47 enquiries start.
    #[serde(default)]
    pub start_section_47: bool,
    /// Whether the enquiry is a joint investigation with the police.
    #[serde(default)]
    pub joint_investigation: bool,
    /// Information shared, decisions and actions agreed.
    #[serde(default)]
    pub summary: String,
    /// Why it was held after its due date.
    #[serde(default)]
    pub late_reason: String,
    /// Who took part by agency: la-social-worker, la-manager, police, health, education,
    /// other-agency. Working Together asks for at least the first four.
    #[serde(default)]
    pub present: Vec<String>,
    /// Why any of the social worker, their manager, police or health did not take part.
    #[serde(default)]
    pub missing_why: String,
    /// Whether further strategy discussions are to be held.
    #[serde(default)]
    pub further_discussions: bool,
    /// Immediate actions to keep the child safe.
    #[serde(default)]
    pub immediate_safety: String,
    /// What the family is told.
    #[serde(default)]
    pub family_told: String,
    /// What is withheld from the family, and why.
    #[serde(default)]
    pub withheld: String,
    #[serde(default)]
    pub withheld_why: String,
    /// Actions agreed, each with its owner and due date (a task until done).
    #[serde(default)]
    pub actions: Vec<ActionInput>,
}

/// An action agreed at the discussion.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ActionInput {
    #[serde(default)]
    pub what: String,
    /// Who does it (name and agency).
    #[serde(default)]
    pub owner: String,
    /// YYYY-MM-DD.
    #[serde(default)]
    pub due_on: String,
}

impl RequestDiscussionInput {
    pub fn check_limits(&self) -> Result<(), ValidationErrors> {
        let mut e = ValidationErrors::default();
        check_narrative(&mut e, "reason", "The reason", self.reason.trim());
        e.into_result(())
    }
}

impl HeldInput {
    pub fn check_limits(&self) -> Result<(), ValidationErrors> {
        let mut e = ValidationErrors::default();
        check_narrative(
            &mut e,
            "late_reason",
            "The reason for lateness",
            self.late_reason.trim(),
        );
        e.into_result(())
    }
}

/// A strategy discussion with its clock and the clocks it started.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct DiscussionView {
    #[serde(flatten)]
    pub discussion: StrategyDiscussionRow,
    pub requested_by_name: String,
    pub held_by_name: String,
    /// The clock for holding it.
    pub clock: Option<ClockView>,
    /// When held: the date later clocks run from (seed 000 §5.16, Working Together 2018 ch.1).
    pub anchor_date: Option<NaiveDate>,
    /// The actions agreed, each with its owner, due date and whether it is done.
    pub actions: Vec<hearth_store::protection::strategy_discussions::StrategyActionRow>,
}
