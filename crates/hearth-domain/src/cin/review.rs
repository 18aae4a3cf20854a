//! The child in need review: what has gone well, what worries remain, what still needs to happen,
//! the child's and family's feedback, and one of seed 003's four outcomes.
//!
//! Seed 001: "Every review should use a strengths-based approach by asking everyone to state what
//! they think has gone well, what worries or concerns they still have and what, if anything, still
//! needs to be achieved"; "The review should listen to and record child and family feedback about
//! the impact the intervention or service has made". Seed 003 §3: "The Review will generally take
//! place within a meeting, unless the Line Manager agrees otherwise"; "All decisions made should
//! be recorded on the child's electronic record, together with reasons, and dated".

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::cin::meeting::ChairKind;
use crate::errors::ValidationErrors;
use crate::limits::check_narrative;
use crate::uk_time::format_date;

/// Seed 003 §3, "The outcome of a Review will be": 1. the child "is no longer a Child in Need ...
/// the case be closed"; 2. "continues to be a Child in Need requiring the same level of services,
/// resulting in the continuing provision of services and minor amendment, as necessary"; 3.
/// "needs are sufficiently complex ... to justify a further assessment"; 4. "appears to be at risk
/// of Significant Harm, resulting in the need for a Strategy Discussion/Meeting and possible
/// Section 47 Enquiry".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ReviewOutcome {
    PlanEnds,
    Continue,
    ContinueWithAmendments,
    FurtherAssessment,
    StrategyDiscussion,
}

vocab!(ReviewOutcome, "outcome of a child in need review", [
    ReviewOutcome::PlanEnds => ("plan-ends", "No longer a child in need: recommend to the team manager that the plan ends and the case closes"),
    ReviewOutcome::Continue => ("continue", "Still a child in need: the plan continues as it is"),
    ReviewOutcome::ContinueWithAmendments => ("continue-with-amendments", "Still a child in need: the plan continues with amendments"),
    ReviewOutcome::FurtherAssessment => ("further-assessment", "Needs are more complex or more services are needed: a further assessment"),
    ReviewOutcome::StrategyDiscussion => ("strategy-discussion", "The child appears to be at risk of significant harm: a strategy discussion"),
]);

/// What the review opens next, for the use case to act on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum NextStep {
    /// Start the plan's ending ([`crate::cin::closure`]), for the team manager's approval.
    EndPlan,
    /// Keep the plan; the next review's clock starts from this one.
    KeepPlan,
    /// Make a new version of the plan and circulate it (seed 003 §3: "the Lead Professional
    /// should circulate a copy of the amended Plan").
    AmendPlan,
    /// Open a re-assessment of the child; the plan continues meanwhile.
    OpenReassessment,
    /// Ask for a strategy discussion (child protection); the plan continues until a child
    /// protection plan, if any, starts.
    AskForStrategyDiscussion,
}

vocab!(NextStep, "next step after a child in need review", [
    NextStep::EndPlan => ("end-plan", "End the plan"),
    NextStep::KeepPlan => ("keep-plan", "Keep the plan as it is"),
    NextStep::AmendPlan => ("amend-plan", "Amend the plan and circulate it"),
    NextStep::OpenReassessment => ("open-reassessment", "Open a further assessment"),
    NextStep::AskForStrategyDiscussion => ("ask-for-strategy-discussion", "Ask for a strategy discussion"),
]);

impl ReviewOutcome {
    pub fn next_step(self) -> NextStep {
        match self {
            ReviewOutcome::PlanEnds => NextStep::EndPlan,
            ReviewOutcome::Continue => NextStep::KeepPlan,
            ReviewOutcome::ContinueWithAmendments => NextStep::AmendPlan,
            ReviewOutcome::FurtherAssessment => NextStep::OpenReassessment,
            ReviewOutcome::StrategyDiscussion => NextStep::AskForStrategyDiscussion,
        }
    }

    /// Whether the plan is still running after the review (all but "the plan ends").
    pub fn plan_continues(self) -> bool {
        self != ReviewOutcome::PlanEnds
    }
}

/// One review of a child in need plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct CinReview {
    pub reviewed_on: NaiveDate,
    pub chair: ChairKind,
    /// Held in a meeting (seed 003 §3: "generally ... within a meeting").
    pub held_in_meeting: bool,
    /// When not in a meeting: the line manager agreed (seed 003 §3: "unless the Line Manager
    /// agrees otherwise").
    pub manager_agreed_no_meeting: bool,
    pub gone_well: String,
    pub worries: String,
    pub still_to_happen: String,
    pub child_feedback: String,
    pub family_feedback: String,
    pub outcome: ReviewOutcome,
    /// The reasons for the decision (seed 003 §3: decisions recorded "together with reasons").
    pub reasons: String,
}

/// Checks a review of a plan that started on `plan_start`: dated within the plan and not in the
/// future; the strengths-based answers, both feedbacks and the reasons given; a review outside a
/// meeting agreed by the line manager.
pub fn check_review(
    r: &CinReview,
    plan_start: NaiveDate,
    today: NaiveDate,
) -> Result<(), ValidationErrors> {
    let mut e = ValidationErrors::default();
    if r.reviewed_on < plan_start {
        e.add(
            "reviewed_on",
            "before_plan",
            format!(
                "The plan started on {}: a review cannot be dated before it",
                format_date(plan_start)
            ),
        );
    }
    if r.reviewed_on > today {
        e.add(
            "reviewed_on",
            "future_date",
            "The review cannot be dated in the future",
        );
    }
    if !r.held_in_meeting && !r.manager_agreed_no_meeting {
        e.add(
            "held_in_meeting",
            "needs_manager_agreement",
            "A review is held in a meeting unless the line manager agrees otherwise: record their agreement",
        );
    }
    for (field, value, label, ask) in [
        ("gone_well", &r.gone_well, "What has gone well", "Record what everyone thinks has gone well"),
        ("worries", &r.worries, "The worries", "Record what worries or concerns people still have (or that they have none)"),
        ("still_to_happen", &r.still_to_happen, "What still needs to happen", "Record what, if anything, still needs to be achieved"),
        ("child_feedback", &r.child_feedback, "The child's feedback", "Record the child's feedback on the help they have had (or how their views were sought)"),
        ("family_feedback", &r.family_feedback, "The family's feedback", "Record the family's feedback on the help they have had"),
        ("reasons", &r.reasons, "The reasons", "Record the reasons for the review's decision"),
    ] {
        if value.trim().is_empty() {
            e.add(field, "required", ask);
        }
        check_narrative(&mut e, field, label, value);
    }
    e.into_result(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn review() -> CinReview {
        CinReview {
            reviewed_on: d(2027, 1, 4),
            chair: ChairKind::AllocatedSocialWorker,
            held_in_meeting: true,
            manager_agreed_no_meeting: false,
            gone_well: "Sam has been at school every day for three weeks".into(),
            worries: "Mother's mood dips at weekends".into(),
            still_to_happen: "GP appointment for mother".into(),
            child_feedback: "Sam: 'I like walking to school with mum'".into(),
            family_feedback: "Mother finds the family support worker helpful".into(),
            outcome: ReviewOutcome::Continue,
            reasons: "Progress is good; the plan is working".into(),
        }
    }

    fn codes(e: &ValidationErrors) -> Vec<&'static str> {
        e.0.iter().map(|x| x.code).collect()
    }

    #[test]
    fn a_review_is_dated_within_the_plan_and_not_in_the_future() {
        let start = d(2026, 12, 7);
        let today = d(2027, 1, 10);
        assert!(check_review(&review(), start, today).is_ok());
        let on_start = CinReview {
            reviewed_on: start,
            ..review()
        };
        assert!(check_review(&on_start, start, today).is_ok());
        let before = CinReview {
            reviewed_on: d(2026, 12, 6),
            ..review()
        };
        let e = check_review(&before, start, today).unwrap_err();
        assert_eq!(codes(&e), ["before_plan"]);
        assert_eq!(
            e.0[0].message,
            "The plan started on 7 December 2026: a review cannot be dated before it"
        );
        let future = CinReview {
            reviewed_on: d(2027, 1, 11),
            ..review()
        };
        assert_eq!(
            codes(&check_review(&future, start, today).unwrap_err()),
            ["future_date"]
        );
    }

    #[test]
    fn the_strengths_based_questions_and_feedback_are_answered() {
        // Seed 001: "asking everyone to state what they think has gone well, what worries or
        // concerns they still have and what, if anything, still needs to be achieved"; "record
        // child and family feedback".
        let blank = CinReview {
            gone_well: String::new(),
            worries: " ".into(),
            still_to_happen: String::new(),
            child_feedback: String::new(),
            family_feedback: String::new(),
            reasons: String::new(),
            ..review()
        };
        let e = check_review(&blank, d(2026, 12, 7), d(2027, 1, 10)).unwrap_err();
        let fields: Vec<&str> = e.0.iter().map(|x| x.field.as_str()).collect();
        assert_eq!(
            fields,
            [
                "gone_well",
                "worries",
                "still_to_happen",
                "child_feedback",
                "family_feedback",
                "reasons"
            ]
        );
    }

    #[test]
    fn a_review_outside_a_meeting_needs_the_line_manager() {
        // Seed 003 §3: "The Review will generally take place within a meeting, unless the Line
        // Manager agrees otherwise."
        let (start, today) = (d(2026, 12, 7), d(2027, 1, 10));
        let r = CinReview {
            held_in_meeting: false,
            ..review()
        };
        assert_eq!(
            codes(&check_review(&r, start, today).unwrap_err()),
            ["needs_manager_agreement"]
        );
        let r = CinReview {
            manager_agreed_no_meeting: true,
            ..r
        };
        assert!(check_review(&r, start, today).is_ok());
    }

    #[test]
    fn each_outcome_opens_its_next_step() {
        // Seed 003 §3: the four outcomes, and "Where the outcome of the Review is an amendment
        // to the Child in Need Plan, the Lead Professional should circulate a copy".
        use ReviewOutcome::*;
        assert_eq!(PlanEnds.next_step(), NextStep::EndPlan);
        assert_eq!(Continue.next_step(), NextStep::KeepPlan);
        assert_eq!(ContinueWithAmendments.next_step(), NextStep::AmendPlan);
        assert_eq!(FurtherAssessment.next_step(), NextStep::OpenReassessment);
        assert_eq!(
            StrategyDiscussion.next_step(),
            NextStep::AskForStrategyDiscussion
        );
        assert!(!PlanEnds.plan_continues());
        assert!(StrategyDiscussion.plan_continues());
        assert_eq!(
            ReviewOutcome::parse("further-assessment"),
            Ok(FurtherAssessment)
        );
        assert!(ReviewOutcome::parse("close").is_err());
    }
}
