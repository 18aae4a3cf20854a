//! One child named on the multi-agency referral form. A form names a first child and up to
//! [`MAX_OTHER_CHILDREN`] more of the same household; the household's facts (address, parents
//! and carers, concerns) are given once for all of them, and each child's own facts here.
//! Each child's problems are reported under the child's own field names
//! (`other_children[1].child_date_of_birth`), so a page can show them beside the right box.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::codes::{Ethnicity, Sex};
use crate::errors::ValidationErrors;
use crate::limits::{self, check_date_range, check_len};

/// The most further children one form may name (a household larger than this is referred on
/// two forms).
pub const MAX_OTHER_CHILDREN: usize = 10;

/// A further child of the household, as typed. Every field is optional in a draft.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(default, deny_unknown_fields)]
pub struct FormChild {
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
    /// Census ethnicity code.
    pub ethnicity: String,
    pub communication_needs: String,
    pub disability: String,
}

/// What a complete child gives the front door, typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubmittedChild {
    pub date_of_birth: Option<NaiveDate>,
    pub expected_date_of_delivery: Option<NaiveDate>,
    pub sex: Option<Sex>,
    pub ethnicity: Option<Ethnicity>,
}

fn blank(s: &str) -> bool {
    s.trim().is_empty()
}

impl FormChild {
    /// The child's name as the referrer gave it.
    pub fn name(&self) -> String {
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

    /// Nothing typed for this child yet.
    pub fn is_blank(&self) -> bool {
        *self == Self::default()
    }

    fn texts(&self) -> [(&'static str, &str); 10] {
        [
            ("child_given_names", &self.child_given_names),
            ("child_family_name", &self.child_family_name),
            ("child_aliases", &self.child_aliases),
            ("child_date_of_birth", &self.child_date_of_birth),
            (
                "child_expected_date_of_delivery",
                &self.child_expected_date_of_delivery,
            ),
            ("child_sex", &self.child_sex),
            ("child_gender_identity", &self.child_gender_identity),
            ("ethnicity", &self.ethnicity),
            ("communication_needs", &self.communication_needs),
            ("disability", &self.disability),
        ]
    }

    /// A draft's only check: sizes, each under `prefix` + the field's name.
    pub fn check_sizes(&self, prefix: &str, e: &mut ValidationErrors) {
        for (k, v) in self.texts() {
            check_len(
                e,
                &format!("{prefix}{k}"),
                "This field",
                v,
                super::referral_form::max_chars(k),
            );
        }
    }

    /// Checks the child for submission. `prefix` names the fields (`""` for the first child,
    /// `other_children[0].` for the next) and `who` names the child in messages ("the child",
    /// "child 2").
    pub fn check(
        &self,
        prefix: &str,
        who: &str,
        today: NaiveDate,
        e: &mut ValidationErrors,
    ) -> SubmittedChild {
        let f = |k: &str| format!("{prefix}{k}");
        if blank(&self.child_given_names) {
            e.add(
                &f("child_given_names"),
                "required",
                format!("Enter {who}'s given names (or \"Unborn\" for an unborn baby)"),
            );
        }
        if blank(&self.child_family_name) {
            e.add(
                &f("child_family_name"),
                "required",
                format!("Enter {who}'s family name"),
            );
        }
        let date = |field: &str, label: &str, s: &str, e: &mut ValidationErrors| {
            if blank(s) {
                return None;
            }
            let d = NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok();
            if d.is_none() {
                e.add(
                    &f(field),
                    "invalid_date",
                    format!("{label} of {who} must be a real date, for example 27 3 2019"),
                );
            }
            d
        };
        let dob = date(
            "child_date_of_birth",
            "The date of birth",
            &self.child_date_of_birth,
            e,
        );
        let edd = date(
            "child_expected_date_of_delivery",
            "The expected date of delivery",
            &self.child_expected_date_of_delivery,
            e,
        );
        if blank(&self.child_date_of_birth) && blank(&self.child_expected_date_of_delivery) {
            e.add(
                &f("child_date_of_birth"),
                "required",
                format!("Enter {who}'s date of birth, or the expected date of delivery for an unborn child"),
            );
        }
        if dob.is_some_and(|d| d > today) {
            e.add(
                &f("child_date_of_birth"),
                "future_date",
                format!("The date of birth of {who} cannot be in the future; for an unborn child give the expected date of delivery"),
            );
        }
        if let Some(d) = dob {
            limits::check_not_too_early(e, &f("child_date_of_birth"), "The date of birth", d);
        }
        if let Some(d) = edd {
            check_date_range(
                e,
                &f("child_expected_date_of_delivery"),
                "The expected date of delivery",
                d,
                limits::Latest::Until(limits::delivery_horizon(today), "a year from today"),
            );
        }
        let sex = (!blank(&self.child_sex))
            .then(|| {
                Sex::parse(&self.child_sex)
                    .map_err(|err| e.add(&f("child_sex"), "unknown_code", err.to_string()))
                    .ok()
            })
            .flatten();
        let ethnicity = (!blank(&self.ethnicity))
            .then(|| {
                Ethnicity::parse(&self.ethnicity)
                    .map_err(|err| e.add(&f("ethnicity"), "unknown_code", err.to_string()))
                    .ok()
            })
            .flatten();
        SubmittedChild {
            date_of_birth: dob,
            expected_date_of_delivery: edd,
            sex,
            ethnicity,
        }
    }
}

/// The field-name prefix of the `i`th further child.
pub fn other_child_prefix(i: usize) -> String {
    format!("other_children[{i}].")
}

/// How messages name the `i`th further child (the first child named on the form is child 1).
pub fn other_child_who(i: usize) -> String {
    format!("child {}", i + 2)
}

/// Names joined for a sentence: "Jo", "Jo and Sam", "Jo, Sam and Alex".
pub fn join_names(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_join_for_a_sentence() {
        let n = |v: &[&str]| join_names(&v.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        assert_eq!(n(&[]), "");
        assert_eq!(n(&["Jo"]), "Jo");
        assert_eq!(n(&["Jo", "Sam"]), "Jo and Sam");
        assert_eq!(n(&["Jo", "Sam", "Alex"]), "Jo, Sam and Alex");
    }
}
