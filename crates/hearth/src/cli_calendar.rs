//! `hearth calendar …` and `hearth protocol …`: working-day arithmetic, the year's bank holidays,
//! importing GOV.UK's list, and showing or checking a local protocol.

use std::path::PathBuf;

use anyhow::{anyhow, bail, Context};
use chrono::NaiveDate;
use clap::Subcommand;
use hearth_domain::calendar::{parse_govuk_json, Calendar};
use hearth_domain::protocol::Protocol;

#[derive(Subcommand)]
pub enum CalendarCmd {
    /// Print the date N working days after DATE (DATE itself not counted).
    AddWorkingDays { date: String, n: u32 },
    /// Print the number of working days after DATE1 up to and including DATE2.
    WorkingDays { date1: String, date2: String },
    /// List the year's England and Wales bank holidays (and council closure days).
    Holidays { year: i32 },
    /// Import GOV.UK's bank-holidays JSON file (https://www.gov.uk/bank-holidays.json) to add or correct days.
    Import { file: PathBuf },
    /// Add a council closure day.
    AddClosure { date: String, name: String },
}

#[derive(Subcommand)]
pub enum ProtocolCmd {
    /// Print a preset's timescales.
    Show { preset: String },
    /// Validate a council's protocol file; errors name the line, the field and why.
    Check { file: PathBuf },
    /// List the shipped presets.
    List,
    /// Adopt a preset (by name) or a council's file as the protocol in force. Running clocks keep
    /// their due dates.
    Adopt { preset_or_file: String },
}

pub fn date(s: &str) -> anyhow::Result<NaiveDate> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
        .map_err(|_| anyhow!("'{s}' is not a date; use YYYY-MM-DD"))
}

/// The calendar commands that need no database writes.
pub fn run_calendar(cmd: &CalendarCmd, cal: &Calendar) -> anyhow::Result<()> {
    match cmd {
        CalendarCmd::AddWorkingDays { date: d, n } => {
            println!("{}", cal.add_working_days(date(d)?, *n))
        }
        CalendarCmd::WorkingDays { date1, date2 } => {
            println!("{}", cal.working_days_between(date(date1)?, date(date2)?))
        }
        CalendarCmd::Holidays { year } => {
            for h in cal.holidays_in(*year) {
                println!("{}  {}", h.date, h.name);
            }
        }
        CalendarCmd::Import { .. } | CalendarCmd::AddClosure { .. } => {
            bail!("this command writes to the database")
        }
    }
    Ok(())
}

/// Reads the England and Wales days from a GOV.UK bank-holidays file.
pub fn read_import(file: &PathBuf) -> anyhow::Result<Vec<(NaiveDate, String)>> {
    let text =
        std::fs::read_to_string(file).with_context(|| format!("cannot read {}", file.display()))?;
    parse_govuk_json(&text).map_err(|e| anyhow!("{}: {e}", file.display()))
}

pub fn run_protocol(cmd: &ProtocolCmd) -> anyhow::Result<()> {
    match cmd {
        ProtocolCmd::List => {
            for name in Protocol::presets() {
                if let Some(p) = Protocol::preset(name) {
                    println!("{name:<22} v{}  {}", p.version, p.title);
                }
            }
        }
        ProtocolCmd::Show { preset } => {
            let p = Protocol::preset(preset).ok_or_else(|| {
                anyhow!(
                    "'{preset}' is not a preset; use one of: {}",
                    Protocol::presets().join(", ")
                )
            })?;
            println!("{} v{}: {}", p.name, p.version, p.title);
            println!("source: {}", p.source);
            for d in p.describe() {
                println!("  {}: {}\n      ({})", d.what, d.value, d.basis);
            }
        }
        ProtocolCmd::Adopt { .. } => bail!("this command writes to the database"),
        ProtocolCmd::Check { file } => {
            let text = std::fs::read_to_string(file)
                .with_context(|| format!("cannot read {}", file.display()))?;
            match Protocol::parse(&text) {
                Ok(p) => println!("OK: {} v{}", p.name, p.version),
                Err(errors) => {
                    for e in &errors {
                        eprintln!("{}:{e}", file.display());
                    }
                    bail!("{} has {} problem(s)", file.display(), errors.len());
                }
            }
        }
    }
    Ok(())
}
