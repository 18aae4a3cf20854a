//! The child in need plan's state, stored as `to-be-agreed`, `open` or `ended` (the `cin_plans`
//! table's codes). The state machine is [`CinPlanState`], declared with the assessment that opens
//! the plan: `agree` (to be agreed → open, at the planning meeting) and `end` (open or to be
//! agreed → ended). This file adds the transitions of the plan's own work:
//!
//! - `draft`: the first version is written while the plan is to be agreed;
//! - `work`: visits, child in need meetings and reviews are recorded while it is open;
//! - `amend`: a new version is made only while it is open (seed 003 §3: "minor amendment, as
//!   necessary, of the Child in Need Plan");
//! - `set_aside`: a plan never agreed ends as not needed (the family withdrew their consent
//!   before the planning meeting, or a child protection plan started first: seed 001, "Where
//!   children are in care or subject to a Child Protection plan, any Child In Need plan should
//!   be ended"). Its reason is checked by [`crate::cin::closure::check_set_aside`]; an open plan
//!   ends only through [`crate::cin::closure::check_plan_end`], with its approvals.

pub use crate::assessment::states::CinPlanState;
use crate::state::WrongState;

const ENDED: &str = "The child in need plan has ended; nothing more is recorded against it";

impl CinPlanState {
    /// Writing the first version, before the planning meeting agrees it.
    pub fn draft(self) -> Result<CinPlanState, WrongState> {
        match self {
            CinPlanState::ToBeAgreed => Ok(CinPlanState::ToBeAgreed),
            CinPlanState::Open => Err(WrongState::new(
                self,
                "draft",
                "The plan has been agreed: change it by an amendment, with the reason",
            )),
            CinPlanState::Ended => Err(WrongState::new(self, "draft", ENDED)),
        }
    }

    /// Recording a visit, a child in need meeting or a review.
    pub fn work(self) -> Result<CinPlanState, WrongState> {
        match self {
            CinPlanState::Open => Ok(CinPlanState::Open),
            CinPlanState::ToBeAgreed => Err(WrongState::new(
                self,
                "work",
                "The plan has not been agreed yet: record the planning meeting first",
            )),
            CinPlanState::Ended => Err(WrongState::new(self, "work", ENDED)),
        }
    }

    /// Making a new version of an agreed plan.
    pub fn amend(self) -> Result<CinPlanState, WrongState> {
        match self {
            CinPlanState::Open => Ok(CinPlanState::Open),
            CinPlanState::ToBeAgreed => Err(WrongState::new(
                self,
                "amend",
                "The plan has not been agreed yet: change the draft, then agree it at the planning meeting",
            )),
            CinPlanState::Ended => Err(WrongState::new(self, "amend", ENDED)),
        }
    }

    /// Ending a plan that was never agreed, as not needed.
    pub fn set_aside(self) -> Result<CinPlanState, WrongState> {
        match self {
            CinPlanState::ToBeAgreed => Ok(CinPlanState::Ended),
            CinPlanState::Open => Err(WrongState::new(
                self,
                "set-aside",
                "The plan is open: end it with a meeting or review with the family, the reasons and the manager's approval",
            )),
            CinPlanState::Ended => Err(WrongState::new(
                self,
                "set-aside",
                "This child in need plan has already ended",
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_match_the_stored_states() {
        let codes: Vec<&str> = [
            CinPlanState::ToBeAgreed,
            CinPlanState::Open,
            CinPlanState::Ended,
        ]
        .iter()
        .map(|s| s.code())
        .collect();
        assert_eq!(codes, ["to-be-agreed", "open", "ended"]);
    }

    #[test]
    fn a_plan_is_drafted_then_agreed_then_worked_and_amended() {
        use CinPlanState::*;
        assert_eq!(ToBeAgreed.draft(), Ok(ToBeAgreed));
        assert_eq!(ToBeAgreed.agree(), Ok(Open));
        assert_eq!(Open.work(), Ok(Open));
        assert_eq!(Open.amend(), Ok(Open));
        assert_eq!(Open.end(), Ok(Ended));
        assert_eq!(Open.draft().unwrap_err().action, "draft");
        assert!(ToBeAgreed
            .work()
            .unwrap_err()
            .message
            .contains("planning meeting"));
        assert_eq!(ToBeAgreed.amend().unwrap_err().state, "to-be-agreed");
        assert_eq!(Ended.work().unwrap_err().message, ENDED);
        assert_eq!(Ended.amend().unwrap_err().record, "child in need plan");
        assert_eq!(Ended.draft().unwrap_err().state, "ended");
    }

    #[test]
    fn only_a_plan_never_agreed_is_set_aside() {
        use CinPlanState::*;
        assert_eq!(ToBeAgreed.set_aside(), Ok(Ended));
        assert_eq!(Open.set_aside().unwrap_err().action, "set-aside");
        assert_eq!(Ended.set_aside().unwrap_err().state, "ended");
    }
}
