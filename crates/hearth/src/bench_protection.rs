//! `hearth bench-protection`: loads a small demo, then takes N children (5,000 for the issue's
//! figure) to an open child protection plan through the public use cases — created, referred,
//! strategy discussion held, section 47 enquiry concluded with continuing risk, initial
//! conference prepared and held — with the clock set back so their plans started on working days
//! over the last four weeks. A worker in the demo's locality team holds `caseload` of them;
//! a worker in another team holds the rest. It then times (a) reading every open plan clock
//! (core group, first review, review) and computing each child's next review conference and core
//! group due date with its status, and (b) the worklist pages' use cases — My work, the child's
//! protection record and the team view — over `rounds` rounds, printing p50/p95/max against
//! the 200 ms target. Nothing is asserted.

use std::collections::HashMap;
use std::time::Instant;

use chrono::{Days, NaiveDate};
use hearth_app::accounts::auth::{random_token, Principal};
use hearth_app::accounts::users::NewUser;
use hearth_app::App;
use hearth_demo::cp_steps::{plan_started, CpActors, PastApp};
use hearth_demo::front_door::demo_principal;
use hearth_domain::clock::{status, ClockKind, ClockStatus, DEFAULT_DUE_SOON};
use hearth_domain::ids::PersonId;
use hearth_domain::person::PersonInput;

use crate::bench_casework::report;
use crate::bench_search::rss_kib;

fn e(err: hearth_app::AppError) -> anyhow::Error {
    anyhow::anyhow!("{err}")
}

/// A bench account (its password is never used: the bench acts as the user directly).
async fn bench_user(app: &App, email: &str, role: &str, team: &str) -> anyhow::Result<Principal> {
    app.add_user(
        None,
        &NewUser {
            name: format!("Bench {role}"),
            email: email.into(),
            role: role.into(),
            team: team.into(),
            password: random_token()[..20].to_string(),
        },
    )
    .await
    .map_err(e)?;
    demo_principal(app, email).await.map_err(e)
}

/// What the bench keeps of each child it built: who, and the clocks' subjects to read back.
struct Built {
    child: PersonId,
    plan: String,
    review: String,
}

pub async fn run(app: &App, children: usize, caseload: usize, rounds: usize) -> anyhow::Result<()> {
    if caseload == 0 || caseload > children {
        anyhow::bail!("--caseload must be between 1 and --children");
    }
    let t0 = Instant::now();
    hearth_demo::load_demo(app, 7, 50).await.map_err(e)?;
    let demo = CpActors::demo(app).await.map_err(e)?;
    let north = bench_user(
        app,
        "north-worker@bench.hearth.test",
        "social-worker",
        "Locality Team North",
    )
    .await?;
    let south = bench_user(
        app,
        "south-worker@bench.hearth.test",
        "social-worker",
        "Locality Team South",
    )
    .await?;
    let south_tm = bench_user(
        app,
        "south-manager@bench.hearth.test",
        "team-manager",
        "Locality Team South",
    )
    .await?;
    let held_north = CpActors {
        sw: north.clone(),
        tm: demo.tm.clone(),
        fd: demo.fd.clone(),
        chair: demo.chair.clone(),
    };
    let held_south = CpActors {
        sw: south,
        tm: south_tm,
        fd: demo.fd.clone(),
        chair: demo.chair.clone(),
    };
    println!(
        "demo loaded in {:.1} s; building {children} children on open plans through the use cases (create, refer, strategy discussion, section 47, conference)",
        t0.elapsed().as_secs_f64()
    );
    let past = PastApp::new(app).await.map_err(e)?;
    let today = past.today;
    let t1 = Instant::now();
    let mut built: Vec<Built> = Vec::with_capacity(children);
    let mut subjects: Option<(String, String)> = None;
    for i in 0..children {
        let who = if i < caseload {
            &held_north
        } else {
            &held_south
        };
        // Plans started on working days over the last four weeks; first core groups not yet met.
        let start = past.wd(-(13 + i32::try_from(i % 20).unwrap_or(0)));
        let born = today
            .checked_sub_days(Days::new(400 + (i as u64 * 37) % 5000))
            .unwrap_or(today);
        let person = past
            .on(start)
            .create_person(
                &who.fd,
                &PersonInput {
                    kind: "child".into(),
                    given_names: ["Alex", "Sam", "Jo", "Robin", "Kit"][i % 5].into(),
                    family_name: format!("Benchmark {i:05}"),
                    date_of_birth: Some(born.format("%Y-%m-%d").to_string()),
                    ..Default::default()
                },
                true,
            )
            .await
            .map_err(e)?;
        let v = plan_started(&past, who, person.id, start, None)
            .await
            .map_err(e)?;
        let plan = v.plans.first().ok_or_else(|| anyhow::anyhow!("no plan"))?;
        let review = v
            .conferences
            .iter()
            .find(|c| c.conference.plan_id == Some(plan.plan.id))
            .ok_or_else(|| anyhow::anyhow!("no review arranged"))?;
        if subjects.is_none() {
            // The clocks' subject types as the use cases wrote them.
            let p = plan.clocks.first().map(|c| c.clock.subject_type.clone());
            let r = review.clock.as_ref().map(|c| c.clock.subject_type.clone());
            subjects = p.zip(r);
        }
        built.push(Built {
            child: person.id,
            plan: plan.plan.id.to_string(),
            review: review.conference.id.to_string(),
        });
        if (i + 1) % 500 == 0 {
            println!(
                "  {} children on plans after {:.0} s",
                i + 1,
                t1.elapsed().as_secs_f64()
            );
        }
    }
    let build_s = t1.elapsed().as_secs_f64();
    println!(
        "{children} children on open plans built through the use cases in {build_s:.1} s ({:.1} ms per child); {caseload} held by one worker in Locality Team North, the rest in Locality Team South",
        build_s * 1000.0 / children.max(1) as f64
    );
    let (plan_subject, conference_subject) =
        subjects.ok_or_else(|| anyhow::anyhow!("no clocks were started"))?;

    // (a) Every child's next review conference and core group due date, with its status.
    let mut per_round = Vec::new();
    let mut summary = (0usize, 0usize, 0usize);
    for _ in 0..5 {
        let t = Instant::now();
        let cal = app.calendar().await.map_err(e)?;
        let today = app.clock.today();
        let mut tx = app.db.read().await?;
        let plans: Vec<String> = built.iter().map(|b| b.plan.clone()).collect();
        let reviews: Vec<String> = built.iter().map(|b| b.review.clone()).collect();
        let mut clocks = tx.clocks_for_many(&plan_subject, &plans).await?;
        clocks.extend(tx.clocks_for_many(&conference_subject, &reviews).await?);
        tx.rollback().await?;
        let mut next: HashMap<uuid::Uuid, (Option<NaiveDate>, Option<NaiveDate>)> =
            HashMap::with_capacity(built.len());
        let (mut overdue, mut soon) = (0, 0);
        for c in clocks.iter().filter(|c| c.met_on.is_none()) {
            let Some(kind) = ClockKind::parse(&c.kind) else {
                continue;
            };
            let review = match kind {
                ClockKind::CoreGroup => false,
                ClockKind::FirstReviewConference | ClockKind::ReviewConference => true,
                _ => continue,
            };
            let st = status(
                c.due_date,
                today,
                c.met_on,
                c.late_reason.as_deref(),
                &cal,
                DEFAULT_DUE_SOON,
            );
            match st {
                ClockStatus::Overdue => overdue += 1,
                ClockStatus::DueSoon | ClockStatus::DueToday => soon += 1,
                _ => {}
            }
            let Some(person) = c.person_id else { continue };
            let slot = next.entry(person).or_default();
            let due = if review { &mut slot.0 } else { &mut slot.1 };
            *due = Some(due.map_or(c.due_date, |d| d.min(c.due_date)));
        }
        per_round.push(t.elapsed().as_secs_f64() * 1000.0);
        summary = (next.len(), overdue, soon);
    }
    per_round.sort_by(|a, b| a.total_cmp(b));
    let median = per_round[per_round.len() / 2];
    println!(
        "(a) Next review conference and core group due date for every child: {} children, {} open clocks overdue, {} due soon or today",
        summary.0, summary.1, summary.2
    );
    println!(
        "  read all open plan clocks and compute status: median {median:.1} ms of 5 (min {:.1}, max {:.1}); {:.1} µs per child",
        per_round[0],
        per_round[per_round.len() - 1],
        median * 1000.0 / built.len().max(1) as f64
    );

    // (b) The worklist pages' use cases for the worker holding `caseload` children.
    let mine: Vec<PersonId> = built.iter().take(caseload).map(|b| b.child).collect();
    let (mut home, mut record, mut team) = (Vec::new(), Vec::new(), Vec::new());
    for r in 0..rounds {
        let t = Instant::now();
        app.my_work(&north).await.map_err(e)?;
        home.push(t.elapsed().as_secs_f64() * 1000.0);
        let t = Instant::now();
        app.child_protection_of(&north, mine[r % mine.len().max(1)])
            .await
            .map_err(e)?;
        record.push(t.elapsed().as_secs_f64() * 1000.0);
        let t = Instant::now();
        app.team_view(&demo.tm).await.map_err(e)?;
        team.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    println!(
        "(b) The worklist over {children} children on plans, a worker holding {}, {rounds} rounds, one client:",
        mine.len()
    );
    report("My work (home page)", home);
    report("Protection record", record);
    report("Team view", team);
    println!("  resident memory {} MiB", rss_kib() / 1024);
    Ok(())
}
