//! Telling the child and family what was decided. Working Together 2018 ch.1 para 73: "The child
//! and family must be informed of the action to be taken, unless a decision is taken on the basis
//! that this may jeopardise a police investigation or place the child at risk of significant
//! harm."

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::errors::ValidationErrors;
use crate::front_door::decision::ReferralOutcome;
use crate::limits::check_narrative;

/// Whether the family was told the decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FamilyInformed {
    Told,
    /// Not told, because telling them may jeopardise a police investigation or place the child
    /// at risk of significant harm.
    Withheld,
}

vocab!(FamilyInformed, "way the family was informed", [
    FamilyInformed::Told => ("told", "The family was told the decision"),
    FamilyInformed::Withheld => ("withheld", "Not told: it may jeopardise a police investigation or place the child at risk of significant harm"),
]);

/// Checks a record of telling the family: how (or why not), dated between the decision and
/// today. Withholding is allowed only where the decision is about significant harm (a strategy
/// discussion or immediate protection).
pub fn check_family_informed(
    how: FamilyInformed,
    note: &str,
    on: NaiveDate,
    decided_on: NaiveDate,
    outcomes: &[ReferralOutcome],
    today: NaiveDate,
) -> Result<(), ValidationErrors> {
    let mut e = ValidationErrors::default();
    if note.trim().is_empty() {
        e.add(
            "note",
            "required",
            match how {
                FamilyInformed::Told => "Record who was told, how, and what they were told",
                FamilyInformed::Withheld => "Record why telling the family may jeopardise a police investigation or place the child at risk of significant harm, and who agreed",
            },
        );
    }
    check_narrative(&mut e, "note", "The note", note.trim());
    if how == FamilyInformed::Withheld && !outcomes.iter().any(|o| o.opens_strategy_discussion()) {
        e.add(
            "how",
            "not_significant_harm",
            "The family must be told unless this may jeopardise a police investigation or place the child at risk of significant harm (Working Together 2018 ch.1 para 73); this decision is not about significant harm",
        );
    }
    if on < decided_on {
        e.add(
            "on",
            "before_decision",
            "The family cannot be told before the decision was made",
        );
    }
    if on > today {
        e.add("on", "future_date", "The date cannot be in the future");
    }
    e.into_result(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_default()
    }

    // Para 73: "must be informed … unless … this may jeopardise a police investigation or place
    // the child at risk of significant harm".
    #[test]
    fn the_family_is_told_unless_significant_harm_says_otherwise() {
        let (on, decided, today) = (d("2026-11-24"), d("2026-11-23"), d("2026-11-25"));
        let assessment = [ReferralOutcome::Assessment];
        let s47 = [ReferralOutcome::StrategyDiscussion];
        assert!(check_family_informed(
            FamilyInformed::Told,
            "Mother by phone",
            on,
            decided,
            &assessment,
            today
        )
        .is_ok());
        let e = check_family_informed(
            FamilyInformed::Withheld,
            "Police asked us to wait",
            on,
            decided,
            &assessment,
            today,
        )
        .unwrap_err();
        assert_eq!(e.0[0].code, "not_significant_harm");
        assert!(check_family_informed(
            FamilyInformed::Withheld,
            "Police asked us to wait",
            on,
            decided,
            &s47,
            today
        )
        .is_ok());
        let e = check_family_informed(
            FamilyInformed::Told,
            " ",
            d("2026-11-22"),
            decided,
            &assessment,
            today,
        )
        .unwrap_err();
        let codes: Vec<_> = e.0.iter().map(|f| f.code).collect();
        assert_eq!(codes, vec!["required", "before_decision"]);
    }
}
