//! A council's protocol file: malformed files and relaxed national timescales are refused with
//! the line and the rule.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use hearth_domain::protocol::Protocol;

fn council(assessment_complete: &str, extra: &str) -> String {
    format!(
        r#"name = "testshire"
version = 2
title = "Testshire"
source = "Testshire local protocol"

[referral]
decision = "1 working day"

[assessment]
model = "single"
complete = "{assessment_complete}"
{extra}
[cp]
initial_conference = "15 working days"
core_group = "10 working days"
first_review = "3 months"
review_every = "6 months"
missing_review_after = "7 days"
"#
    )
}

#[test]
fn a_valid_council_file_is_accepted_and_stricter_is_allowed() {
    let p = Protocol::parse(&council("40 working days", "")).unwrap();
    assert_eq!((p.name.as_str(), p.version), ("testshire", 2));
}

#[test]
fn relaxing_a_national_timescale_names_the_line_and_the_rule() {
    let errs = Protocol::parse(&council("50 working days", "")).unwrap_err();
    assert_eq!(errs.len(), 1);
    assert_eq!(errs[0].line, 11);
    assert_eq!(errs[0].field, "assessment.complete");
    assert!(
        errs[0].message.contains("relaxes the national rule"),
        "{}",
        errs[0].message
    );
    assert!(errs[0].message.contains("45 working days of the referral"));
    assert!(errs[0]
        .to_string()
        .starts_with("line 11, column 1: assessment.complete:"));
}

#[test]
fn a_national_timescale_in_another_unit_is_refused() {
    let errs = Protocol::parse(&council("9 weeks", "")).unwrap_err();
    assert!(
        errs[0].message.contains("national rule's unit"),
        "{}",
        errs[0].message
    );
}

#[test]
fn unknown_fields_bad_units_and_syntax_errors_report_lines() {
    let errs = Protocol::parse(&council("45 working days", "deadline = \"3 days\"\n")).unwrap_err();
    assert_eq!(errs[0].line, 12, "{errs:?}");
    assert!(errs[0].message.contains("unknown field"), "{errs:?}");

    let errs =
        Protocol::parse(&council("45 working days", "refresh = \"12 fortnights\"\n")).unwrap_err();
    assert_eq!(
        (errs[0].line, errs[0].field.as_str()),
        (12, "assessment.refresh")
    );

    let errs = Protocol::parse("name = \"x\"\nversion = [\n").unwrap_err();
    assert!(errs[0].line >= 2, "{errs:?}");
}
