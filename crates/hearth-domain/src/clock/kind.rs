//! What a clock measures, and which timescale of the protocol in force sets it.

use serde::{Deserialize, Serialize};

use crate::protocol::{AssessmentModel, Protocol, Timescale};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ClockKind {
    ReferralDecision,
    AssessmentCompletion,
    AssessmentFirstStage,
    /// The n-th manager checkpoint (1-based).
    AssessmentCheckpoint(u8),
    InitialAssessment,
    CoreAssessment,
    PreBirthAssessment,
    AssessmentRefresh,
    InitialConference,
    CoreGroup,
    FirstReviewConference,
    ReviewConference,
    CpVisit,
    CinPlanStart,
    CinVisit,
    CinMeeting,
    CinFirstReview,
    CinSecondReview,
    CinReview,
    ComplexNeedsPanel,
}

/// Whether the due date falls after the anchor or before it (pre-birth work before the EDD).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    After,
    Before,
}

impl ClockKind {
    /// Stable code for storage and the API.
    pub fn code(self) -> String {
        match self {
            ClockKind::AssessmentCheckpoint(n) => format!("assessment-checkpoint-{n}"),
            other => serde_plain(other),
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        if let Some(n) = code.strip_prefix("assessment-checkpoint-") {
            return n.parse().ok().map(ClockKind::AssessmentCheckpoint);
        }
        ALL.iter().copied().find(|k| k.code() == code)
    }

    /// What a social worker calls it.
    pub fn label(self) -> String {
        let s = match self {
            ClockKind::ReferralDecision => "Referral decision",
            ClockKind::AssessmentCompletion => "Assessment completion",
            ClockKind::AssessmentFirstStage => "First stage of the assessment",
            ClockKind::AssessmentCheckpoint(n) => return format!("Manager checkpoint {n}"),
            ClockKind::InitialAssessment => "Initial assessment",
            ClockKind::CoreAssessment => "Core assessment",
            ClockKind::PreBirthAssessment => "Pre-birth assessment",
            ClockKind::AssessmentRefresh => "Assessment refresh",
            ClockKind::InitialConference => "Initial conference",
            ClockKind::CoreGroup => "First core group",
            ClockKind::FirstReviewConference => "First review conference",
            ClockKind::ReviewConference => "Review conference",
            ClockKind::CpVisit => "Child protection visit",
            ClockKind::CinPlanStart => "Child in need plan",
            ClockKind::CinVisit => "Child in need visit",
            ClockKind::CinMeeting => "Child in need meeting",
            ClockKind::CinFirstReview => "First child in need review",
            ClockKind::CinSecondReview => "Second child in need review",
            ClockKind::CinReview => "Child in need review",
            ClockKind::ComplexNeedsPanel => "Complex-needs panel",
        };
        s.to_string()
    }

    /// The timescale the protocol sets for this clock, or why it has none.
    pub fn timescale(self, p: &Protocol) -> Result<(Timescale, Direction), String> {
        let local = |t: Option<Timescale>, what: &str| {
            t.map(|t| (t, Direction::After)).ok_or_else(|| {
                format!(
                    "the protocol {} v{} sets no timescale for {what}",
                    p.name, p.version
                )
            })
        };
        match self {
            ClockKind::ReferralDecision => Ok((p.referral_decision, Direction::After)),
            ClockKind::AssessmentCompletion => Ok((p.assessment_complete, Direction::After)),
            ClockKind::AssessmentFirstStage => match p.assessment_model {
                AssessmentModel::Staged { first_stage } => Ok((first_stage, Direction::After)),
                _ => Err(format!(
                    "the protocol {} v{} does not stage assessments",
                    p.name, p.version
                )),
            },
            ClockKind::AssessmentCheckpoint(n) => local(
                p.checkpoints
                    .get(usize::from(n).saturating_sub(1))
                    .copied()
                    .filter(|_| n > 0),
                &format!("manager checkpoint {n}"),
            ),
            ClockKind::InitialAssessment | ClockKind::CoreAssessment => match p.assessment_model {
                AssessmentModel::InitialAndCore { initial, core } => Ok((
                    if self == ClockKind::InitialAssessment {
                        initial
                    } else {
                        core
                    },
                    Direction::After,
                )),
                _ => Err(format!(
                    "the protocol {} v{} has no initial and core assessments",
                    p.name, p.version
                )),
            },
            ClockKind::PreBirthAssessment => {
                local(p.pre_birth_before_due_date, "pre-birth assessments")
                    .map(|(t, _)| (t, Direction::Before))
            }
            ClockKind::AssessmentRefresh => local(p.assessment_refresh, "refreshing assessments"),
            ClockKind::InitialConference => Ok((p.cp.initial_conference, Direction::After)),
            ClockKind::CoreGroup => Ok((p.cp.core_group, Direction::After)),
            ClockKind::FirstReviewConference => Ok((p.cp.first_review, Direction::After)),
            ClockKind::ReviewConference => Ok((p.cp.review_every, Direction::After)),
            ClockKind::CpVisit => local(p.cp.visit_every, "child protection visits"),
            ClockKind::CinPlanStart => {
                local(p.cin.plan_after_assessment, "starting a child in need plan")
            }
            ClockKind::CinVisit => local(p.cin.visit_every, "child in need visits"),
            ClockKind::CinMeeting => local(p.cin.meeting_every, "child in need meetings"),
            ClockKind::CinFirstReview => {
                local(p.cin.first_review, "the first child in need review")
            }
            ClockKind::CinSecondReview => local(
                p.cin.second_review.or(p.cin.review_every),
                "the second child in need review",
            ),
            ClockKind::CinReview => local(p.cin.review_every, "child in need reviews"),
            ClockKind::ComplexNeedsPanel => {
                local(p.cin.complex_needs_panel_after, "the complex-needs panel")
            }
        }
    }
}

const ALL: &[ClockKind] = &[
    ClockKind::ReferralDecision,
    ClockKind::AssessmentCompletion,
    ClockKind::AssessmentFirstStage,
    ClockKind::InitialAssessment,
    ClockKind::CoreAssessment,
    ClockKind::PreBirthAssessment,
    ClockKind::AssessmentRefresh,
    ClockKind::InitialConference,
    ClockKind::CoreGroup,
    ClockKind::FirstReviewConference,
    ClockKind::ReviewConference,
    ClockKind::CpVisit,
    ClockKind::CinPlanStart,
    ClockKind::CinVisit,
    ClockKind::CinMeeting,
    ClockKind::CinFirstReview,
    ClockKind::CinSecondReview,
    ClockKind::CinReview,
    ClockKind::ComplexNeedsPanel,
];

fn serde_plain(k: ClockKind) -> String {
    serde_json::to_value(k)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}
