//! Days the council adds to or removes from the computed bank-holiday calendar, and closure days.

use chrono::{DateTime, NaiveDate, Utc};

use crate::{on_tx, Result, Tx};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DayKind {
    /// A bank holiday the rules did not compute (imported or added).
    BankHoliday,
    /// A computed day that is not a holiday after all (a correction).
    NotBankHoliday,
    /// The council's own closure day.
    Closure,
}

impl DayKind {
    pub fn code(self) -> &'static str {
        match self {
            DayKind::BankHoliday => "bank_holiday",
            DayKind::NotBankHoliday => "not_bank_holiday",
            DayKind::Closure => "closure",
        }
    }
    fn parse(s: &str) -> Option<Self> {
        match s {
            "bank_holiday" => Some(DayKind::BankHoliday),
            "not_bank_holiday" => Some(DayKind::NotBankHoliday),
            "closure" => Some(DayKind::Closure),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalendarDay {
    pub day: NaiveDate,
    pub kind: DayKind,
    pub name: String,
}

impl Tx {
    /// Adds or replaces a day; returns whether it was new.
    pub async fn upsert_calendar_day(
        &mut self,
        d: &CalendarDay,
        now: DateTime<Utc>,
    ) -> Result<bool> {
        let existed: Option<String> = on_tx!(self, c => sqlx::query_scalar("SELECT name FROM calendar_days WHERE day = $1")
            .bind(d.day).fetch_optional(&mut *c).await)?;
        let sql = "INSERT INTO calendar_days (day, kind, name, added_at) VALUES ($1, $2, $3, $4) \
                   ON CONFLICT (day) DO UPDATE SET kind = excluded.kind, name = excluded.name, added_at = excluded.added_at";
        on_tx!(self, c => sqlx::query(sql).bind(d.day).bind(d.kind.code()).bind(&d.name).bind(now).execute(&mut *c).await.map(|r| r.rows_affected()))?;
        Ok(existed.is_none())
    }

    pub async fn calendar_days(&mut self) -> Result<Vec<CalendarDay>> {
        let rows: Vec<(NaiveDate, String, String)> = on_tx!(self, c => sqlx::query_as("SELECT day, kind, name FROM calendar_days ORDER BY day")
            .fetch_all(&mut *c).await)?;
        Ok(rows
            .into_iter()
            .filter_map(|(day, kind, name)| {
                DayKind::parse(&kind).map(|kind| CalendarDay { day, kind, name })
            })
            .collect())
    }
}
