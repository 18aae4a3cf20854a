//! The front door's state machines: a contact, a partner's referral form, a referral and the
//! child's episode of need. Each transition takes the current state and returns the new one, or
//! a [`WrongState`] saying why the action does not apply.

use crate::state::WrongState;

states!(
    /// A contact is screened once: open until its outcome is recorded.
    ContactState, "contact", {
        Open => ("open", "Open"),
        Concluded => ("concluded", "Concluded"),
    }
);

impl ContactState {
    /// Linking a child or recording what happened needs the contact still open.
    pub fn change(self) -> Result<ContactState, WrongState> {
        match self {
            ContactState::Open => Ok(ContactState::Open),
            ContactState::Concluded => Err(WrongState::new(
                self,
                "change",
                "This contact has been concluded; record a new contact instead",
            )),
        }
    }

    /// Recording the contact's outcome concludes it.
    pub fn conclude(self) -> Result<ContactState, WrongState> {
        match self {
            ContactState::Open => Ok(ContactState::Concluded),
            ContactState::Concluded => Err(WrongState::new(
                self,
                "conclude",
                "This contact has already been concluded",
            )),
        }
    }
}

states!(
    /// A partner's referral form: a draft its author edits, then sent (never edited again).
    ReferralFormState, "referral form", {
        Draft => ("draft", "Draft"),
        Submitted => ("submitted", "Sent"),
    }
);

impl ReferralFormState {
    pub fn edit(self) -> Result<ReferralFormState, WrongState> {
        match self {
            ReferralFormState::Draft => Ok(ReferralFormState::Draft),
            ReferralFormState::Submitted => Err(WrongState::new(
                self,
                "edit",
                "This referral has been sent, so it cannot be changed. Contact the front door to add information",
            )),
        }
    }

    pub fn submit(self) -> Result<ReferralFormState, WrongState> {
        match self {
            ReferralFormState::Draft => Ok(ReferralFormState::Submitted),
            ReferralFormState::Submitted => Err(WrongState::new(
                self,
                "submit",
                "This referral has already been sent",
            )),
        }
    }
}

states!(
    /// A referral awaits its decision (within one working day), then is decided once.
    ReferralState, "referral", {
        AwaitingDecision => ("awaiting-decision", "Awaiting decision"),
        Decided => ("decided", "Decided"),
    }
);

impl ReferralState {
    pub fn decide(self) -> Result<ReferralState, WrongState> {
        match self {
            ReferralState::AwaitingDecision => Ok(ReferralState::Decided),
            ReferralState::Decided => Err(WrongState::new(
                self,
                "decide",
                "This referral has already been decided",
            )),
        }
    }

    /// Whether the referral has led to an open episode's work (it was decided).
    pub fn is_decided(self) -> bool {
        self == ReferralState::Decided
    }
}

states!(
    /// The child's episode of need (census `CINdetails`): open until its closure date and reason.
    EpisodeState, "episode", {
        Open => ("open", "Open"),
        Closed => ("closed", "Closed"),
    }
);

impl EpisodeState {
    /// An episode's state follows from whether a closure date is recorded.
    pub fn of(closed: bool) -> EpisodeState {
        if closed {
            EpisodeState::Closed
        } else {
            EpisodeState::Open
        }
    }

    pub fn close(self) -> Result<EpisodeState, WrongState> {
        match self {
            EpisodeState::Open => Ok(EpisodeState::Closed),
            EpisodeState::Closed => Err(WrongState::new(
                self,
                "close",
                "This episode is already closed",
            )),
        }
    }

    /// Allocating a worker or starting an assessment needs an open episode.
    pub fn work(self) -> Result<EpisodeState, WrongState> {
        match self {
            EpisodeState::Open => Ok(EpisodeState::Open),
            EpisodeState::Closed => Err(WrongState::new(
                self,
                "work",
                "This episode is closed; a new referral opens a new episode",
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::State;

    #[test]
    fn a_contact_is_changed_and_concluded_only_while_open() {
        assert_eq!(ContactState::Open.change(), Ok(ContactState::Open));
        assert_eq!(ContactState::Open.conclude(), Ok(ContactState::Concluded));
        let e = ContactState::Concluded.conclude().unwrap_err();
        assert_eq!(
            (e.record, e.state, e.action),
            ("contact", "concluded", "conclude")
        );
        assert_eq!(e.message, "This contact has already been concluded");
        let e = ContactState::Concluded.change().unwrap_err();
        assert_eq!(e.action, "change");
        assert!(e.message.contains("record a new contact"));
    }

    #[test]
    fn a_referral_form_is_edited_and_sent_only_as_a_draft() {
        assert_eq!(
            ReferralFormState::Draft.edit(),
            Ok(ReferralFormState::Draft)
        );
        assert_eq!(
            ReferralFormState::Draft.submit(),
            Ok(ReferralFormState::Submitted)
        );
        let e = ReferralFormState::Submitted.edit().unwrap_err();
        assert_eq!((e.state, e.action), ("submitted", "edit"));
        let e = ReferralFormState::Submitted.submit().unwrap_err();
        assert_eq!(e.message, "This referral has already been sent");
    }

    #[test]
    fn a_referral_is_decided_once() {
        assert_eq!(
            ReferralState::AwaitingDecision.decide(),
            Ok(ReferralState::Decided)
        );
        let e = ReferralState::Decided.decide().unwrap_err();
        assert_eq!(
            (e.record, e.state, e.action),
            ("referral", "decided", "decide")
        );
        assert!(ReferralState::Decided.is_decided());
        assert!(!ReferralState::AwaitingDecision.is_decided());
    }

    #[test]
    fn an_episode_closes_once_and_is_worked_only_while_open() {
        assert_eq!(EpisodeState::of(false), EpisodeState::Open);
        assert_eq!(EpisodeState::of(true), EpisodeState::Closed);
        assert_eq!(EpisodeState::Open.close(), Ok(EpisodeState::Closed));
        assert_eq!(EpisodeState::Closed.close().unwrap_err().state, "closed");
        assert_eq!(EpisodeState::Open.work(), Ok(EpisodeState::Open));
        assert_eq!(EpisodeState::Closed.work().unwrap_err().action, "work");
    }

    #[test]
    fn every_state_code_reads_back() {
        for s in ContactState::ALL {
            assert_eq!(ContactState::from_code(s.code()), Some(*s));
        }
        for s in ReferralState::ALL {
            assert_eq!(ReferralState::from_code(s.code()), Some(*s));
        }
        for s in ReferralFormState::ALL {
            assert_eq!(ReferralFormState::from_code(s.code()), Some(*s));
        }
        assert_eq!(ReferralState::from_code("Decided"), None);
    }
}
