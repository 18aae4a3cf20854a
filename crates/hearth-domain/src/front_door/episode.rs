//! The child's episode of need (census `CINdetails`): one open episode per child; a second
//! referral while one is open joins it; closure date and reason come together, never before the
//! referral; RC8 and RC9 need an assessment.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::codes::{PrimaryNeed, ReasonForClosure, ReferralSource};
use crate::errors::ValidationErrors;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Episode {
    pub referral_date: NaiveDate,
    pub source: ReferralSource,
    pub primary_need: PrimaryNeed,
    pub closed: Option<(NaiveDate, ReasonForClosure)>,
    /// Closed at referral with no further action (`ReferralNFA`).
    pub referral_nfa: bool,
}

/// What an accepted referral does to the child's episodes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EpisodeAction {
    /// Open a new episode.
    Open,
    /// Link the referral to the open episode at this index.
    JoinOpen(usize),
}

pub fn on_accepted_referral(episodes: &[Episode]) -> EpisodeAction {
    episodes
        .iter()
        .position(|e| e.closed.is_none())
        .map_or(EpisodeAction::Open, EpisodeAction::JoinOpen)
}

/// Checks closing an episode on `date` for `reason`.
pub fn check_closure(
    e: &Episode,
    date: NaiveDate,
    reason: ReasonForClosure,
    had_assessment: bool,
    today: NaiveDate,
) -> Result<(), ValidationErrors> {
    let mut errs = ValidationErrors::default();
    if e.closed.is_some() {
        errs.add(
            "closure_date",
            "already_closed",
            "This episode is already closed",
        );
    }
    if date < e.referral_date {
        errs.add(
            "closure_date",
            "before_referral",
            "An episode cannot close before its referral date",
        );
    }
    if date > today {
        errs.add(
            "closure_date",
            "future_date",
            "The closure date cannot be in the future",
        );
    }
    if matches!(reason, ReasonForClosure::Rc8 | ReasonForClosure::Rc9) && !had_assessment {
        errs.add(
            "reason",
            "needs_assessment",
            format!(
                "{} ({}) needs a completed assessment",
                reason.code(),
                reason.label()
            ),
        );
    }
    errs.into_result(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn open() -> Episode {
        Episode {
            referral_date: d("2026-10-01"),
            source: ReferralSource::S6,
            primary_need: PrimaryNeed::N1,
            closed: None,
            referral_nfa: false,
        }
    }

    #[test]
    fn one_open_episode_per_child() {
        let closed = Episode {
            closed: Some((d("2026-05-01"), ReasonForClosure::Rc7)),
            ..open()
        };
        assert_eq!(
            on_accepted_referral(std::slice::from_ref(&closed)),
            EpisodeAction::Open
        );
        assert_eq!(
            on_accepted_referral(&[closed, open()]),
            EpisodeAction::JoinOpen(1)
        );
    }

    #[test]
    fn closure_rules() {
        let today = d("2026-11-22");
        assert!(check_closure(
            &open(),
            d("2026-11-01"),
            ReasonForClosure::Rc7,
            false,
            today
        )
        .is_ok());
        assert_eq!(
            check_closure(
                &open(),
                d("2026-09-01"),
                ReasonForClosure::Rc7,
                false,
                today
            )
            .unwrap_err()
            .0[0]
                .code,
            "before_referral"
        );
        assert_eq!(
            check_closure(
                &open(),
                d("2026-11-01"),
                ReasonForClosure::Rc8,
                false,
                today
            )
            .unwrap_err()
            .0[0]
                .code,
            "needs_assessment"
        );
        assert!(
            check_closure(&open(), d("2026-11-01"), ReasonForClosure::Rc9, true, today).is_ok()
        );
    }
}
