//! `hearth census …`: export a census year's DfE XML, validate a file against the DfE rules, and
//! import a council's previous returns.

use std::io::BufReader;

use anyhow::Context;
use clap::Subcommand;
use hearth_census::read::{validate_reader, ReadError};
use hearth_census::{Report, Ruleset};

#[derive(Subcommand)]
pub enum CensusCmd {
    /// Write the CIN census XML for the year ending 31 March YEAR (1 April YEAR-1 to 31 March
    /// YEAR) and report what the DfE rules find in it.
    Export {
        #[arg(long)]
        year: i32,
        #[arg(long)]
        out: std::path::PathBuf,
    },
    /// Run every DfE rule of the file's ruleset (chosen by its reference date) on a census XML
    /// file. Exits with status 1 when there are errors (queries alone do not fail).
    Validate {
        file: std::path::PathBuf,
        /// Print the findings as JSON.
        #[arg(long)]
        json: bool,
        /// Use this ruleset (cin2024_25, cin2025_26 or cin2026_27) instead of the reference date's.
        #[arg(long)]
        ruleset: Option<String>,
    },
    /// Load a council's previous census return (children, episodes, assessments, section 47s,
    /// plans and reviews), matched on LAchildID so that running it again changes nothing.
    Import { file: std::path::PathBuf },
}

/// Prints the process's peak memory on standard error (read by `hearth bench-census`).
pub fn print_peak() {
    let kib = crate::bench_search::peak_kib();
    if kib > 0 {
        eprintln!("peak memory: {:.1} MiB", kib as f64 / 1024.0);
    }
}

/// Prints a report in words.
pub fn print_report(r: &Report) {
    for p in &r.problems {
        println!("unreadable  {p}");
    }
    for i in &r.issues {
        println!(
            "{:<6} {:<5}  child {:<20}  {:<48}  {}",
            i.code,
            match i.kind {
                hearth_census::Kind::Error => "error",
                hearth_census::Kind::Query => "query",
            },
            i.child.as_deref().unwrap_or("-"),
            i.spot.path(),
            i.message.trim()
        );
    }
    println!(
        "{} children checked under {} (reference date {}): {} errors, {} queries, {} values that could not be read",
        r.children,
        r.ruleset.name(),
        r.reference_date,
        r.errors,
        r.queries,
        r.problems.len()
    );
}

/// `hearth census validate`: returns whether the file passed (no errors, nothing unreadable).
pub fn validate(file: &std::path::Path, json: bool, ruleset: Option<&str>) -> anyhow::Result<bool> {
    let ruleset = match ruleset {
        Some(name) => Some(Ruleset::parse(name).with_context(|| {
            format!(
                "'{name}' is not a ruleset Hearth has; use cin2024_25, cin2025_26 or cin2026_27"
            )
        })?),
        None => None,
    };
    let f = std::fs::File::open(file).with_context(|| format!("cannot open {}", file.display()))?;
    let report = match validate_reader(BufReader::with_capacity(1 << 16, f), ruleset) {
        Ok(r) => r,
        Err(e) => {
            print_read_error(&e, json);
            return Ok(false);
        }
    };
    if json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        print_report(&report);
    }
    print_peak();
    Ok(!report.has_errors())
}

fn print_read_error(e: &ReadError, json: bool) {
    if json {
        let v = serde_json::json!({ "read_error": e });
        println!("{v}");
    } else {
        eprintln!("The file cannot be read as a CIN census return: {e}");
    }
}

/// `hearth census import`: loads the file, printing progress and what was loaded or refused.
pub async fn import(app: &hearth_app::App, file: &std::path::Path) -> anyhow::Result<()> {
    let mut shown = usize::MAX;
    let summary = hearth_app::returns::census_import::import_file(app, file, |done, total| {
        use std::io::Write as _;
        let pct = (done * 100).checked_div(total).unwrap_or(100);
        if pct != shown || done == total {
            shown = pct;
            let filled = pct / 4;
            eprint!(
                "\rimporting [{}{}] {pct:>3}%  {done}/{total} children",
                "#".repeat(filled),
                "-".repeat(25 - filled.min(25))
            );
            let _ = std::io::stderr().flush();
        }
    })
    .await
    .map_err(|e| anyhow::anyhow!("{e}"))?;
    eprintln!();
    for r in &summary.refused {
        println!("refused  {r}");
    }
    println!("{summary}");
    if !summary.refused.is_empty() {
        std::process::exit(1);
    }
    Ok(())
}
