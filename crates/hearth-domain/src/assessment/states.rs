//! The assessment's state machine, and the follow-on records it opens (a child in need plan to
//! agree, a strategy discussion to hold). Each transition takes the current state and returns
//! the new one, or a [`WrongState`] saying why the action does not apply.

use crate::state::WrongState;

states!(
    /// Where an assessment is in its life: written by the social worker, submitted to a
    /// manager, authorised (then its outcome is acted on once).
    AssessmentState, "assessment", {
        InProgress => ("in-progress", "In progress"),
        AwaitingAuthorisation => ("awaiting-authorisation", "Submitted for authorisation"),
        Authorised => ("authorised", "Authorised"),
    }
);

impl AssessmentState {
    /// Whether the social worker may still change the record.
    pub fn is_editable(self) -> bool {
        self == AssessmentState::InProgress
    }

    /// Whether the assessment is still open (not yet authorised).
    pub fn is_open(self) -> bool {
        self != AssessmentState::Authorised
    }

    /// Changing a section, a visit, an agency request or the first stage.
    pub fn edit(self) -> Result<AssessmentState, WrongState> {
        match self {
            AssessmentState::InProgress => Ok(self),
            AssessmentState::AwaitingAuthorisation => Err(WrongState::new(
                self,
                "edit",
                "The assessment has been submitted for authorisation, so it cannot be changed now. A manager can return it for more work.",
            )),
            AssessmentState::Authorised => Err(WrongState::new(
                self,
                "edit",
                "The assessment is authorised and cannot be changed. Record any disagreement or correction request as a view.",
            )),
        }
    }

    /// The social worker submits the completed assessment to a manager.
    pub fn submit(self) -> Result<AssessmentState, WrongState> {
        match self {
            AssessmentState::InProgress => Ok(AssessmentState::AwaitingAuthorisation),
            AssessmentState::AwaitingAuthorisation => Err(WrongState::new(
                self,
                "submit",
                "This assessment has already been submitted for authorisation",
            )),
            AssessmentState::Authorised => Err(WrongState::new(
                self,
                "submit",
                "The assessment is authorised and cannot be changed. Record any disagreement or correction request as a view.",
            )),
        }
    }

    /// A manager returns a submitted assessment for more work.
    pub fn return_for_work(self) -> Result<AssessmentState, WrongState> {
        match self {
            AssessmentState::AwaitingAuthorisation => Ok(AssessmentState::InProgress),
            AssessmentState::InProgress => Err(WrongState::new(
                self,
                "return",
                "The assessment is still being written: only a submitted assessment can be returned",
            )),
            AssessmentState::Authorised => Err(WrongState::new(
                self,
                "return",
                "The assessment is authorised and cannot be returned. Record any disagreement or correction request as a view.",
            )),
        }
    }

    /// A manager authorises a submitted assessment.
    pub fn authorise(self) -> Result<AssessmentState, WrongState> {
        match self {
            AssessmentState::AwaitingAuthorisation => Ok(AssessmentState::Authorised),
            AssessmentState::InProgress => Err(WrongState::new(
                self,
                "authorise",
                "The social worker has not yet submitted this assessment for authorisation",
            )),
            AssessmentState::Authorised => Err(WrongState::new(
                self,
                "authorise",
                "This assessment is already authorised",
            )),
        }
    }

    /// Acting on the outcome (closing, stepping down, opening a plan or a strategy discussion)
    /// needs an authorised assessment whose outcome has not yet been acted on.
    pub fn act_on(self, already_acted: bool) -> Result<AssessmentState, WrongState> {
        match self {
            AssessmentState::Authorised if !already_acted => Ok(self),
            AssessmentState::Authorised => Err(WrongState::new(
                self,
                "act",
                "This assessment's outcome has already been acted on",
            )),
            _ => Err(WrongState::new(
                self,
                "act",
                "The outcome can be acted on once a manager has authorised the assessment",
            )),
        }
    }
}

states!(
    /// A child in need plan opened from an assessment: to be agreed at the planning meeting,
    /// open while it runs, ended at step-down or closure.
    CinPlanState, "child in need plan", {
        ToBeAgreed => ("to-be-agreed", "To be agreed"),
        Open => ("open", "Open"),
        Ended => ("ended", "Ended"),
    }
);

impl CinPlanState {
    pub fn agree(self) -> Result<CinPlanState, WrongState> {
        match self {
            CinPlanState::ToBeAgreed => Ok(CinPlanState::Open),
            _ => Err(WrongState::new(
                self,
                "agree",
                "This child in need plan has already been agreed",
            )),
        }
    }

    pub fn end(self) -> Result<CinPlanState, WrongState> {
        match self {
            CinPlanState::Ended => Err(WrongState::new(
                self,
                "end",
                "This child in need plan has already ended",
            )),
            _ => Ok(CinPlanState::Ended),
        }
    }
}

states!(
    /// A strategy discussion requested by an assessment's outcome: to be held, then held.
    StrategyDiscussionState, "strategy discussion", {
        ToBeHeld => ("to-be-held", "To be held"),
        Held => ("held", "Held"),
    }
);

impl StrategyDiscussionState {
    pub fn hold(self) -> Result<StrategyDiscussionState, WrongState> {
        match self {
            StrategyDiscussionState::ToBeHeld => Ok(StrategyDiscussionState::Held),
            StrategyDiscussionState::Held => Err(WrongState::new(
                self,
                "hold",
                "This strategy discussion has already been recorded as held",
            )),
        }
    }
}

/// Work an assessment's outcome opened, with its state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "kind", content = "status", rename_all = "kebab-case")]
pub enum FollowOnWork {
    CinPlan(CinPlanState),
    StrategyDiscussion(StrategyDiscussionState),
}

impl FollowOnWork {
    /// The stored kind codes, as the store's codec reads them.
    pub const CIN_PLAN: &'static str = "cin-plan";
    pub const STRATEGY_DISCUSSION: &'static str = "strategy-discussion";

    /// Reads a stored kind and state back; `None` for codes outside both sets.
    pub fn from_codes(kind: &str, state: &str) -> Option<FollowOnWork> {
        use crate::state::State;
        match kind {
            Self::CIN_PLAN => CinPlanState::from_code(state).map(FollowOnWork::CinPlan),
            Self::STRATEGY_DISCUSSION => {
                StrategyDiscussionState::from_code(state).map(FollowOnWork::StrategyDiscussion)
            }
            _ => None,
        }
    }

    /// What it is and where it stands, in words.
    pub fn describe(self) -> String {
        match self {
            FollowOnWork::CinPlan(s) => format!("Child in need plan {}", s.label().to_lowercase()),
            FollowOnWork::StrategyDiscussion(s) => {
                format!("Strategy discussion {}", s.label().to_lowercase())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::AssessmentState as S;
    use super::*;

    #[test]
    fn an_assessment_is_edited_only_while_in_progress() {
        assert_eq!(S::InProgress.edit(), Ok(S::InProgress));
        let e = S::AwaitingAuthorisation.edit().unwrap_err();
        assert_eq!(
            (e.record, e.state, e.action),
            ("assessment", "awaiting-authorisation", "edit")
        );
        assert!(e.message.contains("A manager can return it"));
        let e = S::Authorised.edit().unwrap_err();
        assert_eq!(e.state, "authorised");
        assert!(e.message.contains("Record any disagreement"));
        assert!(S::InProgress.is_editable() && !S::Authorised.is_editable());
        assert!(S::AwaitingAuthorisation.is_open() && !S::Authorised.is_open());
    }

    #[test]
    fn submitting_moves_to_awaiting_authorisation_once() {
        assert_eq!(S::InProgress.submit(), Ok(S::AwaitingAuthorisation));
        let e = S::AwaitingAuthorisation.submit().unwrap_err();
        assert_eq!(e.action, "submit");
        assert_eq!(
            e.message,
            "This assessment has already been submitted for authorisation"
        );
        assert_eq!(S::Authorised.submit().unwrap_err().state, "authorised");
    }

    #[test]
    fn only_a_submitted_assessment_is_returned() {
        assert_eq!(
            S::AwaitingAuthorisation.return_for_work(),
            Ok(S::InProgress)
        );
        let e = S::InProgress.return_for_work().unwrap_err();
        assert_eq!((e.state, e.action), ("in-progress", "return"));
        assert!(e
            .message
            .contains("only a submitted assessment can be returned"));
        assert_eq!(
            S::Authorised.return_for_work().unwrap_err().state,
            "authorised"
        );
    }

    #[test]
    fn only_a_submitted_assessment_is_authorised_and_only_once() {
        assert_eq!(S::AwaitingAuthorisation.authorise(), Ok(S::Authorised));
        assert_eq!(
            S::InProgress.authorise().unwrap_err().message,
            "The social worker has not yet submitted this assessment for authorisation"
        );
        assert_eq!(
            S::Authorised.authorise().unwrap_err().message,
            "This assessment is already authorised"
        );
    }

    #[test]
    fn the_outcome_is_acted_on_once_after_authorisation() {
        assert_eq!(S::Authorised.act_on(false), Ok(S::Authorised));
        assert_eq!(
            S::Authorised.act_on(true).unwrap_err().message,
            "This assessment's outcome has already been acted on"
        );
        assert_eq!(S::InProgress.act_on(false).unwrap_err().action, "act");
        assert_eq!(
            S::AwaitingAuthorisation.act_on(false).unwrap_err().state,
            "awaiting-authorisation"
        );
    }

    #[test]
    fn follow_on_work_reads_back_and_describes_itself() {
        let w = FollowOnWork::from_codes("cin-plan", "to-be-agreed").unwrap();
        assert_eq!(w, FollowOnWork::CinPlan(CinPlanState::ToBeAgreed));
        assert_eq!(w.describe(), "Child in need plan to be agreed");
        assert_eq!(
            serde_json::to_value(w).unwrap(),
            serde_json::json!({"kind": "cin-plan", "status": "to-be-agreed"})
        );
        assert_eq!(FollowOnWork::from_codes("cin-plan", "held"), None);
        assert_eq!(
            FollowOnWork::from_codes("strategy-discussion", "to-be-held")
                .unwrap()
                .describe(),
            "Strategy discussion to be held"
        );
    }

    #[test]
    fn plans_and_discussions_move_forward_only() {
        assert_eq!(CinPlanState::ToBeAgreed.agree(), Ok(CinPlanState::Open));
        assert_eq!(CinPlanState::Open.agree().unwrap_err().action, "agree");
        assert_eq!(CinPlanState::Open.end(), Ok(CinPlanState::Ended));
        assert_eq!(CinPlanState::ToBeAgreed.end(), Ok(CinPlanState::Ended));
        assert_eq!(CinPlanState::Ended.end().unwrap_err().state, "ended");
        assert_eq!(
            StrategyDiscussionState::ToBeHeld.hold(),
            Ok(StrategyDiscussionState::Held)
        );
        assert_eq!(
            StrategyDiscussionState::Held.hold().unwrap_err().record,
            "strategy discussion"
        );
    }
}
