//! The working-day calendar for England and Wales: Monday to Friday, less bank holidays (computed
//! for any year, with substitute and one-off days), corrections imported from GOV.UK, and the
//! council's own closure days.
//!
//! A calendar keeps a running count of working days over 1990–2150, so adding or counting working
//! days is a short binary search or a subtraction, not a walk: all clocks for 100,000 cases take
//! milliseconds. Dates outside that range are still answered, more slowly, from the rules.
//!
//! Conventions, used everywhere a timescale is counted:
//! - `add_working_days(d, n)`: `d` itself is never counted; the result is always a working day.
//!   `n = 0` means "`d` if it is a working day, otherwise the next working day".
//! - `working_days_between(d1, d2)`: working days after `d1` up to and including `d2`.

pub mod govuk;
pub mod rules;

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, Days, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

pub use govuk::{corrections, parse_govuk_json};
pub use rules::{bank_holidays, easter_sunday};

impl Adjustment {
    /// Whether the census's working days see this change: corrections to bank holidays do, a
    /// council's own closure days do not (the census measure is the same for every council).
    pub fn applies_to_census(&self) -> bool {
        !matches!(self, Adjustment::Closure { .. })
    }
}

/// A change to the computed calendar.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Adjustment {
    /// A bank holiday the rules do not compute, or a new name for one they do (e.g. imported
    /// from GOV.UK).
    AddBankHoliday { day: NaiveDate, name: String },
    /// A computed day that is not a bank holiday after all.
    RemoveBankHoliday { day: NaiveDate },
    /// The council's own closure day. Closures apply after bank-holiday corrections, so removing
    /// a bank holiday never reopens a closure day.
    Closure { day: NaiveDate, name: String },
}

/// A weekday that is not a working day, with its name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct NonWorkingDay {
    pub date: NaiveDate,
    pub name: String,
}

/// England and Wales working days with the council's corrections and closures. Build it once
/// (about a millisecond) and share it.
#[derive(Debug, Clone)]
pub struct Calendar {
    first: NaiveDate,
    /// `cum[i]` = working days in `[first, first + i)`.
    cum: Vec<u32>,
    /// Weekdays that are not working days, with names (any year).
    closed: BTreeMap<NaiveDate, String>,
    /// Computed bank holidays removed by a correction (consulted outside the precomputed range).
    removed: BTreeSet<NaiveDate>,
}

const FIRST_YEAR: i32 = 1990;
const LAST_YEAR: i32 = 2150;
/// The longest walk the slow path takes (about 270 years), so no input can loop for ever.
const MAX_WALK: u32 = 100_000;

fn is_weekend(d: NaiveDate) -> bool {
    matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
}

impl Calendar {
    /// England and Wales bank holidays, computed.
    pub fn england_and_wales() -> Self {
        Self::with_adjustments(&[])
    }

    /// England and Wales with corrections and closure days applied (bank-holiday corrections in
    /// order, then closures). Adjustments that fall at a weekend change nothing.
    pub fn with_adjustments(adjustments: &[Adjustment]) -> Self {
        let mut closed = BTreeMap::new();
        for y in FIRST_YEAR..=LAST_YEAR {
            closed.extend(bank_holidays(y));
        }
        let mut removed = BTreeSet::new();
        for a in adjustments {
            match a {
                Adjustment::AddBankHoliday { day, name } if !is_weekend(*day) => {
                    closed.insert(*day, name.clone());
                    removed.remove(day);
                }
                Adjustment::RemoveBankHoliday { day } => {
                    closed.remove(day);
                    removed.insert(*day);
                }
                _ => {}
            }
        }
        for a in adjustments {
            if let Adjustment::Closure { day, name } = a {
                if !is_weekend(*day) {
                    closed.insert(*day, name.clone());
                }
            }
        }
        let first = NaiveDate::from_ymd_opt(FIRST_YEAR, 1, 1).unwrap_or(NaiveDate::MIN);
        let last = NaiveDate::from_ymd_opt(LAST_YEAR, 12, 31).unwrap_or(NaiveDate::MIN);
        let days = usize::try_from((last - first).num_days()).unwrap_or(0) + 1;
        let mut cum = Vec::with_capacity(days + 1);
        cum.push(0u32);
        let mut count = 0u32;
        for d in first.iter_days().take(days) {
            if !is_weekend(d) && !closed.contains_key(&d) {
                count += 1;
            }
            cum.push(count);
        }
        Self {
            first,
            cum,
            closed,
            removed,
        }
    }

    /// Index of `d` in the precomputed range.
    fn index(&self, d: NaiveDate) -> Option<usize> {
        let i = usize::try_from((d - self.first).num_days()).ok()?;
        (i + 1 < self.cum.len()).then_some(i)
    }

    /// The date of index `i`.
    fn at(&self, i: usize) -> Option<NaiveDate> {
        self.first.checked_add_days(Days::new(i as u64))
    }

    /// The index of the `target`-th working day of the range (1-based), searching from index
    /// `from` and trying a window of about `hint` days first.
    fn nth_working_index(&self, from: usize, target: u32, hint: usize) -> Option<usize> {
        let rest = self.cum.get(from + 1..)?;
        let window = &rest[..rest.len().min(hint.saturating_add(64))];
        let j = match window.last() {
            Some(c) if *c >= target => window.partition_point(|c| *c < target),
            _ => rest.partition_point(|c| *c < target),
        };
        (j < rest.len()).then_some(from + j)
    }

    pub fn is_working_day(&self, d: NaiveDate) -> bool {
        match self.index(d) {
            Some(i) => self.cum[i + 1] > self.cum[i],
            None => {
                !is_weekend(d)
                    && !self.closed.contains_key(&d)
                    && (self.removed.contains(&d)
                        || !bank_holidays(d.year()).iter().any(|(h, _)| *h == d))
            }
        }
    }

    /// The working day `n` working days after `d` (`d` itself is not counted). With `n = 0`, `d`
    /// if it is a working day, otherwise the next one.
    pub fn add_working_days(&self, d: NaiveDate, n: u32) -> NaiveDate {
        if let Some(i) = self.index(d) {
            let target = if n == 0 {
                self.cum[i] + 1
            } else {
                self.cum[i + 1] + n
            };
            let hint = (n as usize) * 2;
            if let Some(j) = self.nth_working_index(i, target, hint) {
                return self.at(j).unwrap_or(d);
            }
        }
        self.walk(d, n, true)
    }

    /// The working day `n` working days before `d` (`d` itself is not counted). With `n = 0`, `d`
    /// if it is a working day, otherwise the previous one.
    pub fn sub_working_days(&self, d: NaiveDate, n: u32) -> NaiveDate {
        if let Some(i) = self.index(d) {
            // Working days are numbered from 1 at the start of the range.
            let target = if n == 0 {
                self.cum[i + 1]
            } else {
                self.cum[i].saturating_sub(n - 1)
            };
            if target >= 1 && (n == 0 || self.cum[i] >= n) {
                if let Some(j) = self.nth_working_index(0, target, usize::MAX) {
                    return self.at(j).unwrap_or(d);
                }
            }
        }
        self.walk(d, n, false)
    }

    /// Steps day by day (outside the precomputed range), never more than about `MAX_WALK` days.
    fn walk(&self, d: NaiveDate, n: u32, forwards: bool) -> NaiveDate {
        let step = |x: NaiveDate| if forwards { x.succ_opt() } else { x.pred_opt() };
        let mut cur = d;
        if n == 0 {
            for _ in 0..MAX_WALK {
                if self.is_working_day(cur) {
                    return cur;
                }
                let Some(next) = step(cur) else {
                    return cur;
                };
                cur = next;
            }
            return cur;
        }
        let mut left = n;
        for _ in 0..MAX_WALK.saturating_add(n.saturating_mul(2)) {
            let Some(next) = step(cur) else {
                return cur;
            };
            cur = next;
            if self.is_working_day(cur) {
                left -= 1;
                if left == 0 {
                    return cur;
                }
            }
        }
        cur
    }

    /// Working days after `d1` up to and including `d2` (0 when `d2` is not after `d1`).
    pub fn working_days_between(&self, d1: NaiveDate, d2: NaiveDate) -> u32 {
        if d2 <= d1 {
            return 0;
        }
        match (self.index(d1), self.index(d2)) {
            (Some(a), Some(b)) => self.cum[b + 1] - self.cum[a + 1],
            _ => {
                let n = d1
                    .iter_days()
                    .skip(1)
                    .take_while(|d| *d <= d2)
                    .filter(|d| self.is_working_day(*d))
                    .count();
                u32::try_from(n).unwrap_or(u32::MAX)
            }
        }
    }

    /// The year's bank holidays and closure days that fall on weekdays (substitute days
    /// included), in date order, with their names.
    pub fn holidays_in(&self, year: i32) -> Vec<NonWorkingDay> {
        let (Some(a), Some(b)) = (
            NaiveDate::from_ymd_opt(year, 1, 1),
            NaiveDate::from_ymd_opt(year, 12, 31),
        ) else {
            return Vec::new();
        };
        let mut days: BTreeMap<NaiveDate, String> = BTreeMap::new();
        if !(FIRST_YEAR..=LAST_YEAR).contains(&year) {
            days.extend(
                bank_holidays(year)
                    .into_iter()
                    .filter(|(d, _)| !self.removed.contains(d)),
            );
        }
        days.extend(self.closed.range(a..=b).map(|(d, n)| (*d, n.clone())));
        days.into_iter()
            .map(|(date, name)| NonWorkingDay { date, name })
            .collect()
    }

    /// [`Calendar::skipped_between`] without copying names, when both dates are in the
    /// precomputed range (`None` otherwise).
    pub(crate) fn skipped_in_range(
        &self,
        d1: NaiveDate,
        d2: NaiveDate,
    ) -> Option<impl Iterator<Item = (NaiveDate, &str)>> {
        let start = d1.succ_opt()?;
        let in_range = start.year() >= FIRST_YEAR && d2.year() <= LAST_YEAR && start <= d2;
        in_range.then(|| self.closed.range(start..=d2).map(|(d, n)| (*d, n.as_str())))
    }

    /// Weekdays after `d1` up to and including `d2` that are not working days, with their names:
    /// the days a working-day count skipped, for explanations.
    pub fn skipped_between(&self, d1: NaiveDate, d2: NaiveDate) -> Vec<NonWorkingDay> {
        let Some(start) = d1.succ_opt() else {
            return Vec::new();
        };
        if d2 < start {
            return Vec::new();
        }
        if let Some(days) = self.skipped_in_range(d1, d2) {
            return days
                .map(|(date, name)| NonWorkingDay {
                    date,
                    name: name.to_string(),
                })
                .collect();
        }
        (start.year()..=d2.year())
            .flat_map(|year| self.holidays_in(year))
            .filter(|h| h.date >= start && h.date <= d2)
            .collect()
    }
}

#[cfg(test)]
mod tests;
