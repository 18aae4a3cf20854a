//! Which clocks an assessment runs under the protocol in force, and the question each manager
//! checkpoint asks.
//!
//! Always: the national clock (45 working days from the referral that asked for this assessment,
//! or from the event that started it on an open case: see [`completion_anchor`]) and the census
//! measure (from the assessment's start to its authorisation). Staged protocols (seed 004) add
//! the first stage from the start; initial-and-core protocols (seed 000) add the initial
//! assessment from the referral, and the core assessment from the end of the initial one or from
//! the strategy discussion that started section 47 enquiries. Manager checkpoints run from the
//! same anchor as the national clock (seed 004: "no longer than 45 working days from the point of
//! Referral … checkpoints at 10, 30 and 45 days"), so a checkpoint at 45 days is the deadline
//! itself. A pre-birth assessment runs back from the expected date of delivery where the
//! protocol says so.

use chrono::NaiveDate;

use crate::clock::{Anchor, ClockKind};
use crate::protocol::{AssessmentModel, Protocol};

use super::Origin;

/// A clock to start, with its anchor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StartClock {
    pub kind: ClockKind,
    pub anchor: Anchor,
}

fn at(kind: ClockKind, event: &str, date: NaiveDate) -> StartClock {
    StartClock {
        kind,
        anchor: Anchor {
            event: event.to_string(),
            date,
        },
    }
}

/// What the assessment's timescale runs from. Working Together 2018 ch.1: "no longer than 45
/// working days from the point of referral" — the referral whose decision asked for *this*
/// assessment (`event_date` is its date), never the first referral of a long-open episode. An
/// assessment started by a strategy discussion runs from the discussion's own date (`event_date`;
/// seed 000 §5.16: "from when a strategy discussion decides to initiate enquiries under section
/// 47"); one started after a review runs from its start, so it never opens already overdue.
pub fn completion_anchor(
    origin: Origin,
    event_date: Option<NaiveDate>,
    start: NaiveDate,
) -> Anchor {
    let (event, date) = match (origin, event_date) {
        (Origin::ReferralDecision, Some(d)) => ("referral", d),
        (Origin::ReferralDecision, None) => ("assessment start", start),
        (Origin::StrategyDiscussion, Some(d)) => ("strategy discussion", d),
        (Origin::StrategyDiscussion, None) => ("strategy discussion", start),
        (Origin::Review, _) => ("review", start),
    };
    Anchor {
        event: event.to_string(),
        date,
    }
}

/// The clocks to start when an assessment opens; `anchor` is its [`completion_anchor`].
pub fn clocks_at_start(
    protocol: &Protocol,
    origin: Origin,
    anchor: &Anchor,
    start: NaiveDate,
    expected_delivery: Option<NaiveDate>,
) -> Vec<StartClock> {
    let referral_date = anchor.date;
    let mut v = vec![
        at(ClockKind::AssessmentCompletion, &anchor.event, anchor.date),
        at(ClockKind::AssessmentCensus, "assessment start", start),
    ];
    match protocol.assessment_model {
        AssessmentModel::Single => {}
        AssessmentModel::Staged { .. } => {
            v.push(at(
                ClockKind::AssessmentFirstStage,
                "assessment start",
                start,
            ));
        }
        AssessmentModel::InitialAndCore { .. } => {
            if origin == Origin::StrategyDiscussion {
                // Seed 000: the core assessment runs from the s47 decision, with no initial stage.
                v.push(at(
                    ClockKind::CoreAssessment,
                    "strategy discussion that started section 47 enquiries",
                    anchor.date,
                ));
            } else {
                v.push(at(
                    ClockKind::InitialAssessment,
                    &anchor.event,
                    referral_date,
                ));
            }
        }
    }
    for n in 1..=protocol.checkpoints.len() {
        if let Ok(n) = u8::try_from(n) {
            v.push(at(
                ClockKind::AssessmentCheckpoint(n),
                &anchor.event,
                anchor.date,
            ));
        }
    }
    if let (Some(edd), Some(_)) = (expected_delivery, protocol.pre_birth_before_due_date) {
        v.push(at(
            ClockKind::PreBirthAssessment,
            "expected date of delivery",
            edd,
        ));
    }
    v
}

/// The refresh clock when an authorised assessment's outcome keeps the child's case open, where
/// the protocol refreshes assessments (seed 004: "Child and Family Assessments (CAFA) must be
/// reviewed and updated at least annually"); none when the outcome closes the case.
pub fn refresh_after(
    protocol: &Protocol,
    authorised_on: NaiveDate,
    closes_case: bool,
) -> Option<StartClock> {
    (protocol.assessment_refresh.is_some() && !closes_case).then(|| {
        at(
            ClockKind::AssessmentRefresh,
            "assessment's authorisation",
            authorised_on,
        )
    })
}

/// The question manager checkpoint `n` asks.
pub fn checkpoint_question(protocol: &Protocol, n: u8) -> String {
    let idx = usize::from(n).saturating_sub(1);
    let last = protocol.checkpoints.len() == usize::from(n);
    let at_end = protocol.checkpoints.get(idx) == Some(&protocol.assessment_complete);
    let staged = !matches!(protocol.assessment_model, AssessmentModel::Single);
    if at_end || (last && n > 1) {
        "The assessment is due to be complete. Is it ready to authorise? If not, what is outstanding, why, and by when will it be done?".into()
    } else if n == 1 && staged {
        "End of the first stage. Is the child safe? Are the concerns confirmed? Should the assessment continue, and with what plan, or conclude now?".into()
    } else if last && !staged {
        // Seed 001 (Dudley): "completed, written up and signed off by a manager within 35 working
        // days … completed within 45 days maximum": the one checkpoint before the deadline asks
        // for the sign-off itself.
        format!(
            "The assessment should now be completed, written up and signed off by a manager ({} from the referral; {} at most). Is it? If not, what is outstanding, why, and by when?",
            protocol.checkpoints.get(idx).map_or_else(String::new, ToString::to_string),
            protocol.assessment_complete
        )
    } else {
        format!(
            "Is the assessment on track to be authorised within {} of the referral? What is still to be done, and have any new risks emerged?",
            protocol.assessment_complete
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn kinds(p: &str, origin: Origin, edd: Option<NaiveDate>) -> Vec<String> {
        let p = Protocol::preset(p).unwrap();
        let anchor = completion_anchor(origin, Some(d("2026-03-02")), d("2026-03-03"));
        clocks_at_start(&p, origin, &anchor, d("2026-03-03"), edd)
            .into_iter()
            .map(|c| c.kind.code())
            .collect()
    }

    #[test]
    fn each_preset_starts_its_own_clocks() {
        assert_eq!(
            kinds("working-together", Origin::ReferralDecision, None),
            vec!["assessment-completion", "assessment-census"]
        );
        assert_eq!(
            kinds("blackpool", Origin::ReferralDecision, Some(d("2026-06-01"))),
            vec![
                "assessment-completion",
                "assessment-census",
                "assessment-first-stage",
                "assessment-checkpoint-1",
                "assessment-checkpoint-2",
                "assessment-checkpoint-3",
                "pre-birth-assessment"
            ]
        );
        assert_eq!(
            kinds("nottinghamshire-2001", Origin::ReferralDecision, None),
            vec![
                "assessment-completion",
                "assessment-census",
                "initial-assessment",
                "assessment-checkpoint-1"
            ]
        );
        assert!(
            kinds("nottinghamshire-2001", Origin::StrategyDiscussion, None)
                .contains(&"core-assessment".to_string())
        );
        // Only protocols with a pre-birth timescale run the pre-birth clock.
        assert!(
            !kinds("dudley", Origin::ReferralDecision, Some(d("2026-06-01")))
                .contains(&"pre-birth-assessment".to_string())
        );
    }

    // Seed 004: "Child and Family Assessments (CAFA) must be reviewed and updated at least
    // annually": a child who stays open gets a refresh clock from the authorisation; 12 months
    // from 15 March 2027 is 15 March 2028. A closed case, or a protocol without the rule, none.
    #[test]
    fn blackpool_refreshes_an_open_childs_assessment_yearly() {
        let b = Protocol::preset("blackpool").unwrap();
        let c = refresh_after(&b, d("2027-03-15"), false).unwrap();
        assert_eq!(c.kind, ClockKind::AssessmentRefresh);
        assert_eq!(c.anchor.date, d("2027-03-15"));
        let cal = crate::calendar::Calendar::england_and_wales();
        let due = crate::clock::compute(c.kind, c.anchor, &b, &cal).unwrap();
        assert_eq!(due.date, d("2028-03-15"));
        assert!(refresh_after(&b, d("2027-03-15"), true).is_none());
        let wt = Protocol::preset("working-together").unwrap();
        assert!(refresh_after(&wt, d("2027-03-15"), false).is_none());
    }

    #[test]
    fn checkpoint_questions_fit_the_stage() {
        let b = Protocol::preset("blackpool").unwrap();
        assert!(checkpoint_question(&b, 1).starts_with("End of the first stage"));
        assert!(checkpoint_question(&b, 2).contains("on track"));
        assert!(checkpoint_question(&b, 3).contains("ready to authorise"));
        let dudley = Protocol::preset("dudley").unwrap();
        // Seed 001: "completed, written up and signed off by a manager within 35 working days".
        let q = checkpoint_question(&dudley, 1);
        assert!(
            q.contains("completed, written up and signed off by a manager"),
            "{q}"
        );
        assert!(
            q.contains("35 working days from the referral; 45 days at most"),
            "{q}"
        );
    }
}
