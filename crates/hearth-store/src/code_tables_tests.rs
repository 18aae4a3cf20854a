//! Guards against drift between the database's CHECK lists and the domain's code sets: each
//! named CHECK in the typed-codes migration (and 0008's per-child outcomes and interpreter choice), on both backends, must list exactly the set's codes
//! in the set's order. A new code in the domain needs a new migration that widens the CHECK.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::*;

/// Every migration that names a CHECK over a code set, oldest first: a later one that widens a
/// list is the one in force.
const MIGRATIONS: [(&str, &str); 2] = [
    (
        "sqlite",
        concat!(
            include_str!("../migrations/sqlite/0006_typed_codes.sql"),
            include_str!("../migrations/sqlite/0008_per_child_outcomes_and_gate_evidence.sql"),
            include_str!("../migrations/sqlite/0009_strategy_and_decisions.sql"),
            include_str!("../migrations/sqlite/0011_case_notes.sql"),
            include_str!("../migrations/sqlite/0014_visit_details.sql"),
            include_str!("../migrations/sqlite/0017_family_copy_withholdings.sql"),
            include_str!("../migrations/sqlite/0018_child_protection.sql"),
            include_str!("../migrations/sqlite/0019_strategy_details_and_actions.sql"),
            include_str!("../migrations/sqlite/0020_plan_versions_and_chairs.sql"),
            include_str!("../migrations/sqlite/0021_cin_plans.sql"),
            include_str!("../migrations/sqlite/0022_cin_meetings.sql"),
            include_str!("../migrations/sqlite/0025_census_identity.sql"),
        ),
    ),
    (
        "postgres",
        concat!(
            include_str!("../migrations/postgres/0006_typed_codes.sql"),
            include_str!("../migrations/postgres/0008_per_child_outcomes_and_gate_evidence.sql"),
            include_str!("../migrations/postgres/0009_strategy_and_decisions.sql"),
            include_str!("../migrations/postgres/0011_case_notes.sql"),
            include_str!("../migrations/postgres/0014_visit_details.sql"),
            include_str!("../migrations/postgres/0017_family_copy_withholdings.sql"),
            include_str!("../migrations/postgres/0018_child_protection.sql"),
            include_str!("../migrations/postgres/0019_strategy_details_and_actions.sql"),
            include_str!("../migrations/postgres/0020_plan_versions_and_chairs.sql"),
            include_str!("../migrations/postgres/0021_cin_plans.sql"),
            include_str!("../migrations/postgres/0022_cin_meetings.sql"),
            include_str!("../migrations/postgres/0025_census_identity.sql"),
        ),
    ),
];

/// The text after the last `CONSTRAINT name CHECK (` (the one in force), to the end.
fn check_body<'a>(sql: &'a str, name: &str) -> &'a str {
    let head = format!("CONSTRAINT {name} CHECK (");
    let at = sql
        .rfind(&head)
        .unwrap_or_else(|| panic!("no CHECK named {name}"));
    &sql[at + head.len()..]
}

/// The quoted codes of the `IN (…)` list of the CHECK named `name`.
fn check_list(sql: &str, name: &str) -> Vec<String> {
    let body = check_body(sql, name);
    let open = body.find("IN (").expect("an IN list") + "IN (".len();
    let close = open + body[open..].find(')').expect("the list closes");
    body[open..close]
        .split(',')
        .map(|c| c.trim().trim_matches('\'').to_string())
        .collect()
}

fn codes<C: StoredCode>() -> Vec<String> {
    C::ALL.iter().map(|c| c.code().to_string()).collect()
}

/// What the list should read, to paste into a new migration when a set changes.
fn sql_list(codes: &[String]) -> String {
    codes
        .iter()
        .map(|c| format!("'{c}'"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[test]
fn every_check_list_equals_its_code_set_on_both_backends() {
    let expected = [
        ("persons_sex_code", codes::<Sex>()),
        ("persons_ethnicity_code", codes::<Ethnicity>()),
        ("person_disabilities_code", codes::<Disability>()),
        ("contact_outcomes_code", codes::<ContactOutcome>()),
        ("contact_child_outcomes_code", codes::<ContactOutcome>()),
        (
            "assessment_interpreter_choice",
            codes::<hearth_domain::assessment::InterpreterChoice>(),
        ),
        ("referral_outcomes_code", codes::<ReferralOutcome>()),
        ("assessment_factors_code", codes::<Factor>()),
        ("assessment_outcomes_code", codes::<AssessmentOutcome>()),
        (
            "protective_actions_kind",
            codes::<hearth_domain::protection::strategy::ProtectiveActionKind>(),
        ),
        (
            "strategy_discussions_requested_from",
            codes::<hearth_domain::protection::strategy::RequestedFrom>(),
        ),
        (
            "strategy_discussions_form",
            codes::<hearth_domain::protection::strategy::DiscussionForm>(),
        ),
        (
            "assessment_visits_kind",
            codes::<hearth_domain::assessment::visit::VisitKind>(),
        ),
        (
            "assessment_visits_place",
            codes::<hearth_domain::assessment::visit::VisitPlace>(),
        ),
        (
            "cp_conferences_early_reason",
            codes::<hearth_domain::protection::conference::EarlyReviewReason>(),
        ),
        (
            "s47_enquiries_outcome",
            codes::<hearth_domain::protection::enquiry::EnquiryOutcome>(),
        ),
        (
            "census_identity_upn_unknown",
            codes::<hearth_domain::returns::identity::UpnUnknown>(),
        ),
        (
            "cin_meetings_kind",
            codes::<hearth_domain::cin::cin_meeting::MeetingKind>(),
        ),
        (
            "cin_plans_end_reason",
            codes::<hearth_domain::cin::closure::EndReason>(),
        ),
        (
            "cin_reviews_outcome",
            codes::<hearth_domain::cin::review::ReviewOutcome>(),
        ),
        (
            "plan_versions_plan_kind",
            codes::<hearth_domain::casework::plan_content::PlanKind>(),
        ),
        (
            "cp_conferences_kind",
            codes::<hearth_domain::protection::conference::ConferenceKind>(),
        ),
        (
            "cp_conferences_category",
            codes::<hearth_domain::codes::AbuseCategory>(),
        ),
        (
            "cp_plans_initial_category",
            codes::<hearth_domain::codes::AbuseCategory>(),
        ),
        (
            "cp_plans_latest_category",
            codes::<hearth_domain::codes::AbuseCategory>(),
        ),
        (
            "cp_conferences_end_reason",
            codes::<hearth_domain::protection::plan::DiscontinuationReason>(),
        ),
        (
            "cp_plans_end_reason",
            codes::<hearth_domain::protection::plan::DiscontinuationReason>(),
        ),
        (
            "family_copy_part_kind",
            codes::<hearth_domain::assessment::withholding::WithheldKind>(),
        ),
        (
            "family_copy_withhold_reason",
            codes::<hearth_domain::assessment::withholding::WithholdReason>(),
        ),
        (
            "case_notes_kind",
            codes::<hearth_domain::casework::notes::NoteKind>(),
        ),
        (
            "referrals_family_informed",
            codes::<hearth_domain::front_door::family::FamilyInformed>(),
        ),
    ];
    for (backend, sql) in MIGRATIONS {
        for (name, want) in &expected {
            assert_eq!(
                &check_list(sql, name),
                want,
                "{backend}: CHECK {name} differs from the domain; it should read IN ({})",
                sql_list(want)
            );
        }
    }
}

#[test]
fn gender_identity_is_limited_to_the_domains_length() {
    let want = format!(
        "length(gender_identity) BETWEEN 1 AND {})",
        hearth_domain::person::MAX_NAME
    );
    for (backend, sql) in MIGRATIONS {
        let body = check_body(sql, "persons_gender_identity_length");
        assert!(body.starts_with(&want), "{backend}: {body:.80}");
    }
}

#[test]
fn a_code_outside_its_set_is_corrupt_not_empty() {
    assert_eq!(decode::<Sex>("2").unwrap(), Sex::Female);
    assert_eq!(decode::<Factor>("21").unwrap().code, "21");
    for bad in ["X", "21 ", "early_help"] {
        assert!(matches!(
            decode::<ContactOutcome>(bad),
            Err(StoreError::Corrupt(_))
        ));
    }
    assert!(matches!(
        decode_opt::<Sex>(Some("X")),
        Err(StoreError::Corrupt(_))
    ));
    assert_eq!(decode_opt::<Sex>(None).unwrap(), None);
}

#[test]
fn codes_sort_in_their_sets_order() {
    let mut v = vec![Disability::Vis, Disability::Mob, Disability::Aut];
    v.sort_by_key(|c| rank(*c));
    assert_eq!(v, vec![Disability::Mob, Disability::Vis, Disability::Aut]);
}
