//! Codes and words for the front door's vocabularies: how a contact arrived, its urgency and
//! outcomes, and the referral outcomes. Codes are the kebab-case names the API carries.

use serde::{Deserialize, Serialize};

use crate::front_door::contact::{ContactOutcome, Urgency};
use crate::front_door::decision::{ReferralOutcome, ThresholdLevel};

/// How the contact reached the front door.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ContactMethod {
    Phone,
    Email,
    InPerson,
    Letter,
    /// The multi-agency referral form, online.
    ReferralForm,
    /// Passed on by the police (e.g. a domestic abuse notification).
    PoliceNotification,
}

vocab!(ContactMethod, "contact method", [
    ContactMethod::Phone => ("phone", "Telephone"),
    ContactMethod::Email => ("email", "Email"),
    ContactMethod::InPerson => ("in-person", "In person"),
    ContactMethod::Letter => ("letter", "Letter"),
    ContactMethod::ReferralForm => ("referral-form", "Multi-agency referral form"),
    ContactMethod::PoliceNotification => ("police-notification", "Police notification"),
]);

vocab!(Urgency, "urgency", [
    Urgency::Immediate => ("immediate", "Immediate – a child may need protecting now"),
    Urgency::Urgent => ("urgent", "Urgent – today"),
    Urgency::Routine => ("routine", "Routine"),
]);

vocab!(ContactOutcome, "contact outcome", [
    ContactOutcome::AdviceOrSignposting => ("advice-or-signposting", "Advice or signposting"),
    ContactOutcome::EarlyHelp => ("early-help", "Early help"),
    ContactOutcome::NoFurtherAction => ("no-further-action", "No further action"),
    ContactOutcome::ExistingOpenCase => ("existing-open-case", "Passed to the existing open case"),
    ContactOutcome::BecomesReferral => ("becomes-referral", "Becomes a referral"),
    ContactOutcome::CpEnquiry => ("cp-enquiry", "Child protection enquiry"),
]);

vocab!(ReferralOutcome, "referral outcome", [
    ReferralOutcome::ImmediateProtection => ("immediate-protection", "Immediate protection"),
    ReferralOutcome::Assessment => ("assessment", "Child and family assessment (section 17)"),
    ReferralOutcome::StrategyDiscussion => ("strategy-discussion", "Strategy discussion (section 47)"),
    ReferralOutcome::Services => ("services", "Provision of services"),
    ReferralOutcome::SpecialistAssessment => ("specialist-assessment", "Specialist assessment"),
    ReferralOutcome::Accommodation => ("accommodation-s20", "Accommodation (section 20)"),
    ReferralOutcome::LegalAction => ("legal-action", "Legal action"),
    ReferralOutcome::ReferToOtherAgency => ("refer-to-other-agency", "Refer to another agency"),
    ReferralOutcome::NoFurtherAction => ("no-further-action", "No further action, with signposting"),
]);

vocab!(ThresholdLevel, "level of concern", [
    ThresholdLevel::Concerns => ("concerns", "Concerns"),
    ThresholdLevel::Moderate => ("moderate", "Moderate concerns"),
    ThresholdLevel::Serious => ("serious", "Serious concerns"),
]);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_match_serde() {
        for o in ReferralOutcome::ALL {
            assert_eq!(ReferralOutcome::parse(o.code()), Ok(*o));
            assert_eq!(
                serde_json::to_value(o).unwrap(),
                serde_json::Value::String(o.code().into())
            );
        }
        for o in ContactOutcome::ALL {
            assert_eq!(
                serde_json::to_value(o).unwrap(),
                serde_json::Value::String(o.code().into())
            );
        }
        for m in ContactMethod::ALL {
            assert_eq!(
                serde_json::to_value(m).unwrap(),
                serde_json::Value::String(m.code().into())
            );
        }
        assert!(Urgency::parse("soon")
            .unwrap_err()
            .contains("immediate, urgent, routine"));
    }
}
