//! Missing a timescale: Working Together 2018 ch.1 asks that the record says why an assessment
//! or a decision took longer than its timescale, so a clock met after its due date needs the
//! reason. The sentence names the clock's own rule and anchor as it started (45 working days
//! from the referral under one protocol, 35 from the strategy discussion under another), never a
//! timescale written into the message.

use chrono::NaiveDate;

use crate::errors::FieldError;
use crate::uk_time::format_date;

/// A clock as the late-reason rule needs it.
#[derive(Debug, Clone)]
pub struct DueBy<'a> {
    /// What is due, as a person reads it ("Assessment completion").
    pub what: String,
    pub due: NaiveDate,
    /// The rule it started under ("45 working days").
    pub rule: &'a str,
    /// The event it runs from ("referral").
    pub anchor: &'a str,
}

/// `Ok` when `done_on` is within the timescale or a reason is given; otherwise the field error
/// for `late_reason`, naming the due date and the rule.
pub fn check_late_reason(
    clock: &DueBy<'_>,
    done_on: NaiveDate,
    reason: Option<&str>,
) -> Result<(), FieldError> {
    let given = reason.is_some_and(|r| !r.trim().is_empty());
    if done_on <= clock.due || given {
        return Ok(());
    }
    Err(FieldError::new(
        "late_reason",
        "late_reason_required",
        format!(
            "{} was due by {} ({} from the {}); record why it happened later",
            clock.what,
            format_date(clock.due),
            clock.rule,
            clock.anchor
        ),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    // Seed 000 §5.16: a core assessment after a strategy discussion runs 35 working days from
    // the discussion; the message must say so, not "45 working days from the referral".
    #[test]
    fn the_message_names_the_clocks_own_rule_and_anchor() {
        let c = DueBy {
            what: "Core assessment".into(),
            due: d(2027, 1, 15),
            rule: "35 working days",
            anchor: "strategy discussion",
        };
        let e = check_late_reason(&c, d(2027, 1, 18), None).unwrap_err();
        assert_eq!(e.field, "late_reason");
        assert_eq!(e.code, "late_reason_required");
        assert_eq!(
            e.message,
            "Core assessment was due by 15 January 2027 (35 working days from the strategy discussion); record why it happened later"
        );
    }

    #[test]
    fn on_time_or_with_a_reason_passes_and_a_blank_reason_does_not() {
        let c = DueBy {
            what: "Assessment completion".into(),
            due: d(2027, 1, 27),
            rule: "45 working days",
            anchor: "referral",
        };
        assert!(check_late_reason(&c, d(2027, 1, 27), None).is_ok());
        assert!(check_late_reason(&c, d(2027, 1, 28), Some("Family abroad")).is_ok());
        assert!(check_late_reason(&c, d(2027, 1, 28), Some("   ")).is_err());
    }
}
