//! Reading the GOV.UK bank-holidays JSON file (https://www.gov.uk/bank-holidays.json), to add or
//! correct England and Wales days.

use chrono::NaiveDate;
use serde::Deserialize;

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
}

/// The England and Wales events of a GOV.UK bank-holidays file, or what is wrong with it.
pub fn parse_govuk_json(text: &str) -> Result<Vec<(NaiveDate, String)>, String> {
    let f: File =
        serde_json::from_str(text).map_err(|e| format!("not a GOV.UK bank-holidays file: {e}"))?;
    f.england_and_wales
        .events
        .into_iter()
        .map(|e| {
            NaiveDate::parse_from_str(&e.date, "%Y-%m-%d")
                .map(|d| (d, e.title.clone()))
                .map_err(|_| {
                    format!(
                        "'{}' ({}) is not a date in YYYY-MM-DD form",
                        e.date, e.title
                    )
                })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_england_and_wales_only() {
        let json = r#"{"england-and-wales":{"division":"england-and-wales","events":[{"title":"Extra day","date":"2031-06-06","notes":"","bunting":true}]},
                      "scotland":{"division":"scotland","events":[{"title":"St Andrew's Day","date":"2031-12-01","notes":"","bunting":true}]}}"#;
        let days = parse_govuk_json(json).unwrap();
        assert_eq!(
            days,
            vec![(
                NaiveDate::from_ymd_opt(2031, 6, 6).unwrap(),
                "Extra day".to_string()
            )]
        );
        assert!(parse_govuk_json("{}").unwrap_err().contains("not a GOV.UK"));
        let bad = r#"{"england-and-wales":{"events":[{"title":"X","date":"06/06/2031"}]}}"#;
        assert!(parse_govuk_json(bad).unwrap_err().contains("not a date"));
    }
}
