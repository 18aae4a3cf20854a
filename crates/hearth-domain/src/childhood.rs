//! Children only. Children Act 1989 s105(1): "'child' means, subject to paragraph 16 of Schedule 1,
//! a person under the age of eighteen". Referrals, episodes of need and assessments are for
//! children: a person is one on a date when they are not yet 18 on it, or not yet born (an unborn
//! child has an expected date of delivery and no date of birth).
//!
//! A person attains an age at the start of the anniversary of their birth (Family Law Reform Act
//! 1969 s9); someone born on 29 February has the anniversary on 1 March in a year that has none.

use chrono::{Datelike, NaiveDate};

use crate::errors::ValidationErrors;
use crate::person::PersonKind;
use crate::uk_time::format_date;

/// The age of majority: Children Act 1989 s105(1), "a person under the age of eighteen".
pub const AGE_OF_MAJORITY: i32 = 18;

/// What the record says about a person's age.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AgeEvidence {
    pub kind: PersonKind,
    pub date_of_birth: Option<NaiveDate>,
    pub expected_date_of_delivery: Option<NaiveDate>,
}

/// The day a person born on `dob` turns 18 (1 March for a 29 February birthday in a common year).
pub fn eighteenth_birthday(dob: NaiveDate) -> NaiveDate {
    let year = dob.year() + AGE_OF_MAJORITY;
    dob.with_year(year)
        .or_else(|| NaiveDate::from_ymd_opt(year, 3, 1))
        .unwrap_or(NaiveDate::MAX)
}

/// The age from which a young person is asked for their own consent (seed 001: "Young people of
/// an age of understanding, particularly those aged 16 or over should be asked for their consent
/// as well").
pub const OWN_CONSENT_AGE: i32 = 16;

impl AgeEvidence {
    /// Whether the person is a child of 16 or 17 on `on` (and so asked for their own consent).
    pub fn asked_own_consent_on(&self, on: NaiveDate) -> bool {
        self.is_child_on(on)
            && self.date_of_birth.is_some_and(|dob| {
                let year = dob.year() + OWN_CONSENT_AGE;
                let sixteenth = dob
                    .with_year(year)
                    .or_else(|| NaiveDate::from_ymd_opt(year, 3, 1))
                    .unwrap_or(NaiveDate::MAX);
                on >= sixteenth
            })
    }

    /// Whether the person is a child on `on`: unborn (an expected date of delivery and no date of
    /// birth), or born less than 18 years before. A person with no date of birth counts as a
    /// child unless recorded as an adult.
    pub fn is_child_on(&self, on: NaiveDate) -> bool {
        match (self.date_of_birth, self.expected_date_of_delivery) {
            (Some(dob), _) => on < eighteenth_birthday(dob),
            (None, Some(_)) => true,
            (None, None) => self.kind == PersonKind::Child,
        }
    }
}

/// Refuses a person who is not a child on `on` (the contact's or referral's date, or an
/// assessment's start), naming `field`. The message says only what the caller sent or chose
/// (the date and what is being done), never the person's name or date of birth.
pub fn check_child_on(
    e: &mut ValidationErrors,
    field: &str,
    person: &AgeEvidence,
    on: NaiveDate,
    what: &str,
) {
    if person.is_child_on(on) {
        return;
    }
    let why = if person.date_of_birth.is_some() {
        format!("was 18 or over on {}", format_date(on))
    } else {
        "is recorded as an adult".to_string()
    };
    e.add(
        field,
        "not_a_child",
        format!(
            "The person chosen {why}: {what} can only be about a child under 18 or unborn (Children Act 1989 s105(1))"
        ),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn born(dob: NaiveDate) -> AgeEvidence {
        AgeEvidence {
            kind: PersonKind::Child,
            date_of_birth: Some(dob),
            expected_date_of_delivery: None,
        }
    }

    /// Children Act 1989 s105(1): "'child' means ... a person under the age of eighteen".
    /// Born 20 November 2008: 18 on 20 November 2026 (counted by hand), so a child on the 19th
    /// and not on the 20th.
    #[test]
    fn a_person_under_the_age_of_eighteen_is_a_child_and_not_on_their_18th_birthday() {
        let p = born(d(2008, 11, 20));
        assert_eq!(eighteenth_birthday(d(2008, 11, 20)), d(2026, 11, 20));
        assert!(p.is_child_on(d(2026, 11, 19)));
        assert!(!p.is_child_on(d(2026, 11, 20)));
        assert!(!p.is_child_on(d(2030, 1, 1)));
        let mut e = ValidationErrors::default();
        check_child_on(&mut e, "children.1", &p, d(2026, 11, 20), "a referral");
        assert_eq!(e.0.len(), 1);
        assert_eq!(e.0[0].field, "children.1");
        assert_eq!(e.0[0].code, "not_a_child");
        assert_eq!(
            e.0[0].message,
            "The person chosen was 18 or over on 20 November 2026: a referral can only be about a child under 18 or unborn (Children Act 1989 s105(1))"
        );
        let mut ok = ValidationErrors::default();
        check_child_on(&mut ok, "children.0", &p, d(2026, 11, 19), "a referral");
        assert!(ok.is_empty());
    }

    /// Born 29 February 2008 (a leap day): 2026 has no 29 February, so the 18th birthday is
    /// 1 March 2026 (Family Law Reform Act 1969 s9; counted by hand).
    #[test]
    fn a_leap_day_birthday_turns_18_on_1_march() {
        let p = born(d(2008, 2, 29));
        assert_eq!(eighteenth_birthday(d(2008, 2, 29)), d(2026, 3, 1));
        assert!(p.is_child_on(d(2026, 2, 28)));
        assert!(!p.is_child_on(d(2026, 3, 1)));
    }

    /// An unborn child (an expected date of delivery, no date of birth) is a child: pre-birth
    /// referrals and assessments are part of the work (seed 004: "pre-birth assessment").
    #[test]
    fn an_unborn_child_counts_and_an_adult_without_a_date_of_birth_does_not() {
        let unborn = AgeEvidence {
            kind: PersonKind::Child,
            date_of_birth: None,
            expected_date_of_delivery: Some(d(2027, 3, 1)),
        };
        assert!(unborn.is_child_on(d(2026, 11, 20)));
        let no_dob = AgeEvidence {
            kind: PersonKind::Child,
            date_of_birth: None,
            expected_date_of_delivery: None,
        };
        assert!(no_dob.is_child_on(d(2026, 11, 20)));
        let adult = AgeEvidence {
            kind: PersonKind::Adult,
            ..no_dob
        };
        assert!(!adult.is_child_on(d(2026, 11, 20)));
        let mut e = ValidationErrors::default();
        check_child_on(
            &mut e,
            "person_id",
            &adult,
            d(2026, 11, 20),
            "an assessment",
        );
        assert_eq!(e.0[0].field, "person_id");
        assert!(e.0[0].message.contains("is recorded as an adult"));
    }

    // Seed 001: "Young people of an age of understanding, particularly those aged 16 or over
    // should be asked for their consent as well." Born 21 November 2010: 16 on 21 November 2026.
    #[test]
    fn a_young_person_of_16_is_asked_for_their_own_consent() {
        let p = AgeEvidence {
            kind: PersonKind::Child,
            date_of_birth: Some(d(2010, 11, 21)),
            expected_date_of_delivery: None,
        };
        assert!(!p.asked_own_consent_on(d(2026, 11, 20)));
        assert!(p.asked_own_consent_on(d(2026, 11, 21)));
        let unborn = AgeEvidence {
            kind: PersonKind::Child,
            date_of_birth: None,
            expected_date_of_delivery: Some(d(2027, 1, 1)),
        };
        assert!(!unborn.asked_own_consent_on(d(2026, 11, 21)));
        // An adult is no longer a young person asked alongside their parents.
        assert!(!p.asked_own_consent_on(d(2028, 11, 21)));
    }
}
