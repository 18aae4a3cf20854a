//! The children a referral form names, on the contact screening page: each with the date the
//! referrer gave, and a button to create that child's record from the form when a search finds
//! none (linking an existing record is the page's search and "Link child").

use hearth_app::accounts::auth::Principal;
use hearth_app::front_door::form_children::NamedChild;
use hearth_app::front_door::types::ContactView;
use maud::{html, Markup};

use crate::forms::csrf;

/// When the child was born (or is due), as the referrer gave it.
pub fn named_born(n: &NamedChild) -> String {
    let as_date = |s: &str| {
        chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
            .map(hearth_domain::uk_time::format_date)
            .unwrap_or_else(|_| s.to_string())
    };
    match (
        n.date_of_birth.as_str(),
        n.expected_date_of_delivery.as_str(),
    ) {
        ("", "") => "date of birth not given".to_string(),
        ("", due) => format!("unborn, due {}", as_date(due)),
        (dob, _) => format!("born {}", as_date(dob)),
    }
}

/// Every child the referral form names: search for each (above) and link the record, or create
/// the child's record from the form when none exists.
pub fn create_or_link(user: &Principal, c: &ContactView) -> Markup {
    html! {
        h2 class="govuk-heading-m" { "Children named in the referral form" }
        p class="govuk-body" { "Search for each child above and link their record. Create a record from the form only when the child has none." }
        dl class="govuk-summary-list" {
            @for n in &c.form_children {
                div class="govuk-summary-list__row" {
                    dt class="govuk-summary-list__key" { (n.name) }
                    dd class="govuk-summary-list__value" { (named_born(n)) }
                    dd class="govuk-summary-list__actions" {
                        form method="post" action={ "/contacts/" (c.id) "/children" } novalidate {
                            (csrf(user.csrf.as_ref()))
                            input type="hidden" name="create_from_form" value="true";
                            input type="hidden" name="form_child" value=(n.index);
                            button type="submit" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" data-module="govuk-button" {
                                @if c.form_children.len() == 1 { "Create the child's record from the referral form" }
                                @else { "Create a record for " (n.name) " from the referral form" }
                            }
                        }
                    }
                }
            }
        }
    }
}
