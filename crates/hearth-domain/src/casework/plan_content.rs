//! What a plan says, for child protection and child in need plans alike: the outcomes (what must
//! change, how it will be measured, by when) and the actions (what, by whom, by when or how
//! often). Plans are living documents: each amendment is a new version with its reason, and each
//! version is circulated with its date (Working Together 2018 ch.1: the lead social worker should
//! "develop the outline child protection plan into a more detailed interagency plan and circulate
//! to relevant practitioners (and family where appropriate)"; seed 003 §2: "Where the outcome of
//! the Review is an amendment to the Child in Need Plan, the Lead Professional should circulate a
//! copy of the amended Plan").

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::errors::ValidationErrors;
use crate::limits::{check_len, check_short, PARAGRAPH};
use crate::uk_time::format_date;

/// Which kind of plan a version belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PlanKind {
    ChildProtection,
    ChildInNeed,
}

vocab!(PlanKind, "kind of plan", [
    PlanKind::ChildProtection => ("cp", "Child protection plan"),
    PlanKind::ChildInNeed => ("cin", "Child in need plan"),
]);

/// How many outcomes or actions one version may hold.
pub const MAX_ITEMS: usize = 30;

/// One outcome: specific, measurable and child-focused (seed 000 §6.7; seed 003 §2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct PlanOutcome {
    /// What must change for the child, in plain words.
    pub what_must_change: String,
    /// How everyone will know it has changed, and by how much.
    pub measure: String,
    /// By when.
    pub by_when: Option<NaiveDate>,
}

/// One action: who does what, by when or how often.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct PlanAction {
    pub action: String,
    /// Who does it: a name, a role or an agency (a parent, the school, the health visitor).
    pub owner: String,
    /// A target date, or
    pub due_on: Option<NaiveDate>,
    /// how often, in words ("weekly", "at every visit").
    #[serde(default)]
    pub frequency: String,
}

/// The outcomes and actions of one version of a plan.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct PlanContent {
    pub outcomes: Vec<PlanOutcome>,
    pub actions: Vec<PlanAction>,
}

/// Checks a version's outcomes and actions: at least one outcome, each with what must change
/// and its measure; every action with an owner and a date or a frequency; dates not before the
/// plan started. Field names are `outcomes[i].field` and `actions[i].field` (1-based, as a form
/// numbers them).
pub fn check_plan_content(c: &PlanContent, plan_start: NaiveDate) -> Result<(), ValidationErrors> {
    let mut e = ValidationErrors::default();
    if c.outcomes.is_empty() {
        e.add(
            "outcomes",
            "required",
            "Add at least one outcome: what must change for the child, and how it will be measured",
        );
    }
    if c.outcomes.len() > MAX_ITEMS || c.actions.len() > MAX_ITEMS {
        e.add(
            "outcomes",
            "too_many",
            format!("A plan holds at most {MAX_ITEMS} outcomes and {MAX_ITEMS} actions"),
        );
        return Err(e);
    }
    let early = |d: NaiveDate| d < plan_start;
    for (i, o) in c.outcomes.iter().enumerate() {
        let n = i + 1;
        let f = |x: &str| format!("outcomes[{n}].{x}");
        if o.what_must_change.trim().is_empty() {
            e.add(
                &f("what_must_change"),
                "required",
                format!("Outcome {n}: say what must change for the child"),
            );
        }
        if o.measure.trim().is_empty() {
            e.add(
                &f("measure"),
                "required",
                format!("Outcome {n}: say how everyone will know it has changed, and by how much"),
            );
        }
        check_len(
            &mut e,
            &f("what_must_change"),
            &format!("Outcome {n}"),
            &o.what_must_change,
            PARAGRAPH,
        );
        check_len(
            &mut e,
            &f("measure"),
            &format!("Outcome {n}'s measure"),
            &o.measure,
            PARAGRAPH,
        );
        if o.by_when.is_some_and(early) {
            e.add(
                &f("by_when"),
                "before_plan",
                format!(
                    "Outcome {n}: the date is before the plan started on {}",
                    format_date(plan_start)
                ),
            );
        }
    }
    for (i, a) in c.actions.iter().enumerate() {
        let n = i + 1;
        let f = |x: &str| format!("actions[{n}].{x}");
        if a.action.trim().is_empty() {
            e.add(
                &f("action"),
                "required",
                format!("Action {n}: say what is to be done"),
            );
        }
        if a.owner.trim().is_empty() {
            e.add(
                &f("owner"),
                "required",
                format!("Action {n}: say who does it"),
            );
        }
        if a.due_on.is_none() && a.frequency.trim().is_empty() {
            e.add(
                &f("due_on"),
                "required",
                format!("Action {n}: give a target date or how often it is done"),
            );
        }
        if a.due_on.is_some_and(early) {
            e.add(
                &f("due_on"),
                "before_plan",
                format!(
                    "Action {n}: the date is before the plan started on {}",
                    format_date(plan_start)
                ),
            );
        }
        check_len(
            &mut e,
            &f("action"),
            &format!("Action {n}"),
            &a.action,
            PARAGRAPH,
        );
        check_short(
            &mut e,
            &f("owner"),
            &format!("Action {n}'s owner"),
            &a.owner,
        );
        check_short(
            &mut e,
            &f("frequency"),
            &format!("Action {n}'s frequency"),
            &a.frequency,
        );
    }
    e.into_result(())
}

/// An amendment (every version after the first) says why the plan changed.
pub fn check_amendment(version: u32, reason: &str) -> Result<(), ValidationErrors> {
    let mut e = ValidationErrors::default();
    if version > 1 && reason.trim().is_empty() {
        e.add(
            "reason",
            "required",
            "Say why the plan is changing (for example, what the core group or the review decided)",
        );
    }
    check_len(&mut e, "reason", "The reason", reason, PARAGRAPH);
    e.into_result(())
}

/// A version is circulated once, on or after the day it was made and not in the future.
pub fn check_circulation(
    made_on: NaiveDate,
    circulated_on: NaiveDate,
    already: Option<NaiveDate>,
    today: NaiveDate,
) -> Result<(), ValidationErrors> {
    let mut e = ValidationErrors::default();
    if let Some(d) = already {
        e.add(
            "circulated_on",
            "already_circulated",
            format!("This version was circulated on {}", format_date(d)),
        );
        return Err(e);
    }
    if circulated_on < made_on {
        e.add(
            "circulated_on",
            "before_version",
            format!(
                "This version was made on {}: it cannot be circulated before then",
                format_date(made_on)
            ),
        );
    }
    if circulated_on > today {
        e.add(
            "circulated_on",
            "future_date",
            "The date it was circulated cannot be in the future",
        );
    }
    e.into_result(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn outcome() -> PlanOutcome {
        PlanOutcome {
            what_must_change: "Sam is at school every day".into(),
            measure: "Attendance above 95% for a half term".into(),
            by_when: Some(d(2027, 2, 12)),
        }
    }

    fn action() -> PlanAction {
        PlanAction {
            action: "Walk Sam to school".into(),
            owner: "Mother".into(),
            due_on: None,
            frequency: "Every school day".into(),
        }
    }

    #[test]
    fn a_plan_needs_an_outcome_with_its_measure() {
        // Seed 003 §2: outcomes "specific, measurable".
        let start = d(2026, 12, 10);
        let e = check_plan_content(&PlanContent::default(), start).unwrap_err();
        assert_eq!(e.0[0].field, "outcomes");
        let mut o = outcome();
        o.measure = " ".into();
        let c = PlanContent {
            outcomes: vec![o],
            actions: vec![],
        };
        let e = check_plan_content(&c, start).unwrap_err();
        assert_eq!(e.0[0].field, "outcomes[1].measure");
        let ok = PlanContent {
            outcomes: vec![outcome()],
            actions: vec![action()],
        };
        assert!(check_plan_content(&ok, start).is_ok());
    }

    #[test]
    fn an_action_has_an_owner_and_a_date_or_frequency() {
        // Working Together 2018 ch.1: actions "with owner and date".
        let start = d(2026, 12, 10);
        let mut a = action();
        a.owner.clear();
        a.frequency.clear();
        let c = PlanContent {
            outcomes: vec![outcome()],
            actions: vec![action(), a],
        };
        let e = check_plan_content(&c, start).unwrap_err();
        let fields: Vec<&str> = e.0.iter().map(|x| x.field.as_str()).collect();
        assert_eq!(fields, ["actions[2].owner", "actions[2].due_on"]);
    }

    #[test]
    fn dates_are_not_before_the_plan() {
        let start = d(2026, 12, 10);
        let mut a = action();
        a.due_on = Some(d(2026, 12, 9));
        let c = PlanContent {
            outcomes: vec![outcome()],
            actions: vec![a],
        };
        let e = check_plan_content(&c, start).unwrap_err();
        assert_eq!(e.0[0].code, "before_plan");
        assert!(e.0[0].message.contains("10 December 2026"));
    }

    #[test]
    fn amendments_say_why_and_the_first_version_need_not() {
        assert!(check_amendment(1, "").is_ok());
        assert_eq!(check_amendment(2, " ").unwrap_err().0[0].field, "reason");
        assert!(check_amendment(2, "Core group 7 January: school attendance added").is_ok());
    }

    #[test]
    fn a_version_is_circulated_once_not_before_it_was_made_nor_in_the_future() {
        let made = d(2026, 12, 10);
        let today = d(2026, 12, 14);
        assert!(check_circulation(made, d(2026, 12, 11), None, today).is_ok());
        assert!(check_circulation(made, made, None, today).is_ok());
        let e = check_circulation(made, d(2026, 12, 9), None, today).unwrap_err();
        assert_eq!(e.0[0].code, "before_version");
        let e = check_circulation(made, d(2026, 12, 15), None, today).unwrap_err();
        assert_eq!(e.0[0].code, "future_date");
        let e = check_circulation(made, d(2026, 12, 12), Some(d(2026, 12, 11)), today).unwrap_err();
        assert_eq!(e.0[0].code, "already_circulated");
    }
}
