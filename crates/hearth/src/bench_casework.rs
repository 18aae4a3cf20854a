//! `hearth bench-casework`: loads the demo scaled to N children, gives the demo social worker a
//! caseload with open clocks, writes M case notes spread over the children (1,000,000 for the
//! issue's figure), then times the worker's day through the same use cases the pages call — My
//! work, the team view, the child's summary and the chronology — and prints p50/p95/max for each
//! against the 200 ms target, with resident memory. Nothing is asserted.

use std::time::Instant;

use chrono::Duration;
use hearth_app::accounts::auth::Principal;
use hearth_app::casework::types::ChronologyQuery;
use hearth_app::App;
use hearth_domain::casework::notes::{NoteKind, NoteState};
use hearth_domain::clock::{Anchor, ClockKind};
use hearth_domain::codes::{PrimaryNeed, ReferralSource};
use hearth_domain::ids::{PersonId, UserId};
use hearth_store::casework::notes::NoteWrite;
use hearth_store::front_door::episodes::NewEpisode;

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

const KINDS: [NoteKind; 6] = [
    NoteKind::HomeVisit,
    NoteKind::PhoneCall,
    NoteKind::OfficeVisit,
    NoteKind::Meeting,
    NoteKind::DirectWork,
    NoteKind::SupervisionDiscussion,
];

pub(crate) fn report(what: &str, mut ms: Vec<f64>) {
    ms.sort_by(|a, b| a.total_cmp(b));
    let p95 = pct(&ms, 0.95);
    println!(
        "  {what:<22} n={:<4} p50 {:>7.1} ms  p95 {:>7.1} ms  max {:>7.1} ms  {}",
        ms.len(),
        pct(&ms, 0.5),
        p95,
        ms.last().copied().unwrap_or(0.0),
        if p95 < 200.0 {
            "(target p95 < 200 ms: met)"
        } else {
            "(target p95 < 200 ms: NOT met)"
        }
    );
}

pub async fn run(
    app: &App,
    children: usize,
    notes: usize,
    caseload: usize,
    rounds: usize,
) -> anyhow::Result<()> {
    let t0 = Instant::now();
    hearth_demo::load_demo(app, 7, children).await.map_err(e)?;
    println!(
        "demo with {children} children loaded in {:.1} s",
        t0.elapsed().as_secs_f64()
    );
    let sw = principal(app, "social-worker@demo.hearth.test").await?;
    let tm = principal(app, "team-manager@demo.hearth.test").await?;
    let now = app.clock.now();
    let today = app.clock.today();
    let mut tx = app.db.begin().await?;
    let people = tx
        .people()
        .first_children(i64::try_from(children).unwrap_or(i64::MAX))
        .await?;
    tx.commit().await?;
    // The worker's caseload: an open, allocated episode with an assessment clock each.
    let mut held = Vec::new();
    // Past the demo's own referrals (its first children already have episodes).
    for child in people.iter().skip(50).take(caseload) {
        let mut tx = app.db.begin().await?;
        let Ok(ep) = tx
            .episodes()
            .insert(
                &NewEpisode {
                    person: *child,
                    referral_date: today - Duration::days(10),
                    source: ReferralSource::S2A,
                    primary_need: PrimaryNeed::N1,
                    referral_nfa: false,
                    closed: None,
                },
                now,
            )
            .await
        else {
            tx.rollback().await?;
            continue;
        };
        tx.episodes()
            .allocate(ep.0, sw.user.team, Some(sw.user.id), tm.user.id, now)
            .await?;
        app.start_clock(
            &mut tx,
            "episode",
            &ep.0.to_string(),
            Some(*child),
            ClockKind::AssessmentCompletion,
            Anchor {
                event: "referral".into(),
                date: today - Duration::days(10),
            },
        )
        .await
        .map_err(e)?;
        tx.commit().await?;
        held.push(*child);
    }
    // The notes, spread evenly over every child, in large transactions.
    let t1 = Instant::now();
    let body = "Visited at home; the child was seen alone and spoke about school and friends. Kitchen stocked; mother engaged. ".repeat(2);
    let per_tx = 5_000;
    let mut written = 0;
    while written < notes {
        let mut tx = app.db.begin().await?;
        for i in written..(written + per_tx).min(notes) {
            let child: PersonId = people[i % people.len()];
            let when = now - Duration::hours(i64::try_from(i / people.len()).unwrap_or(0) * 24 + 1);
            tx.case_notes()
                .insert(
                    &NoteWrite {
                        kind: KINDS[i % KINDS.len()],
                        occurred_at: when,
                        significant: i % 10 == 0,
                        body: &body,
                    },
                    &[child],
                    NoteState::Final,
                    UserId(sw.user.id.0),
                    now,
                )
                .await?;
        }
        tx.commit().await?;
        written = (written + per_tx).min(notes);
    }
    println!(
        "{notes} case notes written in {:.1} s ({} per child); {} children held by the worker",
        t1.elapsed().as_secs_f64(),
        notes / people.len().max(1),
        held.len()
    );
    let child = held.first().copied().unwrap_or(people[0]);
    let (mut home, mut team, mut summary, mut chron) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for _ in 0..rounds {
        let t = Instant::now();
        app.my_work(&sw).await.map_err(e)?;
        home.push(t.elapsed().as_secs_f64() * 1000.0);
        let t = Instant::now();
        app.team_view(&tm).await.map_err(e)?;
        team.push(t.elapsed().as_secs_f64() * 1000.0);
        let t = Instant::now();
        app.child_summary(&sw, child).await.map_err(e)?;
        summary.push(t.elapsed().as_secs_f64() * 1000.0);
        let t = Instant::now();
        app.chronology(&sw, child, &ChronologyQuery::default())
            .await
            .map_err(e)?;
        chron.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    println!("A worker's day over {children} children and {notes} case notes, {rounds} rounds, one client:");
    report("My work (home page)", home);
    report("Team view", team);
    report("Child's summary", summary);
    report("Chronology", chron);
    println!("  resident memory {} MiB", rss_kib() / 1024);
    Ok(())
}
