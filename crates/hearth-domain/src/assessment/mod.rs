//! The child and family assessment (Working Together 2023; seeds 000, 001 and 004): the plan, the
//! three domains of the assessment triangle, seeing the child, the census factors, outcomes, the
//! clocks each protocol sets and the manager's completion gate.

pub mod agency;
pub mod factors;
pub mod gate;
pub mod outcome;
pub mod plan;
pub mod stages;
pub mod triangle;
pub mod visit;

pub use agency::AgencyType;
pub use factors::{check_factors, Factor};
pub use gate::{check_gate, GateAnswer, GateItem};
pub use outcome::{check_outcome, AssessmentOutcome, OutcomeDecision};
pub use plan::{AssessmentPlan, Speaker, ViewKind};
pub use stages::{clocks_at_start, StartClock};
pub use triangle::{Dimension, TriangleDomain};
pub use visit::{check_visit, VisitRecord};

/// Where an assessment came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Origin {
    ReferralDecision,
    StrategyDiscussion,
    Review,
}

vocab!(Origin, "assessment origin", [
    Origin::ReferralDecision => ("referral-decision", "Referral decision"),
    Origin::StrategyDiscussion => ("strategy-discussion", "Strategy discussion"),
    Origin::Review => ("review", "Review outcome"),
]);

/// The sections a worker fills in over several visits; each is saved and versioned on its own so
/// two people editing different sections never collide.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Section {
    Plan,
    ChildDevelopment,
    ParentingCapacity,
    FamilyEnvironment,
    Analysis,
}

vocab!(Section, "assessment section", [
    Section::Plan => ("plan", "Assessment plan"),
    Section::ChildDevelopment => ("child-development", "Child's developmental needs"),
    Section::ParentingCapacity => ("parenting-capacity", "Parenting capacity"),
    Section::FamilyEnvironment => ("family-environment", "Family and environmental factors"),
    Section::Analysis => ("analysis", "Analysis"),
]);

/// One text field of a section: its key in the saved body, its label and guidance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SectionField {
    pub name: String,
    pub label: String,
    pub hint: Option<&'static str>,
}

impl Section {
    /// The section's text fields in order: the plan's questions; for a domain, each dimension's
    /// `<dimension>.strengths` and `<dimension>.concerns`; for the analysis, `analysis`.
    pub fn fields(self) -> Vec<SectionField> {
        match self {
            Section::Plan => AssessmentPlan::default()
                .fields()
                .iter()
                .map(|(k, l, _)| SectionField { name: (*k).into(), label: (*l).into(), hint: None })
                .collect(),
            Section::Analysis => vec![SectionField {
                name: "analysis".into(),
                label: "Analysis".into(),
                hint: Some("What the information means for the child: needs, strengths, risks and their likely impact, and why you reached your conclusion. Write so the family can understand it."),
            }],
            s => s
                .domain()
                .map(TriangleDomain::dimensions)
                .unwrap_or_default()
                .iter()
                .flat_map(|d| {
                    [
                        SectionField { name: format!("{}.strengths", d.code), label: format!("{}: strengths", d.label), hint: Some(d.prompt) },
                        SectionField { name: format!("{}.concerns", d.code), label: format!("{}: concerns", d.label), hint: None },
                    ]
                })
                .collect(),
        }
    }

    /// The triangle domain this section records, if it is one.
    pub fn domain(self) -> Option<TriangleDomain> {
        match self {
            Section::ChildDevelopment => Some(TriangleDomain::ChildDevelopment),
            Section::ParentingCapacity => Some(TriangleDomain::ParentingCapacity),
            Section::FamilyEnvironment => Some(TriangleDomain::FamilyEnvironment),
            _ => None,
        }
    }
}

/// Where an assessment is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Status {
    InProgress,
    AwaitingAuthorisation,
    Authorised,
}

vocab!(Status, "assessment status", [
    Status::InProgress => ("in-progress", "In progress"),
    Status::AwaitingAuthorisation => ("awaiting-authorisation", "Submitted for authorisation"),
    Status::Authorised => ("authorised", "Authorised"),
]);
