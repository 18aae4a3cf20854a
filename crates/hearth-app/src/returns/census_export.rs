//! The CIN census export (issue 16, item 2): the DfE XML for a census year written from the
//! recorded journey a page of children at a time, so memory stays bounded whatever the council's
//! size, and validated by the DfE rules as it streams. The audit row (who, which year, which
//! serial number) is durable before the first byte is handed over.

use std::future::Future;
use std::io::Write;

use chrono::Datelike;
use hearth_census::write::Writer;
use hearth_census::{Header, Report, Ruleset, Validator};
use hearth_domain::authz::GeneralAction;
use hearth_store::audit::{AuditEntry, AuditOutcome};
use serde::Serialize;
use utoipa::ToSchema;

use super::census_map::{census_child, CensusPages, CensusYear};
use crate::accounts::auth::Principal;
use crate::error::{AppError, AppResult};
use crate::App;

/// The council's census settings: its three-digit DfE LA code (`HEARTH_LA_CODE`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CensusSettings {
    pub la_code: String,
}

impl CensusSettings {
    /// From `HEARTH_LA_CODE` (three digits); `999` when unset, which a council replaces.
    pub fn from_env() -> Self {
        let la_code = std::env::var("HEARTH_LA_CODE")
            .ok()
            .filter(|c| c.len() == 3 && c.bytes().all(|b| b.is_ascii_digit()))
            .unwrap_or_else(|| "999".to_string());
        Self { la_code }
    }
}

/// Where an export's bytes go, a chunk at a time.
pub trait ExportSink: Send {
    fn chunk(&mut self, bytes: Vec<u8>) -> impl Future<Output = std::io::Result<()>> + Send;
}

/// A file (the command line).
pub struct FileSink(pub std::io::BufWriter<std::fs::File>);

impl ExportSink for FileSink {
    async fn chunk(&mut self, bytes: Vec<u8>) -> std::io::Result<()> {
        self.0.write_all(&bytes)
    }
}

/// A channel to an HTTP response body.
impl ExportSink for tokio::sync::mpsc::Sender<Vec<u8>> {
    async fn chunk(&mut self, bytes: Vec<u8>) -> std::io::Result<()> {
        self.send(bytes).await.map_err(|_| {
            std::io::Error::new(std::io::ErrorKind::BrokenPipe, "the download was closed")
        })
    }
}

/// What an export wrote and what the DfE rules found in it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ExportSummary {
    pub year: i32,
    pub reference_date: chrono::NaiveDate,
    pub serial_no: i64,
    pub children: usize,
    pub errors: usize,
    pub queries: usize,
}

/// The census year ending 31 March `year`, if Hearth has its ruleset.
pub fn census_year(year: i32) -> AppResult<(CensusYear, Ruleset)> {
    let refuse = || {
        let mut e = hearth_domain::errors::ValidationErrors::default();
        e.add(
            "year",
            "no_ruleset",
            format!("Hearth has the DfE rules for the census years ending 31 March 2025, 2026 and 2027, not {year}"),
        );
        AppError::Validation(e)
    };
    let y = CensusYear::ending(year).ok_or_else(refuse)?;
    let rules = Ruleset::for_reference_date(y.end).ok_or_else(refuse)?;
    Ok((y, rules))
}

impl App {
    /// Starts an export: checks who asks, takes the next serial number and records the audit row
    /// (durable before any data leaves). `by` is `None` at the command line.
    pub async fn census_export_begin(
        &self,
        by: Option<&Principal>,
        year: i32,
    ) -> AppResult<(Header, CensusYear, Ruleset)> {
        if let Some(p) = by {
            self.allow(p, GeneralAction::CensusReturn).await?;
        }
        let (y, rules) = census_year(year)?;
        let now = self.clock.now();
        let mut tx = self.db.begin().await?;
        let serial = tx.census().next_serial(y.year()).await?;
        tx.audit(
            now,
            AuditEntry {
                user: by.map(|p| p.user.id),
                action: "census.export",
                record_type: "return",
                record_id: Some(format!("CIN {}", y.year())),
                outcome: AuditOutcome::Success,
                detail: Some(format!("serial number {serial}")),
            },
        )
        .await?;
        tx.commit().await?;
        let header = Header {
            source_level: Some("L".into()),
            lea: Some(self.census.la_code.clone()),
            software_code: Some("Hearth".into()),
            release: Some(env!("CARGO_PKG_VERSION").into()),
            serial_no: Some(serial.to_string()),
            date_time: Some(
                hearth_domain::uk_time::to_uk(now)
                    .format("%Y-%m-%dT%H:%M:%S")
                    .to_string(),
            ),
            ..y.header()
        };
        Ok((header, y, rules))
    }

    /// Writes the return begun by [`App::census_export_begin`] to `sink`, validating as it goes.
    pub async fn census_export_write(
        &self,
        header: Header,
        year: CensusYear,
        rules: Ruleset,
        sink: &mut impl ExportSink,
    ) -> AppResult<(ExportSummary, Report)> {
        let io = |e: std::io::Error| AppError::Internal(format!("writing the census return: {e}"));
        let mut tx = self.db.read().await?;
        let (cal, census_cal) = Self::calendars_in(&mut tx).await?;
        let mut validator = Validator::with_calendar(&header, rules, None, census_cal);
        let mut w = Writer::new(Vec::with_capacity(1 << 16), &header).map_err(io)?;
        let mut pages = CensusPages::new(year);
        while let Some(page) = pages.next(&mut tx).await? {
            for row in &page {
                let child = census_child(row, year, &cal);
                validator.child(&child);
                w.child(&child).map_err(io)?;
            }
            sink.chunk(std::mem::take(w.get_mut())).await.map_err(io)?;
        }
        tx.rollback().await?;
        let (rest, children) = w.finish().map_err(io)?;
        sink.chunk(rest).await.map_err(io)?;
        let report = validator.finish();
        let summary = ExportSummary {
            year: year.year(),
            reference_date: year.end,
            serial_no: header
                .serial_no
                .as_deref()
                .and_then(|s| s.parse().ok())
                .unwrap_or_default(),
            children,
            errors: report.errors,
            queries: report.queries,
        };
        Ok((summary, report))
    }

    /// The census year today falls in, ending 31 March (for pages that default to it).
    pub fn current_census_year(&self) -> i32 {
        let today = hearth_domain::uk_time::uk_date(self.clock.now());
        CensusYear::containing(today).map_or(today.year(), |y| y.year())
    }
}
