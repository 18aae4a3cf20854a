//! People: children (including unborn) and adults, parsed from raw input into valid details.
//!
//! `PersonInput` is what a form or an API body carries (strings, as typed); [`PersonInput::parse`]
//! checks every field at once and returns all problems, so a user fixes them in one go.

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::codes::{Disability, Ethnicity, Sex};
use crate::errors::ValidationErrors;
use crate::ids::PersonId;
use crate::limits::{self, check_len, check_not_too_early};
use crate::nhs_number::NhsNumber;
use crate::upn::Upn;

/// A person's names, gender identity and first language.
pub const MAX_NAME: usize = 100;
/// Communication needs.
pub const MAX_TEXT: usize = limits::PARAGRAPH;
/// Town or city.
pub const MAX_TOWN: usize = 100;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum PersonKind {
    Child,
    Adult,
}

impl PersonKind {
    pub fn code(self) -> &'static str {
        match self {
            PersonKind::Child => "child",
            PersonKind::Adult => "adult",
        }
    }
    /// The word shown to people.
    pub fn label(self) -> &'static str {
        match self {
            PersonKind::Child => "Child",
            PersonKind::Adult => "Adult",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        match s.trim() {
            "child" => Some(Self::Child),
            "adult" => Some(Self::Adult),
            _ => None,
        }
    }
}

/// Born (with a date, if known) or not yet born (with an expected date of delivery).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum Birth {
    Born {
        date_of_birth: Option<NaiveDate>,
    },
    Unborn {
        expected_date_of_delivery: NaiveDate,
    },
}

/// A postal address held for a period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Address {
    pub line1: String,
    pub line2: Option<String>,
    pub town: String,
    pub postcode: String,
    pub from: NaiveDate,
    pub to: Option<NaiveDate>,
}

/// Valid details of a person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct PersonDetails {
    pub kind: PersonKind,
    pub given_names: String,
    pub family_name: String,
    pub aliases: Vec<String>,
    pub birth: Birth,
    pub sex: Option<Sex>,
    pub gender_identity: Option<String>,
    pub ethnicity: Option<Ethnicity>,
    pub first_language: Option<String>,
    pub communication_needs: Option<String>,
    pub interpreter_required: bool,
    pub disabilities: Vec<Disability>,
    pub nhs_number: Option<NhsNumber>,
    pub upn: Option<Upn>,
    pub telephone: Option<String>,
}

impl PersonDetails {
    pub fn full_name(&self) -> String {
        match (self.given_names.is_empty(), self.family_name.is_empty()) {
            (true, _) => self.family_name.clone(),
            (_, true) => self.given_names.clone(),
            _ => format!("{} {}", self.given_names, self.family_name),
        }
    }

    pub fn date_of_birth(&self) -> Option<NaiveDate> {
        match self.birth {
            Birth::Born { date_of_birth } => date_of_birth,
            Birth::Unborn { .. } => None,
        }
    }

    pub fn expected_date_of_delivery(&self) -> Option<NaiveDate> {
        match self.birth {
            Birth::Unborn {
                expected_date_of_delivery,
            } => Some(expected_date_of_delivery),
            Birth::Born { .. } => None,
        }
    }

    /// Every name this person is known by, for search.
    pub fn all_names(&self) -> Vec<String> {
        let mut v = vec![self.full_name()];
        v.extend(self.aliases.iter().cloned());
        v
    }
}

/// A stored person: details plus identity and an optimistic-concurrency version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Person {
    pub id: PersonId,
    pub details: PersonDetails,
    pub addresses: Vec<Address>,
    pub version: i64,
}

impl Person {
    pub fn current_address(&self) -> Option<&Address> {
        self.addresses.iter().find(|a| a.to.is_none())
    }

    /// Checks a move to `to`: the new address must start after the current one did, because the
    /// current address ends the day before the new one starts (otherwise both would stay
    /// current). `field` is where the new address's start date was typed.
    pub fn check_move(&self, to: &Address, field: &str) -> Result<(), ValidationErrors> {
        match self.current_address() {
            Some(current) if to.from <= current.from => Err(ValidationErrors::single(
                field,
                "move_before_current",
                format!(
                    "The date they moved in must be after {}, when they moved into their current address",
                    crate::uk_time::format_date(current.from)
                ),
            )),
            _ => Ok(()),
        }
    }
}

/// Raw input for an address, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AddressInput {
    pub line1: String,
    #[serde(default)]
    pub line2: Option<String>,
    pub town: String,
    pub postcode: String,
    /// ISO 8601 date the person started living here.
    pub from: String,
}

/// Raw input for a person, as a form or API body carries it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PersonInput {
    /// `child` or `adult`.
    pub kind: String,
    #[serde(default)]
    pub given_names: String,
    #[serde(default)]
    pub family_name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    /// ISO 8601 (YYYY-MM-DD).
    #[serde(default)]
    pub date_of_birth: Option<String>,
    /// ISO 8601; for an unborn child.
    #[serde(default)]
    pub expected_date_of_delivery: Option<String>,
    /// Census code: 1 male, 2 female, 0 not known, 9 not specified.
    #[serde(default)]
    pub sex: Option<String>,
    #[serde(default)]
    pub gender_identity: Option<String>,
    /// Census ethnicity code (e.g. WBRI).
    #[serde(default)]
    pub ethnicity: Option<String>,
    #[serde(default)]
    pub first_language: Option<String>,
    #[serde(default)]
    pub communication_needs: Option<String>,
    #[serde(default)]
    pub interpreter_required: bool,
    /// Census disability codes; NONE stands alone.
    #[serde(default)]
    pub disabilities: Vec<String>,
    #[serde(default)]
    pub nhs_number: Option<String>,
    #[serde(default)]
    pub upn: Option<String>,
    #[serde(default)]
    pub telephone: Option<String>,
    /// Current address; only read when a person is created (moves are recorded separately).
    #[serde(default)]
    pub address: Option<AddressInput>,
}

/// Trimmed, or `None` when blank.
pub fn non_blank(s: &Option<String>) -> Option<String> {
    s.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

/// Parses an ISO date, reporting against `field`.
pub fn parse_date(
    field: &str,
    label: &str,
    s: &str,
    errs: &mut ValidationErrors,
) -> Option<NaiveDate> {
    match NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d") {
        Ok(d) => Some(d),
        Err(_) => {
            errs.add(
                field,
                "invalid_date",
                format!("{label} must be a real date, like 2019-03-27"),
            );
            None
        }
    }
}

fn valid_phone(s: &str) -> bool {
    let digits = s.chars().filter(char::is_ascii_digit).count();
    s.chars()
        .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '+' | '(' | ')' | '-'))
        && (10..=15).contains(&digits)
}

/// A UK postcode in its usual shape (outward code, space optional, inward code).
pub fn normalise_postcode(s: &str) -> Option<String> {
    let compact: String = s
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_uppercase();
    let n = compact.len();
    if !(5..=7).contains(&n) || !compact.chars().all(|c| c.is_ascii_alphanumeric()) {
        return None;
    }
    let (out, inw) = compact.split_at(n - 3);
    let inb = inw.as_bytes();
    let ok_in =
        inb[0].is_ascii_digit() && inb[1].is_ascii_alphabetic() && inb[2].is_ascii_alphabetic();
    let ok_out = out.as_bytes()[0].is_ascii_alphabetic();
    (ok_in && ok_out).then(|| format!("{out} {inw}"))
}

impl AddressInput {
    /// Parses with field names prefixed by `prefix` (e.g. `address.`).
    pub fn parse(
        &self,
        prefix: &str,
        today: NaiveDate,
        errs: &mut ValidationErrors,
    ) -> Option<Address> {
        let f = |n: &str| format!("{prefix}{n}");
        let line1 = self.line1.trim().to_string();
        let town = self.town.trim().to_string();
        if line1.is_empty() {
            errs.add(
                &f("line1"),
                "required",
                "Enter the first line of the address",
            );
        }
        if town.is_empty() {
            errs.add(&f("town"), "required", "Enter the town or city");
        }
        let line2 = non_blank(&self.line2);
        check_len(errs, &f("line1"), "Address line 1", &line1, limits::SHORT);
        if let Some(l2) = &line2 {
            check_len(errs, &f("line2"), "Address line 2", l2, limits::SHORT);
        }
        check_len(errs, &f("town"), "Town or city", &town, MAX_TOWN);
        let postcode = normalise_postcode(&self.postcode);
        if postcode.is_none() {
            errs.add(
                &f("postcode"),
                "invalid_postcode",
                "Enter a real postcode, like SW1A 1AA",
            );
        }
        let from = parse_date(&f("from"), "The date they moved in", &self.from, errs);
        if let Some(d) = from {
            if d > today {
                errs.add(
                    &f("from"),
                    "future_date",
                    "The date they moved in must be today or in the past",
                );
            }
            check_not_too_early(errs, &f("from"), "The date they moved in", d);
        }
        Some(Address {
            line1,
            line2,
            town,
            postcode: postcode?,
            from: from.filter(|d| *d <= today && *d >= limits::EARLIEST)?,
            to: None,
        })
    }
}

impl PersonInput {
    /// Checks every field; returns valid details and the initial address, or every problem.
    pub fn parse(
        &self,
        today: NaiveDate,
    ) -> Result<(PersonDetails, Option<Address>), ValidationErrors> {
        let mut errs = ValidationErrors::default();
        let kind = PersonKind::parse(&self.kind);
        if kind.is_none() {
            errs.add(
                "kind",
                "invalid_kind",
                "Select whether this is a child or an adult",
            );
        }
        let given = self.given_names.trim().to_string();
        let family = self.family_name.trim().to_string();
        let dob_raw = non_blank(&self.date_of_birth);
        let edd_raw = non_blank(&self.expected_date_of_delivery);
        let unborn = edd_raw.is_some() && dob_raw.is_none();
        if given.is_empty() && !unborn {
            errs.add("given_names", "required", "Enter the first name(s)");
        }
        if family.is_empty() {
            errs.add("family_name", "required", "Enter the family name");
        }
        check_len(&mut errs, "given_names", "First name(s)", &given, MAX_NAME);
        check_len(&mut errs, "family_name", "Family name", &family, MAX_NAME);
        let aliases: Vec<String> = self
            .aliases
            .iter()
            .map(|a| a.trim().to_string())
            .filter(|a| !a.is_empty())
            .collect();
        for a in &aliases {
            check_len(&mut errs, "aliases", "Each other name", a, MAX_NAME);
        }

        let birth = self.parse_birth(kind, dob_raw, edd_raw, today, &mut errs);
        let sex = non_blank(&self.sex).and_then(|s| {
            Sex::parse(&s)
                .map_err(|_| {
                    errs.add(
                        "sex",
                        "invalid_code",
                        "Select the child's sex from the list",
                    )
                })
                .ok()
        });
        let ethnicity = non_blank(&self.ethnicity).and_then(|s| {
            Ethnicity::parse(&s)
                .map_err(|e| {
                    errs.add(
                        "ethnicity",
                        "invalid_code",
                        format!("{e}; select an ethnicity from the list"),
                    )
                })
                .ok()
        });
        let mut disabilities = Vec::new();
        for d in self.disabilities.iter().filter(|d| !d.trim().is_empty()) {
            match Disability::parse(d) {
                Ok(d) if !disabilities.contains(&d) => disabilities.push(d),
                Ok(_) => {}
                Err(e) => errs.add("disabilities", "invalid_code", e.to_string()),
            }
        }
        if disabilities.contains(&Disability::None) && disabilities.len() > 1 {
            errs.add(
                "disabilities",
                "none_stands_alone",
                "'No disability' cannot be selected together with a disability",
            );
        }
        let nhs_number = non_blank(&self.nhs_number).and_then(|s| {
            NhsNumber::parse(&s)
                .map_err(|e| errs.add("nhs_number", "invalid_nhs_number", e.to_string()))
                .ok()
        });
        let upn = non_blank(&self.upn).and_then(|s| {
            if kind == Some(PersonKind::Adult) {
                errs.add(
                    "upn",
                    "upn_for_adult",
                    "Only a child has a unique pupil number",
                );
                return None;
            }
            Upn::parse(&s)
                .map_err(|e| errs.add("upn", "invalid_upn", e.to_string()))
                .ok()
        });
        let telephone = non_blank(&self.telephone);
        if let Some(t) = &telephone {
            if check_len(&mut errs, "telephone", "Telephone", t, limits::PHONE) && !valid_phone(t) {
                errs.add(
                    "telephone",
                    "invalid_phone",
                    "Enter a telephone number, like 01632 960 001 or +44 7700 900 982",
                );
            }
        }
        let gender_identity = non_blank(&self.gender_identity);
        let first_language = non_blank(&self.first_language);
        let communication_needs = non_blank(&self.communication_needs);
        for (field, label, v) in [
            ("gender_identity", "Gender identity", &gender_identity),
            ("first_language", "First language", &first_language),
        ] {
            if let Some(v) = v {
                check_len(&mut errs, field, label, v, MAX_NAME);
            }
        }
        if let Some(c) = &communication_needs {
            check_len(
                &mut errs,
                "communication_needs",
                "Communication needs",
                c,
                MAX_TEXT,
            );
        }
        let address = self
            .address
            .as_ref()
            .and_then(|a| a.parse("address.", today, &mut errs));

        match (kind, birth) {
            (Some(kind), Some(birth)) if errs.is_empty() => Ok((
                PersonDetails {
                    kind,
                    given_names: given,
                    family_name: family,
                    aliases,
                    birth,
                    sex,
                    gender_identity,
                    ethnicity,
                    first_language,
                    communication_needs,
                    interpreter_required: self.interpreter_required,
                    disabilities,
                    nhs_number,
                    upn,
                    telephone,
                },
                address,
            )),
            _ => Err(errs),
        }
    }

    fn parse_birth(
        &self,
        kind: Option<PersonKind>,
        dob: Option<String>,
        edd: Option<String>,
        today: NaiveDate,
        errs: &mut ValidationErrors,
    ) -> Option<Birth> {
        if dob.is_some() && edd.is_some() {
            errs.add(
                "expected_date_of_delivery",
                "dob_and_edd",
                "Give either a date of birth or an expected date of delivery, not both",
            );
            return None;
        }
        if let Some(edd) = edd {
            if kind == Some(PersonKind::Adult) {
                errs.add(
                    "expected_date_of_delivery",
                    "edd_for_adult",
                    "Only an unborn child has an expected date of delivery",
                );
                return None;
            }
            let d = parse_date(
                "expected_date_of_delivery",
                "Expected date of delivery",
                &edd,
                errs,
            )?;
            let earliest = today.checked_sub_months(Months::new(1))?;
            let latest = today.checked_add_months(Months::new(10))?;
            if d < earliest || d > latest {
                errs.add(
                    "expected_date_of_delivery",
                    "edd_out_of_range",
                    "Expected date of delivery must be within the next 10 months (if the baby is born, give the date of birth instead)",
                );
                return None;
            }
            return Some(Birth::Unborn {
                expected_date_of_delivery: d,
            });
        }
        let Some(dob) = dob else {
            if kind == Some(PersonKind::Child) {
                errs.add("date_of_birth", "required", "Enter the child's date of birth, or an expected date of delivery if the child is not yet born");
                return None;
            }
            return Some(Birth::Born {
                date_of_birth: None,
            });
        };
        let d = parse_date("date_of_birth", "Date of birth", &dob, errs)?;
        if d > today {
            errs.add(
                "date_of_birth",
                "future_date",
                "Date of birth must be today or in the past",
            );
            return None;
        }
        if d.year_ce().1 < 1900 {
            errs.add(
                "date_of_birth",
                "too_old",
                "Date of birth must be after 1900",
            );
            return None;
        }
        if kind == Some(PersonKind::Child) && today.years_since(d).is_some_and(|y| y >= 25) {
            errs.add("date_of_birth", "too_old_for_child", "A child's date of birth must be less than 25 years ago; record this person as an adult");
            return None;
        }
        Some(Birth::Born {
            date_of_birth: Some(d),
        })
    }
}

use chrono::Datelike;

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 22).unwrap_or_default()
    }

    fn child() -> PersonInput {
        PersonInput {
            kind: "child".into(),
            given_names: "Amelia".into(),
            family_name: "Hart".into(),
            date_of_birth: Some("2018-05-02".into()),
            nhs_number: Some("943 476 5919".into()),
            ..Default::default()
        }
    }

    #[test]
    fn parses_a_valid_child() {
        let (d, addr) = child().parse(today()).unwrap();
        assert_eq!(d.full_name(), "Amelia Hart");
        assert_eq!(d.date_of_birth(), NaiveDate::from_ymd_opt(2018, 5, 2));
        assert_eq!(
            d.nhs_number.map(|n| n.formatted()),
            Some("943 476 5919".into())
        );
        assert!(addr.is_none());
    }

    #[test]
    fn reports_every_problem_at_once() {
        let mut p = child();
        p.nhs_number = Some("9434765918".into());
        p.date_of_birth = Some("2030-01-01".into());
        p.ethnicity = Some("XXXX".into());
        p.disabilities = vec!["NONE".into(), "VIS".into()];
        let e = p.parse(today()).unwrap_err();
        let fields: Vec<&str> = e.0.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(
            fields,
            vec!["date_of_birth", "ethnicity", "disabilities", "nhs_number"]
        );
        assert_eq!(
            e.for_field("date_of_birth").map(|e| e.code),
            Some("future_date")
        );
    }

    #[test]
    fn unborn_child_needs_no_first_name_but_an_edd_in_range() {
        let p = PersonInput {
            kind: "child".into(),
            family_name: "Hart".into(),
            expected_date_of_delivery: Some("2027-03-01".into()),
            ..Default::default()
        };
        let (d, _) = p.parse(today()).unwrap();
        assert_eq!(
            d.expected_date_of_delivery(),
            NaiveDate::from_ymd_opt(2027, 3, 1)
        );
        let late = PersonInput {
            expected_date_of_delivery: Some("2028-03-01".into()),
            ..p
        };
        assert_eq!(
            late.parse(today()).unwrap_err().0[0].code,
            "edd_out_of_range"
        );
    }

    #[test]
    fn child_needs_dob_or_edd_but_not_both() {
        let mut p = child();
        p.date_of_birth = None;
        assert_eq!(p.parse(today()).unwrap_err().0[0].code, "required");
        p.date_of_birth = Some("2018-05-02".into());
        p.expected_date_of_delivery = Some("2027-01-01".into());
        assert_eq!(p.parse(today()).unwrap_err().0[0].code, "dob_and_edd");
    }

    #[test]
    fn address_postcode_and_move_date_are_checked() {
        let mut p = child();
        p.address = Some(AddressInput {
            line1: "1 High Street".into(),
            town: "Exampleton".into(),
            postcode: "zz99 9zz".into(),
            from: "2020-01-01".into(),
            line2: None,
        });
        let (_, a) = p.parse(today()).unwrap();
        assert_eq!(a.map(|a| a.postcode), Some("ZZ99 9ZZ".into()));
        p.address = Some(AddressInput {
            postcode: "12345".into(),
            ..p.address.clone().unwrap_or_default()
        });
        assert_eq!(p.parse(today()).unwrap_err().0[0].field, "address.postcode");
    }

    fn address(from: &str) -> AddressInput {
        AddressInput {
            line1: "1 High Street".into(),
            line2: None,
            town: "Exampleton".into(),
            postcode: "ZZ99 9ZZ".into(),
            from: from.into(),
        }
    }

    #[test]
    fn an_address_from_before_1900_is_refused() {
        let mut errs = ValidationErrors::default();
        assert!(address("0000-01-01")
            .parse("", today(), &mut errs)
            .is_none());
        assert_eq!(errs.0.len(), 1);
        assert_eq!(errs.0[0].field, "from");
        assert_eq!(errs.0[0].code, "too_early");
        assert_eq!(
            errs.0[0].message,
            "The date they moved in must be on or after 1 January 1900"
        );
        let mut errs = ValidationErrors::default();
        assert!(address("1900-01-01")
            .parse("", today(), &mut errs)
            .is_some());
        assert!(errs.is_empty());
    }

    #[test]
    fn address_lines_and_telephone_have_limits() {
        let mut a = address("2020-01-01");
        a.line2 = Some("y".repeat(201));
        let mut errs = ValidationErrors::default();
        assert!(a.parse("address.", today(), &mut errs).is_some());
        assert_eq!(errs.0[0].field, "address.line2");
        assert_eq!(
            errs.0[0].message,
            "Address line 2 must be 200 characters or fewer"
        );
        let mut p = child();
        // 31 characters: the spaces inside count, only the ends are trimmed.
        p.telephone = Some(format!("01632{}960 001", " ".repeat(19)));
        let e = p.parse(today()).unwrap_err();
        assert_eq!(e.0.len(), 1);
        assert_eq!(e.0[0].message, "Telephone must be 30 characters or fewer");
    }

    #[test]
    fn a_move_must_start_after_the_current_address() {
        let mut errs = ValidationErrors::default();
        let current = address("2020-03-01").parse("", today(), &mut errs).unwrap();
        let person = Person {
            id: PersonId::new(),
            details: child().parse(today()).unwrap().0,
            addresses: vec![current],
            version: 1,
        };
        for on_or_before in ["2020-03-01", "2019-01-01"] {
            let to = address(on_or_before).parse("", today(), &mut errs).unwrap();
            let e = person.check_move(&to, "from").unwrap_err();
            assert_eq!(e.0[0].code, "move_before_current");
            assert_eq!(e.0[0].message, "The date they moved in must be after 1 March 2020, when they moved into their current address");
        }
        let later = address("2020-03-02").parse("", today(), &mut errs).unwrap();
        assert!(person.check_move(&later, "from").is_ok());
        let nowhere = Person {
            addresses: vec![],
            ..person
        };
        assert!(nowhere.check_move(&later, "from").is_ok());
    }

    #[test]
    fn phone_numbers_are_checked() {
        assert!(valid_phone("01632 960 001"));
        assert!(valid_phone("+44 7700 900982"));
        assert!(!valid_phone("call me"));
        assert!(!valid_phone("123"));
    }
}
