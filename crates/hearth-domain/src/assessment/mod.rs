//! The child and family assessment (Working Together 2023; seeds 000, 001 and 004): the plan, the
//! three domains of the assessment triangle, seeing the child, the census factors, outcomes, the
//! clocks each protocol sets and the manager's completion gate.

pub mod agency;
pub mod factors;
pub mod gate;
pub mod interpreter;
pub mod outcome;
pub mod plan;
pub mod seen_across;
pub mod stages;
pub mod states;
pub mod triangle;
pub mod visit;
pub mod withholding;

pub use agency::AgencyType;
pub use factors::{check_factors, Factor};
pub use gate::{
    check_gate, check_gate_evidence, gaps, parents_on_record, GateAnswer, GateEvidence, GateItem,
    VisitEvidence,
};
pub use interpreter::{check_interpreter_decision, InterpreterChoice};
pub use outcome::{check_outcome, check_recorded_outcome, AssessmentOutcome, OutcomeDecision};
pub use plan::{AssessmentPlan, Speaker, ViewKind};
pub use stages::{clocks_at_start, StartClock};
pub use triangle::{Dimension, TriangleDomain};
pub use visit::{check_visit, VisitRecord};

use crate::errors::ValidationErrors;
use crate::limits::check_narrative;

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

    /// Checks the length of each text typed into the section (`(key, text)` pairs, keys as in
    /// [`Section::fields`]): each is narrative, at most [`crate::limits::NARRATIVE`] characters.
    pub fn check_texts<'a>(
        self,
        texts: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<(), ValidationErrors> {
        let fields = self.fields();
        let mut e = ValidationErrors::default();
        for (key, text) in texts {
            let label = fields
                .iter()
                .find(|f| f.name == key)
                .map_or_else(|| key.to_string(), |f| f.label.clone());
            check_narrative(&mut e, key, &label, text.trim());
        }
        e.into_result(())
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

pub use states::AssessmentState;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn section_texts_are_narrative_and_name_their_label_and_limit() {
        let long = "a".repeat(20_001);
        let fits = "a".repeat(20_000);
        assert!(Section::Analysis
            .check_texts([("analysis", fits.as_str())])
            .is_ok());
        let e = Section::Analysis
            .check_texts([("analysis", long.as_str())])
            .unwrap_err();
        assert_eq!(e.0[0].field, "analysis");
        assert_eq!(e.0[0].message, "Analysis must be 20000 characters or fewer");
        let e = Section::Plan
            .check_texts([("who_will_be_seen", "Jo"), ("consent_how", long.as_str())])
            .unwrap_err();
        assert_eq!(e.0.len(), 1);
        assert_eq!(
            e.0[0].message,
            "How consent will be obtained must be 20000 characters or fewer"
        );
    }
}
