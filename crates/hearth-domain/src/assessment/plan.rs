//! The assessment plan (seed 004 §"planning the assessment") and the vocabularies for views and
//! wishes recorded in people's own words.

use serde::{Deserialize, Serialize};

/// Who will be seen, how and where, and how consent and information will be obtained. Every
/// field is free text the worker writes; blank means not yet planned.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(default, deny_unknown_fields)]
pub struct AssessmentPlan {
    /// Who will be seen: the child, siblings, parents (including fathers), carers, others.
    pub who_will_be_seen: String,
    /// In what groupings (alone, together) and where (home, school, office).
    pub groupings_and_places: String,
    /// Communication needs of the child and family (language, disability, age).
    pub communication_needs: String,
    /// Whether an interpreter is needed, and the decision with its reason.
    pub interpreter_decision: String,
    /// Whether an advocate is needed, and the decision with its reason.
    pub advocate_decision: String,
    /// Which agencies will be asked for information.
    pub agencies_to_ask: String,
    /// How the family's consent will be obtained (or why it is not needed).
    pub consent_how: String,
}

impl AssessmentPlan {
    /// The plan's fields with their labels, in order.
    pub fn fields(&self) -> [(&'static str, &'static str, &str); 7] {
        [
            (
                "who_will_be_seen",
                "Who will be seen",
                &self.who_will_be_seen,
            ),
            (
                "groupings_and_places",
                "In what groupings and where",
                &self.groupings_and_places,
            ),
            (
                "communication_needs",
                "Communication needs",
                &self.communication_needs,
            ),
            (
                "interpreter_decision",
                "Interpreter: decision and reason",
                &self.interpreter_decision,
            ),
            (
                "advocate_decision",
                "Advocate: decision and reason",
                &self.advocate_decision,
            ),
            (
                "agencies_to_ask",
                "Agencies to be asked for information",
                &self.agencies_to_ask,
            ),
            (
                "consent_how",
                "How consent will be obtained",
                &self.consent_how,
            ),
        ]
    }
}

/// Whose words these are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Speaker {
    Child,
    Mother,
    Father,
    ParentOrCarer,
    Sibling,
    OtherFamily,
}

vocab!(Speaker, "speaker", [
    Speaker::Child => ("child", "The child"),
    Speaker::Mother => ("mother", "Mother"),
    Speaker::Father => ("father", "Father"),
    Speaker::ParentOrCarer => ("parent-or-carer", "Another parent or carer"),
    Speaker::Sibling => ("sibling", "Brother or sister"),
    Speaker::OtherFamily => ("other-family", "Other family member"),
]);

impl Speaker {
    pub fn is_parent(self) -> bool {
        matches!(
            self,
            Speaker::Mother | Speaker::Father | Speaker::ParentOrCarer
        )
    }
}

/// What kind of entry: views and wishes, or (after the family has their copy) a disagreement
/// or a request to correct something. Entries are appended, never edited.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ViewKind {
    ViewsAndWishes,
    Disagreement,
    CorrectionRequest,
}

vocab!(ViewKind, "kind of entry", [
    ViewKind::ViewsAndWishes => ("views-and-wishes", "Views and wishes"),
    ViewKind::Disagreement => ("disagreement", "Disagreement with the assessment"),
    ViewKind::CorrectionRequest => ("correction-request", "Request to correct the record"),
]);
