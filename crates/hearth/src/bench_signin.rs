//! `hearth bench-signin`: does signing in stall everyone else? Serves Hearth on a loopback port,
//! then measures one user's `GET /api/v1/me` latency (p50/p95/p99) alone, during N parallel
//! sign-in loops on N different accounts, and during a burst of 100 concurrent wrong passwords
//! for one account (which the throttle must cut to its limit).

use std::time::{Duration, Instant};

use hearth_app::accounts::users::NewUser;
use hearth_app::App;
use serde_json::json;

use crate::bench_search::pct;

const PASSWORD: &str = "bench password long enough";

struct Figures {
    p50: f64,
    p95: f64,
    p99: f64,
    max: f64,
    n: usize,
}

fn figures(mut ms: Vec<f64>) -> Figures {
    ms.sort_by(f64::total_cmp);
    Figures {
        p50: pct(&ms, 0.50),
        p95: pct(&ms, 0.95),
        p99: pct(&ms, 0.99),
        max: ms.last().copied().unwrap_or(0.0),
        n: ms.len(),
    }
}

fn print(label: &str, f: &Figures) {
    println!(
        "  {label:<44} GET /api/v1/me p50 {:>7.2} ms  p95 {:>7.2} ms  p99 {:>7.2} ms  max {:>7.2} ms  ({} requests)",
        f.p50, f.p95, f.p99, f.max, f.n
    );
}

/// Sequential `GET /api/v1/me` for `secs` seconds.
async fn observe(c: &reqwest::Client, base: &str, token: &str, secs: u64) -> Vec<f64> {
    let until = Instant::now() + Duration::from_secs(secs);
    let mut ms = Vec::new();
    while Instant::now() < until {
        let t = Instant::now();
        let ok = c
            .get(format!("{base}/api/v1/me"))
            .bearer_auth(token)
            .send()
            .await
            .is_ok_and(|r| r.status() == 200);
        if ok {
            ms.push(t.elapsed().as_secs_f64() * 1000.0);
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    ms
}

async fn token(
    c: &reqwest::Client,
    base: &str,
    email: &str,
    password: &str,
) -> anyhow::Result<(u16, String)> {
    let r = c
        .post(format!("{base}/api/v1/tokens"))
        .json(&json!({"email": email, "password": password}))
        .send()
        .await?;
    let status = r.status().as_u16();
    let body: serde_json::Value = r.json().await.unwrap_or_default();
    Ok((
        status,
        body["token"].as_str().unwrap_or_default().to_string(),
    ))
}

pub async fn run(app: &App, loops: usize, secs: u64) -> anyhow::Result<()> {
    let run_id = uuid::Uuid::new_v4().simple().to_string();
    let email = |i: usize| format!("bench-signin-{i}-{run_id}@bench.hearth.test");
    for i in 0..=loops {
        app.add_user(
            None,
            &NewUser {
                name: format!("Bench signer {i}"),
                email: email(i),
                role: "social-worker".into(),
                team: "Bench".into(),
                password: PASSWORD.into(),
            },
        )
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    }
    let state = hearth_web::AppState {
        app: app.clone(),
        council_name: "Bench".into(),
        behind_tls: false,
        client_address: Default::default(),
    };
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let base = format!("http://{}", listener.local_addr()?);
    let router = hearth_web::router(state);
    tokio::spawn(async move {
        let _ = axum::serve(
            listener,
            router.into_make_service_with_connect_info::<std::net::SocketAddr>(),
        )
        .await;
    });
    let c = reqwest::Client::new();
    let (_, observer) = token(&c, &base, &email(0), PASSWORD).await?;
    println!(
        "bench-signin on {} ({} cores): {loops} sign-in loops, {secs} s per phase",
        app.db.kind().name(),
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    print("alone", &figures(observe(&c, &base, &observer, secs).await));

    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let mut signers = Vec::new();
    for i in 1..=loops {
        let (c, base, email, stop) = (c.clone(), base.clone(), email(i), stop.clone());
        signers.push(tokio::spawn(async move {
            let mut n = 0u64;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                if matches!(token(&c, &base, &email, PASSWORD).await, Ok((201, _))) {
                    n += 1;
                }
            }
            n
        }));
    }
    let during = observe(&c, &base, &observer, secs).await;
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let mut signed = 0;
    for s in signers {
        signed += s.await.unwrap_or(0);
    }
    print(&format!("during {loops} sign-in loops"), &figures(during));
    println!(
        "  sign-ins completed: {signed} ({:.1}/s)",
        signed as f64 / secs as f64
    );

    let victim = email(1);
    let mut burst = Vec::new();
    for i in 0..100 {
        let (c, base, victim) = (c.clone(), base.clone(), victim.clone());
        burst.push(tokio::spawn(async move {
            token(&c, &base, &victim, &format!("guess {i}"))
                .await
                .map(|(s, _)| s)
                .unwrap_or(0)
        }));
    }
    let during_burst = observe(&c, &base, &observer, 3).await;
    let mut evaluated = 0;
    for b in burst {
        if b.await.unwrap_or(0) == 401 {
            evaluated += 1;
        }
    }
    print("during a 100-guess burst", &figures(during_burst));
    println!("  guesses evaluated: {evaluated} of 100 (the rest throttled)");
    Ok(())
}
