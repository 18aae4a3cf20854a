//! The letter to the referrer about the decision. Working Together 2018 ch.1 para 22: "Feedback
//! should be given by local authority children's social care to the referrer on the decisions
//! taken. Where appropriate, this feedback should include the reasons why a case may not meet the
//! statutory threshold and offer suggestions for other sources of more suitable support."

use chrono::NaiveDate;

use crate::front_door::decision::ReferralOutcome;
use crate::uk_time::format_date;

/// What the letter is built from.
pub struct LetterFacts<'a> {
    pub referrer_name: &'a str,
    pub referrer_agency: &'a str,
    pub child_name: &'a str,
    pub received_on: NaiveDate,
    pub reference: &'a str,
    pub decided_on: NaiveDate,
    pub outcomes: &'a [ReferralOutcome],
    pub referred_to: Option<&'a str>,
    pub feedback: &'a str,
    pub today: NaiveDate,
}

/// The letter's text, in plain words, ready to print or send.
pub fn feedback_letter(f: &LetterFacts<'_>) -> String {
    let to = match (f.referrer_name.trim(), f.referrer_agency.trim()) {
        ("", "") => "the referrer".to_string(),
        (n, "") => n.to_string(),
        ("", a) => a.to_string(),
        (n, a) => format!("{n}, {a}"),
    };
    let decided: Vec<&str> = f.outcomes.iter().map(|o| o.text()).collect();
    let mut out = format!(
        "{}\n\nTo: {to}\n\nYour referral about {}, received on {} (reference {})\n\n",
        format_date(f.today),
        f.child_name.trim(),
        format_date(f.received_on),
        f.reference
    );
    out.push_str(&format!(
        "Thank you for your referral. On {} children's social care decided: {}.\n",
        format_date(f.decided_on),
        decided.join("; ")
    ));
    if let Some(agency) = f.referred_to.map(str::trim).filter(|a| !a.is_empty()) {
        out.push_str(&format!("We have passed your referral to {agency}.\n"));
    }
    out.push_str(&format!("\nWhat happens next:\n{}\n", f.feedback.trim()));
    out.push_str("\nIf you remain worried about the child, or are not satisfied with this response, please contact the front door again and ask to speak to a manager; you may escalate your concern under the safeguarding partnership's escalation procedure.\n\nChildren's social care front door\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_default()
    }

    #[test]
    fn the_letter_says_the_decision_and_what_happens_next() {
        let letter = feedback_letter(&LetterFacts {
            referrer_name: "Sam Teacher",
            referrer_agency: "Hillside Primary",
            child_name: "Alex Example",
            received_on: d("2025-12-24"),
            reference: "R-12AB34",
            decided_on: d("2025-12-29"),
            outcomes: &[ReferralOutcome::ReferToOtherAgency],
            referred_to: Some("Community mental health team"),
            feedback: "The family has been offered support by the CMHT.",
            today: d("2025-12-29"),
        });
        assert!(letter.starts_with("29 December 2025\n\nTo: Sam Teacher, Hillside Primary"));
        assert!(letter.contains("received on 24 December 2025 (reference R-12AB34)"));
        assert!(letter.contains("decided: Refer to another agency."));
        assert!(letter.contains("We have passed your referral to Community mental health team."));
        assert!(
            letter.contains("What happens next:\nThe family has been offered support by the CMHT.")
        );
        assert!(letter.contains("escalat"));
    }
}
