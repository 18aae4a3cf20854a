//! Timescales with their units, written in protocol files as "10 working days", "7 days",
//! "6 weeks" or "3 months".

use std::fmt;

use serde::{Deserialize, Serialize};

/// A timescale with its unit. Calendar months clamp to the end of the month when applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(tag = "unit", content = "n", rename_all = "snake_case")]
pub enum Timescale {
    WorkingDays(u32),
    Days(u32),
    Weeks(u32),
    Months(u32),
}

impl Timescale {
    /// Parses "10 working days", "1 working day", "7 days" (or "calendar days"), "6 weeks",
    /// "3 months" (or "calendar months") and "1 year" (12 months). Zero is refused.
    pub fn parse(s: &str) -> Result<Self, String> {
        let s = s.trim();
        let (num, unit) = s.split_once(char::is_whitespace).ok_or_else(|| format!("'{s}' is not a timescale; write it like \"10 working days\", \"7 days\", \"6 weeks\" or \"3 months\""))?;
        let n: u32 = num
            .parse()
            .map_err(|_| format!("'{num}' is not a whole number in '{s}'"))?;
        if n == 0 {
            return Err(format!("'{s}' must be more than zero"));
        }
        let unit = unit.split_whitespace().collect::<Vec<_>>().join(" ");
        match unit.to_lowercase().as_str() {
            "working day" | "working days" => Ok(Timescale::WorkingDays(n)),
            "day" | "days" | "calendar day" | "calendar days" => Ok(Timescale::Days(n)),
            "week" | "weeks" => Ok(Timescale::Weeks(n)),
            "month" | "months" | "calendar month" | "calendar months" => Ok(Timescale::Months(n)),
            "year" | "years" => n
                .checked_mul(12)
                .map(Timescale::Months)
                .ok_or_else(|| format!("'{s}' is too long")),
            _ => Err(format!(
                "'{unit}' is not a unit; use working days, days, weeks or months"
            )),
        }
    }

    /// The number, without its unit.
    pub fn n(self) -> u32 {
        match self {
            Timescale::WorkingDays(n)
            | Timescale::Days(n)
            | Timescale::Weeks(n)
            | Timescale::Months(n) => n,
        }
    }
}

impl fmt::Display for Timescale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (n, one, many) = match *self {
            Timescale::WorkingDays(n) => (n, "working day", "working days"),
            Timescale::Days(n) => (n, "day", "days"),
            Timescale::Weeks(n) => (n, "week", "weeks"),
            Timescale::Months(n) => (n, "month", "months"),
        };
        write!(f, "{n} {}", if n == 1 { one } else { many })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints_units() {
        assert_eq!(
            Timescale::parse("10 working days"),
            Ok(Timescale::WorkingDays(10))
        );
        assert_eq!(
            Timescale::parse("1 working day").map(|t| t.to_string()),
            Ok("1 working day".into())
        );
        assert_eq!(Timescale::parse("3 months"), Ok(Timescale::Months(3)));
        assert!(Timescale::parse("ten days").is_err());
        assert!(Timescale::parse("3 fortnights")
            .unwrap_err()
            .contains("not a unit"));
        assert!(Timescale::parse("0 days").is_err());
        assert_eq!(
            Timescale::parse("28 calendar days"),
            Ok(Timescale::Days(28))
        );
        assert_eq!(Timescale::parse("1 year"), Ok(Timescale::Months(12)));
        assert_eq!(
            Timescale::parse(" 10  Working  Days "),
            Ok(Timescale::WorkingDays(10))
        );
    }
}
