//! The children a referral form names, as the front door and the referrer see them: the
//! contact page lists every named child so each can be found and linked (or created from the
//! form), and the referrer's list shows each child's own outcome once it is decided. The
//! referrer sees only the names they wrote, never the name on a record.

use chrono::{DateTime, Utc};
use hearth_domain::front_door::form_child::FormChild;
use hearth_domain::front_door::referral_form::ReferralForm;
use hearth_store::front_door::referrals::ChildFeedback;
use hearth_store::people::search::PersonSummary;
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

/// A child named on the referral form, as the referrer typed them.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct NamedChild {
    /// Which child: 0 the first named, 1 the first of `other_children`, and so on (give it as
    /// `form_child` to create that child's record from the form).
    pub index: usize,
    pub name: String,
    /// As typed (YYYY-MM-DD), possibly blank.
    pub date_of_birth: String,
    pub expected_date_of_delivery: String,
}

/// One named child's outcome, for the referrer.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct NamedChildOutcome {
    /// The name as the referrer wrote it.
    pub child: String,
    /// What the front door fed back for this child, or where it has got to.
    pub outcome: String,
    pub decided_at: Option<DateTime<Utc>>,
}

/// Every child the form names, in its order.
pub fn named_children(form: &ReferralForm) -> Vec<NamedChild> {
    form.children()
        .iter()
        .enumerate()
        .map(|(index, c)| NamedChild {
            index,
            name: c.name(),
            date_of_birth: c.child_date_of_birth.trim().to_string(),
            expected_date_of_delivery: c.child_expected_date_of_delivery.trim().to_string(),
        })
        .collect()
}

fn norm(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Whether a linked record has the name the form gives the child.
fn same_name(c: &FormChild, p: &PersonSummary) -> bool {
    norm(&c.name()) == norm(&p.name)
}

/// Whether a linked record has the date of birth (or of delivery) the form gives the child:
/// the match when the record's name is spelt differently.
fn same_date(c: &FormChild, p: &PersonSummary) -> bool {
    let same_dob = p
        .date_of_birth
        .is_some_and(|d| d.to_string() == c.child_date_of_birth.trim());
    let same_edd = p
        .expected_date_of_delivery
        .is_some_and(|d| d.to_string() == c.child_expected_date_of_delivery.trim());
    same_dob || same_edd
}

/// Where a contact made from a form stands, for the children that have no referral of their own.
pub struct ContactStanding<'a> {
    pub concluded: bool,
    pub feedback: Option<&'a str>,
    pub concluded_at: Option<DateTime<Utc>>,
}

/// Each named child's outcome: a referral's own feedback when it is decided, otherwise where
/// the contact stands. `linked` are the contact's children and `referrals` its referrals.
pub fn outcomes_of(
    form: &ReferralForm,
    linked: &[PersonSummary],
    referrals: &[ChildFeedback],
    contact: &ContactStanding<'_>,
) -> Vec<NamedChildOutcome> {
    let children = form.children();
    // Names first (twins share a date of birth), then dates for the records left over.
    let mut records: Vec<Option<&PersonSummary>> = vec![None; children.len()];
    let mut taken: Vec<Uuid> = Vec::new();
    for rule in [same_name, same_date] {
        for (i, c) in children.iter().enumerate() {
            if records[i].is_some() {
                continue;
            }
            records[i] = linked
                .iter()
                .find(|p| !taken.contains(&p.id.0) && rule(c, p));
            if let Some(p) = records[i] {
                taken.push(p.id.0);
            }
        }
    }
    children
        .iter()
        .zip(records)
        .map(|(c, record)| {
            let referral = record.and_then(|p| referrals.iter().find(|r| r.child == p.id.0));
            let (outcome, decided_at) = match (
                referral.map(|r| (&r.feedback, r.decided_at)),
                contact.concluded,
            ) {
                (Some((Some(text), Some(at))), _) => (text.clone(), Some(at)),
                (Some((None, Some(at))), _) => ("Decided".to_string(), Some(at)),
                (Some((_, None)), _) => ("Referred: waiting for the decision".to_string(), None),
                (None, true) => (
                    contact
                        .feedback
                        .unwrap_or("Not taken further as a referral")
                        .to_string(),
                    contact.concluded_at,
                ),
                (None, false) => ("Waiting for the front door's decision".to_string(), None),
            };
            NamedChildOutcome {
                child: c.name(),
                outcome,
                decided_at,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use chrono::{NaiveDate, TimeZone};
    use hearth_domain::ids::PersonId;
    use hearth_domain::person::PersonKind;

    fn record(name: &str, born: &str) -> PersonSummary {
        PersonSummary {
            id: PersonId(Uuid::new_v4()),
            kind: PersonKind::Child,
            name: name.into(),
            aliases: Vec::new(),
            date_of_birth: NaiveDate::parse_from_str(born, "%Y-%m-%d").ok(),
            expected_date_of_delivery: None,
            nhs_number: None,
            upn: None,
            restricted: false,
            redacted: false,
            address: None,
            known: None,
        }
    }

    fn named(given: &str, born: &str) -> FormChild {
        FormChild {
            child_given_names: given.into(),
            child_family_name: "Marchbank".into(),
            child_date_of_birth: born.into(),
            ..Default::default()
        }
    }

    #[test]
    fn twins_are_told_apart_by_name_and_a_misspelt_record_by_its_date() {
        let form = ReferralForm {
            child_given_names: "Ali".into(),
            child_family_name: "Marchbank".into(),
            child_date_of_birth: "2019-01-01".into(),
            other_children: vec![named("Bo", "2019-01-01"), named("Cy", "2022-05-05")],
            ..Default::default()
        };
        // Bo's record is listed first and shares Ali's date of birth; Cy's is spelt "Si".
        let (bo, ali, cy) = (
            record("Bo Marchbank", "2019-01-01"),
            record("Ali Marchbank", "2019-01-01"),
            record("Si Marchbank", "2022-05-05"),
        );
        let at = Utc.with_ymd_and_hms(2026, 11, 23, 10, 0, 0).unwrap();
        let referrals = vec![
            ChildFeedback {
                child: bo.id.0,
                feedback: Some("Bo: assessment".into()),
                decided_at: Some(at),
            },
            ChildFeedback {
                child: ali.id.0,
                feedback: None,
                decided_at: None,
            },
            ChildFeedback {
                child: cy.id.0,
                feedback: None,
                decided_at: Some(at),
            },
        ];
        let got: Vec<(String, String)> = outcomes_of(
            &form,
            &[bo, ali, cy],
            &referrals,
            &ContactStanding {
                concluded: true,
                feedback: None,
                concluded_at: Some(at),
            },
        )
        .into_iter()
        .map(|o| (o.child, o.outcome))
        .collect();
        let want = |a: &str, b: &str| (a.to_string(), b.to_string());
        assert_eq!(
            got,
            vec![
                want("Ali Marchbank", "Referred: waiting for the decision"),
                want("Bo Marchbank", "Bo: assessment"),
                want("Cy Marchbank", "Decided"),
            ]
        );
    }
}
