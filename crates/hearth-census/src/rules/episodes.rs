//! Episodes of need (`CINdetails`) and their assessments: referral and closure dates, reasons
//! for closure, the no-further-action flag, overlapping and open episodes, and assessment dates
//! and factors.
//!
//! Each check follows the DfE's public validator (`cin_validator`, ruleset `cin2025_26`) in what it
//! treats as missing, how it compares dates and which rows it names. Where that validator crashes
//! or never fires on XML (8565, 8614, 8869, 8897Q, 8898, 8945Q, 8950Q), the check does what the
//! DfE's message and the validator's code evidently intend; each such check says so.
//!
//! A code written as an empty element counts as missing, as it does when the DfE's validator
//! reads the XML. Dates compare only when both are present.

use std::collections::HashSet;

use chrono::{Days, NaiveDate};

use super::{Check, Ctx, Kind, Rule, Spot};
use crate::model::{flag_false, flag_true, Assessment, Child, Episode, Section47};

/// The rules of this group.
pub static RULES: &[Rule] = &[
    Rule {
        code: "1103",
        kind: Kind::Error,
        message: "The assessment start date cannot be before the referral date",
        fields: &["AssessmentActualStartDate", "CINreferralDate"],
        check: Check::Child(assessment_before_referral),
    },
    Rule {
        code: "1104",
        kind: Kind::Error,
        message: "The date of the initial child protection conference cannot be before the referral date",
        fields: &["CINreferralDate", "DateOfInitialCPC"],
        check: Check::Child(s47_icpc_before_referral),
    },
    Rule {
        code: "2990",
        kind: Kind::Error,
        message: "Activity is recorded against a case marked as ‘Case closed after assessment, no further action’ or 'case closed after assessment, referred to early help'.",
        fields: &["ReasonForClosure"],
        check: Check::Child(activity_after_rc8_rc9),
    },
    Rule {
        code: "2991Q",
        kind: Kind::Query,
        message: "Please check and either amend data or provide a reason: A Section 47 module is recorded and there is no assessment on the episode",
        fields: &["CINdetailsID"],
        check: Check::Child(s47_without_assessment),
    },
    Rule {
        code: "8555Q",
        kind: Kind::Query,
        message: "Child cannot be referred after its recorded date of death",
        fields: &["PersonDeathDate", "CINreferralDate"],
        check: Check::Child(referred_after_death),
    },
    Rule {
        code: "8565",
        kind: Kind::Error,
        message: "Activity shown after a case has been closed",
        fields: &["CINclosureDate", "DateOfInitialCPC", "AssessmentActualStartDate", "AssessmentAuthorisationDate", "S47ActualStartDate", "CPPendDate", "CINPlanStartDate", "CINPlanEndDate"],
        check: Check::Child(activity_after_closure),
    },
    Rule {
        code: "8568",
        kind: Kind::Error,
        message: "RNFA flag is missing or invalid",
        fields: &["ReferralNFA"],
        check: Check::Child(nfa_flag_invalid),
    },
    Rule {
        code: "8569Q",
        kind: Kind::Query,
        message: "A case with referral date before one working day prior to the collection start date must not be flagged as a no further action case",
        fields: &["ReferralNFA"],
        check: Check::Child(old_referral_flagged_nfa),
    },
    Rule {
        code: "8585Q",
        kind: Kind::Query,
        message: "Please check and either amend or provide a reason: CIN episode shows Died as the Closure Reason, however child has no recorded Date of Death",
        fields: &["ReasonForClosure", "PersonDeathDate"],
        check: Check::Child(died_without_death_date),
    },
    Rule {
        code: "8600",
        kind: Kind::Error,
        message: "Child referral date missing or after data collection period",
        fields: &["CINreferralDate"],
        check: Check::Child(referral_missing_or_late),
    },
    Rule {
        code: "8606",
        kind: Kind::Error,
        message: "Child referral date is more than 40 weeks before DOB or expected DOB",
        fields: &["CINreferralDate", "PersonBirthDate", "ExpectedPersonBirthDate"],
        check: Check::Child(referral_long_before_birth),
    },
    Rule {
        code: "8608",
        kind: Kind::Error,
        message: "Assessment Start Date cannot be later than its End Date",
        fields: &["AssessmentActualStartDate", "AssessmentAuthorisationDate"],
        check: Check::Child(assessment_ends_before_start),
    },
    Rule {
        code: "8610",
        kind: Kind::Error,
        message: "Primary Need code is missing for a referral which led to further action.",
        fields: &["ReferralNFA", "PrimaryNeedCode"],
        check: Check::Child(primary_need_missing),
    },
    Rule {
        code: "8614",
        kind: Kind::Error,
        message: "Parental or child factors at assessment should only be present for a completed assessment.",
        fields: &["AssessmentAuthorisationDate", "AssessmentFactors"],
        check: Check::Child(factors_on_open_assessment),
    },
    Rule {
        code: "8620",
        kind: Kind::Error,
        message: "CIN Closure Date present and does not fall within the Census year",
        fields: &["CINclosureDate"],
        check: Check::Child(closure_outside_year),
    },
    Rule {
        code: "8630",
        kind: Kind::Error,
        message: "CIN Closure Date is before CIN Referral Date for the same CIN episode",
        fields: &["CINreferralDate", "CINclosureDate"],
        check: Check::Child(closure_before_referral),
    },
    Rule {
        code: "8640",
        kind: Kind::Error,
        message: "CIN Reason for closure code invalid (see Reason for Closure table in CIN Census code set)",
        fields: &["ReasonForClosure"],
        check: Check::Child(closure_reason_invalid),
    },
    Rule {
        code: "8650",
        kind: Kind::Error,
        message: "Primary Need Code invalid (see Primary Need table in CIN census code set)",
        fields: &["PrimaryNeedCode"],
        check: Check::Child(primary_need_invalid),
    },
    Rule {
        code: "8670Q",
        kind: Kind::Query,
        message: "Please check and either amend data or provide a reason: Assessment started more than 45 working days before the end of the census year. However, there is no Assessment end date.",
        fields: &["AssessmentActualStartDate"],
        check: Check::Child(assessment_open_too_long),
    },
    Rule {
        code: "8696",
        kind: Kind::Error,
        message: "Assessment end date must fall within the census year",
        fields: &["AssessmentAuthorisationDate", "ReferenceDate"],
        check: Check::Child(assessment_end_outside_year),
    },
    Rule {
        code: "8736",
        kind: Kind::Error,
        message: "For an Assessment that has not been completed, the start date must fall within the census year",
        fields: &["AssessmentAuthorisationDate", "AssessmentActualStartDate"],
        check: Check::Child(open_assessment_start_outside_year),
    },
    Rule {
        code: "8805",
        kind: Kind::Error,
        message: "A CIN case cannot have a CIN closure date without a Reason for Closure",
        fields: &["CINclosureDate", "ReasonForClosure"],
        check: Check::Child(closure_without_reason),
    },
    Rule {
        code: "8810",
        kind: Kind::Error,
        message: "A CIN case cannot have a Reason for Closure without a CIN Closure Date",
        fields: &["ReasonForClosure", "CINclosureDate"],
        check: Check::Child(reason_without_closure),
    },
    Rule {
        code: "8815",
        kind: Kind::Error,
        message: "More than one open CIN Details episode (a module with no CIN Closure Date) has been provided for this child and case is not a referral with no further action.",
        fields: &["ReferralNFA", "CINclosureDate"],
        check: Check::Child(several_open_episodes),
    },
    Rule {
        code: "8816",
        kind: Kind::Error,
        message: "An open CIN episode is shown and case is not a referral with no further action, but it is not the latest episode.",
        fields: &["CINreferralDate", "ReferralNFA"],
        check: Check::Child(open_episode_not_latest),
    },
    Rule {
        code: "8820",
        kind: Kind::Error,
        message: "The dates on the CIN episodes for this child overlap",
        fields: &["CINreferralDate", "CINclosureDate"],
        check: Check::Child(episodes_overlap),
    },
    Rule {
        code: "8825Q",
        kind: Kind::Query,
        message: "Please check and either amend data or provide a reason: Reason for Closure code RC8 (case closed after assessment) or RC9 (case closed after assessment, referred to early help) has been returned but there is no assessment present for the episode.",
        fields: &["ReasonForClosure"],
        check: Check::Child(rc8_rc9_without_assessment),
    },
    Rule {
        code: "8831",
        kind: Kind::Error,
        message: "Activity is recorded against a case marked as a referral with no further action",
        fields: &["AssessmentActualStartDate", "AssessmentAuthorisationDate", "S47ActualStartDate", "DateOfInitialCPC"],
        check: Check::Child(activity_on_nfa),
    },
    Rule {
        code: "8863Q",
        kind: Kind::Query,
        message: "An Assessment is shown as starting when there is another Assessment ongoing.",
        fields: &["AssessmentActualStartDate", "AssessmentAuthorisationDate"],
        check: Check::Child(assessments_overlap),
    },
    Rule {
        code: "8866",
        kind: Kind::Error,
        message: "Source of Referral is missing or an invalid code",
        fields: &["CINreferralDate", "ReferralSource"],
        check: Check::Child(referral_source_invalid),
    },
    Rule {
        code: "8867",
        kind: Kind::Error,
        message: "CIN episode is shown as closed, however Assessment is not shown as completed",
        fields: &["CINclosureDate", "AssessmentAuthorisationDate"],
        check: Check::Child(closed_with_open_assessment),
    },
    Rule {
        code: "8869",
        kind: Kind::Error,
        message: "The assessment factors code “21” cannot be used in conjunction with any other assessment factors.",
        fields: &["AssessmentFactors"],
        check: Check::Child(factor_21_with_others),
    },
    Rule {
        code: "8873Q",
        kind: Kind::Query,
        message: "Please check and either amend data or provide a reason: When there is only one assessment on the episode and the factors code “21 No factors identified” has been used for the completed assessment, the reason for closure ‘RC8’ or 'RC9' should be used.",
        fields: &["ReasonForClosure", "AssessmentFactors"],
        check: Check::Child(factor_21_without_rc8_rc9),
    },
    Rule {
        code: "8896",
        kind: Kind::Error,
        message: "Within one CINDetails group there are 2 or more open Assessments groups",
        fields: &["AssessmentAuthorisationDate"],
        check: Check::Child(several_open_assessments),
    },
    Rule {
        code: "8897Q",
        kind: Kind::Query,
        message: "Parental or child factors at assessment information is missing from a completed assessment",
        fields: &["AssessmentAuthorisationDate", "AssessmentFactors"],
        check: Check::Child(completed_assessment_factors_missing),
    },
    Rule {
        code: "8898",
        kind: Kind::Error,
        message: " The assessment has more than one parental or child factors with the same code",
        fields: &["AssessmentFactors"],
        check: Check::Child(factor_repeated),
    },
    Rule {
        code: "8945Q",
        kind: Kind::Query,
        message: "Please check and either amend data or provide a reason: the assessment factors code '18A' should not be used ('18B' or '18C' should be used instead)",
        fields: &["AssessmentFactors"],
        check: Check::Child(factor_18a),
    },
    Rule {
        code: "8950Q",
        kind: Kind::Query,
        message: "Please check and either amend data or provide a reason: the assessment factors code '19A' should not be used ('19B' or '19C' should be used instead)",
        fields: &["AssessmentFactors"],
        check: Check::Child(factor_19a),
    },];

// ---------------------------------------------------------------------------------------------
// Helpers

/// A code as written, or `None` when absent or empty.
fn given(v: &Option<String>) -> Option<&str> {
    v.as_deref().filter(|s| !s.is_empty())
}

/// `a < b`, false when either is missing.
fn before(a: Option<NaiveDate>, b: Option<NaiveDate>) -> bool {
    matches!((a, b), (Some(a), Some(b)) if a < b)
}

/// Whether `d` is present and outside `[from, to]`.
fn outside(d: Option<NaiveDate>, from: NaiveDate, to: NaiveDate) -> bool {
    d.is_some_and(|d| d < from || d > to)
}

/// Pushes every episode that fails `fails`.
fn each_episode(child: &Child, out: &mut Vec<Spot>, fails: impl Fn(&Episode) -> bool) {
    for (episode, e) in child.episodes.iter().enumerate() {
        if fails(e) {
            out.push(Spot::Episode { episode });
        }
    }
}

/// Pushes every assessment that fails `fails` (given its episode).
fn each_assessment(
    child: &Child,
    out: &mut Vec<Spot>,
    fails: impl Fn(&Episode, &Assessment) -> bool,
) {
    for (episode, e) in child.episodes.iter().enumerate() {
        for (assessment, a) in e.assessments.iter().enumerate() {
            if fails(e, a) {
                out.push(Spot::Assessment {
                    episode,
                    assessment,
                });
            }
        }
    }
}

/// Pushes the episodes at `indices` once each, in document order.
fn push_episodes(out: &mut Vec<Spot>, indices: &HashSet<usize>) {
    let mut sorted: Vec<usize> = indices.iter().copied().collect();
    sorted.sort_unstable();
    out.extend(sorted.into_iter().map(|episode| Spot::Episode { episode }));
}

/// Whether the episode is open (no closure date) and flagged as going on to further action.
fn open_further_action(e: &Episode) -> bool {
    e.closure_date.is_none() && flag_false(e.referral_nfa.as_deref())
}

const RC8_RC9: [&str; 2] = ["RC8", "RC9"];

fn closed_after_assessment(e: &Episode) -> bool {
    given(&e.reason_for_closure).is_some_and(|r| RC8_RC9.contains(&r))
}

/// Pushes every section 47 enquiry that fails `fails` (given its episode).
fn each_section47(
    child: &Child,
    out: &mut Vec<Spot>,
    fails: impl Fn(&Episode, &Section47) -> bool,
) {
    for (episode, e) in child.episodes.iter().enumerate() {
        for (enquiry, s) in e.section47s.iter().enumerate() {
            if fails(e, s) {
                out.push(Spot::Section47 { episode, enquiry });
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Referral and closure

/// 1103: an assessment starting before its episode's referral (both dates present).
fn assessment_before_referral(child: &Child, _: &Ctx, out: &mut Vec<Spot>) {
    each_assessment(child, out, |e, a| before(a.start, e.referral_date));
}

/// 1104: a section 47 enquiry's initial conference before its episode's referral. Only the
/// enquiry's `DateOfInitialCPC` is read (the episode-level one is not), as the DfE's validator
/// does.
fn s47_icpc_before_referral(child: &Child, _: &Ctx, out: &mut Vec<Spot>) {
    each_section47(child, out, |e, s| {
        before(s.date_of_initial_cpc, e.referral_date)
    });
}

/// 8555Q: an episode referred after the child's death.
fn referred_after_death(child: &Child, _: &Ctx, out: &mut Vec<Spot>) {
    each_episode(child, out, |e| before(child.death_date, e.referral_date));
}

/// 8585Q: an episode closed with RC2 (died) for a child with no date of death.
fn died_without_death_date(child: &Child, _: &Ctx, out: &mut Vec<Spot>) {
    if child.death_date.is_none() {
        each_episode(child, out, |e| given(&e.reason_for_closure) == Some("RC2"));
    }
}

/// 8600: a referral date missing or after the reference date.
fn referral_missing_or_late(child: &Child, ctx: &Ctx, out: &mut Vec<Spot>) {
    each_episode(child, out, |e| {
        e.referral_date.is_none_or(|r| r > ctx.reference_date)
    });
}

/// 280 days (40 weeks) before `d`.
fn forty_weeks_before(d: Option<NaiveDate>) -> Option<NaiveDate> {
    d.and_then(|d| d.checked_sub_days(Days::new(280)))
}

/// 8606: a referral more than 280 days before the date of birth or the expected one.
fn referral_long_before_birth(child: &Child, _: &Ctx, out: &mut Vec<Spot>) {
    let birth = forty_weeks_before(child.birth_date);
    let expected = forty_weeks_before(child.expected_birth_date);
    each_episode(child, out, |e| {
        before(e.referral_date, birth) || before(e.referral_date, expected)
    });
}

/// 8620: a closure date outside the census year (1 April to the reference date, inclusive).
fn closure_outside_year(child: &Child, ctx: &Ctx, out: &mut Vec<Spot>) {
    each_episode(child, out, |e| {
        outside(e.closure_date, ctx.collection_start, ctx.reference_date)
    });
}

/// 8630: a closure date before the referral date.
fn closure_before_referral(child: &Child, _: &Ctx, out: &mut Vec<Spot>) {
    each_episode(child, out, |e| before(e.closure_date, e.referral_date));
}

const REASONS_FOR_CLOSURE: [&str; 9] = [
    "RC1", "RC2", "RC3", "RC4", "RC5", "RC6", "RC7", "RC8", "RC9",
];

/// 8640: a reason for closure given but not RC1–RC9.
fn closure_reason_invalid(child: &Child, _: &Ctx, out: &mut Vec<Spot>) {
    each_episode(child, out, |e| {
        given(&e.reason_for_closure).is_some_and(|r| !REASONS_FOR_CLOSURE.contains(&r))
    });
}

/// 8805: a closure date without a reason for closure.
fn closure_without_reason(child: &Child, _: &Ctx, out: &mut Vec<Spot>) {
    each_episode(child, out, |e| {
        e.closure_date.is_some() && given(&e.reason_for_closure).is_none()
    });
}

/// 8810: a reason for closure without a closure date.
fn reason_without_closure(child: &Child, _: &Ctx, out: &mut Vec<Spot>) {
    each_episode(child, out, |e| {
        given(&e.reason_for_closure).is_some() && e.closure_date.is_none()
    });
}

const REFERRAL_SOURCES: [&str; 22] = [
    "1A", "1B", "1C", "1D", "2A", "2B", "3A", "3B", "3C", "3D", "3E", "3F", "4", "5A", "5B", "5C",
    "5D", "6", "7", "8", "9", "10",
];

/// 8866: a referral on or after 1 April 2013 with its source missing or not a valid code (a
/// referral with no date is not checked).
fn referral_source_invalid(child: &Child, _: &Ctx, out: &mut Vec<Spot>) {
    let from = NaiveDate::from_ymd_opt(2013, 4, 1).unwrap_or(NaiveDate::MIN);
    each_episode(child, out, |e| {
        e.referral_date.is_some_and(|r| r >= from)
            && !given(&e.referral_source).is_some_and(|s| REFERRAL_SOURCES.contains(&s))
    });
}

// ---------------------------------------------------------------------------------------------
// Primary need and the no-further-action flag

const PRIMARY_NEEDS: [&str; 10] = ["N0", "N1", "N2", "N3", "N4", "N5", "N6", "N7", "N8", "N9"];

/// 8610: an episode going on to further action (`ReferralNFA` 0 or false) with no primary need.
fn primary_need_missing(child: &Child, _: &Ctx, out: &mut Vec<Spot>) {
    each_episode(child, out, |e| {
        flag_false(e.referral_nfa.as_deref()) && given(&e.primary_need).is_none()
    });
}

/// 8650: a primary need code given but not N0–N9.
fn primary_need_invalid(child: &Child, _: &Ctx, out: &mut Vec<Spot>) {
    each_episode(child, out, |e| {
        given(&e.primary_need).is_some_and(|n| !PRIMARY_NEEDS.contains(&n))
    });
}

/// 8568: `ReferralNFA` missing or not 1, 0, true or false (in any case, as the DfE's validator
/// lower-cases it; not trimmed).
fn nfa_flag_invalid(child: &Child, _: &Ctx, out: &mut Vec<Spot>) {
    each_episode(child, out, |e| {
        let flag = e.referral_nfa.as_deref().map(str::to_lowercase);
        !matches!(flag.as_deref(), Some("1" | "0" | "true" | "false"))
    });
}

/// 8569Q: a referral before the collection start "minus one working day" not flagged 0 or false
/// (a missing flag fails too). The DfE's validator subtracts a zero-length business-day offset,
/// which leaves a working day where it is and rolls any other day forward to the next working day:
/// so the cut-off is 1 April itself when that is a working day.
fn old_referral_flagged_nfa(child: &Child, ctx: &Ctx, out: &mut Vec<Spot>) {
    let cutoff = ctx.calendar.add_working_days(ctx.collection_start, 0);
    each_episode(child, out, |e| {
        e.referral_date.is_some_and(|r| r < cutoff) && !flag_false(e.referral_nfa.as_deref())
    });
}

/// 8831: an episode flagged as no further action (1 or true) with activity: its own initial
/// conference date (the episode is named), an assessment with a start or authorisation date, or a
/// section 47 enquiry with a start date (each named).
fn activity_on_nfa(child: &Child, _: &Ctx, out: &mut Vec<Spot>) {
    for (episode, e) in child.episodes.iter().enumerate() {
        if !flag_true(e.referral_nfa.as_deref()) {
            continue;
        }
        if e.date_of_initial_cpc.is_some() {
            out.push(Spot::Episode { episode });
        }
        for (assessment, a) in e.assessments.iter().enumerate() {
            if a.start.is_some() || a.authorisation.is_some() {
                out.push(Spot::Assessment {
                    episode,
                    assessment,
                });
            }
        }
        for (enquiry, s) in e.section47s.iter().enumerate() {
            if s.start.is_some() {
                out.push(Spot::Section47 { episode, enquiry });
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Closed after assessment (RC8, RC9) and activity after closure

/// 2990: an episode closed with RC8 or RC9 that has an initial conference date of its own (the
/// episode is named), CIN plans, section 47 enquiries or child protection plans (each named).
fn activity_after_rc8_rc9(child: &Child, _: &Ctx, out: &mut Vec<Spot>) {
    for (episode, e) in child.episodes.iter().enumerate() {
        if !closed_after_assessment(e) {
            continue;
        }
        if e.date_of_initial_cpc.is_some() {
            out.push(Spot::Episode { episode });
        }
        out.extend((0..e.cin_plans.len()).map(|plan| Spot::CinPlan { episode, plan }));
        out.extend((0..e.section47s.len()).map(|enquiry| Spot::Section47 { episode, enquiry }));
        out.extend((0..e.cp_plans.len()).map(|plan| Spot::CpPlan { episode, plan }));
    }
}

/// 2991Q: section 47 enquiries (each named) on an episode with no assessment.
fn s47_without_assessment(child: &Child, _: &Ctx, out: &mut Vec<Spot>) {
    each_section47(child, out, |e, _| e.assessments.is_empty());
}

/// 8825Q: an episode closed with RC8 or RC9 that has no assessment.
fn rc8_rc9_without_assessment(child: &Child, _: &Ctx, out: &mut Vec<Spot>) {
    each_episode(child, out, |e| {
        closed_after_assessment(e) && e.assessments.is_empty()
    });
}

/// 8565: a closed episode with a date after its closure date: its own initial conference (the
/// episode is named); an assessment's start or authorisation; a section 47 enquiry's start or
/// initial conference; a child protection plan's end; a CIN plan's start or end (each named). The
/// DfE's validator means this but reads a child protection plan table of its own test data instead
/// of the return's, and crashes when its CIN plan and section 47 failures differ in number.
fn activity_after_closure(child: &Child, _: &Ctx, out: &mut Vec<Spot>) {
    for (episode, e) in child.episodes.iter().enumerate() {
        if let Some(closed) = e.closure_date {
            activity_after(episode, e, closed, out);
        }
    }
}

fn activity_after(episode: usize, e: &Episode, closed: NaiveDate, out: &mut Vec<Spot>) {
    let after = |d: Option<NaiveDate>| d.is_some_and(|d| d > closed);
    if after(e.date_of_initial_cpc) {
        out.push(Spot::Episode { episode });
    }
    for (assessment, a) in e.assessments.iter().enumerate() {
        if after(a.start) || after(a.authorisation) {
            out.push(Spot::Assessment {
                episode,
                assessment,
            });
        }
    }
    for (plan, p) in e.cin_plans.iter().enumerate() {
        if after(p.start) || after(p.end) {
            out.push(Spot::CinPlan { episode, plan });
        }
    }
    for (enquiry, s) in e.section47s.iter().enumerate() {
        if after(s.start) || after(s.date_of_initial_cpc) {
            out.push(Spot::Section47 { episode, enquiry });
        }
    }
    for (plan, p) in e.cp_plans.iter().enumerate() {
        if after(p.end) {
            out.push(Spot::CpPlan { episode, plan });
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Open and overlapping episodes

/// 8815: more than one open episode going on to further action (no closure date, `ReferralNFA` 0
/// or false). Every open episode of the child is named, whatever its flag, as the DfE's validator
/// does.
fn several_open_episodes(child: &Child, _: &Ctx, out: &mut Vec<Spot>) {
    let open = child
        .episodes
        .iter()
        .filter(|e| open_further_action(e))
        .count();
    if open > 1 {
        each_episode(child, out, |e| e.closure_date.is_none());
    }
}

/// The episode with the latest referral date (the first of equals), among those with one.
fn latest_referral(child: &Child) -> Option<usize> {
    let mut best: Option<(usize, NaiveDate)> = None;
    for (i, e) in child.episodes.iter().enumerate() {
        if let Some(r) = e.referral_date {
            if best.is_none_or(|(_, b)| r > b) {
                best = Some((i, r));
            }
        }
    }
    best.map(|(i, _)| i)
}

/// 8816: an open episode going on to further action that is not the one with the latest referral
/// date (the first of equal latest dates counts as latest; episodes without a referral date are
/// not considered). The failing episodes and the latest one are named.
fn open_episode_not_latest(child: &Child, _: &Ctx, out: &mut Vec<Spot>) {
    let Some(latest) = latest_referral(child) else {
        return;
    };
    let mut hits: HashSet<usize> = child
        .episodes
        .iter()
        .enumerate()
        .filter(|(i, e)| *i != latest && e.referral_date.is_some() && open_further_action(e))
        .map(|(i, _)| i)
        .collect();
    if !hits.is_empty() {
        hits.insert(latest);
        push_episodes(out, &hits);
    }
}

/// Whether an episode referred on `start` begins while `other` runs: before its closure date, or,
/// with none and `other` going on to further action, before the reference date.
fn runs_on(start: NaiveDate, other: &Episode, ctx: &Ctx) -> bool {
    match other.closure_date {
        Some(closed) => start < closed,
        None => start < ctx.reference_date && flag_false(other.referral_nfa.as_deref()),
    }
}

/// 8820: an episode referred on or after another's referral and while that one runs. Both episodes
/// of every such pair are named (episodes without a referral date are not considered); an episode
/// may start on the day another closes.
fn episodes_overlap(child: &Child, ctx: &Ctx, out: &mut Vec<Spot>) {
    let mut hits = HashSet::new();
    for (i, a) in child.episodes.iter().enumerate() {
        let Some(start) = a.referral_date else {
            continue;
        };
        for (j, b) in child.episodes.iter().enumerate() {
            let later = b.referral_date.is_some_and(|r| start >= r);
            if i != j && later && runs_on(start, b, ctx) {
                hits.insert(i);
                hits.insert(j);
            }
        }
    }
    push_episodes(out, &hits);
}

// ---------------------------------------------------------------------------------------------
// Assessment dates

/// 8608: an assessment authorised before it started.
fn assessment_ends_before_start(child: &Child, _: &Ctx, out: &mut Vec<Spot>) {
    each_assessment(child, out, |_, a| before(a.authorisation, a.start));
}

/// 8670Q: an unauthorised assessment that started before the reference date minus 45 working days,
/// counted as the DfE's validator counts them: its business-day offset of 44 back from the
/// reference date (the reference date is day 1).
fn assessment_open_too_long(child: &Child, ctx: &Ctx, out: &mut Vec<Spot>) {
    let cutoff = ctx.calendar.sub_working_days(ctx.reference_date, 44);
    each_assessment(child, out, |_, a| {
        a.authorisation.is_none() && a.start.is_some_and(|s| s < cutoff)
    });
}

/// 8696: an authorisation date outside the census year.
fn assessment_end_outside_year(child: &Child, ctx: &Ctx, out: &mut Vec<Spot>) {
    each_assessment(child, out, |_, a| {
        outside(a.authorisation, ctx.collection_start, ctx.reference_date)
    });
}

/// 8736: an unauthorised assessment whose start is not within the census year (a missing start
/// fails too).
fn open_assessment_start_outside_year(child: &Child, ctx: &Ctx, out: &mut Vec<Spot>) {
    each_assessment(child, out, |_, a| {
        let within = a
            .start
            .is_some_and(|s| s >= ctx.collection_start && s <= ctx.reference_date);
        a.authorisation.is_none() && !within
    });
}

/// 8867: an unauthorised assessment on a closed episode.
fn closed_with_open_assessment(child: &Child, _: &Ctx, out: &mut Vec<Spot>) {
    each_assessment(child, out, |e, a| {
        e.closure_date.is_some() && a.authorisation.is_none()
    });
}

/// 8896: an episode with two or more unauthorised assessments: all its assessments are named.
fn several_open_assessments(child: &Child, _: &Ctx, out: &mut Vec<Spot>) {
    each_assessment(child, out, |e, _| {
        e.assessments
            .iter()
            .filter(|a| a.authorisation.is_none())
            .count()
            > 1
    });
}

/// Whether an assessment starting on `start` begins while `other` runs: on or before its
/// authorisation, or, with none, on or before the reference date.
fn assessment_runs_on(start: NaiveDate, other: &Assessment, ctx: &Ctx) -> bool {
    start <= other.authorisation.unwrap_or(ctx.reference_date)
}

/// The assessments of one episode that overlap another of the same episode (8863Q).
fn overlapping_assessments(e: &Episode, ctx: &Ctx) -> Vec<usize> {
    let mut hits = HashSet::new();
    for (i, a) in e.assessments.iter().enumerate() {
        let Some(start) = a.start else { continue };
        for (j, b) in e.assessments.iter().enumerate() {
            // An assessment is not compared with itself, nor with one of the same dates.
            let same = a.start == b.start && a.authorisation == b.authorisation;
            let later = b.start.is_some_and(|s| start >= s);
            if !same && later && assessment_runs_on(start, b, ctx) {
                hits.insert(i);
                hits.insert(j);
            }
        }
    }
    let mut sorted: Vec<usize> = hits.into_iter().collect();
    sorted.sort_unstable();
    sorted
}

/// 8863Q: within one episode, an assessment starting on or after another's start and on or before
/// its authorisation (or the reference date when it has none). Both are named; assessments with no
/// start date, or with the same start and authorisation dates, are not compared.
fn assessments_overlap(child: &Child, ctx: &Ctx, out: &mut Vec<Spot>) {
    for (episode, e) in child.episodes.iter().enumerate() {
        out.extend(
            overlapping_assessments(e, ctx)
                .into_iter()
                .map(|assessment| Spot::Assessment {
                    episode,
                    assessment,
                }),
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Assessment factors

const FACTORS: [&str; 44] = [
    "1A", "1B", "1C", "2A", "2B", "2C", "3A", "3B", "3C", "4A", "4B", "4C", "5A", "5B", "5C", "6A",
    "6B", "6C", "7A", "8B", "8C", "8D", "8E", "8F", "9A", "10A", "11A", "12A", "13A", "14A", "15A",
    "16A", "17A", "18A", "18B", "18C", "19A", "19B", "19C", "20", "21", "22A", "23A", "24A",
];

/// 8614: factors recorded on an assessment with no authorisation date. (The DfE's validator
/// crashes whenever this fails; this is its evident intent.)
fn factors_on_open_assessment(child: &Child, _: &Ctx, out: &mut Vec<Spot>) {
    each_assessment(child, out, |_, a| {
        a.authorisation.is_none() && !a.factors.is_empty()
    });
}

/// 8869: factor 21 (no factors identified) with any other code on the same assessment. (The DfE's
/// validator compares the whole list of factors with "21" and so never fires on XML.)
fn factor_21_with_others(child: &Child, _: &Ctx, out: &mut Vec<Spot>) {
    each_assessment(child, out, |_, a| {
        a.factors.iter().any(|f| f == "21") && a.factors.iter().any(|f| f != "21")
    });
}

/// 8873Q: the only assessment of an episode has a factor containing "21" and the episode's reason
/// for closure is not RC8 or RC9 (missing included). As in the DfE's validator, whether the
/// assessment is completed is not checked.
fn factor_21_without_rc8_rc9(child: &Child, _: &Ctx, out: &mut Vec<Spot>) {
    each_assessment(child, out, |e, a| {
        e.assessments.len() == 1
            && a.factors.iter().any(|f| f.contains("21"))
            && !closed_after_assessment(e)
    });
}

/// 8897Q: an assessment authorised on or after the start of the census year with no factors or
/// with a factor that is not a valid code. (The DfE's validator crashes when a failing assessment
/// has factors, i.e. an invalid one; it fires as here when it has none.)
fn completed_assessment_factors_missing(child: &Child, ctx: &Ctx, out: &mut Vec<Spot>) {
    each_assessment(child, out, |_, a| {
        let completed = a.authorisation.is_some_and(|d| d >= ctx.collection_start);
        let invalid = a.factors.iter().any(|f| !FACTORS.contains(&f.as_str()));
        completed && (a.factors.is_empty() || invalid)
    });
}

/// 8898: the same factor code twice on one assessment. (The DfE's validator crashes whenever this
/// fails; this is its evident intent.)
fn factor_repeated(child: &Child, _: &Ctx, out: &mut Vec<Spot>) {
    each_assessment(child, out, |_, a| {
        let mut seen = HashSet::new();
        !a.factors.iter().all(|f| seen.insert(f.as_str()))
    });
}

fn has_factor(a: &Assessment, code: &str) -> bool {
    a.factors.iter().any(|f| f.to_uppercase() == code)
}

/// 8945Q: factor 18A on an assessment (in any case). (The DfE's validator reads the whole list of
/// factors as one string and so never fires on XML.)
fn factor_18a(child: &Child, _: &Ctx, out: &mut Vec<Spot>) {
    each_assessment(child, out, |_, a| has_factor(a, "18A"));
}

/// 8950Q: factor 19A on an assessment (in any case), as 8945Q.
fn factor_19a(child: &Child, _: &Ctx, out: &mut Vec<Spot>) {
    each_assessment(child, out, |_, a| has_factor(a, "19A"));
}

#[cfg(test)]
#[path = "episodes_tests.rs"]
mod tests;
