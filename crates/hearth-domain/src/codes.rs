//! DfE CIN census code sets as enums: the code the return carries and the words a person reads.
//!
//! Every set is closed: parsing an unknown code is an error naming the set, never a silent default.

use serde::{Deserialize, Serialize};

/// An unknown code for a named code set.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("'{code}' is not a {set} code")]
pub struct UnknownCode {
    pub set: &'static str,
    pub code: String,
}

macro_rules! code_set {
    ($(#[$m:meta])* $name:ident, $set:literal, { $($variant:ident => ($code:literal, $label:literal)),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(try_from = "String", into = "String")]
        pub enum $name { $($variant),+ }

        impl $name {
            /// Every code in census order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            /// The code set's name, as error messages show it.
            pub const SET: &'static str = $set;

            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }
            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label),+ }
            }
            pub fn parse(code: &str) -> Result<Self, UnknownCode> {
                let c = code.trim();
                Self::ALL
                    .iter()
                    .copied()
                    .find(|v| v.code().eq_ignore_ascii_case(c))
                    .ok_or_else(|| UnknownCode { set: $set, code: c.to_string() })
            }
        }

        impl TryFrom<String> for $name {
            type Error = UnknownCode;
            fn try_from(s: String) -> Result<Self, Self::Error> { Self::parse(&s) }
        }
        impl From<$name> for String {
            fn from(v: $name) -> String { v.code().to_string() }
        }
        impl utoipa::PartialSchema for $name {
            fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
                $crate::schema::string_schema(concat!("Census ", $set, " code"), Some(vec![$($code),+]), None)
            }
        }
        impl utoipa::ToSchema for $name {}

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result { f.write_str(self.label()) }
        }
    };
}

code_set!(
    /// Census GenderCurrent / sex code.
    Sex, "sex", {
    Male => ("1", "Male"),
    Female => ("2", "Female"),
    NotKnown => ("0", "Not known"),
    NotSpecified => ("9", "Not specified"),
});

code_set!(
    /// Census ethnicity (the DfE's main categories).
    Ethnicity, "ethnicity", {
    Wbri => ("WBRI", "White – British"),
    Wiri => ("WIRI", "White – Irish"),
    Wirt => ("WIRT", "Traveller of Irish heritage"),
    Wrom => ("WROM", "Gypsy / Roma"),
    Woth => ("WOTH", "Any other White background"),
    Mwbc => ("MWBC", "White and Black Caribbean"),
    Mwba => ("MWBA", "White and Black African"),
    Mwas => ("MWAS", "White and Asian"),
    Moth => ("MOTH", "Any other mixed background"),
    Aind => ("AIND", "Indian"),
    Apkn => ("APKN", "Pakistani"),
    Aban => ("ABAN", "Bangladeshi"),
    Aoth => ("AOTH", "Any other Asian background"),
    Bcrb => ("BCRB", "Black Caribbean"),
    Bafr => ("BAFR", "Black African"),
    Both => ("BOTH", "Any other Black background"),
    Chne => ("CHNE", "Chinese"),
    Ooth => ("OOTH", "Any other ethnic group"),
    Refu => ("REFU", "Refused"),
    Nobt => ("NOBT", "Information not yet obtained"),
});

code_set!(
    /// Census disability codes; NONE stands alone.
    Disability, "disability", {
    None => ("NONE", "No disability"),
    Mob => ("MOB", "Mobility"),
    Hand => ("HAND", "Hand function"),
    Pc => ("PC", "Personal care"),
    Inc => ("INC", "Incontinence"),
    Comm => ("COMM", "Communication"),
    Ld => ("LD", "Learning"),
    Hear => ("HEAR", "Hearing"),
    Vis => ("VIS", "Vision"),
    Beh => ("BEH", "Behaviour"),
    Con => ("CON", "Consciousness"),
    Aut => ("AUT", "Diagnosed with autism or Asperger syndrome"),
    Dda => ("DDA", "Other disability under the Equality Act"),
});

code_set!(
    /// Census referral source.
    ReferralSource, "referral source", {
    S1A => ("1A", "Individual – family member, relative or carer"),
    S1B => ("1B", "Individual – acquaintance"),
    S1C => ("1C", "Individual – self"),
    S1D => ("1D", "Individual – other"),
    S2A => ("2A", "Schools"),
    S2B => ("2B", "Education services"),
    S3A => ("3A", "Health – GP"),
    S3B => ("3B", "Health – health visitor"),
    S3C => ("3C", "Health – school nurse"),
    S3D => ("3D", "Health – other primary health services"),
    S3E => ("3E", "Health – A&E"),
    S3F => ("3F", "Health – other"),
    S4 => ("4", "Housing"),
    S5A => ("5A", "LA services – social care"),
    S5B => ("5B", "LA services – other internal"),
    S5C => ("5C", "LA services – external (another local authority)"),
    S5D => ("5D", "LA services – early help"),
    S6 => ("6", "Police"),
    S7 => ("7", "Other legal agency"),
    S8 => ("8", "Other"),
    S9 => ("9", "Anonymous"),
    S10 => ("10", "Unknown"),
});

code_set!(
    /// Census primary need code.
    PrimaryNeed, "primary need", {
    N1 => ("N1", "Abuse or neglect"),
    N2 => ("N2", "Child's disability"),
    N3 => ("N3", "Parental disability or illness"),
    N4 => ("N4", "Family in acute stress"),
    N5 => ("N5", "Family dysfunction"),
    N6 => ("N6", "Socially unacceptable behaviour"),
    N7 => ("N7", "Low income"),
    N8 => ("N8", "Absent parenting"),
    N9 => ("N9", "Cases other than children in need"),
    N0 => ("N0", "Not stated"),
});

code_set!(
    /// Census reason for closure.
    ReasonForClosure, "reason for closure", {
    Rc1 => ("RC1", "Adopted"),
    Rc2 => ("RC2", "Died"),
    Rc3 => ("RC3", "Child arrangements order"),
    Rc4 => ("RC4", "Special guardianship order"),
    Rc5 => ("RC5", "Transferred to another local authority"),
    Rc6 => ("RC6", "Transferred to adult social care"),
    Rc7 => ("RC7", "Services ceased for any other reason, including child no longer in need"),
    Rc8 => ("RC8", "Case closed after assessment, no further action"),
    Rc9 => ("RC9", "Case closed after assessment, referred to early help"),
});

code_set!(
    /// Category of abuse on a child protection plan.
    AbuseCategory, "category of abuse", {
    Neg => ("NEG", "Neglect"),
    Phy => ("PHY", "Physical abuse"),
    Emo => ("EMO", "Emotional abuse"),
    Sab => ("SAB", "Sexual abuse"),
    Mul => ("MUL", "Multiple"),
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_sets_match_the_census_lists() {
        let eth: Vec<&str> = Ethnicity::ALL.iter().map(|e| e.code()).collect();
        let mut sorted = eth.clone();
        sorted.sort_unstable();
        assert_eq!(
            sorted.join(" "),
            "ABAN AIND AOTH APKN BAFR BCRB BOTH CHNE MOTH MWAS MWBA MWBC NOBT OOTH REFU WBRI WIRI WIRT WOTH WROM"
        );
        assert_eq!(ReferralSource::ALL.len(), 22);
        assert_eq!(PrimaryNeed::ALL.len(), 10);
        assert_eq!(Disability::ALL.len(), 13);
        assert_eq!(ReasonForClosure::ALL.len(), 9);
    }

    #[test]
    fn parse_is_case_insensitive_and_rejects_unknowns() {
        assert_eq!(ReferralSource::parse("3e"), Ok(ReferralSource::S3E));
        let err = ReferralSource::parse("11").unwrap_err();
        assert_eq!(err.to_string(), "'11' is not a referral source code");
    }

    #[test]
    fn serde_round_trips_through_the_code() {
        let json = serde_json_like(PrimaryNeed::N4);
        assert_eq!(json, "N4");
    }

    fn serde_json_like(p: PrimaryNeed) -> String {
        String::from(p)
    }
}
