//! What a child in need plan says beyond its outcomes and actions. How often the child is
//! visited is [`crate::cin::visits`]'s; the day the plan starts is [`crate::cin::start`]'s.
//!
//! Seed 000 §6.7: "Written plans should clearly set out: the needs identified ... what services
//! are to be provided by which agencies ... a contingency plan; when and how the plan will be
//! reviewed". Seed 003 §2: the plan "must identify the Lead Professional ... Identify the Lead
//! Professional and his or her responsibilities, including frequency of visits to the child ...
//! Lay down points at which progress will be reviewed"; "A copy of the Child in Need Plan should
//! be provided to the parents, child (if old enough) and the agencies". Seed 001: "The child In
//! Need plan should state what the purpose of the plan is ... what the child and/or family agree
//! to do ... It should be clear about the frequency of social work visits which should be at
//! least every 6 weeks (different arrangements apply for disabled children with stable packages
//! of care)".
//!
//! The outcomes, actions, versions and circulation are [`crate::casework::plan_content`]'s.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::calendar::Calendar;
use crate::casework::plan_content::{check_plan_content, PlanContent};
use crate::cin::visits::{check_visit_frequency, VisitFrequency};
use crate::errors::ValidationErrors;
use crate::limits::{check_len, check_narrative, check_short, PARAGRAPH};
use crate::protocol::Timescale;

/// How many needs or circulation entries one plan may hold.
pub const MAX_LIST: usize = 30;

/// One of the child's identified developmental needs and the services that meet it (seed 003
/// §2: "Describe the identified developmental needs of the child, and any services required").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct IdentifiedNeed {
    pub need: String,
    /// Which services meet it, and who provides them (seed 000 §6.7: "what services are to be
    /// provided by which agencies, voluntary groups or professionals").
    pub services: String,
}

/// The lead professional and what they do (seed 003 §2: "the Lead Professional and his or her
/// responsibilities"; "The Lead Professional will be responsible for implementing the plan
/// including making referrals to appropriate agencies").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct LeadProfessional {
    pub name: String,
    pub role: String,
    pub duties: String,
}

/// One version of a child in need plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct CinPlan {
    /// What the plan sets out to achieve (seed 001).
    pub purpose: String,
    pub needs: Vec<IdentifiedNeed>,
    /// The outcomes and actions.
    pub content: PlanContent,
    /// What the child and family agree to do (seed 001).
    pub family_agrees_to: String,
    pub lead_professional: LeadProfessional,
    pub visit_frequency: VisitFrequency,
    /// What happens if circumstances change significantly (seed 003 §2).
    pub contingency: String,
    /// When and how the plan is reviewed, and when an earlier review is called (seed 000 §6.7).
    pub review_points: String,
    /// Who receives a copy: the parents, the child if old enough, and the agencies (seed 003 §2).
    pub circulation: Vec<String>,
    /// Why long-term support is expected, when it is (seed 003 §2: "some children and families
    /// may require longer term support, for example children with disabilities").
    pub long_term_support: Option<String>,
}

/// Checks a version of the plan that started on `plan_start`: its outcomes and actions
/// ([`check_plan_content`]), purpose, needs and services, what the family agree to, the lead
/// professional and duties, the visit frequency, contingency, review points and circulation.
pub fn check_cin_plan(
    p: &CinPlan,
    plan_start: NaiveDate,
    protocol_visit_every: Option<Timescale>,
    child_disabled: bool,
    cal: &Calendar,
) -> Result<(), ValidationErrors> {
    let mut e = check_plan_content(&p.content, plan_start)
        .err()
        .unwrap_or_default();
    let mut required = |field: &str, value: &str, label: &str, what: &str| {
        if value.trim().is_empty() {
            e.add(field, "required", what.to_string());
        }
        check_narrative(&mut e, field, label, value);
    };
    required(
        "purpose",
        &p.purpose,
        "The purpose",
        "Say what the plan sets out to achieve",
    );
    required(
        "family_agrees_to",
        &p.family_agrees_to,
        "What the family agree to do",
        "Say what the child and family agree to do",
    );
    required(
        "contingency",
        &p.contingency,
        "The contingency plan",
        "Add a contingency plan: what happens if circumstances change significantly and need prompt action",
    );
    required(
        "review_points",
        &p.review_points,
        "The review points",
        "Say when and how progress will be reviewed, and when an earlier review will be called",
    );
    required(
        "lead_professional.duties",
        &p.lead_professional.duties,
        "The lead professional's duties",
        "Say what the lead professional is responsible for",
    );
    let lead = &p.lead_professional;
    for (field, value, label) in [
        (
            "lead_professional.name",
            &lead.name,
            "The lead professional's name",
        ),
        (
            "lead_professional.role",
            &lead.role,
            "The lead professional's role",
        ),
    ] {
        if value.trim().is_empty() {
            e.add(field, "required", format!("Enter {}", label.to_lowercase()));
        }
        check_short(&mut e, field, label, value);
    }
    if p.needs.is_empty() {
        e.add(
            "needs",
            "required",
            "Describe at least one of the child's identified developmental needs and the services that meet it",
        );
    }
    if p.needs.len() > MAX_LIST || p.circulation.len() > MAX_LIST {
        e.add(
            "needs",
            "too_many",
            format!("A plan lists at most {MAX_LIST} needs and {MAX_LIST} people it goes to"),
        );
        return Err(e);
    }
    for (i, n) in p.needs.iter().enumerate() {
        let k = i + 1;
        for (x, value, what) in [
            ("need", &n.need, "describe the need"),
            (
                "services",
                &n.services,
                "say which services meet it and who provides them",
            ),
        ] {
            let field = format!("needs[{k}].{x}");
            if value.trim().is_empty() {
                e.add(&field, "required", format!("Need {k}: {what}"));
            }
            check_len(&mut e, &field, &format!("Need {k}"), value, PARAGRAPH);
        }
    }
    if p.circulation.iter().all(|c| c.trim().is_empty()) {
        e.add(
            "circulation",
            "required",
            "List who receives a copy: the parents, the child if old enough, and the agencies providing services",
        );
    }
    for (i, c) in p.circulation.iter().enumerate() {
        check_short(&mut e, &format!("circulation[{}]", i + 1), "A name", c);
    }
    if let Some(why) = &p.long_term_support {
        if why.trim().is_empty() {
            e.add(
                "long_term_support",
                "required",
                "Say why long-term support is expected (for example, a disabled child's package of care)",
            );
        }
        check_narrative(&mut e, "long_term_support", "The reason", why);
    }
    check_visit_frequency(
        &mut e,
        &p.visit_frequency,
        protocol_visit_every,
        child_disabled,
        plan_start,
        cal,
    );
    e.into_result(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::casework::plan_content::{PlanAction, PlanOutcome};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn plan() -> CinPlan {
        CinPlan {
            purpose: "Sam is at school every day and his mother has help with her low mood".into(),
            needs: vec![IdentifiedNeed {
                need: "Education: attendance 71% this term".into(),
                services: "School attendance officer (weekly); family support worker".into(),
            }],
            content: PlanContent {
                outcomes: vec![PlanOutcome {
                    what_must_change: "Sam is at school every day".into(),
                    measure: "Attendance above 95% for a half term".into(),
                    by_when: Some(d(2027, 2, 12)),
                }],
                actions: vec![PlanAction {
                    action: "Walk Sam to school".into(),
                    owner: "Mother".into(),
                    due_on: None,
                    frequency: "Every school day".into(),
                }],
            },
            family_agrees_to: "Mother will see her GP about her mood by 18 December".into(),
            lead_professional: LeadProfessional {
                name: "Alex Brown".into(),
                role: "Social worker".into(),
                duties: "Visits every 2 weeks, refers to the family support service".into(),
            },
            visit_frequency: VisitFrequency::Stated { every_weeks: 2 },
            contingency: "If Sam misses three days in a week, the school calls the social worker the same day".into(),
            review_points: "First review by 4 January 2027; earlier if mother goes into hospital".into(),
            circulation: vec!["Mother".into(), "Oak Primary".into()],
            long_term_support: None,
        }
    }

    fn check(p: &CinPlan, disabled: bool) -> Result<(), ValidationErrors> {
        let cal = Calendar::england_and_wales();
        check_cin_plan(p, d(2026, 12, 7), Some(Timescale::Weeks(6)), disabled, &cal)
    }

    fn fields(e: &ValidationErrors) -> Vec<&str> {
        e.0.iter().map(|x| x.field.as_str()).collect()
    }

    #[test]
    fn a_complete_plan_passes() {
        assert!(check(&plan(), false).is_ok());
    }

    #[test]
    fn the_plan_states_its_purpose_family_part_contingency_review_points_and_circulation() {
        // Seed 001: the plan "should state what the purpose of the plan is ... what the child
        // and/or family agree to do"; seed 003 §2: "Include a contingency plan"; "Lay down points
        // at which progress will be reviewed"; "A copy ... should be provided to the parents".
        let p = CinPlan {
            purpose: " ".into(),
            family_agrees_to: String::new(),
            contingency: String::new(),
            review_points: String::new(),
            circulation: vec![" ".into()],
            ..plan()
        };
        let e = check(&p, false).unwrap_err();
        assert_eq!(
            fields(&e),
            [
                "purpose",
                "family_agrees_to",
                "contingency",
                "review_points",
                "circulation"
            ]
        );
    }

    #[test]
    fn needs_have_their_services_and_the_lead_professional_their_duties() {
        // Seed 003 §2: "Describe the identified developmental needs of the child, and any
        // services required"; "Identify the Lead Professional and his or her responsibilities".
        let mut p = plan();
        p.needs[0].services.clear();
        p.lead_professional.duties.clear();
        p.lead_professional.name.clear();
        let e = check(&p, false).unwrap_err();
        assert_eq!(
            fields(&e),
            [
                "lead_professional.duties",
                "lead_professional.name",
                "needs[1].services"
            ]
        );
        let e = check(
            &CinPlan {
                needs: vec![],
                ..plan()
            },
            false,
        )
        .unwrap_err();
        assert_eq!(fields(&e), ["needs"]);
    }

    #[test]
    fn outcomes_and_actions_are_checked_with_the_shared_plan_content_rules() {
        // Seed 003 §2: "Include specific, achievable, child-focused outcomes".
        let mut p = plan();
        p.content.outcomes.clear();
        let e = check(&p, false).unwrap_err();
        assert_eq!(fields(&e), ["outcomes"]);
    }

    #[test]
    fn long_term_support_says_why_and_visits_follow_the_protocol() {
        // Seed 003 §2: "some children and families may require longer term support, for example
        // children with disabilities".
        let p = CinPlan {
            long_term_support: Some(" ".into()),
            ..plan()
        };
        assert_eq!(
            fields(&check(&p, false).unwrap_err()),
            ["long_term_support"]
        );
        let p = CinPlan {
            long_term_support: Some("Lifelong condition; overnight short breaks".into()),
            visit_frequency: VisitFrequency::Stated { every_weeks: 8 },
            ..plan()
        };
        let e = check(&p, true).unwrap_err();
        assert_eq!(e.0[0].code, "longer_than_protocol");
    }
}
