//! The referral decision within one working day: outcomes (several may apply), the threshold level
//! chosen with its rationale (the system supports judgement, it never decides), who decided, and
//! feedback to the referrer, which a no-further-action decision cannot go without.

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::errors::ValidationErrors;
use crate::ids::UserId;
use crate::limits::check_narrative;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ReferralOutcome {
    ImmediateProtection,
    /// Child and family assessment under section 17.
    Assessment,
    /// Strategy discussion (section 47).
    StrategyDiscussion,
    Services,
    SpecialistAssessment,
    /// The child accommodated under section 20 of the Children Act 1989.
    #[serde(rename = "accommodation-s20")]
    Accommodation,
    /// Legal action (e.g. an application for an emergency protection or care order).
    LegalAction,
    /// Passed to another agency better placed to help (named in the decision).
    ReferToOtherAgency,
    /// No further action, with signposting.
    NoFurtherAction,
}

impl ReferralOutcome {
    /// Whether children's social care does nothing more: no further action, or passing the
    /// referral to another agency. A decision made only of these closes the episode it opens
    /// (census RC7, "referral resulting in no further action").
    pub fn ends_at_referral(self) -> bool {
        matches!(
            self,
            ReferralOutcome::NoFurtherAction | ReferralOutcome::ReferToOtherAgency
        )
    }

    /// Whether the outcome opens a strategy discussion to be held: asked for, or after
    /// immediate protection (Working Together 2018 ch.1: "Where a single agency has to act
    /// immediately, a strategy discussion should take place as soon as possible after action has
    /// been taken").
    pub fn opens_strategy_discussion(self) -> bool {
        matches!(
            self,
            ReferralOutcome::StrategyDiscussion | ReferralOutcome::ImmediateProtection
        )
    }

    /// Whether a decision with this outcome asks for an assessment (a child and family or
    /// specialist assessment, or a strategy discussion, which may start one).
    pub fn asks_for_assessment(self) -> bool {
        matches!(
            self,
            ReferralOutcome::Assessment
                | ReferralOutcome::SpecialistAssessment
                | ReferralOutcome::StrategyDiscussion
        )
    }
}

/// The levels of concern in the threshold guidance (seed 000 §2.5–2.7).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ThresholdLevel {
    Concerns,
    Moderate,
    Serious,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReferralDecision {
    pub referral_date: NaiveDate,
    pub decided_on: NaiveDate,
    pub decided_by: UserId,
    pub outcomes: Vec<ReferralOutcome>,
    pub threshold: Option<ThresholdLevel>,
    pub rationale: String,
    /// What the referrer was told.
    pub feedback_to_referrer: Option<String>,
    /// The agency the referral is passed to, for "refer to another agency".
    pub referred_to: Option<String>,
    /// What was done at once, for "immediate protection".
    pub protective_action: Option<crate::protection::strategy::ProtectiveAction>,
}

/// Checks a decision before it is recorded; every problem is reported.
pub fn check_decision(d: &ReferralDecision, today: NaiveDate) -> Result<(), ValidationErrors> {
    use ReferralOutcome::*;
    let mut e = ValidationErrors::default();
    if d.referral_date > today {
        e.add(
            "referral_date",
            "future_date",
            "The referral date cannot be in the future",
        );
    }
    if d.decided_on < d.referral_date {
        e.add(
            "decided_on",
            "before_referral",
            "The decision cannot be dated before the referral",
        );
    }
    if d.decided_on > today {
        e.add(
            "decided_on",
            "future_date",
            "The decision cannot be dated in the future",
        );
    }
    if d.outcomes.is_empty() {
        e.add("outcomes", "required", "Choose at least one outcome");
    }
    if d.outcomes.contains(&NoFurtherAction) && d.outcomes.len() > 1 {
        e.add(
            "outcomes",
            "nfa_stands_alone",
            "No further action cannot be chosen with another outcome",
        );
    }
    if d.rationale.trim().is_empty() {
        e.add(
            "rationale",
            "required",
            "Record the reasons for the decision",
        );
    }
    check_narrative(&mut e, "rationale", "The rationale", d.rationale.trim());
    if d.threshold.is_none() {
        e.add(
            "threshold",
            "required",
            "Record the level of concern you judged, with your rationale",
        );
    }
    let feedback = d
        .feedback_to_referrer
        .as_deref()
        .map(str::trim)
        .unwrap_or("");
    // Working Together 2018 ch.1 para 22: "Feedback should be given by local authority
    // children's social care to the referrer on the decisions taken"; para 78: "Inform the
    // referrer of what action has been or will be taken". Every decision, not only no further
    // action.
    if feedback.is_empty() {
        let why = if d.outcomes.iter().any(|o| o.ends_at_referral()) {
            "Record the feedback given to the referrer: the decision, why the case does not meet the threshold for children's social care, and where else to find support (Working Together 2018 ch.1 para 22)"
        } else {
            "Record the feedback given to the referrer: the decision and what happens next (Working Together 2018 ch.1 para 22; if the referrer is anonymous, say so)"
        };
        e.add("feedback_to_referrer", "required", why);
    }
    let referred_to = d.referred_to.as_deref().map(str::trim).unwrap_or("");
    if d.outcomes.contains(&ReferToOtherAgency) && referred_to.is_empty() {
        e.add(
            "referred_to",
            "required",
            "Name the agency the referral is passed to",
        );
    }
    check_narrative(&mut e, "referred_to", "The agency", referred_to);
    match (&d.protective_action, d.outcomes.contains(&ImmediateProtection)) {
        (None, true) => e.add(
            "protective_action.kind",
            "required",
            "Record the protective action taken (police protection, an emergency protection order, accommodation by agreement or a safety plan) and when",
        ),
        (Some(_), false) => e.add(
            "protective_action.kind",
            "not_immediate_protection",
            "A protective action is recorded with the outcome 'immediate protection'",
        ),
        (Some(a), true) => {
            if let Err(more) =
                crate::protection::strategy::check_protective_action(a, d.referral_date, today)
            {
                e.0.extend(more.0);
            }
        }
        (None, false) => {}
    }
    check_narrative(
        &mut e,
        "feedback_to_referrer",
        "The feedback to the referrer",
        feedback,
    );
    e.into_result(())
}

/// A referral within 12 months of a previous one is a re-referral (census and KPI definition).
pub fn is_re_referral(referral_date: NaiveDate, previous: &[NaiveDate]) -> bool {
    let Some(window_start) = referral_date.checked_sub_months(Months::new(12)) else {
        return false;
    };
    previous
        .iter()
        .any(|p| *p < referral_date && *p >= window_start)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn decision() -> ReferralDecision {
        ReferralDecision {
            referral_date: d("2026-11-19"),
            decided_on: d("2026-11-20"),
            decided_by: UserId::new(),
            outcomes: vec![ReferralOutcome::Assessment],
            threshold: Some(ThresholdLevel::Moderate),
            rationale: "Repeated neglect concerns from school".into(),
            feedback_to_referrer: Some("Thank you; an assessment will start".into()),
            referred_to: None,
            protective_action: None,
        }
    }

    #[test]
    fn a_decision_needs_rationale_and_nfa_needs_feedback() {
        let today = d("2026-11-22");
        assert!(check_decision(&decision(), today).is_ok());
        let mut no_reason = decision();
        no_reason.rationale = "  ".into();
        assert_eq!(
            check_decision(&no_reason, today).unwrap_err().0[0].field,
            "rationale"
        );
        let mut nfa = decision();
        nfa.outcomes = vec![ReferralOutcome::NoFurtherAction];
        nfa.feedback_to_referrer = None;
        assert_eq!(
            check_decision(&nfa, today).unwrap_err().0[0].field,
            "feedback_to_referrer"
        );
        nfa.feedback_to_referrer = Some("Signposted to the family hub".into());
        assert!(check_decision(&nfa, today).is_ok());
        nfa.outcomes.push(ReferralOutcome::Services);
        assert_eq!(
            check_decision(&nfa, today).unwrap_err().0[0].code,
            "nfa_stands_alone"
        );
    }

    // Working Together 2018 ch.1 para 22: "Feedback should be given by local authority children's
    // social care to the referrer on the decisions taken" — on every decision, not only NFA.
    #[test]
    fn every_decision_gives_the_referrer_feedback() {
        let today = d("2026-11-22");
        for outcome in ReferralOutcome::ALL {
            let mut x = decision();
            x.outcomes = vec![*outcome];
            x.feedback_to_referrer = Some("   ".into());
            let e = check_decision(&x, today).unwrap_err();
            assert!(
                e.for_field("feedback_to_referrer").is_some(),
                "{outcome:?} went without feedback"
            );
        }
    }

    #[test]
    fn passing_to_another_agency_names_it_and_ends_at_referral() {
        let today = d("2026-11-22");
        let mut x = decision();
        x.outcomes = vec![ReferralOutcome::ReferToOtherAgency];
        assert_eq!(
            check_decision(&x, today).unwrap_err().0[0].field,
            "referred_to"
        );
        x.referred_to = Some("Community mental health team".into());
        assert!(check_decision(&x, today).is_ok());
        assert!(ReferralOutcome::ReferToOtherAgency.ends_at_referral());
        assert!(!ReferralOutcome::Accommodation.ends_at_referral());
        assert!(!ReferralOutcome::LegalAction.ends_at_referral());
    }

    // Working Together 2018 ch.1 para 74: "For children who are in need of immediate protection,
    // action must be taken … as soon as possible after the referral"; "Where a single agency has
    // to act immediately, a strategy discussion should take place as soon as possible after
    // action has been taken".
    #[test]
    fn immediate_protection_records_the_action_and_opens_a_discussion() {
        use crate::protection::strategy::{ProtectiveAction, ProtectiveActionKind};
        let today = d("2026-11-22");
        let mut x = decision();
        x.outcomes = vec![ReferralOutcome::ImmediateProtection];
        assert_eq!(
            check_decision(&x, today).unwrap_err().0[0].field,
            "protective_action.kind"
        );
        x.protective_action = Some(ProtectiveAction {
            kind: ProtectiveActionKind::EmergencyProtectionOrder,
            taken_on: d("2026-11-20"),
            detail: "EPO granted; child placed with foster carers".into(),
        });
        assert!(check_decision(&x, today).is_ok());
        assert!(ReferralOutcome::ImmediateProtection.opens_strategy_discussion());
        assert!(ReferralOutcome::StrategyDiscussion.opens_strategy_discussion());
        assert!(!ReferralOutcome::Assessment.opens_strategy_discussion());
        x.outcomes = vec![ReferralOutcome::Assessment];
        assert_eq!(
            check_decision(&x, today).unwrap_err().0[0].code,
            "not_immediate_protection"
        );
    }

    #[test]
    fn dates_are_checked() {
        let mut future = decision();
        future.referral_date = d("2026-12-01");
        future.decided_on = d("2026-12-01");
        let e = check_decision(&future, d("2026-11-22")).unwrap_err();
        assert!(e.for_field("referral_date").is_some() && e.for_field("decided_on").is_some());
        let mut early = decision();
        early.decided_on = d("2026-11-18");
        assert_eq!(
            check_decision(&early, d("2026-11-22")).unwrap_err().0[0].code,
            "before_referral"
        );
    }

    #[test]
    fn re_referral_is_within_twelve_months() {
        assert!(is_re_referral(d("2026-11-20"), &[d("2025-11-20")]));
        assert!(!is_re_referral(d("2026-11-20"), &[d("2025-11-19")]));
        assert!(
            !is_re_referral(d("2026-11-20"), &[d("2026-11-20")]),
            "the same referral is not its own predecessor"
        );
    }
}
