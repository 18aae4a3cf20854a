//! The header, the child's identifiers and characteristics, and the whole-return rules, ported
//! from the public validator (`cin_validator`, newest version of each rule as of `cin2024_25`;
//! `cin2025_26` changes none of them).
//!
//! As in the public validator, an element that is absent or empty counts as missing, codes are
//! compared exactly as written unless a rule says otherwise, and the census year runs from
//! `ctx.collection_start` to `ctx.reference_date`, both inclusive.

use std::collections::{HashMap, HashSet};

use chrono::{Days, Months, NaiveDate};

use super::{Check, Ctx, Kind, ReturnCheck, ReturnHit, Rule, Spot};
use crate::model::{flag_false, flag_true, Child, Header};

/// The rules of this group.
pub static RULES: &[Rule] = &[
    Rule {
        code: "100",
        kind: Kind::Error,
        message: "Reference Date is incorrect",
        fields: &["ReferenceDate"],
        check: Check::Header(reference_date_wrong),
    },
    Rule {
        code: "1510",
        kind: Kind::Error,
        message: "UPN invalid (wrong check letter at character 1)",
        fields: &["UPN"],
        check: Check::Child(upn_check_letter_wrong),
    },
    Rule {
        code: "1520",
        kind: Kind::Error,
        message: "More than one record with the same UPN.",
        fields: &["UPN"],
        check: Check::Return(DuplicateUpns::start),
    },
    Rule {
        code: "1530",
        kind: Kind::Error,
        message: "UPN invalid (characters 2-4 not a recognised LA code)",
        fields: &["UPN"],
        check: Check::Child(upn_la_code_unknown),
    },
    Rule {
        code: "1540",
        kind: Kind::Error,
        message: "UPN invalid (characters 5-12 not all numeric)",
        fields: &["UPN"],
        check: Check::Child(upn_middle_not_numeric),
    },
    Rule {
        code: "1550",
        kind: Kind::Error,
        message: "UPN invalid (character 13 not a recognised value)",
        fields: &["UPN"],
        check: Check::Child(upn_last_character_wrong),
    },
    Rule {
        code: "1560Q",
        kind: Kind::Query,
        message: "Please check and either amend or provide a reason: Former UPN wrongly formatted",
        fields: &["FormerUPN"],
        check: Check::Child(former_upn_wrongly_formatted),
    },
    Rule {
        code: "1570",
        kind: Kind::Error,
        message: "LA Child ID must not be longer than 20 characters",
        fields: &["LAchildID"],
        check: Check::Child(child_id_too_long),
    },
    Rule {
        code: "1580",
        kind: Kind::Error,
        message: "LA Child ID must not contain any non-alphanumeric characters",
        fields: &["LAchildID"],
        check: Check::Child(child_id_not_alphanumeric),
    },
    Rule {
        code: "2883",
        kind: Kind::Error,
        message: "There are more child protection plans starting than initial conferences taking place",
        fields: &["CPPstartDate", "DateOfInitialCPC"],
        check: Check::Return(PlansAndConferences::start),
    },
    Rule {
        code: "2886Q",
        kind: Kind::Query,
        message: "Please check and either amend or provide a reason: Percentage of children with no sex recorded is more than 2% (excluding unborns)",
        fields: &["ExpectedPersonBirthDate", "Sex"],
        check: Check::Return(SexNotRecorded::start),
    },
    Rule {
        code: "2887Q",
        kind: Kind::Query,
        message: "Please check and either amend or provide a reason: Less than 8 disability codes have been used in your return",
        fields: &["Disability"],
        check: Check::Return(DisabilityCodesUsed::start),
    },
    Rule {
        code: "2888Q",
        kind: Kind::Query,
        message: "Please check and either amend or provide a reason: Only one disability code is recorded per child and multiple disabilities should be recorded where possible.",
        fields: &["Disability"],
        check: Check::Return(DisabilitiesPerChild::start),
    },
    Rule {
        code: "4180",
        kind: Kind::Error,
        message: "Sex must be provided and equal M, F, or U",
        fields: &["Sex"],
        check: Check::Child(sex_invalid),
    },
    Rule {
        code: "4220",
        kind: Kind::Error,
        message: "Ethnicity is missing or invalid (see Ethnicity table)",
        fields: &["Ethnicity"],
        check: Check::Child(ethnicity_invalid),
    },
    Rule {
        code: "8500",
        kind: Kind::Error,
        message: "LA Child ID missing",
        fields: &["LAchildID"],
        check: Check::Child(child_id_missing),
    },
    Rule {
        code: "8510",
        kind: Kind::Error,
        message: "More than one child record with the same LA Child ID",
        fields: &["LAchildID"],
        check: Check::Return(DuplicateChildIds::start),
    },
    Rule {
        code: "8520",
        kind: Kind::Error,
        message: "Date of Birth is after data collection period (must be on or before the end of the census period)",
        fields: &["PersonBirthDate", "ReferenceDate"],
        check: Check::Child(born_after_census),
    },
    Rule {
        code: "8525Q",
        kind: Kind::Query,
        message: "Either Date of Birth or Expected Date of Birth must be provided (but not both)",
        fields: &["PersonBirthDate", "ExpectedPersonBirthDate"],
        check: Check::Child(birth_dates_not_one_of),
    },
    Rule {
        code: "8530Q",
        kind: Kind::Query,
        message: "Please check and either amend data or provide a reason: Expected Date of Birth is outside the expected range for this census (March to December of the Census Year end)",
        fields: &["ExpectedPersonBirthDate"],
        check: Check::Child(expected_birth_out_of_range),
    },
    Rule {
        code: "8535Q",
        kind: Kind::Query,
        message: "Please check and either amend data or provide a reason: Child\u{2019}s date of death should not be prior to the date of birth",
        fields: &["PersonDeathDate", "PersonBirthDate"],
        check: Check::Child(died_before_birth),
    },
    Rule {
        code: "8540",
        kind: Kind::Error,
        message: "Child\u{2019}s disability is missing or invalid (see Disability table)",
        fields: &["Disability", "PersonBirthDate", "ReferralNFA"],
        check: Check::Child(disability_missing_or_invalid),
    },
    Rule {
        code: "8545Q",
        kind: Kind::Query,
        message: "Please check and either amend data or provide a reason: Child's date of death should be within the census year",
        fields: &["PersonDeathDate"],
        check: Check::Child(death_outside_census),
    },
    Rule {
        code: "8590",
        kind: Kind::Error,
        message: "Child does not have a recorded CIN episode.",
        fields: &["LAchildID"],
        check: Check::Child(no_episode),
    },
    Rule {
        code: "8750",
        kind: Kind::Error,
        message: "Sex must equal U for an unborn child",
        fields: &["Sex", "PersonBirthDate", "ExpectedPersonBirthDate"],
        check: Check::Child(unborn_sex_not_u),
    },
    Rule {
        code: "8770Q",
        kind: Kind::Query,
        message: "Please check and either amend data or provide a reason: UPN is missing or reason UPN is missing or is UN1 for a child who is of school age.",
        fields: &["UPN", "UPNunknown"],
        check: Check::Child(school_age_without_upn),
    },
    Rule {
        code: "8772",
        kind: Kind::Error,
        message: "UPN unknown reason is UN7 (Referral with no further action) but at least one CIN details is a referral going on to further action",
        fields: &["UPNunknown", "ReferralNFA"],
        check: Check::Child(un7_with_further_action),
    },
    Rule {
        code: "8775Q",
        kind: Kind::Query,
        message: "Please check and either amend data or provide a reason: Child is over 25 years old",
        fields: &["PersonBirthDate", "CINclosureDate"],
        check: Check::Child(over_25),
    },
    Rule {
        code: "8790",
        kind: Kind::Error,
        message: "Disability information includes both None and other values",
        fields: &["Disability"],
        check: Check::Child(disability_none_and_others),
    },
    Rule {
        code: "8794",
        kind: Kind::Error,
        message: "Child has two or more disabilities with the same code",
        fields: &["Disability"],
        check: Check::Child(disability_repeated),
    },
];

// ---------------------------------------------------------------------------------------------
// Helpers

/// A value as the public validator sees it: an empty element is missing.
fn text(v: &Option<String>) -> Option<&str> {
    v.as_deref().filter(|s| !s.is_empty())
}

/// The UPN's characters, when it is present and 13 characters long (the form rules 1510, 1530
/// and 1550 look at).
fn upn13(child: &Child) -> Option<Vec<char>> {
    let chars: Vec<char> = text(&child.upn)?.chars().collect();
    (chars.len() == 13).then_some(chars)
}

fn all_digits(chars: &[char]) -> bool {
    !chars.is_empty() && chars.iter().all(char::is_ascii_digit)
}

/// A `Disability` as the public validator sees it (an empty one is missing).
fn disabilities(child: &Child) -> impl Iterator<Item = Option<&str>> {
    child
        .disabilities
        .iter()
        .map(|d| Some(d.as_str()).filter(|s| !s.is_empty()))
}

/// `ReferralNFA` is `0` or `false`, `false` in any case (rule 8770Q).
fn nfa_no_any_case(v: Option<&str>) -> bool {
    flag_false(v) || v.is_some_and(|s| s.eq_ignore_ascii_case("false"))
}

/// `ReferralNFA` is `1` or `true`, `true` in any case (rule 8772).
fn nfa_yes_any_case(v: Option<&str>) -> bool {
    flag_true(v) || v.is_some_and(|s| s.eq_ignore_ascii_case("true"))
}

fn add_months(d: NaiveDate, months: u32) -> Option<NaiveDate> {
    d.checked_add_months(Months::new(months))
}

fn sub_months(d: NaiveDate, months: u32) -> Option<NaiveDate> {
    d.checked_sub_months(Months::new(months))
}

// ---------------------------------------------------------------------------------------------
// Header

/// 100: `ReferenceDate` must be present and equal 31 March of the header's `Year`. A `Year` that
/// is not four digits makes the expected date unknown, and the rule fails.
fn reference_date_wrong(header: &Header, _: &Ctx) -> bool {
    let expected = text(&header.year)
        .filter(|y| y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit()))
        .and_then(|y| y.parse::<i32>().ok())
        .and_then(|y| NaiveDate::from_ymd_opt(y, 3, 31));
    match (header.reference_date, expected) {
        (Some(actual), Some(expected)) => actual != expected,
        _ => true,
    }
}

// ---------------------------------------------------------------------------------------------
// UPN and former UPN

/// The check letters for the remainders 0 to 22 (I, O and S are never used).
const CHECK_LETTERS: [char; 23] = [
    'A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'J', 'K', 'L', 'M', 'N', 'P', 'Q', 'R', 'T', 'U', 'V',
    'W', 'X', 'Y', 'Z',
];

/// The check letter of a UPN's last twelve characters: each digit times its position (2 to 13),
/// summed, modulo 23. `None` unless all twelve are digits.
fn upn_check_letter(rest: &[char]) -> Option<char> {
    let mut sum = 0;
    for (digit, weight) in rest.iter().zip(2u32..) {
        sum += digit.to_digit(10)? * weight;
    }
    CHECK_LETTERS.get((sum % 23) as usize).copied()
}

/// 1510: a 13-character UPN whose last twelve characters are digits must start with its check
/// letter.
fn upn_check_letter_wrong(child: &Child, _: &Ctx, spots: &mut Vec<Spot>) {
    let Some(upn) = upn13(child) else { return };
    if upn_check_letter(&upn[1..]).is_some_and(|letter| letter != upn[0]) {
        spots.push(Spot::Child);
    }
}

/// The LA codes (post April 1998, and the DfE's pseudo-LA codes) that may stand at characters
/// 2-4 of a UPN, as inclusive ranges (the public validator's list for `cin2023_24` onwards).
const LA_CODES: &[(u16, u16)] = &[
    (1, 5),
    (201, 213),
    (301, 320),
    (330, 336),
    (340, 344),
    (350, 359),
    (370, 373),
    (380, 384),
    (390, 394),
    (420, 420),
    (660, 681),
    (701, 708),
    (800, 803),
    (805, 808),
    (810, 813),
    (815, 816),
    (820, 823),
    (825, 826),
    (830, 831),
    (835, 841),
    (845, 846),
    (850, 852),
    (855, 857),
    (860, 861),
    (865, 896),
    (908, 909),
    (916, 916),
    (919, 919),
    (921, 921),
    (925, 926),
    (928, 929),
    (931, 931),
    (933, 933),
    (935, 938),
    (940, 943),
];

/// Whether three characters are a recognised LA code.
fn is_la_code(chars: &[char]) -> bool {
    if chars.len() != 3 || !all_digits(chars) {
        return false;
    }
    let code: String = chars.iter().collect();
    code.parse::<u16>()
        .is_ok_and(|n| LA_CODES.iter().any(|&(lo, hi)| (lo..=hi).contains(&n)))
}

/// 1530: characters 2-4 of a 13-character UPN must be a recognised LA code.
fn upn_la_code_unknown(child: &Child, _: &Ctx, spots: &mut Vec<Spot>) {
    let Some(upn) = upn13(child) else { return };
    if !is_la_code(&upn[1..4]) {
        spots.push(Spot::Child);
    }
}

/// 1540: characters 5-12 of a present UPN must be digits. As in the public validator the UPN's
/// length is not checked first: a UPN of four characters or fewer has no characters 5-12 and
/// fails; a shorter run of digits (a UPN of 5 to 11 characters) passes.
fn upn_middle_not_numeric(child: &Child, _: &Ctx, spots: &mut Vec<Spot>) {
    let Some(upn) = text(&child.upn) else { return };
    let middle: Vec<char> = upn.chars().skip(4).take(8).collect();
    if !all_digits(&middle) {
        spots.push(Spot::Child);
    }
}

/// The characters allowed at position 13 of a UPN: a digit or a capital letter other than I, O
/// and S.
const UPN_LAST: &str = "ABCDEFGHJKLMNPQRTUVWXYZ0123456789";

/// 1550: character 13 of a 13-character UPN must be a digit or a capital letter other than I, O
/// and S.
fn upn_last_character_wrong(child: &Child, _: &Ctx, spots: &mut Vec<Spot>) {
    let Some(upn) = upn13(child) else { return };
    if !UPN_LAST.contains(upn[12]) {
        spots.push(Spot::Child);
    }
}

/// 1560Q: a former UPN must be 13 characters: a letter then twelve digits.
fn former_upn_wrongly_formatted(child: &Child, _: &Ctx, spots: &mut Vec<Spot>) {
    let Some(former) = text(&child.former_upn) else {
        return;
    };
    let chars: Vec<char> = former.chars().collect();
    let well_formed = chars.len() == 13 && chars[0].is_alphabetic() && all_digits(&chars[1..]);
    if !well_formed {
        spots.push(Spot::Child);
    }
}

// ---------------------------------------------------------------------------------------------
// LA child ID

/// 1570: `LAchildID` must not be longer than 20 characters.
fn child_id_too_long(child: &Child, _: &Ctx, spots: &mut Vec<Spot>) {
    if text(&child.la_child_id).is_some_and(|id| id.chars().count() > 20) {
        spots.push(Spot::Child);
    }
}

/// 1580: `LAchildID` must be letters and digits only.
fn child_id_not_alphanumeric(child: &Child, _: &Ctx, spots: &mut Vec<Spot>) {
    if text(&child.la_child_id).is_some_and(|id| !id.chars().all(char::is_alphanumeric)) {
        spots.push(Spot::Child);
    }
}

/// 8500: `LAchildID` must be present.
fn child_id_missing(child: &Child, _: &Ctx, spots: &mut Vec<Spot>) {
    if text(&child.la_child_id).is_none() {
        spots.push(Spot::Child);
    }
}

// ---------------------------------------------------------------------------------------------
// Sex, ethnicity and dates

/// 4180: `Sex` must be present and M, F or U.
fn sex_invalid(child: &Child, _: &Ctx, spots: &mut Vec<Spot>) {
    if !matches!(text(&child.sex), Some("M" | "F" | "U")) {
        spots.push(Spot::Child);
    }
}

/// The Ethnicity code set.
const ETHNICITIES: &[&str] = &[
    "ABAN", "AIND", "AOTH", "APKN", "BAFR", "BCRB", "BOTH", "CHNE", "MOTH", "MWAS", "MWBA", "MWBC",
    "NOBT", "OOTH", "REFU", "WBRI", "WIRI", "WIRT", "WOTH", "WROM",
];

/// 4220: `Ethnicity` must be present and a code of the Ethnicity table.
fn ethnicity_invalid(child: &Child, _: &Ctx, spots: &mut Vec<Spot>) {
    if !text(&child.ethnicity).is_some_and(|e| ETHNICITIES.contains(&e)) {
        spots.push(Spot::Child);
    }
}

/// 8520: `PersonBirthDate`, if present, must be on or before the reference date.
fn born_after_census(child: &Child, ctx: &Ctx, spots: &mut Vec<Spot>) {
    if child.birth_date.is_some_and(|b| b > ctx.reference_date) {
        spots.push(Spot::Child);
    }
}

/// 8525Q: exactly one of `PersonBirthDate` and `ExpectedPersonBirthDate`.
fn birth_dates_not_one_of(child: &Child, _: &Ctx, spots: &mut Vec<Spot>) {
    if child.birth_date.is_some() == child.expected_birth_date.is_some() {
        spots.push(Spot::Child);
    }
}

/// 8530Q: `ExpectedPersonBirthDate`, if present, must lie strictly between the reference date
/// minus 30 days and the reference date plus 9 months.
fn expected_birth_out_of_range(child: &Child, ctx: &Ctx, spots: &mut Vec<Spot>) {
    let Some(expected) = child.expected_birth_date else {
        return;
    };
    let earliest = ctx.reference_date.checked_sub_days(Days::new(30));
    let latest = add_months(ctx.reference_date, 9);
    if earliest.is_some_and(|e| expected <= e) || latest.is_some_and(|l| expected >= l) {
        spots.push(Spot::Child);
    }
}

/// 8535Q: `PersonDeathDate`, if present, needs a `PersonBirthDate` on or before it.
fn died_before_birth(child: &Child, _: &Ctx, spots: &mut Vec<Spot>) {
    let Some(death) = child.death_date else {
        return;
    };
    if child.birth_date.is_none_or(|birth| birth > death) {
        spots.push(Spot::Child);
    }
}

/// 8545Q: `PersonDeathDate`, if present, must fall within the census year.
fn death_outside_census(child: &Child, ctx: &Ctx, spots: &mut Vec<Spot>) {
    let Some(death) = child.death_date else {
        return;
    };
    if death < ctx.collection_start || death > ctx.reference_date {
        spots.push(Spot::Child);
    }
}

/// 8750: an unborn child (expected date of birth, no date of birth) must have `Sex` U.
fn unborn_sex_not_u(child: &Child, _: &Ctx, spots: &mut Vec<Spot>) {
    let unborn = child.birth_date.is_none() && child.expected_birth_date.is_some();
    if unborn && text(&child.sex) != Some("U") {
        spots.push(Spot::Child);
    }
}

// ---------------------------------------------------------------------------------------------
// Episodes seen from the child

/// 8590: every child must have at least one `CINdetails`.
fn no_episode(child: &Child, _: &Ctx, spots: &mut Vec<Spot>) {
    if child.episodes.is_empty() {
        spots.push(Spot::Child);
    }
}

/// The last birth date of a child of school age in this census: the public validator takes the
/// reference date plus 4 months and 31 days (31 August), less 6 years. For 31 March 2026 that is
/// 31 August 2020.
fn school_age_born_by(reference_date: NaiveDate) -> Option<NaiveDate> {
    let school_start = add_months(reference_date, 4)?.checked_add_days(Days::new(31))?;
    sub_months(school_start, 72)
}

/// The `UPNunknown` reasons that excuse a missing UPN for a child of school age (UN1, "not of
/// school age", does not), in any case.
fn upn_unknown_excuses(reason: Option<&str>) -> bool {
    reason.is_some_and(|r| {
        matches!(
            r.to_uppercase().as_str(),
            "UN2" | "UN3" | "UN4" | "UN5" | "UN6" | "UN7"
        )
    })
}

/// 8770Q: a child of school age with at least one episode going on to further action
/// (`ReferralNFA` 0 or false) needs a UPN or a `UPNunknown` reason other than UN1.
fn school_age_without_upn(child: &Child, ctx: &Ctx, spots: &mut Vec<Spot>) {
    let school_age = child
        .birth_date
        .zip(school_age_born_by(ctx.reference_date))
        .is_some_and(|(birth, by)| birth <= by);
    let further_action = child
        .episodes
        .iter()
        .any(|e| nfa_no_any_case(e.referral_nfa.as_deref()));
    let excused = text(&child.upn).is_some() || upn_unknown_excuses(text(&child.upn_unknown));
    if school_age && further_action && !excused {
        spots.push(Spot::Child);
    }
}

/// 8772: with `UPNunknown` UN7 every episode must have `ReferralNFA` 1 or true (in any case).
/// The child and each failing episode are named; a UN7 child with no episode at all fails too,
/// as in the public validator.
fn un7_with_further_action(child: &Child, _: &Ctx, spots: &mut Vec<Spot>) {
    if text(&child.upn_unknown) != Some("UN7") {
        return;
    }
    let failing: Vec<usize> = (0..child.episodes.len())
        .filter(|&i| !nfa_yes_any_case(child.episodes[i].referral_nfa.as_deref()))
        .collect();
    if child.episodes.is_empty() || !failing.is_empty() {
        spots.push(Spot::Child);
    }
    spots.extend(failing.into_iter().map(|episode| Spot::Episode { episode }));
}

/// 8775Q: a child born more than 25 years before the reference date fails for each episode that
/// is open or closed after the 25th birthday (the child and those episodes are named).
fn over_25(child: &Child, ctx: &Ctx, spots: &mut Vec<Spot>) {
    let Some(birth) = child.birth_date else {
        return;
    };
    if sub_months(ctx.reference_date, 300).is_none_or(|limit| birth >= limit) {
        return;
    }
    let birthday_25 = add_months(birth, 300);
    let failing: Vec<usize> = (0..child.episodes.len())
        .filter(|&i| match (child.episodes[i].closure_date, birthday_25) {
            (None, _) => true,
            (Some(closed), Some(b25)) => closed > b25,
            (Some(_), None) => false,
        })
        .collect();
    if !failing.is_empty() {
        spots.push(Spot::Child);
    }
    spots.extend(failing.into_iter().map(|episode| Spot::Episode { episode }));
}

// ---------------------------------------------------------------------------------------------
// Disabilities

/// The Disability code set.
const DISABILITIES: &[&str] = &[
    "NONE", "MOB", "HAND", "PC", "INC", "COMM", "LD", "HEAR", "VIS", "BEH", "CON", "AUT", "DDA",
];

/// 8540: a child with a date of birth and at least one episode going on to further action
/// (`ReferralNFA` 0 or false) needs at least one `Disability`, all of them valid codes. The child
/// and each such episode are named. (The public validator finds these but never reports them: its
/// findings for the child and episode tables name a column, `ROW_ID_x`, that its report does not
/// read, and the whole rule's findings are dropped. Hearth reports what the rule finds.)
fn disability_missing_or_invalid(child: &Child, _: &Ctx, spots: &mut Vec<Spot>) {
    if child.birth_date.is_none() {
        return;
    }
    let further: Vec<usize> = (0..child.episodes.len())
        .filter(|&i| flag_false(child.episodes[i].referral_nfa.as_deref()))
        .collect();
    let invalid = child.disabilities.is_empty()
        || disabilities(child).any(|d| !d.is_some_and(|d| DISABILITIES.contains(&d)));
    if further.is_empty() || !invalid {
        return;
    }
    spots.push(Spot::Child);
    spots.extend(further.into_iter().map(|episode| Spot::Episode { episode }));
}

/// 8790: a child with a `Disability` of NONE (in any case) must have no other `Disability`.
fn disability_none_and_others(child: &Child, _: &Ctx, spots: &mut Vec<Spot>) {
    let is_none = |d: Option<&str>| d.is_some_and(|d| d.to_uppercase() == "NONE");
    if disabilities(child).any(is_none) && !disabilities(child).all(is_none) {
        spots.push(Spot::Child);
    }
}

/// 8794: no `Disability` code may appear twice for a child. As in the public validator, which
/// groups by `LAchildID`, a child without one is not checked.
fn disability_repeated(child: &Child, _: &Ctx, spots: &mut Vec<Spot>) {
    if text(&child.la_child_id).is_none() {
        return;
    }
    let mut seen = HashSet::new();
    if disabilities(child).flatten().any(|d| !seen.insert(d)) {
        spots.push(Spot::Child);
    }
}

// ---------------------------------------------------------------------------------------------
// Whole-return rules

/// Children's ids in order, with how often each (missing included) was seen.
#[derive(Default)]
struct SeenIds {
    order: Vec<Option<String>>,
    counts: HashMap<Option<String>, usize>,
}

impl SeenIds {
    fn see(&mut self, id: Option<String>) {
        *self.counts.entry(id.clone()).or_default() += 1;
        self.order.push(id);
    }

    fn count(&self, id: &Option<String>) -> usize {
        self.counts.get(id).copied().unwrap_or(0)
    }
}

/// 8510: each `LAchildID` must be unique in the return. Every child record sharing its id with
/// another is named. As in the public validator, children with no id count as sharing one.
#[derive(Default)]
struct DuplicateChildIds {
    ids: SeenIds,
}

impl DuplicateChildIds {
    fn start() -> Box<dyn ReturnCheck> {
        Box::<Self>::default()
    }
}

impl ReturnCheck for DuplicateChildIds {
    fn child(&mut self, child: &Child, _: &Ctx) {
        self.ids.see(text(&child.la_child_id).map(str::to_owned));
    }

    fn finish(self: Box<Self>, _: &Ctx) -> Vec<ReturnHit> {
        let ids = &self.ids;
        ids.order
            .iter()
            .filter(|id| ids.count(id) > 1)
            .map(|id| ReturnHit {
                child: id.clone(),
                spot: Spot::Child,
            })
            .collect()
    }
}

/// 1520: each present UPN must be unique in the return; every child record sharing its UPN with
/// another is named.
#[derive(Default)]
struct DuplicateUpns {
    children: Vec<(Option<String>, String)>,
    counts: HashMap<String, usize>,
}

impl DuplicateUpns {
    fn start() -> Box<dyn ReturnCheck> {
        Box::<Self>::default()
    }
}

impl ReturnCheck for DuplicateUpns {
    fn child(&mut self, child: &Child, _: &Ctx) {
        let Some(upn) = text(&child.upn) else { return };
        *self.counts.entry(upn.to_owned()).or_default() += 1;
        let id = text(&child.la_child_id).map(str::to_owned);
        self.children.push((id, upn.to_owned()));
    }

    fn finish(self: Box<Self>, _: &Ctx) -> Vec<ReturnHit> {
        let counts = &self.counts;
        self.children
            .iter()
            .filter(|(_, upn)| counts.get(upn).is_some_and(|&n| n > 1))
            .map(|(id, _)| ReturnHit {
                child: id.clone(),
                spot: Spot::Child,
            })
            .collect()
    }
}

/// One finding about the whole return.
fn return_hit() -> Vec<ReturnHit> {
    vec![ReturnHit {
        child: None,
        spot: Spot::Return,
    }]
}

/// 2883: the child protection plans starting in the census year must not outnumber the initial
/// conferences held in it (`DateOfInitialCPC` on episodes plus on section 47 enquiries).
#[derive(Default)]
struct PlansAndConferences {
    plans: usize,
    conferences: usize,
}

impl PlansAndConferences {
    fn start() -> Box<dyn ReturnCheck> {
        Box::<Self>::default()
    }
}

fn in_census(date: Option<NaiveDate>, ctx: &Ctx) -> bool {
    date.is_some_and(|d| d >= ctx.collection_start && d <= ctx.reference_date)
}

impl ReturnCheck for PlansAndConferences {
    fn child(&mut self, child: &Child, ctx: &Ctx) {
        for episode in &child.episodes {
            self.plans += episode
                .cp_plans
                .iter()
                .filter(|p| in_census(p.start, ctx))
                .count();
            self.conferences += usize::from(in_census(episode.date_of_initial_cpc, ctx));
            self.conferences += episode
                .section47s
                .iter()
                .filter(|s| in_census(s.date_of_initial_cpc, ctx))
                .count();
        }
    }

    fn finish(self: Box<Self>, _: &Ctx) -> Vec<ReturnHit> {
        if self.plans > self.conferences {
            return_hit()
        } else {
            Vec::new()
        }
    }
}

/// 2886Q: no more than 2% of children may have no sex recorded (`Sex` missing or U) and no
/// expected date of birth.
#[derive(Default)]
struct SexNotRecorded {
    children: usize,
    not_recorded: usize,
}

impl SexNotRecorded {
    fn start() -> Box<dyn ReturnCheck> {
        Box::<Self>::default()
    }
}

impl ReturnCheck for SexNotRecorded {
    fn child(&mut self, child: &Child, _: &Ctx) {
        self.children += 1;
        let no_sex = matches!(text(&child.sex), None | Some("U"));
        if no_sex && child.expected_birth_date.is_none() {
            self.not_recorded += 1;
        }
    }

    /// More than 2%: `not_recorded / children > 0.02`, that is `50 * not_recorded > children`.
    fn finish(self: Box<Self>, _: &Ctx) -> Vec<ReturnHit> {
        if self.children > 0 && 50 * self.not_recorded > self.children {
            return_hit()
        } else {
            Vec::new()
        }
    }
}

/// 2887Q: the return should use more than 7 different disability codes, NONE apart. (The public
/// validator counts the NONE entries instead, its evident slip: Hearth counts distinct codes, as
/// the DfE's rule and the validator's own comments say.)
#[derive(Default)]
struct DisabilityCodesUsed {
    codes: HashSet<String>,
}

impl DisabilityCodesUsed {
    fn start() -> Box<dyn ReturnCheck> {
        Box::<Self>::default()
    }
}

impl ReturnCheck for DisabilityCodesUsed {
    fn child(&mut self, child: &Child, _: &Ctx) {
        for code in disabilities(child).flatten() {
            if code != "NONE" && !self.codes.contains(code) {
                self.codes.insert(code.to_owned());
            }
        }
    }

    fn finish(self: Box<Self>, _: &Ctx) -> Vec<ReturnHit> {
        if self.codes.len() <= 7 {
            return_hit()
        } else {
            Vec::new()
        }
    }
}

/// 2888Q: among children with a disability other than NONE, at least one should have more than
/// one recorded. Children are grouped by `LAchildID` (those without one are left out), as in the
/// public validator; a return where no child has a disability other than NONE passes.
#[derive(Default)]
struct DisabilitiesPerChild {
    counts: HashMap<String, usize>,
}

impl DisabilitiesPerChild {
    fn start() -> Box<dyn ReturnCheck> {
        Box::<Self>::default()
    }
}

impl ReturnCheck for DisabilitiesPerChild {
    fn child(&mut self, child: &Child, _: &Ctx) {
        let Some(id) = text(&child.la_child_id) else {
            return;
        };
        let others: Vec<Option<&str>> =
            disabilities(child).filter(|d| *d != Some("NONE")).collect();
        if others.is_empty() {
            return;
        }
        let recorded = others.iter().flatten().count();
        *self.counts.entry(id.to_owned()).or_default() += recorded;
    }

    fn finish(self: Box<Self>, _: &Ctx) -> Vec<ReturnHit> {
        let most = self.counts.values().max();
        if most.is_some_and(|&n| n <= 1) {
            return_hit()
        } else {
            Vec::new()
        }
    }
}

#[cfg(test)]
#[path = "identity_tests.rs"]
mod tests;
