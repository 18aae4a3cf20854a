//! What the worker leaves out of the family's copy of the assessment, and why. The family's copy
//! is the record "shared with the child and family" (seed 001), but a record can hold what one
//! person said about another who has not agreed to it being shared (third-party information), or
//! what would tell an abuser where a victim is or what they disclosed (domestic abuse). The worker
//! leaves such a part out and records what was left out and why; the record keeps both, and a
//! part left out by mistake can be put back, which is recorded too.

use uuid::Uuid;

use crate::assessment::Section;
use crate::errors::ValidationErrors;
use crate::limits::check_narrative;

/// Why a part is left out of the family's copy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum WithholdReason {
    /// It is about someone else who has not agreed to it being shared.
    ThirdParty,
    /// Sharing it could put someone at risk of domestic abuse (where they are, what they said).
    DomesticAbuse,
    /// Sharing it would be likely to cause serious harm to the child or someone else.
    SeriousHarm,
}

vocab!(WithholdReason, "reason for leaving information out of the family's copy", [
    WithholdReason::ThirdParty => ("third-party", "It is about another person who has not agreed to it being shared"),
    WithholdReason::DomesticAbuse => ("domestic-abuse", "Sharing it could put someone at risk of domestic abuse"),
    WithholdReason::SeriousHarm => ("serious-harm", "Sharing it would be likely to cause serious harm to the child or someone else"),
]);

/// Which kind of part of the assessment is left out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum WithheldKind {
    /// One agency's reply.
    AgencyReply,
    /// One entry of someone's views in their own words.
    View,
    /// One visit (who was seen, and where).
    Visit,
    /// What was written about one domain of the assessment triangle.
    Domain,
    /// The worker's analysis.
    Analysis,
}

vocab!(WithheldKind, "part of the family's copy", [
    WithheldKind::AgencyReply => ("agency-reply", "An agency's reply"),
    WithheldKind::View => ("view", "Someone's views in their own words"),
    WithheldKind::Visit => ("visit", "A visit"),
    WithheldKind::Domain => ("domain", "What we found about one part of the child's life"),
    WithheldKind::Analysis => ("analysis", "What we think (the analysis)"),
]);

/// One part of the assessment, typed: the record it names, or the domain.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum WithheldPart {
    AgencyReply(Uuid),
    /// Views entries are numbered in the order they were appended.
    View(i64),
    Visit(Uuid),
    Domain(Section),
    Analysis,
}

impl WithheldPart {
    pub fn kind(self) -> WithheldKind {
        match self {
            WithheldPart::AgencyReply(_) => WithheldKind::AgencyReply,
            WithheldPart::View(_) => WithheldKind::View,
            WithheldPart::Visit(_) => WithheldKind::Visit,
            WithheldPart::Domain(_) => WithheldKind::Domain,
            WithheldPart::Analysis => WithheldKind::Analysis,
        }
    }

    /// What the store keeps beside the kind: the record's id, the section's code, or nothing.
    pub fn reference(self) -> Option<String> {
        match self {
            WithheldPart::AgencyReply(id) | WithheldPart::Visit(id) => Some(id.to_string()),
            WithheldPart::View(n) => Some(n.to_string()),
            WithheldPart::Domain(s) => Some(s.code().to_string()),
            WithheldPart::Analysis => None,
        }
    }

    /// Reads a part back from its kind and reference (as typed into a form, or stored).
    pub fn parse(kind: WithheldKind, reference: Option<&str>) -> Result<WithheldPart, String> {
        let id = || {
            reference
                .and_then(|r| Uuid::parse_str(r.trim()).ok())
                .ok_or_else(|| "Choose which record to leave out".to_string())
        };
        Ok(match kind {
            WithheldKind::AgencyReply => WithheldPart::AgencyReply(id()?),
            WithheldKind::View => WithheldPart::View(
                reference
                    .and_then(|r| r.trim().parse().ok())
                    .ok_or_else(|| "Choose which record to leave out".to_string())?,
            ),
            WithheldKind::Visit => WithheldPart::Visit(id()?),
            WithheldKind::Domain => {
                let s = reference
                    .and_then(|r| Section::parse(r.trim()).ok())
                    .filter(|s| s.domain().is_some())
                    .ok_or_else(|| {
                        "Choose which domain of the assessment to leave out".to_string()
                    })?;
                WithheldPart::Domain(s)
            }
            WithheldKind::Analysis => WithheldPart::Analysis,
        })
    }
}

/// Checks a decision to leave a part out: a reason from the list and the worker's explanation of
/// what it is and why, so a manager or information governance can review it.
pub fn check_withholding(explanation: &str) -> Result<(), ValidationErrors> {
    let mut e = ValidationErrors::default();
    let explanation = explanation.trim();
    if explanation.is_empty() {
        e.add(
            "explanation",
            "required",
            "Say what is left out and why, so it can be reviewed",
        );
    }
    check_narrative(&mut e, "explanation", "The explanation", explanation);
    e.into_result(())
}

/// Whether `part` is left out, given the parts left out and not put back.
pub fn is_withheld(part: WithheldPart, withheld: &[WithheldPart]) -> bool {
    withheld.contains(&part)
}

#[cfg(test)]
mod tests {
    use super::*;

    // Issue 13: "the family copy lets the worker withhold third-party and domestic-abuse
    // information, and records what was withheld and why".
    #[test]
    fn a_part_round_trips_through_its_kind_and_reference() {
        let id = Uuid::from_u128(7);
        for part in [
            WithheldPart::AgencyReply(id),
            WithheldPart::View(12),
            WithheldPart::Visit(id),
            WithheldPart::Domain(Section::ParentingCapacity),
            WithheldPart::Analysis,
        ] {
            let back = WithheldPart::parse(part.kind(), part.reference().as_deref()).unwrap();
            assert_eq!(back, part);
        }
    }

    #[test]
    fn a_part_must_name_a_record_or_a_domain() {
        assert_eq!(
            WithheldPart::parse(WithheldKind::View, Some("not-an-id")).unwrap_err(),
            "Choose which record to leave out"
        );
        // The plan is not a domain of the triangle.
        assert_eq!(
            WithheldPart::parse(WithheldKind::Domain, Some(Section::Plan.code())).unwrap_err(),
            "Choose which domain of the assessment to leave out"
        );
    }

    #[test]
    fn the_why_is_required() {
        let e = check_withholding("  ").unwrap_err();
        assert_eq!(
            (e.0[0].field.as_str(), e.0[0].code),
            ("explanation", "required")
        );
        assert!(check_withholding("Mother's new address, given by the refuge").is_ok());
        assert_eq!(
            WithholdReason::parse("domestic-abuse").unwrap(),
            WithholdReason::DomesticAbuse
        );
    }
}
