//! A protocol file with several problems of different kinds gets them all in one pass: unknown,
//! missing and mistyped fields, and relaxed national timescales, each with its line.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use hearth_domain::protocol::{Protocol, ProtocolError};

const GOOD: &str = r#"name = "testshire"
version = 1
title = "Testshire"
source = "Testshire local protocol"

[referral]
decision = "1 working day"

[assessment]
model = "single"
complete = "45 working days"

[cp]
initial_conference = "15 working days"
core_group = "10 working days"
first_review = "3 months"
review_every = "6 months"
missing_review_after = "7 days"
"#;

fn errors(text: &str) -> Vec<ProtocolError> {
    Protocol::parse(text).unwrap_err()
}

fn summary(errs: &[ProtocolError]) -> Vec<(usize, String)> {
    errs.iter().map(|e| (e.line, e.field.clone())).collect()
}

#[test]
fn the_baseline_file_is_valid() {
    assert_eq!(Protocol::parse(GOOD).unwrap().name, "testshire");
}

#[test]
fn unknown_fields_and_relaxations_are_reported_together() {
    let text = GOOD
        .replace("version = 1\n", "version = 1\nowner = \"me\"\n")
        .replace(
            "decision = \"1 working day\"\n",
            "decision = \"2 working days\"\ndeadline = \"3 days\"\n",
        )
        .replace("\"45 working days\"", "\"50 working days\"")
        .replace(
            "core_group = \"10 working days\"",
            "core_group = \"3 weeks\"",
        );
    let errs = errors(&text);
    assert_eq!(
        summary(&errs),
        vec![
            (3, "owner".to_string()),
            (8, "referral.decision".to_string()),
            (9, "referral.deadline".to_string()),
            (13, "assessment.complete".to_string()),
            (17, "cp.core_group".to_string()),
        ],
        "{errs:#?}"
    );
    assert!(errs[0].message.contains("unknown field `owner`"));
    assert!(errs[2].message.contains("expected one of `decision`"));
    assert!(errs[3]
        .to_string()
        .starts_with("line 13, column 12: assessment.complete: 50 working days relaxes the national rule: a child and family assessment concludes no longer than 45 working days"));
    assert!(errs[4].message.contains("relaxes the national rule"));
}

#[test]
fn an_unknown_table_is_reported_with_its_header_line() {
    let text = format!("{GOOD}\n[extras]\nnote = \"x\"\n");
    let errs = errors(&text);
    assert_eq!(
        summary(&errs),
        vec![(20, "extras".to_string())],
        "{errs:#?}"
    );
}

#[test]
fn missing_and_mistyped_fields_come_with_the_values_problems() {
    let text = GOOD
        .replace("title = \"Testshire\"\n", "")
        .replace("\"15 working days\"", "15")
        .replace("\"3 months\"", "\"4 months\"")
        .replace(
            "model = \"single\"\n",
            "model = \"single\"\ncolour = \"red\"\n",
        );
    let errs = errors(&text);
    let s = summary(&errs);
    assert!(s.contains(&(1, "title".to_string())), "{errs:#?}");
    assert!(
        s.contains(&(10, "assessment.colour".to_string())),
        "{errs:#?}"
    );
    let ic = errs
        .iter()
        .find(|e| e.field == "cp.initial_conference")
        .unwrap();
    assert_eq!((ic.line, ic.column), (14, 22));
    assert!(ic.message.contains("expected a string"), "{}", ic.message);
    let relaxed = errs.iter().find(|e| e.field == "cp.first_review").unwrap();
    assert_eq!(relaxed.line, 16);
    assert!(relaxed.message.contains("relaxes the national rule"));
    assert_eq!(errs.len(), 4, "{errs:#?}");
}

#[test]
fn a_missing_table_is_named() {
    let text = GOOD.replace("[referral]\ndecision = \"1 working day\"\n", "");
    let errs = errors(&text);
    assert_eq!(
        summary(&errs),
        vec![(1, "referral".to_string())],
        "{errs:#?}"
    );
    assert_eq!(errs[0].message, "missing field `referral`");
}

#[test]
fn a_syntax_error_is_still_reported_alone_with_its_line() {
    let text = GOOD.replace(
        "core_group = \"10 working days\"",
        "core_group = \"10 working days",
    );
    let errs = errors(&text);
    assert_eq!(errs.len(), 1, "{errs:#?}");
    assert_eq!(errs[0].line, 15);
}

#[test]
fn every_preset_still_parses() {
    for name in Protocol::presets() {
        let text = Protocol::preset_source(name).unwrap();
        assert!(Protocol::parse(text).is_ok(), "{name}");
        // An unknown field added to a preset is the only problem reported.
        let errs = errors(&format!("{text}\nsurprise = 1\n"));
        assert_eq!(errs.len(), 1, "{name}: {errs:#?}");
        assert_eq!(errs[0].field, "cp.surprise");
    }
}

#[test]
fn every_message_is_one_line() {
    let text = GOOD.replace("decision = \"1 working day\"", "decision = ");
    let errs = errors(&text);
    assert_eq!(errs.len(), 1);
    assert_eq!(errs[0].line, 7);
    assert!(!errs[0].to_string().contains('\n'), "{}", errs[0]);
}
