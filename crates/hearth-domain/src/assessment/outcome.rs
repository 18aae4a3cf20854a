//! What the assessment concluded (seed 004): several outcomes may apply. The census reads it as
//! the child assessed as in need or not; closing after the assessment is RC8 (no further action)
//! or RC9 (referred to early help).

use crate::codes::ReasonForClosure;
use crate::errors::ValidationErrors;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AssessmentOutcome {
    NoFurtherAction,
    EarlyHelp,
    CinPlan,
    SpecialistAssessment,
    StrategyDiscussion,
    EmergencyAction,
}

impl AssessmentOutcome {
    /// A strategy discussion or emergency action: the manager records why when acting on it.
    pub fn needs_protection_reason(self) -> bool {
        matches!(
            self,
            AssessmentOutcome::StrategyDiscussion | AssessmentOutcome::EmergencyAction
        )
    }
}

vocab!(AssessmentOutcome, "assessment outcome", [
    AssessmentOutcome::NoFurtherAction => ("no-further-action", "No further action"),
    AssessmentOutcome::EarlyHelp => ("early-help", "Early help or universal services"),
    AssessmentOutcome::CinPlan => ("cin-plan", "Child in need plan"),
    AssessmentOutcome::SpecialistAssessment => ("specialist-assessment", "Specialist assessment"),
    AssessmentOutcome::StrategyDiscussion => ("strategy-discussion", "Strategy discussion (section 47)"),
    AssessmentOutcome::EmergencyAction => ("emergency-action", "Emergency action to protect the child"),
]);

impl AssessmentOutcome {
    /// Whether this outcome keeps children's social care involved.
    pub fn continues_involvement(self) -> bool {
        !matches!(
            self,
            AssessmentOutcome::NoFurtherAction | AssessmentOutcome::EarlyHelp
        )
    }
}

/// The outcome as recorded: what happens next and whether the child is in need.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutcomeDecision {
    pub outcomes: Vec<AssessmentOutcome>,
    pub in_need: bool,
}

impl OutcomeDecision {
    /// The census closure reason when the outcome ends involvement: RC9 if passed to early help,
    /// else RC8.
    pub fn closure_reason(&self) -> Option<ReasonForClosure> {
        if self.outcomes.iter().any(|o| o.continues_involvement()) {
            None
        } else if self.outcomes.contains(&AssessmentOutcome::EarlyHelp) {
            Some(ReasonForClosure::Rc9)
        } else {
            Some(ReasonForClosure::Rc8)
        }
    }

    /// The census meaning in words.
    pub fn census_meaning(&self) -> &'static str {
        census_meaning(self.in_need)
    }
}

/// What the census reads from the answer "was the child assessed as in need?".
pub fn census_meaning(in_need: bool) -> &'static str {
    if in_need {
        "The child was assessed as a child in need (Children Act 1989, section 17)"
    } else {
        "The child was assessed as not in need of services from children's social care"
    }
}

/// Parses the outcome codes and the in-need answer, checking they agree.
pub fn check_outcome(
    codes: &[String],
    in_need: Option<bool>,
) -> Result<OutcomeDecision, ValidationErrors> {
    let mut e = ValidationErrors::default();
    let mut outcomes = Vec::new();
    for c in codes.iter().map(|c| c.trim()).filter(|c| !c.is_empty()) {
        match AssessmentOutcome::parse(c) {
            Ok(o) if !outcomes.contains(&o) => outcomes.push(o),
            Ok(_) => {}
            Err(m) => e.add("outcomes", "unknown_code", m),
        }
    }
    check_rules(e, outcomes, in_need)
}

/// Checks outcomes already typed (as stored once submitted) and the in-need answer agree.
pub fn check_recorded_outcome(
    outcomes: &[AssessmentOutcome],
    in_need: Option<bool>,
) -> Result<OutcomeDecision, ValidationErrors> {
    check_rules(ValidationErrors::default(), outcomes.to_vec(), in_need)
}

fn check_rules(
    mut e: ValidationErrors,
    outcomes: Vec<AssessmentOutcome>,
    in_need: Option<bool>,
) -> Result<OutcomeDecision, ValidationErrors> {
    if outcomes.is_empty() && e.is_empty() {
        e.add(
            "outcomes",
            "required",
            "Choose at least one outcome of the assessment",
        );
    }
    let nfa = outcomes.contains(&AssessmentOutcome::NoFurtherAction);
    if nfa && outcomes.len() > 1 {
        e.add(
            "outcomes",
            "nfa_alone",
            "No further action cannot be chosen with another outcome",
        );
    }
    let needs_services = outcomes.iter().any(|o| {
        matches!(
            o,
            AssessmentOutcome::CinPlan
                | AssessmentOutcome::StrategyDiscussion
                | AssessmentOutcome::EmergencyAction
        )
    });
    let in_need = match in_need {
        Some(v) => v,
        None => {
            e.add(
                "in_need",
                "required",
                "Say whether the assessment found the child to be in need",
            );
            false
        }
    };
    if needs_services && !in_need {
        e.add("in_need", "outcome_needs_in_need", "A child in need plan, a strategy discussion or emergency action means the child was assessed as in need: answer yes, or change the outcome");
    }
    // Children Act 1989 s17(10)(c): a disabled child is a child in need, and may be well served
    // by early help or universal services; only "no further action" cannot follow a finding of
    // need.
    let serves_need =
        |o: &AssessmentOutcome| o.continues_involvement() || *o == AssessmentOutcome::EarlyHelp;
    if in_need && !outcomes.is_empty() && !outcomes.iter().any(serves_need) {
        e.add("in_need", "in_need_without_services", "A child assessed as in need needs an outcome that meets the need (a plan, a specialist assessment, early help or universal services, a strategy discussion or emergency action), not no further action alone");
    }
    e.into_result(OutcomeDecision { outcomes, in_need })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn closure_reasons_follow_the_outcome() {
        let nfa = check_outcome(&s(&["no-further-action"]), Some(false)).unwrap();
        assert_eq!(nfa.closure_reason(), Some(ReasonForClosure::Rc8));
        let eh = check_outcome(&s(&["early-help"]), Some(false)).unwrap();
        assert_eq!(eh.closure_reason(), Some(ReasonForClosure::Rc9));
        let plan = check_outcome(&s(&["cin-plan", "specialist-assessment"]), Some(true)).unwrap();
        assert_eq!(plan.closure_reason(), None);
    }

    // Children Act 1989 s17(10)(c): a child is in need if "he is disabled"; issue 12: "'in need'
    // may stand beside early help or universal services".
    #[test]
    fn a_child_in_need_may_be_served_by_early_help() {
        let d = check_outcome(&s(&["early-help"]), Some(true)).unwrap();
        assert!(d.in_need);
        assert_eq!(d.outcomes, vec![AssessmentOutcome::EarlyHelp]);
    }

    #[test]
    fn contradictions_are_refused() {
        let e = check_outcome(&s(&["no-further-action", "cin-plan"]), Some(true)).unwrap_err();
        assert_eq!(e.0[0].code, "nfa_alone");
        let e = check_outcome(&s(&["cin-plan"]), Some(false)).unwrap_err();
        assert_eq!(e.0[0].code, "outcome_needs_in_need");
        let e = check_outcome(&s(&["no-further-action"]), Some(true)).unwrap_err();
        assert_eq!(e.0[0].code, "in_need_without_services");
        assert_eq!(check_outcome(&[], None).unwrap_err().0.len(), 2);
    }
}
