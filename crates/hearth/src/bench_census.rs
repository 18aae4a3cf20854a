//! Benchmark of the CIN census return (issue 16): a large council's year (18,000 children by
//! default, from the synthetic council year) is imported as a previous system's return, then
//! `hearth census export` and `hearth census validate` are run as the council would run them, each
//! in its own process, timed from start to exit with its peak memory. With `--public`, the public
//! DfE validator (`csc-validator-be-cin`, from the project's `.venv`) is timed on the same file.
//! Nothing is asserted: the figures are printed.

use std::path::Path;
use std::process::Command;
use std::time::Instant;

use anyhow::Context;
use hearth_app::accounts::users::NewUser;
use hearth_app::App;
use hearth_census::synthetic;
use hearth_census::write::Writer;

/// Runs one `hearth` subcommand; returns its wall time and its peak memory (MiB, as it reports).
fn timed(database: &str, args: &[&str]) -> anyhow::Result<(f64, String, String)> {
    let exe = std::env::current_exe()?;
    let t = Instant::now();
    let out = Command::new(exe)
        .arg("--database")
        .arg(database)
        .args(args)
        .output()
        .context("running hearth")?;
    let secs = t.elapsed().as_secs_f64();
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
    let peak = stderr
        .lines()
        .find_map(|l| l.strip_prefix("peak memory: "))
        .unwrap_or("?")
        .to_string();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let last = stdout.lines().last().unwrap_or("").to_string();
    Ok((secs, peak, last))
}

pub async fn run(
    app: &App,
    database: &str,
    children: usize,
    dir: &Path,
    public: bool,
) -> anyhow::Result<()> {
    let reference = chrono::NaiveDate::from_ymd_opt(2026, 3, 31).context("date")?;
    std::fs::create_dir_all(dir)?;
    let given = dir.join("previous-system.xml");
    let t = Instant::now();
    let mut w = Writer::new(
        std::io::BufWriter::new(std::fs::File::create(&given)?),
        &synthetic::header(reference, "999"),
    )?;
    for c in synthetic::council_year(2026, children, reference) {
        w.child(&c)?;
    }
    w.finish()?;
    let size = std::fs::metadata(&given)?.len();
    println!(
        "synthetic year: {children} children written in {:.2} s ({:.1} MiB)",
        t.elapsed().as_secs_f64(),
        size as f64 / 1048576.0
    );
    let _ = app
        .add_user(
            None,
            &NewUser {
                name: "Census bench".into(),
                email: "census-bench@bench.hearth.test".into(),
                role: "administrator".into(),
                team: "Performance".into(),
                password: format!("{:032x}", rand::random::<u128>()),
            },
        )
        .await;
    let t = Instant::now();
    let s = hearth_app::returns::census_import::import_file(app, &given, |_, _| {})
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let took = t.elapsed().as_secs_f64();
    println!(
        "import: {s} in {took:.1} s ({:.2} ms per child)",
        took * 1000.0 / children.max(1) as f64
    );

    let out = dir.join("hearth-2026.xml");
    let out_s = out.to_string_lossy().to_string();
    println!(
        "\nexport and validate, each as its own `hearth` process (wall time includes start-up):"
    );
    let mut best = f64::MAX;
    for round in 1..=3 {
        let (secs, peak, last) = timed(
            database,
            &["census", "export", "--year", "2026", "--out", &out_s],
        )?;
        best = best.min(secs);
        println!("  export round {round}: {secs:.2} s, peak memory {peak} — {last}");
    }
    let mut best_v = f64::MAX;
    for round in 1..=3 {
        let (secs, peak, last) = timed(database, &["census", "validate", &out_s])?;
        best_v = best_v.min(secs);
        println!("  validate round {round}: {secs:.2} s, peak memory {peak} — {last}");
    }
    println!(
        "  best: export (with the DfE rules run as it streams) {best:.2} s; validate alone {best_v:.2} s; target under 2 s and 200 MB"
    );

    if public {
        let root = std::env::current_dir()?;
        let py = root.join(".venv/bin/python");
        let script = root.join("scripts/cin-validator-json");
        println!(
            "\nthe public validator (csc-validator-be-cin 0.1.13) on the same file, one process:"
        );
        let t = Instant::now();
        let o = Command::new(py)
            .arg(script)
            .args(["--jobs", "1", "--ruleset", "cin2025_26"])
            .arg(&out)
            .output()
            .context("running the public validator (run scripts/install-deps first)")?;
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap_or_default();
        println!(
            "  {:.1} s; {} findings, {} rules crashed",
            t.elapsed().as_secs_f64(),
            v["findings"].as_array().map_or(0, |a| a.len()),
            v["crashed"].as_array().map_or(0, |a| a.len())
        );
    }
    Ok(())
}
