//! The states of the child protection records: the section 47 enquiry, the conference and the
//! child protection plan, each with its transitions.

use crate::state::WrongState;

states!(
    /// A section 47 enquiry runs from the strategy discussion that started it until its outcome
    /// is recorded (Working Together 2018 ch.1, "Outcome of section 47 enquiries").
    EnquiryState, "section 47 enquiry", {
        Open => ("open", "Open"),
        Concluded => ("concluded", "Concluded"),
    }
);

impl EnquiryState {
    pub fn conclude(self) -> Result<EnquiryState, WrongState> {
        match self {
            EnquiryState::Open => Ok(EnquiryState::Concluded),
            EnquiryState::Concluded => Err(WrongState::new(
                self,
                "conclude",
                "The enquiry's outcome is already recorded; it is not recorded twice",
            )),
        }
    }
}

states!(
    /// A conference is arranged, then held once with its decision recorded.
    ConferenceState, "child protection conference", {
        Arranged => ("arranged", "Arranged"),
        Held => ("held", "Held"),
        Cancelled => ("cancelled", "Not needed: the plan ended"),
    }
);

impl ConferenceState {
    pub fn hold(self) -> Result<ConferenceState, WrongState> {
        match self {
            ConferenceState::Arranged => Ok(ConferenceState::Held),
            ConferenceState::Held => Err(WrongState::new(
                self,
                "hold",
                "The conference has been held and its decision recorded; a decision is never changed, arrange a review instead",
            )),
            ConferenceState::Cancelled => Err(WrongState::new(
                self,
                "hold",
                "The plan this conference was to review has ended",
            )),
        }
    }

    /// A review still arranged when its plan ends is not needed.
    pub fn cancel(self) -> Result<ConferenceState, WrongState> {
        match self {
            ConferenceState::Arranged => Ok(ConferenceState::Cancelled),
            other => Err(WrongState::new(
                other,
                "cancel",
                "Only a conference still arranged can be called off",
            )),
        }
    }

    /// Invitations, reports and the date change only before the conference is held.
    pub fn prepare(self) -> Result<ConferenceState, WrongState> {
        match self {
            ConferenceState::Arranged => Ok(ConferenceState::Arranged),
            ConferenceState::Held | ConferenceState::Cancelled => Err(WrongState::new(
                self,
                "prepare",
                "The conference has been held or called off; its invitations and reports are part of the record now",
            )),
        }
    }
}

states!(
    /// A child protection plan is open from its initial conference until it is discontinued.
    CpPlanState, "child protection plan", {
        Open => ("open", "Open"),
        Ended => ("ended", "Ended"),
    }
);

impl CpPlanState {
    /// Core groups, visits, reviews and amendments happen while the plan is open.
    pub fn work(self) -> Result<CpPlanState, WrongState> {
        match self {
            CpPlanState::Open => Ok(CpPlanState::Open),
            CpPlanState::Ended => Err(WrongState::new(
                self,
                "work",
                "The child protection plan has ended; nothing more is recorded against it",
            )),
        }
    }

    pub fn end(self) -> Result<CpPlanState, WrongState> {
        match self {
            CpPlanState::Open => Ok(CpPlanState::Ended),
            CpPlanState::Ended => Err(WrongState::new(
                self,
                "end",
                "The child protection plan has already ended",
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_record_moves_forward_once() {
        assert_eq!(EnquiryState::Open.conclude(), Ok(EnquiryState::Concluded));
        assert_eq!(
            EnquiryState::Concluded.conclude().unwrap_err().state,
            "concluded"
        );
        assert_eq!(ConferenceState::Arranged.hold(), Ok(ConferenceState::Held));
        assert_eq!(ConferenceState::Held.hold().unwrap_err().action, "hold");
        assert_eq!(
            ConferenceState::Held.prepare().unwrap_err().action,
            "prepare"
        );
        assert_eq!(CpPlanState::Open.end(), Ok(CpPlanState::Ended));
        assert_eq!(
            CpPlanState::Ended.work().unwrap_err().record,
            "child protection plan"
        );
        assert_eq!(CpPlanState::Ended.end().unwrap_err().state, "ended");
    }
}
