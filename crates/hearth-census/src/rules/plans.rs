//! CIN plans (`CINPlanDates`), section 47 enquiries (`Section47`) and child protection plans
//! (`ChildProtectionPlans`) with their reviews.
//!
//! Each rule follows the DfE's public validator (`cin_validator`, rules of `cin2022_23`, unchanged
//! since) comparison for comparison: which comparisons are strict, which rows are compared within
//! an episode and which across the child's episodes, and how a missing end date counts. Where that
//! validator is known to misread the return, the rule follows the DfE's stated intent instead, and
//! says so:
//! - every `CPPreviewDate` of a plan is checked (the validator reads only the first of each
//!   `Reviews`);
//! - `ICPCnotRequired` is read as `1`/`true` and `0`/`false` alike (2885 and 8740 understand only
//!   `1`/`0` there);
//! - a review is compared with its own plan, and two plans are told apart by where they stand in
//!   the return, not by their number within the episode (the validator numbers plans afresh in
//!   each episode, then joins and compares plans by that number alone: 4003, 8935, 8940);
//! - 8870Q reads `InitialCPCtarget` as the date it is (the validator never fires on XML);
//! - 8832 names the CP plans of an episode whose referral led to no further action (the
//!   validator mislabels its join, so names whichever rows share the other table's row numbers);
//! - 8730 also fails a `NumberOfPreviousCPP` that is not a whole number (the validator stops).

use chrono::{Datelike, NaiveDate, Weekday};

use super::{Check, Ctx, Kind, Rule, Spot};
use crate::model::{flag_false, flag_true, Child, CinPlan, CpPlan, Episode, Section47};

/// The rules of this group.
pub static RULES: &[Rule] = &[
    Rule {
        code: "1105",
        kind: Kind::Error,
        message: "The child protection plan start date cannot be before the referral date",
        fields: &["CPPstartDate", "CINreferralDate"],
        check: Check::Child(cpp_start_before_referral),
    },
    Rule {
        code: "2884",
        kind: Kind::Error,
        message: "An initial child protection conference is recorded at both the S47 and CIN Details level and it should only be recorded in one",
        fields: &["DateOfInitialCPC"],
        check: Check::Child(icpc_at_both_levels),
    },
    Rule {
        code: "2885",
        kind: Kind::Error,
        message: "Child protection plan shown as starting a different day to the initial child protection conference.",
        fields: &["CPPstartDate", "DateOfInitialCPC"],
        check: Check::Child(cpp_start_not_icpc),
    },
    Rule {
        code: "2889",
        kind: Kind::Error,
        message: "The S47 start date cannot be before the referral date.",
        fields: &["S47ActualStartDate", "CINreferralDate"],
        check: Check::Child(s47_start_before_referral),
    },
    Rule {
        code: "4000",
        kind: Kind::Error,
        message: "CIN Plan details provided for a referral with no further action",
        fields: &["ReferralNFA"],
        check: Check::Child(cin_plan_on_nfa_referral),
    },
    Rule {
        code: "4001",
        kind: Kind::Error,
        message: "A CIN Plan cannot run concurrently with a Child Protection Plan",
        fields: &["CINPlanEndDate", "CPPendDate"],
        check: Check::Child(open_cin_plan_with_open_cpp),
    },
    Rule {
        code: "4003",
        kind: Kind::Error,
        message: "A CPP review date is shown as being held at the same time as an open CIN Plan.",
        fields: &["CINPlanStartDate", "CINPlanEndDate", "CPPreviewDate"],
        check: Check::Child(review_in_open_cin_plan),
    },
    Rule {
        code: "4004",
        kind: Kind::Error,
        message: "This child is showing more than one open CIN Plan, i.e. with no End Date",
        fields: &["CINPlanEndDate"],
        check: Check::Child(two_open_cin_plans),
    },
    Rule {
        code: "4008",
        kind: Kind::Error,
        message: "CIN Plan shown as starting after the child’s Date of Death.",
        fields: &["PersonDeathDate", "CINPlanStartDate"],
        check: Check::Child(cin_plan_starts_after_death),
    },
    Rule {
        code: "4009Q",
        kind: Kind::Query,
        message: "CIN Plan cannot end after the child’s Date of Death",
        fields: &["PersonDeathDate", "CINPlanEndDate"],
        check: Check::Child(cin_plan_ends_after_death),
    },
    Rule {
        code: "4010",
        kind: Kind::Error,
        message: "CIN Plan start date is missing or out of data collection period",
        fields: &["CINPlanStartDate"],
        check: Check::Child(cin_plan_start_missing_or_late),
    },
    Rule {
        code: "4011",
        kind: Kind::Error,
        message: "CIN Plan End Date earlier than Start Date",
        fields: &["CINPlanEndDate", "CINPlanStartDate"],
        check: Check::Child(cin_plan_ends_before_start),
    },
    Rule {
        code: "4012Q",
        kind: Kind::Query,
        message: "Please check and either amend or provide a reason: CIN Plan shown as starting and ending on the same day",
        fields: &["CINPlanStartDate", "CINPlanEndDate"],
        check: Check::Child(cin_plan_one_day),
    },
    Rule {
        code: "4013",
        kind: Kind::Error,
        message: "CIN Plan end date must fall within the census year",
        fields: &["CINPlanEndDate", "ReferenceDate"],
        check: Check::Child(cin_plan_end_outside_year),
    },
    Rule {
        code: "4014",
        kind: Kind::Error,
        message: "CIN Plan data contains overlapping dates",
        fields: &["CINPlanStartDate", "CINPlanEndDate"],
        check: Check::Child(cin_plans_overlap),
    },
    Rule {
        code: "4015",
        kind: Kind::Error,
        message: "The CIN Plan start date cannot be before the referral date",
        fields: &["CINPlanStartDate", "CINreferralDate"],
        check: Check::Child(cin_plan_before_referral),
    },
    Rule {
        code: "4016",
        kind: Kind::Error,
        message: "A CIN Plan has been reported as open at the same time as a Child Protection Plan.",
        fields: &["CINPlanStartDate", "CPPstartDate", "CPPendDate"],
        check: Check::Child(cin_plan_starts_in_cpp),
    },
    Rule {
        code: "4017",
        kind: Kind::Error,
        message: "A CIN Plan has been reported as open at the same time as a Child Protection Plan.",
        fields: &["CINPlanStartDate", "CINPlanEndDate", "CPPstartDate"],
        check: Check::Child(cpp_starts_in_cin_plan),
    },
    Rule {
        code: "8615",
        kind: Kind::Error,
        message: "Section 47 Enquiry Start Date must be present and cannot be later than the date of the initial Child Protection Conference",
        fields: &["S47ActualStartDate", "DateOfInitialCPC"],
        check: Check::Child(s47_start_missing_or_after_icpc),
    },
    Rule {
        code: "8675Q",
        kind: Kind::Query,
        message: "Please check and either amend data or provide a reason: S47 Enquiry started more than 15 working days before the end of the census year. However, there is no date of Initial Child Protection Conference.",
        fields: &["DateOfInitialCPC", "S47ActualStartDate", "ICPCnotRequired"],
        check: Check::Child(s47_no_icpc_after_15_days),
    },
    Rule {
        code: "8715",
        kind: Kind::Error,
        message: "Date of Initial Child Protection Conference must fall within the census year",
        fields: &["DateOfInitialCPC", "ReferenceDate"],
        check: Check::Child(s47_icpc_outside_year),
    },
    Rule {
        code: "8720",
        kind: Kind::Error,
        message: "Child Protection Plan Start Date missing or out of data collection period",
        fields: &["CPPstartDate", "ReferenceDate"],
        check: Check::Child(cpp_start_missing_or_late),
    },
    Rule {
        code: "8730",
        kind: Kind::Error,
        message: "Total Number of previous Child Protection Plans missing",
        fields: &["NumberOfPreviousCPP"],
        check: Check::Child(previous_cpps_missing),
    },
    Rule {
        code: "8740",
        kind: Kind::Error,
        message: "For a Section 47 Enquiry that has not held the Initial Child Protection Conference by the end of the census year, the start date must fall within the census year",
        fields: &["S47ActualStartDate", "DateOfInitialCPC", "ICPCnotRequired"],
        check: Check::Child(s47_open_start_outside_year),
    },
    Rule {
        code: "8832",
        kind: Kind::Error,
        message: "Child Protection details provided for a referral with no further action.",
        fields: &["CINdetailsID", "ReferralNFA"],
        check: Check::Child(cpp_on_nfa_referral),
    },
    Rule {
        code: "8839",
        kind: Kind::Error,
        message: "Within one CINDetails group there are 2 or more open S47 Assessments",
        fields: &["DateOfInitialCPC"],
        check: Check::Child(two_open_s47s),
    },
    Rule {
        code: "8840",
        kind: Kind::Error,
        message: "Child Protection Plan cannot start and end on the same day",
        fields: &["CINTable.ChildProtectionPlans", "CPPstartDate", "CPPendDate"],
        check: Check::Child(cpp_one_day),
    },
    Rule {
        code: "8841",
        kind: Kind::Error,
        message: "The review date cannot be on the same day or before the Child protection Plan start date.",
        fields: &["CPPstartDate", "CPPreviewDate"],
        check: Check::Child(review_not_after_cpp_start),
    },
    Rule {
        code: "8842Q",
        kind: Kind::Query,
        message: "Please check and either amend or provide a reason: Review Record has a missing date",
        fields: &["CPPreviewDate"],
        check: Check::Child(review_date_missing),
    },
    Rule {
        code: "8868",
        kind: Kind::Error,
        message: "CIN episode is shown as closed, however Section 47 enquiry is not shown as completed by ICPC date or ICPC not required flag",
        fields: &["ICPCnotRequired", "CINclosureDate", "DateOfInitialCPC"],
        check: Check::Child(closed_episode_open_s47),
    },
    Rule {
        code: "8870Q",
        kind: Kind::Query,
        message: "Please check and either amend or provide a reason: The Target Date for Initial Child Protection Conference should not be a weekend",
        fields: &["InitialCPCtarget"],
        check: Check::Child(icpc_target_weekend),
    },
    Rule {
        code: "8875",
        kind: Kind::Error,
        message: "The Date of Initial Child Protection Conference cannot be a weekend",
        fields: &["DateOfInitialCPC"],
        check: Check::Child(icpc_weekend),
    },
    Rule {
        code: "8890",
        kind: Kind::Error,
        message: "A Section 47 enquiry is shown as starting when there is another Section 47 Enquiry ongoing",
        fields: &["S47ActualStartDate"],
        check: Check::Child(s47_starts_during_s47),
    },
    Rule {
        code: "8905",
        kind: Kind::Error,
        message: "Initial Category of Abuse code missing or invalid (see Category of Abuse table in CIN Census code set)",
        fields: &["InitialCategoryOfAbuse"],
        check: Check::Child(initial_category_invalid),
    },
    Rule {
        code: "8910",
        kind: Kind::Error,
        message: "Latest Category of Abuse code missing or invalid (see Category of Abuse table in CIN Census code set)",
        fields: &["LatestCategoryOfAbuse"],
        check: Check::Child(latest_category_invalid),
    },
    Rule {
        code: "8915",
        kind: Kind::Error,
        message: "Child Protection Plan shown as starting after the child’s Date of Death",
        fields: &["CPPstartDate", "PersonDeathDate"],
        check: Check::Child(cpp_starts_after_death),
    },
    Rule {
        code: "8920",
        kind: Kind::Error,
        message: "Child Protection Plan cannot end after the child’s Date of Death",
        fields: &["PersonDeathDate", "CPPendDate"],
        check: Check::Child(cpp_ends_after_death),
    },
    Rule {
        code: "8925",
        kind: Kind::Error,
        message: "Child Protection Plan End Date earlier than Start Date",
        fields: &["CPPstartDate", "CPPendDate"],
        check: Check::Child(cpp_ends_before_start),
    },
    Rule {
        code: "8930",
        kind: Kind::Error,
        message: "Child Protection Plan End Date must fall within the census year",
        fields: &["CPPendDate", "ReferenceDate"],
        check: Check::Child(cpp_end_outside_year),
    },
    Rule {
        code: "8935",
        kind: Kind::Error,
        message: "This child is showing more than one open Child Protection plan, i.e. with no End Date",
        fields: &["CPPendDate"],
        check: Check::Child(two_open_cpps),
    },
    Rule {
        code: "8940",
        kind: Kind::Error,
        message: "Child Protection Plan data contains overlapping dates",
        fields: &["CPPstartDate", "CPPendDate"],
        check: Check::Child(cpps_overlap),
    },
];

/// The DfE's categories of abuse.
const CATEGORIES: [&str; 5] = ["NEG", "PHY", "SAB", "EMO", "MUL"];

// ---- Walking the child ----------------------------------------------------------------------

/// Pushes a spot for every CIN plan that `fails`, in document order.
fn each_cin_plan(child: &Child, out: &mut Vec<Spot>, fails: impl Fn(&Episode, &CinPlan) -> bool) {
    for (e, ep) in child.episodes.iter().enumerate() {
        for (p, plan) in ep.cin_plans.iter().enumerate() {
            if fails(ep, plan) {
                out.push(Spot::CinPlan {
                    episode: e,
                    plan: p,
                });
            }
        }
    }
}

/// Pushes a spot for every section 47 enquiry that `fails`, in document order.
fn each_s47(child: &Child, out: &mut Vec<Spot>, fails: impl Fn(&Episode, &Section47) -> bool) {
    for (e, ep) in child.episodes.iter().enumerate() {
        for (s, s47) in ep.section47s.iter().enumerate() {
            if fails(ep, s47) {
                out.push(Spot::Section47 {
                    episode: e,
                    enquiry: s,
                });
            }
        }
    }
}

/// Pushes a spot for every child protection plan that `fails`, in document order.
fn each_cp_plan(child: &Child, out: &mut Vec<Spot>, fails: impl Fn(&Episode, &CpPlan) -> bool) {
    for (e, ep) in child.episodes.iter().enumerate() {
        for (p, plan) in ep.cp_plans.iter().enumerate() {
            if fails(ep, plan) {
                out.push(Spot::CpPlan {
                    episode: e,
                    plan: p,
                });
            }
        }
    }
}

/// Pushes a spot for every review (`CPPreviewDate`, every one of each plan) that `fails`.
fn each_review(
    child: &Child,
    out: &mut Vec<Spot>,
    fails: impl Fn(&CpPlan, Option<NaiveDate>) -> bool,
) {
    for (e, ep) in child.episodes.iter().enumerate() {
        for (p, plan) in ep.cp_plans.iter().enumerate() {
            for (r, review) in plan.reviews.iter().enumerate() {
                if fails(plan, *review) {
                    out.push(Spot::Review {
                        episode: e,
                        plan: p,
                        review: r,
                    });
                }
            }
        }
    }
}

/// Every CIN plan of the child, across episodes.
fn all_cin_plans(child: &Child) -> impl Iterator<Item = &CinPlan> {
    child.episodes.iter().flat_map(|ep| ep.cin_plans.iter())
}

/// Every child protection plan of the child, across episodes.
fn all_cp_plans(child: &Child) -> impl Iterator<Item = &CpPlan> {
    child.episodes.iter().flat_map(|ep| ep.cp_plans.iter())
}

/// Whether `d` falls outside the census year (1 April to the reference date, both included).
fn outside_year(d: NaiveDate, ctx: &Ctx) -> bool {
    d < ctx.collection_start || d > ctx.reference_date
}

fn weekend(d: NaiveDate) -> bool {
    matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
}

/// `a < b` where both are present (a missing date compares false, as in the DfE's validator).
fn before(a: Option<NaiveDate>, b: Option<NaiveDate>) -> bool {
    matches!((a, b), (Some(a), Some(b)) if a < b)
}

/// `a == b` where both are present.
fn same_day(a: Option<NaiveDate>, b: Option<NaiveDate>) -> bool {
    matches!((a, b), (Some(a), Some(b)) if a == b)
}

/// Whether a period starting `start` overlaps an earlier-or-same-day-starting period
/// `(other_start, other_end)`: `start` on or after `other_start` and on or before its end
/// (`strict_end`: before its end), an open period running to the reference date.
fn starts_within(
    start: NaiveDate,
    other: (Option<NaiveDate>, Option<NaiveDate>),
    strict_end: bool,
    ctx: &Ctx,
) -> bool {
    let Some(other_start) = other.0 else {
        return false;
    };
    let within_end = match other.1 {
        Some(end) if strict_end => start < end,
        Some(end) => start <= end,
        None => start <= ctx.reference_date,
    };
    start >= other_start && within_end
}

/// Every item of the child's episodes that `items` picks out, with its spot, in document order.
fn places<'a, T>(
    child: &'a Child,
    items: impl Fn(&'a Episode) -> &'a [T],
    spot: impl Fn(usize, usize) -> Spot,
) -> Vec<(Spot, &'a T)> {
    let mut all = Vec::new();
    for (e, ep) in child.episodes.iter().enumerate() {
        all.extend(items(ep).iter().enumerate().map(|(i, x)| (spot(e, i), x)));
    }
    all
}

/// Pushes the spot of every item in a pair `(a, b)` of distinct items for which `clash(a, b)`
/// holds (both are named, as the DfE's validator names both), in document order.
fn pairs<T>(items: &[(Spot, &T)], out: &mut Vec<Spot>, clash: impl Fn(&T, &T) -> bool) {
    let mut flagged = vec![false; items.len()];
    for (i, (_, a)) in items.iter().enumerate() {
        for (j, (_, b)) in items.iter().enumerate() {
            if i != j && clash(a, b) {
                for k in [i, j] {
                    if let Some(f) = flagged.get_mut(k) {
                        *f = true;
                    }
                }
            }
        }
    }
    let named = items.iter().zip(flagged).filter(|(_, f)| *f);
    out.extend(named.map(|((spot, _), _)| *spot));
}

fn cin_places(child: &Child) -> Vec<(Spot, &CinPlan)> {
    places(
        child,
        |ep| &ep.cin_plans,
        |episode, plan| Spot::CinPlan { episode, plan },
    )
}

fn cp_places(child: &Child) -> Vec<(Spot, &CpPlan)> {
    places(
        child,
        |ep| &ep.cp_plans,
        |episode, plan| Spot::CpPlan { episode, plan },
    )
}

// ---- CIN plans ------------------------------------------------------------------------------

/// 4000: a CIN plan in an episode whose `ReferralNFA` is `1`/`true`.
fn cin_plan_on_nfa_referral(child: &Child, _: &Ctx, out: &mut Vec<Spot>) {
    each_cin_plan(child, out, |ep, _| flag_true(ep.referral_nfa.as_deref()));
}

/// 4001: an open CIN plan (started, no end) in an episode that has an open CP plan.
fn open_cin_plan_with_open_cpp(child: &Child, _: &Ctx, out: &mut Vec<Spot>) {
    each_cin_plan(child, out, |ep, plan| {
        plan.start.is_some() && plan.end.is_none() && ep.cp_plans.iter().any(|c| c.end.is_none())
    });
}

/// 4003: a review on or after the start and before the end of any CIN plan of the child (any
/// episode; a CIN plan with no end never fails), when the review's own CP plan has ended and the
/// review is not on that end date.
fn review_in_open_cin_plan(child: &Child, _: &Ctx, out: &mut Vec<Spot>) {
    each_review(child, out, |plan, review| {
        let (Some(d), Some(end)) = (review, plan.end) else {
            return false;
        };
        d != end
            && all_cin_plans(child)
                .any(|c| matches!((c.start, c.end), (Some(s), Some(e)) if s <= d && d < e))
    });
}

/// 4004: more than one CIN plan with no end date in one episode; every open one is named.
fn two_open_cin_plans(child: &Child, _: &Ctx, out: &mut Vec<Spot>) {
    each_cin_plan(child, out, |ep, plan| {
        plan.end.is_none() && ep.cin_plans.iter().filter(|c| c.end.is_none()).count() > 1
    });
}

/// 4008: a CIN plan starting after the child's death.
fn cin_plan_starts_after_death(child: &Child, _: &Ctx, out: &mut Vec<Spot>) {
    each_cin_plan(child, out, |_, plan| before(child.death_date, plan.start));
}

/// 4009Q: a CIN plan ending after the child's death.
fn cin_plan_ends_after_death(child: &Child, _: &Ctx, out: &mut Vec<Spot>) {
    each_cin_plan(child, out, |_, plan| before(child.death_date, plan.end));
}

/// 4010: a CIN plan with no start date or one after the reference date (an earlier year's start
/// is allowed).
fn cin_plan_start_missing_or_late(child: &Child, ctx: &Ctx, out: &mut Vec<Spot>) {
    each_cin_plan(child, out, |_, plan| {
        plan.start.is_none_or(|s| s > ctx.reference_date)
    });
}

/// 4011: a CIN plan ending before it starts.
fn cin_plan_ends_before_start(child: &Child, _: &Ctx, out: &mut Vec<Spot>) {
    each_cin_plan(child, out, |_, plan| before(plan.end, plan.start));
}

/// 4012Q: a CIN plan starting and ending on the same day.
fn cin_plan_one_day(child: &Child, _: &Ctx, out: &mut Vec<Spot>) {
    each_cin_plan(child, out, |_, plan| same_day(plan.start, plan.end));
}

/// 4013: a CIN plan end date outside the census year.
fn cin_plan_end_outside_year(child: &Child, ctx: &Ctx, out: &mut Vec<Spot>) {
    each_cin_plan(child, out, |_, plan| {
        plan.end.is_some_and(|d| outside_year(d, ctx))
    });
}

/// 4014: two CIN plans of the child (any episodes) where one starts on or after the other's start
/// and on or before its end (an open one running to the reference date). Both are named.
fn cin_plans_overlap(child: &Child, ctx: &Ctx, out: &mut Vec<Spot>) {
    pairs(&cin_places(child), out, |a, b| {
        a.start
            .is_some_and(|s| starts_within(s, (b.start, b.end), false, ctx))
    });
}

/// 4015: a CIN plan starting before its episode's referral date.
fn cin_plan_before_referral(child: &Child, _: &Ctx, out: &mut Vec<Spot>) {
    each_cin_plan(child, out, |ep, plan| before(plan.start, ep.referral_date));
}

/// 4016: a CIN plan starting on or after the start of a CP plan of the child (any episode) and
/// before its end (an open one running to the reference date, inclusive).
fn cin_plan_starts_in_cpp(child: &Child, ctx: &Ctx, out: &mut Vec<Spot>) {
    each_cin_plan(child, out, |_, plan| {
        plan.start.is_some_and(|s| {
            all_cp_plans(child).any(|c| starts_within(s, (c.start, c.end), true, ctx))
        })
    });
}

/// 4017: a CIN plan during which (on or after its start, before its end, or to the reference date
/// when it is open) a CP plan of the child (any episode) starts. The CIN plan is named.
fn cpp_starts_in_cin_plan(child: &Child, ctx: &Ctx, out: &mut Vec<Spot>) {
    each_cin_plan(child, out, |_, plan| {
        all_cp_plans(child)
            .filter_map(|c| c.start)
            .any(|s| starts_within(s, (plan.start, plan.end), true, ctx))
    });
}

// ---- Section 47 enquiries -------------------------------------------------------------------

/// 2884: a section 47 enquiry's initial conference on the same day as an episode-level
/// `DateOfInitialCPC` of the child (any episode).
fn icpc_at_both_levels(child: &Child, _: &Ctx, out: &mut Vec<Spot>) {
    each_s47(child, out, |_, s47| {
        child
            .episodes
            .iter()
            .any(|ep| same_day(s47.date_of_initial_cpc, ep.date_of_initial_cpc))
    });
}

/// 2889: a section 47 enquiry starting before its episode's referral date.
fn s47_start_before_referral(child: &Child, _: &Ctx, out: &mut Vec<Spot>) {
    each_s47(child, out, |ep, s47| before(s47.start, ep.referral_date));
}

/// 8615: an initial conference with no enquiry start date, or before the start date.
fn s47_start_missing_or_after_icpc(child: &Child, _: &Ctx, out: &mut Vec<Spot>) {
    each_s47(child, out, |_, s47| {
        match (s47.start, s47.date_of_initial_cpc) {
            (None, Some(_)) => true,
            (start, cpc) => before(cpc, start),
        }
    });
}

/// The last S47 start date 8675Q lets pass without a conference: 15 working days back from the
/// reference date counting it as the first (the validator's `CustomBusinessDay(n=14)`, which
/// first moves a non-working reference date on to the next working day). An enquiry starting
/// before this day fails.
fn s47_deadline(ctx: &Ctx) -> NaiveDate {
    let base = ctx.calendar.add_working_days(ctx.reference_date, 0);
    ctx.calendar.sub_working_days(base, 14)
}

/// 8675Q: an enquiry with no conference and `ICPCnotRequired` `0`/`false` that started before
/// the day 15 working days before the end of the census year.
fn s47_no_icpc_after_15_days(child: &Child, ctx: &Ctx, out: &mut Vec<Spot>) {
    let deadline = s47_deadline(ctx);
    each_s47(child, out, |_, s47| {
        s47.date_of_initial_cpc.is_none()
            && flag_false(s47.icpc_not_required.as_deref())
            && s47.start.is_some_and(|s| s < deadline)
    });
}

/// 8715: an enquiry's initial conference outside the census year.
fn s47_icpc_outside_year(child: &Child, ctx: &Ctx, out: &mut Vec<Spot>) {
    each_s47(child, out, |_, s47| {
        s47.date_of_initial_cpc
            .is_some_and(|d| outside_year(d, ctx))
    });
}

/// 8740: an enquiry with no conference and `ICPCnotRequired` `0`/`false` that started outside the
/// census year.
fn s47_open_start_outside_year(child: &Child, ctx: &Ctx, out: &mut Vec<Spot>) {
    each_s47(child, out, |_, s47| {
        s47.date_of_initial_cpc.is_none()
            && flag_false(s47.icpc_not_required.as_deref())
            && s47.start.is_some_and(|d| outside_year(d, ctx))
    });
}

/// Whether an enquiry is still open: no conference and not marked as needing none.
fn s47_open(s47: &Section47) -> bool {
    s47.date_of_initial_cpc.is_none() && !flag_true(s47.icpc_not_required.as_deref())
}

/// 8839: more than one open enquiry in one episode; every open one is named.
fn two_open_s47s(child: &Child, _: &Ctx, out: &mut Vec<Spot>) {
    each_s47(child, out, |ep, s47| {
        s47_open(s47) && ep.section47s.iter().filter(|s| s47_open(s)).count() > 1
    });
}

/// 8868: in a closed episode, an enquiry neither completed (conference date) nor marked as
/// needing no conference, or both.
fn closed_episode_open_s47(child: &Child, _: &Ctx, out: &mut Vec<Spot>) {
    each_s47(child, out, |ep, s47| {
        let not_required = flag_true(s47.icpc_not_required.as_deref());
        ep.closure_date.is_some() && (s47.date_of_initial_cpc.is_none() != not_required)
    });
}

/// 8870Q: an initial conference target date at a weekend.
fn icpc_target_weekend(child: &Child, _: &Ctx, out: &mut Vec<Spot>) {
    each_s47(child, out, |_, s47| s47.icpc_target.is_some_and(weekend));
}

/// 8875: an enquiry's initial conference at a weekend.
fn icpc_weekend(child: &Child, _: &Ctx, out: &mut Vec<Spot>) {
    each_s47(child, out, |_, s47| {
        s47.date_of_initial_cpc.is_some_and(weekend)
    });
}

/// Whether enquiry `a` starts while `b` (of the same episode) is ongoing: on or after `b`'s start
/// and on or before its conference, or, with no conference and a conference not marked as not
/// required, on or before the reference date. Two enquiries with the same start and the same
/// conference (or none) are taken as one recorded twice and never clash.
fn s47_clash(a: &Section47, b: &Section47, ctx: &Ctx) -> bool {
    let (Some(start), Some(other_start)) = (a.start, b.start) else {
        return false;
    };
    if start == other_start && a.date_of_initial_cpc == b.date_of_initial_cpc {
        return false;
    }
    let ongoing = match b.date_of_initial_cpc {
        Some(cpc) => start <= cpc,
        None => start <= ctx.reference_date && !flag_true(b.icpc_not_required.as_deref()),
    };
    start >= other_start && ongoing
}

/// 8890: an enquiry starting while another of its episode is ongoing; both are named.
fn s47_starts_during_s47(child: &Child, ctx: &Ctx, out: &mut Vec<Spot>) {
    for (e, ep) in child.episodes.iter().enumerate() {
        let items = places_in(ep, e);
        pairs(&items, out, |a, b| s47_clash(a, b, ctx));
    }
}

fn places_in(ep: &Episode, e: usize) -> Vec<(Spot, &Section47)> {
    let spot = |enquiry| Spot::Section47 {
        episode: e,
        enquiry,
    };
    ep.section47s
        .iter()
        .enumerate()
        .map(|(i, s)| (spot(i), s))
        .collect()
}

// ---- Child protection plans -----------------------------------------------------------------

/// 1105: a CP plan starting before its episode's referral date.
fn cpp_start_before_referral(child: &Child, _: &Ctx, out: &mut Vec<Spot>) {
    each_cp_plan(child, out, |ep, plan| before(plan.start, ep.referral_date));
}

/// 2885: a CP plan starting within the census year on a day that is not the initial conference:
/// of a section 47 enquiry of its episode (those not marked as needing no conference) when there
/// is one, otherwise of the episode itself.
fn cpp_start_not_icpc(child: &Child, ctx: &Ctx, out: &mut Vec<Spot>) {
    each_cp_plan(child, out, |ep, plan| {
        let Some(start) = plan.start.filter(|s| !outside_year(*s, ctx)) else {
            return false;
        };
        let mut required = ep
            .section47s
            .iter()
            .filter(|s| !flag_true(s.icpc_not_required.as_deref()))
            .peekable();
        if required.peek().is_some() {
            !required.any(|s| s.date_of_initial_cpc == Some(start))
        } else {
            ep.date_of_initial_cpc != Some(start)
        }
    });
}

/// 8720: a CP plan with no start date or one after the reference date.
fn cpp_start_missing_or_late(child: &Child, ctx: &Ctx, out: &mut Vec<Spot>) {
    each_cp_plan(child, out, |_, plan| {
        plan.start.is_none_or(|s| s > ctx.reference_date)
    });
}

/// Whether `NumberOfPreviousCPP` is missing or not a count. The DfE's validator fails a missing
/// or negative number and stops on one that is not a whole number; Hearth fails that too.
fn previous_cpps_bad(v: Option<&str>) -> bool {
    match v.map(str::trim).filter(|v| !v.is_empty()) {
        None => true,
        Some(v) => v.parse::<i64>().map_or(true, |n| n < 0),
    }
}

/// 8730: a CP plan with `NumberOfPreviousCPP` missing (or negative, or not a number).
fn previous_cpps_missing(child: &Child, _: &Ctx, out: &mut Vec<Spot>) {
    each_cp_plan(child, out, |_, plan| {
        previous_cpps_bad(plan.previous_plans.as_deref())
    });
}

/// 8832: a CP plan in an episode whose `ReferralNFA` is `1`/`true`.
fn cpp_on_nfa_referral(child: &Child, _: &Ctx, out: &mut Vec<Spot>) {
    each_cp_plan(child, out, |ep, _| flag_true(ep.referral_nfa.as_deref()));
}

/// 8840: a CP plan starting and ending on the same day.
fn cpp_one_day(child: &Child, _: &Ctx, out: &mut Vec<Spot>) {
    each_cp_plan(child, out, |_, plan| same_day(plan.start, plan.end));
}

/// 8841: a review (any of the plan's) on or before its plan's start date.
fn review_not_after_cpp_start(child: &Child, _: &Ctx, out: &mut Vec<Spot>) {
    each_review(
        child,
        out,
        |plan, review| matches!((review, plan.start), (Some(r), Some(s)) if r <= s),
    );
}

/// 8842Q: a `CPPreviewDate` with no (readable) date.
fn review_date_missing(child: &Child, _: &Ctx, out: &mut Vec<Spot>) {
    each_review(child, out, |_, review| review.is_none());
}

fn category_bad(v: Option<&str>) -> bool {
    v.is_none_or(|v| !CATEGORIES.contains(&v))
}

/// 8905: an initial category of abuse missing or not a DfE code.
fn initial_category_invalid(child: &Child, _: &Ctx, out: &mut Vec<Spot>) {
    each_cp_plan(child, out, |_, plan| {
        category_bad(plan.initial_category.as_deref())
    });
}

/// 8910: a latest category of abuse missing or not a DfE code.
fn latest_category_invalid(child: &Child, _: &Ctx, out: &mut Vec<Spot>) {
    each_cp_plan(child, out, |_, plan| {
        category_bad(plan.latest_category.as_deref())
    });
}

/// 8915: a CP plan starting after the child's death.
fn cpp_starts_after_death(child: &Child, _: &Ctx, out: &mut Vec<Spot>) {
    each_cp_plan(child, out, |_, plan| before(child.death_date, plan.start));
}

/// 8920: a CP plan ending after the child's death.
fn cpp_ends_after_death(child: &Child, _: &Ctx, out: &mut Vec<Spot>) {
    each_cp_plan(child, out, |_, plan| before(child.death_date, plan.end));
}

/// 8925: a CP plan ending before it starts.
fn cpp_ends_before_start(child: &Child, _: &Ctx, out: &mut Vec<Spot>) {
    each_cp_plan(child, out, |_, plan| before(plan.end, plan.start));
}

/// 8930: a CP plan end date outside the census year.
fn cpp_end_outside_year(child: &Child, ctx: &Ctx, out: &mut Vec<Spot>) {
    each_cp_plan(child, out, |_, plan| {
        plan.end.is_some_and(|d| outside_year(d, ctx))
    });
}

/// 8935: more than one CP plan with no end date across the child's episodes; every open one is
/// named. (The DfE's validator counts open plans by their number within the episode, so misses
/// two open plans in one episode and pairs first plans of different episodes; Hearth counts the
/// child's open plans, as the message says.)
fn two_open_cpps(child: &Child, _: &Ctx, out: &mut Vec<Spot>) {
    let open = all_cp_plans(child).filter(|c| c.end.is_none()).count();
    each_cp_plan(child, out, |_, plan| open > 1 && plan.end.is_none());
}

/// 8940: two CP plans of the child (any episodes) where one starts on or after the other's start
/// and on or before its end (an open one running to the reference date). Both are named.
fn cpps_overlap(child: &Child, ctx: &Ctx, out: &mut Vec<Spot>) {
    pairs(&cp_places(child), out, |a, b| {
        a.start
            .is_some_and(|s| starts_within(s, (b.start, b.end), false, ctx))
    });
}

#[cfg(test)]
#[path = "plans_tests.rs"]
mod tests;
