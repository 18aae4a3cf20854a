//! Importing GOV.UK's bank-holidays file: the published 2022 and 2023 England and Wales lists
//! (titles and notes as GOV.UK writes them) agree with the rules, and a moved day moves.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::NaiveDate;
use hearth_domain::calendar::{corrections, parse_govuk_json, Adjustment, Calendar};

const GOVUK: &str = r#"{
 "england-and-wales": {"division": "england-and-wales", "events": [
  {"title": "New Year’s Day", "date": "2022-01-03", "notes": "Substitute day", "bunting": true},
  {"title": "Good Friday", "date": "2022-04-15", "notes": "", "bunting": false},
  {"title": "Easter Monday", "date": "2022-04-18", "notes": "", "bunting": true},
  {"title": "Early May bank holiday", "date": "2022-05-02", "notes": "", "bunting": true},
  {"title": "Spring bank holiday", "date": "2022-06-02", "notes": "", "bunting": true},
  {"title": "Platinum Jubilee bank holiday", "date": "2022-06-03", "notes": "", "bunting": true},
  {"title": "Summer bank holiday", "date": "2022-08-29", "notes": "", "bunting": true},
  {"title": "Bank Holiday for the State Funeral of Queen Elizabeth II", "date": "2022-09-19", "notes": "", "bunting": false},
  {"title": "Boxing Day", "date": "2022-12-26", "notes": "", "bunting": true},
  {"title": "Christmas Day", "date": "2022-12-27", "notes": "Substitute day", "bunting": true},
  {"title": "New Year’s Day", "date": "2023-01-02", "notes": "Substitute day", "bunting": true},
  {"title": "Good Friday", "date": "2023-04-07", "notes": "", "bunting": false},
  {"title": "Easter Monday", "date": "2023-04-10", "notes": "", "bunting": true},
  {"title": "Early May bank holiday", "date": "2023-05-01", "notes": "", "bunting": true},
  {"title": "Bank holiday for the coronation of King Charles III", "date": "2023-05-08", "notes": "", "bunting": true},
  {"title": "Spring bank holiday", "date": "2023-05-29", "notes": "", "bunting": true},
  {"title": "Summer bank holiday", "date": "2023-08-28", "notes": "", "bunting": true},
  {"title": "Christmas Day", "date": "2023-12-25", "notes": "", "bunting": true},
  {"title": "Boxing Day", "date": "2023-12-26", "notes": "", "bunting": true}
 ]},
 "scotland": {"division": "scotland", "events": [
  {"title": "2nd January", "date": "2023-01-03", "notes": "Substitute day", "bunting": true}
 ]},
 "northern-ireland": {"division": "northern-ireland", "events": []}
}"#;

#[test]
fn the_published_2022_and_2023_lists_agree_with_the_rules() {
    let days = parse_govuk_json(GOVUK).unwrap();
    assert_eq!(days.len(), 19, "England and Wales only");
    assert_eq!(
        days[0],
        (
            NaiveDate::from_ymd_opt(2022, 1, 3).unwrap(),
            "New Year’s Day (substitute day)".to_string()
        )
    );
    let cal = Calendar::england_and_wales();
    let computed: Vec<NaiveDate> = [2022, 2023]
        .iter()
        .flat_map(|y| cal.holidays_in(*y))
        .map(|h| h.date)
        .collect();
    let published: Vec<NaiveDate> = days.iter().map(|(d, _)| *d).collect();
    assert_eq!(computed, published);
    assert!(corrections(&days).is_empty(), "nothing to correct");
}

#[test]
fn an_import_that_moves_a_day_moves_it_in_the_calendar() {
    // As if 2 May 2022 had been moved to Friday 6 May.
    let moved = GOVUK.replace("2022-05-02", "2022-05-06");
    let adjustments = corrections(&parse_govuk_json(&moved).unwrap());
    let may = |d: u32| NaiveDate::from_ymd_opt(2022, 5, d).unwrap();
    assert_eq!(
        adjustments,
        vec![
            Adjustment::RemoveBankHoliday { day: may(2) },
            Adjustment::AddBankHoliday {
                day: may(6),
                name: "Early May bank holiday".into()
            }
        ]
    );
    let cal = Calendar::with_adjustments(&adjustments);
    assert!(cal.is_working_day(may(2)));
    assert!(!cal.is_working_day(may(6)));
    assert_eq!(cal.add_working_days(may(5), 1), may(9));
}

#[test]
fn a_file_that_is_not_govuks_is_refused_with_a_reason() {
    assert!(parse_govuk_json("not json")
        .unwrap_err()
        .contains("not a GOV.UK"));
    assert!(parse_govuk_json(r#"{"scotland": {"events": []}}"#)
        .unwrap_err()
        .contains("england-and-wales"));
}
