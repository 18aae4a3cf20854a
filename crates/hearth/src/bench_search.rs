//! `hearth bench-search`: loads synthetic people (if fewer are present) and times person
//! searches through the same use case the pages call, printing p50/p99 latency and resident memory.

use std::time::Instant;

use hearth_app::accounts::auth::Principal;
use hearth_app::people::cases::PeopleSearch;
use hearth_app::App;

pub(crate) fn rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0)
}

/// Peak resident memory of this process so far (KiB), or 0 where the system does not say.
pub(crate) fn peak_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0)
}

pub(crate) fn pct(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

pub async fn run(app: &App, people: usize, queries: usize) -> anyhow::Result<()> {
    let email = "bench-worker@bench.hearth.test";
    let mut tx = app.db.begin().await?;
    let have_user = tx.users().by_email(email).await?.is_some();
    let count = tx.people().count().await? as usize;
    tx.commit().await?;
    if !have_user {
        let n = hearth_app::accounts::users::NewUser {
            name: "Bench Worker".into(),
            email: email.into(),
            role: "social-worker".into(),
            team: "Bench".into(),
            password: "bench-password-123".into(),
        };
        app.add_user(None, &n)
            .await
            .map_err(|e| anyhow::anyhow!("{e}"))?;
    }
    let idle_rss = rss_kib();
    if count < people {
        let start = Instant::now();
        let mut loaded = count;
        let mut seed = 1000 + count as u64;
        while loaded < people {
            let batch = (people - loaded).min(5_000);
            let gen = hearth_demo::generate::generate(seed, batch, app.clock.today());
            let adults_and_children = gen.len();
            hearth_demo::load_people(app, email, &gen)
                .await
                .map_err(|e| anyhow::anyhow!("{e}"))?;
            loaded += adults_and_children;
            seed += 1;
        }
        println!(
            "loaded {} people in {:.1} s",
            loaded - count,
            start.elapsed().as_secs_f64()
        );
    }
    let mut tx = app.db.begin().await?;
    let (user, _) = tx
        .users()
        .by_email(email)
        .await?
        .ok_or_else(|| anyhow::anyhow!("bench user missing"))?;
    let total = tx.people().count().await?;
    tx.commit().await?;
    let p = Principal {
        user,
        csrf: None,
        session_hash: None,
    };
    let terms = [
        "smi",
        "Smyth",
        "jones",
        "Patel",
        "okaf",
        "amelia tay",
        "Noah",
        "wrig",
        "Begum",
        "kel",
        "Theo Ward",
        "harr",
    ];
    let mut times = Vec::with_capacity(queries);
    let mut found = 0usize;
    let mut peak = rss_kib();
    for i in 0..queries {
        let s = PeopleSearch {
            text: terms[i % terms.len()].into(),
            date_of_birth: None,
        };
        let t = Instant::now();
        let r = app
            .search_people(&p, &s)
            .await
            .map_err(|e| anyhow::anyhow!("{e}"))?;
        times.push(t.elapsed().as_secs_f64() * 1000.0);
        found += r.len();
        if i % 100 == 0 {
            peak = peak.max(rss_kib());
        }
    }
    times.sort_by(|a, b| a.total_cmp(b));
    println!("database: {}", app.db.kind().name());
    println!("people: {total}");
    println!(
        "searches: {queries} (mean {:.1} results each)",
        found as f64 / queries.max(1) as f64
    );
    println!("search latency p50: {:.2} ms", pct(&times, 0.50));
    println!("search latency p99: {:.2} ms", pct(&times, 0.99));
    println!("search latency max: {:.2} ms", pct(&times, 1.0));
    println!("resident memory idle: {:.1} MiB", idle_rss as f64 / 1024.0);
    println!(
        "resident memory under search load (peak): {:.1} MiB",
        peak.max(rss_kib()) as f64 / 1024.0
    );
    Ok(())
}
