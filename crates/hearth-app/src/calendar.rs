//! The working-day calendar as the council has it (computed rules plus imported corrections and
//! closure days), and the local protocol in force with its history.

use chrono::NaiveDate;
use hearth_domain::authz::GeneralAction;
use hearth_domain::calendar::{Adjustment, Calendar};
use hearth_domain::protocol::{Protocol, ProtocolError};
use hearth_store::audit::{AuditEntry, AuditOutcome};
use hearth_store::calendar_days::{CalendarDay, DayKind};
use hearth_store::protocols::ProtocolVersionRow;
use std::sync::{Arc, Mutex};

use crate::accounts::auth::Principal;
use crate::error::{AppError, AppResult};
use crate::App;

/// The preset in force until a council adopts its own protocol.
pub const DEFAULT_PRESET: &str = "working-together";

fn audit(by: Option<&Principal>, action: &'static str, detail: String) -> AuditEntry {
    AuditEntry {
        user: by.map(|p| p.user.id),
        action,
        record_type: "configuration",
        record_id: None,
        outcome: AuditOutcome::Success,
        detail: Some(detail),
    }
}

impl App {
    /// The calendar with the council's stored corrections and closures.
    pub async fn calendar(&self) -> AppResult<Arc<Calendar>> {
        let mut tx = self.db.read().await?;
        let cal = Self::calendar_in(&mut tx).await?;
        tx.commit().await?;
        Ok(cal)
    }

    /// The calendar, read inside an open transaction. Building it computes every day from 1990
    /// to 2100, so the built calendar is kept and reused while the stored adjustments are the
    /// same (they are read each time, so a change made by any process is seen at once).
    pub async fn calendar_in(tx: &mut hearth_store::Tx) -> AppResult<Arc<Calendar>> {
        let adjustments = Self::adjustments_in(tx).await?;
        Ok(built_calendar(adjustments))
    }

    /// The council's stored corrections and closures, as the domain reads them.
    async fn adjustments_in(tx: &mut hearth_store::Tx) -> AppResult<Vec<Adjustment>> {
        let days = tx.calendar_days().await?;
        let adjustments: Vec<Adjustment> = days
            .into_iter()
            .map(|d| match d.kind {
                DayKind::BankHoliday => Adjustment::AddBankHoliday {
                    day: d.day,
                    name: d.name,
                },
                DayKind::NotBankHoliday => Adjustment::RemoveBankHoliday { day: d.day },
                DayKind::Closure => Adjustment::Closure {
                    day: d.day,
                    name: d.name,
                },
            })
            .collect();
        Ok(adjustments)
    }

    /// The calendar the census measure counts in: bank holidays with their corrections, without
    /// the council's closure days (see [`Adjustment::applies_to_census`]).
    pub async fn census_calendar_in(tx: &mut hearth_store::Tx) -> AppResult<Arc<Calendar>> {
        Ok(Self::calendars_in(tx).await?.1)
    }

    /// The council's calendar and the census's, from one read of the stored adjustments.
    pub async fn calendars_in(
        tx: &mut hearth_store::Tx,
    ) -> AppResult<(Arc<Calendar>, Arc<Calendar>)> {
        let adjustments = Self::adjustments_in(tx).await?;
        let census = adjustments
            .iter()
            .filter(|a| a.applies_to_census())
            .cloned()
            .collect();
        Ok((built_calendar(adjustments), built_calendar(census)))
    }

    /// Applies GOV.UK's list: days the rules did not compute are added, and for a year the file
    /// lists in full, computed days it omits are removed (so a moved holiday moves). Returns how
    /// many stored days changed.
    pub async fn import_bank_holidays(
        &self,
        by: Option<&Principal>,
        days: &[(NaiveDate, String)],
    ) -> AppResult<usize> {
        if let Some(p) = by {
            self.allow(p, GeneralAction::ManageCalendar).await?;
        }
        let now = self.clock.now();
        let mut tx = self.db.begin().await?;
        let mut changed = 0;
        for a in hearth_domain::calendar::corrections(days) {
            let day = match a {
                Adjustment::AddBankHoliday { day, name } => CalendarDay {
                    day,
                    kind: DayKind::BankHoliday,
                    name,
                },
                Adjustment::RemoveBankHoliday { day } => CalendarDay {
                    day,
                    kind: DayKind::NotBankHoliday,
                    name: "Not a bank holiday (GOV.UK list)".into(),
                },
                Adjustment::Closure { day, name } => CalendarDay {
                    day,
                    kind: DayKind::Closure,
                    name,
                },
            };
            if tx.upsert_calendar_day(&day, now).await? {
                changed += 1;
            }
        }
        tx.audit(
            now,
            audit(
                by,
                "calendar.import",
                format!("days={} changed={changed}", days.len()),
            ),
        )
        .await?;
        tx.commit().await?;
        Ok(changed)
    }

    pub async fn add_closure_day(
        &self,
        by: Option<&Principal>,
        day: NaiveDate,
        name: &str,
    ) -> AppResult<()> {
        if let Some(p) = by {
            self.allow(p, GeneralAction::ManageCalendar).await?;
        }
        if name.trim().is_empty() {
            return Err(AppError::Validation(
                hearth_domain::errors::ValidationErrors::single(
                    "name",
                    "required",
                    "Name the closure day",
                ),
            ));
        }
        let now = self.clock.now();
        let mut tx = self.db.begin().await?;
        tx.upsert_calendar_day(
            &CalendarDay {
                day,
                kind: DayKind::Closure,
                name: name.trim().to_string(),
            },
            now,
        )
        .await?;
        tx.audit(now, audit(by, "calendar.closure", day.to_string()))
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// The protocol in force (the newest adopted, or the national default) and every version adopted.
    pub async fn protocol_in_force(&self) -> AppResult<(Protocol, Vec<ProtocolVersionRow>)> {
        let mut tx = self.db.read().await?;
        let r = Self::protocol_in(&mut tx).await?;
        tx.commit().await?;
        Ok(r)
    }

    /// The protocol in force and its history, read inside an open transaction.
    pub async fn protocol_in(
        tx: &mut hearth_store::Tx,
    ) -> AppResult<(Protocol, Vec<ProtocolVersionRow>)> {
        let history = tx.protocol_history().await?;
        let current = match history.first() {
            Some(row) => Protocol::parse(&row.source_text).map_err(|e| {
                AppError::Internal(format!(
                    "stored protocol {} v{} no longer parses: {e:?}",
                    row.name, row.version
                ))
            })?,
            None => Protocol::preset(DEFAULT_PRESET)
                .ok_or_else(|| AppError::Internal("default preset missing".into()))?,
        };
        Ok((current, history))
    }

    /// The protocol version a clock was computed under (so work begun under one protocol goes on
    /// under it after the council adopts another); the one in force if that version is unknown.
    pub(crate) async fn protocol_version_in(
        tx: &mut hearth_store::Tx,
        name: &str,
        version: i64,
    ) -> AppResult<Protocol> {
        let (current, history) = Self::protocol_in(tx).await?;
        if current.name == name && i64::from(current.version) == version {
            return Ok(current);
        }
        match history
            .iter()
            .find(|r| r.name == name && r.version == version)
        {
            Some(row) => Protocol::parse(&row.source_text).map_err(|e| {
                AppError::Internal(format!(
                    "stored protocol {} v{} no longer parses: {e:?}",
                    row.name, row.version
                ))
            }),
            None => Ok(Protocol::preset(name)
                .filter(|p| i64::from(p.version) == version)
                .unwrap_or(current)),
        }
    }

    /// Adopts a protocol (a preset's name or a council's TOML). Clocks already running keep the
    /// due dates and protocol version they were computed under.
    pub async fn adopt_protocol(
        &self,
        by: Option<&Principal>,
        text: &str,
    ) -> AppResult<Result<Protocol, Vec<ProtocolError>>> {
        if let Some(p) = by {
            self.allow(p, GeneralAction::ManageCalendar).await?;
        }
        let source = Protocol::preset_source(text.trim()).unwrap_or(text);
        let protocol = match Protocol::parse(source) {
            Ok(p) => p,
            Err(e) => return Ok(Err(e)),
        };
        let now = self.clock.now();
        let mut tx = self.db.begin().await?;
        tx.insert_protocol_version(
            &protocol.name,
            i64::from(protocol.version),
            &protocol.title,
            source,
            by.map(|p| p.user.id),
            now,
        )
        .await
        .map_err(|e| match e {
            hearth_store::StoreError::Conflict { .. } => AppError::Conflict(format!(
                "{} v{} is already adopted; give the changed file a new version number",
                protocol.name, protocol.version
            )),
            other => other.into(),
        })?;
        tx.audit(
            now,
            audit(
                by,
                "protocol.adopt",
                format!("{} v{}", protocol.name, protocol.version),
            ),
        )
        .await?;
        tx.commit().await?;
        Ok(Ok(protocol))
    }
}

type Built = Vec<(Vec<Adjustment>, Arc<Calendar>)>;

/// Calendars kept: the council's and the census's, with room for a change in flight.
const KEPT: usize = 4;

/// The calendar for these adjustments: one already built for the same adjustments if kept.
fn built_calendar(adjustments: Vec<Adjustment>) -> Arc<Calendar> {
    static KEPT_CALENDARS: Mutex<Built> = Mutex::new(Vec::new());
    if let Ok(kept) = KEPT_CALENDARS.lock() {
        if let Some((_, cal)) = kept.iter().find(|(adj, _)| *adj == adjustments) {
            return cal.clone();
        }
    }
    let cal = Arc::new(Calendar::with_adjustments(&adjustments));
    if let Ok(mut kept) = KEPT_CALENDARS.lock() {
        if kept.len() >= KEPT {
            kept.remove(0);
        }
        kept.push((adjustments, cal.clone()));
    }
    cal
}
