//! `hearth bench-assessment`: loads the demo, then takes N children from contact to a full
//! assessment through the same use cases the pages call (plan, three domains, analysis, six
//! visits, ten views, four agency requests) and prints p50/p99 latency of the autosave (one section
//! save) and of opening the assessment record, with resident memory.

use std::time::Instant;

use hearth_app::accounts::auth::Principal;
use hearth_app::assessment::types::*;
use hearth_app::front_door::types::{ContactInput, ContactOutcomeInput, DecisionInput};
use hearth_app::App;
use serde_json::json;

use crate::bench_search::{pct, rss_kib};

fn e(err: hearth_app::AppError) -> anyhow::Error {
    anyhow::anyhow!("{err}")
}

async fn principal(app: &App, email: &str) -> anyhow::Result<Principal> {
    let mut tx = app.db.begin().await?;
    let (user, _) = tx
        .users()
        .by_email(email)
        .await?
        .ok_or_else(|| anyhow::anyhow!("{email} missing: the demo did not load"))?;
    tx.commit().await?;
    Ok(Principal {
        user,
        csrf: None,
        session_hash: None,
    })
}

pub async fn run(app: &App, assessments: usize) -> anyhow::Result<()> {
    hearth_demo::load_demo(app, 7, assessments + 10)
        .await
        .map_err(e)?;
    let fd = principal(app, "front-door@demo.hearth.test").await?;
    let sw = principal(app, "social-worker@demo.hearth.test").await?;
    let mut tx = app.db.begin().await?;
    let children = tx
        .people()
        .first_children(i64::try_from(assessments + 3).unwrap_or(i64::MAX))
        .await?;
    tx.commit().await?;
    let received = hearth_domain::uk_time::to_uk(app.clock.now())
        .format("%Y-%m-%dT%H:%M")
        .to_string();
    let today = app.clock.today().format("%Y-%m-%d").to_string();
    let (mut saves, mut views) = (Vec::new(), Vec::new());
    let text = "Observed at the visit and confirmed by the school; the family agree this is a fair account. ".repeat(6);
    let mut done = 0;
    for child in children.into_iter().skip(3).take(assessments) {
        let c = app
            .record_contact(
                &fd,
                &ContactInput {
                    received_at: received.clone(),
                    source: "2A".into(),
                    method: "phone".into(),
                    contact_name: "Bench School".into(),
                    summary: "Bench referral".into(),
                    urgency: "routine".into(),
                    children: vec![child],
                    consent: "given".into(),
                    // Asked of a young person of 16 or over only.
                    young_person_consent: "given".into(),
                    ..Default::default()
                },
            )
            .await
            .map_err(e)?;
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
            .await
            .map_err(e)?;
        let Some(rid) = c.referrals.first().copied() else {
            continue;
        };
        let r = app.view_referral(&fd, rid).await.map_err(e)?;
        if app
            .decide_referral(
                &sw,
                rid,
                &DecisionInput {
                    version: r.version,
                    outcomes: vec!["assessment".into()],
                    threshold: "moderate".into(),
                    rationale: "Bench".into(),
                    primary_need: "N1".into(),
                    feedback_to_referrer: "An assessment will start".into(),
                    ..Default::default()
                },
            )
            .await
            .is_err()
        {
            continue; // the child already had an open episode from the demo
        }
        let a = app
            .open_assessment(
                &sw,
                &OpenAssessmentInput {
                    person_id: child.0,
                    origin: "referral-decision".into(),
                    referral_id: Some(rid),
                    ..Default::default()
                },
            )
            .await
            .map_err(e)?;
        let bodies = [
            (
                "plan",
                json!({"who_will_be_seen": text, "agencies_to_ask": text, "consent_how": text}),
            ),
            (
                "child-development",
                json!({"health.strengths": text, "education.concerns": text, "identity.strengths": text}),
            ),
            (
                "parenting-capacity",
                json!({"basic-care.strengths": text, "stability.concerns": text}),
            ),
            (
                "family-environment",
                json!({"housing.concerns": text, "income.concerns": text}),
            ),
            ("analysis", json!({"analysis": text})),
        ];
        for (name, body) in bodies {
            let t = Instant::now();
            app.save_assessment_section(&sw, a.id, name, 0, &section_input(body))
                .await
                .map_err(e)?;
            saves.push(t.elapsed().as_secs_f64() * 1000.0);
        }
        for _ in 0..6 {
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
                    who_was_seen: "Child".into(),
                    notes: text.clone(),
                    ..Default::default()
                },
            )
            .await
            .map_err(e)?;
        }
        for i in 0..10 {
            let speaker = ["child", "mother", "father"][i % 3];
            app.add_assessment_view(
                &sw,
                a.id,
                &ViewInput {
                    speaker: speaker.into(),
                    kind: "views-and-wishes".into(),
                    words: text.clone(),
                    ..Default::default()
                },
            )
            .await
            .map_err(e)?;
        }
        for _ in 0..4 {
            app.request_agency_information(
                &sw,
                a.id,
                &AgencyRequestInput {
                    agency: "School".into(),
                    agency_type: "school".into(),
                    asked: text.clone(),
                    requested_on: String::new(),
                },
            )
            .await
            .map_err(e)?;
        }
        for _ in 0..5 {
            let t = Instant::now();
            app.view_assessment(&sw, a.id).await.map_err(e)?;
            views.push(t.elapsed().as_secs_f64() * 1000.0);
        }
        done += 1;
    }
    saves.sort_by(|a, b| a.total_cmp(b));
    views.sort_by(|a, b| a.total_cmp(b));
    println!("database: {}", app.db.kind().name());
    println!(
        "assessments recorded: {done} (each: 5 sections, 6 visits, 10 views, 4 agency requests)"
    );
    println!(
        "section save (autosave) p50: {:.2} ms, p99: {:.2} ms over {} saves",
        pct(&saves, 0.50),
        pct(&saves, 0.99),
        saves.len()
    );
    println!(
        "open assessment record p50: {:.2} ms, p99: {:.2} ms over {} opens",
        pct(&views, 0.50),
        pct(&views, 0.99),
        views.len()
    );
    println!("resident memory: {} MiB", rss_kib() / 1024);
    Ok(())
}
