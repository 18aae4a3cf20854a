//! Consent to a referral and to enquiries with other agencies (seed 004): given, refused or not
//! sought, with why; overriding a refusal needs a manager's authorisation with reasons, unless
//! significant harm is suspected and the section 47 route records why consent is not needed.

use serde::{Deserialize, Serialize};

use crate::errors::ValidationErrors;
use crate::front_door::decision::ReferralOutcome;
use crate::ids::UserId;
use crate::limits::check_narrative;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "kebab-case")]
pub enum Consent {
    Given,
    Refused { why: String },
    NotSought { why: String },
}

impl Consent {
    pub fn code(&self) -> &'static str {
        match self {
            Consent::Given => "given",
            Consent::Refused { .. } => "refused",
            Consent::NotSought { .. } => "not-sought",
        }
    }

    /// Plain words for a page or letter.
    pub fn describe(&self) -> String {
        match self {
            Consent::Given => "Given, to the referral and to enquiries with other agencies".into(),
            Consent::Refused { why } => format!("Refused: {why}"),
            Consent::NotSought { why } => format!("Not sought: {why}"),
        }
    }
}

/// Reads consent as typed (`given`, `refused`, `not-sought`, with why), adding any problem to `e`
/// under `field` and `field_why`.
pub fn parse_consent(
    field: &str,
    status: &str,
    why: &str,
    e: &mut ValidationErrors,
) -> Option<Consent> {
    let why = why.trim().to_string();
    let why_field = format!("{field}_why");
    if !check_narrative(e, &why_field, "Why consent was refused or not sought", &why) {
        return None;
    }
    match status.trim() {
        "given" => Some(Consent::Given),
        "refused" | "not-sought" if why.is_empty() => {
            e.add(
                &why_field,
                "required",
                "Say why consent was refused or not sought",
            );
            None
        }
        "refused" => Some(Consent::Refused { why }),
        "not-sought" => Some(Consent::NotSought { why }),
        "" => {
            e.add(
                field,
                "required",
                "Say whether the family consented to the referral and to enquiries with other agencies",
            );
            None
        }
        _ => {
            e.add(
                field,
                "unknown_code",
                "Consent must be given, refused or not-sought",
            );
            None
        }
    }
}

/// Sharing information with other agencies when consent was not given.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "basis", rename_all = "kebab-case")]
pub enum SharingWithoutConsent {
    /// A manager authorised it, with reasons.
    ManagerAuthorised { manager: UserId, reasons: String },
    /// Significant harm is suspected (section 47): consent is not sought, and a manager
    /// authorises the discussion with reasons (seed 004: "the manager should authorise the
    /// discussion of the Referral with other agencies without parental knowledge or consent. The
    /// authorisation should be recorded with reasons"). Records made before the manager was
    /// required have none.
    SignificantHarm {
        #[serde(default)]
        manager: Option<UserId>,
        why_consent_not_needed: String,
    },
}

/// Checks consent and, where it was not given, the basis for sharing anyway.
/// `manager_ids` are users who hold a manager role (the caller looks them up).
pub fn check_sharing(
    consent: &Consent,
    sharing: Option<&SharingWithoutConsent>,
    is_manager: impl Fn(UserId) -> bool,
) -> Result<(), ValidationErrors> {
    let mut e = ValidationErrors::default();
    match consent {
        Consent::Refused { why } | Consent::NotSought { why } if why.trim().is_empty() => {
            e.add(
                "consent.why",
                "required",
                "Record why consent was refused or not sought",
            );
        }
        _ => {}
    }
    match (consent, sharing) {
        (Consent::Given, Some(_)) => e.add(
            "sharing",
            "not_needed",
            "Consent was given, so no authorisation to share without it is needed",
        ),
        (Consent::Refused { .. } | Consent::NotSought { .. }, None) => {}
        (_, Some(SharingWithoutConsent::ManagerAuthorised { manager, reasons })) => {
            if !is_manager(*manager) {
                e.add(
                    "sharing.manager",
                    "manager_required",
                    "Sharing without consent must be authorised by a team or service manager",
                );
            }
            if reasons.trim().is_empty() {
                e.add(
                    "sharing.reasons",
                    "required",
                    "Record the manager's reasons for sharing without consent",
                );
            }
            check_narrative(&mut e, "sharing.reasons", "The reasons", reasons.trim());
        }
        (
            _,
            Some(SharingWithoutConsent::SignificantHarm {
                manager,
                why_consent_not_needed,
            }),
        ) => {
            if !manager.is_some_and(&is_manager) {
                e.add(
                    "sharing.manager",
                    "manager_required",
                    "Discussing the referral with other agencies without the family's knowledge, because of significant harm, must be authorised by a team or service manager with reasons (seed 004)",
                );
            }
            if why_consent_not_needed.trim().is_empty() {
                e.add(
                    "sharing.why_consent_not_needed",
                    "required",
                    "Record why significant harm means consent is not needed",
                );
            }
            check_narrative(
                &mut e,
                "sharing.why_consent_not_needed",
                "The reasons",
                why_consent_not_needed.trim(),
            );
        }
        (Consent::Given, None) => {}
    }
    e.into_result(())
}

/// Seed 001: "If parents refuse consent … this refusal should be accepted and recorded. If it is
/// considered that the child is likely to suffer significant harm without social work
/// intervention, then assessment should be carried out under Section 47 … Consent is then not
/// required, but parents should be informed of the change of approach and the reasons for the
/// concerns." Refused consent blocks work that needs the parents' agreement (an assessment under
/// section 17, services, accommodation under section 20) unless the route moves to section 47 (a
/// strategy discussion, or immediate protection), with the reasons recorded and what the parents
/// were told.
pub fn check_route(
    consent: &Consent,
    outcomes: &[ReferralOutcome],
    s47_reasons: &str,
    parents_told: &str,
) -> Result<(), ValidationErrors> {
    let mut e = ValidationErrors::default();
    if !matches!(consent, Consent::Refused { .. }) {
        return Ok(());
    }
    let s47 = outcomes.iter().any(|o| o.opens_strategy_discussion());
    let needs_agreement = outcomes.iter().any(|o| {
        matches!(
            o,
            ReferralOutcome::Assessment
                | ReferralOutcome::SpecialistAssessment
                | ReferralOutcome::Services
                | ReferralOutcome::Accommodation
        )
    });
    if needs_agreement && !s47 {
        e.add(
            "outcomes",
            "consent_refused",
            "The parents refused consent, so an assessment under section 17, services or accommodation cannot go ahead with their refusal on record (seed 001). If the child is likely to suffer significant harm, choose a strategy discussion (section 47) and record why, and what the parents were told",
        );
    }
    if s47 {
        if s47_reasons.trim().is_empty() {
            e.add(
                "consent_override_reasons",
                "required",
                "The parents refused consent: record why the child is likely to suffer significant harm, so the enquiry goes ahead under section 47 without it",
            );
        }
        if parents_told.trim().is_empty() {
            e.add(
                "parents_told",
                "required",
                "Record how the parents were told of the change of approach and the reasons for the concerns (seed 001)",
            );
        }
    }
    check_narrative(
        &mut e,
        "consent_override_reasons",
        "The reasons",
        s47_reasons.trim(),
    );
    check_narrative(
        &mut e,
        "parents_told",
        "What the parents were told",
        parents_told.trim(),
    );
    e.into_result(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overriding_consent_needs_a_manager_and_reasons() {
        let manager = UserId::new();
        let worker = UserId::new();
        let is_manager = |u: UserId| u == manager;
        let refused = Consent::Refused {
            why: "Mother does not want school involved".into(),
        };
        assert!(check_sharing(&refused, None, is_manager).is_ok());
        let by_worker = SharingWithoutConsent::ManagerAuthorised {
            manager: worker,
            reasons: "Risk to child".into(),
        };
        assert_eq!(
            check_sharing(&refused, Some(&by_worker), is_manager)
                .unwrap_err()
                .0[0]
                .code,
            "manager_required"
        );
        let no_reason = SharingWithoutConsent::ManagerAuthorised {
            manager,
            reasons: " ".into(),
        };
        assert_eq!(
            check_sharing(&refused, Some(&no_reason), is_manager)
                .unwrap_err()
                .0[0]
                .field,
            "sharing.reasons"
        );
        let ok = SharingWithoutConsent::ManagerAuthorised {
            manager,
            reasons: "Risk of significant harm".into(),
        };
        assert!(check_sharing(&refused, Some(&ok), is_manager).is_ok());
    }

    #[test]
    fn significant_harm_records_why_and_refusals_record_why() {
        let s47 = SharingWithoutConsent::SignificantHarm {
            manager: None,
            why_consent_not_needed: String::new(),
        };
        assert!(check_sharing(
            &Consent::NotSought {
                why: "Would place child at risk".into()
            },
            Some(&s47),
            |_| false
        )
        .is_err());
        assert_eq!(
            check_sharing(&Consent::Refused { why: String::new() }, None, |_| false)
                .unwrap_err()
                .0[0]
                .field,
            "consent.why"
        );
    }

    // Seed 004: "unless to do so may place the child at risk of Significant Harm, in which case
    // the manager should authorise the discussion of the Referral with other agencies without
    // parental knowledge or consent. The authorisation should be recorded with reasons."
    #[test]
    fn the_significant_harm_basis_needs_a_manager_too() {
        let manager = UserId::new();
        let worker = UserId::new();
        let is_manager = |u: UserId| u == manager;
        let not_sought = Consent::NotSought {
            why: "Asking would alert the alleged abuser".into(),
        };
        let by_worker = SharingWithoutConsent::SignificantHarm {
            manager: Some(worker),
            why_consent_not_needed: "Disclosure of abuse by the father".into(),
        };
        let e = check_sharing(&not_sought, Some(&by_worker), is_manager).unwrap_err();
        assert_eq!(
            (e.0[0].field.as_str(), e.0[0].code),
            ("sharing.manager", "manager_required")
        );
        let by_manager = SharingWithoutConsent::SignificantHarm {
            manager: Some(manager),
            why_consent_not_needed: "Disclosure of abuse by the father".into(),
        };
        assert!(check_sharing(&not_sought, Some(&by_manager), is_manager).is_ok());
    }

    // Seed 001: "If parents refuse consent … this refusal should be accepted and recorded. If it
    // is considered that the child is likely to suffer significant harm … assessment should be
    // carried out under Section 47 … but parents should be informed of the change of approach and
    // the reasons for the concerns."
    #[test]
    fn refused_consent_blocks_section_17_unless_the_route_moves_to_section_47() {
        use ReferralOutcome::*;
        let refused = Consent::Refused {
            why: "Father will not agree to any assessment".into(),
        };
        let e = check_route(&refused, &[Assessment], "", "").unwrap_err();
        assert_eq!(
            (e.0[0].field.as_str(), e.0[0].code),
            ("outcomes", "consent_refused")
        );
        assert!(check_route(&refused, &[Services], "", "").is_err());
        assert!(check_route(&refused, &[NoFurtherAction], "", "").is_ok());
        let e = check_route(&refused, &[StrategyDiscussion, Assessment], "", "").unwrap_err();
        let fields: Vec<&str> = e.0.iter().map(|f| f.field.as_str()).collect();
        assert_eq!(fields, vec!["consent_override_reasons", "parents_told"]);
        assert!(check_route(
            &refused,
            &[StrategyDiscussion, Assessment],
            "Bruising to a baby",
            "Mother told by phone that police and health will be consulted, and why"
        )
        .is_ok());
        assert!(check_route(&Consent::Given, &[Assessment], "", "").is_ok());
    }
}
