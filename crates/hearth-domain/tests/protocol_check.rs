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
    assert!(errs[0]
        .message
        .contains("45 working days from the point of referral"));
    assert!(errs[0]
        .to_string()
        .starts_with("line 11, column 12: assessment.complete:"));
}

#[test]
fn a_national_timescale_in_another_unit_is_refused_only_when_it_can_be_longer() {
    // 9 weeks (63 days) can outrun 45 working days (61 days from a Sunday); 8 weeks cannot.
    let errs = Protocol::parse(&council("9 weeks", "")).unwrap_err();
    assert_eq!(
        (errs[0].line, errs[0].field.as_str()),
        (11, "assessment.complete")
    );
    assert!(
        errs[0]
            .message
            .contains("can be longer than 45 working days")
            && errs[0]
                .message
                .contains("45 working days from the point of referral"),
        "{}",
        errs[0].message
    );
    assert!(Protocol::parse(&council("8 weeks", "")).is_ok());
}

#[test]
fn the_error_points_at_the_value() {
    let errs = Protocol::parse(&council("50 working days", "")).unwrap_err();
    // `complete = "50 working days"`: the value starts in column 12.
    assert_eq!((errs[0].line, errs[0].column), (11, 12));
    assert_eq!(
        errs[0].to_string(),
        "line 11, column 12: assessment.complete: 50 working days relaxes the national rule: a child and family assessment concludes no longer than 45 working days from the point of referral (Working Together 2018, ch.1 para 75; unchanged in Working Together 2023)"
    );
}

#[test]
fn every_problem_is_reported_at_once_in_file_order() {
    let text = council("46 working days", "refresh = \"12 fortnights\"\n").replace(
        "core_group = \"10 working days\"",
        "core_group = \"11 working days\"",
    );
    let errs = Protocol::parse(&text).unwrap_err();
    let got: Vec<(usize, &str)> = errs.iter().map(|e| (e.line, e.field.as_str())).collect();
    assert_eq!(
        got,
        vec![
            (11, "assessment.complete"),
            (12, "assessment.refresh"),
            (16, "cp.core_group")
        ]
    );
    assert!(errs[2]
        .message
        .contains("the core group meets within 10 working days"));
}

#[test]
fn unknown_fields_bad_units_and_syntax_errors_report_lines() {
    let errs = Protocol::parse(&council("45 working days", "deadline = \"3 days\"\n")).unwrap_err();
    assert_eq!(errs[0].line, 12, "{errs:?}");
    assert_eq!(errs[0].field, "assessment.deadline", "{errs:?}");
    assert!(errs[0].message.contains("unknown field"), "{errs:?}");

    let errs =
        Protocol::parse(&council("45 working days", "refresh = \"12 fortnights\"\n")).unwrap_err();
    assert_eq!(
        (errs[0].line, errs[0].column, errs[0].field.as_str()),
        (12, 11, "assessment.refresh")
    );
    assert!(errs[0].message.contains("not a unit"));

    let errs = Protocol::parse("name = \"x\"\nversion = [\n").unwrap_err();
    assert_eq!(errs.len(), 1);
    assert!(errs[0].line >= 2, "{errs:?}");

    let errs = Protocol::parse(
        &council("45 working days", "").replace("version = 2", "version = \"two\""),
    )
    .unwrap_err();
    assert_eq!(
        (errs[0].line, errs[0].field.as_str()),
        (2, "version"),
        "{errs:?}"
    );

    let errs = Protocol::parse(
        &council("45 working days", "").replace("[referral]\n", "[referral]\nextra = 1\n"),
    )
    .unwrap_err();
    assert_eq!(
        (errs[0].line, errs[0].field.as_str()),
        (7, "referral.extra"),
        "{errs:?}"
    );
}

#[test]
fn a_missing_field_is_named() {
    // A national timescale must be stated; a local one left out is taken from working-together.
    let text = council("45 working days", "").replace("core_group = \"10 working days\"\n", "");
    let errs = Protocol::parse(&text).unwrap_err();
    assert!(errs[0].message.contains("missing field"), "{errs:?}");
    assert!(errs[0].field.ends_with("core_group"), "{errs:?}");
    let text = council("45 working days", "").replace("missing_review_after = \"7 days\"\n", "");
    let p = Protocol::parse(&text).unwrap();
    assert!(p.inherited.contains(&"cp.missing_review_after".to_string()));
}

#[test]
fn fields_the_model_does_not_use_are_refused() {
    let errs = Protocol::parse(&council(
        "45 working days",
        "first_stage = \"10 working days\"\n",
    ))
    .unwrap_err();
    assert_eq!(
        (errs[0].line, errs[0].field.as_str()),
        (12, "assessment.first_stage")
    );
    assert!(errs[0]
        .message
        .contains("only used when assessment.model = \"staged\""));
    let staged = council("45 working days", "first_stage = \"10 working days\"\n")
        .replace("model = \"single\"", "model = \"staged\"");
    assert!(Protocol::parse(&staged).is_ok());
    let missing =
        council("45 working days", "").replace("model = \"single\"", "model = \"staged\"");
    let errs = Protocol::parse(&missing).unwrap_err();
    assert_eq!(
        (errs[0].line, errs[0].field.as_str()),
        (10, "assessment.model")
    );
}

#[test]
fn checkpoints_come_in_order_and_stages_fit_the_assessment() {
    let errs = Protocol::parse(&council(
        "45 working days",
        "checkpoints = [\"30 working days\", \"10 working days\"]\n",
    ))
    .unwrap_err();
    assert_eq!(errs[0].field, "assessment.checkpoints");
    assert!(errs[0].message.contains("in order"), "{errs:?}");
    assert_eq!(errs[0].column, 35);

    let core = council(
        "45 working days",
        "initial = \"10 working days\"\ncore = \"40 working days\"\n",
    )
    .replace("model = \"single\"", "model = \"initial-and-core\"");
    let errs = Protocol::parse(&core).unwrap_err();
    assert_eq!(
        (errs[0].line, errs[0].field.as_str()),
        (13, "assessment.core")
    );
    assert!(errs[0]
        .message
        .contains("45 working days from the point of referral"));
}

#[test]
fn names_and_versions_are_checked() {
    let errs = Protocol::parse(
        &council("45 working days", "")
            .replace("name = \"testshire\"", "name = \"Test Shire\"")
            .replace("version = 2", "version = 0"),
    )
    .unwrap_err();
    let fields: Vec<&str> = errs.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(fields, vec!["name", "version"]);
    let errs =
        Protocol::parse(&council("45 working days", "").replace("version = 2", "version = -1"))
            .unwrap_err();
    assert_eq!(errs[0].field, "version");
}
