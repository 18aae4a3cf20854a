//! A demo assessment in progress, made through the real use cases: the plan, part of the child's
//! developmental needs, a visit where the child was seen alone, the child's own words and a
//! request to the school still awaiting its reply.

use serde_json::json;
use uuid::Uuid;

use hearth_app::assessment::types::{
    section_input, AgencyRequestInput, OpenAssessmentInput, ViewInput, VisitInput,
};
use hearth_app::error::AppResult;
use hearth_app::App;

pub async fn load_demo_assessment(app: &App, referral: Uuid) -> AppResult<()> {
    let sw = crate::front_door::demo_principal(app, "social-worker@demo.hearth.test").await?;
    let fd = crate::front_door::demo_principal(app, "front-door@demo.hearth.test").await?;
    let r = app.view_referral(&fd, referral).await?;
    let a = app
        .open_assessment(
            &sw,
            &OpenAssessmentInput {
                person_id: r.child.id.0,
                origin: "referral-decision".into(),
                referral_id: Some(referral),
                ..Default::default()
            },
        )
        .await?;
    app.save_assessment_section(&sw, a.id, "plan", 0, &section_input(json!({
        "who_will_be_seen": "The child alone at school; mother and her partner at home; the younger sibling",
        "groupings_and_places": "Child alone at school, then the family together at home",
        "interpreter_decision": "Not needed: the family speak English at home",
        "agencies_to_ask": "School, health visitor, police",
        "consent_how": "Police notification: mother told of the assessment at the first visit and agreed",
    }))).await?;
    app.save_assessment_section(&sw, a.id, "child-development", 0, &section_input(json!({
        "health.strengths": "Up to date with immunisations; registered with a GP",
        "emotional-behavioural.concerns": "Startles at raised voices; teacher reports withdrawal after weekends",
    }))).await?;
    let today = app.clock.today().format("%Y-%m-%d").to_string();
    app.record_visit(
        &sw,
        a.id,
        &VisitInput {
            visit_date: today.clone(),
            visit_time: "16:00".into(),
            visit_kind: "announced".into(),
            place: "home".into(),
            child_seen: true,
            seen_alone: true,
            home_seen: true,
            bedroom_seen: true,
            all_children_considered: true,
            who_was_seen: "The child alone in their bedroom, then mother and sibling in the lounge"
                .into(),
            people_seen: Vec::new(),
            notes: "Home warm and clean; the child shares a room with the sibling".into(),
        },
    )
    .await?;
    app.add_assessment_view(
        &sw,
        a.id,
        &ViewInput {
            speaker: "child".into(),
            speaker_name: String::new(),
            kind: "views-and-wishes".into(),
            words: "I don't like it when they shout. I want to stay with mum.".into(),
        },
    )
    .await?;
    app.request_agency_information(
        &sw,
        a.id,
        &AgencyRequestInput {
            agency: "Exampleton Primary School".into(),
            agency_type: "school".into(),
            asked: "Attendance, presentation and any disclosures this term".into(),
            requested_on: today,
        },
    )
    .await?;
    Ok(())
}
