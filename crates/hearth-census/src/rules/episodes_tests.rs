//! The episode and assessment rules, each on a child that passes and one that fails, in the
//! 2025-26 census year (1 April 2025 to 31 March 2026) unless a test says otherwise.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::NaiveDate;
use hearth_domain::calendar::Calendar;

use super::RULES;
use crate::model::{collection_start, Assessment, Child, CinPlan, CpPlan, Episode, Section47};
use crate::rules::{Check, Ctx, Kind, Spot};

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn dt(s: &str) -> Option<NaiveDate> {
    Some(d(s))
}

fn s(v: &str) -> Option<String> {
    Some(v.to_string())
}

/// Runs one rule on one child in the census year ending on `reference`.
fn spots_in(reference: &str, code: &str, child: &Child) -> Vec<Spot> {
    let rule = RULES.iter().find(|r| r.code == code).expect("rule");
    let calendar = Calendar::england_and_wales();
    let ctx = Ctx {
        reference_date: d(reference),
        collection_start: collection_start(d(reference)),
        calendar: &calendar,
    };
    let Check::Child(check) = &rule.check else {
        panic!("{code} is not a child rule");
    };
    let mut out = Vec::new();
    check(child, &ctx, &mut out);
    out
}

/// Runs one rule on one child in the 2025-26 census year.
fn spots(code: &str, child: &Child) -> Vec<Spot> {
    spots_in("2026-03-31", code, child)
}

fn child(episodes: Vec<Episode>) -> Child {
    Child {
        la_child_id: s("C1"),
        birth_date: dt("2015-01-01"),
        episodes,
        ..Default::default()
    }
}

/// An open episode going on to further action (`ReferralNFA` 0) referred on `referral`, with a
/// valid source and primary need.
fn ep(referral: &str) -> Episode {
    Episode {
        referral_date: dt(referral),
        referral_source: s("1A"),
        primary_need: s("N1"),
        referral_nfa: s("0"),
        ..Default::default()
    }
}

/// An episode referred on `referral` and closed on `closure` for `reason`.
fn closed(referral: &str, closure: &str, reason: &str) -> Episode {
    Episode {
        closure_date: dt(closure),
        reason_for_closure: s(reason),
        ..ep(referral)
    }
}

/// An episode with these assessments.
fn with(mut e: Episode, assessments: Vec<Assessment>) -> Episode {
    e.assessments = assessments;
    e
}

/// An assessment started on `start` and authorised on `auth` (if given), with no factors.
fn ass(start: &str, auth: Option<&str>) -> Assessment {
    Assessment {
        start: dt(start),
        authorisation: auth.map(d),
        ..Default::default()
    }
}

/// A completed assessment (1 May to 1 June 2025) with these factors.
fn factors(codes: &[&str]) -> Assessment {
    Assessment {
        factors: codes.iter().map(|c| c.to_string()).collect(),
        ..ass("2025-05-01", Some("2025-06-01"))
    }
}

fn e(episode: usize) -> Spot {
    Spot::Episode { episode }
}

fn a(episode: usize, assessment: usize) -> Spot {
    Spot::Assessment {
        episode,
        assessment,
    }
}

const NONE: [Spot; 0] = [];

#[test]
fn the_group_has_its_38_rules_once_each_as_child_rules() {
    let mut codes: Vec<&str> = RULES.iter().map(|r| r.code).collect();
    assert_eq!(codes.len(), 38);
    codes.sort_unstable();
    codes.dedup();
    assert_eq!(codes.len(), 38);
    assert!(RULES.iter().all(|r| matches!(r.check, Check::Child(_))));
    let queries = RULES.iter().filter(|r| r.kind == Kind::Query).count();
    assert_eq!(queries, 11);
    let r8898 = RULES.iter().find(|r| r.code == "8898").unwrap();
    assert_eq!(
        r8898.message,
        " The assessment has more than one parental or child factors with the same code"
    );
}

// ---------------------------------------------------------------------------------------------
// Referral and closure

/// 1103 "The assessment start date cannot be before the referral date"
#[test]
fn r1103_assessment_before_referral() {
    let ok = child(vec![with(
        ep("2025-06-01"),
        vec![ass("2025-06-01", None), Assessment::default()],
    )]);
    assert_eq!(spots("1103", &ok), NONE);
    let bad = child(vec![
        ep("2025-06-01"),
        with(
            ep("2025-06-01"),
            vec![ass("2025-06-02", None), ass("2025-05-31", None)],
        ),
    ]);
    assert_eq!(spots("1103", &bad), [a(1, 1)]);
}

/// 1104 "The date of the initial child protection conference cannot be before the referral date"
#[test]
fn r1104_s47_conference_before_referral() {
    let enquiry = |icpc: &str| Section47 {
        date_of_initial_cpc: dt(icpc),
        ..Default::default()
    };
    let mut ok = ep("2025-06-01");
    ok.section47s = vec![enquiry("2025-06-01"), Section47::default()];
    // The episode-level conference date is not this rule's.
    ok.date_of_initial_cpc = dt("2025-05-01");
    assert_eq!(spots("1104", &child(vec![ok])), NONE);
    let mut bad = ep("2025-06-01");
    bad.section47s = vec![enquiry("2025-06-02"), enquiry("2025-05-31")];
    assert_eq!(
        spots("1104", &child(vec![bad])),
        [Spot::Section47 {
            episode: 0,
            enquiry: 1
        }]
    );
}

/// 8555Q "Child cannot be referred after its recorded date of death"
#[test]
fn r8555q_referred_after_death() {
    let mut c = child(vec![ep("2025-06-01"), ep("2025-06-02")]);
    assert_eq!(spots("8555Q", &c), NONE, "no date of death");
    c.death_date = dt("2025-06-02");
    assert_eq!(spots("8555Q", &c), NONE, "referred on the day of death");
    c.death_date = dt("2025-06-01");
    assert_eq!(spots("8555Q", &c), [e(1)]);
}

/// 8585Q "Please check and either amend or provide a reason: CIN episode shows Died as the
/// Closure Reason, however child has no recorded Date of Death"
#[test]
fn r8585q_died_without_death_date() {
    let mut c = child(vec![
        closed("2025-05-01", "2025-06-01", "RC1"),
        closed("2025-07-01", "2025-08-01", "RC2"),
    ]);
    assert_eq!(spots("8585Q", &c), [e(1)]);
    c.death_date = dt("2025-08-01");
    assert_eq!(spots("8585Q", &c), NONE);
}

/// 8600 "Child referral date missing or after data collection period"
#[test]
fn r8600_referral_missing_or_late() {
    let ok = child(vec![ep("2026-03-31"), ep("2020-01-01")]);
    assert_eq!(spots("8600", &ok), NONE);
    let mut missing = ep("2025-06-01");
    missing.referral_date = None;
    let bad = child(vec![ep("2026-04-01"), ep("2025-06-01"), missing]);
    assert_eq!(spots("8600", &bad), [e(0), e(2)]);
}

/// 8606 "Child referral date is more than 40 weeks before DOB or expected DOB"
///
/// Expected birth 7 January 2026: 280 days earlier is 2 April 2025 (7 January 2026 is 371 days
/// after 1 January 2025; 371 − 280 = 91 days after 1 January 2025 = 31 + 28 + 31 = 90 to 1 April,
/// so 2 April).
#[test]
fn r8606_referral_long_before_birth() {
    let mut c = child(vec![ep("2025-04-02"), ep("2025-04-01")]);
    c.birth_date = None;
    c.expected_birth_date = dt("2026-01-07");
    assert_eq!(spots("8606", &c), [e(1)]);
    // With a date of birth of 7 January 2026 instead, the same.
    c.expected_birth_date = None;
    c.birth_date = dt("2026-01-07");
    assert_eq!(spots("8606", &c), [e(1)]);
    c.birth_date = None;
    assert_eq!(spots("8606", &c), NONE, "no date of birth at all");
}

/// 8620 "CIN Closure Date present and does not fall within the Census year"
#[test]
fn r8620_closure_outside_year() {
    let ok = child(vec![
        closed("2025-01-01", "2025-04-01", "RC1"),
        closed("2025-05-01", "2026-03-31", "RC1"),
        ep("2025-01-01"),
    ]);
    assert_eq!(spots("8620", &ok), NONE);
    let bad = child(vec![
        closed("2025-01-01", "2025-03-31", "RC1"),
        closed("2025-05-01", "2026-04-01", "RC1"),
    ]);
    assert_eq!(spots("8620", &bad), [e(0), e(1)]);
}

/// 8630 "CIN Closure Date is before CIN Referral Date for the same CIN episode"
#[test]
fn r8630_closure_before_referral() {
    let mut no_referral = closed("2025-06-01", "2025-05-01", "RC1");
    no_referral.referral_date = None;
    let ok = child(vec![closed("2025-06-01", "2025-06-01", "RC1"), no_referral]);
    assert_eq!(spots("8630", &ok), NONE);
    let bad = child(vec![closed("2025-06-01", "2025-05-31", "RC1")]);
    assert_eq!(spots("8630", &bad), [e(0)]);
}

/// 8640 "CIN Reason for closure code invalid (see Reason for Closure table in CIN Census code
/// set)"
#[test]
fn r8640_closure_reason_invalid() {
    let mut empty = ep("2025-06-01");
    empty.reason_for_closure = s("");
    let ok = child(vec![closed("2025-06-01", "2025-07-01", "RC9"), empty]);
    assert_eq!(spots("8640", &ok), NONE);
    let bad = child(vec![
        closed("2025-06-01", "2025-07-01", "RC10"),
        closed("2025-08-01", "2025-09-01", "rc1"),
    ]);
    assert_eq!(spots("8640", &bad), [e(0), e(1)]);
}

/// 8805 "A CIN case cannot have a CIN closure date without a Reason for Closure"
#[test]
fn r8805_closure_without_reason() {
    let ok = child(vec![
        closed("2025-06-01", "2025-07-01", "RC1"),
        ep("2025-08-01"),
    ]);
    assert_eq!(spots("8805", &ok), NONE);
    let mut bad = closed("2025-06-01", "2025-07-01", "RC1");
    bad.reason_for_closure = None;
    assert_eq!(spots("8805", &child(vec![ep("2025-05-01"), bad])), [e(1)]);
}

/// 8810 "A CIN case cannot have a Reason for Closure without a CIN Closure Date"
#[test]
fn r8810_reason_without_closure() {
    let ok = child(vec![
        closed("2025-06-01", "2025-07-01", "RC1"),
        ep("2025-08-01"),
    ]);
    assert_eq!(spots("8810", &ok), NONE);
    let mut bad = ep("2025-06-01");
    bad.reason_for_closure = s("RC1");
    assert_eq!(spots("8810", &child(vec![bad])), [e(0)]);
}

/// 8866 "Source of Referral is missing or an invalid code"
#[test]
fn r8866_referral_source_invalid() {
    let mut old = ep("2013-03-31");
    old.referral_source = None;
    let ok = child(vec![ep("2025-06-01"), old]);
    assert_eq!(
        spots("8866", &ok),
        NONE,
        "a referral before April 2013 needs none"
    );
    let mut missing = ep("2013-04-01");
    missing.referral_source = None;
    let mut wrong = ep("2025-06-01");
    wrong.referral_source = s("11");
    let bad = child(vec![missing, ep("2025-06-01"), wrong]);
    assert_eq!(spots("8866", &bad), [e(0), e(2)]);
}

// ---------------------------------------------------------------------------------------------
// Primary need and the no-further-action flag

/// 8610 "Primary Need code is missing for a referral which led to further action."
#[test]
fn r8610_primary_need_missing() {
    let mut nfa = ep("2025-06-01");
    nfa.referral_nfa = s("1");
    nfa.primary_need = None;
    let ok = child(vec![ep("2025-05-01"), nfa]);
    assert_eq!(spots("8610", &ok), NONE);
    let mut bad = ep("2025-06-01");
    bad.referral_nfa = s("false");
    bad.primary_need = None;
    assert_eq!(spots("8610", &child(vec![bad])), [e(0)]);
}

/// 8650 "Primary Need Code invalid (see Primary Need table in CIN census code set)"
#[test]
fn r8650_primary_need_invalid() {
    let mut none = ep("2025-06-01");
    none.primary_need = None;
    let ok = child(vec![ep("2025-05-01"), none]);
    assert_eq!(spots("8650", &ok), NONE);
    let mut bad = ep("2025-06-01");
    bad.primary_need = s("N10");
    assert_eq!(spots("8650", &child(vec![ep("2025-05-01"), bad])), [e(1)]);
}

/// 8568 "RNFA flag is missing or invalid"
#[test]
fn r8568_nfa_flag_invalid() {
    let flag = |v: Option<&str>| Episode {
        referral_nfa: v.map(str::to_string),
        ..ep("2025-06-01")
    };
    let ok = child(vec![
        flag(Some("0")),
        flag(Some("1")),
        flag(Some("true")),
        flag(Some("False")),
    ]);
    assert_eq!(spots("8568", &ok), NONE);
    let bad = child(vec![
        flag(None),
        flag(Some("yes")),
        flag(Some("0")),
        flag(Some("")),
    ]);
    assert_eq!(spots("8568", &bad), [e(0), e(1), e(3)]);
}

/// 8569Q "A case with referral date before one working day prior to the collection start date
/// must not be flagged as a no further action case"
///
/// In 2025-26 the collection starts on Tuesday 1 April 2025, a working day, so the cut-off is
/// 1 April 2025 itself: a referral on 31 March 2025 or earlier must be flagged 0 or false.
#[test]
fn r8569q_old_referral_flagged_nfa() {
    let flag = |referral: &str, v: Option<&str>| Episode {
        referral_nfa: v.map(str::to_string),
        ..ep(referral)
    };
    let ok = child(vec![
        flag("2025-03-31", Some("0")),
        flag("2025-04-01", Some("1")),
        flag("2025-04-01", None),
    ]);
    assert_eq!(spots("8569Q", &ok), NONE);
    let bad = child(vec![
        flag("2025-03-31", Some("1")),
        flag("2025-04-01", Some("true")),
        flag("2024-01-01", None),
    ]);
    assert_eq!(spots("8569Q", &bad), [e(0), e(2)]);
}

/// 8569Q "A case with referral date before one working day prior to the collection start date
/// must not be flagged as a no further action case"
///
/// In 2028-29 the collection starts on Saturday 1 April 2028; the DfE's validator rolls that
/// forward to the next working day, Monday 3 April 2028 (Easter 2028 is 16 April, so no bank
/// holiday intervenes). A referral on Sunday 2 April flagged 1 fails; one on 3 April does not.
#[test]
fn r8569q_cut_off_rolls_forward_from_a_weekend() {
    let flag = |referral: &str| Episode {
        referral_nfa: s("1"),
        ..ep(referral)
    };
    let c = child(vec![flag("2028-04-02"), flag("2028-04-03")]);
    assert_eq!(spots_in("2029-03-31", "8569Q", &c), [e(0)]);
}

/// 8831 "Activity is recorded against a case marked as a referral with no further action"
#[test]
fn r8831_activity_on_nfa() {
    let mut quiet = ep("2025-06-01");
    quiet.referral_nfa = s("1");
    quiet.assessments = vec![Assessment::default()];
    quiet.section47s = vec![Section47::default()];
    let mut further = with(ep("2025-06-01"), vec![ass("2025-06-02", None)]);
    further.date_of_initial_cpc = dt("2025-06-03");
    assert_eq!(spots("8831", &child(vec![quiet, further])), NONE);

    let mut bad = with(
        ep("2025-06-01"),
        vec![
            ass("2025-06-02", None),
            Assessment::default(),
            Assessment {
                authorisation: dt("2025-06-05"),
                ..Default::default()
            },
        ],
    );
    bad.referral_nfa = s("true");
    bad.date_of_initial_cpc = dt("2025-06-03");
    bad.section47s = vec![
        Section47::default(),
        Section47 {
            start: dt("2025-06-02"),
            ..Default::default()
        },
    ];
    assert_eq!(
        spots("8831", &child(vec![bad])),
        [
            e(0),
            a(0, 0),
            a(0, 2),
            Spot::Section47 {
                episode: 0,
                enquiry: 1
            }
        ]
    );
}

// ---------------------------------------------------------------------------------------------
// Closed after assessment (RC8, RC9) and activity after closure

/// 2990 "Activity is recorded against a case marked as ‘Case closed after assessment, no further
/// action’ or 'case closed after assessment, referred to early help'."
#[test]
fn r2990_activity_after_rc8_rc9() {
    let assessed = with(
        closed("2025-05-01", "2025-06-01", "RC8"),
        vec![ass("2025-05-02", Some("2025-05-20"))],
    );
    let mut other = closed("2025-07-01", "2025-09-01", "RC1");
    other.cp_plans = vec![CpPlan::default()];
    assert_eq!(spots("2990", &child(vec![assessed.clone(), other])), NONE);

    let mut bad = closed("2025-07-01", "2025-09-01", "RC9");
    bad.date_of_initial_cpc = dt("2025-07-10");
    bad.cin_plans = vec![CinPlan::default()];
    bad.section47s = vec![Section47::default(), Section47::default()];
    bad.cp_plans = vec![CpPlan::default()];
    assert_eq!(
        spots("2990", &child(vec![assessed, bad])),
        [
            e(1),
            Spot::CinPlan {
                episode: 1,
                plan: 0
            },
            Spot::Section47 {
                episode: 1,
                enquiry: 0
            },
            Spot::Section47 {
                episode: 1,
                enquiry: 1
            },
            Spot::CpPlan {
                episode: 1,
                plan: 0
            },
        ]
    );
}

/// 2991Q "Please check and either amend data or provide a reason: A Section 47 module is recorded
/// and there is no assessment on the episode"
#[test]
fn r2991q_s47_without_assessment() {
    let mut ok = with(ep("2025-06-01"), vec![ass("2025-06-01", None)]);
    ok.section47s = vec![Section47::default()];
    let mut bad = ep("2025-07-01");
    bad.section47s = vec![Section47::default(), Section47::default()];
    assert_eq!(
        spots("2991Q", &child(vec![ok, ep("2025-06-15"), bad])),
        [
            Spot::Section47 {
                episode: 2,
                enquiry: 0
            },
            Spot::Section47 {
                episode: 2,
                enquiry: 1
            },
        ]
    );
}

/// 8825Q "Please check and either amend data or provide a reason: Reason for Closure code RC8
/// (case closed after assessment) or RC9 (case closed after assessment, referred to early help)
/// has been returned but there is no assessment present for the episode."
#[test]
fn r8825q_rc8_rc9_without_assessment() {
    let ok = child(vec![
        with(
            closed("2025-05-01", "2025-06-01", "RC8"),
            vec![Assessment::default()],
        ),
        closed("2025-07-01", "2025-08-01", "RC1"),
    ]);
    assert_eq!(spots("8825Q", &ok), NONE);
    let bad = child(vec![
        closed("2025-05-01", "2025-06-01", "RC9"),
        closed("2025-07-01", "2025-08-01", "RC8"),
    ]);
    assert_eq!(spots("8825Q", &bad), [e(0), e(1)]);
}

/// 8565 "Activity shown after a case has been closed"
#[test]
fn r8565_activity_after_closure() {
    let mut ok = with(
        closed("2025-05-01", "2025-06-01", "RC1"),
        vec![ass("2025-05-02", Some("2025-06-01"))],
    );
    ok.date_of_initial_cpc = dt("2025-06-01");
    ok.cp_plans = vec![CpPlan {
        start: dt("2025-05-10"),
        end: dt("2025-06-01"),
        ..Default::default()
    }];
    // An open episode has no closure to be after.
    let mut open = with(ep("2025-07-01"), vec![ass("2025-07-02", None)]);
    open.cp_plans = vec![CpPlan {
        end: dt("2026-01-01"),
        ..Default::default()
    }];
    assert_eq!(spots("8565", &child(vec![ok, open])), NONE);

    let mut bad = with(
        closed("2025-05-01", "2025-06-01", "RC1"),
        vec![
            ass("2025-05-02", Some("2025-06-02")),
            ass("2025-05-02", Some("2025-05-30")),
        ],
    );
    bad.date_of_initial_cpc = dt("2025-06-02");
    bad.cin_plans = vec![CinPlan {
        start: dt("2025-05-20"),
        end: dt("2025-06-02"),
        ..Default::default()
    }];
    bad.section47s = vec![Section47 {
        start: dt("2025-05-10"),
        date_of_initial_cpc: dt("2025-06-05"),
        ..Default::default()
    }];
    bad.cp_plans = vec![
        CpPlan {
            end: dt("2025-06-01"),
            ..Default::default()
        },
        CpPlan {
            end: dt("2025-07-01"),
            ..Default::default()
        },
    ];
    assert_eq!(
        spots("8565", &child(vec![bad])),
        [
            e(0),
            a(0, 0),
            Spot::CinPlan {
                episode: 0,
                plan: 0
            },
            Spot::Section47 {
                episode: 0,
                enquiry: 0
            },
            Spot::CpPlan {
                episode: 0,
                plan: 1
            },
        ]
    );
}

// ---------------------------------------------------------------------------------------------
// Open and overlapping episodes

/// 8815 "More than one open CIN Details episode (a module with no CIN Closure Date) has been
/// provided for this child and case is not a referral with no further action."
#[test]
fn r8815_several_open_episodes() {
    let mut nfa = ep("2025-07-01");
    nfa.referral_nfa = s("1");
    let ok = child(vec![
        closed("2025-04-10", "2025-05-01", "RC1"),
        ep("2025-06-01"),
        nfa.clone(),
    ]);
    assert_eq!(spots("8815", &ok), NONE);
    // Two open episodes going on to further action: every open episode is named, the NFA one too.
    let bad = child(vec![
        ep("2025-05-01"),
        closed("2025-04-10", "2025-05-01", "RC1"),
        nfa,
        ep("2025-08-01"),
    ]);
    assert_eq!(spots("8815", &bad), [e(0), e(2), e(3)]);
}

/// 8816 "An open CIN episode is shown and case is not a referral with no further action, but it
/// is not the latest episode."
#[test]
fn r8816_open_episode_not_latest() {
    let ok = child(vec![
        closed("2025-04-10", "2025-05-01", "RC1"),
        ep("2025-06-01"),
        Episode {
            referral_date: None,
            ..ep("2025-01-01")
        },
    ]);
    assert_eq!(spots("8816", &ok), NONE);
    // The open episode of 1 May is not the latest (1 August); both are named.
    let bad = child(vec![
        ep("2025-05-01"),
        closed("2025-08-01", "2025-09-01", "RC1"),
    ]);
    assert_eq!(spots("8816", &bad), [e(0), e(1)]);
    // Two open episodes referred the same latest day: the first counts as latest.
    let tie = child(vec![ep("2025-06-01"), ep("2025-06-01")]);
    assert_eq!(spots("8816", &tie), [e(0), e(1)]);
}

/// 8820 "The dates on the CIN episodes for this child overlap"
#[test]
fn r8820_episodes_overlap() {
    // One episode may start the day the last closed; an open NFA episode runs nowhere.
    let mut nfa = ep("2025-06-01");
    nfa.referral_nfa = s("1");
    let ok = child(vec![
        closed("2025-04-10", "2025-06-01", "RC1"),
        nfa,
        ep("2025-07-01"),
    ]);
    assert_eq!(spots("8820", &ok), NONE);
    // 1 July falls within 1 June – 1 August; 1 September falls within the open episode of 15 August.
    let bad = child(vec![
        closed("2025-06-01", "2025-08-01", "RC1"),
        closed("2025-07-01", "2025-07-15", "RC1"),
        ep("2025-08-15"),
        closed("2025-09-01", "2025-09-02", "RC1"),
    ]);
    assert_eq!(spots("8820", &bad), [e(0), e(1), e(2), e(3)]);
}

// ---------------------------------------------------------------------------------------------
// Assessment dates

/// 8608 "Assessment Start Date cannot be later than its End Date"
#[test]
fn r8608_assessment_ends_before_start() {
    let ok = child(vec![with(
        ep("2025-05-01"),
        vec![
            ass("2025-05-02", Some("2025-05-02")),
            ass("2025-05-02", None),
        ],
    )]);
    assert_eq!(spots("8608", &ok), NONE);
    let bad = child(vec![with(
        ep("2025-05-01"),
        vec![
            ass("2025-05-02", Some("2025-05-03")),
            ass("2025-05-03", Some("2025-05-02")),
        ],
    )]);
    assert_eq!(spots("8608", &bad), [a(0, 1)]);
}

/// 8670Q "Please check and either amend data or provide a reason: Assessment started more than
/// 45 working days before the end of the census year. However, there is no Assessment end date."
///
/// Counting 45 working days back with Tuesday 31 March 2026 as day 1: 2–31 March are 22 working
/// days (2–27 March four weeks, 20, and 30, 31 March), 2–27 February 20 more (42), then Friday 30
/// (43), Thursday 29 (44) and Wednesday 28 January (45). No bank holiday falls in between (Good
/// Friday is 3 April 2026). So an unfinished assessment started on 27 January 2026 fails and one
/// started on 28 January passes.
#[test]
fn r8670q_assessment_open_too_long() {
    let ok = child(vec![with(
        ep("2025-05-01"),
        vec![
            ass("2026-01-28", None),
            ass("2025-05-02", Some("2025-06-01")),
        ],
    )]);
    assert_eq!(spots("8670Q", &ok), NONE);
    let bad = child(vec![with(
        ep("2025-05-01"),
        vec![ass("2026-01-28", None), ass("2026-01-27", None)],
    )]);
    assert_eq!(spots("8670Q", &bad), [a(0, 1)]);
}

/// 8670Q "Please check and either amend data or provide a reason: Assessment started more than
/// 45 working days before the end of the census year. However, there is no Assessment end date."
///
/// In 2024-25, day 1 is Monday 31 March 2025: 3–31 March are 21 working days, 3–28 February 20
/// more (41), then Friday 31 (42), Thursday 30 (43), Wednesday 29 (44) and Tuesday 28 January
/// (45); no bank holiday between (New Year's Day is earlier, Good Friday 18 April 2025 later).
#[test]
fn r8670q_in_2024_25() {
    let c = child(vec![with(
        ep("2024-12-01"),
        vec![ass("2025-01-28", None), ass("2025-01-27", None)],
    )]);
    assert_eq!(spots_in("2025-03-31", "8670Q", &c), [a(0, 1)]);
}

/// 8696 "Assessment end date must fall within the census year"
#[test]
fn r8696_assessment_end_outside_year() {
    let ok = child(vec![with(
        ep("2025-01-01"),
        vec![
            ass("2025-01-02", Some("2025-04-01")),
            ass("2025-05-01", Some("2026-03-31")),
            ass("2025-05-01", None),
        ],
    )]);
    assert_eq!(spots("8696", &ok), NONE);
    let bad = child(vec![with(
        ep("2025-01-01"),
        vec![
            ass("2025-01-02", Some("2025-03-31")),
            ass("2025-05-01", Some("2026-04-01")),
        ],
    )]);
    assert_eq!(spots("8696", &bad), [a(0, 0), a(0, 1)]);
}

/// 8736 "For an Assessment that has not been completed, the start date must fall within the
/// census year"
#[test]
fn r8736_open_assessment_start_outside_year() {
    let ok = child(vec![with(
        ep("2025-01-01"),
        vec![
            ass("2025-04-01", None),
            ass("2026-03-31", None),
            ass("2025-01-02", Some("2025-04-10")),
        ],
    )]);
    assert_eq!(spots("8736", &ok), NONE);
    let bad = child(vec![with(
        ep("2025-01-01"),
        vec![
            ass("2025-03-31", None),
            ass("2026-04-01", None),
            Assessment::default(),
        ],
    )]);
    assert_eq!(spots("8736", &bad), [a(0, 0), a(0, 1), a(0, 2)]);
}

/// 8867 "CIN episode is shown as closed, however Assessment is not shown as completed"
#[test]
fn r8867_closed_with_open_assessment() {
    let ok = child(vec![
        with(
            closed("2025-05-01", "2025-07-01", "RC1"),
            vec![ass("2025-05-02", Some("2025-06-01"))],
        ),
        with(ep("2025-08-01"), vec![ass("2025-08-02", None)]),
    ]);
    assert_eq!(spots("8867", &ok), NONE);
    let bad = child(vec![with(
        closed("2025-05-01", "2025-07-01", "RC1"),
        vec![
            ass("2025-05-02", Some("2025-06-01")),
            ass("2025-06-02", None),
        ],
    )]);
    assert_eq!(spots("8867", &bad), [a(0, 1)]);
}

/// 8896 "Within one CINDetails group there are 2 or more open Assessments groups"
#[test]
fn r8896_several_open_assessments() {
    let ok = child(vec![
        with(
            ep("2025-05-01"),
            vec![
                ass("2025-05-02", None),
                ass("2025-05-02", Some("2025-06-01")),
            ],
        ),
        with(ep("2025-05-01"), vec![ass("2025-05-03", None)]),
    ]);
    assert_eq!(spots("8896", &ok), NONE);
    // All the episode's assessments are named, the completed one too.
    let bad = child(vec![
        ep("2025-04-10"),
        with(
            ep("2025-05-01"),
            vec![
                ass("2025-05-02", None),
                ass("2025-05-02", Some("2025-06-01")),
                ass("2025-06-02", None),
            ],
        ),
    ]);
    assert_eq!(spots("8896", &bad), [a(1, 0), a(1, 1), a(1, 2)]);
}

/// 8863Q "An Assessment is shown as starting when there is another Assessment ongoing."
#[test]
fn r8863q_assessments_overlap() {
    // One after another, on different episodes, undated, or exact duplicates: not compared.
    let ok = child(vec![
        with(
            ep("2025-05-01"),
            vec![
                ass("2025-05-02", Some("2025-06-01")),
                ass("2025-06-02", Some("2025-07-01")),
                Assessment::default(),
            ],
        ),
        with(
            ep("2025-05-01"),
            vec![
                ass("2025-05-10", Some("2025-05-20")),
                ass("2025-05-10", Some("2025-05-20")),
            ],
        ),
    ]);
    assert_eq!(spots("8863Q", &ok), NONE);
    // Starting on the day another is authorised overlaps (on or between); so does starting after
    // an unfinished one started.
    let bad = child(vec![
        with(
            ep("2025-05-01"),
            vec![
                ass("2025-06-01", Some("2025-07-01")),
                ass("2025-05-02", Some("2025-06-01")),
            ],
        ),
        with(
            ep("2025-05-01"),
            vec![
                ass("2025-05-10", Some("2025-05-20")),
                ass("2025-05-05", None),
                ass("2025-04-01", Some("2025-04-10")),
            ],
        ),
    ]);
    assert_eq!(spots("8863Q", &bad), [a(0, 0), a(0, 1), a(1, 0), a(1, 1)]);
}

// ---------------------------------------------------------------------------------------------
// Assessment factors

/// 8614 "Parental or child factors at assessment should only be present for a completed
/// assessment."
#[test]
fn r8614_factors_on_open_assessment() {
    let ok = child(vec![with(
        ep("2025-05-01"),
        vec![factors(&["1A"]), ass("2025-05-02", None)],
    )]);
    assert_eq!(spots("8614", &ok), NONE);
    let open = Assessment {
        authorisation: None,
        ..factors(&["2B"])
    };
    let bad = child(vec![with(ep("2025-05-01"), vec![factors(&["1A"]), open])]);
    assert_eq!(spots("8614", &bad), [a(0, 1)]);
}

/// 8869 "The assessment factors code “21” cannot be used in conjunction with any other assessment
/// factors."
#[test]
fn r8869_factor_21_with_others() {
    let ok = child(vec![with(
        ep("2025-05-01"),
        vec![
            factors(&["21"]),
            factors(&["1A", "2B"]),
            factors(&["21", "21"]),
        ],
    )]);
    assert_eq!(spots("8869", &ok), NONE);
    let bad = child(vec![with(
        ep("2025-05-01"),
        vec![factors(&["21"]), factors(&["1A", "21"])],
    )]);
    assert_eq!(spots("8869", &bad), [a(0, 1)]);
}

/// 8873Q "Please check and either amend data or provide a reason: When there is only one
/// assessment on the episode and the factors code “21 No factors identified” has been used for
/// the completed assessment, the reason for closure ‘RC8’ or 'RC9' should be used."
#[test]
fn r8873q_factor_21_without_rc8_rc9() {
    let ok = child(vec![
        with(
            closed("2025-05-01", "2025-07-01", "RC8"),
            vec![factors(&["21"])],
        ),
        // Two assessments on the episode: not checked.
        with(ep("2025-08-01"), vec![factors(&["21"]), factors(&["1A"])]),
        with(ep("2025-09-01"), vec![factors(&["1A"])]),
    ]);
    assert_eq!(spots("8873Q", &ok), NONE);
    let bad = child(vec![
        with(
            closed("2025-05-01", "2025-07-01", "RC1"),
            vec![factors(&["21"])],
        ),
        with(ep("2025-08-01"), vec![factors(&["1A", "21"])]),
    ]);
    assert_eq!(spots("8873Q", &bad), [a(0, 0), a(1, 0)]);
}

/// 8897Q "Parental or child factors at assessment information is missing from a completed
/// assessment"
#[test]
fn r8897q_completed_assessment_factors_missing() {
    let ok = child(vec![with(
        ep("2025-01-01"),
        vec![
            factors(&["1A", "24A"]),
            // Authorised before the census year, or not at all: not checked.
            ass("2025-01-02", Some("2025-03-31")),
            ass("2025-05-02", None),
        ],
    )]);
    assert_eq!(spots("8897Q", &ok), NONE);
    let bad = child(vec![with(
        ep("2025-01-01"),
        vec![
            ass("2025-01-02", Some("2025-04-01")),
            factors(&["1A", "25A"]),
            factors(&["1A"]),
        ],
    )]);
    assert_eq!(spots("8897Q", &bad), [a(0, 0), a(0, 1)]);
}

/// 8898 " The assessment has more than one parental or child factors with the same code"
#[test]
fn r8898_factor_repeated() {
    let ok = child(vec![
        with(ep("2025-05-01"), vec![factors(&["1A", "2B"])]),
        with(ep("2025-06-01"), vec![factors(&["1A", "2B"])]),
    ]);
    assert_eq!(spots("8898", &ok), NONE);
    let bad = child(vec![with(
        ep("2025-05-01"),
        vec![factors(&["1A", "2B"]), factors(&["3A", "1A", "3A"])],
    )]);
    assert_eq!(spots("8898", &bad), [a(0, 1)]);
}

/// 8945Q "Please check and either amend data or provide a reason: the assessment factors code
/// '18A' should not be used ('18B' or '18C' should be used instead)"
#[test]
fn r8945q_factor_18a() {
    let ok = child(vec![with(ep("2025-05-01"), vec![factors(&["18B", "18C"])])]);
    assert_eq!(spots("8945Q", &ok), NONE);
    let bad = child(vec![with(
        ep("2025-05-01"),
        vec![
            factors(&["1A", "18A"]),
            factors(&["18a"]),
            factors(&["19A"]),
        ],
    )]);
    assert_eq!(spots("8945Q", &bad), [a(0, 0), a(0, 1)]);
}

/// 8950Q "Please check and either amend data or provide a reason: the assessment factors code
/// '19A' should not be used ('19B' or '19C' should be used instead)"
#[test]
fn r8950q_factor_19a() {
    let ok = child(vec![with(ep("2025-05-01"), vec![factors(&["19B", "18A"])])]);
    assert_eq!(spots("8950Q", &ok), NONE);
    let bad = child(vec![with(
        ep("2025-05-01"),
        vec![factors(&["19C"]), factors(&["19A", "19B"])],
    )]);
    assert_eq!(spots("8950Q", &bad), [a(0, 1)]);
}
