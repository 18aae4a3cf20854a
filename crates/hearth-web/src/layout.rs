//! The page shell (GOV.UK Frontend template with the council's name, not GOV.UK's brand) and the
//! pieces every page shares: navigation, sign-out, error summary, notification banner.

use hearth_app::accounts::auth::Principal;
use hearth_domain::authz::{authorize, GeneralAction};
use hearth_domain::errors::ValidationErrors;
use maud::{html, Markup, DOCTYPE};

/// What the shell needs to know about the page.
pub struct Page<'a> {
    pub title: &'a str,
    pub user: Option<&'a Principal>,
    pub council: &'a str,
    /// Which navigation item is current ("people", "admin", "protocols").
    pub section: &'a str,
    /// Shown first in the title when the page has errors ("Error: ").
    pub has_errors: bool,
}

pub fn page(p: Page<'_>, content: Markup) -> Markup {
    let title_prefix = if p.has_errors { "Error: " } else { "" };
    html! {
        (DOCTYPE)
        html lang="en" class="govuk-template" {
            head {
                meta charset="utf-8";
                title { (title_prefix) (p.title) " – Hearth – " (p.council) }
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="robots" content="noindex, nofollow";
                link rel="stylesheet" href="/assets/hearth.css";
            }
            body class="govuk-template__body" {
                a href="#main-content" class="govuk-skip-link" data-module="govuk-skip-link" { "Skip to main content" }
                header class="govuk-header" data-module="govuk-header" {
                    div class="govuk-header__container govuk-width-container" {
                        div class="govuk-header__logo" {
                            a href="/" class="govuk-header__link govuk-header__link--homepage" {
                                span class="govuk-header__logotype-text" { (p.council) }
                            }
                        }
                        div class="govuk-header__content" {
                            a href="/" class="govuk-header__link govuk-header__service-name" { "Hearth – children's social care" }
                        }
                    }
                }
                @if let Some(u) = p.user { (nav(u, p.section)) }
                div class="govuk-width-container" {
                    main class="govuk-main-wrapper" id="main-content" {
                        (content)
                    }
                }
                footer class="govuk-footer" {
                    div class="govuk-width-container" {
                        div class="govuk-footer__meta" {
                            div class="govuk-footer__meta-item govuk-footer__meta-item--grow" {
                                p class="govuk-body-s" { "Hearth is open-source case management for children's social care. Records here are confidential: every view is recorded." }
                            }
                        }
                    }
                }
                script type="module" src="/assets/hearth.js" {}
            }
        }
    }
}

fn nav(u: &Principal, section: &str) -> Markup {
    let actor = u.actor();
    let mut items: Vec<(&str, &str, &str)> = Vec::new();
    if authorize(&actor, GeneralAction::AssessmentWork).is_ok() {
        items.push(("my-work", "/my-work", "My work"));
    }
    if authorize(&actor, GeneralAction::SearchPeople).is_ok() {
        items.push(("people", "/people", "People"));
    }
    if authorize(&actor, GeneralAction::FrontDoorWork).is_ok() {
        items.push(("front-door", "/front-door", "Front door"));
    }
    if authorize(&actor, GeneralAction::AllocateWork).is_ok() {
        items.push(("team", "/team", "Team"));
        items.push(("allocations", "/allocations", "Unallocated work"));
    }
    if authorize(&actor, GeneralAction::AssessmentWork).is_ok() {
        items.push(("assessments", "/assessments", "Assessments"));
    }
    if authorize(&actor, GeneralAction::SubmitReferral).is_ok() {
        items.push(("referrals", "/referral-forms", "Your referrals"));
    }
    if authorize(&actor, GeneralAction::CensusReturn).is_ok() {
        items.push(("census", "/census", "CIN census"));
    }
    if authorize(&actor, GeneralAction::ViewProtocols).is_ok() {
        items.push(("protocols", "/protocols", "Local protocol"));
    }
    if authorize(&actor, GeneralAction::ManageUsers).is_ok() {
        items.push(("admin", "/admin/users", "Users"));
    }
    if authorize(&actor, GeneralAction::ViewAudit).is_ok() {
        items.push(("audit", "/audit", "Audit log"));
    }
    html! {
        section aria-label="Menu" class="govuk-service-navigation" data-module="govuk-service-navigation" {
            div class="govuk-width-container" {
                div class="govuk-service-navigation__container" {
                    nav aria-label="Menu" class="govuk-service-navigation__wrapper" {
                        ul class="govuk-service-navigation__list" id="navigation" {
                            @for (key, href, label) in items {
                                @if key == section {
                                    li class="govuk-service-navigation__item govuk-service-navigation__item--active" {
                                        a class="govuk-service-navigation__link" href=(href) aria-current="true" { strong class="govuk-service-navigation__active-fallback" { (label) } }
                                    }
                                } @else {
                                    li class="govuk-service-navigation__item" {
                                        a class="govuk-service-navigation__link" href=(href) { (label) }
                                    }
                                }
                            }
                        }
                    }
                    form method="post" action="/sign-out" class="hearth-sign-out" {
                        input type="hidden" name="_csrf" value=(u.csrf.clone().unwrap_or_default());
                        span class="govuk-body-s" { (u.user.name) " (" (u.user.role.label()) ", " (u.user.team_name) ") " }
                        a class="govuk-link govuk-body-s govuk-!-margin-right-2" href="/account/tokens" { "API tokens" }
                        button type="submit" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0" data-module="govuk-button" { "Sign out" }
                    }
                }
            }
        }
    }
}

/// The GOV.UK error summary; each message links to its field's id.
pub fn error_summary(errs: &ValidationErrors, anchor: impl Fn(&str) -> String) -> Markup {
    html! {
        @if !errs.is_empty() {
            div class="govuk-error-summary" data-module="govuk-error-summary" {
                div role="alert" {
                    h2 class="govuk-error-summary__title" { "There is a problem" }
                    div class="govuk-error-summary__body" {
                        ul class="govuk-list govuk-error-summary__list" {
                            @for e in &errs.0 {
                                li { a href={ "#" (anchor(&e.field)) } { (e.message) } }
                            }
                        }
                    }
                }
            }
        }
    }
}

pub fn success_banner(message: &str) -> Markup {
    html! {
        div class="govuk-notification-banner govuk-notification-banner--success" role="alert" aria-labelledby="banner-title" data-module="govuk-notification-banner" {
            div class="govuk-notification-banner__header" {
                h2 class="govuk-notification-banner__title" id="banner-title" { "Success" }
            }
            div class="govuk-notification-banner__content" {
                p class="govuk-notification-banner__heading" { (message) }
            }
        }
    }
}

/// A minimal page for errors raised before a full page can be built.
pub fn plain_error_page(title: &str, body: &str) -> Markup {
    page(
        Page {
            title,
            user: None,
            council: "Hearth",
            section: "",
            has_errors: false,
        },
        html! {
            h1 class="govuk-heading-l" { (title) }
            p class="govuk-body" { (body) }
            p class="govuk-body" { a class="govuk-link" href="/people" { "Go to Hearth's start page" } }
        },
    )
}

/// A GOV.UK table with a caption for screen readers, column headers, and the rows given.
/// One row of a GOV.UK summary list: the key and its value.
pub fn summary_row(key: &str, value: Markup) -> Markup {
    html! {
        div class="govuk-summary-list__row" {
            dt class="govuk-summary-list__key" { (key) }
            dd class="govuk-summary-list__value" { (value) }
        }
    }
}

pub fn data_table(caption: &str, headers: &[&str], rows: Markup) -> Markup {
    html! {
        // A table wider than a narrow screen scrolls in its own region (WCAG 1.4.10), which a
        // keyboard user can reach.
        div class="hearth-table-scroll" role="region" aria-label=(caption) tabindex="0" {
            table class="govuk-table" {
                caption class="govuk-visually-hidden" { (caption) }
                thead class="govuk-table__head" {
                    tr class="govuk-table__row" {
                        @for h in headers { th scope="col" class="govuk-table__header" { (h) } }
                    }
                }
                tbody class="govuk-table__body" { (rows) }
            }
        }
    }
}
