//! National timescales, as Working Together to Safeguard Children 2018 ch.1 (seed 002) words
//! them; the 2023 edition keeps each. They are code: a local protocol may be stricter, never
//! looser. An early review when a child on a plan goes missing is not among them: it is a local
//! rule (seed 000 §7.3: "missing for over seven days"), set in a protocol.
//!
//! A local value in the national rule's unit is compared directly. In another unit it is allowed
//! only when it can never run past the national timescale, whatever the start date: "12 weeks"
//! keeps to "3 months" (never fewer than 89 days), "13 weeks" does not. A local value in working
//! days against a national rule in calendar units is refused, because bank holidays and closure
//! days can stretch working days without limit.

use chrono::{Months, NaiveDate};

use super::duration::Timescale;

/// One national rule: the protocol field it caps, the cap, and the rule in words.
pub struct NationalRule {
    pub field: &'static str,
    pub cap: Timescale,
    pub rule: &'static str,
}

pub const NATIONAL: &[NationalRule] = &[
    NationalRule { field: "referral.decision", cap: Timescale::WorkingDays(1), rule: "a decision about next steps is made within one working day of a referral being received (Working Together 2018, ch.1 para 71; unchanged in Working Together 2023)" },
    NationalRule { field: "assessment.complete", cap: Timescale::WorkingDays(45), rule: "a child and family assessment concludes no longer than 45 working days from the point of referral (Working Together 2018, ch.1 para 75; unchanged in Working Together 2023)" },
    NationalRule { field: "cp.initial_conference", cap: Timescale::WorkingDays(15), rule: "an initial child protection conference takes place within 15 working days of the strategy discussion at which section 47 enquiries were initiated (Working Together 2018, ch.1, 'Outcome of section 47 enquiries'; unchanged in Working Together 2023)" },
    NationalRule { field: "cp.core_group", cap: Timescale::WorkingDays(10), rule: "the core group meets within 10 working days from the initial child protection conference (Working Together 2018, ch.1, 'Actions and responsibilities following the initial child protection conference'; unchanged in Working Together 2023)" },
    NationalRule { field: "cp.first_review", cap: Timescale::Months(3), rule: "the first review conference is held within three months of the initial conference (Working Together 2018, ch.1, 'Child protection review conference'; unchanged in Working Together 2023)" },
    NationalRule { field: "cp.review_every", cap: Timescale::Months(6), rule: "further review conferences are held at intervals of no more than six months (Working Together 2018, ch.1, 'Child protection review conference'; unchanged in Working Together 2023)" },
];

/// The national rule this field is capped by, if any.
pub fn rule_for(field: &str) -> Option<&'static NationalRule> {
    NATIONAL.iter().find(|r| r.field == field)
}

/// The shortest and longest number of calendar days `n` months can span (end-of-month clamping
/// makes them differ), over every start date of a leap-year cycle.
fn month_span(n: u32) -> (u64, u64) {
    let Some(start) = NaiveDate::from_ymd_opt(2000, 1, 1) else {
        return (0, u64::MAX);
    };
    start
        .iter_days()
        .take(4 * 366)
        .filter_map(|d| {
            let end = d.checked_add_months(Months::new(n))?;
            u64::try_from((end - d).num_days()).ok()
        })
        .fold((u64::MAX, 0), |(lo, hi), s| (lo.min(s), hi.max(s)))
}

/// The shortest span of `t` in calendar days, from any start date.
fn shortest(t: Timescale) -> u64 {
    match t {
        // From a Sunday, n working days take n days plus two for each weekend crossed.
        Timescale::WorkingDays(n) => u64::from(n) + 2 * u64::from(n.saturating_sub(1) / 5),
        Timescale::Days(n) => u64::from(n),
        Timescale::Weeks(n) => 7 * u64::from(n),
        Timescale::Months(n) => month_span(n).0,
    }
}

/// The longest span of `t` in calendar days, from any start date (`None`: no bound).
fn longest(t: Timescale) -> Option<u64> {
    match t {
        Timescale::WorkingDays(_) => None,
        Timescale::Days(n) => Some(u64::from(n)),
        Timescale::Weeks(n) => Some(7 * u64::from(n)),
        Timescale::Months(n) => Some(month_span(n).1),
    }
}

/// Why `value` breaks the cap, or `None` when it keeps to it from every start date.
pub fn check(rule: &NationalRule, value: Timescale) -> Option<String> {
    let same_unit = std::mem::discriminant(&rule.cap) == std::mem::discriminant(&value);
    if same_unit {
        return (value.n() > rule.cap.n())
            .then(|| format!("{value} relaxes the national rule: {}", rule.rule));
    }
    match longest(value) {
        None => Some(format!(
            "{value} can run past {} over bank holidays and closure days, so it may relax the national rule: {}; give it in days, weeks or months, or as {}",
            rule.cap, rule.rule, rule.cap
        )),
        Some(days) if days > shortest(rule.cap) => Some(format!(
            "{value} can be longer than {} (as short as {} days from some dates), so it relaxes the national rule: {}",
            rule.cap,
            shortest(rule.cap),
            rule.rule
        )),
        Some(_) => None,
    }
}

/// A date `days` after `d`, for tests of the spans.
#[cfg(test)]
fn plus(d: NaiveDate, days: u64) -> NaiveDate {
    d.checked_add_days(chrono::Days::new(days)).unwrap_or(d)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::Calendar;

    fn cap(field: &str) -> &'static NationalRule {
        rule_for(field).unwrap()
    }

    #[test]
    fn same_unit_compares_the_number() {
        assert!(check(cap("assessment.complete"), Timescale::WorkingDays(45)).is_none());
        assert!(check(cap("assessment.complete"), Timescale::WorkingDays(40)).is_none());
        let why = check(cap("assessment.complete"), Timescale::WorkingDays(50)).unwrap();
        assert!(why.starts_with("50 working days relaxes the national rule: a child and family assessment concludes no longer than 45 working days from the point of referral"), "{why}");
    }

    #[test]
    fn other_units_are_allowed_only_when_never_longer() {
        assert_eq!(month_span(1), (28, 31));
        assert_eq!(month_span(3).0, 89);
        assert_eq!(month_span(6).0, 181);
        assert!(check(cap("cp.first_review"), Timescale::Weeks(12)).is_none());
        assert!(check(cap("cp.first_review"), Timescale::Days(89)).is_none());
        assert!(check(cap("cp.first_review"), Timescale::Days(90)).is_some());
        assert!(check(cap("cp.first_review"), Timescale::Weeks(13)).is_some());
        assert!(check(cap("cp.review_every"), Timescale::Weeks(25)).is_none());
        assert!(check(cap("cp.review_every"), Timescale::Weeks(26)).is_some());
        assert!(rule_for("cp.missing_review_after").is_none());
        assert!(check(cap("cp.first_review"), Timescale::WorkingDays(3))
            .unwrap()
            .contains("bank holidays"));
        assert!(check(cap("assessment.complete"), Timescale::Weeks(8)).is_none());
        assert!(check(cap("assessment.complete"), Timescale::Weeks(9)).is_some());
        assert!(check(cap("cp.initial_conference"), Timescale::Days(19)).is_none());
        assert!(check(cap("cp.initial_conference"), Timescale::Days(20)).is_some());
    }

    #[test]
    fn the_shortest_working_day_span_is_reached_from_a_sunday() {
        let cal = Calendar::england_and_wales();
        // Sunday 7 January 2024: no bank holidays for weeks.
        let sunday = NaiveDate::from_ymd_opt(2024, 1, 7).unwrap();
        for n in 1..=45 {
            let due = cal.add_working_days(sunday, n);
            assert_eq!(
                due,
                plus(sunday, shortest(Timescale::WorkingDays(n))),
                "{n}"
            );
            for start in sunday.iter_days().take(7) {
                let span = (cal.add_working_days(start, n) - start).num_days();
                assert!(span as u64 >= shortest(Timescale::WorkingDays(n)));
            }
        }
    }
}
