//! Command-line arguments.

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "hearth",
    version,
    about = "Hearth: case management for children's social care"
)]
pub struct Cli {
    /// sqlite://path (created on first run) or postgres://user@host/db
    #[arg(
        long,
        global = true,
        env = "HEARTH_DATABASE",
        default_value = "sqlite://hearth.db"
    )]
    pub database: String,
    /// Address to serve on.
    #[arg(
        long,
        global = true,
        env = "HEARTH_LISTEN",
        default_value = "127.0.0.1:8080"
    )]
    pub listen: String,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Serve the web pages and the API (applies migrations first).
    Serve {
        /// The council's name, shown in the header.
        #[arg(long, env = "HEARTH_COUNCIL", default_value = "Exampleton Council")]
        council: String,
        /// Set when a TLS proxy is in front: cookies become Secure and HSTS is sent.
        #[arg(long, env = "HEARTH_BEHIND_TLS")]
        behind_tls: bool,
        /// Addresses of reverse proxies whose forwarding header names the client (for the
        /// sign-in throttle). Without any, the TCP peer is the client and the header is ignored.
        #[arg(
            long = "trusted-proxy",
            env = "HEARTH_TRUSTED_PROXIES",
            value_delimiter = ','
        )]
        trusted_proxies: Vec<std::net::IpAddr>,
        /// The header a trusted proxy puts the client's address in.
        #[arg(
            long,
            env = "HEARTH_CLIENT_IP_HEADER",
            default_value = "x-forwarded-for"
        )]
        client_ip_header: String,
    },
    /// Apply database migrations.
    Migrate,
    /// Load deterministic synthetic demo data and print the demo accounts' passwords once.
    Demo {
        #[arg(long, default_value_t = 42)]
        seed: u64,
        #[arg(long, default_value_t = 200)]
        children: usize,
    },
    /// Working-day arithmetic, bank holidays, GOV.UK import and closure days.
    #[command(subcommand)]
    Calendar(crate::cli_calendar::CalendarCmd),
    /// Local protocols: list, show, check a council's file, adopt.
    #[command(subcommand)]
    Protocol(crate::cli_calendar::ProtocolCmd),
    /// The CIN census return: export, validate, import.
    #[command(subcommand)]
    Census(crate::cli_census::CensusCmd),
    /// Manage users.
    #[command(subcommand)]
    User(UserCmd),
    /// Benchmark assessments: take N children through a full assessment, then time section
    /// saves (the autosave) and opening the record (p50/p99) and memory.
    BenchAssessment {
        #[arg(long, default_value_t = 200)]
        assessments: usize,
    },
    /// Benchmark a worker's day: demo data scaled to N children with M case notes, then time My
    /// work, the team view, the child's summary and the chronology (p50/p95/max) and memory.
    BenchCasework {
        #[arg(long, default_value_t = 10_000)]
        children: usize,
        #[arg(long, default_value_t = 1_000_000)]
        notes: usize,
        /// Children held by the demo social worker.
        #[arg(long, default_value_t = 40)]
        caseload: usize,
        #[arg(long, default_value_t = 100)]
        rounds: usize,
    },
    /// Benchmark child protection: N children taken to open plans through the use cases, then
    /// time every child's next review and core group due date, and My work, the child's
    /// protection record and the team view (p50/p95/max) for a worker holding some of them.
    BenchProtection {
        #[arg(long, default_value_t = 5_000)]
        children: usize,
        /// Children held by the timed worker.
        #[arg(long, default_value_t = 40)]
        caseload: usize,
        #[arg(long, default_value_t = 100)]
        rounds: usize,
    },
    /// Benchmark the CIN census return: a synthetic council year of N children imported, then
    /// `hearth census export` and `hearth census validate` timed with their peak memory (and the
    /// public DfE validator on the same file with --public).
    BenchCensus {
        #[arg(long, default_value_t = 18_000)]
        children: usize,
        /// Where the files go.
        #[arg(long, default_value = "target/bench-census")]
        dir: std::path::PathBuf,
        /// Also time the public validator (about 15 minutes for 18,000 children).
        #[arg(long)]
        public: bool,
    },
    /// Benchmark sign-in contention: another user's GET /api/v1/me latency alone, during N
    /// parallel sign-in loops and during a 100-guess burst.
    BenchSignin {
        #[arg(long, default_value_t = 16)]
        loops: usize,
        #[arg(long, default_value_t = 15)]
        seconds: u64,
    },
    /// Benchmark person search: load synthetic people, then time searches (p50/p99) and memory.
    BenchSearch {
        #[arg(long, default_value_t = 100_000)]
        people: usize,
        #[arg(long, default_value_t = 2_000)]
        queries: usize,
    },
}

#[derive(Subcommand)]
pub enum UserCmd {
    /// Add a user; the password is prompted for, or read from standard input.
    Add {
        #[arg(long)]
        name: String,
        #[arg(long)]
        email: String,
        /// social-worker, team-manager, service-manager, conference-chair, front-door,
        /// partner-referrer, performance-analyst, information-governance, administrator
        #[arg(long)]
        role: String,
        #[arg(long)]
        team: String,
        #[arg(long)]
        password_stdin: bool,
    },
}
