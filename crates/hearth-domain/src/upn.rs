//! Unique Pupil Number: 13 characters, a check letter then LA code, school, year and serial.
//!
//! The check letter is the weighted sum of characters 2–13 (weights 2..=13) modulo 23, mapped to
//! the 23 letters that exclude I, O and S. A temporary UPN ends in a letter, valued the same way.

use serde::{Deserialize, Serialize};

const LETTERS: &[u8; 23] = b"ABCDEFGHJKLMNPQRTUVWXYZ";

/// A UPN whose check letter and shape are right.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Upn(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UpnError {
    #[error("A UPN has 13 characters, like A123456789012")]
    WrongLength,
    #[error("Characters 2 to 12 of a UPN are digits")]
    NotDigits,
    #[error("The last character of a UPN is a digit or one of the letters A–Z except I, O and S")]
    BadLastCharacter,
    #[error("This UPN's check letter (the first character) does not match the rest of the number")]
    BadCheckLetter,
}

fn letter_value(c: u8) -> Option<u32> {
    LETTERS.iter().position(|l| *l == c).map(|p| p as u32)
}

impl Upn {
    pub fn parse(input: &str) -> Result<Self, UpnError> {
        let s: String = input
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_uppercase();
        let b = s.as_bytes();
        if b.len() != 13 {
            return Err(UpnError::WrongLength);
        }
        if !b[1..12].iter().all(u8::is_ascii_digit) {
            return Err(UpnError::NotDigits);
        }
        let last = if b[12].is_ascii_digit() {
            u32::from(b[12] - b'0')
        } else {
            letter_value(b[12]).ok_or(UpnError::BadLastCharacter)?
        };
        let mut sum: u32 = b[1..12]
            .iter()
            .enumerate()
            .map(|(i, c)| u32::from(c - b'0') * (i as u32 + 2))
            .sum();
        sum += last * 13;
        let expected = LETTERS[(sum % 23) as usize];
        if b[0] != expected {
            return Err(UpnError::BadCheckLetter);
        }
        Ok(Self(s))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Builds a valid UPN from its twelve-character body (used by synthetic demo data).
    pub fn from_body(body: &str) -> Result<Self, UpnError> {
        let b = body.as_bytes();
        if b.len() != 12 || !b.iter().all(u8::is_ascii_digit) {
            return Err(UpnError::NotDigits);
        }
        let sum: u32 = b
            .iter()
            .enumerate()
            .map(|(i, c)| u32::from(c - b'0') * (i as u32 + 2))
            .sum();
        let letter = LETTERS[(sum % 23) as usize] as char;
        Self::parse(&format!("{letter}{body}"))
    }
}

impl TryFrom<String> for Upn {
    type Error = UpnError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Self::parse(&s)
    }
}

impl From<Upn> for String {
    fn from(u: Upn) -> String {
        u.0
    }
}

impl std::fmt::Display for Upn {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

crate::string_schema!(
    Upn,
    "Unique pupil number: check letter and 12 characters",
    None,
    Some("^[A-Z][0-9]{11}[0-9A-Z]$")
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_and_accepts_valid_upn() {
        // Body 201301000010: sum = 2*2+0*3+1*4+3*5+0*6+1*7+0*8+0*9+0*10+0*11+1*12+0*13 = 42;
        // 42 % 23 = 19 -> 'W'.
        assert_eq!(
            Upn::parse("W201301000010").map(|u| u.0),
            Ok("W201301000010".into())
        );
        assert_eq!(
            Upn::from_body("201301000010").map(|u| u.0),
            Ok("W201301000010".into())
        );
    }

    #[test]
    fn rejects_wrong_check_letter() {
        assert_eq!(Upn::parse("A201301000010"), Err(UpnError::BadCheckLetter));
    }

    #[test]
    fn accepts_temporary_upn_with_final_letter() {
        // Final 'A' is valued 0, like the final '0' of W201301000010, so the check letter is 'W';
        // a final 'B' (value 1) adds 13: 55 % 23 = 9 -> 'K'.
        assert!(Upn::parse("W20130100001A").is_ok());
        assert!(Upn::parse("K20130100001B").is_ok());
        assert_eq!(Upn::parse("W20130100001I"), Err(UpnError::BadLastCharacter));
    }

    #[test]
    fn rejects_shape_errors() {
        assert_eq!(Upn::parse("W20130100001"), Err(UpnError::WrongLength));
        assert_eq!(Upn::parse("W2013010X0010"), Err(UpnError::NotDigits));
    }

    #[test]
    fn lowercase_and_spaces_are_normalised() {
        assert!(Upn::parse("w2013 0100 0010").is_ok());
    }
}
