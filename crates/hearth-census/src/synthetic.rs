//! A synthetic council's census year: deterministic from a seed, generated a child at a time (a
//! benchmark can draw 18,000 children in bounded memory), and clean under both Hearth's rules and
//! the DfE's public validator — no errors and no queries.
//!
//! Every pathway a council's year holds, in roughly the proportions of the national statistics:
//! referrals with no further action; assessments closed RC8 or RC9 (factor 21 alone, or real factor
//! combinations, never 18A or 19A); assessments leading to a CIN plan, open or ended and closed;
//! section 47 enquiries where no conference was needed; conferences with no plan; conferences on a
//! working day within the 15-working-day target, a CP plan starting that day, reviews within three
//! months then every six, the plan ended and stepped down to a CIN plan and closed; CP plans open at
//! year end; CP plans and CIN plans carried over from the year before; assessments and enquiries
//! under way at year end; children with two episodes; unborn children; a child who died.
//!
//! What the rules force, beyond the obvious:
//! - a referral with no further action is closed the day it is made with RC7: RC8 and RC9 need an
//!   assessment (8825Q), and there is none (8831);
//! - an episode with a section 47 enquiry never closes RC8/RC9 (2990); every episode with one has an
//!   assessment (2991Q);
//! - the conference date is recorded on the enquiry only, never on the episode too (2884), with
//!   `ICPCnotRequired` `0` (8868 fails a conference with the flag `1`);
//! - factor 21 is used only on the single assessment of an episode closed RC8/RC9 (8873Q);
//! - a carried-over episode holds only what happened in the year: no assessment authorised or
//!   conference held before 1 April (8696, 8715), reviews from 1 April on;
//! - a CIN plan following a CP plan starts a working day or more after the plan's last review (its
//!   end), so no review falls inside a CIN plan (4003) and no plans overlap (4016, 4017);
//! - an episode's later referral comes after the earlier one's closure (8820); a CIN plan or CP plan
//!   starts after any earlier one of the child ends (4014, 8940);
//! - assessments open at year end started within 35 working days of it (8670Q), enquiries open at
//!   year end within 9 (8675Q);
//! - an unborn child is expected after the reference date and within 6 months of it, referred no more
//!   than 270 days before (8530Q, 8606), Sex U, UPNunknown UN6;
//! - school-age children going on to further action have a UPN or a reason other than UN1 (8770Q),
//!   UN7 only when every referral was no further action (8772);
//! - every return of 50 or more uses at least 8 disability codes besides NONE (2887Q in Hearth), at
//!   least 8 children with NONE (2887Q in the public validator, which counts NONE) and one child
//!   with several codes (2888Q); every ethnicity code appears once the return has 20 children.

use std::collections::VecDeque;

use chrono::{Datelike, Duration, Months, NaiveDate};
use hearth_domain::calendar::Calendar;

use crate::model::{
    collection_start, Assessment, Child, CinPlan, CpPlan, Episode, Header, Section47,
};

/// The header of a synthetic return for `reference_date` from the council `lea`.
pub fn header(reference_date: NaiveDate, lea: &str) -> Header {
    Header {
        collection: Some("CIN".into()),
        year: Some(reference_date.year().to_string()),
        reference_date: Some(reference_date),
        source_level: Some("L".into()),
        lea: Some(lea.into()),
        software_code: Some("Hearth".into()),
        release: Some(env!("CARGO_PKG_VERSION").into()),
        serial_no: Some("1".into()),
        date_time: Some(format!(
            "{}T09:00:00",
            (reference_date + Duration::days(5)).format("%Y-%m-%d")
        )),
    }
}

/// A council's year of `children` children for the census closing on `reference_date`,
/// deterministic from `seed`, generated lazily.
pub fn council_year(
    seed: u64,
    children: usize,
    reference_date: NaiveDate,
) -> impl Iterator<Item = Child> {
    CouncilYear::new(seed, children, reference_date)
}

// ---------------------------------------------------------------------------------------------
// Random numbers

fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// splitmix64.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// 0 to `n - 1` (0 when `n` is 0).
    fn below(&mut self, n: u64) -> u64 {
        if n == 0 {
            0
        } else {
            self.next() % n
        }
    }

    /// `lo` to `hi` inclusive.
    fn range(&mut self, lo: u32, hi: u32) -> u32 {
        lo + self.below(u64::from(hi.saturating_sub(lo)) + 1) as u32
    }

    fn days(&mut self, lo: i64, hi: i64) -> i64 {
        lo + self.below((hi - lo).max(0) as u64 + 1) as i64
    }

    /// True `per_cent` times in a hundred.
    fn chance(&mut self, per_cent: u64) -> bool {
        self.below(100) < per_cent
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len() as u64) as usize]
    }

    fn weighted<T: Copy>(&mut self, items: &[(T, u32)]) -> T {
        let total: u64 = items.iter().map(|(_, w)| u64::from(*w)).sum();
        let mut x = self.below(total);
        for (item, w) in items {
            if x < u64::from(*w) {
                return *item;
            }
            x -= u64::from(*w);
        }
        items[items.len() - 1].0
    }
}

// ---------------------------------------------------------------------------------------------
// Code sets and proportions

const ETHNICITIES: [(&str, u32); 20] = [
    ("WBRI", 600),
    ("WIRI", 4),
    ("WIRT", 4),
    ("WROM", 10),
    ("WOTH", 40),
    ("MWBC", 30),
    ("MWBA", 10),
    ("MWAS", 15),
    ("MOTH", 30),
    ("AIND", 15),
    ("APKN", 30),
    ("ABAN", 15),
    ("AOTH", 15),
    ("BCRB", 15),
    ("BAFR", 40),
    ("BOTH", 15),
    ("CHNE", 3),
    ("OOTH", 30),
    ("REFU", 15),
    ("NOBT", 50),
];

const DISABILITIES: [(&str, u32); 12] = [
    ("MOB", 6),
    ("HAND", 4),
    ("PC", 5),
    ("INC", 3),
    ("COMM", 12),
    ("LD", 15),
    ("HEAR", 4),
    ("VIS", 4),
    ("BEH", 12),
    ("CON", 6),
    ("AUT", 20),
    ("DDA", 3),
];

/// Disabilities given to the first born children at six points of every return, so that every
/// return of any size uses all twelve codes and several per child.
const FORCED_DISABILITIES: [&[&str]; 6] = [
    &["MOB", "HAND", "PC"],
    &["INC", "COMM", "LD"],
    &["HEAR", "VIS", "BEH"],
    &["CON", "AUT", "DDA"],
    &["LD", "AUT"],
    &["MOB", "COMM", "VIS"],
];

const SOURCES: [(&str, u32); 22] = [
    ("1A", 40),
    ("1B", 8),
    ("1C", 10),
    ("1D", 12),
    ("2A", 170),
    ("2B", 15),
    ("3A", 30),
    ("3B", 25),
    ("3C", 8),
    ("3D", 20),
    ("3E", 30),
    ("3F", 30),
    ("4", 20),
    ("5A", 40),
    ("5B", 25),
    ("5C", 25),
    ("5D", 40),
    ("6", 280),
    ("7", 15),
    ("8", 35),
    ("9", 20),
    ("10", 12),
];

const NEEDS: [(&str, u32); 10] = [
    ("N0", 3),
    ("N1", 570),
    ("N2", 90),
    ("N3", 40),
    ("N4", 90),
    ("N5", 130),
    ("N6", 25),
    ("N7", 5),
    ("N8", 35),
    ("N9", 12),
];

/// Factors found at assessment, as they come together (never 18A or 19A; 21 stands alone).
const FACTOR_SETS: [(&[&str], u32); 40] = [
    (&["3B", "4B"], 10),
    (&["3B"], 8),
    (&["3A", "3B"], 4),
    (&["3B", "2B", "4B"], 5),
    (&["3B", "1B"], 4),
    (&["16A"], 6),
    (&["16A", "4B"], 5),
    (&["16A", "2B", "1B"], 3),
    (&["16A", "5B"], 2),
    (&["17A", "3B"], 4),
    (&["17A"], 3),
    (&["18B"], 2),
    (&["18C", "3B"], 1),
    (&["19B"], 1),
    (&["19C"], 1),
    (&["4A", "15A"], 4),
    (&["4A"], 4),
    (&["10A", "11A"], 2),
    (&["10A", "24A"], 2),
    (&["24A", "13A"], 1),
    (&["14A", "2A"], 2),
    (&["14A"], 2),
    (&["6A"], 2),
    (&["5A"], 2),
    (&["6B", "7A"], 1),
    (&["9A"], 1),
    (&["12A"], 1),
    (&["22A"], 1),
    (&["23A"], 1),
    (&["8B"], 1),
    (&["20"], 2),
    (&["1A", "2A"], 1),
    (&["4C"], 1),
    (&["2C", "1C"], 1),
    (&["5C"], 1),
    (&["6C"], 1),
    (&["8C"], 1),
    (&["8D"], 1),
    (&["8E"], 1),
    (&["8F"], 1),
];

const CATEGORIES: [(&str, u32); 5] = [("NEG", 50), ("EMO", 37), ("PHY", 6), ("SAB", 4), ("MUL", 3)];

const PREVIOUS_PLANS: [(u32, u32); 4] = [(0, 78), (1, 15), (2, 5), (3, 2)];

/// Reasons a CIN plan's episode closes.
const CLOSURES: [(&str, u32); 4] = [("RC7", 84), ("RC5", 8), ("RC3", 5), ("RC4", 3)];

/// Real LA codes (characters 2-4 of a UPN).
const LA_CODES: [&str; 40] = [
    "201", "202", "203", "204", "205", "206", "207", "208", "209", "210", "211", "212", "213",
    "301", "302", "303", "304", "305", "306", "307", "308", "309", "310", "330", "331", "332",
    "333", "334", "335", "336", "350", "351", "352", "380", "381", "800", "822", "873", "925",
    "938",
];

const UPN_CHECK_LETTERS: [char; 23] = [
    'A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'J', 'K', 'L', 'M', 'N', 'P', 'Q', 'R', 'T', 'U', 'V',
    'W', 'X', 'Y', 'Z',
];

/// A UPN from its last twelve digits: the DfE's check letter (each digit times its position, 2 to
/// 13, summed, modulo 23) and the digits.
fn upn(digits: &str) -> String {
    let sum: u32 = digits
        .chars()
        .zip(2u32..)
        .map(|(c, w)| c.to_digit(10).unwrap_or(0) * w)
        .sum();
    let letter = UPN_CHECK_LETTERS[(sum % 23) as usize];
    format!("{letter}{digits}")
}

// ---------------------------------------------------------------------------------------------
// Pathways

/// What happens to a child in the year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Path {
    /// Referral, no further action.
    Nfa,
    /// Assessment, closed RC8 or RC9.
    Assessed,
    /// Assessment, CIN plan open at year end.
    CinPlanOpen,
    /// Assessment, CIN plan ended, episode closed.
    CinPlanClosed,
    /// Section 47 enquiry, no conference needed.
    S47NoConference,
    /// Conference, no CP plan, CIN plan.
    ConferenceNoPlan,
    /// Conference, CP plan, reviews, ended, CIN plan, closed.
    CppSteppedDown,
    /// Conference, CP plan open at year end.
    CppOpen,
    /// CP plan from the year before.
    CppCarriedOver,
    /// CIN plan from the year before.
    CinCarriedOver,
    /// Assessment under way at year end.
    AssessmentOpen,
    /// Section 47 enquiry under way at year end.
    S47Open,
    /// Two episodes in the year.
    TwoEpisodes,
    /// An unborn child.
    Unborn,
    /// A child who died.
    Died,
}

/// The pathways placed at evenly spaced points of every return, so that even a small one holds
/// them all.
const FORCED_PATHS: [Path; 16] = [
    Path::Assessed,
    Path::Nfa,
    Path::CinPlanOpen,
    Path::CppOpen,
    Path::Unborn,
    Path::CinPlanClosed,
    Path::S47NoConference,
    Path::CppSteppedDown,
    Path::AssessmentOpen,
    Path::TwoEpisodes,
    Path::Assessed,
    Path::CppCarriedOver,
    Path::Died,
    Path::S47Open,
    Path::ConferenceNoPlan,
    Path::CinCarriedOver,
];

/// Proportions (per thousand children) of each pathway.
const PATHS: [(Path, u32); 15] = [
    (Path::Nfa, 70),
    (Path::Assessed, 340),
    (Path::CinPlanOpen, 90),
    (Path::CinPlanClosed, 80),
    (Path::S47NoConference, 70),
    (Path::ConferenceNoPlan, 20),
    (Path::CppSteppedDown, 30),
    (Path::CppOpen, 50),
    (Path::CppCarriedOver, 50),
    (Path::CinCarriedOver, 90),
    (Path::AssessmentOpen, 60),
    (Path::S47Open, 10),
    (Path::TwoEpisodes, 40),
    (Path::Unborn, 15),
    (Path::Died, 2),
];

// ---------------------------------------------------------------------------------------------
// The year's calendar

struct Year {
    cal: Calendar,
    /// 1 April.
    y0: NaiveDate,
    /// The reference date.
    y1: NaiveDate,
}

impl Year {
    fn on_or_after(&self, d: NaiveDate) -> NaiveDate {
        self.cal.add_working_days(d, 0)
    }

    fn on_or_before(&self, d: NaiveDate) -> NaiveDate {
        self.cal.sub_working_days(d, 0)
    }

    fn add(&self, d: NaiveDate, n: u32) -> NaiveDate {
        self.cal.add_working_days(d, n)
    }

    fn sub(&self, d: NaiveDate, n: u32) -> NaiveDate {
        self.cal.sub_working_days(d, n)
    }

    /// A working day from `lo` to `hi`, or `None` when there is none.
    fn between(&self, rng: &mut Rng, lo: NaiveDate, hi: NaiveDate) -> Option<NaiveDate> {
        if lo > hi {
            return None;
        }
        let d = lo + Duration::days(rng.days(0, (hi - lo).num_days()));
        let forward = self.on_or_after(d);
        let day = if forward <= hi {
            forward
        } else {
            self.on_or_before(d)
        };
        (day >= lo && day <= hi).then_some(day)
    }

    /// Review dates of a CP plan starting `start`: the first within three months, then within
    /// every six, on working days, up to `until`.
    fn reviews(&self, rng: &mut Rng, start: NaiveDate, until: NaiveDate) -> Vec<NaiveDate> {
        let mut out = Vec::new();
        let mut last = start;
        let mut months = 3;
        loop {
            let due = last.checked_add_months(Months::new(months)).unwrap_or(last);
            let day = self.sub(self.on_or_before(due), rng.range(0, 8));
            if day <= last || day > until {
                return out;
            }
            out.push(day);
            last = day;
            months = 6;
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Episodes

/// What the child's episodes need of the child.
struct Built {
    episodes: Vec<Episode>,
    death: Option<NaiveDate>,
}

struct Maker<'a> {
    year: &'a Year,
    rng: &'a mut Rng,
    disabled: bool,
}

fn s(v: &str) -> Option<String> {
    Some(v.to_owned())
}

impl Maker<'_> {
    fn episode(&mut self, referral: NaiveDate, need: Option<&str>) -> Episode {
        let need = need.map(str::to_owned).unwrap_or_else(|| {
            if self.disabled && self.rng.chance(50) {
                "N2".to_owned()
            } else {
                self.rng.weighted(&NEEDS).to_owned()
            }
        });
        Episode {
            referral_date: Some(referral),
            referral_source: s(self.rng.weighted(&SOURCES)),
            primary_need: Some(need),
            referral_nfa: s("0"),
            ..Default::default()
        }
    }

    fn factors(&mut self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        let sets = if self.rng.chance(30) { 2 } else { 1 };
        for _ in 0..sets {
            for f in self.rng.weighted(&FACTOR_SETS) {
                if !out.iter().any(|o| o == f) {
                    out.push((*f).to_owned());
                }
            }
        }
        out
    }

    /// A completed assessment starting within two working days of the referral.
    fn assessment(&mut self, referral: NaiveDate, factors: Vec<String>) -> Assessment {
        let start = self.year.add(referral, self.rng.range(0, 2));
        Assessment {
            start: Some(start),
            authorisation: Some(self.year.add(start, self.rng.range(8, 40))),
            factors,
            ..Default::default()
        }
    }

    fn referral(&mut self, from: NaiveDate, room: i64) -> Option<NaiveDate> {
        let hi = self.year.y1 - Duration::days(room);
        self.year.between(self.rng, from, hi)
    }

    fn close(e: &mut Episode, d: NaiveDate, reason: &str) {
        e.closure_date = Some(d);
        e.reason_for_closure = s(reason);
    }

    fn plan_closure(&mut self) -> &'static str {
        self.rng.weighted(&CLOSURES)
    }

    fn nfa(&mut self, from: NaiveDate) -> Option<Episode> {
        let r = self.referral(from, 0)?;
        let mut e = self.episode(r, None);
        e.primary_need = None;
        e.referral_nfa = s("1");
        Self::close(&mut e, r, "RC7");
        Some(e)
    }

    fn assessed(&mut self, from: NaiveDate) -> Option<Episode> {
        let r = self.referral(from, 30)?;
        let mut e = self.episode(r, None);
        let factors = if self.rng.chance(40) {
            vec!["21".to_owned()]
        } else {
            self.factors()
        };
        let a = self.assessment(r, factors);
        let closed = self.year.add(a.authorisation?, self.rng.range(0, 3));
        e.assessments.push(a);
        let reason = if self.rng.chance(60) { "RC8" } else { "RC9" };
        Self::close(&mut e, closed, reason);
        Some(e)
    }

    /// A CIN plan from `after` (a working day or more later, up to ten), open or ended and the
    /// episode closed.
    fn cin_plan(&mut self, e: &mut Episode, after: NaiveDate, open: bool) -> Option<()> {
        let start = self.year.add(after, self.rng.range(1, 10));
        if open {
            e.cin_plans.push(CinPlan {
                start: Some(start),
                ..Default::default()
            });
        } else {
            let end = self.year.add(start, self.rng.range(20, 160));
            e.cin_plans.push(CinPlan {
                start: Some(start),
                end: Some(end),
                key: None,
            });
            let reason = self.plan_closure();
            Self::close(e, end, reason);
        }
        Some(())
    }

    fn assessed_cin_plan(&mut self, from: NaiveDate, open: bool) -> Option<Episode> {
        let r = self.referral(from, if open { 40 } else { 90 })?;
        let mut e = self.episode(r, None);
        let factors = self.factors();
        let a = self.assessment(r, factors);
        let auth = a.authorisation?;
        e.assessments.push(a);
        self.cin_plan(&mut e, auth, open)?;
        Some(e)
    }

    /// An enquiry starting within four working days of the referral, its conference target 15
    /// working days on.
    fn enquiry(&mut self, referral: NaiveDate) -> Section47 {
        let start = self.year.add(referral, self.rng.range(0, 4));
        Section47 {
            start: Some(start),
            icpc_target: Some(self.year.add(start, 15)),
            icpc_not_required: s("1"),
            ..Default::default()
        }
    }

    /// An enquiry's conference: a working day on or before the target.
    fn conference(&mut self, s47: &mut Section47) -> Option<NaiveDate> {
        let start = s47.start?;
        let day = self
            .year
            .between(self.rng, self.year.add(start, 4), s47.icpc_target?)?;
        s47.date_of_initial_cpc = Some(day);
        s47.icpc_not_required = s("0");
        Some(day)
    }

    fn s47_no_conference(&mut self, from: NaiveDate) -> Option<Episode> {
        let r = self.referral(from, 40)?;
        let mut e = self.episode(r, Some("N1"));
        let factors = self.factors();
        let a = self.assessment(r, factors);
        let auth = a.authorisation?;
        e.assessments.push(a);
        let enquiry = self.enquiry(r);
        let after = auth.max(enquiry.start?);
        e.section47s.push(enquiry);
        match self.rng.below(3) {
            0 => {
                let closed = self.year.add(after, self.rng.range(0, 5));
                Self::close(&mut e, closed, "RC7");
            }
            1 => self.cin_plan(&mut e, after, true)?,
            _ => self.cin_plan(&mut e, after, false)?,
        }
        Some(e)
    }

    fn conference_no_plan(&mut self, from: NaiveDate) -> Option<Episode> {
        let r = self.referral(from, 60)?;
        let mut e = self.episode(r, Some("N1"));
        let factors = self.factors();
        let a = self.assessment(r, factors);
        let auth = a.authorisation?;
        e.assessments.push(a);
        let mut enquiry = self.enquiry(r);
        let icpc = self.conference(&mut enquiry)?;
        e.section47s.push(enquiry);
        let open = self.rng.chance(50);
        self.cin_plan(&mut e, icpc.max(auth), open)?;
        Some(e)
    }

    fn cp_plan(&mut self, start: NaiveDate, previous: u32) -> CpPlan {
        let initial = self.rng.weighted(&CATEGORIES);
        let latest = if self.rng.chance(12) {
            self.rng.weighted(&CATEGORIES)
        } else {
            initial
        };
        CpPlan {
            start: Some(start),
            initial_category: s(initial),
            latest_category: s(latest),
            previous_plans: Some(previous.to_string()),
            ..Default::default()
        }
    }

    /// Ends a CP plan at one of its reviews (keeping at least `keep` reviews), then a CIN plan
    /// and, unless `open`, the episode's closure.
    fn step_down(
        &mut self,
        e: &mut Episode,
        plan: &mut CpPlan,
        reviews: Vec<NaiveDate>,
        open: bool,
    ) -> Option<()> {
        if reviews.is_empty() {
            return None;
        }
        let at = self.rng.below(reviews.len() as u64) as usize;
        let end = reviews[at];
        plan.reviews = reviews[..=at].iter().map(|d| Some(*d)).collect();
        plan.end = Some(end);
        self.cin_plan(e, end, open)
    }

    /// Referral, assessment, enquiry, conference, CP plan; open at year end or stepped down.
    fn cpp_in_year(&mut self, from: NaiveDate, open: bool, previous: u32) -> Option<Episode> {
        let r = self.referral(from, if open { 25 } else { 150 })?;
        let mut e = self.episode(r, Some("N1"));
        let factors = self.factors();
        let a = self.assessment(r, factors);
        e.assessments.push(a);
        let mut enquiry = self.enquiry(r);
        let icpc = self.conference(&mut enquiry)?;
        e.section47s.push(enquiry);
        let mut plan = self.cp_plan(icpc, previous);
        let reviews = self.year.reviews(self.rng, icpc, self.year.y1);
        if open {
            plan.reviews = reviews.into_iter().map(Some).collect();
        } else {
            self.step_down(&mut e, &mut plan, reviews, false)?;
        }
        e.cp_plans.push(plan);
        Some(e)
    }

    /// A CP plan started in the year before; open at year end, or ended at a review in the year
    /// and stepped down to a CIN plan (open, or ended and the episode closed).
    fn cpp_carried_over(&mut self) -> Option<Episode> {
        let y0 = self.year.y0;
        let r = self
            .year
            .on_or_before(y0 - Duration::days(self.rng.days(40, 500)));
        let mut e = self.episode(r, Some("N1"));
        let start = self
            .year
            .between(self.rng, self.year.add(r, 3), y0 - Duration::days(1))?;
        let previous = self.rng.weighted(&PREVIOUS_PLANS);
        let mut plan = self.cp_plan(start, previous);
        let reviews: Vec<NaiveDate> = self
            .year
            .reviews(self.rng, start, self.year.y1)
            .into_iter()
            .filter(|d| *d >= y0)
            .collect();
        match self.rng.below(3) {
            0 => plan.reviews = reviews.into_iter().map(Some).collect(),
            1 => self.step_down(&mut e, &mut plan, reviews, true)?,
            _ => self.step_down(&mut e, &mut plan, reviews, false)?,
        }
        e.cp_plans.push(plan);
        Some(e)
    }

    /// A CIN plan started in the year before; open at year end or ended and the episode closed.
    fn cin_carried_over(&mut self) -> Option<Episode> {
        let y0 = self.year.y0;
        let r = self
            .year
            .on_or_before(y0 - Duration::days(self.rng.days(40, 600)));
        let mut e = self.episode(r, None);
        let start = self
            .year
            .between(self.rng, self.year.add(r, 10), y0 - Duration::days(1))?;
        if self.rng.chance(50) {
            e.cin_plans.push(CinPlan {
                start: Some(start),
                ..Default::default()
            });
        } else {
            let end = self.year.between(self.rng, y0, self.year.y1)?;
            e.cin_plans.push(CinPlan {
                start: Some(start),
                end: Some(end),
                key: None,
            });
            let reason = self.plan_closure();
            Self::close(&mut e, end, reason);
        }
        Some(e)
    }

    /// An assessment started within the last 35 working days, not yet authorised.
    fn assessment_open(&mut self, from: NaiveDate) -> Option<Episode> {
        let y1 = self.year.y1;
        let start = self
            .year
            .between(self.rng, self.year.sub(y1, 35).max(from), y1)?;
        let r = self.year.sub(start, self.rng.range(0, 2)).max(from);
        let r = if r > start { start } else { r };
        let mut e = self.episode(r, None);
        e.assessments.push(Assessment {
            start: Some(start),
            ..Default::default()
        });
        Some(e)
    }

    /// An enquiry started within the last 9 working days, its conference not yet held.
    fn s47_open(&mut self, from: NaiveDate) -> Option<Episode> {
        let y1 = self.year.y1;
        let start = self
            .year
            .between(self.rng, self.year.sub(y1, 9).max(from), y1)?;
        let r = self.year.sub(start, self.rng.range(0, 2)).max(from);
        let r = if r > start { start } else { r };
        let mut e = self.episode(r, Some("N1"));
        e.assessments.push(Assessment {
            start: Some(r),
            ..Default::default()
        });
        e.section47s.push(Section47 {
            start: Some(start),
            icpc_target: Some(self.year.add(start, 15)),
            icpc_not_required: s("0"),
            ..Default::default()
        });
        Some(e)
    }

    fn two_episodes(&mut self) -> Option<Vec<Episode>> {
        let y0 = self.year.y0;
        if self.rng.chance(50) {
            // A carried-over CP plan stepped down and closed; a new referral, a new CP plan.
            let first = (0..20)
                .filter_map(|_| self.cpp_carried_over())
                .find(|e| e.closure_date.is_some())?;
            let closed = first.closure_date?;
            let previous = first
                .cp_plans
                .iter()
                .filter_map(|p| p.previous_plans.as_deref()?.parse::<u32>().ok())
                .max()?
                + 1;
            let from = closed + Duration::days(self.rng.days(7, 60));
            let open = self.rng.chance(70);
            let second = self.cpp_in_year(from, open, previous)?;
            Some(vec![first, second])
        } else {
            // Closed after assessment (or no further action), referred again later in the year.
            let first = if self.rng.chance(25) {
                self.nfa(y0)?
            } else {
                self.assessed(y0)?
            };
            let from = first.closure_date? + Duration::days(self.rng.days(7, 90));
            let second = match self.rng.below(4) {
                0 => self.assessed(from)?,
                1 => self.assessed_cin_plan(from, true)?,
                2 => self.assessment_open(from)?,
                _ => self.nfa(from)?,
            };
            Some(vec![first, second])
        }
    }

    fn died(&mut self) -> Option<Built> {
        let r = self.referral(self.year.y0, 120)?;
        let mut e = self.episode(r, Some("N2"));
        let factors = self.factors();
        let a = self.assessment(r, factors);
        let auth = a.authorisation?;
        e.assessments.push(a);
        let start = self.year.add(auth, self.rng.range(1, 10));
        let death = self
            .year
            .between(self.rng, self.year.add(start, 10), self.year.y1)?;
        e.cin_plans.push(CinPlan {
            start: Some(start),
            end: Some(death),
            key: None,
        });
        Self::close(&mut e, death, "RC2");
        Some(Built {
            episodes: vec![e],
            death: Some(death),
        })
    }

    /// The episodes of a pathway, or `None` when this draw does not fit in the year.
    fn build(&mut self, path: Path, expected: Option<NaiveDate>) -> Option<Built> {
        let y0 = self.year.y0;
        let one = |e: Episode| {
            Some(Built {
                episodes: vec![e],
                death: None,
            })
        };
        match path {
            Path::Nfa => one(self.nfa(y0)?),
            Path::Assessed => one(self.assessed(y0)?),
            Path::CinPlanOpen => one(self.assessed_cin_plan(y0, true)?),
            Path::CinPlanClosed => one(self.assessed_cin_plan(y0, false)?),
            Path::S47NoConference => one(self.s47_no_conference(y0)?),
            Path::ConferenceNoPlan => one(self.conference_no_plan(y0)?),
            Path::CppSteppedDown => {
                let previous = self.rng.weighted(&PREVIOUS_PLANS);
                one(self.cpp_in_year(y0, false, previous)?)
            }
            Path::CppOpen => {
                let previous = self.rng.weighted(&PREVIOUS_PLANS);
                one(self.cpp_in_year(y0, true, previous)?)
            }
            Path::CppCarriedOver => one(self.cpp_carried_over()?),
            Path::CinCarriedOver => one(self.cin_carried_over()?),
            Path::AssessmentOpen => one(self.assessment_open(y0)?),
            Path::S47Open => one(self.s47_open(y0)?),
            Path::TwoEpisodes => Some(Built {
                episodes: self.two_episodes()?,
                death: None,
            }),
            Path::Unborn => {
                // Referred no more than 270 days before the expected birth.
                let expected = expected?;
                let from = y0.max(expected - Duration::days(270));
                let e = match self.rng.below(3) {
                    0 => self.cpp_in_year(from, true, 0)?,
                    1 => self.assessed_cin_plan(from, true)?,
                    _ => self.assessment_open(from)?,
                };
                one(e)
            }
            Path::Died => self.died(),
        }
    }
}

/// Whether every date of the episode falls on or before the reference date, and on or before its
/// closure when it is closed.
fn fits(e: &Episode, y1: NaiveDate) -> bool {
    let limit = e.closure_date.unwrap_or(y1).min(y1);
    let mut dates: Vec<Option<NaiveDate>> = vec![e.referral_date, e.closure_date];
    for a in &e.assessments {
        dates.extend([a.start, a.authorisation]);
    }
    for p in &e.cin_plans {
        dates.extend([p.start, p.end]);
    }
    for s47 in &e.section47s {
        dates.extend([s47.start, s47.date_of_initial_cpc]);
    }
    for p in &e.cp_plans {
        dates.extend([p.start, p.end]);
        dates.extend(p.reviews.iter().copied());
    }
    dates.into_iter().flatten().all(|d| d <= limit)
}

// ---------------------------------------------------------------------------------------------
// Children

/// The points `j * n / k` of a return of `n` that fall on child `i`.
fn slots(i: usize, n: usize, k: usize) -> impl Iterator<Item = usize> {
    let first = (i * k).div_ceil(n.max(1));
    (first..k).take_while(move |j| j * n / k == i)
}

struct CouncilYear {
    seed: u64,
    n: usize,
    i: usize,
    year: Year,
    home_la: &'static str,
    ethnicities: VecDeque<&'static str>,
    disabilities: VecDeque<&'static [&'static str]>,
    nones: usize,
}

impl CouncilYear {
    fn new(seed: u64, children: usize, reference_date: NaiveDate) -> Self {
        let mut rng = Rng(mix(seed));
        let home_la = rng.pick(&LA_CODES);
        CouncilYear {
            seed,
            n: children,
            i: 0,
            year: Year {
                cal: Calendar::england_and_wales(),
                y0: collection_start(reference_date),
                y1: reference_date,
            },
            home_la,
            ethnicities: VecDeque::new(),
            disabilities: VecDeque::new(),
            nones: 0,
        }
    }

    fn child(&mut self) -> Child {
        let (i, n) = (self.i, self.n);
        let mut rng = Rng(mix(self.seed ^ mix(i as u64 ^ 0x5EED_0000_0000)));
        let y1 = self.year.y1;

        let forced = slots(i, n, FORCED_PATHS.len())
            .next()
            .map(|j| FORCED_PATHS[j]);
        let path = forced.unwrap_or_else(|| rng.weighted(&PATHS));
        for j in slots(i, n, ETHNICITIES.len()) {
            self.ethnicities.push_back(ETHNICITIES[j].0);
        }
        for j in slots(i, n, FORCED_DISABILITIES.len()) {
            self.disabilities.push_back(FORCED_DISABILITIES[j]);
        }

        // Unborn: expected after the reference date and within six months of it.
        let expected = (path == Path::Unborn).then(|| y1 + Duration::days(rng.days(10, 180)));

        // Disabilities: forced sets to the first born children at their points; otherwise one
        // child in eleven, with one to three codes; NONE while the return still needs eight.
        let left = n - i;
        let disabilities: Vec<String> = if expected.is_some() {
            vec!["NONE".to_owned()]
        } else if let Some(set) = self.disabilities.pop_front() {
            set.iter().map(|d| (*d).to_owned()).collect()
        } else if self.nones + left > 8 && (path == Path::Died || rng.chance(9)) {
            let mut codes: Vec<String> = Vec::new();
            for _ in 0..rng.range(1, 3) {
                let d = rng.weighted(&DISABILITIES);
                if !codes.iter().any(|c| c == d) {
                    codes.push(d.to_owned());
                }
            }
            codes
        } else {
            vec!["NONE".to_owned()]
        };
        if disabilities.len() == 1 && disabilities[0] == "NONE" {
            self.nones += 1;
        }
        let disabled = disabilities.iter().all(|d| d != "NONE");

        let mut built = None;
        for _ in 0..64 {
            let mut maker = Maker {
                year: &self.year,
                rng: &mut rng,
                disabled,
            };
            if let Some(b) = maker.build(path, expected) {
                if b.episodes.iter().all(|e| fits(e, y1)) {
                    built = Some(b);
                    break;
                }
            }
        }
        let Built { episodes, death } = match built {
            Some(b) => b,
            None => {
                // A referral with no further action always fits.
                let r = self.year.on_or_after(self.year.y0 + Duration::days(1));
                let mut maker = Maker {
                    year: &self.year,
                    rng: &mut rng,
                    disabled,
                };
                let mut e = maker.episode(r, None);
                e.primary_need = None;
                e.referral_nfa = s("1");
                Maker::close(&mut e, r, "RC7");
                Built {
                    episodes: vec![e],
                    death: None,
                }
            }
        };

        // Birth: an age at the reference date, before the first referral.
        let first_referral = episodes
            .iter()
            .filter_map(|e| e.referral_date)
            .min()
            .unwrap_or(y1);
        let birth = expected.is_none().then(|| {
            let years = rng.weighted(&[(0u32, 10), (1, 15), (5, 28), (10, 35), (16, 12)]);
            let span = match years {
                0 => (0, 364),
                1 => (365, 5 * 365),
                5 => (5 * 365 + 2, 10 * 365),
                10 => (10 * 365 + 3, 16 * 365),
                _ => (16 * 365 + 4, 18 * 365 - 30),
            };
            let b = y1 - Duration::days(rng.days(span.0, span.1));
            if b > first_referral {
                first_referral - Duration::days(rng.days(0, 20))
            } else {
                b
            }
        });

        // UPN or the reason there is none.
        let school_age_by = y1
            .checked_add_months(Months::new(4))
            .map(|d| d + Duration::days(31))
            .and_then(|d| d.checked_sub_months(Months::new(72)))
            .unwrap_or(y1);
        let all_nfa = episodes
            .iter()
            .all(|e| e.referral_nfa.as_deref() == Some("1"));
        let la = if rng.chance(85) {
            self.home_la
        } else {
            rng.pick(&LA_CODES)
        };
        let serial = (i as u64 * 7919 + self.seed % 100_000) % 100_000;
        let digits = format!("{la}{:04}{serial:05}", rng.range(1000, 7999));
        let (upn_value, unknown) = match birth {
            None => (None, Some("UN6")),
            Some(b) if b > school_age_by => {
                if rng.chance(30) {
                    (Some(upn(&digits)), None)
                } else {
                    (None, Some("UN6"))
                }
            }
            Some(b) => {
                let over_16 = b <= y1 - Duration::days(16 * 365 + 4);
                if rng.chance(94) {
                    (Some(upn(&digits)), None)
                } else if all_nfa {
                    (None, Some(if over_16 { "UN1" } else { "UN7" }))
                } else {
                    (None, Some(rng.pick(&["UN2", "UN3", "UN4", "UN5"])))
                }
            }
        };

        let ethnicity = self
            .ethnicities
            .pop_front()
            .unwrap_or_else(|| rng.weighted(&ETHNICITIES));
        let id = (i as u64 * 7_654_321 + self.seed % 10_000_000) % 10_000_000;
        Child {
            la_child_id: Some(format!("SC{id:07}")),
            upn: upn_value,
            upn_unknown: unknown.map(str::to_owned),
            birth_date: birth,
            expected_birth_date: expected,
            sex: s(if expected.is_some() {
                "U"
            } else if rng.chance(52) {
                "M"
            } else {
                "F"
            }),
            death_date: death,
            has_characteristics: true,
            ethnicity: s(ethnicity),
            disabilities,
            episodes,
            ..Default::default()
        }
    }
}

impl Iterator for CouncilYear {
    type Item = Child;

    fn next(&mut self) -> Option<Child> {
        if self.i >= self.n {
            return None;
        }
        let c = self.child();
        self.i += 1;
        Some(c)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let left = self.n - self.i;
        (left, Some(left))
    }
}
