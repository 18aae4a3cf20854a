//! The plans group, rule by rule: for each, children built here that pass and that fail, with
//! the exact spots found. The census year is 2025-26: 1 April 2025 to the reference date,
//! Tuesday 31 March 2026. Every expected date is worked out by hand in the test's comment.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::NaiveDate;
use hearth_domain::calendar::Calendar;

use super::RULES;
use crate::model::{Child, CinPlan, CpPlan, Episode, Section47};
use crate::rules::{Check, Ctx, Kind, Spot};

// ---- Builders -------------------------------------------------------------------------------

/// A date written `YYYY-MM-DD`; `""` for none.
fn day(s: &str) -> Option<NaiveDate> {
    (!s.is_empty()).then(|| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap())
}

/// An episode referred on `referral` with nothing in it.
fn episode(referral: &str) -> Episode {
    Episode {
        referral_date: day(referral),
        referral_nfa: Some("0".into()),
        ..Episode::default()
    }
}

fn child(episodes: Vec<Episode>) -> Child {
    Child {
        la_child_id: Some("C1".into()),
        episodes,
        ..Child::default()
    }
}

/// A child with one episode referred on 2025-04-01 holding `f`'s additions.
fn one(f: impl FnOnce(&mut Episode)) -> Child {
    let mut ep = episode("2025-04-01");
    f(&mut ep);
    child(vec![ep])
}

fn cin(start: &str, end: &str) -> CinPlan {
    CinPlan {
        start: day(start),
        end: day(end),
        key: None,
    }
}

/// An enquiry: start, initial conference, `ICPCnotRequired` as written (`""` for none).
fn s47(start: &str, cpc: &str, not_required: &str) -> Section47 {
    Section47 {
        start: day(start),
        date_of_initial_cpc: day(cpc),
        icpc_not_required: (!not_required.is_empty()).then(|| not_required.to_string()),
        ..Section47::default()
    }
}

/// A CP plan with valid categories and `NumberOfPreviousCPP` 0.
fn cpp(start: &str, end: &str) -> CpPlan {
    CpPlan {
        start: day(start),
        end: day(end),
        initial_category: Some("NEG".into()),
        latest_category: Some("NEG".into()),
        previous_plans: Some("0".into()),
        ..CpPlan::default()
    }
}

fn reviewed(mut plan: CpPlan, reviews: &[&str]) -> CpPlan {
    plan.reviews = reviews.iter().map(|r| day(r)).collect();
    plan
}

/// The spots rule `code` finds in `c`, in the census year ending 31 March 2026.
fn run(code: &str, c: &Child) -> Vec<Spot> {
    run_at(code, c, "2026-03-31")
}

fn run_at(code: &str, c: &Child, reference: &str) -> Vec<Spot> {
    let calendar = Calendar::england_and_wales();
    let reference_date = day(reference).unwrap();
    let ctx = Ctx {
        reference_date,
        collection_start: crate::model::collection_start(reference_date),
        calendar: &calendar,
    };
    let rule = RULES.iter().find(|r| r.code == code).expect("rule");
    let Check::Child(f) = rule.check else {
        panic!("{code} is not a child rule")
    };
    let mut out = Vec::new();
    f(c, &ctx, &mut out);
    out
}

fn cin_at(episode: usize, plan: usize) -> Spot {
    Spot::CinPlan { episode, plan }
}

fn s47_at(episode: usize, enquiry: usize) -> Spot {
    Spot::Section47 { episode, enquiry }
}

fn cpp_at(episode: usize, plan: usize) -> Spot {
    Spot::CpPlan { episode, plan }
}

fn review_at(episode: usize, plan: usize, review: usize) -> Spot {
    Spot::Review {
        episode,
        plan,
        review,
    }
}

// ---- The table ------------------------------------------------------------------------------

/// The group holds the 41 rules of CIN plans, section 47 and CP plans, once each, queries as
/// queries.
#[test]
fn the_group_has_its_41_rules_once_each() {
    let codes: Vec<&str> = RULES.iter().map(|r| r.code).collect();
    assert_eq!(codes.len(), 41);
    let mut unique = codes.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), 41);
    for r in RULES {
        let query = r.code.ends_with('Q');
        assert_eq!(r.kind == Kind::Query, query, "{}", r.code);
        assert!(matches!(r.check, Check::Child(_)), "{}", r.code);
    }
}

// ---- CIN plans ------------------------------------------------------------------------------

/// 4000: "CIN Plan details provided for a referral with no further action"
#[test]
fn r4000_cin_plan_on_nfa_referral() {
    let pass = one(|ep| ep.cin_plans.push(cin("2025-05-01", "")));
    assert_eq!(run("4000", &pass), vec![]);
    let fail = one(|ep| {
        ep.referral_nfa = Some("true".into());
        ep.cin_plans.push(cin("2025-05-01", ""));
        ep.cin_plans.push(cin("2025-06-01", ""));
    });
    assert_eq!(run("4000", &fail), vec![cin_at(0, 0), cin_at(0, 1)]);
    let fail_one = one(|ep| {
        ep.referral_nfa = Some("1".into());
        ep.cin_plans.push(cin("2025-05-01", ""));
    });
    assert_eq!(run("4000", &fail_one), vec![cin_at(0, 0)]);
}

/// 4001: "A CIN Plan cannot run concurrently with a Child Protection Plan" — an open CIN plan in
/// an episode with an open CP plan.
#[test]
fn r4001_open_cin_plan_with_open_cp_plan() {
    let pass = one(|ep| {
        ep.cin_plans.push(cin("2025-05-01", "2025-06-01"));
        ep.cp_plans.push(cpp("2025-06-01", ""));
    });
    assert_eq!(run("4001", &pass), vec![]);
    // Open plans in different episodes do not meet.
    let mut a = episode("2025-04-01");
    a.cin_plans.push(cin("2025-05-01", ""));
    let mut b = episode("2025-04-01");
    b.cp_plans.push(cpp("2025-06-01", ""));
    assert_eq!(run("4001", &child(vec![a, b])), vec![]);
    let fail = one(|ep| {
        ep.cin_plans.push(cin("2025-05-01", "2025-05-20"));
        ep.cin_plans.push(cin("2025-05-01", ""));
        ep.cp_plans.push(cpp("2025-06-01", ""));
    });
    assert_eq!(run("4001", &fail), vec![cin_at(0, 1)]);
}

/// 4003: "A CPP review date is shown as being held at the same time as an open CIN Plan."
#[test]
fn r4003_review_during_cin_plan() {
    // The CIN plan runs 2025-05-01 to 2025-09-01; reviews on its last day, or on the CP plan's
    // end day, pass.
    let pass = one(|ep| {
        ep.cin_plans.push(cin("2025-05-01", "2025-09-01"));
        ep.cp_plans.push(reviewed(
            cpp("2025-04-10", "2025-08-01"),
            &["2025-09-01", "2025-08-01"],
        ));
    });
    assert_eq!(run("4003", &pass), vec![]);
    // The second review, 2025-06-01, is within the CIN plan: that review fails.
    let fail = one(|ep| {
        ep.cin_plans.push(cin("2025-05-01", "2025-09-01"));
        ep.cp_plans.push(reviewed(
            cpp("2025-04-10", "2025-08-01"),
            &["2025-04-20", "2025-06-01"],
        ));
    });
    assert_eq!(run("4003", &fail), vec![review_at(0, 0, 1)]);
    // As in the DfE's validator, a CIN plan of another episode counts too.
    let mut a = episode("2025-04-01");
    a.cin_plans.push(cin("2025-05-01", "2025-09-01"));
    let mut b = episode("2025-04-01");
    b.cp_plans
        .push(reviewed(cpp("2025-04-10", "2025-08-01"), &["2025-05-01"]));
    assert_eq!(run("4003", &child(vec![a, b])), vec![review_at(1, 0, 0)]);
}

/// 4003: "A CPP review date is shown as being held at the same time as an open CIN Plan." — a
/// review is read with its own plan: the review of the open first plan of the second episode is
/// not held against the ended first plan of the first episode (the DfE's validator joins them,
/// numbering plans afresh in each episode).
#[test]
fn r4003_review_read_with_its_own_plan() {
    let mut a = episode("2025-04-01");
    a.cp_plans.push(cpp("2025-04-10", "2025-04-30"));
    let mut b = episode("2025-04-01");
    b.cin_plans.push(cin("2025-05-01", "2025-09-01"));
    b.cp_plans
        .push(reviewed(cpp("2025-05-01", ""), &["2025-06-01"]));
    assert_eq!(run("4003", &child(vec![a, b])), vec![]);
}

/// 4004: "This child is showing more than one open CIN Plan, i.e. with no End Date" — counted
/// within one episode, as the DfE's validator does.
#[test]
fn r4004_two_open_cin_plans() {
    let pass = one(|ep| {
        ep.cin_plans.push(cin("2025-05-01", "2025-06-01"));
        ep.cin_plans.push(cin("2025-06-02", ""));
    });
    assert_eq!(run("4004", &pass), vec![]);
    let fail = one(|ep| {
        ep.cin_plans.push(cin("2025-05-01", ""));
        ep.cin_plans.push(cin("2025-05-02", "2025-05-03"));
        ep.cin_plans.push(cin("2025-06-02", ""));
    });
    assert_eq!(run("4004", &fail), vec![cin_at(0, 0), cin_at(0, 2)]);
}

/// 4008: "CIN Plan shown as starting after the child’s Date of Death."
#[test]
fn r4008_cin_plan_starts_after_death() {
    let mut pass = one(|ep| ep.cin_plans.push(cin("2025-05-01", "")));
    pass.death_date = day("2025-05-01");
    assert_eq!(run("4008", &pass), vec![]);
    let mut fail = one(|ep| ep.cin_plans.push(cin("2025-05-02", "")));
    fail.death_date = day("2025-05-01");
    assert_eq!(run("4008", &fail), vec![cin_at(0, 0)]);
}

/// 4009Q: "CIN Plan cannot end after the child’s Date of Death"
#[test]
fn r4009q_cin_plan_ends_after_death() {
    let mut pass = one(|ep| ep.cin_plans.push(cin("2025-05-01", "2025-06-01")));
    pass.death_date = day("2025-06-01");
    assert_eq!(run("4009Q", &pass), vec![]);
    let mut fail = one(|ep| ep.cin_plans.push(cin("2025-05-01", "2025-06-02")));
    fail.death_date = day("2025-06-01");
    assert_eq!(run("4009Q", &fail), vec![cin_at(0, 0)]);
}

/// 4010: "CIN Plan start date is missing or out of data collection period" — missing, or after
/// the reference date (a start in an earlier year is allowed).
#[test]
fn r4010_cin_plan_start_missing_or_late() {
    let pass = one(|ep| {
        ep.cin_plans.push(cin("2024-01-01", ""));
        ep.cin_plans.push(cin("2026-03-31", ""));
    });
    assert_eq!(run("4010", &pass), vec![]);
    let fail = one(|ep| {
        ep.cin_plans.push(cin("", ""));
        ep.cin_plans.push(cin("2026-04-01", ""));
    });
    assert_eq!(run("4010", &fail), vec![cin_at(0, 0), cin_at(0, 1)]);
}

/// 4011: "CIN Plan End Date earlier than Start Date"
#[test]
fn r4011_cin_plan_ends_before_start() {
    let pass = one(|ep| ep.cin_plans.push(cin("2025-05-01", "2025-05-01")));
    assert_eq!(run("4011", &pass), vec![]);
    let fail = one(|ep| ep.cin_plans.push(cin("2025-05-01", "2025-04-30")));
    assert_eq!(run("4011", &fail), vec![cin_at(0, 0)]);
}

/// 4012Q: "Please check and either amend or provide a reason: CIN Plan shown as starting and
/// ending on the same day"
#[test]
fn r4012q_cin_plan_one_day() {
    let pass = one(|ep| ep.cin_plans.push(cin("2025-05-01", "2025-05-02")));
    assert_eq!(run("4012Q", &pass), vec![]);
    let fail = one(|ep| ep.cin_plans.push(cin("2025-05-01", "2025-05-01")));
    assert_eq!(run("4012Q", &fail), vec![cin_at(0, 0)]);
}

/// 4013: "CIN Plan end date must fall within the census year" — 2025-04-01 to 2026-03-31.
#[test]
fn r4013_cin_plan_end_outside_year() {
    let pass = one(|ep| {
        ep.cin_plans.push(cin("2025-01-01", "2025-04-01"));
        ep.cin_plans.push(cin("2025-05-01", "2026-03-31"));
        ep.cin_plans.push(cin("2025-05-01", ""));
    });
    assert_eq!(run("4013", &pass), vec![]);
    let fail = one(|ep| {
        ep.cin_plans.push(cin("2025-01-01", "2025-03-31"));
        ep.cin_plans.push(cin("2025-05-01", "2026-04-01"));
    });
    assert_eq!(run("4013", &fail), vec![cin_at(0, 0), cin_at(0, 1)]);
}

/// 4014: "CIN Plan data contains overlapping dates" — a plan starting on or after another's
/// start and on or before its end (an open one runs to the reference date), across the child's
/// episodes; both plans are named.
#[test]
fn r4014_cin_plans_overlap() {
    let pass = one(|ep| {
        ep.cin_plans.push(cin("2025-05-01", "2025-05-31"));
        ep.cin_plans.push(cin("2025-06-01", ""));
    });
    assert_eq!(run("4014", &pass), vec![]);
    // Starting on the day the other ends counts as overlapping.
    let mut a = episode("2025-04-01");
    a.cin_plans.push(cin("2025-05-01", "2025-06-01"));
    let mut b = episode("2025-04-01");
    b.cin_plans.push(cin("2025-04-02", "2025-04-20"));
    b.cin_plans.push(cin("2025-06-01", ""));
    assert_eq!(
        run("4014", &child(vec![a, b])),
        vec![cin_at(0, 0), cin_at(1, 1)]
    );
}

/// 4015: "The CIN Plan start date cannot be before the referral date"
#[test]
fn r4015_cin_plan_before_referral() {
    let pass = one(|ep| ep.cin_plans.push(cin("2025-04-01", "")));
    assert_eq!(run("4015", &pass), vec![]);
    let fail = one(|ep| ep.cin_plans.push(cin("2025-03-31", "")));
    assert_eq!(run("4015", &fail), vec![cin_at(0, 0)]);
}

/// 4016: "A CIN Plan has been reported as open at the same time as a Child Protection Plan." — a
/// CIN plan starting on or after a CP plan's start and before its end.
#[test]
fn r4016_cin_plan_starts_during_cp_plan() {
    // Starting on the CP plan's end day passes.
    let pass = one(|ep| {
        ep.cp_plans.push(cpp("2025-05-01", "2025-06-01"));
        ep.cin_plans.push(cin("2025-06-01", ""));
        ep.cin_plans.push(cin("2025-04-20", "2025-04-30"));
    });
    assert_eq!(run("4016", &pass), vec![]);
    // The CP plan is open, so it runs to the reference date; it is in another episode.
    let mut a = episode("2025-04-01");
    a.cp_plans.push(cpp("2025-05-01", ""));
    let mut b = episode("2025-04-01");
    b.cin_plans.push(cin("2025-04-20", "2025-04-30"));
    b.cin_plans.push(cin("2025-05-01", "2025-07-01"));
    assert_eq!(run("4016", &child(vec![a, b])), vec![cin_at(1, 1)]);
}

/// 4017: "A CIN Plan has been reported as open at the same time as a Child Protection Plan." — a
/// CP plan starting on or after a CIN plan's start and before its end; the CIN plan is named.
#[test]
fn r4017_cp_plan_starts_during_cin_plan() {
    let pass = one(|ep| {
        ep.cin_plans.push(cin("2025-05-01", "2025-06-01"));
        ep.cp_plans.push(cpp("2025-06-01", ""));
    });
    assert_eq!(run("4017", &pass), vec![]);
    let fail = one(|ep| {
        ep.cin_plans.push(cin("2025-05-01", "2025-06-01"));
        ep.cin_plans.push(cin("2025-06-02", ""));
        ep.cp_plans.push(cpp("2025-06-10", ""));
    });
    assert_eq!(run("4017", &fail), vec![cin_at(0, 1)]);
}

// ---- Section 47 enquiries -------------------------------------------------------------------

/// 2884: "An initial child protection conference is recorded at both the S47 and CIN Details
/// level and it should only be recorded in one" — the same date at both levels (any episode of
/// the child, as the DfE's validator compares).
#[test]
fn r2884_icpc_at_both_levels() {
    let pass = one(|ep| {
        ep.date_of_initial_cpc = day("2025-05-02");
        ep.section47s.push(s47("2025-05-01", "2025-05-05", "0"));
        ep.section47s.push(s47("2025-05-01", "", "0"));
    });
    assert_eq!(run("2884", &pass), vec![]);
    let mut a = episode("2025-04-01");
    a.date_of_initial_cpc = day("2025-05-05");
    let mut b = episode("2025-04-01");
    b.section47s.push(s47("2025-05-01", "2025-05-05", "0"));
    assert_eq!(run("2884", &child(vec![a, b])), vec![s47_at(1, 0)]);
}

/// 2889: "The S47 start date cannot be before the referral date."
#[test]
fn r2889_s47_before_referral() {
    let pass = one(|ep| ep.section47s.push(s47("2025-04-01", "", "0")));
    assert_eq!(run("2889", &pass), vec![]);
    let fail = one(|ep| ep.section47s.push(s47("2025-03-31", "", "0")));
    assert_eq!(run("2889", &fail), vec![s47_at(0, 0)]);
}

/// 8615: "Section 47 Enquiry Start Date must be present and cannot be later than the date of the
/// initial Child Protection Conference"
#[test]
fn r8615_s47_start_missing_or_after_icpc() {
    let pass = one(|ep| {
        ep.section47s.push(s47("2025-05-05", "2025-05-05", ""));
        ep.section47s.push(s47("", "", "1"));
    });
    assert_eq!(run("8615", &pass), vec![]);
    let fail = one(|ep| {
        ep.section47s.push(s47("2025-05-06", "2025-05-05", ""));
        ep.section47s.push(s47("", "2025-05-05", ""));
    });
    assert_eq!(run("8615", &fail), vec![s47_at(0, 0), s47_at(0, 1)]);
}

/// 8675Q: "Please check and either amend data or provide a reason: S47 Enquiry started more than
/// 15 working days before the end of the census year. However, there is no date of Initial Child
/// Protection Conference."
///
/// Counting back from Tuesday 31 March 2026 as day 1 (no bank holiday in March 2026; Good Friday
/// is 3 April): 30, 27, 26, 25, 24, 23, 20, 19, 18, 17, 16, 13, 12 March are days 2 to 14 and
/// Wednesday 11 March is day 15. An enquiry started before 11 March fails; on it passes.
#[test]
fn r8675q_s47_without_icpc_for_15_working_days() {
    let pass = one(|ep| {
        ep.section47s.push(s47("2026-03-11", "", "0"));
        ep.section47s.push(s47("2026-01-05", "", "1"));
        ep.section47s.push(s47("2026-01-05", "2026-01-12", "false"));
    });
    assert_eq!(run("8675Q", &pass), vec![]);
    let fail = one(|ep| {
        ep.section47s.push(s47("2026-03-10", "", "0"));
        ep.section47s.push(s47("2026-03-11", "", "false"));
        ep.section47s.push(s47("2025-06-01", "", "false"));
    });
    assert_eq!(run("8675Q", &fail), vec![s47_at(0, 0), s47_at(0, 2)]);
}

/// 8675Q: "Please check and either amend data or provide a reason: S47 Enquiry started more than
/// 15 working days before the end of the census year. However, there is no date of Initial Child
/// Protection Conference." — a reference date at a weekend first moves on to the next working
/// day: from Saturday 28 March 2026 to Monday 30 March (day 1); then 27, 26, 25, 24, 23, 20, 19,
/// 18, 17, 16, 13, 12, 11 March are days 2 to 14 and Tuesday 10 March is day 15.
#[test]
fn r8675q_weekend_reference_date() {
    let pass = one(|ep| ep.section47s.push(s47("2026-03-10", "", "0")));
    assert_eq!(run_at("8675Q", &pass, "2026-03-28"), vec![]);
    let fail = one(|ep| ep.section47s.push(s47("2026-03-09", "", "0")));
    assert_eq!(run_at("8675Q", &fail, "2026-03-28"), vec![s47_at(0, 0)]);
}

/// 8715: "Date of Initial Child Protection Conference must fall within the census year"
#[test]
fn r8715_icpc_outside_year() {
    let pass = one(|ep| {
        ep.section47s.push(s47("2025-03-20", "2025-04-01", ""));
        ep.section47s.push(s47("2026-03-20", "2026-03-31", ""));
    });
    assert_eq!(run("8715", &pass), vec![]);
    let fail = one(|ep| {
        ep.section47s.push(s47("2025-03-20", "2025-03-31", ""));
        ep.section47s.push(s47("2026-03-20", "2026-04-01", ""));
    });
    assert_eq!(run("8715", &fail), vec![s47_at(0, 0), s47_at(0, 1)]);
}

/// 8740: "For a Section 47 Enquiry that has not held the Initial Child Protection Conference by
/// the end of the census year, the start date must fall within the census year" — for an enquiry
/// with `ICPCnotRequired` `0` or `false`.
#[test]
fn r8740_open_s47_start_outside_year() {
    let pass = one(|ep| {
        ep.section47s.push(s47("2025-04-01", "", "0"));
        ep.section47s.push(s47("2025-03-01", "2025-04-02", "0"));
        ep.section47s.push(s47("2025-03-01", "", "1"));
    });
    assert_eq!(run("8740", &pass), vec![]);
    let fail = one(|ep| {
        ep.section47s.push(s47("2025-03-31", "", "0"));
        ep.section47s.push(s47("2026-04-01", "", "false"));
    });
    assert_eq!(run("8740", &fail), vec![s47_at(0, 0), s47_at(0, 1)]);
}

/// 8839: "Within one CINDetails group there are 2 or more open S47 Assessments" — open: no
/// conference and not marked as needing none.
#[test]
fn r8839_two_open_s47s() {
    let pass = one(|ep| {
        ep.section47s.push(s47("2025-05-01", "", "0"));
        ep.section47s.push(s47("2025-06-01", "", "true"));
        ep.section47s.push(s47("2025-07-01", "2025-07-07", ""));
    });
    assert_eq!(run("8839", &pass), vec![]);
    let fail = one(|ep| {
        ep.section47s.push(s47("2025-05-01", "", "0"));
        ep.section47s.push(s47("2025-06-01", "", "1"));
        ep.section47s.push(s47("2025-07-01", "", ""));
    });
    assert_eq!(run("8839", &fail), vec![s47_at(0, 0), s47_at(0, 2)]);
}

/// 8868: "CIN episode is shown as closed, however Section 47 enquiry is not shown as completed by
/// ICPC date or ICPC not required flag"
#[test]
fn r8868_closed_episode_open_s47() {
    let pass = one(|ep| {
        ep.closure_date = day("2025-09-01");
        ep.section47s.push(s47("2025-05-01", "2025-05-07", "0"));
        ep.section47s.push(s47("2025-06-01", "", "true"));
    });
    assert_eq!(run("8868", &pass), vec![]);
    let open = one(|ep| ep.section47s.push(s47("2025-05-01", "", "0")));
    assert_eq!(run("8868", &open), vec![]);
    let fail = one(|ep| {
        ep.closure_date = day("2025-09-01");
        ep.section47s.push(s47("2025-05-01", "", "0"));
        ep.section47s.push(s47("2025-06-01", "2025-06-05", "1"));
        ep.section47s.push(s47("2025-07-01", "", ""));
    });
    assert_eq!(
        run("8868", &fail),
        vec![s47_at(0, 0), s47_at(0, 1), s47_at(0, 2)]
    );
}

/// 8870Q: "Please check and either amend or provide a reason: The Target Date for Initial Child
/// Protection Conference should not be a weekend" — 2025-06-07 is a Saturday, 2025-06-08 a
/// Sunday, 2025-06-09 a Monday.
#[test]
fn r8870q_icpc_target_weekend() {
    let with_target = |t: &str| {
        let mut s = s47("2025-06-01", "", "0");
        s.icpc_target = day(t);
        s
    };
    let pass = one(|ep| ep.section47s.push(with_target("2025-06-09")));
    assert_eq!(run("8870Q", &pass), vec![]);
    let fail = one(|ep| {
        ep.section47s.push(with_target("2025-06-07"));
        ep.section47s.push(with_target("2025-06-09"));
        ep.section47s.push(with_target("2025-06-08"));
    });
    assert_eq!(run("8870Q", &fail), vec![s47_at(0, 0), s47_at(0, 2)]);
}

/// 8875: "The Date of Initial Child Protection Conference cannot be a weekend" — 2025-06-06 is a
/// Friday, 2025-06-07 a Saturday.
#[test]
fn r8875_icpc_weekend() {
    let pass = one(|ep| ep.section47s.push(s47("2025-06-01", "2025-06-06", "")));
    assert_eq!(run("8875", &pass), vec![]);
    let fail = one(|ep| ep.section47s.push(s47("2025-06-01", "2025-06-07", "")));
    assert_eq!(run("8875", &fail), vec![s47_at(0, 0)]);
}

/// 8890: "A Section 47 enquiry is shown as starting when there is another Section 47 Enquiry
/// ongoing" — within an episode; both enquiries are named.
#[test]
fn r8890_s47_starts_during_another() {
    // One ends (conference) before the next starts; one recorded twice; one marked as needing no
    // conference is not ongoing.
    let pass = one(|ep| {
        ep.section47s.push(s47("2025-05-01", "2025-05-07", ""));
        ep.section47s.push(s47("2025-05-08", "", "1"));
        ep.section47s.push(s47("2025-05-08", "", "1"));
        ep.section47s.push(s47("2025-06-01", "", "1"));
    });
    assert_eq!(run("8890", &pass), vec![]);
    // Starting on the day of the other's conference counts as during it.
    let fail = one(|ep| {
        ep.section47s.push(s47("2025-05-01", "2025-05-07", ""));
        ep.section47s.push(s47("2025-05-07", "2025-05-14", ""));
    });
    assert_eq!(run("8890", &fail), vec![s47_at(0, 0), s47_at(0, 1)]);
    let open = one(|ep| {
        ep.section47s.push(s47("2025-05-01", "", "0"));
        ep.section47s.push(s47("2025-04-20", "2025-04-25", ""));
        ep.section47s.push(s47("2025-09-01", "2025-09-05", ""));
    });
    assert_eq!(run("8890", &open), vec![s47_at(0, 0), s47_at(0, 2)]);
    // Enquiries of different episodes are not compared.
    let mut a = episode("2025-04-01");
    a.section47s.push(s47("2025-05-01", "", "0"));
    let mut b = episode("2025-04-01");
    b.section47s.push(s47("2025-06-01", "", "0"));
    assert_eq!(run("8890", &child(vec![a, b])), vec![]);
}

// ---- Child protection plans -----------------------------------------------------------------

/// 1105: "The child protection plan start date cannot be before the referral date"
#[test]
fn r1105_cp_plan_before_referral() {
    let pass = one(|ep| ep.cp_plans.push(cpp("2025-04-01", "")));
    assert_eq!(run("1105", &pass), vec![]);
    let fail = one(|ep| {
        ep.cp_plans.push(cpp("2025-04-01", "2025-05-01"));
        ep.cp_plans.push(cpp("2025-03-31", ""));
    });
    assert_eq!(run("1105", &fail), vec![cpp_at(0, 1)]);
}

/// 2885: "Child protection plan shown as starting a different day to the initial child
/// protection conference." — the conference of an enquiry of the episode when there is one (not
/// marked as needing none), else the episode's.
#[test]
fn r2885_cp_plan_start_not_icpc() {
    let pass = one(|ep| {
        ep.section47s.push(s47("2025-05-01", "2025-05-07", "0"));
        ep.section47s.push(s47("2025-05-01", "", "0"));
        ep.cp_plans.push(cpp("2025-05-07", ""));
    });
    assert_eq!(run("2885", &pass), vec![]);
    // No enquiry: the episode's conference.
    let episode_level = one(|ep| {
        ep.date_of_initial_cpc = day("2025-05-07");
        ep.cp_plans.push(cpp("2025-05-07", ""));
    });
    assert_eq!(run("2885", &episode_level), vec![]);
    // A plan that started before the census year is not checked.
    let earlier = one(|ep| ep.cp_plans.push(cpp("2025-03-01", "")));
    assert_eq!(run("2885", &earlier), vec![]);
    let fail = one(|ep| {
        ep.section47s.push(s47("2025-05-01", "2025-05-08", "0"));
        ep.cp_plans.push(cpp("2025-05-07", ""));
    });
    assert_eq!(run("2885", &fail), vec![cpp_at(0, 0)]);
}

/// 2885: "Child protection plan shown as starting a different day to the initial child
/// protection conference." — `ICPCnotRequired` `true` is read as `1`: such an enquiry is passed
/// over and the episode's conference is the one compared.
#[test]
fn r2885_icpc_not_required_true_is_one() {
    for flag in ["1", "true"] {
        let pass = one(|ep| {
            ep.date_of_initial_cpc = day("2025-05-07");
            ep.section47s.push(s47("2025-05-01", "", flag));
            ep.cp_plans.push(cpp("2025-05-07", ""));
        });
        assert_eq!(run("2885", &pass), vec![], "{flag}");
        let fail = one(|ep| {
            ep.date_of_initial_cpc = day("2025-05-08");
            ep.section47s.push(s47("2025-05-01", "2025-05-07", flag));
            ep.cp_plans.push(cpp("2025-05-07", ""));
        });
        assert_eq!(run("2885", &fail), vec![cpp_at(0, 0)], "{flag}");
    }
}

/// 8720: "Child Protection Plan Start Date missing or out of data collection period"
#[test]
fn r8720_cp_plan_start_missing_or_late() {
    let pass = one(|ep| {
        ep.cp_plans.push(cpp("2024-06-01", ""));
        ep.cp_plans.push(cpp("2026-03-31", ""));
    });
    assert_eq!(run("8720", &pass), vec![]);
    let fail = one(|ep| {
        ep.cp_plans.push(cpp("", ""));
        ep.cp_plans.push(cpp("2026-04-01", ""));
    });
    assert_eq!(run("8720", &fail), vec![cpp_at(0, 0), cpp_at(0, 1)]);
}

/// 8730: "Total Number of previous Child Protection Plans missing" — missing, empty, negative or
/// not a whole number.
#[test]
fn r8730_previous_plans_missing() {
    let with = |v: Option<&str>| {
        let mut p = cpp("2025-05-01", "");
        p.previous_plans = v.map(str::to_string);
        p
    };
    let pass = one(|ep| {
        ep.cp_plans.push(with(Some("0")));
        ep.cp_plans.push(with(Some("3")));
    });
    assert_eq!(run("8730", &pass), vec![]);
    let fail = one(|ep| {
        for v in [None, Some(""), Some("-1"), Some("two"), Some("2")] {
            ep.cp_plans.push(with(v));
        }
    });
    assert_eq!(
        run("8730", &fail),
        vec![cpp_at(0, 0), cpp_at(0, 1), cpp_at(0, 2), cpp_at(0, 3)]
    );
}

/// 8832: "Child Protection details provided for a referral with no further action."
#[test]
fn r8832_cp_plan_on_nfa_referral() {
    let pass = one(|ep| ep.cp_plans.push(cpp("2025-05-01", "")));
    assert_eq!(run("8832", &pass), vec![]);
    let fail = one(|ep| {
        ep.referral_nfa = Some("true".into());
        ep.cp_plans.push(cpp("2025-05-01", ""));
    });
    assert_eq!(run("8832", &fail), vec![cpp_at(0, 0)]);
}

/// 8840: "Child Protection Plan cannot start and end on the same day"
#[test]
fn r8840_cp_plan_one_day() {
    let pass = one(|ep| ep.cp_plans.push(cpp("2025-05-01", "2025-05-02")));
    assert_eq!(run("8840", &pass), vec![]);
    let fail = one(|ep| ep.cp_plans.push(cpp("2025-05-01", "2025-05-01")));
    assert_eq!(run("8840", &fail), vec![cpp_at(0, 0)]);
}

/// 8841: "The review date cannot be on the same day or before the Child protection Plan start
/// date." — every review of the plan is checked, not only the first.
#[test]
fn r8841_review_not_after_plan_start() {
    let pass = one(|ep| {
        ep.cp_plans
            .push(reviewed(cpp("2025-05-01", ""), &["2025-05-02", ""]));
    });
    assert_eq!(run("8841", &pass), vec![]);
    let fail = one(|ep| {
        ep.cp_plans.push(reviewed(
            cpp("2025-05-01", ""),
            &["2025-06-01", "2025-05-01", "2025-04-30"],
        ));
    });
    assert_eq!(
        run("8841", &fail),
        vec![review_at(0, 0, 1), review_at(0, 0, 2)]
    );
}

/// 8842Q: "Please check and either amend or provide a reason: Review Record has a missing date"
#[test]
fn r8842q_review_date_missing() {
    let pass = one(|ep| {
        ep.cp_plans
            .push(reviewed(cpp("2025-05-01", ""), &["2025-06-01"]))
    });
    assert_eq!(run("8842Q", &pass), vec![]);
    let fail = one(|ep| {
        ep.cp_plans.push(cpp("2025-04-01", "2025-04-20"));
        ep.cp_plans
            .push(reviewed(cpp("2025-05-01", ""), &["2025-06-01", ""]));
    });
    assert_eq!(run("8842Q", &fail), vec![review_at(0, 1, 1)]);
}

/// 8905: "Initial Category of Abuse code missing or invalid (see Category of Abuse table in CIN
/// Census code set)"
#[test]
fn r8905_initial_category_invalid() {
    let with = |v: Option<&str>| {
        let mut p = cpp("2025-05-01", "");
        p.initial_category = v.map(str::to_string);
        p
    };
    let pass = one(|ep| {
        for v in ["NEG", "PHY", "SAB", "EMO", "MUL"] {
            ep.cp_plans.push(with(Some(v)));
        }
    });
    assert_eq!(run("8905", &pass), vec![]);
    let fail = one(|ep| {
        ep.cp_plans.push(with(None));
        ep.cp_plans.push(with(Some("NEG")));
        ep.cp_plans.push(with(Some("neg")));
    });
    assert_eq!(run("8905", &fail), vec![cpp_at(0, 0), cpp_at(0, 2)]);
}

/// 8910: "Latest Category of Abuse code missing or invalid (see Category of Abuse table in CIN
/// Census code set)"
#[test]
fn r8910_latest_category_invalid() {
    let with = |v: Option<&str>| {
        let mut p = cpp("2025-05-01", "");
        p.latest_category = v.map(str::to_string);
        p
    };
    let pass = one(|ep| ep.cp_plans.push(with(Some("MUL"))));
    assert_eq!(run("8910", &pass), vec![]);
    let fail = one(|ep| {
        ep.cp_plans.push(with(Some("XYZ")));
        ep.cp_plans.push(with(None));
    });
    assert_eq!(run("8910", &fail), vec![cpp_at(0, 0), cpp_at(0, 1)]);
}

/// 8915: "Child Protection Plan shown as starting after the child’s Date of Death"
#[test]
fn r8915_cp_plan_starts_after_death() {
    let mut pass = one(|ep| ep.cp_plans.push(cpp("2025-05-01", "")));
    pass.death_date = day("2025-05-01");
    assert_eq!(run("8915", &pass), vec![]);
    let mut fail = one(|ep| ep.cp_plans.push(cpp("2025-05-02", "")));
    fail.death_date = day("2025-05-01");
    assert_eq!(run("8915", &fail), vec![cpp_at(0, 0)]);
}

/// 8920: "Child Protection Plan cannot end after the child’s Date of Death"
#[test]
fn r8920_cp_plan_ends_after_death() {
    let mut pass = one(|ep| ep.cp_plans.push(cpp("2025-05-01", "2025-06-01")));
    pass.death_date = day("2025-06-01");
    assert_eq!(run("8920", &pass), vec![]);
    let mut fail = one(|ep| ep.cp_plans.push(cpp("2025-05-01", "2025-06-02")));
    fail.death_date = day("2025-06-01");
    assert_eq!(run("8920", &fail), vec![cpp_at(0, 0)]);
}

/// 8925: "Child Protection Plan End Date earlier than Start Date"
#[test]
fn r8925_cp_plan_ends_before_start() {
    let pass = one(|ep| ep.cp_plans.push(cpp("2025-05-01", "2025-05-02")));
    assert_eq!(run("8925", &pass), vec![]);
    let fail = one(|ep| ep.cp_plans.push(cpp("2025-05-01", "2025-04-30")));
    assert_eq!(run("8925", &fail), vec![cpp_at(0, 0)]);
}

/// 8930: "Child Protection Plan End Date must fall within the census year"
#[test]
fn r8930_cp_plan_end_outside_year() {
    let pass = one(|ep| {
        ep.cp_plans.push(cpp("2025-01-01", "2025-04-01"));
        ep.cp_plans.push(cpp("2025-05-01", "2026-03-31"));
    });
    assert_eq!(run("8930", &pass), vec![]);
    let fail = one(|ep| {
        ep.cp_plans.push(cpp("2025-01-01", "2025-03-31"));
        ep.cp_plans.push(cpp("2025-05-01", "2026-04-01"));
    });
    assert_eq!(run("8930", &fail), vec![cpp_at(0, 0), cpp_at(0, 1)]);
}

/// 8935: "This child is showing more than one open Child Protection plan, i.e. with no End Date"
/// — two open plans in one episode fail (the DfE's validator misses them).
#[test]
fn r8935_two_open_cp_plans_in_one_episode() {
    let pass = one(|ep| {
        ep.cp_plans.push(cpp("2025-04-01", "2025-05-01"));
        ep.cp_plans.push(cpp("2025-05-02", ""));
    });
    assert_eq!(run("8935", &pass), vec![]);
    let fail = one(|ep| {
        ep.cp_plans.push(cpp("2025-04-01", ""));
        ep.cp_plans.push(cpp("2025-04-10", "2025-04-20"));
        ep.cp_plans.push(cpp("2025-05-02", ""));
    });
    assert_eq!(run("8935", &fail), vec![cpp_at(0, 0), cpp_at(0, 2)]);
}

/// 8935: "This child is showing more than one open Child Protection plan, i.e. with no End Date"
/// — open plans in different episodes count together.
#[test]
fn r8935_open_cp_plans_across_episodes() {
    let mut a = episode("2025-04-01");
    a.cp_plans.push(cpp("2025-04-01", ""));
    let mut b = episode("2025-04-01");
    b.cp_plans.push(cpp("2025-06-01", "2025-07-01"));
    b.cp_plans.push(cpp("2025-08-01", ""));
    assert_eq!(
        run("8935", &child(vec![a, b])),
        vec![cpp_at(0, 0), cpp_at(1, 1)]
    );
}

/// 8940: "Child Protection Plan data contains overlapping dates" — a plan starting on or after
/// another's start and on or before its end (an open one runs to the reference date), across
/// the child's episodes; both plans are named.
#[test]
fn r8940_cp_plans_overlap() {
    let pass = one(|ep| {
        ep.cp_plans.push(cpp("2025-04-01", "2025-04-30"));
        ep.cp_plans.push(cpp("2025-05-01", ""));
    });
    assert_eq!(run("8940", &pass), vec![]);
    let fail = one(|ep| {
        ep.cp_plans.push(cpp("2025-04-01", "2025-05-01"));
        ep.cp_plans.push(cpp("2025-05-01", "2025-06-01"));
        ep.cp_plans.push(cpp("2025-07-01", "2025-08-01"));
    });
    assert_eq!(run("8940", &fail), vec![cpp_at(0, 0), cpp_at(0, 1)]);
}

/// 8940: "Child Protection Plan data contains overlapping dates" — the first plans of two
/// episodes are two plans (the DfE's validator takes them for one, numbering plans afresh in
/// each episode).
#[test]
fn r8940_first_plans_of_two_episodes() {
    let mut a = episode("2025-04-01");
    a.cp_plans.push(cpp("2025-04-01", ""));
    let mut b = episode("2025-04-01");
    b.cp_plans.push(cpp("2025-06-01", "2025-07-01"));
    assert_eq!(
        run("8940", &child(vec![a, b])),
        vec![cpp_at(0, 0), cpp_at(1, 0)]
    );
}
