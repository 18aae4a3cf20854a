//! What the section 47, conference and plan use cases take and give.

use chrono::NaiveDate;
use hearth_domain::protection::conference::Invitee;
use hearth_domain::protection::plan::CpVisit;
use hearth_store::protection::conferences::ConferenceRow;
use hearth_store::protection::cp_plans::{ChildVisitRow, CoreGroupRow, CpPlanRow};
use hearth_store::protection::enquiries::EnquiryRow;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::clocks::ClockView;

/// A partner's request for a conference that the council declines.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DeclinedRequestInput {
    #[serde(default)]
    pub agency: String,
    #[serde(default)]
    pub reason: String,
    #[serde(default)]
    pub escalation: String,
}

/// The end of a section 47 enquiry.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ConcludeEnquiryInput {
    pub version: i64,
    /// not-substantiated, substantiated-no-continuing-risk or continuing-risk.
    #[serde(default)]
    pub outcome: String,
    /// YYYY-MM-DD; today when blank.
    #[serde(default)]
    pub concluded_on: String,
    #[serde(default)]
    pub child_seen: bool,
    #[serde(default)]
    pub child_seen_alone: bool,
    #[serde(default)]
    pub spoken_to: String,
    #[serde(default)]
    pub support_follows: String,
    #[serde(default)]
    pub not_seen_reason: String,
    #[serde(default)]
    pub declined_request: Option<DeclinedRequestInput>,
}

/// A transfer-in conference: a child on another council's plan has moved here.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TransferInInput {
    /// When this council was told of the move (YYYY-MM-DD).
    #[serde(default)]
    pub notified_on: String,
}

/// One invitee as typed.
#[derive(Debug, Clone, Default, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct InviteeInput {
    #[serde(default)]
    pub name: String,
    /// local-authority, police, health, education, probation, other-agency, parent, child or advocate.
    #[serde(default)]
    pub participant: String,
    #[serde(default)]
    pub role: String,
    #[serde(default)]
    pub attended: bool,
    #[serde(default)]
    pub report_submitted: bool,
    #[serde(default)]
    pub report_shareable: bool,
}

/// Preparing a conference: its date, chair and invitations.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PrepareConferenceInput {
    pub version: i64,
    /// YYYY-MM-DD, a working day.
    #[serde(default)]
    pub scheduled_on: String,
    #[serde(default)]
    pub chair_id: Option<Uuid>,
    #[serde(default)]
    pub invitees: Vec<InviteeInput>,
}

/// The conference as held, with its decision.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct HoldConferenceInput {
    pub version: i64,
    /// YYYY-MM-DD, a working day.
    #[serde(default)]
    pub held_on: String,
    /// Attendance and reports; when empty, the invitation list as prepared.
    #[serde(default)]
    pub invitees: Vec<InviteeInput>,
    /// Whether the child is (or stays) subject to a child protection plan.
    #[serde(default)]
    pub plan: bool,
    /// Census category of abuse: NEG, PHY, EMO, SAB or MUL.
    #[serde(default)]
    pub category: String,
    #[serde(default)]
    pub lead_worker_id: Option<Uuid>,
    #[serde(default)]
    pub core_group: String,
    #[serde(default)]
    pub outline_plan: String,
    /// The review conference's date (YYYY-MM-DD).
    #[serde(default)]
    pub review_on: String,
    #[serde(default)]
    pub child_wishes: String,
    #[serde(default)]
    pub parents_views: String,
    #[serde(default)]
    pub agency_views: String,
    #[serde(default)]
    pub dissent: String,
    /// Plans the child had with other councils, where known (added to Hearth's own count).
    #[serde(default)]
    pub previous_plans_elsewhere: u32,
    /// At a review that ends the plan: why (no-longer-at-risk, …).
    #[serde(default)]
    pub end_reason: String,
    #[serde(default)]
    pub end_evidence: String,
    /// After the plan ends (or when no plan starts): a child in need plan follows.
    #[serde(default)]
    pub cin_plan_follows: bool,
    /// Why the conference was held after its due date.
    #[serde(default)]
    pub late_reason: String,
}

/// A core group meeting.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CoreGroupInput {
    #[serde(default)]
    pub met_on: String,
    #[serde(default)]
    pub attendees: String,
    #[serde(default)]
    pub decisions: String,
    #[serde(default)]
    pub absent_views: String,
    #[serde(default)]
    pub late_reason: String,
}

/// A statutory visit to a child on a plan.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CpVisitInput {
    #[serde(default)]
    pub visited_on: String,
    #[serde(default)]
    pub child_seen: bool,
    #[serde(default)]
    pub seen_alone: bool,
    #[serde(default)]
    pub bedroom_seen: bool,
    #[serde(default)]
    pub home_conditions: String,
    #[serde(default)]
    pub who_present: String,
    #[serde(default)]
    pub notes: String,
    #[serde(default)]
    pub late_reason: String,
}

impl CpVisitInput {
    /// The visit as typed, on the date its form gave (child protection and child in need plans
    /// record the same visit).
    pub(crate) fn visit(&self, visited_on: chrono::NaiveDate) -> CpVisit {
        CpVisit {
            visited_on,
            child_seen: self.child_seen,
            seen_alone: self.seen_alone,
            bedroom_seen: self.bedroom_seen,
            home_conditions: self.home_conditions.trim().into(),
            who_present: self.who_present.trim().into(),
            notes: self.notes.trim().into(),
        }
    }
}

/// Ending a plan outside a review conference: for a fact, with its evidence.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DiscontinueInput {
    #[serde(default)]
    pub reason: String,
    #[serde(default)]
    pub ended_on: String,
    #[serde(default)]
    pub evidence: String,
}

/// A conference with its clock and the names of the people in it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ConferenceView {
    #[serde(flatten)]
    pub conference: ConferenceRow,
    pub kind_label: String,
    pub status_label: String,
    pub chair_name: String,
    pub lead_worker_name: String,
    pub clock: Option<ClockView>,
    /// Circulating the decision, once held (the protocol's timescale).
    pub circulation_clock: Option<ClockView>,
    /// Whether the conference was quorate as recorded.
    pub quorate: Option<bool>,
}

/// A plan with its core groups and clocks.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PlanView {
    #[serde(flatten)]
    pub plan: CpPlanRow,
    pub initial_category_label: String,
    pub latest_category_label: String,
    pub status_label: String,
    pub lead_worker_name: String,
    /// Census `CPPreviewDate`: the dates of its review conferences held.
    pub review_dates: Vec<NaiveDate>,
    pub core_groups: Vec<CoreGroupRow>,
    pub clocks: Vec<ClockView>,
    /// The plan's outcomes and actions, newest version first.
    pub versions: Vec<hearth_store::casework::plan_versions::PlanVersionRow>,
}

/// An enquiry with its outcome in words.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct EnquiryView {
    #[serde(flatten)]
    pub enquiry: EnquiryRow,
    pub status_label: String,
    pub outcome_label: Option<String>,
}

/// Everything about a child's protection, in order.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ChildProtectionView {
    pub person_id: Uuid,
    pub child: String,
    pub enquiries: Vec<EnquiryView>,
    pub conferences: Vec<ConferenceView>,
    pub plans: Vec<PlanView>,
    pub visits: Vec<ChildVisitRow>,
    /// Census `DateOfInitialCPC` on the child's open episode, or the latest once closed.
    pub date_of_initial_cpc: Option<NaiveDate>,
    /// When the child on an open plan turns 18 before the next review is due: plan a review
    /// around the birthday (the plan ends at 18).
    pub review_before_18: Option<NaiveDate>,
    /// The DfE census rules the child's record breaks today (errors to fix, queries to fix or
    /// explain), so the page can warn.
    pub census: Vec<crate::returns::census_check::CensusFinding>,
}

/// An invitee typed from its input; problems are named `invitees[i].field`.
pub(crate) fn invitees_of(
    list: &[InviteeInput],
    e: &mut hearth_domain::errors::ValidationErrors,
) -> Vec<Invitee> {
    use hearth_domain::protection::conference::Participant;
    list.iter()
        .enumerate()
        .filter_map(|(i, x)| {
            let participant = Participant::parse(&x.participant)
                .map_err(|m| e.add(&format!("invitees[{i}].participant"), "unknown_code", m))
                .ok()?;
            Some(Invitee {
                name: x.name.trim().to_string(),
                participant,
                role: x.role.trim().to_string(),
                attended: x.attended,
                report_submitted: x.report_submitted,
                report_shareable: x.report_shareable,
            })
        })
        .collect()
}

/// Bringing the plan's next review conference forward (seed 000 §7.3).
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EarlyReviewInput {
    /// further-incident, change-of-circumstance or child-missing.
    #[serde(default)]
    pub reason: String,
    /// The new date (YYYY-MM-DD), a working day from today and earlier than the date set.
    #[serde(default)]
    pub review_on: String,
    /// What happened.
    #[serde(default)]
    pub detail: String,
}

/// Recording that the conference's decision was sent to everyone invited.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CirculatedInput {
    /// YYYY-MM-DD; today when blank. Not before the conference, not in the future.
    #[serde(default)]
    pub circulated_on: String,
    /// Why, when it is later than the protocol's timescale.
    #[serde(default)]
    pub late_reason: String,
}
