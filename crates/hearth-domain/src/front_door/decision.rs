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
    /// No further action, with signposting.
    NoFurtherAction,
}

impl ReferralOutcome {
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
    if d.outcomes.contains(&NoFurtherAction) && feedback.is_empty() {
        e.add("feedback_to_referrer", "required", "A decision of no further action needs the feedback and signposting given to the referrer");
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
            feedback_to_referrer: None,
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
