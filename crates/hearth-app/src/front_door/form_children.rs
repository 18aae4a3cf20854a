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

/// Whether a linked record is the child the form names: the same name, or the same date of
/// birth or expected date of delivery.
fn is_named(c: &FormChild, p: &PersonSummary) -> bool {
    let same_name = norm(&c.name()) == norm(&p.name);
    let same_dob = p
        .date_of_birth
        .is_some_and(|d| d.to_string() == c.child_date_of_birth.trim());
    let same_edd = p
        .expected_date_of_delivery
        .is_some_and(|d| d.to_string() == c.child_expected_date_of_delivery.trim());
    same_name || same_dob || same_edd
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
    let mut taken: Vec<Uuid> = Vec::new();
    form.children()
        .iter()
        .map(|c| {
            let record = linked
                .iter()
                .find(|p| !taken.contains(&p.id.0) && is_named(c, p));
            if let Some(p) = record {
                taken.push(p.id.0);
            }
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
