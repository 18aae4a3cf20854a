//! What a clock measures, and which timescale of the protocol in force sets it. A kind is
//! stored and sent as its code (`initial-conference`, `assessment-checkpoint-2`).

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::protocol::{AssessmentModel, Protocol, Timescale};

/// The CIN census measure of an assessment's timeliness: authorised within 45 working days of its
/// start (DfE's children in need census and KPI), whatever a council's own timescale, counting
/// bank holidays (not council closure days) as the days that do not count.
pub const CENSUS_ASSESSMENT_WORKING_DAYS: u32 = 45;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ClockKind {
    ReferralDecision,
    /// Acknowledging receipt to the referrer (Working Together 2018 ch.1 para 71: "Within one
    /// working day of a referral being received, a local authority social worker should
    /// acknowledge receipt to the referrer and make a decision about next steps").
    ReferralAcknowledgement,
    AssessmentCompletion,
    /// The census measure: from the assessment's start to its authorisation.
    AssessmentCensus,
    AssessmentFirstStage,
    /// The n-th manager checkpoint (1-based).
    AssessmentCheckpoint(u8),
    InitialAssessment,
    CoreAssessment,
    PreBirthAssessment,
    AssessmentRefresh,
    /// An agency's reply to a request for information during an assessment.
    AgencyReply,
    /// Holding a strategy discussion that was asked for.
    StrategyDiscussion,
    InitialConference,
    /// A conference for a child on another council's plan who moves in (national: as the
    /// initial conference, from the notification of the move).
    TransferInConference,
    CoreGroup,
    /// Each later core group meeting, from the one before, at the protocol's interval.
    CoreGroupMeeting,
    /// Circulating a held conference's decision and outline plan (the protocol's timescale).
    DecisionCirculation,
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
    /// An action agreed at a strategy discussion: due on the date the discussion set.
    StrategyAction,
    /// An action in a plan (child protection or child in need): due on the date the plan sets.
    PlanAction,
}

/// Whether the due date falls after the anchor or before it (pre-birth work before the EDD).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
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
            other => CODES
                .iter()
                .find(|(k, _)| *k == other)
                .map(|(_, c)| (*c).to_string())
                .unwrap_or_default(),
        }
    }

    /// The kind with this code, if any.
    pub fn parse(code: &str) -> Option<Self> {
        if let Some(n) = code.strip_prefix("assessment-checkpoint-") {
            return n
                .parse()
                .ok()
                .filter(|n| *n > 0)
                .map(ClockKind::AssessmentCheckpoint);
        }
        CODES.iter().find(|(_, c)| *c == code).map(|(k, _)| *k)
    }

    /// Every kind except the numbered checkpoints, for lists and pickers.
    pub fn all() -> impl Iterator<Item = ClockKind> {
        CODES.iter().map(|(k, _)| *k)
    }

    /// What a social worker calls it.
    pub fn label(self) -> String {
        match self {
            ClockKind::AssessmentCheckpoint(n) => format!("Manager checkpoint {n}"),
            other => other.fixed_label().to_string(),
        }
    }

    /// The label of every kind but the numbered checkpoints.
    pub(crate) fn fixed_label(self) -> &'static str {
        match self {
            ClockKind::ReferralDecision => "Referral decision",
            ClockKind::ReferralAcknowledgement => "Acknowledgement to the referrer",
            ClockKind::AssessmentCompletion => "Assessment completion",
            ClockKind::AssessmentCensus => "Assessment authorisation (census measure)",
            ClockKind::AssessmentFirstStage => "First stage of the assessment",
            ClockKind::AssessmentCheckpoint(_) => "Manager checkpoint",
            ClockKind::InitialAssessment => "Initial assessment",
            ClockKind::CoreAssessment => "Core assessment",
            ClockKind::PreBirthAssessment => "Pre-birth assessment",
            ClockKind::AssessmentRefresh => "Assessment refresh",
            ClockKind::AgencyReply => "Reply from an agency",
            ClockKind::StrategyDiscussion => "Strategy discussion",
            ClockKind::InitialConference => "Initial conference",
            ClockKind::TransferInConference => "Transfer-in conference",
            ClockKind::CoreGroup => "First core group",
            ClockKind::CoreGroupMeeting => "Core group meeting",
            ClockKind::DecisionCirculation => "Conference decision circulated",
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
            ClockKind::StrategyAction => "Action from a strategy discussion",
            ClockKind::PlanAction => "Action from the plan",
        }
    }

    /// The timescale the protocol sets for this clock, or why it has none.
    /// Whether the council's own closure days stop this clock. The census measure counts only
    /// bank holidays as non-working days, so its figure is the same for every council.
    pub fn counts_council_closures(self) -> bool {
        self != ClockKind::AssessmentCensus
    }

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
            // The same sentence of Working Together sets both.
            ClockKind::ReferralDecision | ClockKind::ReferralAcknowledgement => {
                Ok((p.referral_decision, Direction::After))
            }
            ClockKind::AssessmentCompletion => Ok((p.assessment_complete, Direction::After)),
            // The census counts 45 working days whatever a stricter local value says.
            ClockKind::AssessmentCensus => Ok((
                Timescale::WorkingDays(CENSUS_ASSESSMENT_WORKING_DAYS),
                Direction::After,
            )),
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
            ClockKind::AgencyReply => local(p.agency_reply, "agencies' replies"),
            ClockKind::StrategyDiscussion => {
                local(p.cp.strategy_discussion, "holding strategy discussions")
            }
            ClockKind::InitialConference | ClockKind::TransferInConference => {
                Ok((p.cp.initial_conference, Direction::After))
            }
            ClockKind::CoreGroup => Ok((p.cp.core_group, Direction::After)),
            ClockKind::CoreGroupMeeting => local(p.cp.core_group_every, "later core group meetings"),
            ClockKind::DecisionCirculation => local(
                p.cp.decision_circulated,
                "circulating a conference's decision",
            ),
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
            ClockKind::StrategyAction => Err(format!(
                "the protocol {} v{} sets no timescale for a strategy discussion's actions: the discussion sets each action's due date",
                p.name, p.version
            )),
            ClockKind::PlanAction => Err(format!(
                "the protocol {} v{} sets no timescale for a plan's actions: the plan sets each action's date",
                p.name, p.version
            )),
            ClockKind::ComplexNeedsPanel => {
                local(p.cin.complex_needs_panel_after, "the complex-needs panel")
            }
        }
    }
}

const CODES: &[(ClockKind, &str)] = &[
    (ClockKind::ReferralDecision, "referral-decision"),
    (
        ClockKind::ReferralAcknowledgement,
        "referral-acknowledgement",
    ),
    (ClockKind::AssessmentCompletion, "assessment-completion"),
    (ClockKind::AssessmentCensus, "assessment-census"),
    (ClockKind::AssessmentFirstStage, "assessment-first-stage"),
    (ClockKind::InitialAssessment, "initial-assessment"),
    (ClockKind::CoreAssessment, "core-assessment"),
    (ClockKind::PreBirthAssessment, "pre-birth-assessment"),
    (ClockKind::AssessmentRefresh, "assessment-refresh"),
    (ClockKind::AgencyReply, "agency-reply"),
    (ClockKind::StrategyDiscussion, "strategy-discussion"),
    (ClockKind::InitialConference, "initial-conference"),
    (ClockKind::TransferInConference, "transfer-in-conference"),
    (ClockKind::CoreGroup, "core-group"),
    (ClockKind::CoreGroupMeeting, "core-group-meeting"),
    (ClockKind::DecisionCirculation, "decision-circulation"),
    (ClockKind::FirstReviewConference, "first-review-conference"),
    (ClockKind::ReviewConference, "review-conference"),
    (ClockKind::CpVisit, "cp-visit"),
    (ClockKind::CinPlanStart, "cin-plan-start"),
    (ClockKind::CinVisit, "cin-visit"),
    (ClockKind::CinMeeting, "cin-meeting"),
    (ClockKind::CinFirstReview, "cin-first-review"),
    (ClockKind::CinSecondReview, "cin-second-review"),
    (ClockKind::CinReview, "cin-review"),
    (ClockKind::ComplexNeedsPanel, "complex-needs-panel"),
    (ClockKind::StrategyAction, "strategy-action"),
    (ClockKind::PlanAction, "plan-action"),
];

impl Serialize for ClockKind {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.code())
    }
}

impl<'de> Deserialize<'de> for ClockKind {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let code = String::deserialize(d)?;
        ClockKind::parse(&code)
            .ok_or_else(|| serde::de::Error::custom(format!("'{code}' is not a clock kind")))
    }
}
