//! Invitation letters for an arranged conference, one per invitee, ready to print (Working
//! Together 2018 ch.1, "Initial child protection conferences": the family, the child where of
//! age and understanding, and the practitioners most involved are invited; practitioners
//! provide a report in advance, shared with the parents where it safely can be).

use axum::extract::{Query, State};
use axum::response::{Html, IntoResponse, Response};
use hearth_app::AppError;
use hearth_domain::protection::ConferenceState;
use hearth_domain::uk_time::format_date;
use maud::{html, DOCTYPE};
use serde::Deserialize;
use uuid::Uuid;

use crate::auth::PageUser;
use crate::errors::page_error;
use crate::pages::PersonPath;
use crate::AppState;

#[derive(Deserialize)]
pub struct InvitationQuery {
    conference: Option<String>,
}

pub async fn show(
    State(state): State<AppState>,
    PageUser(user): PageUser,
    person: PersonPath,
    Query(q): Query<InvitationQuery>,
) -> Response {
    let Some(id) = q.conference.as_deref().and_then(|p| p.parse::<Uuid>().ok()) else {
        return page_error(AppError::NotFound);
    };
    let v = match state.app.child_protection_of(&user, person.pid).await {
        Ok(v) => v,
        Err(e) => return page_error(e),
    };
    let Some(c) = v.conferences.iter().find(|c| c.conference.id == id) else {
        return page_error(AppError::NotFound);
    };
    let Some(on) = c
        .conference
        .scheduled_on
        .filter(|_| c.conference.status == ConferenceState::Arranged)
    else {
        return page_error(AppError::Conflict(
            "Set the conference's date before printing its invitations".into(),
        ));
    };
    let what = c.kind_label.to_lowercase();
    let article = if what.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    };
    let body = html! {
        (DOCTYPE)
        html lang="en" class="govuk-template" {
            head { meta charset="utf-8"; title { "Invitations to the " (what) " – " (state.council_name) } link rel="stylesheet" href="/assets/hearth.css"; }
            body class="govuk-template__body" {
                main class="govuk-width-container govuk-main-wrapper" id="main-content" {
                    h1 class="govuk-heading-l" { "Letters: invitations to the " (what) " for " (v.child) }
                    @if c.conference.invitees.is_empty() { p class="govuk-body" { "Nobody is invited yet: add the invitations on the child protection page." } }
                    @for i in &c.conference.invitees {
                        section class="govuk-!-margin-bottom-9" {
                            p class="govuk-body" { (state.council_name) " – Children's social care" }
                            p class="govuk-body" { "To: " (i.name) @if !i.role.is_empty() { ", " (i.role) } " (" (i.participant.text()) ")" }
                            h2 class="govuk-heading-m" { "You are invited to " (article) " " (what) " about " (v.child) }
                            p class="govuk-body" { "The conference is on " (format_date(on)) @if !c.chair_name.is_empty() { ", chaired by " (c.chair_name) ", who is independent of the people working with the family" } "." }
                            @if !i.participant.is_agency() {
                                p class="govuk-body" { "The conference brings together the family and the people working with them, to decide together how to keep the child safe. Your views matter: you can say them at the conference, or in writing beforehand." }
                                p class="govuk-body" { "You can bring a friend, a supporter or an advocate. The chair will meet you before the conference starts. If you need an interpreter, or help to take part, tell the social worker as soon as you can." }
                            } @else {
                                p class="govuk-body" { "Please send your written report to the social worker before the conference, and say whether it can be shared with the parents. If you cannot attend, send your apologies with your report and your agency's view." }
                            }
                            p class="govuk-body" { "If you have any questions, please contact the child's social worker." }
                        }
                    }
                }
            }
        }
    };
    Html(body.into_string()).into_response()
}
