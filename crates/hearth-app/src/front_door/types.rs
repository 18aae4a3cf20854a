//! What the front door's use cases take and give: inputs as typed by users (strings, checked by
//! the domain) and views ready for a page or the API.

use chrono::{DateTime, NaiveDate, Utc};
use hearth_domain::codes::ReferralSource;
use hearth_domain::errors::ValidationErrors;
use hearth_domain::front_door::consent::{Consent, SharingWithoutConsent};
use hearth_domain::front_door::contact::{check_caller, check_outcome_text};
use hearth_domain::front_door::contact::{ContactOutcome, Urgency};
use hearth_domain::front_door::decision::ReferralOutcome;
use hearth_domain::front_door::states::{ContactState, ReferralFormState, ReferralState};
use hearth_domain::front_door::vocab::ContactMethod;
use hearth_domain::ids::PersonId;
use hearth_domain::limits::{check_narrative, check_short};
use hearth_store::front_door::episodes::EpisodeRow;
use hearth_store::front_door::referrals::AgencyCheckRow;
use hearth_store::people::search::PersonSummary;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::clocks::ClockView;

/// A contact recorded by front-door staff.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ContactInput {
    /// When it was received: `YYYY-MM-DDTHH:MM` in UK time, or RFC 3339.
    pub received_at: String,
    /// Census referral-source code.
    pub source: String,
    /// phone, email, in-person, letter, referral-form, police-notification.
    pub method: String,
    /// Who made contact.
    pub contact_name: String,
    #[serde(default)]
    pub contact_agency: String,
    /// How to reach them for feedback.
    #[serde(default)]
    pub contact_details: String,
    pub summary: String,
    /// immediate, urgent or routine.
    pub urgency: String,
    /// The children concerned (siblings may share a contact).
    #[serde(default)]
    #[schema(value_type = Vec<String>)]
    pub children: Vec<PersonId>,
    /// given, refused or not-sought.
    pub consent: String,
    #[serde(default)]
    pub consent_why: String,
    /// A young person of 16 or over's own consent: given, refused or not-sought (seed 001).
    #[serde(default)]
    pub young_person_consent: String,
    /// Why the young person refused or was not asked.
    #[serde(default)]
    pub young_person_consent_why: String,
    /// A request for information, advice or consultation about no particular child: it may be
    /// recorded without a child, and concluded only with advice or signposting.
    #[serde(default)]
    pub information_only: bool,
}

impl ContactInput {
    /// Checks the length of who made contact (the summary, consent and dates are checked with
    /// the contact itself).
    pub fn check_limits(&self) -> Result<(), ValidationErrors> {
        check_caller(
            &self.contact_name,
            &self.contact_agency,
            &self.contact_details,
        )
        .into_result(())
    }
}

/// The outcomes of screening a contact (several may apply).
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ContactOutcomeInput {
    /// The contact's version as last read.
    pub version: i64,
    /// Outcome codes: advice-or-signposting, early-help, no-further-action, existing-open-case,
    /// becomes-referral, cp-enquiry. They apply to every child, unless `child_outcomes` gives
    /// each child their own (then these may be left out, or must be the same set together).
    #[serde(default)]
    pub outcomes: Vec<String>,
    /// Each linked child's own outcomes (optional): when given, every linked child needs one.
    #[serde(default)]
    pub child_outcomes: Vec<ChildOutcomeInput>,
    #[serde(default)]
    pub notes: String,
    /// What the person who made contact is told.
    #[serde(default)]
    pub feedback: String,
}

/// One child's outcomes of screening a contact.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ChildOutcomeInput {
    #[schema(value_type = String)]
    pub person_id: PersonId,
    /// Outcome codes, as for the contact.
    pub outcomes: Vec<String>,
}

/// What screening decided for one child.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ChildOutcomeView {
    #[schema(value_type = String)]
    pub person_id: PersonId,
    #[schema(value_type = Vec<String>)]
    pub outcomes: Vec<ContactOutcome>,
}

impl ContactOutcomeInput {
    /// Checks the length of the notes and the feedback.
    pub fn check_limits(&self) -> Result<(), ValidationErrors> {
        check_outcome_text(&self.notes, &self.feedback).into_result(())
    }
}

/// Links a child to a contact: an existing record, or a new one made from the referral form.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LinkChildInput {
    #[serde(default)]
    #[schema(value_type = Option<String>)]
    pub person_id: Option<PersonId>,
    /// Create the child's record from the referral form's details (after searching).
    #[serde(default)]
    pub create_from_form: bool,
    /// Which child named on the form to create (`form_children[].index`): 0, the first named,
    /// unless given.
    #[serde(default)]
    pub form_child: usize,
}

/// The decision on a referral.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DecisionInput {
    /// The referral's version as last read.
    pub version: i64,
    /// immediate-protection, assessment, strategy-discussion, services, specialist-assessment,
    /// accommodation-s20, legal-action, refer-to-other-agency, no-further-action.
    pub outcomes: Vec<String>,
    /// The level of concern judged: concerns, moderate or serious.
    #[serde(default)]
    pub threshold: String,
    #[serde(default)]
    pub rationale: String,
    /// Census primary-need code (N0–N9); needed unless no further action.
    #[serde(default)]
    pub primary_need: String,
    /// What the referrer is told: the decision and what happens next (required on every
    /// decision; Working Together 2018 ch.1 para 22).
    #[serde(default)]
    pub feedback_to_referrer: String,
    /// The decision date (defaults to today).
    #[serde(default)]
    pub decided_on: String,
    /// Why the decision came after its due date.
    #[serde(default)]
    pub late_reason: String,
    /// The agency the referral is passed to ("refer-to-other-agency").
    #[serde(default)]
    pub referred_to: String,
    /// For "immediate-protection": police-protection, emergency-protection-order,
    /// accommodated-by-agreement or safety-plan.
    #[serde(default)]
    pub protective_action: String,
    /// When the protective action was taken (YYYY-MM-DD).
    #[serde(default)]
    pub protective_action_on: String,
    /// What was done, by whom, and where the child is now.
    #[serde(default)]
    pub protective_action_detail: String,
    /// For a strategy discussion: why it is needed (defaults to the rationale).
    #[serde(default)]
    pub strategy_reason: String,
    /// When the parents refused consent and the route moves to section 47: why the child is
    /// likely to suffer significant harm.
    #[serde(default)]
    pub consent_override_reasons: String,
    /// ... and how the parents were told of the change of approach and why (seed 001).
    #[serde(default)]
    pub parents_told: String,
}

impl DecisionInput {
    /// Checks the length of the reason for lateness (the rationale and feedback are checked with
    /// the decision).
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

/// Sharing with other agencies without the family's consent.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SharingInput {
    /// manager-authorised (by the signed-in manager) or significant-harm (section 47).
    pub basis: String,
    /// The manager's reasons, or why significant harm means consent is not needed.
    pub reasons: String,
}

#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AgencyCheckInput {
    pub agency: String,
    /// What was shared with the agency.
    pub shared: String,
    /// What the agency said.
    #[serde(default)]
    pub learned: String,
}

impl AgencyCheckInput {
    /// Checks the length of what was typed.
    pub fn check_limits(&self) -> Result<(), ValidationErrors> {
        let mut e = ValidationErrors::default();
        check_short(&mut e, "agency", "The agency", self.agency.trim());
        check_narrative(&mut e, "shared", "What was shared", self.shared.trim());
        check_narrative(
            &mut e,
            "learned",
            "What the agency said",
            self.learned.trim(),
        );
        e.into_result(())
    }
}

#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AcknowledgeInput {
    /// How and what the referrer was told (e.g. "Phoned 10:15, told decision due Monday").
    pub note: String,
    /// Why the acknowledgement came after its due date (1 working day from receipt).
    #[serde(default)]
    pub late_reason: String,
}

impl AcknowledgeInput {
    /// Checks the length of what was typed.
    pub fn check_limits(&self) -> Result<(), ValidationErrors> {
        let mut e = ValidationErrors::default();
        check_narrative(&mut e, "note", "The note", self.note.trim());
        check_narrative(
            &mut e,
            "late_reason",
            "The reason for lateness",
            self.late_reason.trim(),
        );
        e.into_result(())
    }
}

#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AllocationInput {
    pub team_id: Uuid,
    #[serde(default)]
    pub worker_id: Option<Uuid>,
    /// Allocate the child's brothers and sisters who are waiting for allocation too, so the
    /// sibling group is held together.
    #[serde(default)]
    pub with_siblings: bool,
}

/// A revised primary need for an episode (census code N0–N9).
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PrimaryNeedInput {
    pub primary_need: String,
}

/// A contact with its children and what became of it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ContactView {
    pub id: Uuid,
    pub received_at: DateTime<Utc>,
    pub source: ReferralSource,
    pub source_label: String,
    #[schema(value_type = String)]
    pub method: ContactMethod,
    pub contact_name: String,
    pub contact_agency: String,
    pub contact_details: String,
    pub summary: String,
    #[schema(value_type = String)]
    pub urgency: Urgency,
    #[schema(value_type = Object)]
    pub consent: Consent,
    /// A young person of 16 or over's own consent (seed 001).
    #[schema(value_type = Option<Object>)]
    pub young_person_consent: Option<Consent>,
    pub status: ContactState,
    /// Outcome codes.
    #[schema(value_type = Vec<String>)]
    pub outcomes: Vec<ContactOutcome>,
    pub outcome_notes: Option<String>,
    pub feedback: Option<String>,
    pub concluded_at: Option<DateTime<Utc>>,
    pub children: Vec<PersonSummary>,
    /// Each child's own outcomes, once concluded.
    pub child_outcomes: Vec<ChildOutcomeView>,
    pub referrals: Vec<Uuid>,
    /// The referral form this contact came from.
    pub form_id: Option<Uuid>,
    /// Every child the referral form names, as the referrer typed them (none for a contact
    /// that did not come from a form), so each can be found and linked.
    pub form_children: Vec<crate::front_door::form_children::NamedChild>,
    pub version: i64,
}

/// One line of the front-door queue.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct QueueItem {
    pub contact_id: Uuid,
    pub received_at: DateTime<Utc>,
    #[schema(value_type = String)]
    pub urgency: Urgency,
    pub source_label: String,
    #[schema(value_type = String)]
    pub method: ContactMethod,
    pub children: Vec<String>,
    pub summary: String,
    /// The decision's clock, running from the contact's receipt while it is screened (Working
    /// Together 2018 ch.1 para 71: "Within one working day of a referral being received").
    pub decision_due: QueueClock,
}

/// A clock computed for the queue (not stored): its due date, sentence and state.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct QueueClock {
    pub due_date: chrono::NaiveDate,
    pub explanation: String,
    #[schema(value_type = Object)]
    pub status: hearth_domain::clock::ClockStatus,
    pub status_label: String,
}

/// A referral waiting for its decision, with its clock.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AwaitingDecision {
    pub referral_id: Uuid,
    pub child: String,
    pub referral_date: NaiveDate,
    pub re_referral: bool,
    pub clock: Option<ClockView>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct FrontDoorQueue {
    pub contacts: Vec<QueueItem>,
    pub referrals: Vec<AwaitingDecision>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct DecisionView {
    pub decided_on: NaiveDate,
    pub decided_at: DateTime<Utc>,
    pub decided_by: String,
    /// Outcome codes.
    #[schema(value_type = Vec<String>)]
    pub outcomes: Vec<ReferralOutcome>,
    pub threshold: String,
    pub rationale: String,
    pub primary_need: Option<String>,
    pub feedback_to_referrer: Option<String>,
    /// Refused consent overridden on the section 47 route: why (seed 001).
    pub consent_override_reasons: Option<String>,
    /// How the parents were told of the change of approach and why.
    pub parents_told: Option<String>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SharingView {
    #[schema(value_type = Object)]
    pub basis: SharingWithoutConsent,
    pub recorded_by: String,
    pub recorded_at: DateTime<Utc>,
}

/// One earlier event in the history of the child or a sibling.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct HistoryItem {
    pub person: String,
    #[schema(value_type = String)]
    pub person_id: PersonId,
    /// The child themself, or how the person is related.
    pub relation: String,
    /// contact, referral or episode.
    pub kind: String,
    pub date: NaiveDate,
    pub summary: String,
}

/// Everything the decision screen shows.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ReferralView {
    pub id: Uuid,
    pub contact_id: Uuid,
    pub child: PersonSummary,
    pub received_at: DateTime<Utc>,
    pub referral_date: NaiveDate,
    pub source: ReferralSource,
    pub source_label: String,
    pub referrer_name: String,
    pub referrer_agency: String,
    pub referrer_contact: String,
    pub summary: String,
    pub re_referral: bool,
    pub previous_referral_date: Option<NaiveDate>,
    #[schema(value_type = Object)]
    pub consent: Consent,
    pub sharing: Option<SharingView>,
    pub acknowledged_at: Option<DateTime<Utc>>,
    pub acknowledgement: Option<String>,
    pub clock: Option<ClockView>,
    pub status: ReferralState,
    pub decision: Option<DecisionView>,
    pub episode: Option<EpisodeRow>,
    pub agency_checks: Vec<AgencyCheckRow>,
    pub history: Vec<HistoryItem>,
    pub form_id: Option<Uuid>,
    pub version: i64,
    /// The clock for acknowledging receipt to the referrer (1 working day: Working Together 2018
    /// ch.1 para 71).
    pub ack_clock: Option<ClockView>,
    /// The agency the referral was passed to.
    pub referred_to: Option<String>,
    /// Immediate protective action recorded with the decision.
    pub protective_actions: Vec<hearth_store::front_door::referrals::ProtectiveActionRow>,
    /// Strategy discussions the decision asked for.
    pub strategy_discussions:
        Vec<hearth_store::protection::strategy_discussions::StrategyDiscussionRow>,
    /// Whether the family was told the decision, or why not.
    pub family: Option<FamilyView>,
    /// The letter to the referrer about the decision, once decided.
    pub feedback_letter: Option<String>,
}

/// Telling the family the decision (or why not).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct FamilyView {
    #[schema(value_type = String)]
    pub how: hearth_domain::front_door::family::FamilyInformed,
    pub how_label: String,
    pub note: String,
    pub on: NaiveDate,
    pub recorded_by: String,
}

/// Telling the family the decision, or why they were not told.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FamilyInput {
    /// told or withheld.
    #[serde(default)]
    pub how: String,
    /// Who was told, how and what; or why telling them may jeopardise a police investigation or
    /// place the child at risk of significant harm.
    #[serde(default)]
    pub note: String,
    /// When (YYYY-MM-DD; defaults to today).
    #[serde(default)]
    pub on: String,
}

/// A referral form as its author (or the front door) sees it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ReferralFormView {
    pub id: Uuid,
    /// A short reference to quote.
    pub reference: String,
    pub status: ReferralFormState,
    pub form: hearth_domain::front_door::referral_form::ReferralForm,
    pub version: i64,
    pub updated_at: DateTime<Utc>,
    pub submitted_at: Option<DateTime<Utc>>,
    pub acknowledgement: Option<String>,
    /// Feedback given to the referrer, newest last.
    pub feedback: Vec<FeedbackItem>,
    /// Each child the form names with their own outcome (once submitted).
    pub child_outcomes: Vec<crate::front_door::form_children::NamedChildOutcome>,
    pub contact_id: Option<Uuid>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct FeedbackItem {
    pub given_at: DateTime<Utc>,
    pub text: String,
}

/// A draft save's answer.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Saved {
    pub version: i64,
    pub saved_at: DateTime<Utc>,
}

/// The short reference shown to referrers.
pub fn reference_of(id: Uuid) -> String {
    let s = id.simple().to_string().to_uppercase();
    format!("MARF-{}", &s[..8])
}
