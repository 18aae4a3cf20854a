//! The child's census identity beyond what the person record holds (issue 16, item 1; DfE CIN
//! census `ChildIdentifiers`): the council's own child identifier (`LAchildID`), a former UPN,
//! the reason a UPN is not held (`UPNunknown`, UN1–UN7), the date of death (`PersonDeathDate`),
//! and sex as the census carries it (M/F/U), mapped from the recorded sex, never asked twice.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::codes::Sex;
use crate::errors::ValidationErrors;
use crate::uk_time::format_date;
use crate::upn::Upn;

/// The longest `LAchildID` the census takes.
pub const LA_CHILD_ID_MAX: usize = 20;

/// The council's identifier for a child: alphanumeric, at most 20 characters, unique and stable
/// for the child's lifetime; never Hearth's internal id.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct LaChildId(String);

impl LaChildId {
    /// Parses an identifier as typed or imported (surrounding spaces ignored).
    pub fn parse(input: &str) -> Result<Self, String> {
        let s = input.trim();
        if s.is_empty() {
            return Err("Enter the child's LA child ID".into());
        }
        if s.chars().count() > LA_CHILD_ID_MAX {
            return Err(format!(
                "An LA child ID is at most {LA_CHILD_ID_MAX} characters"
            ));
        }
        if !s.chars().all(|c| c.is_ascii_alphanumeric()) {
            return Err("An LA child ID is letters and digits only".into());
        }
        Ok(Self(s.to_string()))
    }

    /// The identifier Hearth allocates to the `n`-th person it records: `HC` and seven digits
    /// (`HC0000042`), far from any UUID and within the census's 20 characters.
    pub fn allocated(n: u64) -> Self {
        Self(format!("HC{n:07}"))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for LaChildId {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        Self::parse(&s)
    }
}

impl From<LaChildId> for String {
    fn from(v: LaChildId) -> String {
        v.0
    }
}

/// Why a child has no UPN (census `UPNunknown`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
pub enum UpnUnknown {
    #[serde(rename = "UN1")]
    OverCompulsorySchoolAge,
    #[serde(rename = "UN2")]
    NeverAttendedInEngland,
    #[serde(rename = "UN3")]
    EducatedOutsideEngland,
    #[serde(rename = "UN4")]
    NewToCouncil,
    #[serde(rename = "UN5")]
    SourcesDisagree,
    #[serde(rename = "UN6")]
    UnderSixNotInSchool,
    #[serde(rename = "UN7")]
    ReferralNoFurtherAction,
}

vocab!(UpnUnknown, "reason a UPN is not held", [
    UpnUnknown::OverCompulsorySchoolAge => ("UN1", "The child is now over compulsory school age"),
    UpnUnknown::NeverAttendedInEngland => ("UN2", "The child has never attended a maintained school in England"),
    UpnUnknown::EducatedOutsideEngland => ("UN3", "The child is educated outside England"),
    UpnUnknown::NewToCouncil => ("UN4", "The child is new to the council and the UPN is not yet known"),
    UpnUnknown::SourcesDisagree => ("UN5", "The sources that hold UPNs disagree"),
    UpnUnknown::UnderSixNotInSchool => ("UN6", "The child is under 6 and not yet in school"),
    UpnUnknown::ReferralNoFurtherAction => ("UN7", "A referral with no further action"),
]);

/// Sex as the census carries it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub enum CensusSex {
    M,
    F,
    U,
}

impl CensusSex {
    pub fn code(self) -> &'static str {
        match self {
            CensusSex::M => "M",
            CensusSex::F => "F",
            CensusSex::U => "U",
        }
    }
}

/// The census sex from the recorded sex: male M, female F; not known, not specified, not
/// recorded, or an unborn child, U (the census: "U" for an unborn child).
pub fn census_sex(sex: Option<Sex>, unborn: bool) -> CensusSex {
    match (unborn, sex) {
        (true, _) => CensusSex::U,
        (false, Some(Sex::Male)) => CensusSex::M,
        (false, Some(Sex::Female)) => CensusSex::F,
        (false, _) => CensusSex::U,
    }
}

/// What a worker may change of the census identity (the LA child ID is allocated, or imported).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IdentityChange {
    pub former_upn: Option<Upn>,
    pub upn_unknown: Option<UpnUnknown>,
    pub death_date: Option<NaiveDate>,
}

/// Checks the census identity against the person: a reason a UPN is unknown only when there is
/// no UPN; a former UPN differs from the current one; a death not in the future nor before
/// birth.
pub fn check_identity(
    c: &IdentityChange,
    upn: Option<&Upn>,
    born: Option<NaiveDate>,
    today: NaiveDate,
) -> Result<(), ValidationErrors> {
    let mut e = ValidationErrors::default();
    if let (Some(reason), Some(u)) = (c.upn_unknown, upn) {
        e.add(
            "upn_unknown",
            "has_upn",
            format!(
                "The child has a UPN ({u}): {} is only for a child without one",
                reason.code()
            ),
        );
    }
    if let (Some(f), Some(u)) = (&c.former_upn, upn) {
        if f == u {
            e.add(
                "former_upn",
                "same_as_upn",
                "The former UPN is the child's current UPN: record the earlier one, or leave it blank",
            );
        }
    }
    if let Some(d) = c.death_date {
        if d > today {
            e.add(
                "death_date",
                "future_date",
                "The date of death cannot be in the future",
            );
        }
        if born.is_some_and(|b| d < b) {
            e.add(
                "death_date",
                "before_birth",
                format!(
                    "The child was born on {}: the date of death cannot be before it",
                    born.map(format_date).unwrap_or_default()
                ),
            );
        }
    }
    e.into_result(())
}

/// Checks an assessment's internal review date (census `AssessmentInternalReviewDate`): not
/// before the assessment started, not in the future.
pub fn check_internal_review(
    on: NaiveDate,
    started_on: NaiveDate,
    today: NaiveDate,
) -> Result<(), ValidationErrors> {
    let mut e = ValidationErrors::default();
    if on < started_on {
        e.add(
            "internal_review_date",
            "before_start",
            format!(
                "The assessment started on {}: its internal review cannot be before it",
                format_date(started_on)
            ),
        );
    }
    if on > today {
        e.add(
            "internal_review_date",
            "future_date",
            "The internal review cannot be dated in the future",
        );
    }
    e.into_result(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn an_la_child_id_is_alphanumeric_and_at_most_20_characters() {
        // Census `LAchildID`: "alphanumeric, at most 20 characters".
        assert_eq!(LaChildId::parse(" AB12 ").unwrap().as_str(), "AB12");
        assert!(LaChildId::parse(&"A".repeat(20)).is_ok());
        assert!(LaChildId::parse(&"A".repeat(21)).is_err());
        assert!(LaChildId::parse("AB-12").is_err());
        assert!(LaChildId::parse("").is_err());
        assert_eq!(LaChildId::allocated(42).as_str(), "HC0000042");
        assert!(LaChildId::parse(LaChildId::allocated(u64::from(u32::MAX)).as_str()).is_ok());
    }

    #[test]
    fn sex_maps_to_the_census_codes_and_an_unborn_child_is_u() {
        assert_eq!(census_sex(Some(Sex::Male), false), CensusSex::M);
        assert_eq!(census_sex(Some(Sex::Female), false), CensusSex::F);
        assert_eq!(census_sex(Some(Sex::NotKnown), false), CensusSex::U);
        assert_eq!(census_sex(None, false), CensusSex::U);
        assert_eq!(census_sex(Some(Sex::Female), true), CensusSex::U);
    }

    #[test]
    fn the_identity_agrees_with_the_person() {
        let today = d(2026, 11, 30);
        let upn = Upn::from_body("201234567890").unwrap();
        let with_reason = IdentityChange {
            upn_unknown: Some(UpnUnknown::UnderSixNotInSchool),
            ..Default::default()
        };
        let e = check_identity(&with_reason, Some(&upn), None, today).unwrap_err();
        assert_eq!(e.0[0].code, "has_upn");
        assert!(check_identity(&with_reason, None, None, today).is_ok());
        let same = IdentityChange {
            former_upn: Some(upn.clone()),
            ..Default::default()
        };
        let e = check_identity(&same, Some(&upn), None, today).unwrap_err();
        assert_eq!(e.0[0].code, "same_as_upn");
        let dead = IdentityChange {
            death_date: Some(d(2010, 1, 1)),
            ..Default::default()
        };
        let e = check_identity(&dead, None, Some(d(2012, 5, 1)), today).unwrap_err();
        assert_eq!(e.0[0].code, "before_birth");
        assert!(e.0[0].message.contains("1 May 2012"));
        let later = IdentityChange {
            death_date: Some(d(2026, 12, 1)),
            ..Default::default()
        };
        assert_eq!(
            check_identity(&later, None, None, today).unwrap_err().0[0].code,
            "future_date"
        );
    }

    #[test]
    fn an_internal_review_falls_within_the_assessment() {
        let (start, today) = (d(2026, 11, 2), d(2026, 11, 30));
        assert!(check_internal_review(start, start, today).is_ok());
        assert_eq!(
            check_internal_review(d(2026, 11, 1), start, today)
                .unwrap_err()
                .0[0]
                .code,
            "before_start"
        );
        assert_eq!(
            check_internal_review(d(2026, 12, 1), start, today)
                .unwrap_err()
                .0[0]
                .code,
            "future_date"
        );
    }
}
