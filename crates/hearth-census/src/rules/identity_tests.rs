//! Tests of the identity rules: each builds children in Rust and asserts the exact spots (or
//! whole-return hits) found. The census year is 1 April 2025 to 31 March 2026 throughout.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::OnceLock;

use chrono::NaiveDate;
use hearth_domain::calendar::Calendar;

use super::RULES;
use crate::model::{Child, CpPlan, Episode, Header, Section47};
use crate::rules::{Check, Ctx, ReturnHit, Spot};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// The calendar, built once for all the tests (it takes a while in a debug build).
fn calendar() -> &'static Calendar {
    static CALENDAR: OnceLock<Calendar> = OnceLock::new();
    CALENDAR.get_or_init(Calendar::england_and_wales)
}

fn with_ctx<R>(f: impl FnOnce(&Ctx) -> R) -> R {
    let ctx = Ctx {
        reference_date: d(2026, 3, 31),
        collection_start: d(2025, 4, 1),
        calendar: calendar(),
    };
    f(&ctx)
}

fn check(code: &str) -> &'static Check {
    &RULES
        .iter()
        .find(|r| r.code == code)
        .unwrap_or_else(|| panic!("no rule {code}"))
        .check
}

/// The spots a child rule finds on one child.
fn spots(code: &str, child: &Child) -> Vec<Spot> {
    let Check::Child(f) = check(code) else {
        panic!("{code} is not a child rule")
    };
    let mut out = Vec::new();
    with_ctx(|ctx| f(child, ctx, &mut out));
    out
}

/// The hits a whole-return rule finds on some children.
fn hits(code: &str, children: &[Child]) -> Vec<ReturnHit> {
    let Check::Return(make) = check(code) else {
        panic!("{code} is not a whole-return rule")
    };
    let mut rule = make();
    with_ctx(|ctx| {
        for c in children {
            rule.child(c, ctx);
        }
        rule.finish(ctx)
    })
}

fn header_fails(code: &str, header: &Header) -> bool {
    let Check::Header(f) = check(code) else {
        panic!("{code} is not a header rule")
    };
    with_ctx(|ctx| f(header, ctx))
}

fn s(v: &str) -> Option<String> {
    Some(v.to_owned())
}

/// An episode going on to further action (`ReferralNFA` 0).
fn episode() -> Episode {
    Episode {
        referral_date: Some(d(2025, 6, 2)),
        referral_nfa: s("0"),
        ..Episode::default()
    }
}

/// A child who passes every rule of the group: born 1 June 2015, a valid UPN, one episode.
fn child(id: &str) -> Child {
    Child {
        la_child_id: s(id),
        upn: s(VALID_UPN),
        birth_date: Some(d(2015, 6, 1)),
        sex: s("M"),
        has_characteristics: true,
        ethnicity: s("WBRI"),
        disabilities: vec!["NONE".to_owned()],
        episodes: vec![episode()],
        ..Child::default()
    }
}

fn with_upn(upn: &str) -> Child {
    Child {
        upn: s(upn),
        ..child("c1")
    }
}

fn la_hit() -> Vec<ReturnHit> {
    vec![ReturnHit {
        child: None,
        spot: Spot::Return,
    }]
}

fn child_hit(id: Option<&str>) -> ReturnHit {
    ReturnHit {
        child: id.map(str::to_owned),
        spot: Spot::Child,
    }
}

/// A UPN with the right check letter. Digits 2-13 are 2,0,1,1,2,3,4,5,6,7,8,9; times weights 2-13
/// they give 4+0+4+5+12+21+32+45+60+77+96+117 = 473; 473 = 20 x 23 + 13, and remainder 13 is P.
const VALID_UPN: &str = "P201123456789";

#[test]
fn every_rule_of_the_group_once() {
    let codes: Vec<&str> = RULES.iter().map(|r| r.code).collect();
    let expected = [
        "100", "1510", "1520", "1530", "1540", "1550", "1560Q", "1570", "1580", "2883", "2886Q",
        "2887Q", "2888Q", "4180", "4220", "8500", "8510", "8520", "8525Q", "8530Q", "8535Q",
        "8540", "8545Q", "8590", "8750", "8770Q", "8772", "8775Q", "8790", "8794",
    ];
    assert_eq!(codes, expected);
    for r in RULES {
        let is_query = r.code.ends_with('Q');
        assert_eq!(r.kind == crate::rules::Kind::Query, is_query, "{}", r.code);
    }
}

#[test]
fn the_baseline_child_passes_every_child_rule() {
    let c = child("c1");
    for r in RULES {
        if let Check::Child(_) = r.check {
            assert_eq!(spots(r.code, &c), vec![], "{}", r.code);
        }
    }
}

/// 100 "Reference Date is incorrect": 31 March of the header's Year.
#[test]
fn rule_100_reference_date() {
    let good = Header {
        year: s("2026"),
        reference_date: Some(d(2026, 3, 31)),
        ..Header::default()
    };
    assert!(!header_fails("100", &good));
    let wrong_day = Header {
        reference_date: Some(d(2025, 3, 31)),
        ..good.clone()
    };
    assert!(header_fails("100", &wrong_day));
    let missing = Header {
        reference_date: None,
        ..good.clone()
    };
    assert!(header_fails("100", &missing));
    let no_year = Header { year: None, ..good };
    assert!(header_fails("100", &no_year));
}

/// 1510 "UPN invalid (wrong check letter at character 1)".
#[test]
fn rule_1510_check_letter() {
    assert_eq!(spots("1510", &with_upn(VALID_UPN)), vec![]);
    // The same digits with check letter A instead of P.
    assert_eq!(spots("1510", &with_upn("A201123456789")), vec![Spot::Child]);
    // Not all digits after the first character, or not 13 characters: not this rule's business.
    assert_eq!(spots("1510", &with_upn("A20112345678A")), vec![]);
    assert_eq!(spots("1510", &with_upn("A20112345678")), vec![]);
    // The public validator's own samples. A950000178301: digits 9,5,0,0,0,0,1,7,8,3,0,1 times
    // 2-13 give 18+15+0+0+0+0+8+63+80+33+0+13 = 230 = 10 x 23, remainder 0, letter A: right.
    assert_eq!(spots("1510", &with_upn("A950000178301")), vec![]);
    // R247962919251 is its failing sample.
    assert_eq!(spots("1510", &with_upn("R247962919251")), vec![Spot::Child]);
}

/// 1520 "More than one record with the same UPN.": every child sharing a UPN is named.
#[test]
fn rule_1520_duplicate_upn() {
    let a = child("a");
    let b = child("b");
    let c = Child {
        upn: s("A201123456780"),
        ..child("c")
    };
    let no_upn = Child {
        upn: None,
        ..child("d")
    };
    let found = hits("1520", &[a, b, c, no_upn.clone(), no_upn]);
    assert_eq!(found, vec![child_hit(Some("a")), child_hit(Some("b"))]);
    assert_eq!(hits("1520", &[child("a")]), vec![]);
}

/// 1530 "UPN invalid (characters 2-4 not a recognised LA code)".
#[test]
fn rule_1530_la_code() {
    assert_eq!(spots("1530", &with_upn("P201123456789")), vec![]);
    assert_eq!(spots("1530", &with_upn("P003123456789")), vec![]);
    assert_eq!(spots("1530", &with_upn("P943123456789")), vec![]);
    assert_eq!(spots("1530", &with_upn("R421962919251")), vec![Spot::Child]);
    assert_eq!(spots("1530", &with_upn("X817558133462")), vec![Spot::Child]);
    assert_eq!(spots("1530", &with_upn("P0A1123456789")), vec![Spot::Child]);
    // 12 characters: not checked.
    assert_eq!(spots("1530", &with_upn("A38100178301")), vec![]);
}

/// 1540 "UPN invalid (characters 5-12 not all numeric)".
#[test]
fn rule_1540_middle_numeric() {
    assert_eq!(spots("1540", &with_upn(VALID_UPN)), vec![]);
    assert_eq!(spots("1540", &with_upn("X0000y0000000")), vec![Spot::Child]);
    // Too short to have characters 5-12 at all.
    assert_eq!(spots("1540", &with_upn("R34")), vec![Spot::Child]);
    assert_eq!(
        spots(
            "1540",
            &Child {
                upn: None,
                ..child("c1")
            }
        ),
        vec![]
    );
}

/// 1550 "UPN invalid (character 13 not a recognised value)".
#[test]
fn rule_1550_last_character() {
    assert_eq!(spots("1550", &with_upn("123456789123A")), vec![]);
    assert_eq!(spots("1550", &with_upn("1234567891234")), vec![]);
    assert_eq!(spots("1550", &with_upn("123456789123I")), vec![Spot::Child]);
    assert_eq!(spots("1550", &with_upn("123456789123O")), vec![Spot::Child]);
    assert_eq!(spots("1550", &with_upn("123456789123a")), vec![Spot::Child]);
}

/// 1560Q "Please check and either amend or provide a reason: Former UPN wrongly formatted".
#[test]
fn rule_1560q_former_upn() {
    let former = |f: &str| Child {
        former_upn: s(f),
        ..child("c1")
    };
    assert_eq!(spots("1560Q", &child("c1")), vec![]);
    assert_eq!(spots("1560Q", &former("X987654321231")), vec![]);
    assert_eq!(spots("1560Q", &former("X0000y0000007")), vec![Spot::Child]);
    assert_eq!(spots("1560Q", &former("X98721238")), vec![Spot::Child]);
    assert_eq!(spots("1560Q", &former("1987654321231")), vec![Spot::Child]);
}

/// 1570 "LA Child ID must not be longer than 20 characters".
#[test]
fn rule_1570_child_id_length() {
    assert_eq!(spots("1570", &child("XXXXXXXXXXXXXXXXXXXX")), vec![]);
    assert_eq!(
        spots("1570", &child("XXXXXXXXXXXXXXXXXXXXX")),
        vec![Spot::Child]
    );
}

/// 1580 "LA Child ID must not contain any non-alphanumeric characters".
#[test]
fn rule_1580_child_id_alphanumeric() {
    assert_eq!(spots("1580", &child("Abc123")), vec![]);
    assert_eq!(spots("1580", &child("Abc-123")), vec![Spot::Child]);
    assert_eq!(spots("1580", &child("Abc 123")), vec![Spot::Child]);
    assert_eq!(spots("1580", &Child::default()), vec![]);
}

fn plan(start: NaiveDate) -> CpPlan {
    CpPlan {
        start: Some(start),
        ..CpPlan::default()
    }
}

fn enquiry(conference: NaiveDate) -> Section47 {
    Section47 {
        date_of_initial_cpc: Some(conference),
        ..Section47::default()
    }
}

/// 2883 "There are more child protection plans starting than initial conferences taking place":
/// counted across the whole return, within 1 April 2025 to 31 March 2026.
#[test]
fn rule_2883_plans_and_conferences() {
    let mut a = child("a");
    a.episodes[0].cp_plans = vec![
        plan(d(2025, 5, 1)),
        plan(d(2025, 6, 1)),
        plan(d(2024, 6, 1)),
    ];
    a.episodes[0].section47s = vec![enquiry(d(2025, 5, 1))];
    let mut b = child("b");
    b.episodes[0].date_of_initial_cpc = Some(d(2025, 6, 1));
    // Two plans in the year, two conferences (one on the episode, one on the enquiry): passes.
    assert_eq!(hits("2883", &[a.clone(), b.clone()]), vec![]);
    // A conference outside the year does not count: two plans, one conference.
    b.episodes[0].date_of_initial_cpc = Some(d(2026, 4, 1));
    assert_eq!(hits("2883", &[a, b]), la_hit());
}

/// 2886Q "Please check and either amend or provide a reason: Percentage of children with no sex
/// recorded is more than 2% (excluding unborns)".
#[test]
fn rule_2886q_sex_not_recorded() {
    let mut children: Vec<Child> = (0..50).map(|i| child(&format!("c{i}"))).collect();
    children[0].sex = s("U");
    // 1 of 50 is exactly 2%: not more.
    assert_eq!(hits("2886Q", &children), vec![]);
    // An unborn child (expected date of birth) with sex U is excluded.
    children[1].sex = s("U");
    children[1].birth_date = None;
    children[1].expected_birth_date = Some(d(2026, 5, 1));
    assert_eq!(hits("2886Q", &children), vec![]);
    // 2 of 50 is 4%.
    children[2].sex = None;
    assert_eq!(hits("2886Q", &children), la_hit());
    assert_eq!(hits("2886Q", &[]), vec![]);
}

fn with_disabilities(id: &str, codes: &[&str]) -> Child {
    Child {
        disabilities: codes.iter().map(|c| (*c).to_owned()).collect(),
        ..child(id)
    }
}

/// 2887Q "Please check and either amend or provide a reason: Less than 8 disability codes have
/// been used in your return": distinct codes, NONE apart.
#[test]
fn rule_2887q_disability_codes_used() {
    let seven = [
        with_disabilities("a", &["MOB", "HAND", "PC"]),
        with_disabilities("b", &["INC", "COMM", "LD", "MOB"]),
        with_disabilities("c", &["HEAR", "NONE"]),
    ];
    assert_eq!(hits("2887Q", &seven), la_hit());
    let mut eight = seven.to_vec();
    eight.push(with_disabilities("d", &["VIS"]));
    assert_eq!(hits("2887Q", &eight), vec![]);
}

/// 2888Q "Please check and either amend or provide a reason: Only one disability code is recorded
/// per child and multiple disabilities should be recorded where possible.".
#[test]
fn rule_2888q_one_disability_each() {
    let singles = [
        with_disabilities("a", &["MOB"]),
        with_disabilities("b", &["NONE", "NONE"]),
        with_disabilities("c", &["LD"]),
    ];
    assert_eq!(hits("2888Q", &singles), la_hit());
    let mut with_two = singles.to_vec();
    with_two.push(with_disabilities("d", &["LD", "VIS"]));
    assert_eq!(hits("2888Q", &with_two), vec![]);
    // Nobody with a disability other than NONE: nothing to judge.
    assert_eq!(hits("2888Q", &[with_disabilities("a", &["NONE"])]), vec![]);
}

/// 4180 "Sex must be provided and equal M, F, or U".
#[test]
fn rule_4180_sex() {
    for ok in ["M", "F", "U"] {
        let c = Child {
            sex: s(ok),
            ..child("c1")
        };
        assert_eq!(spots("4180", &c), vec![]);
    }
    for bad in [None, s("1"), s("Male"), s("m")] {
        let c = Child {
            sex: bad,
            ..child("c1")
        };
        assert_eq!(spots("4180", &c), vec![Spot::Child]);
    }
}

/// 4220 "Ethnicity is missing or invalid (see Ethnicity table)".
#[test]
fn rule_4220_ethnicity() {
    assert_eq!(spots("4220", &child("c1")), vec![]);
    for bad in [None, s("ABAB"), s("wbri")] {
        let c = Child {
            ethnicity: bad,
            ..child("c1")
        };
        assert_eq!(spots("4220", &c), vec![Spot::Child]);
    }
}

/// 8500 "LA Child ID missing".
#[test]
fn rule_8500_child_id_missing() {
    assert_eq!(spots("8500", &child("c1")), vec![]);
    let c = Child {
        la_child_id: None,
        ..child("c1")
    };
    assert_eq!(spots("8500", &c), vec![Spot::Child]);
}

/// 8510 "More than one child record with the same LA Child ID": every record sharing an id is
/// named; records without an id count as sharing one.
#[test]
fn rule_8510_duplicate_child_id() {
    let no_id = Child {
        la_child_id: None,
        ..child("x")
    };
    let found = hits(
        "8510",
        &[child("a"), child("b"), child("a"), no_id.clone(), no_id],
    );
    assert_eq!(
        found,
        vec![
            child_hit(Some("a")),
            child_hit(Some("a")),
            child_hit(None),
            child_hit(None)
        ]
    );
    assert_eq!(hits("8510", &[child("a"), child("b")]), vec![]);
}

/// 8520 "Date of Birth is after data collection period (must be on or before the end of the
/// census period)".
#[test]
fn rule_8520_born_after_census() {
    let born = |b: NaiveDate| Child {
        birth_date: Some(b),
        ..child("c1")
    };
    assert_eq!(spots("8520", &born(d(2026, 3, 31))), vec![]);
    assert_eq!(spots("8520", &born(d(2026, 4, 1))), vec![Spot::Child]);
}

/// 8525Q "Either Date of Birth or Expected Date of Birth must be provided (but not both)".
#[test]
fn rule_8525q_one_birth_date() {
    let dates = |b: Option<NaiveDate>, e: Option<NaiveDate>| Child {
        birth_date: b,
        expected_birth_date: e,
        ..child("c1")
    };
    let day = Some(d(2025, 6, 1));
    assert_eq!(spots("8525Q", &dates(day, None)), vec![]);
    assert_eq!(spots("8525Q", &dates(None, day)), vec![]);
    assert_eq!(spots("8525Q", &dates(day, day)), vec![Spot::Child]);
    assert_eq!(spots("8525Q", &dates(None, None)), vec![Spot::Child]);
}

/// 8530Q "Please check and either amend data or provide a reason: Expected Date of Birth is
/// outside the expected range for this census (March to December of the Census Year end)".
/// 31 March 2026 less 30 days is 1 March 2026; plus 9 months is 31 December 2026; the expected
/// date must lie strictly between them.
#[test]
fn rule_8530q_expected_birth_range() {
    let expected = |e: NaiveDate| Child {
        birth_date: None,
        expected_birth_date: Some(e),
        ..child("c1")
    };
    assert_eq!(spots("8530Q", &expected(d(2026, 3, 2))), vec![]);
    assert_eq!(spots("8530Q", &expected(d(2026, 12, 30))), vec![]);
    assert_eq!(spots("8530Q", &expected(d(2026, 3, 1))), vec![Spot::Child]);
    assert_eq!(
        spots("8530Q", &expected(d(2026, 12, 31))),
        vec![Spot::Child]
    );
    assert_eq!(spots("8530Q", &child("c1")), vec![]);
}

/// 8535Q "Please check and either amend data or provide a reason: Child’s date of death should
/// not be prior to the date of birth".
#[test]
fn rule_8535q_death_before_birth() {
    let died = |b: Option<NaiveDate>, death: NaiveDate| Child {
        birth_date: b,
        death_date: Some(death),
        ..child("c1")
    };
    assert_eq!(
        spots("8535Q", &died(Some(d(2015, 6, 1)), d(2015, 6, 1))),
        vec![]
    );
    assert_eq!(
        spots("8535Q", &died(Some(d(2015, 6, 1)), d(2015, 5, 31))),
        vec![Spot::Child]
    );
    assert_eq!(
        spots("8535Q", &died(None, d(2025, 5, 31))),
        vec![Spot::Child]
    );
    assert_eq!(spots("8535Q", &child("c1")), vec![]);
}

/// 8540 "Child’s disability is missing or invalid (see Disability table)": when the child has a
/// date of birth and an episode going on to further action; the child and that episode are
/// named.
#[test]
fn rule_8540_disability_missing_or_invalid() {
    assert_eq!(
        spots("8540", &with_disabilities("c1", &["MOB", "LD"])),
        vec![]
    );
    let none = with_disabilities("c1", &[]);
    assert_eq!(
        spots("8540", &none),
        vec![Spot::Child, Spot::Episode { episode: 0 }]
    );
    let mut invalid = with_disabilities("c1", &["MOB", "notreal"]);
    let mut nfa = episode();
    nfa.referral_nfa = s("1");
    invalid.episodes.insert(0, nfa);
    assert_eq!(
        spots("8540", &invalid),
        vec![Spot::Child, Spot::Episode { episode: 1 }]
    );
    // Every episode a referral with no further action: not checked.
    invalid.episodes.remove(1);
    assert_eq!(spots("8540", &invalid), vec![]);
    // Unborn: not checked.
    let unborn = Child {
        birth_date: None,
        ..with_disabilities("c1", &[])
    };
    assert_eq!(spots("8540", &unborn), vec![]);
}

/// 8545Q "Please check and either amend data or provide a reason: Child's date of death should be
/// within the census year".
#[test]
fn rule_8545q_death_in_census() {
    let died = |death: NaiveDate| Child {
        death_date: Some(death),
        ..child("c1")
    };
    assert_eq!(spots("8545Q", &died(d(2025, 4, 1))), vec![]);
    assert_eq!(spots("8545Q", &died(d(2026, 3, 31))), vec![]);
    assert_eq!(spots("8545Q", &died(d(2025, 3, 31))), vec![Spot::Child]);
    assert_eq!(spots("8545Q", &died(d(2026, 4, 1))), vec![Spot::Child]);
}

/// 8590 "Child does not have a recorded CIN episode.".
#[test]
fn rule_8590_no_episode() {
    assert_eq!(spots("8590", &child("c1")), vec![]);
    let c = Child {
        episodes: vec![],
        ..child("c1")
    };
    assert_eq!(spots("8590", &c), vec![Spot::Child]);
}

/// 8750 "Sex must equal U for an unborn child".
#[test]
fn rule_8750_unborn_sex() {
    let unborn = |sex: Option<String>| Child {
        birth_date: None,
        expected_birth_date: Some(d(2026, 5, 1)),
        sex,
        ..child("c1")
    };
    assert_eq!(spots("8750", &unborn(s("U"))), vec![]);
    assert_eq!(spots("8750", &unborn(s("F"))), vec![Spot::Child]);
    assert_eq!(spots("8750", &unborn(None)), vec![Spot::Child]);
    assert_eq!(spots("8750", &child("c1")), vec![]);
}

/// 8770Q "Please check and either amend data or provide a reason: UPN is missing or reason UPN is
/// missing or is UN1 for a child who is of school age.". School age: born on or before 31 March
/// 2026 + 4 months (31 July 2026) + 31 days (31 August 2026) - 6 years = 31 August 2020.
#[test]
fn rule_8770q_school_age_upn() {
    let no_upn = |birth: NaiveDate, reason: Option<&str>| Child {
        upn: None,
        upn_unknown: reason.map(str::to_owned),
        birth_date: Some(birth),
        ..child("c1")
    };
    let school = d(2020, 8, 31);
    assert_eq!(spots("8770Q", &no_upn(school, None)), vec![Spot::Child]);
    assert_eq!(
        spots("8770Q", &no_upn(school, Some("UN1"))),
        vec![Spot::Child]
    );
    assert_eq!(spots("8770Q", &no_upn(school, Some("UN2"))), vec![]);
    assert_eq!(spots("8770Q", &no_upn(school, Some("un5"))), vec![]);
    assert_eq!(spots("8770Q", &no_upn(d(2020, 9, 1), None)), vec![]);
    assert_eq!(spots("8770Q", &child("c1")), vec![]);
    // Every episode a referral with no further action: not checked.
    let mut nfa = no_upn(school, None);
    nfa.episodes[0].referral_nfa = s("1");
    assert_eq!(spots("8770Q", &nfa), vec![]);
    nfa.episodes[0].referral_nfa = s("FALSE");
    assert_eq!(spots("8770Q", &nfa), vec![Spot::Child]);
}

/// 8772 "UPN unknown reason is UN7 (Referral with no further action) but at least one CIN details
/// is a referral going on to further action".
#[test]
fn rule_8772_un7_further_action() {
    let mut c = Child {
        upn: None,
        upn_unknown: s("UN7"),
        ..child("c1")
    };
    c.episodes[0].referral_nfa = s("1");
    c.episodes.push(Episode {
        referral_nfa: s("True"),
        ..episode()
    });
    assert_eq!(spots("8772", &c), vec![]);
    c.episodes.push(Episode {
        referral_nfa: None,
        ..episode()
    });
    c.episodes.push(episode());
    assert_eq!(
        spots("8772", &c),
        vec![
            Spot::Child,
            Spot::Episode { episode: 2 },
            Spot::Episode { episode: 3 }
        ]
    );
    c.upn_unknown = s("UN6");
    assert_eq!(spots("8772", &c), vec![]);
}

/// 8775Q "Please check and either amend data or provide a reason: Child is over 25 years old".
/// Over 25: born before 31 March 2026 - 25 years = 31 March 2001. Born 30 March 2001, the 25th
/// birthday is 30 March 2026: an episode closed after it, or open, fails.
#[test]
fn rule_8775q_over_25() {
    let closed = |c: Option<NaiveDate>| Episode {
        closure_date: c,
        ..episode()
    };
    let c = Child {
        birth_date: Some(d(2001, 3, 30)),
        episodes: vec![
            closed(Some(d(2026, 3, 30))),
            closed(Some(d(2026, 3, 31))),
            closed(None),
        ],
        ..child("c1")
    };
    assert_eq!(
        spots("8775Q", &c),
        vec![
            Spot::Child,
            Spot::Episode { episode: 1 },
            Spot::Episode { episode: 2 }
        ]
    );
    let younger = Child {
        birth_date: Some(d(2001, 3, 31)),
        ..c
    };
    assert_eq!(spots("8775Q", &younger), vec![]);
}

/// 8790 "Disability information includes both None and other values".
#[test]
fn rule_8790_none_and_others() {
    assert_eq!(spots("8790", &with_disabilities("c1", &["NONE"])), vec![]);
    assert_eq!(
        spots("8790", &with_disabilities("c1", &["MOB", "LD"])),
        vec![]
    );
    assert_eq!(
        spots("8790", &with_disabilities("c1", &["NONE", "MOB"])),
        vec![Spot::Child]
    );
    assert_eq!(
        spots("8790", &with_disabilities("c1", &["none", "AAAA"])),
        vec![Spot::Child]
    );
}

/// 8794 "Child has two or more disabilities with the same code".
#[test]
fn rule_8794_repeated_disability() {
    assert_eq!(
        spots("8794", &with_disabilities("c1", &["MOB", "LD"])),
        vec![]
    );
    assert_eq!(
        spots("8794", &with_disabilities("c1", &["MOB", "LD", "MOB"])),
        vec![Spot::Child]
    );
}

/// 2883 "There are more child protection plans starting than initial conferences taking place":
/// the census year's first and last days (1 April 2025, 31 March 2026) both count.
#[test]
fn rule_2883_census_year_bounds() {
    let mut a = child("a");
    a.episodes[0].cp_plans = vec![plan(d(2025, 4, 1)), plan(d(2026, 3, 31))];
    a.episodes[0].section47s = vec![enquiry(d(2025, 4, 1))];
    // Two plans, one conference.
    assert_eq!(hits("2883", std::slice::from_ref(&a)), la_hit());
    a.episodes[0].section47s.push(enquiry(d(2026, 3, 31)));
    assert_eq!(hits("2883", &[a]), vec![]);
}

/// Through the validator: 100 "Reference Date is incorrect" on the header, 8510 "More than one
/// child record with the same LA Child ID" naming both records, 8590 "Child does not have a
/// recorded CIN episode." naming the child with its Hearth key.
#[test]
fn the_validator_reports_header_child_and_return_findings() {
    use crate::rules::Ruleset;
    use crate::validate::Validator;

    let header = Header {
        year: s("2026"),
        reference_date: Some(d(2026, 3, 30)),
        ..Header::default()
    };
    let mut v = Validator::new(&header, Ruleset::Cin2025_26, Some(&["100", "8510", "8590"]));
    let mut lonely = child("a");
    lonely.episodes.clear();
    lonely.key = s("key-a");
    v.child(&lonely);
    v.child(&child("a"));
    v.child(&child("b"));
    let report = v.finish();
    let found: Vec<(&str, Option<&str>, Option<&str>, Spot)> = report
        .issues
        .iter()
        .map(|i| (i.code, i.child.as_deref(), i.child_key.as_deref(), i.spot))
        .collect();
    assert_eq!(
        found,
        vec![
            ("100", None, None, Spot::Header),
            ("8590", Some("a"), Some("key-a"), Spot::Child),
            ("8510", Some("a"), None, Spot::Child),
            ("8510", Some("a"), None, Spot::Child),
        ]
    );
    assert_eq!(report.errors, 4);
}
