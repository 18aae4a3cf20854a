//! The section 47 enquiry (Children Act 1989 s47; Working Together 2018 ch.1, "Initiating section
//! 47 enquiries" and "Outcome of section 47 enquiries"). It starts on the date of the strategy
//! discussion that decided to start it (census `S47ActualStartDate`), runs with the assessment,
//! records that the child was seen (and seen alone) and who was spoken to, and ends with one of
//! Working Together's three outcomes.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::errors::ValidationErrors;
use crate::limits::{check_len, check_narrative, PARAGRAPH};

/// Working Together 2018 ch.1, "Outcome of section 47 enquiries": "concerns are not
/// substantiated", "concerns of significant harm are substantiated, but the child is not judged
/// to be at continuing risk of significant harm", or "the child is judged to be at continuing risk
/// of significant harm", when "the social worker's manager should convene an initial child
/// protection conference".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum EnquiryOutcome {
    NotSubstantiated,
    SubstantiatedNoContinuingRisk,
    ContinuingRisk,
}

vocab!(EnquiryOutcome, "outcome of a section 47 enquiry", [
    EnquiryOutcome::NotSubstantiated => ("not-substantiated", "Concerns not substantiated"),
    EnquiryOutcome::SubstantiatedNoContinuingRisk => ("substantiated-no-continuing-risk", "Concerns substantiated, but the child is not judged to be at continuing risk of significant harm"),
    EnquiryOutcome::ContinuingRisk => ("continuing-risk", "The child is judged to be at continuing risk of significant harm: an initial child protection conference"),
]);

impl EnquiryOutcome {
    /// Census `ICPCnotRequired`: every outcome but continuing risk ends the enquiry without an
    /// initial conference.
    pub fn conference_not_required(self) -> bool {
        self != EnquiryOutcome::ContinuingRisk
    }
}

/// A partner agency's request for a conference that the council declines (Working Together 2018
/// ch.1: agencies may escalate through the local safeguarding arrangements).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct DeclinedRequest {
    pub agency: String,
    pub reason: String,
    /// How the agency can take it further (the escalation route).
    pub escalation: String,
}

/// The enquiry's conclusion as the worker records it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conclusion {
    pub outcome: EnquiryOutcome,
    pub concluded_on: NaiveDate,
    pub child_seen: bool,
    pub child_seen_alone: bool,
    /// Everyone spoken to (the child, parents, other children, agencies), in words.
    pub spoken_to: String,
    /// What support follows (needed when concerns are not substantiated or there is no
    /// continuing risk: Working Together asks that the family's needs are still considered).
    pub support_follows: String,
    /// Why the child was not seen, or not seen alone, when so.
    pub not_seen_reason: String,
    pub declined_request: Option<DeclinedRequest>,
}

/// Checks the conclusion against the enquiry's start (the initiating discussion) and today.
pub fn check_conclusion(
    c: &Conclusion,
    started_on: NaiveDate,
    today: NaiveDate,
) -> Result<(), ValidationErrors> {
    let mut e = ValidationErrors::default();
    if c.concluded_on < started_on {
        e.add(
            "concluded_on",
            "before_start",
            format!(
                "The enquiry cannot end before it started on {}",
                crate::uk_time::format_date(started_on)
            ),
        );
    }
    if c.concluded_on > today {
        e.add(
            "concluded_on",
            "future_date",
            "The enquiry's outcome cannot be dated in the future",
        );
    }
    if c.child_seen_alone && !c.child_seen {
        e.add(
            "child_seen_alone",
            "seen_alone_not_seen",
            "The child cannot be seen alone without being seen",
        );
    }
    if (!c.child_seen || !c.child_seen_alone) && c.not_seen_reason.trim().is_empty() {
        e.add(
            "not_seen_reason",
            "required",
            "Say why the child was not seen, or not seen alone, during the enquiry",
        );
    }
    if c.spoken_to.trim().is_empty() {
        e.add(
            "spoken_to",
            "required",
            "Record who was spoken to (the child, the parents, other children and agencies)",
        );
    }
    if c.outcome.conference_not_required() && c.support_follows.trim().is_empty() {
        e.add(
            "support_follows",
            "required",
            "Say what support follows for the child and family (for example a child in need plan, early help or none, with why)",
        );
    }
    if let Some(d) = &c.declined_request {
        if c.outcome == EnquiryOutcome::ContinuingRisk {
            e.add(
                "declined_request",
                "not_declined",
                "A conference is being convened, so no request for one was declined",
            );
        }
        for (field, value, what) in [
            ("declined_request.agency", &d.agency, "Name the agency that asked for a conference"),
            ("declined_request.reason", &d.reason, "Say why the request for a conference was declined"),
            ("declined_request.escalation", &d.escalation, "Say how the agency can escalate (the local safeguarding partnership's escalation route)"),
        ] {
            if value.trim().is_empty() {
                e.add(field, "required", what);
            }
        }
        check_len(
            &mut e,
            "declined_request.agency",
            "The agency",
            d.agency.trim(),
            PARAGRAPH,
        );
        check_narrative(
            &mut e,
            "declined_request.reason",
            "The reason",
            d.reason.trim(),
        );
        check_narrative(
            &mut e,
            "declined_request.escalation",
            "The escalation route",
            d.escalation.trim(),
        );
    }
    check_narrative(&mut e, "spoken_to", "Who was spoken to", c.spoken_to.trim());
    check_narrative(
        &mut e,
        "support_follows",
        "What support follows",
        c.support_follows.trim(),
    );
    check_narrative(
        &mut e,
        "not_seen_reason",
        "The reason",
        c.not_seen_reason.trim(),
    );
    e.into_result(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_default()
    }

    fn concluded(outcome: EnquiryOutcome) -> Conclusion {
        Conclusion {
            outcome,
            concluded_on: d("2026-11-27"),
            child_seen: true,
            child_seen_alone: true,
            spoken_to: "Child alone at school; mother; father; school DSL; GP".into(),
            support_follows: String::new(),
            not_seen_reason: String::new(),
            declined_request: None,
        }
    }

    // Working Together 2018 ch.1: "Where concerns are not substantiated ... discuss the case with
    // the child, parents and other professionals; determine whether support from any services
    // may be helpful".
    #[test]
    fn an_outcome_without_a_conference_says_what_support_follows() {
        let start = d("2026-11-20");
        let today = d("2026-11-30");
        let e = check_conclusion(&concluded(EnquiryOutcome::NotSubstantiated), start, today)
            .unwrap_err();
        assert_eq!(e.0[0].field, "support_follows");
        assert!(check_conclusion(&concluded(EnquiryOutcome::ContinuingRisk), start, today).is_ok());
        assert!(EnquiryOutcome::SubstantiatedNoContinuingRisk.conference_not_required());
        assert!(!EnquiryOutcome::ContinuingRisk.conference_not_required());
    }

    #[test]
    fn dates_and_the_child_seen_are_checked() {
        let mut c = concluded(EnquiryOutcome::ContinuingRisk);
        c.concluded_on = d("2026-11-19");
        c.child_seen_alone = false;
        let e = check_conclusion(&c, d("2026-11-20"), d("2026-11-30")).unwrap_err();
        let codes: Vec<_> = e.0.iter().map(|x| (x.field.as_str(), x.code)).collect();
        assert_eq!(
            codes,
            vec![
                ("concluded_on", "before_start"),
                ("not_seen_reason", "required")
            ]
        );
    }

    #[test]
    fn a_declined_request_needs_the_agency_reason_and_escalation_route() {
        let mut c = concluded(EnquiryOutcome::SubstantiatedNoContinuingRisk);
        c.support_follows = "Child in need plan".into();
        c.declined_request = Some(DeclinedRequest {
            agency: "Oak Primary".into(),
            ..Default::default()
        });
        let e = check_conclusion(&c, d("2026-11-20"), d("2026-11-30")).unwrap_err();
        let fields: Vec<_> = e.0.iter().map(|x| x.field.as_str()).collect();
        assert_eq!(
            fields,
            vec!["declined_request.reason", "declined_request.escalation"]
        );
    }
}
