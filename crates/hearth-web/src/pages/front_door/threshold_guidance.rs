//! The levels-of-concern guidance (seed 000 §2.5–2.7) shown beside a referral decision, as a
//! reference: the system supports the worker's judgement and never decides.

use maud::{html, Markup};

const LEVELS: &[(&str, &str)] = &[
    ("Concerns", "May indicate that families are under stress and/or are not receiving sufficient or appropriate support from universal health or education services. These children would benefit from signposting to an appropriate voluntary agency or advice service. Normally they would not be referred for a multi-agency assessment of needs; exceptions may be where there are a number of mild concerns, particularly for a very young child."),
    ("Moderate concerns", "A reasoned judgement that the child is unlikely to achieve or maintain a reasonable standard of health or development without the provision of services (which includes assessment). Services may be required from a range of services including social services."),
    ("Serious concerns", "A child's health and development is likely to be significantly impaired or further impaired without the provision of services. Concerns about maltreatment always fall within this category. Immediate action is required to provide services from a range of agencies, which may need to be led and co-ordinated by social services."),
];

pub fn render() -> Markup {
    html! {
        aside class="app-related" aria-labelledby="threshold-heading" {
            h2 class="govuk-heading-s" id="threshold-heading" { "Levels of concern (guidance)" }
            p class="govuk-body-s" { "Consider all the concerns together: a number of concerns may add up to a much more serious concern. The indicators are examples only; the level of concern is a matter of professional judgement. If in doubt, discuss with a senior colleague." }
            @for (title, text) in LEVELS {
                details class="govuk-details" {
                    summary class="govuk-details__summary" { span class="govuk-details__summary-text" { (title) } }
                    div class="govuk-details__text" { p class="govuk-body-s" { (text) } (crate::pages::front_door::threshold_guidance::indicators(title)) }
                }
            }
        }
    }
}

/// Example indicators for a level, by age group and area, as the guidance lists them.
fn indicators(title: &str) -> Markup {
    let groups = crate::pages::front_door::threshold_indicators::for_level(title);
    html! {
        @if !groups.is_empty() {
            p class="govuk-body-s govuk-!-font-weight-bold" { "Examples only" }
            @for g in groups {
                h3 class="govuk-heading-s govuk-!-margin-bottom-1" { (g.age) }
                dl class="govuk-summary-list govuk-summary-list--no-border govuk-!-font-size-16" {
                    @for (area, items) in g.areas {
                        div class="govuk-summary-list__row" {
                            dt class="govuk-summary-list__key" { (area) }
                            dd class="govuk-summary-list__value" {
                                ul class="govuk-list govuk-list--bullet govuk-!-font-size-16" { @for i in *items { li { (i) } } }
                            }
                        }
                    }
                }
            }
        }
    }
}
