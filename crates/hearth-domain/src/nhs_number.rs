//! NHS number: ten digits whose last is a modulus-11 check digit.

use serde::{Deserialize, Serialize};

/// A valid NHS number, stored as its ten digits without spaces.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct NhsNumber(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NhsNumberError {
    #[error("Enter an NHS number with 10 digits, like 943 476 5919")]
    WrongLength,
    #[error("An NHS number contains only digits and spaces")]
    NotDigits,
    #[error("This is not a valid NHS number: its check digit does not match. Check it against the health record")]
    BadCheckDigit,
}

impl NhsNumber {
    /// Accepts digits with optional spaces or hyphens (`943 476 5919`, `943-476-5919`).
    pub fn parse(input: &str) -> Result<Self, NhsNumberError> {
        let cleaned: String = input
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .collect();
        if !cleaned.chars().all(|c| c.is_ascii_digit()) {
            return Err(NhsNumberError::NotDigits);
        }
        if cleaned.len() != 10 {
            return Err(NhsNumberError::WrongLength);
        }
        let digits: Vec<u32> = cleaned.bytes().map(|b| u32::from(b - b'0')).collect();
        let sum: u32 = digits[..9]
            .iter()
            .enumerate()
            .map(|(i, d)| d * (10 - i as u32))
            .sum();
        let check = 11 - (sum % 11);
        let check = match check {
            11 => 0,
            10 => return Err(NhsNumberError::BadCheckDigit),
            c => c,
        };
        if check != digits[9] {
            return Err(NhsNumberError::BadCheckDigit);
        }
        Ok(Self(cleaned))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The conventional 3-3-4 display form.
    pub fn formatted(&self) -> String {
        format!("{} {} {}", &self.0[..3], &self.0[3..6], &self.0[6..])
    }
}

impl TryFrom<String> for NhsNumber {
    type Error = NhsNumberError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Self::parse(&s)
    }
}

impl From<NhsNumber> for String {
    fn from(n: NhsNumber) -> String {
        n.0
    }
}

impl std::fmt::Display for NhsNumber {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.formatted())
    }
}

crate::string_schema!(
    NhsNumber,
    "NHS number: 10 digits with a modulus-11 check digit",
    None,
    Some("^[0-9]{10}$")
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_valid_numbers_with_spacing() {
        assert_eq!(
            NhsNumber::parse("943 476 5919").map(|n| n.0),
            Ok("9434765919".into())
        );
        assert!(NhsNumber::parse("9434765870").is_ok());
        assert!(NhsNumber::parse("401-023-2137").is_ok());
    }

    #[test]
    fn rejects_wrong_check_digit() {
        assert_eq!(
            NhsNumber::parse("9434765918"),
            Err(NhsNumberError::BadCheckDigit)
        );
    }

    #[test]
    fn rejects_check_value_ten() {
        // 000000006: weighted sum 6*2 = 12; 11 - (12 % 11) = 10, which no check digit can match.
        assert_eq!(
            NhsNumber::parse("0000000060"),
            Err(NhsNumberError::BadCheckDigit)
        );
        assert!(NhsNumber::parse("1234567814").is_ok());
    }

    #[test]
    fn rejects_wrong_length_and_letters() {
        assert_eq!(
            NhsNumber::parse("943476591"),
            Err(NhsNumberError::WrongLength)
        );
        assert_eq!(
            NhsNumber::parse("94347659X9"),
            Err(NhsNumberError::NotDigits)
        );
    }

    #[test]
    fn formats_three_three_four() {
        let n = NhsNumber::parse("9434765919").map(|n| n.formatted());
        assert_eq!(n, Ok("943 476 5919".to_string()));
    }
}
