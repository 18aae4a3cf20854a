//! National timescales (Working Together to Safeguard Children 2023). They are code: a local
//! protocol may be stricter, never looser.

use super::duration::Timescale;

/// One national rule: the protocol field it caps, the cap, and the rule in words.
pub struct NationalRule {
    pub field: &'static str,
    pub cap: Timescale,
    pub rule: &'static str,
}

pub const NATIONAL: &[NationalRule] = &[
    NationalRule { field: "referral.decision", cap: Timescale::WorkingDays(1), rule: "a decision on a referral is made within 1 working day of its receipt (Working Together 2023)" },
    NationalRule { field: "assessment.complete", cap: Timescale::WorkingDays(45), rule: "a child and family assessment concludes within 45 working days of the referral (Working Together 2023)" },
    NationalRule { field: "cp.initial_conference", cap: Timescale::WorkingDays(15), rule: "an initial child protection conference is held within 15 working days of the strategy discussion that started the section 47 enquiry (Working Together 2023)" },
    NationalRule { field: "cp.core_group", cap: Timescale::WorkingDays(10), rule: "the first core group meets within 10 working days of the initial conference (Working Together 2023)" },
    NationalRule { field: "cp.first_review", cap: Timescale::Months(3), rule: "the first review conference is held within 3 months of the initial conference (Working Together 2023)" },
    NationalRule { field: "cp.review_every", cap: Timescale::Months(6), rule: "later review conferences are held at intervals of no more than 6 months (Working Together 2023)" },
    NationalRule { field: "cp.missing_review_after", cap: Timescale::Days(7), rule: "a child on a plan missing for more than 7 days triggers an early review (Working Together 2023)" },
];

/// The national rule this field is capped by, if any.
pub fn rule_for(field: &str) -> Option<&'static NationalRule> {
    NATIONAL.iter().find(|r| r.field == field)
}

/// Why `value` breaks the cap, or `None` when it keeps to it.
pub fn check(rule: &NationalRule, value: Timescale) -> Option<String> {
    let same_unit = std::mem::discriminant(&rule.cap) == std::mem::discriminant(&value);
    if !same_unit {
        return Some(format!(
            "{value} must be given in the national rule's unit ({}): {}",
            rule.cap, rule.rule
        ));
    }
    (value.n() > rule.cap.n()).then(|| format!("{value} relaxes the national rule: {}", rule.rule))
}
