//! Whether the child was seen, and seen alone, judged across the whole assessment rather than
//! visit by visit. Seed 004: "Whilst children should be seen alone, if this is not possible or in
//! their best interests, the reason should be discussed with the team manager and clearly
//! recorded by manager within the child's record." Seed 002 (Working Together 2018 ch.1): "Where
//! possible, children should be seen alone". A home visit with the family present is ordinary
//! practice; what needs the manager's recorded reason is an assessment in which the child was
//! never seen alone — one reason for the assessment, not one per visit.

use chrono::NaiveDate;

/// What one visit contributes to the judgement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SeenOnVisit {
    pub date: NaiveDate,
    pub child_seen: bool,
    pub seen_alone: bool,
    /// A manager has recorded why the child was not seen, or not seen alone, on this visit.
    pub has_reason: bool,
}

/// The judgement across every visit of the assessment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SeenAcross {
    /// No visit is recorded yet.
    NoVisits,
    /// Visits are recorded but none saw the child.
    NotSeen,
    /// The child was seen, but on no visit alone.
    SeenNotAlone,
    /// The child was seen alone on at least one visit (the first such date).
    SeenAlone(NaiveDate),
}

impl SeenAcross {
    /// The judgement in words, for the assessment page and the manager.
    pub fn text(self) -> String {
        match self {
            SeenAcross::NoVisits => "No visit is recorded yet".into(),
            SeenAcross::NotSeen => "The child has not been seen on any visit".into(),
            SeenAcross::SeenNotAlone => {
                "The child has been seen, but not alone on any visit".into()
            }
            SeenAcross::SeenAlone(d) => format!(
                "The child was seen alone (first on {})",
                crate::uk_time::format_date(d)
            ),
        }
    }
}

/// Judges the child seen, and seen alone, across all of `visits`.
pub fn seen_across(visits: &[SeenOnVisit]) -> SeenAcross {
    if visits.is_empty() {
        return SeenAcross::NoVisits;
    }
    if let Some(d) = visits
        .iter()
        .filter(|v| v.child_seen && v.seen_alone)
        .map(|v| v.date)
        .min()
    {
        return SeenAcross::SeenAlone(d);
    }
    if visits.iter().any(|v| v.child_seen) {
        SeenAcross::SeenNotAlone
    } else {
        SeenAcross::NotSeen
    }
}

/// The one visit on which the manager's reason is asked for: none when the child was seen alone
/// on some visit, or a manager has already recorded a reason on any visit; otherwise the latest
/// visit (the last recorded among those on the latest date).
pub fn reason_needed_on(visits: &[SeenOnVisit]) -> Option<usize> {
    match seen_across(visits) {
        SeenAcross::NoVisits | SeenAcross::SeenAlone(_) => None,
        SeenAcross::NotSeen | SeenAcross::SeenNotAlone => {
            if visits.iter().any(|v| v.has_reason) {
                return None;
            }
            let latest = visits.iter().map(|v| v.date).max()?;
            visits.iter().rposition(|v| v.date == latest)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(day: u32, child_seen: bool, seen_alone: bool, has_reason: bool) -> SeenOnVisit {
        SeenOnVisit {
            date: NaiveDate::from_ymd_opt(2026, 11, day).unwrap(),
            child_seen,
            seen_alone,
            has_reason,
        }
    }

    // Seed 004: the reason is recorded when the child could not be seen alone — judged over the
    // assessment. A home visit with the mother present on 24 November followed by seeing the child
    // alone at school on 26 November needs no reason at all.
    #[test]
    fn a_later_visit_alone_means_no_reason_is_needed() {
        let visits = [v(24, true, false, false), v(26, true, true, false)];
        assert_eq!(
            seen_across(&visits),
            SeenAcross::SeenAlone(NaiveDate::from_ymd_opt(2026, 11, 26).unwrap())
        );
        assert_eq!(reason_needed_on(&visits), None);
    }

    // Never seen alone over three visits: one reason, asked on the latest visit (27 November,
    // index 1 — the visits are not in date order), not three.
    #[test]
    fn never_alone_asks_for_one_reason_on_the_latest_visit() {
        let visits = [
            v(24, true, false, false),
            v(27, true, false, false),
            v(25, false, false, false),
        ];
        assert_eq!(seen_across(&visits), SeenAcross::SeenNotAlone);
        assert_eq!(reason_needed_on(&visits), Some(1));
        let mut answered = visits;
        answered[0].has_reason = true;
        assert_eq!(reason_needed_on(&answered), None);
    }

    #[test]
    fn never_seen_and_no_visits() {
        assert_eq!(seen_across(&[]), SeenAcross::NoVisits);
        assert_eq!(reason_needed_on(&[]), None);
        let visits = [v(24, false, false, false)];
        assert_eq!(seen_across(&visits), SeenAcross::NotSeen);
        assert_eq!(reason_needed_on(&visits), Some(0));
        assert_eq!(
            SeenAcross::NotSeen.text(),
            "The child has not been seen on any visit"
        );
    }
}
