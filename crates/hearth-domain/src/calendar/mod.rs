//! The working-day calendar for England and Wales: Monday to Friday, less bank holidays (computed
//! for any year, with substitute and one-off days), corrections imported from GOV.UK, and the
//! council's own closure days.
//!
//! A calendar keeps a running count of working days over 1990–2150, so adding or counting working
//! days is a binary search or a subtraction, not a walk: all clocks for 100,000 cases take
//! milliseconds.

pub mod govuk;
pub mod rules;

use std::collections::BTreeMap;

use chrono::{Datelike, Days, NaiveDate, Weekday};
use serde::Serialize;

pub use govuk::parse_govuk_json;
pub use rules::{bank_holidays, easter_sunday};

/// A change to the computed calendar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Adjustment {
    /// A bank holiday the rules do not compute (e.g. imported from GOV.UK).
    AddBankHoliday { day: NaiveDate, name: String },
    /// A computed day that is not a holiday after all.
    RemoveBankHoliday { day: NaiveDate },
    /// The council's own closure day.
    Closure { day: NaiveDate, name: String },
}

/// A weekday that is not a working day, with its name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NonWorkingDay {
    pub date: NaiveDate,
    pub name: String,
}

#[derive(Debug, Clone)]
pub struct Calendar {
    first: NaiveDate,
    /// `cum[i]` = working days in `[first, first + i)`.
    cum: Vec<u32>,
    /// Weekdays that are not working days, with names.
    closed: BTreeMap<NaiveDate, String>,
}

const FIRST_YEAR: i32 = 1990;
const LAST_YEAR: i32 = 2150;

fn is_weekend(d: NaiveDate) -> bool {
    matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
}

impl Calendar {
    /// England and Wales bank holidays, computed.
    pub fn england_and_wales() -> Self {
        Self::with_adjustments(&[])
    }

    /// England and Wales with corrections and closure days applied.
    pub fn with_adjustments(adjustments: &[Adjustment]) -> Self {
        let mut closed = BTreeMap::new();
        for y in FIRST_YEAR..=LAST_YEAR {
            for (d, name) in bank_holidays(y) {
                closed.insert(d, name);
            }
        }
        for a in adjustments {
            match a {
                Adjustment::AddBankHoliday { day, name } | Adjustment::Closure { day, name } => {
                    if !is_weekend(*day) {
                        closed.insert(*day, name.clone());
                    }
                }
                Adjustment::RemoveBankHoliday { day } => {
                    closed.remove(day);
                }
            }
        }
        let first = NaiveDate::from_ymd_opt(FIRST_YEAR, 1, 1).unwrap_or(NaiveDate::MIN);
        let last = NaiveDate::from_ymd_opt(LAST_YEAR, 12, 31).unwrap_or(NaiveDate::MIN);
        let days = (last - first).num_days().max(0) as usize + 1;
        let mut cum = Vec::with_capacity(days + 1);
        cum.push(0u32);
        let mut count = 0u32;
        let mut d = first;
        for _ in 0..days {
            if !is_weekend(d) && !closed.contains_key(&d) {
                count += 1;
            }
            cum.push(count);
            d = d.succ_opt().unwrap_or(d);
        }
        Self { first, cum, closed }
    }

    fn index(&self, d: NaiveDate) -> Option<usize> {
        let i = (d - self.first).num_days();
        (i >= 0 && (i as usize) + 1 < self.cum.len()).then_some(i as usize)
    }

    pub fn is_working_day(&self, d: NaiveDate) -> bool {
        match self.index(d) {
            Some(i) => self.cum[i + 1] > self.cum[i],
            None => !is_weekend(d) && !bank_holidays(d.year()).iter().any(|(h, _)| *h == d),
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
            // First j >= i with cum[j + 1] >= target; that day is the target-th working day.
            let rest = &self.cum[i + 1..];
            let j = rest.partition_point(|c| *c < target);
            if j < rest.len() {
                return d.checked_add_days(Days::new(j as u64)).unwrap_or(d);
            }
        }
        self.add_slowly(d, n)
    }

    fn add_slowly(&self, d: NaiveDate, n: u32) -> NaiveDate {
        let mut cur = d;
        if n == 0 {
            while !self.is_working_day(cur) {
                cur = cur.succ_opt().unwrap_or(cur);
            }
            return cur;
        }
        let mut left = n;
        while left > 0 {
            let Some(next) = cur.succ_opt() else {
                return cur;
            };
            cur = next;
            if self.is_working_day(cur) {
                left -= 1;
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
                let mut n = 0;
                let mut cur = d1;
                while cur < d2 {
                    cur = cur.succ_opt().unwrap_or(d2);
                    if self.is_working_day(cur) {
                        n += 1;
                    }
                }
                n
            }
        }
    }

    /// The year's bank holidays and closure days that fall on weekdays (substitute days included).
    pub fn holidays_in(&self, year: i32) -> Vec<NonWorkingDay> {
        if !(FIRST_YEAR..=LAST_YEAR).contains(&year) {
            return bank_holidays(year)
                .into_iter()
                .map(|(date, name)| NonWorkingDay { date, name })
                .collect();
        }
        let (Some(a), Some(b)) = (
            NaiveDate::from_ymd_opt(year, 1, 1),
            NaiveDate::from_ymd_opt(year, 12, 31),
        ) else {
            return Vec::new();
        };
        self.closed
            .range(a..=b)
            .map(|(d, n)| NonWorkingDay {
                date: *d,
                name: n.clone(),
            })
            .collect()
    }

    /// Weekdays after `d1` up to and including `d2` that are not working days, for explanations.
    pub fn non_working_weekdays_between(&self, d1: NaiveDate, d2: NaiveDate) -> Vec<NonWorkingDay> {
        let Some(start) = d1.succ_opt() else {
            return Vec::new();
        };
        if d2 < start {
            return Vec::new();
        }
        self.closed
            .range(start..=d2)
            .map(|(d, n)| NonWorkingDay {
                date: *d,
                name: n.clone(),
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn adds_across_a_weekend_and_easter() {
        let c = Calendar::england_and_wales();
        assert_eq!(c.add_working_days(d("2024-03-26"), 15), d("2024-04-18"));
        assert_eq!(c.add_working_days(d("2024-03-28"), 1), d("2024-04-02"));
        assert_eq!(c.add_working_days(d("2024-03-29"), 0), d("2024-04-02"));
        assert_eq!(c.add_working_days(d("2024-03-27"), 0), d("2024-03-27"));
        assert_eq!(c.working_days_between(d("2024-03-26"), d("2024-04-18")), 15);
        assert_eq!(c.working_days_between(d("2024-04-18"), d("2024-03-26")), 0);
    }

    #[test]
    fn closures_and_corrections_apply() {
        let c = Calendar::with_adjustments(&[
            Adjustment::Closure {
                day: d("2024-12-27"),
                name: "Council closure".into(),
            },
            Adjustment::RemoveBankHoliday {
                day: d("2024-12-26"),
            },
        ]);
        assert!(!c.is_working_day(d("2024-12-27")));
        assert!(c.is_working_day(d("2024-12-26")));
        assert_eq!(c.add_working_days(d("2024-12-24"), 2), d("2024-12-30"));
    }

    #[test]
    fn works_outside_the_precomputed_range() {
        let c = Calendar::england_and_wales();
        // 25 December 2200 is a Thursday.
        assert_eq!(c.add_working_days(d("2200-12-24"), 1), d("2200-12-29"));
        assert_eq!(c.working_days_between(d("2200-12-24"), d("2200-12-29")), 1);
    }
}
