//! The `hearth` binary: serve, migrate, demo data, users, and (from the clocks work) the
//! calendar and protocol tools.

mod bench_assessment;
mod bench_casework;
mod bench_census;
mod bench_protection;
mod bench_search;
mod bench_signin;
mod cli;
mod cli_calendar;
mod cli_census;

/// mimalloc: many small short-lived allocations per request across worker threads are where
/// the system allocator spends its time under load (see `scripts/bench`).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::io::Read;
use std::sync::Arc;

use anyhow::{bail, Context};
use clap::Parser;
use hearth_app::accounts::users::NewUser;
use hearth_app::{App, SystemClock};
use hearth_store::Db;

use cli::{Cli, Command, UserCmd};

async fn open(url: &str) -> anyhow::Result<App> {
    let db = Db::connect(url)
        .await
        .with_context(|| format!("cannot open the database ({})", redact(url)))?;
    db.migrate().await.context("cannot apply migrations")?;
    Ok(App::new(db, Arc::new(SystemClock)))
}

/// Whether the database already exists (a PostgreSQL URL is assumed to).
fn database_exists(url: &str) -> bool {
    match url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))
    {
        Some(path) => std::path::Path::new(path).exists(),
        None => true,
    }
}

/// A database URL without its password, for messages.
fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => format!("{}://…@{}", &url[..s], &url[at + 1..]),
        _ => url.to_string(),
    }
}

fn read_password(stdin: bool) -> anyhow::Result<String> {
    if stdin {
        let mut s = String::new();
        std::io::stdin().read_to_string(&mut s)?;
        return Ok(s.trim_end_matches(['\n', '\r']).to_string());
    }
    let p1 = rpassword::prompt_password("Password (at least 12 characters): ")?;
    let p2 = rpassword::prompt_password("Repeat password: ")?;
    if p1 != p2 {
        bail!("the passwords do not match");
    }
    Ok(p1)
}

async fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        Command::Serve {
            council,
            behind_tls,
            trusted_proxies,
            client_ip_header,
        } => {
            let app = open(&cli.database).await?;
            let state = hearth_web::AppState {
                app,
                council_name: council,
                behind_tls,
                client_address: hearth_web::client::ClientAddress {
                    trusted_proxies,
                    header: client_ip_header.to_ascii_lowercase(),
                },
            };
            let listener = tokio::net::TcpListener::bind(&cli.listen)
                .await
                .with_context(|| format!("cannot listen on {}", cli.listen))?;
            tracing::info!(listen = %cli.listen, database = state.app.db.kind().name(), "Hearth is serving");
            println!("Hearth is serving on http://{}", cli.listen);
            let router = hearth_web::router(state);
            axum::serve(
                listener,
                router.into_make_service_with_connect_info::<std::net::SocketAddr>(),
            )
            .with_graceful_shutdown(shutdown())
            .await?;
        }
        Command::Migrate => {
            let app = open(&cli.database).await?;
            println!(
                "{} schema at version {}",
                app.db.kind().name(),
                app.db.schema_version().await?
            );
        }
        Command::Demo { seed, children } => {
            let app = open(&cli.database).await?;
            let report = hearth_demo::load_demo(&app, seed, children)
                .await
                .map_err(|e| anyhow::anyhow!("{e}"))?;
            println!(
                "Loaded {} synthetic people. Demo accounts (passwords are shown only now):",
                report.people
            );
            for a in report.accounts {
                println!("  {:<24} {:<44} {}", a.role.code(), a.email, a.password);
            }
        }
        Command::User(UserCmd::Add {
            name,
            email,
            role,
            team,
            password_stdin,
        }) => {
            let password = read_password(password_stdin)?;
            let app = open(&cli.database).await?;
            let n = NewUser {
                name,
                email,
                role,
                team,
                password,
            };
            match app.add_user(None, &n).await {
                Ok(u) => println!("Added {} ({}) to {}", u.email, u.role.code(), u.team_name),
                Err(hearth_app::AppError::Validation(v)) => bail!("{v}"),
                Err(e) => bail!("{e}"),
            }
        }
        Command::Calendar(cmd) => {
            use cli_calendar::CalendarCmd;
            match &cmd {
                CalendarCmd::Import { file } => {
                    let days = cli_calendar::read_import(file)?;
                    let app = open(&cli.database).await?;
                    let added = app
                        .import_bank_holidays(None, &days)
                        .await
                        .map_err(|e| anyhow::anyhow!("{e}"))?;
                    println!("Read {} England and Wales days; {added} stored corrections changed (days the rules did not compute, or computed days the list omits)", days.len());
                }
                CalendarCmd::AddClosure { date, name } => {
                    let day = cli_calendar::date(date)?;
                    let app = open(&cli.database).await?;
                    app.add_closure_day(None, day, name)
                        .await
                        .map_err(|e| anyhow::anyhow!("{e}"))?;
                    println!("Added closure day {day}: {name}");
                }
                other => {
                    // Use the council's stored days when its database exists; never create one here.
                    let cal = if database_exists(&cli.database) {
                        open(&cli.database)
                            .await?
                            .calendar()
                            .await
                            .map_err(|e| anyhow::anyhow!("{e}"))?
                    } else {
                        std::sync::Arc::new(hearth_domain::calendar::Calendar::england_and_wales())
                    };
                    cli_calendar::run_calendar(other, &cal)?;
                }
            }
        }
        Command::Protocol(cli_calendar::ProtocolCmd::Adopt { preset_or_file }) => {
            let text =
                if hearth_domain::protocol::Protocol::preset_source(&preset_or_file).is_some() {
                    preset_or_file.clone()
                } else {
                    std::fs::read_to_string(&preset_or_file).with_context(|| {
                        format!("'{preset_or_file}' is neither a preset nor a readable file")
                    })?
                };
            let app = open(&cli.database).await?;
            match app
                .adopt_protocol(None, &text)
                .await
                .map_err(|e| anyhow::anyhow!("{e}"))?
            {
                Ok(p) => println!(
                    "{} v{} is now the protocol in force; running clocks keep their due dates",
                    p.name, p.version
                ),
                Err(errors) => {
                    for e in &errors {
                        eprintln!("{preset_or_file}:{e}");
                    }
                    bail!("the protocol was not adopted");
                }
            }
        }
        Command::Protocol(cmd) => cli_calendar::run_protocol(&cmd)?,
        Command::Census(cli_census::CensusCmd::Validate {
            file,
            json,
            ruleset,
        }) => {
            if !cli_census::validate(&file, json, ruleset.as_deref())? {
                std::process::exit(1);
            }
        }
        Command::Census(cli_census::CensusCmd::Export { year, out }) => {
            let app = open(&cli.database).await?;
            let f = std::fs::File::create(&out)
                .with_context(|| format!("cannot create {}", out.display()))?;
            let mut sink = hearth_app::returns::census_export::FileSink(std::io::BufWriter::new(f));
            let (header, y, rules) = app
                .census_export_begin(None, year)
                .await
                .map_err(|e| anyhow::anyhow!("{e}"))?;
            let (summary, report) = app
                .census_export_write(header, y, rules, &mut sink)
                .await
                .map_err(|e| anyhow::anyhow!("{e}"))?;
            use std::io::Write as _;
            sink.0.flush()?;
            cli_census::print_report(&report);
            println!(
                "Wrote {} children to {} (CIN {}, serial number {}).",
                summary.children,
                out.display(),
                summary.year,
                summary.serial_no
            );
            cli_census::print_peak();
        }
        Command::Census(cli_census::CensusCmd::Import { file }) => {
            let app = open(&cli.database).await?;
            cli_census::import(&app, &file).await?;
        }
        Command::BenchAssessment { assessments } => {
            let app = open(&cli.database).await?;
            bench_assessment::run(&app, assessments).await?;
        }
        Command::BenchCasework {
            children,
            notes,
            caseload,
            rounds,
        } => {
            let app = open(&cli.database).await?;
            bench_casework::run(&app, children, notes, caseload, rounds).await?;
        }
        Command::BenchProtection {
            children,
            caseload,
            rounds,
        } => {
            let app = open(&cli.database).await?;
            bench_protection::run(&app, children, caseload, rounds).await?;
        }
        Command::BenchCensus {
            children,
            dir,
            public,
        } => {
            let app = open(&cli.database).await?;
            bench_census::run(&app, &cli.database, children, &dir, public).await?;
        }
        Command::BenchSignin { loops, seconds } => {
            let app = open(&cli.database).await?;
            bench_signin::run(&app, loops, seconds).await?;
        }
        Command::BenchSearch { people, queries } => {
            let app = open(&cli.database).await?;
            bench_search::run(&app, people, queries).await?;
        }
    }
    Ok(())
}

async fn shutdown() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
}

fn main() -> std::process::ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("HEARTH_LOG")
                .unwrap_or_else(|_| "info,sqlx=warn".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
    let rt = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: cannot start the runtime: {e}");
            return std::process::ExitCode::FAILURE;
        }
    };
    match rt.block_on(run(cli)) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
