//! The multi-agency referral form (seed 000 §4.2): everything a referrer should give. A draft may
//! hold anything typed so far (it is saved as the user types); submitting checks it whole and
//! reports every problem at once.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::codes::{Ethnicity, ReferralSource, Sex};
use crate::errors::ValidationErrors;
use crate::front_door::consent::{parse_consent, Consent};
use crate::front_door::contact::Urgency;
use crate::limits::{self, check_date_range, check_len};
use crate::person::parse_date;

/// The longest text a single field may hold (a long chronology pasted in is still far below).
pub const MAX_FIELD_CHARS: usize = limits::NARRATIVE;

/// The most characters a field may hold: single-line fields (names, codes, dates as typed) are
/// short, an email address has its own limit, every other field is narrative.
pub fn max_chars(field: &str) -> usize {
    match field {
        "referrer_email" => limits::EMAIL,
        "referrer_name"
        | "referrer_role"
        | "referrer_agency"
        | "referrer_phone"
        | "source"
        | "child_given_names"
        | "child_family_name"
        | "child_date_of_birth"
        | "child_expected_date_of_delivery"
        | "child_sex"
        | "child_gender_identity"
        | "child_telephone"
        | "ethnicity"
        | "first_language"
        | "consent" => limits::SHORT,
        "child_aliases" => limits::PARAGRAPH,
        _ => MAX_FIELD_CHARS,
    }
}

/// The form as typed. Every field is optional in a draft.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(default, deny_unknown_fields)]
pub struct ReferralForm {
    /// Who is referring.
    pub referrer_name: String,
    pub referrer_role: String,
    pub referrer_agency: String,
    pub referrer_phone: String,
    pub referrer_email: String,
    /// Census referral-source code (e.g. 2A schools, 3A GP).
    pub source: String,
    pub child_given_names: String,
    pub child_family_name: String,
    pub child_aliases: String,
    /// ISO 8601 (YYYY-MM-DD).
    pub child_date_of_birth: String,
    /// For an unborn child, ISO 8601.
    pub child_expected_date_of_delivery: String,
    /// Census sex code (1 male, 2 female, 0 not known, 9 not specified).
    pub child_sex: String,
    pub child_gender_identity: String,
    pub child_address: String,
    pub child_telephone: String,
    /// Names and addresses of people with parental responsibility and other carers.
    pub parents_and_carers: String,
    /// Census ethnicity code.
    pub ethnicity: String,
    /// The child's and parents' first language.
    pub first_language: String,
    pub communication_needs: String,
    pub disability: String,
    pub siblings_and_others: String,
    pub professionals_involved: String,
    pub support_given: String,
    /// `given`, `refused` or `not-sought`.
    pub consent: String,
    /// Why consent was refused or not sought.
    pub consent_why: String,
    pub family_expectations: String,
    /// Reasons for concern against the assessment-framework domains.
    pub concerns_child_development: String,
    pub concerns_parenting_capacity: String,
    pub concerns_family_environment: String,
    /// What the referrer expects children's social care to do.
    pub referrer_expects: String,
    /// The referrer believes the child may need protecting today.
    pub immediate_risk: bool,
}

/// What a complete form gives the front door, typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Submission {
    pub source: ReferralSource,
    pub date_of_birth: Option<NaiveDate>,
    pub expected_date_of_delivery: Option<NaiveDate>,
    pub sex: Option<Sex>,
    pub ethnicity: Option<Ethnicity>,
    pub consent: Consent,
    pub urgency: Urgency,
}

fn blank(s: &str) -> bool {
    s.trim().is_empty()
}

impl ReferralForm {
    /// Checks a draft can be kept: only sizes ([`max_chars`]), so nothing else typed is ever
    /// refused.
    pub fn check_draft(&self) -> Result<(), ValidationErrors> {
        let mut e = ValidationErrors::default();
        let v = serde_json::to_value(self).unwrap_or_default();
        if let Some(map) = v.as_object() {
            for (k, val) in map {
                if let Some(s) = val.as_str() {
                    check_len(&mut e, k, "This field", s, max_chars(k));
                }
            }
        }
        e.into_result(())
    }

    /// The name the front door sees for the child.
    pub fn child_name(&self) -> String {
        let n = format!(
            "{} {}",
            self.child_given_names.trim(),
            self.child_family_name.trim()
        );
        let n = n.trim().to_string();
        if n.is_empty() {
            "(child not named yet)".into()
        } else {
            n
        }
    }

    /// A summary of the concerns for the front-door queue.
    pub fn concerns_summary(&self) -> String {
        [
            (
                "Child's developmental needs",
                &self.concerns_child_development,
            ),
            ("Parenting capacity", &self.concerns_parenting_capacity),
            (
                "Family and environmental factors",
                &self.concerns_family_environment,
            ),
        ]
        .iter()
        .filter(|(_, t)| !blank(t))
        .map(|(d, t)| format!("{d}: {}", t.trim()))
        .collect::<Vec<_>>()
        .join("\n")
    }

    /// Checks the whole form for submission, reporting every problem.
    pub fn check_submission(&self, today: NaiveDate) -> Result<Submission, ValidationErrors> {
        let mut e = ValidationErrors::default();
        if let Err(d) = self.check_draft() {
            e.0.extend(d.0);
        }
        let required = [
            ("referrer_name", &self.referrer_name, "Enter your name"),
            (
                "referrer_agency",
                &self.referrer_agency,
                "Enter your agency or organisation",
            ),
            (
                "child_given_names",
                &self.child_given_names,
                "Enter the child's given names (or \"Unborn\" for an unborn baby)",
            ),
            (
                "child_family_name",
                &self.child_family_name,
                "Enter the child's family name",
            ),
            (
                "child_address",
                &self.child_address,
                "Enter the child's current address, or say it is not known",
            ),
            (
                "referrer_expects",
                &self.referrer_expects,
                "Say what you expect children's social care to do",
            ),
        ];
        for (field, value, msg) in required {
            if blank(value) {
                e.add(field, "required", msg);
            }
        }
        if blank(&self.referrer_phone) && blank(&self.referrer_email) {
            e.add(
                "referrer_phone",
                "required",
                "Give a telephone number or email address so we can tell you what happens next",
            );
        }
        let source = if blank(&self.source) {
            e.add("source", "required", "Choose who is making the referral");
            None
        } else {
            match ReferralSource::parse(&self.source) {
                Ok(s) => Some(s),
                Err(err) => {
                    e.add(
                        "source",
                        "unknown_code",
                        format!("{err}; choose one from the list"),
                    );
                    None
                }
            }
        };
        let dob = (!blank(&self.child_date_of_birth))
            .then(|| {
                parse_date(
                    "child_date_of_birth",
                    "Date of birth",
                    &self.child_date_of_birth,
                    &mut e,
                )
            })
            .flatten();
        let edd = (!blank(&self.child_expected_date_of_delivery))
            .then(|| {
                parse_date(
                    "child_expected_date_of_delivery",
                    "Expected date of delivery",
                    &self.child_expected_date_of_delivery,
                    &mut e,
                )
            })
            .flatten();
        if blank(&self.child_date_of_birth) && blank(&self.child_expected_date_of_delivery) {
            e.add(
                "child_date_of_birth",
                "required",
                "Enter the child's date of birth, or the expected date of delivery for an unborn child",
            );
        }
        if dob.is_some_and(|d| d > today) {
            e.add(
                "child_date_of_birth",
                "future_date",
                "The date of birth cannot be in the future; for an unborn child give the expected date of delivery",
            );
        }
        if let Some(d) = dob {
            limits::check_not_too_early(&mut e, "child_date_of_birth", "The date of birth", d);
        }
        if let Some(d) = edd {
            check_date_range(
                &mut e,
                "child_expected_date_of_delivery",
                "The expected date of delivery",
                d,
                limits::Latest::Until(limits::delivery_horizon(today), "a year from today"),
            );
        }
        let sex = if blank(&self.child_sex) {
            None
        } else {
            match Sex::parse(&self.child_sex) {
                Ok(s) => Some(s),
                Err(err) => {
                    e.add("child_sex", "unknown_code", err.to_string());
                    None
                }
            }
        };
        let ethnicity = if blank(&self.ethnicity) {
            None
        } else {
            match Ethnicity::parse(&self.ethnicity) {
                Ok(s) => Some(s),
                Err(err) => {
                    e.add("ethnicity", "unknown_code", err.to_string());
                    None
                }
            }
        };
        let consent = parse_consent("consent", &self.consent, &self.consent_why, &mut e);
        if blank(&self.concerns_child_development)
            && blank(&self.concerns_parenting_capacity)
            && blank(&self.concerns_family_environment)
        {
            e.add(
                "concerns_child_development",
                "required",
                "Describe your concerns under at least one of the three assessment-framework domains",
            );
        }
        match (e.is_empty(), source, consent) {
            (true, Some(source), Some(consent)) => Ok(Submission {
                source,
                date_of_birth: dob,
                expected_date_of_delivery: edd,
                sex,
                ethnicity,
                consent,
                urgency: if self.immediate_risk {
                    Urgency::Immediate
                } else {
                    Urgency::Routine
                },
            }),
            _ => Err(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn complete() -> ReferralForm {
        ReferralForm {
            referrer_name: "Sam Teacher".into(),
            referrer_agency: "Oak Primary School".into(),
            referrer_email: "dsl@oak.example".into(),
            source: "2A".into(),
            child_given_names: "Jo".into(),
            child_family_name: "Example".into(),
            child_date_of_birth: "2018-03-04".into(),
            child_address: "1 Test Street".into(),
            consent: "given".into(),
            concerns_child_development: "Arrives hungry most days".into(),
            referrer_expects: "An assessment".into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_complete_form_submits() {
        let s = complete()
            .check_submission(NaiveDate::from_ymd_opt(2026, 11, 20).unwrap())
            .unwrap();
        assert_eq!(s.source, ReferralSource::S2A);
        assert_eq!(s.urgency, Urgency::Routine);
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let mut f = complete();
        f.source = "ZZ".into();
        f.consent = "refused".into();
        f.child_date_of_birth = "2030-01-01".into();
        f.concerns_child_development.clear();
        let e = f
            .check_submission(NaiveDate::from_ymd_opt(2026, 11, 20).unwrap())
            .unwrap_err();
        let codes: Vec<_> = e.0.iter().map(|x| (x.field.as_str(), x.code)).collect();
        assert!(codes.contains(&("source", "unknown_code")));
        assert!(codes.contains(&("consent_why", "required")));
        assert!(codes.contains(&("child_date_of_birth", "future_date")));
        assert!(codes.contains(&("concerns_child_development", "required")));
    }

    #[test]
    fn drafts_keep_anything_but_huge_text() {
        assert!(ReferralForm::default().check_draft().is_ok());
        let f = ReferralForm {
            support_given: "x".repeat(MAX_FIELD_CHARS + 1),
            ..Default::default()
        };
        assert_eq!(f.check_draft().unwrap_err().0[0].field, "support_given");
    }

    #[test]
    fn single_line_fields_are_short_and_name_their_limit() {
        let f = ReferralForm {
            referrer_name: "n".repeat(201),
            // 255 characters.
            referrer_email: format!("{}@example.org", "e".repeat(243)),
            support_given: "s".repeat(20_000),
            ..Default::default()
        };
        let e = f.check_draft().unwrap_err();
        let mut got: Vec<(&str, &str)> =
            e.0.iter()
                .map(|x| (x.field.as_str(), x.message.as_str()))
                .collect();
        got.sort_unstable();
        assert_eq!(
            got,
            vec![
                (
                    "referrer_email",
                    "This field must be 254 characters or fewer"
                ),
                (
                    "referrer_name",
                    "This field must be 200 characters or fewer"
                ),
            ]
        );
    }

    #[test]
    fn the_childs_dates_have_a_sane_range() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
        let mut f = complete();
        f.child_date_of_birth = "0000-01-01".into();
        let e = f.check_submission(today).unwrap_err();
        assert_eq!(e.0.len(), 1);
        assert_eq!(
            (e.0[0].field.as_str(), e.0[0].code, e.0[0].message.as_str()),
            (
                "child_date_of_birth",
                "too_early",
                "The date of birth must be on or after 1 January 1900"
            )
        );
        f.child_date_of_birth.clear();
        f.child_expected_date_of_delivery = "2027-11-21".into();
        let e = f.check_submission(today).unwrap_err();
        assert_eq!(
            (e.0[0].field.as_str(), e.0[0].code),
            ("child_expected_date_of_delivery", "too_late")
        );
        f.child_expected_date_of_delivery = "2027-05-01".into();
        assert!(f.check_submission(today).is_ok());
    }
}
