//! Reading the GOV.UK bank-holidays JSON file (https://www.gov.uk/bank-holidays.json), to add or
//! correct England and Wales days. Pure: the caller reads the file and stores the result.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, NaiveDate, Weekday};
use serde::Deserialize;

use super::rules::bank_holidays;
use super::Adjustment;

#[derive(Deserialize)]
struct File {
    #[serde(rename = "england-and-wales")]
    england_and_wales: Division,
}

#[derive(Deserialize)]
struct Division {
    events: Vec<Event>,
}

#[derive(Deserialize)]
struct Event {
    title: String,
    date: String,
    #[serde(default)]
    notes: String,
}

/// A year with at least this many imported days is taken to be GOV.UK's whole list for that
/// year (England and Wales never has fewer than eight bank holidays).
const WHOLE_YEAR: usize = 8;

/// The England and Wales events of a GOV.UK bank-holidays file, in date order, or what is wrong
/// with it. A substitute day's name says so ("Boxing Day (substitute day)").
pub fn parse_govuk_json(text: &str) -> Result<Vec<(NaiveDate, String)>, String> {
    let f: File =
        serde_json::from_str(text).map_err(|e| format!("not a GOV.UK bank-holidays file: {e}"))?;
    let mut days = f
        .england_and_wales
        .events
        .into_iter()
        .map(|e| {
            let date = NaiveDate::parse_from_str(e.date.trim(), "%Y-%m-%d").map_err(|_| {
                format!(
                    "'{}' ({}) is not a date in YYYY-MM-DD form",
                    e.date, e.title
                )
            })?;
            let notes = e.notes.trim();
            let name = if notes.is_empty() {
                e.title.trim().to_string()
            } else {
                format!("{} ({})", e.title.trim(), notes.to_lowercase())
            };
            Ok((date, name))
        })
        .collect::<Result<Vec<_>, String>>()?;
    days.sort();
    days.dedup_by_key(|(d, _)| *d);
    Ok(days)
}

/// The calendar corrections an import implies. Days the rules do not compute are added. For a
/// year the file lists in full (eight days or more), computed days missing from the list are
/// removed too, so a moved bank holiday moves; a shorter list (a council's own file of extra
/// days) only adds. Weekend days are ignored.
pub fn corrections(imported: &[(NaiveDate, String)]) -> Vec<Adjustment> {
    let mut by_year: BTreeMap<i32, Vec<&(NaiveDate, String)>> = BTreeMap::new();
    for day in imported {
        if !matches!(day.0.weekday(), Weekday::Sat | Weekday::Sun) {
            by_year.entry(day.0.year()).or_default().push(day);
        }
    }
    let mut out = Vec::new();
    for (year, days) in by_year {
        let computed: BTreeSet<NaiveDate> = bank_holidays(year).into_iter().map(|h| h.0).collect();
        let listed: BTreeSet<NaiveDate> = days.iter().map(|d| d.0).collect();
        if listed.len() >= WHOLE_YEAR {
            out.extend(
                computed
                    .difference(&listed)
                    .map(|day| Adjustment::RemoveBankHoliday { day: *day }),
            );
        }
        out.extend(
            days.into_iter()
                .filter(|(d, _)| !computed.contains(d))
                .map(|(day, name)| Adjustment::AddBankHoliday {
                    day: *day,
                    name: name.clone(),
                }),
        );
    }
    out.sort_by_key(|a| match a {
        Adjustment::AddBankHoliday { day, .. }
        | Adjustment::RemoveBankHoliday { day }
        | Adjustment::Closure { day, .. } => *day,
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn reads_england_and_wales_only() {
        let json = r#"{"england-and-wales":{"division":"england-and-wales","events":[
              {"title":"Boxing Day","date":"2021-12-28","notes":"Substitute day","bunting":true},
              {"title":"Extra day","date":"2031-06-06","notes":"","bunting":true}]},
            "scotland":{"division":"scotland","events":[{"title":"St Andrew's Day","date":"2031-12-01","notes":"","bunting":true}]}}"#;
        let days = parse_govuk_json(json).unwrap();
        assert_eq!(
            days,
            vec![
                (d("2021-12-28"), "Boxing Day (substitute day)".to_string()),
                (d("2031-06-06"), "Extra day".to_string())
            ]
        );
        assert!(parse_govuk_json("{}").unwrap_err().contains("not a GOV.UK"));
        let bad = r#"{"england-and-wales":{"events":[{"title":"X","date":"06/06/2031"}]}}"#;
        assert!(parse_govuk_json(bad).unwrap_err().contains("not a date"));
    }

    #[test]
    fn a_whole_year_moves_days_and_a_short_list_only_adds() {
        // 2031 as if the early May bank holiday were moved from 5 May to 9 May.
        let mut year: Vec<(NaiveDate, String)> = bank_holidays(2031)
            .into_iter()
            .filter(|(day, _)| *day != d("2031-05-05"))
            .collect();
        year.push((d("2031-05-09"), "Early May bank holiday (moved)".into()));
        assert_eq!(year.len(), 8);
        assert_eq!(
            corrections(&year),
            vec![
                Adjustment::RemoveBankHoliday {
                    day: d("2031-05-05")
                },
                Adjustment::AddBankHoliday {
                    day: d("2031-05-09"),
                    name: "Early May bank holiday (moved)".into()
                }
            ]
        );
        let extra = vec![
            (d("2032-06-07"), "Extra".to_string()),
            (d("2032-06-05"), "A Saturday".to_string()),
        ];
        assert_eq!(
            corrections(&extra),
            vec![Adjustment::AddBankHoliday {
                day: d("2032-06-07"),
                name: "Extra".into()
            }]
        );
        // The published days the rules already compute change nothing.
        assert!(corrections(&bank_holidays(2024)).is_empty());
    }
}
