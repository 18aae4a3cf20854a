//! Factors identified at assessment: the DfE CIN census codes (`AssessmentFactors`). Code 21, "no
//! factors identified", stands alone (rule 8869); no code twice (8898); 18A and 19A are retired in
//! favour of their B and C sub-codes (queries 8945Q and 8950Q), so Hearth does not accept them.

use crate::errors::ValidationErrors;

/// A census factor code with its meaning.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Factor {
    pub code: &'static str,
    pub label: &'static str,
}

const fn f(code: &'static str, label: &'static str) -> Factor {
    Factor { code, label }
}

/// Every code Hearth offers, in census order.
pub const FACTORS: &[Factor] = &[
    f("1A", "Alcohol misuse: concerns about the child"),
    f("1B", "Alcohol misuse: concerns about a parent or carer"),
    f(
        "1C",
        "Alcohol misuse: concerns about another person in the household",
    ),
    f("2A", "Drug misuse: concerns about the child"),
    f("2B", "Drug misuse: concerns about a parent or carer"),
    f(
        "2C",
        "Drug misuse: concerns about another person in the household",
    ),
    f(
        "3A",
        "Domestic abuse: concerns about the child being the subject",
    ),
    f(
        "3B",
        "Domestic abuse: concerns about a parent or carer being the subject",
    ),
    f(
        "3C",
        "Domestic abuse: concerns about another person in the household being the subject",
    ),
    f("4A", "Mental health: concerns about the child"),
    f("4B", "Mental health: concerns about a parent or carer"),
    f(
        "4C",
        "Mental health: concerns about another person in the household",
    ),
    f("5A", "Learning disability: concerns about the child"),
    f(
        "5B",
        "Learning disability: concerns about a parent or carer",
    ),
    f(
        "5C",
        "Learning disability: concerns about another person in the household",
    ),
    f(
        "6A",
        "Physical disability or illness: concerns about the child",
    ),
    f(
        "6B",
        "Physical disability or illness: concerns about a parent or carer",
    ),
    f(
        "6C",
        "Physical disability or illness: concerns about another person in the household",
    ),
    f("7A", "Young carer"),
    f(
        "8B",
        "Privately fostered: overseas child who intends to return",
    ),
    f(
        "8C",
        "Privately fostered: overseas child who intends to stay",
    ),
    f(
        "8D",
        "Privately fostered: UK child in an educational placement",
    ),
    f(
        "8E",
        "Privately fostered: UK child whose parents made an alternative arrangement",
    ),
    f("8F", "Privately fostered: other"),
    f("9A", "Unaccompanied asylum-seeking child"),
    f("10A", "Going or being missing"),
    f("11A", "Child sexual exploitation"),
    f("12A", "Trafficking"),
    f("13A", "Gangs"),
    f("14A", "Socially unacceptable behaviour"),
    f("15A", "Self-harm"),
    f("16A", "Neglect"),
    f("17A", "Emotional abuse"),
    f("18B", "Physical abuse: adult on child"),
    f("18C", "Physical abuse: child on child"),
    f("19B", "Sexual abuse: adult on child"),
    f("19C", "Sexual abuse: child on child"),
    f("20", "Other"),
    f("21", "No factors identified"),
    f("22A", "Female genital mutilation"),
    f("23A", "Abuse linked to faith or belief"),
    f("24A", "Child criminal exploitation"),
];

/// The code for "no factors identified".
pub const NO_FACTORS: &str = "21";

impl Factor {
    pub fn find(code: &str) -> Option<Factor> {
        let c = code.trim().to_ascii_uppercase();
        FACTORS.iter().copied().find(|f| f.code == c)
    }
}

/// Parses and checks the factors, returning them in census order. `field` names the input.
pub fn check_factors(codes: &[String], field: &str) -> Result<Vec<Factor>, ValidationErrors> {
    let mut e = ValidationErrors::default();
    let mut found: Vec<Factor> = Vec::new();
    for raw in codes.iter().map(|c| c.trim()).filter(|c| !c.is_empty()) {
        let upper = raw.to_ascii_uppercase();
        match Factor::find(raw) {
            Some(f) if found.contains(&f) => e.add(
                field,
                "duplicate_factor",
                format!("Factor {} is recorded twice; record each factor once", f.code),
            ),
            Some(f) => found.push(f),
            None if upper == "18A" || upper == "19A" => e.add(
                field,
                "retired_factor",
                format!(
                    "Factor {upper} is no longer used in the census: choose {0}B (adult on child) or {0}C (child on child)",
                    &upper[..2]
                ),
            ),
            None => e.add(
                field,
                "unknown_factor",
                format!("'{raw}' is not a census assessment factor code"),
            ),
        }
    }
    if found.is_empty() && e.is_empty() {
        e.add(
            field,
            "required",
            "Record the factors identified at assessment, or 21 (no factors identified)",
        );
    }
    if found.len() > 1 && found.iter().any(|f| f.code == NO_FACTORS) {
        e.add(
            field,
            "factor_21_alone",
            "Factor 21 (no factors identified) cannot be recorded with other factors: remove 21 or remove the others",
        );
    }
    found.sort_by_key(|f| FACTORS.iter().position(|x| x == f));
    e.into_result(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn factor_21_stands_alone() {
        assert_eq!(check_factors(&codes(&["21"]), "factors").unwrap().len(), 1);
        let e = check_factors(&codes(&["21", "3B"]), "factors").unwrap_err();
        assert_eq!(e.0[0].code, "factor_21_alone");
    }

    #[test]
    fn codes_are_case_insensitive_sorted_and_unique() {
        let got = check_factors(&codes(&["16a", "3B", "1c"]), "factors").unwrap();
        let got: Vec<&str> = got.iter().map(|f| f.code).collect();
        assert_eq!(got, vec!["1C", "3B", "16A"]);
        let e = check_factors(&codes(&["3B", "3b"]), "factors").unwrap_err();
        assert_eq!(e.0[0].code, "duplicate_factor");
    }

    #[test]
    fn retired_unknown_and_missing_codes_are_refused_with_reasons() {
        let e = check_factors(&codes(&["18A"]), "f").unwrap_err();
        assert!(e.0[0].message.contains("18B"));
        assert_eq!(
            check_factors(&codes(&["99Z"]), "f").unwrap_err().0[0].code,
            "unknown_factor"
        );
        assert_eq!(
            check_factors(&codes(&[" "]), "f").unwrap_err().0[0].code,
            "required"
        );
    }
}
