//! The interpreter decision (seed 004 Blackpool): "Where a child or parent speaks a language
//! other than that spoken by the social worker ... an interpreter should be provided. Any
//! decision not to use an interpreter in such circumstances must be approved by the Team Manager
//! and recorded."

use crate::errors::ValidationErrors;
use crate::limits::check_narrative;
use crate::role::Role;

/// What was decided about an interpreter for the assessment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum InterpreterChoice {
    /// Nobody needs one (e.g. the family and the social worker share a language).
    NotNeeded,
    /// One is needed and is used.
    Used,
    /// One is needed but will not be used: only a team manager may decide this.
    NotUsed,
}

vocab!(InterpreterChoice, "interpreter decision", [
    InterpreterChoice::NotNeeded => ("not-needed", "No interpreter is needed"),
    InterpreterChoice::Used => ("used", "An interpreter is needed and is used"),
    InterpreterChoice::NotUsed => ("not-used", "An interpreter is needed but will not be used (a team manager's decision)"),
]);

/// Checks a decision made by someone in `by`'s role. `record_says_needed` is whether the child's
/// or a parent's record says an interpreter is needed. A decision not to use one is a team
/// manager's, with reasons; a decision that none is needed has its reason too, and cannot stand
/// against a record that says one is.
pub fn check_interpreter_decision(
    choice: InterpreterChoice,
    reasons: &str,
    by: Role,
    record_says_needed: bool,
) -> Result<(), ValidationErrors> {
    let mut e = ValidationErrors::default();
    let reasons = reasons.trim();
    if choice == InterpreterChoice::NotUsed && !by.is_manager() {
        e.add(
            "choice",
            "manager_approval_required",
            "A decision not to use an interpreter when one is needed must be approved by a team manager and recorded by them (seed 004)",
        );
    }
    if choice == InterpreterChoice::NotNeeded && record_says_needed {
        e.add(
            "choice",
            "interpreter_needed",
            "The child's or a parent's record says an interpreter is needed: record that one is used, or a team manager's decision not to use one",
        );
    }
    if choice != InterpreterChoice::Used && reasons.is_empty() {
        e.add("reasons", "required", "Record the reasons for the decision");
    }
    check_narrative(&mut e, "reasons", "The reasons", reasons);
    e.into_result(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Seed 004 Blackpool: "Any decision not to use an interpreter in such circumstances must be
    /// approved by the Team Manager and recorded."
    #[test]
    fn not_using_a_needed_interpreter_is_a_team_managers_decision_with_reasons() {
        use InterpreterChoice::*;
        let e = check_interpreter_decision(
            NotUsed,
            "Family prefer their son to interpret",
            Role::SocialWorker,
            true,
        )
        .unwrap_err();
        assert_eq!(
            (e.0[0].field.as_str(), e.0[0].code),
            ("choice", "manager_approval_required")
        );
        assert!(check_interpreter_decision(
            NotUsed,
            "Urgent visit; telephone interpreter booked for the next",
            Role::TeamManager,
            true
        )
        .is_ok());
        let e = check_interpreter_decision(NotUsed, "  ", Role::TeamManager, true).unwrap_err();
        assert_eq!(
            (e.0[0].field.as_str(), e.0[0].code),
            ("reasons", "required")
        );
        // Using one is anyone's decision.
        assert!(check_interpreter_decision(Used, "", Role::SocialWorker, true).is_ok());
    }

    /// Seed 004: "Where a child or parent speaks a language other than that spoken by the social
    /// worker ... an interpreter should be provided." When the record says one is needed, "not
    /// needed" cannot be recorded instead of a manager's decision.
    #[test]
    fn not_needed_cannot_stand_against_a_record_that_says_one_is() {
        use InterpreterChoice::*;
        assert!(check_interpreter_decision(
            NotNeeded,
            "Family speak English at home",
            Role::SocialWorker,
            false
        )
        .is_ok());
        let e = check_interpreter_decision(
            NotNeeded,
            "Family speak English at home",
            Role::TeamManager,
            true,
        )
        .unwrap_err();
        assert_eq!(
            (e.0[0].field.as_str(), e.0[0].code),
            ("choice", "interpreter_needed")
        );
    }
}
