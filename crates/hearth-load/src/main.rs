//! `hearth-load`: a compiled HTTP load generator for Hearth. It signs in over the JSON API, finds
//! and prepares its data through the API (it links no Hearth crate), drives N concurrent clients
//! for a set time and prints throughput and p50/p95/p99 per request kind.
//!
//!   hearth-load --base http://127.0.0.1:8080 --email social-worker@demo.hearth.test \
//!     --front-door-email front-door@demo.hearth.test --clients 32 --seconds 60 --mix mixed
//!   (passwords from HEARTH_LOAD_PASSWORD and HEARTH_LOAD_FRONT_DOOR_PASSWORD)

mod api;
mod bodies;
mod discover;
mod mix;
mod report;
mod workload;

use std::time::Duration;

use anyhow::Context;
use clap::{Parser, ValueEnum};
use reqwest::Method;
use serde_json::Value;

use api::Api;
use discover::{Plan, Tokens};
use report::Report;
use workload::{Run, SignIns};

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Mix {
    /// 80% audited reads, 20% writes, sign-ins at a fixed rate.
    Mixed,
    /// People searches only.
    Search,
}

#[derive(Parser)]
#[command(
    name = "hearth-load",
    version,
    about = "HTTP load generator for Hearth"
)]
struct Cli {
    /// Where Hearth serves.
    #[arg(long, default_value = "http://127.0.0.1:8080")]
    base: String,
    /// The worker account (a social worker or manager): people, assessments, search, sign-ins.
    #[arg(long)]
    email: String,
    /// The worker's password (best given in the environment, not on the command line).
    #[arg(long, env = "HEARTH_LOAD_PASSWORD", hide_env_values = true)]
    password: String,
    /// The front-door account for the queue, contacts, referrals and decisions (the worker's
    /// when not given).
    #[arg(long, requires = "front_door_password")]
    front_door_email: Option<String>,
    /// The front-door account's password.
    #[arg(long, env = "HEARTH_LOAD_FRONT_DOOR_PASSWORD", hide_env_values = true)]
    front_door_password: Option<String>,
    #[arg(long, value_enum, default_value = "mixed")]
    mix: Mix,
    /// Concurrent clients, each sending its next request when the last one is answered.
    #[arg(long, default_value_t = 32)]
    clients: usize,
    /// How long the clients run (preparation before it is not counted).
    #[arg(long, default_value_t = 60)]
    seconds: u64,
    /// Sign-ins per second during the mixed run (real `POST /api/v1/tokens`, worker account).
    #[arg(long, default_value_t = 2.0)]
    sign_ins_per_second: f64,
    /// Assessments opened (contact, referral, decision, open) for each client to autosave to.
    #[arg(long, default_value_t = 2)]
    assessments_per_client: usize,
    /// People each client alone edits.
    #[arg(long, default_value_t = 8)]
    people_per_client: usize,
    /// Leave referral decisions out of the mix (writes are then autosaves and person edits).
    #[arg(long)]
    no_decisions: bool,
    /// Seed for each client's choices.
    #[arg(long, default_value_t = 42)]
    seed: u64,
    /// Also write the report as JSON here.
    #[arg(long)]
    json: Option<std::path::PathBuf>,
    /// Runtime worker threads (default: one per core).
    #[arg(long)]
    threads: Option<usize>,
}

const SEARCH_NOTE: &str = "each search is GET /api/v1/people?q=<term>, the term drawn from \
    surnames, first names, 3-letter prefixes, first names with a surname's start and a \
    sound-alike";
const NO_DECISIONS_NOTE: &str =
    "decisions left out (--no-decisions): the writes are autosaves and person edits, 10% each";
const DECISIONS_NOTE: &str = "a referral can be decided only once, so each decision is of a \
    referral made during the run: a contact (POST /contacts) becomes a referral (POST \
    /contacts/{id}/outcome), which is decided (no further action); each is timed as its own kind";
const OWN_WORK_NOTE: &str = "each client autosaves only to its own assessments and edits only its \
    own people, with the version it last saw (a 409 would be a lost update)";
const LATENCY_NOTE: &str = "latencies are of every reply (errors included), from sending to the \
    last byte of the body; p50/p95/p99 are nearest-rank";

/// The database Hearth says it runs on (`/healthz`).
async fn database(api: &Api) -> anyhow::Result<String> {
    let r = api
        .send(Method::GET, "/healthz", None, None)
        .await
        .context("Hearth is not answering /healthz")?;
    let v: Value = r.json()?;
    Ok(v["database"].as_str().unwrap_or("unknown").to_string())
}

async fn run(cli: Cli) -> anyhow::Result<()> {
    let api = Api::new(&cli.base, cli.clients + 8)?;
    let database = database(&api).await?;
    let worker = api.token(&cli.email, &cli.password).await?;
    let front_door = match (&cli.front_door_email, &cli.front_door_password) {
        (Some(e), Some(p)) => api.token(e, p).await?,
        _ => worker.clone(),
    };
    let tokens = Tokens { worker, front_door };
    let run = Run {
        api: api.clone(),
        tokens: tokens.clone(),
        clients: cli.clients,
        duration: Duration::from_secs(cli.seconds),
        seed: cli.seed,
    };
    let mut notes = Vec::new();
    let (rec, elapsed, mix_name) = match cli.mix {
        Mix::Search => {
            eprintln!(
                "hearth-load: {} clients searching people for {} s",
                cli.clients, cli.seconds
            );
            let (rec, secs) = workload::search(run).await?;
            notes.push(SEARCH_NOTE.into());
            (rec, secs, "search")
        }
        Mix::Mixed => {
            let plan = Plan {
                clients: cli.clients,
                assessments_per_client: cli.assessments_per_client,
                people_per_client: cli.people_per_client,
            };
            eprintln!(
                "hearth-load: preparing (finding people, opening {} assessments)",
                cli.clients * cli.assessments_per_client
            );
            let fx = discover::prepare(&api, &tokens, &plan).await?;
            eprintln!(
                "hearth-load: {} people, {} referrals, {} assessments to read; \
                 {} clients for {} s, {} sign-ins/s",
                fx.people.len(),
                fx.referrals.len(),
                fx.assessments.len(),
                cli.clients,
                cli.seconds,
                cli.sign_ins_per_second
            );
            let weights = if cli.no_decisions {
                notes.push(NO_DECISIONS_NOTE.into());
                mix::MIXED_NO_DECISIONS
            } else {
                notes.push(DECISIONS_NOTE.into());
                mix::MIXED
            };
            notes.push(OWN_WORK_NOTE.into());
            let signs = SignIns {
                email: cli.email.clone(),
                password: cli.password.clone(),
                per_second: cli.sign_ins_per_second,
            };
            let (rec, secs) = workload::mixed(run, fx, weights, signs).await?;
            (rec, secs, "mixed")
        }
    };
    notes.push(LATENCY_NOTE.into());
    let mut report = Report::new(mix_name, &database, cli.clients, elapsed, &rec, mix::KINDS);
    report.against_targets(cli.mix == Mix::Mixed);
    report.notes = notes;
    print!("{}", report.text());
    if let Some(path) = &cli.json {
        let text = serde_json::to_string_pretty(&report)?;
        std::fs::write(path, text).with_context(|| format!("cannot write {}", path.display()))?;
    }
    Ok(())
}

fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    let mut rt = tokio::runtime::Builder::new_multi_thread();
    if let Some(n) = cli.threads {
        rt.worker_threads(n.max(1));
    }
    let rt = match rt.enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("hearth-load: cannot start the runtime: {e}");
            return std::process::ExitCode::FAILURE;
        }
    };
    match rt.block_on(run(cli)) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("hearth-load: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
