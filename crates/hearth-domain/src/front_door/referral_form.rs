//! The multi-agency referral form (seed 000 §4.2): everything a referrer should give. A draft may
//! hold anything typed so far (it is saved as the user types); submitting checks it whole and
//! reports every problem at once.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::codes::{Ethnicity, ReferralSource, Sex};
use crate::errors::ValidationErrors;
use crate::front_door::consent::{parse_consent, Consent};
use crate::front_door::contact::Urgency;
use crate::front_door::form_child::{
    join_names, other_child_prefix, other_child_who, FormChild, SubmittedChild, MAX_OTHER_CHILDREN,
};
use crate::limits::{self, check_len};

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
    /// Further children of the same household (at most 10), each with
    /// their own details; the household's facts above are shared. Absent in older drafts.
    pub other_children: Vec<FormChild>,
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
    /// The further children, in the form's order.
    pub other_children: Vec<SubmittedChild>,
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
        if self.other_children.len() > MAX_OTHER_CHILDREN {
            e.add(
                "other_children",
                "too_many",
                format!(
                    "One referral can name at most {} children; refer the others on another form",
                    MAX_OTHER_CHILDREN + 1
                ),
            );
        }
        for (i, c) in self.other_children.iter().enumerate() {
            c.check_sizes(&other_child_prefix(i), &mut e);
        }
        e.into_result(())
    }

    /// The first child named on the form, as a [`FormChild`].
    pub fn first_child(&self) -> FormChild {
        FormChild {
            child_given_names: self.child_given_names.clone(),
            child_family_name: self.child_family_name.clone(),
            child_aliases: self.child_aliases.clone(),
            child_date_of_birth: self.child_date_of_birth.clone(),
            child_expected_date_of_delivery: self.child_expected_date_of_delivery.clone(),
            child_sex: self.child_sex.clone(),
            child_gender_identity: self.child_gender_identity.clone(),
            ethnicity: self.ethnicity.clone(),
            communication_needs: self.communication_needs.clone(),
            disability: self.disability.clone(),
        }
    }

    /// Every child the form names, the first child first.
    pub fn children(&self) -> Vec<FormChild> {
        std::iter::once(self.first_child())
            .chain(self.other_children.iter().cloned())
            .collect()
    }

    /// Every child's name, joined for a sentence ("Jo Example and Sam Example").
    pub fn children_names(&self) -> String {
        join_names(
            &self
                .children()
                .iter()
                .map(FormChild::name)
                .collect::<Vec<_>>(),
        )
    }

    /// The name the front door sees for the child.
    pub fn child_name(&self) -> String {
        self.first_child().name()
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
        let first = self.first_child().check("", "the child", today, &mut e);
        let others: Vec<SubmittedChild> = self
            .other_children
            .iter()
            .enumerate()
            .map(|(i, c)| c.check(&other_child_prefix(i), &other_child_who(i), today, &mut e))
            .collect();
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
                date_of_birth: first.date_of_birth,
                expected_date_of_delivery: first.expected_date_of_delivery,
                sex: first.sex,
                ethnicity: first.ethnicity,
                consent,
                urgency: if self.immediate_risk {
                    Urgency::Immediate
                } else {
                    Urgency::Routine
                },
                other_children: others,
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

    fn sibling(given: &str, dob: &str) -> FormChild {
        FormChild {
            child_given_names: given.into(),
            child_family_name: "Example".into(),
            child_date_of_birth: dob.into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_form_names_further_children_each_checked_under_their_own_fields() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
        let mut f = complete();
        f.other_children = vec![
            sibling("Sam", "2020-06-01"),
            FormChild {
                child_given_names: "Alex".into(),
                child_date_of_birth: "2031-01-01".into(),
                child_sex: "7".into(),
                ethnicity: "WBRI".into(),
                ..Default::default()
            },
            FormChild::default(),
        ];
        let e = f.check_submission(today).unwrap_err();
        let mut got: Vec<(&str, &str)> = e.0.iter().map(|x| (x.field.as_str(), x.code)).collect();
        got.sort_unstable();
        assert_eq!(
            got,
            vec![
                ("other_children[1].child_date_of_birth", "future_date"),
                ("other_children[1].child_family_name", "required"),
                ("other_children[1].child_sex", "unknown_code"),
                ("other_children[2].child_date_of_birth", "required"),
                ("other_children[2].child_family_name", "required"),
                ("other_children[2].child_given_names", "required"),
            ]
        );
        let msg = |field: &str| {
            e.0.iter()
                .find(|x| x.field == field)
                .map(|x| x.message.clone())
                .unwrap()
        };
        assert_eq!(
            msg("other_children[1].child_family_name"),
            "Enter child 3's family name"
        );
        assert_eq!(
            msg("other_children[2].child_given_names"),
            "Enter child 4's given names (or \"Unborn\" for an unborn baby)"
        );

        f.other_children = vec![sibling("Sam", "2020-06-01"), sibling("Alex", "2022-02-28")];
        let s = f.check_submission(today).unwrap();
        assert_eq!(s.other_children.len(), 2);
        assert_eq!(
            s.other_children[1].date_of_birth,
            NaiveDate::from_ymd_opt(2022, 2, 28)
        );
        assert_eq!(
            f.children_names(),
            "Jo Example, Sam Example and Alex Example"
        );
    }

    #[test]
    fn a_further_unborn_child_gives_an_expected_date_and_a_bad_date_is_named() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
        let mut f = complete();
        f.other_children = vec![FormChild {
            child_given_names: "Unborn".into(),
            child_family_name: "Example".into(),
            child_expected_date_of_delivery: "2027-02-30".into(),
            ..Default::default()
        }];
        let e = f.check_submission(today).unwrap_err();
        assert_eq!(e.0.len(), 1);
        assert_eq!(
            (e.0[0].field.as_str(), e.0[0].code, e.0[0].message.as_str()),
            (
                "other_children[0].child_expected_date_of_delivery",
                "invalid_date",
                "The expected date of delivery of child 2 must be a real date, for example 27 3 2019"
            )
        );
        f.other_children[0].child_expected_date_of_delivery = "2027-02-14".into();
        assert!(f.check_submission(today).is_ok());
    }

    #[test]
    fn drafts_keep_half_typed_children_but_not_too_many_or_too_long() {
        let mut f = ReferralForm {
            other_children: vec![FormChild {
                child_given_names: "Sam".into(),
                child_date_of_birth: "2020--".into(),
                ..Default::default()
            }],
            ..Default::default()
        };
        assert!(f.check_draft().is_ok());
        f.other_children[0].child_family_name = "n".repeat(201);
        let e = f.check_draft().unwrap_err();
        assert_eq!(
            (e.0[0].field.as_str(), e.0[0].message.as_str()),
            (
                "other_children[0].child_family_name",
                "This field must be 200 characters or fewer"
            )
        );
        f.other_children = vec![FormChild::default(); MAX_OTHER_CHILDREN];
        assert!(f.check_draft().is_ok());
        f.other_children.push(FormChild::default());
        let e = f.check_draft().unwrap_err();
        assert_eq!(
            (e.0[0].field.as_str(), e.0[0].code, e.0[0].message.as_str()),
            (
                "other_children",
                "too_many",
                "One referral can name at most 11 children; refer the others on another form"
            )
        );
    }

    #[test]
    fn an_old_draft_without_further_children_still_loads() {
        let f: ReferralForm =
            serde_json::from_str(r#"{"child_given_names":"Jo","immediate_risk":true}"#).unwrap();
        assert!(f.other_children.is_empty());
        assert_eq!(f.children_names(), "Jo");
    }
}
