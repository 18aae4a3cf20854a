//! What the assessment use cases take and give: inputs as typed (strings, checked by the domain)
//! and views ready for a page or the API.

use hearth_domain::assessment::states::AssessmentState;
use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use hearth_domain::assessment::{GateAnswer, Section};
use hearth_domain::errors::ValidationErrors;
use hearth_domain::limits::{check_narrative, check_short};
use hearth_store::assessment::assessments::FollowOn;
use hearth_store::assessment::records::{AgencyRequestRow, CheckpointRow, ViewRow, VisitRow};
use hearth_store::people::search::PersonSummary;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::clocks::ClockView;

/// Opens an assessment.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct OpenAssessmentInput {
    pub person_id: Uuid,
    /// referral-decision, strategy-discussion or review.
    pub origin: String,
    /// The referral whose decision asked for the assessment (origin referral-decision).
    #[serde(default)]
    pub referral_id: Option<Uuid>,
    /// `YYYY-MM-DD`; today when blank. Not before the referral, not in the future.
    #[serde(default)]
    pub start_date: String,
    /// The social worker; the episode's allocated worker (or you) when absent.
    #[serde(default)]
    pub worker_id: Option<Uuid>,
    /// For a strategy discussion or review: when it was and what it decided.
    #[serde(default)]
    pub origin_note: String,
    /// For origin strategy-discussion: the held discussion that started it; its date is the
    /// anchor (seed 000 §5.16).
    #[serde(default)]
    pub strategy_discussion_id: Option<Uuid>,
}

/// Saves one section. Keys: plan fields (`who_will_be_seen`, …); for a domain,
/// `<dimension>.strengths` and `<dimension>.concerns` (`health.concerns`); for the analysis,
/// `analysis`. Values are text; blank clears.
pub type SectionInput = BTreeMap<String, serde_json::Value>;

/// The text values of a section body as `(key, text)`, a nested dimension flattened to
/// `<dimension>.<field>`; values that are not text are left for the section's own check.
pub fn section_texts(input: &SectionInput) -> Vec<(String, &str)> {
    input
        .iter()
        .flat_map(|(k, v)| match v {
            serde_json::Value::Object(inner) => inner
                .iter()
                .filter_map(|(sub, x)| x.as_str().map(|s| (format!("{k}.{sub}"), s)))
                .collect::<Vec<_>>(),
            other => other.as_str().map(|s| (k.clone(), s)).into_iter().collect(),
        })
        .collect()
}

/// Checks the length of every text in a section body (see [`Section::check_texts`]).
pub fn check_section_limits(
    section: Section,
    input: &SectionInput,
) -> Result<(), ValidationErrors> {
    let texts = section_texts(input);
    section.check_texts(texts.iter().map(|(k, v)| (k.as_str(), *v)))
}

/// Narrative fields given as `(field, label, text)`: each at most
/// [`hearth_domain::limits::NARRATIVE`] characters.
fn narrative(fields: &[(&str, &str, &str)]) -> Result<(), ValidationErrors> {
    let mut e = ValidationErrors::default();
    for (field, label, text) in fields {
        check_narrative(&mut e, field, label, text.trim());
    }
    e.into_result(())
}

impl OpenAssessmentInput {
    /// Checks the length of what was typed.
    pub fn check_limits(&self) -> Result<(), ValidationErrors> {
        narrative(&[("origin_note", "The note", &self.origin_note)])
    }
}

impl ReasonInput {
    /// Checks the length of what was typed.
    pub fn check_limits(&self) -> Result<(), ValidationErrors> {
        narrative(&[("reason", "The reason", &self.reason)])
    }
}

impl ViewInput {
    /// Checks the length of what was typed: the speaker's name is one line, their words
    /// narrative.
    pub fn check_limits(&self) -> Result<(), ValidationErrors> {
        let mut e = ValidationErrors::default();
        check_short(
            &mut e,
            "speaker_name",
            "Their name",
            self.speaker_name.trim(),
        );
        check_narrative(&mut e, "words", "Their words", self.words.trim());
        e.into_result(())
    }
}

impl AgencyRequestInput {
    /// Checks the length of what was typed.
    pub fn check_limits(&self) -> Result<(), ValidationErrors> {
        let mut e = ValidationErrors::default();
        check_short(&mut e, "agency", "The agency", self.agency.trim());
        check_narrative(&mut e, "asked", "What was asked", self.asked.trim());
        e.into_result(())
    }
}

impl AgencyResponseInput {
    /// Checks the length of what was typed.
    pub fn check_limits(&self) -> Result<(), ValidationErrors> {
        narrative(&[("response", "What the agency said", &self.response)])
    }
}

impl CheckpointInput {
    /// Checks the length of what was typed.
    pub fn check_limits(&self) -> Result<(), ValidationErrors> {
        narrative(&[
            ("answer", "The answer", &self.answer),
            ("late_reason", "The reason for lateness", &self.late_reason),
        ])
    }
}

impl FirstStageInput {
    /// Checks the length of what was typed.
    pub fn check_limits(&self) -> Result<(), ValidationErrors> {
        narrative(&[
            ("note", "The note", &self.note),
            ("late_reason", "The reason for lateness", &self.late_reason),
        ])
    }
}

impl SubmitInput {
    /// Checks the length of what was typed.
    pub fn check_limits(&self) -> Result<(), ValidationErrors> {
        narrative(&[("late_reason", "The reason for lateness", &self.late_reason)])
    }
}

impl ReturnInput {
    /// Checks the length of what was typed.
    pub fn check_limits(&self) -> Result<(), ValidationErrors> {
        narrative(&[("note", "The note", &self.note)])
    }
}

impl AuthoriseInput {
    /// Checks the length of what was typed (each checklist reason is checked with the gate).
    pub fn check_limits(&self) -> Result<(), ValidationErrors> {
        narrative(&[("late_reason", "The reason for lateness", &self.late_reason)])
    }
}

impl ActInput {
    /// Checks the length of what was typed.
    pub fn check_limits(&self) -> Result<(), ValidationErrors> {
        narrative(&[("strategy_reason", "The reason", &self.strategy_reason)])
    }
}

/// A section body from a JSON object (anything else is empty).
pub fn section_input(v: serde_json::Value) -> SectionInput {
    v.as_object()
        .cloned()
        .unwrap_or_default()
        .into_iter()
        .collect()
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SectionSaved {
    pub section: String,
    pub version: i64,
    pub saved_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct VisitInput {
    /// `YYYY-MM-DD`.
    pub visit_date: String,
    #[serde(default)]
    pub child_seen: bool,
    #[serde(default)]
    pub seen_alone: bool,
    #[serde(default)]
    pub home_seen: bool,
    #[serde(default)]
    pub bedroom_seen: bool,
    #[serde(default)]
    pub all_children_considered: bool,
    #[serde(default)]
    pub who_was_seen: String,
    /// The people on record seen at the visit (the child, parents, siblings): the evidence that
    /// each parent was seen.
    #[serde(default)]
    pub people_seen: Vec<Uuid>,
    #[serde(default)]
    pub notes: String,
    /// When, on the 24-hour clock ("09:30").
    #[serde(default)]
    pub visit_time: String,
    /// announced or unannounced.
    #[serde(default)]
    pub visit_kind: String,
    /// Where the child was seen: home, school, office or other-place.
    #[serde(default)]
    pub place: String,
}

/// A decision about an interpreter (seed 004 Blackpool): not using one when one is needed is a
/// team manager's decision, recorded by them with the reasons.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct InterpreterInput {
    /// not-needed, used, or not-used (a team manager's decision).
    pub choice: String,
    /// Why (required unless an interpreter is used).
    #[serde(default)]
    pub reasons: String,
}

/// A parent on the child's record, and whether any visit records them as seen.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ParentOnRecord {
    pub person_id: Uuid,
    pub name: String,
    pub seen: bool,
}

/// A recorded interpreter decision, with who made it and who approved not using one.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct InterpreterDecisionView {
    pub choice: String,
    pub choice_label: String,
    pub reasons: String,
    pub decided_by_name: String,
    /// The team manager who approved not using an interpreter (blank otherwise).
    pub approved_by_name: String,
    pub decided_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReasonInput {
    pub reason: String,
}

#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ViewInput {
    /// child, mother, father, parent-or-carer, sibling, other-family.
    pub speaker: String,
    #[serde(default)]
    pub speaker_name: String,
    /// views-and-wishes, disagreement or correction-request.
    pub kind: String,
    /// In their own words.
    pub words: String,
}

#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AgencyRequestInput {
    pub agency: String,
    /// school, early-years, health-visitor, gp, hospital, mental-health, police, probation,
    /// housing, youth-justice, other-council, voluntary, other.
    pub agency_type: String,
    /// What was asked.
    pub asked: String,
    /// `YYYY-MM-DD`; today when blank.
    #[serde(default)]
    pub requested_on: String,
}

#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AgencyResponseInput {
    /// `YYYY-MM-DD`; today when blank.
    #[serde(default)]
    pub response_on: String,
    pub response: String,
}

#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CheckpointInput {
    pub answer: String,
    /// `YYYY-MM-DD`; today when blank.
    #[serde(default)]
    pub answered_on: String,
    /// Required when answered after the checkpoint was due.
    #[serde(default)]
    pub late_reason: String,
}

#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FirstStageInput {
    pub version: i64,
    #[serde(default)]
    pub concluded_on: String,
    /// What the first stage found and why the assessment continues.
    pub note: String,
    #[serde(default)]
    pub late_reason: String,
}

#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SubmitInput {
    pub version: i64,
    /// Census factor codes; "21" (no factors) stands alone.
    pub factors: Vec<String>,
    /// no-further-action, early-help, cin-plan, specialist-assessment, strategy-discussion,
    /// emergency-action.
    pub outcomes: Vec<String>,
    /// Whether the child was assessed as in need.
    pub in_need: Option<bool>,
    /// `YYYY-MM-DD`; today when blank.
    #[serde(default)]
    pub completed_on: String,
    /// Required when completed after the national 45 working days.
    #[serde(default)]
    pub late_reason: String,
}

#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReturnInput {
    pub version: i64,
    pub note: String,
}

#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AuthoriseInput {
    pub version: i64,
    /// One answer per checklist item; an item not met needs its reason.
    pub gate: Vec<GateAnswer>,
    /// `YYYY-MM-DD`; today when blank.
    #[serde(default)]
    pub authorised_on: String,
    /// Required when authorised after the national 45 working days (the worker's reason is used
    /// when this is blank).
    #[serde(default)]
    pub late_reason: String,
}

#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ActInput {
    pub version: i64,
    /// Why a strategy discussion is needed (when the outcome asks for one).
    #[serde(default)]
    pub strategy_reason: String,
}

/// A saved section with who last saved it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SectionView {
    pub section: String,
    pub label: String,
    /// 0 when never saved.
    pub version: i64,
    pub fields: BTreeMap<String, String>,
    pub updated_by: String,
    pub updated_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct VisitView {
    #[serde(flatten)]
    pub visit: VisitRow,
    pub recorded_by_name: String,
    /// The child was seen alone on no visit of the assessment, no manager has recorded why, and
    /// this (the latest) visit is where the one reason for the assessment is asked.
    pub reason_needed: bool,
    pub manager_reason_by_name: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ViewEntry {
    #[serde(flatten)]
    pub entry: ViewRow,
    pub speaker_label: String,
    pub kind_label: String,
    pub recorded_by_name: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AgencyRequestView {
    #[serde(flatten)]
    pub request: AgencyRequestRow,
    pub agency_type_label: String,
    pub requested_by_name: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CheckpointView {
    #[serde(flatten)]
    pub checkpoint: CheckpointRow,
    pub clock: ClockView,
    pub answered_by_name: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CodeLabel {
    pub code: String,
    pub label: String,
}

/// One item of the completion checklist: what the record shows, and the manager's answer once
/// authorised.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct GateItemView {
    pub item: String,
    pub label: String,
    /// The procedure whose checklist the item comes from, e.g. "seed 004 Blackpool".
    pub source: String,
    /// The source's own words for the item.
    pub quote: String,
    /// What the record shows, in words.
    pub evidence: String,
    /// Whether the record shows it met (it cannot be ticked as met otherwise).
    pub shown_met: bool,
    /// What the record lacks for the item to be ticked as met.
    pub gaps: Vec<String>,
    /// The manager's answer (after authorisation).
    pub met: Option<bool>,
    pub reason: String,
}

/// The census measure: working days from the start to the authorisation (or to today).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CensusMeasure {
    pub start_date: NaiveDate,
    pub authorised_on: Option<NaiveDate>,
    pub working_days: u32,
    pub within_45: bool,
    pub sentence: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AssessmentView {
    pub id: Uuid,
    pub child: PersonSummary,
    pub episode_id: Uuid,
    pub referral_id: Option<Uuid>,
    pub origin: String,
    pub origin_label: String,
    pub origin_note: String,
    pub referral_date: NaiveDate,
    pub start_date: NaiveDate,
    pub expected_delivery: Option<NaiveDate>,
    pub worker_id: Option<Uuid>,
    pub worker_name: String,
    pub status: AssessmentState,
    pub status_label: String,
    /// The protocol whose clocks this assessment runs under.
    pub protocol: String,
    pub clocks: Vec<ClockView>,
    pub census: CensusMeasure,
    /// The first stage (or initial assessment) when the protocol stages assessments.
    pub first_stage_label: Option<String>,
    pub first_stage_on: Option<NaiveDate>,
    pub first_stage_note: Option<String>,
    pub sections: Vec<SectionView>,
    pub visits: Vec<VisitView>,
    /// Whether the child was seen, and seen alone, judged across every visit of the assessment.
    pub seen_across: String,
    pub views: Vec<ViewEntry>,
    pub agency_requests: Vec<AgencyRequestView>,
    /// The checks made with other agencies at the front door, carried into the assessment.
    pub front_door_checks: Vec<hearth_store::front_door::referrals::AgencyCheckRow>,
    pub checkpoints: Vec<CheckpointView>,
    pub factors: Vec<CodeLabel>,
    pub outcomes: Vec<CodeLabel>,
    pub in_need: Option<bool>,
    pub census_meaning: Option<String>,
    pub completed_on: Option<NaiveDate>,
    pub late_reason: Option<String>,
    pub returned_note: Option<String>,
    pub gate: Vec<GateItemView>,
    /// The parents on the child's record (a parent, or anyone with parental responsibility),
    /// whom the completion gate expects a visit to record as seen.
    pub parents_on_record: Vec<ParentOnRecord>,
    /// Interpreter decisions, oldest first (the latest stands).
    pub interpreter_decisions: Vec<InterpreterDecisionView>,
    pub authorised_on: Option<NaiveDate>,
    pub authorised_by: String,
    pub acted_on_at: Option<DateTime<Utc>>,
    pub follow_on: Vec<FollowOn>,
    /// The episode's closure when the outcome closed it (RC8 or RC9).
    pub episode_closure: Option<String>,
    /// What the family's copy leaves out and why (never shown in the family's copy itself).
    pub withholdings: Vec<WithholdingView>,
    /// In the family's copy: some parts were left out (the copy says so without saying what).
    pub family_copy_leaves_out: bool,
    pub version: i64,
}

/// A line in a worklist of assessments.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AssessmentListItem {
    pub id: Uuid,
    pub child_name: String,
    pub person_id: Uuid,
    pub start_date: NaiveDate,
    pub status: AssessmentState,
    pub status_label: String,
    pub worker_name: String,
    pub due: Option<ClockView>,
}

/// A checkpoint question waiting for a manager, with its clock.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CheckpointTask {
    pub assessment_id: Uuid,
    pub person_id: Uuid,
    pub child_name: String,
    pub n: i64,
    pub question: String,
    pub clock: ClockView,
}

/// Leaves a part out of the family's copy, with what and why.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct WithholdInput {
    /// agency-reply, view, visit, domain or analysis.
    pub part_kind: String,
    /// The agency request's or visit's id, the view's number, or the domain's section code
    /// (child-development, parenting-capacity, family-environment); blank for the analysis.
    #[serde(default)]
    pub part_ref: String,
    /// third-party, domestic-abuse or serious-harm.
    pub reason: String,
    /// What is left out and why, for review.
    pub explanation: String,
}

/// A part left out of the family's copy (or put back), with who and when.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct WithholdingView {
    pub id: Uuid,
    pub part_kind: String,
    pub part_ref: Option<String>,
    pub part_label: String,
    pub reason: String,
    pub reason_label: String,
    pub explanation: String,
    pub withheld_by_name: String,
    pub withheld_at: DateTime<Utc>,
    pub restored_by_name: Option<String>,
    pub restored_at: Option<DateTime<Utc>>,
    pub restored_why: Option<String>,
}

/// Puts a part back into the family's copy.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RestoreInput {
    /// Why it can now be shared with the family.
    pub why: String,
}
