//! Demo work at the front door, made through the real use cases: a partner's referral form
//! waiting to be screened, a police notification awaiting its decision, and a decided referral
//! whose episode of need waits for allocation.

use hearth_domain::front_door::referral_form::ReferralForm;

use hearth_app::accounts::auth::Principal;
use hearth_app::error::{AppError, AppResult};
use hearth_app::front_door::types::{ContactInput, ContactOutcomeInput, DecisionInput};
use hearth_app::App;

pub async fn demo_principal(app: &App, email: &str) -> AppResult<Principal> {
    let mut tx = app.db.begin().await?;
    let (user, _) = tx
        .users()
        .by_email(email)
        .await?
        .ok_or(AppError::NotFound)?;
    tx.rollback().await?;
    Ok(Principal {
        user,
        csrf: None,
        session_hash: None,
    })
}

pub async fn load_demo_front_door(app: &App) -> AppResult<()> {
    let partner =
        crate::front_door::demo_principal(app, "partner-referrer@demo.hearth.test").await?;
    let fd = crate::front_door::demo_principal(app, "front-door@demo.hearth.test").await?;
    let form = ReferralForm {
        referrer_name: "Demo Teacher".into(),
        referrer_role: "Designated safeguarding lead".into(),
        referrer_agency: "Exampleton Primary School".into(),
        referrer_email: "dsl@school.example".into(),
        source: "2A".into(),
        child_given_names: "Demo".into(),
        child_family_name: "Referral".into(),
        child_date_of_birth: "2017-09-01".into(),
        child_address: "1 Synthetic Street, Exampleton".into(),
        consent: "given".into(),
        concerns_child_development:
            "Often arrives hungry and tired; recent bruising explained inconsistently".into(),
        referrer_expects: "An assessment".into(),
        ..Default::default()
    };
    let started = app.start_referral_form(&partner).await?;
    app.submit_referral_form(&partner, started.id, started.version, &form)
        .await?;
    let mut tx = app.db.begin().await?;
    let children = tx.people().first_children(3).await?;
    tx.rollback().await?;
    let received = hearth_domain::uk_time::to_uk(app.clock.now())
        .format("%Y-%m-%dT%H:%M")
        .to_string();
    for (i, child) in children.into_iter().enumerate() {
        let c = app
            .record_contact(
                &fd,
                &ContactInput {
                    received_at: received.clone(),
                    source: "5A".into(),
                    method: "police-notification".into(),
                    contact_name: "Demo Police Officer".into(),
                    contact_agency: "Exampleton Police".into(),
                    contact_details: "01632 960 999".into(),
                    summary: "Domestic abuse incident at the family home; the child was present"
                        .into(),
                    urgency: "urgent".into(),
                    children: vec![child],
                    consent: "not-sought".into(),
                    consent_why: "Police notification".into(),
                    // Asked of a young person of 16 or over only.
                    young_person_consent: "given".into(),
                    young_person_consent_why: String::new(),
                    information_only: false,
                },
            )
            .await?;
        let c = app
            .conclude_contact(
                &fd,
                c.id,
                &ContactOutcomeInput {
                    version: c.version,
                    outcomes: vec!["becomes-referral".into()],
                    ..Default::default()
                },
            )
            .await?;
        if i >= 1 {
            if let Some(r) = c.referrals.first() {
                let v = app.view_referral(&fd, *r).await?;
                // A registered social worker decides (Working Together 2018 ch.1 para 71).
                let sw = demo_principal(app, "social-worker@demo.hearth.test").await?;
                app.decide_referral(
                    &sw,
                    *r,
                    &DecisionInput {
                        version: v.version,
                        outcomes: vec!["assessment".into()],
                        threshold: "moderate".into(),
                        rationale:
                            "Second incident this year; the child's needs should be assessed"
                                .into(),
                        primary_need: "N1".into(),
                        feedback_to_referrer: "A child and family assessment will start."
                            .into(),
                        ..Default::default()
                    },
                )
                .await?;
                if i == 2 {
                    crate::assessment::load_demo_assessment(app, *r).await?;
                }
            }
        }
    }
    Ok(())
}
