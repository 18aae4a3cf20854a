//! Consent to a referral and to enquiries with other agencies (seed 004): given, refused or not
//! sought, with why; overriding a refusal needs a manager's authorisation with reasons, unless
//! significant harm is suspected and the section 47 route records why consent is not needed.

use serde::{Deserialize, Serialize};

use crate::errors::ValidationErrors;
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
    /// Significant harm is suspected (section 47): consent is not required; record why.
    SignificantHarm { why_consent_not_needed: String },
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
                why_consent_not_needed,
            }),
        ) => {
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
}
