//! Relationships between people, with parental responsibility as its own flag, and the
//! professionals involved with a child.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::errors::ValidationErrors;
use crate::ids::{InvolvementId, PersonId, RelationshipId};
use crate::person::{non_blank, parse_date};

/// "A is the <type> of B".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub enum RelationshipType {
    Parent,
    StepParent,
    Carer,
    FosterCarer,
    Guardian,
    SpecialGuardian,
    Grandparent,
    Sibling,
    HalfSibling,
    StepSibling,
    OtherRelative,
    ParentsPartner,
    HouseholdMember,
    SignificantOther,
}

impl RelationshipType {
    pub const ALL: &'static [RelationshipType] = &[
        Self::Parent,
        Self::StepParent,
        Self::Carer,
        Self::FosterCarer,
        Self::Guardian,
        Self::SpecialGuardian,
        Self::Grandparent,
        Self::Sibling,
        Self::HalfSibling,
        Self::StepSibling,
        Self::OtherRelative,
        Self::ParentsPartner,
        Self::HouseholdMember,
        Self::SignificantOther,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Self::Parent => "parent",
            Self::StepParent => "step-parent",
            Self::Carer => "carer",
            Self::FosterCarer => "foster-carer",
            Self::Guardian => "guardian",
            Self::SpecialGuardian => "special-guardian",
            Self::Grandparent => "grandparent",
            Self::Sibling => "sibling",
            Self::HalfSibling => "half-sibling",
            Self::StepSibling => "step-sibling",
            Self::OtherRelative => "other-relative",
            Self::ParentsPartner => "parents-partner",
            Self::HouseholdMember => "household-member",
            Self::SignificantOther => "significant-other",
        }
    }

    /// How A is described ("parent").
    pub fn label(self) -> &'static str {
        match self {
            Self::Parent => "Parent",
            Self::StepParent => "Step-parent",
            Self::Carer => "Carer",
            Self::FosterCarer => "Foster carer",
            Self::Guardian => "Guardian",
            Self::SpecialGuardian => "Special guardian",
            Self::Grandparent => "Grandparent",
            Self::Sibling => "Sibling",
            Self::HalfSibling => "Half-sibling",
            Self::StepSibling => "Step-sibling",
            Self::OtherRelative => "Other relative",
            Self::ParentsPartner => "Parent's partner",
            Self::HouseholdMember => "Household member",
            Self::SignificantOther => "Significant other",
        }
    }

    /// How B is described from A's side ("child" for a parent).
    pub fn inverse_label(self) -> &'static str {
        match self {
            Self::Parent => "Child",
            Self::StepParent => "Step-child",
            Self::Carer | Self::FosterCarer => "Cared-for child",
            Self::Guardian | Self::SpecialGuardian => "Ward",
            Self::Grandparent => "Grandchild",
            Self::Sibling => "Sibling",
            Self::HalfSibling => "Half-sibling",
            Self::StepSibling => "Step-sibling",
            Self::OtherRelative => "Other relative",
            Self::ParentsPartner => "Partner's child",
            Self::HouseholdMember => "Household member",
            Self::SignificantOther => "Significant other",
        }
    }

    /// Types that can carry parental responsibility (by birth, marriage or an order).
    pub fn can_hold_parental_responsibility(self) -> bool {
        !matches!(
            self,
            Self::Sibling
                | Self::HalfSibling
                | Self::StepSibling
                | Self::HouseholdMember
                | Self::SignificantOther
                | Self::FosterCarer
        )
    }

    pub fn is_sibling(self) -> bool {
        matches!(self, Self::Sibling | Self::HalfSibling | Self::StepSibling)
    }

    pub fn parse(s: &str) -> Result<Self, UnknownRelationship> {
        let s = s.trim();
        Self::ALL
            .iter()
            .copied()
            .find(|t| t.code() == s)
            .ok_or_else(|| UnknownRelationship(s.to_string()))
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("'{0}' is not a relationship type")]
pub struct UnknownRelationship(pub String);

impl TryFrom<String> for RelationshipType {
    type Error = UnknownRelationship;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Self::parse(&s)
    }
}
impl From<RelationshipType> for String {
    fn from(t: RelationshipType) -> String {
        t.code().to_string()
    }
}

/// A stored relationship.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Relationship {
    pub id: RelationshipId,
    /// A in "A is the parent of B".
    pub from_person: PersonId,
    pub to_person: PersonId,
    pub kind: RelationshipType,
    pub parental_responsibility: bool,
    pub lives_with: bool,
    pub started: Option<NaiveDate>,
    pub ended: Option<NaiveDate>,
}

/// Raw input: "<from_person> is the <kind> of <to_person>".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RelationshipInput {
    pub from_person: String,
    pub to_person: String,
    pub kind: String,
    #[serde(default)]
    pub parental_responsibility: bool,
    #[serde(default)]
    pub lives_with: bool,
    #[serde(default)]
    pub started: Option<String>,
}

impl RelationshipInput {
    pub fn parse(&self, today: NaiveDate) -> Result<Relationship, ValidationErrors> {
        let mut errs = ValidationErrors::default();
        let from = self.from_person.trim().parse::<PersonId>().ok();
        if from.is_none() {
            errs.add(
                "from_person",
                "invalid_person",
                "Choose the person this relationship is from",
            );
        }
        let to = self.to_person.trim().parse::<PersonId>().ok();
        if to.is_none() {
            errs.add("to_person", "invalid_person", "Choose the related person");
        }
        if from.is_some() && from == to {
            errs.add(
                "to_person",
                "same_person",
                "A person cannot be related to themselves",
            );
        }
        let kind = RelationshipType::parse(&self.kind)
            .map_err(|e| {
                errs.add(
                    "kind",
                    "unknown_relationship",
                    format!("{e}; choose one from the list"),
                )
            })
            .ok();
        if let Some(k) = kind {
            if self.parental_responsibility && !k.can_hold_parental_responsibility() {
                errs.add(
                    "parental_responsibility",
                    "pr_not_possible",
                    format!("A {} cannot hold parental responsibility; record the order that gives it (for example guardian or special guardian)", k.label().to_lowercase()),
                );
            }
        }
        let started = non_blank(&self.started)
            .and_then(|s| parse_date("started", "The start date", &s, &mut errs));
        if started.is_some_and(|d| d > today) {
            errs.add(
                "started",
                "future_date",
                "The start date must be today or in the past",
            );
        }
        match (from, to, kind) {
            (Some(from_person), Some(to_person), Some(kind)) if errs.is_empty() => {
                Ok(Relationship {
                    id: RelationshipId::new(),
                    from_person,
                    to_person,
                    kind,
                    parental_responsibility: self.parental_responsibility,
                    lives_with: self.lives_with,
                    started,
                    ended: None,
                })
            }
            _ => Err(errs),
        }
    }
}

/// A professional involved with a child (GP, school, health visitor, police officer…).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Involvement {
    pub id: InvolvementId,
    pub person: PersonId,
    pub name: String,
    pub role: String,
    pub agency: String,
    pub telephone: Option<String>,
    pub email: Option<String>,
    pub from: NaiveDate,
    pub to: Option<NaiveDate>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct InvolvementInput {
    pub name: String,
    pub role: String,
    pub agency: String,
    #[serde(default)]
    pub telephone: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
    pub from: String,
    #[serde(default)]
    pub to: Option<String>,
}

impl InvolvementInput {
    pub fn parse(
        &self,
        person: PersonId,
        today: NaiveDate,
    ) -> Result<Involvement, ValidationErrors> {
        let mut errs = ValidationErrors::default();
        for (field, label, v) in [
            ("name", "the professional's name", &self.name),
            ("role", "their role", &self.role),
            ("agency", "their agency", &self.agency),
        ] {
            if v.trim().is_empty() {
                errs.add(field, "required", format!("Enter {label}"));
            } else if v.chars().count() > 200 {
                errs.add(
                    field,
                    "too_long",
                    format!("Keep {label} to 200 characters or fewer"),
                );
            }
        }
        let email = non_blank(&self.email);
        if email
            .as_deref()
            .is_some_and(|e| !e.contains('@') || e.contains(' '))
        {
            errs.add(
                "email",
                "invalid_email",
                "Enter an email address, like name@example.org",
            );
        }
        let from = parse_date(
            "from",
            "The date their involvement started",
            &self.from,
            &mut errs,
        );
        if from.is_some_and(|d| d > today) {
            errs.add(
                "from",
                "future_date",
                "The start date must be today or in the past",
            );
        }
        let to = non_blank(&self.to).and_then(|s| parse_date("to", "The end date", &s, &mut errs));
        if let (Some(f), Some(t)) = (from, to) {
            if t < f {
                errs.add(
                    "to",
                    "end_before_start",
                    "The end date must be on or after the start date",
                );
            }
        }
        match from {
            Some(from) if errs.is_empty() => Ok(Involvement {
                id: InvolvementId::new(),
                person,
                name: self.name.trim().into(),
                role: self.role.trim().into(),
                agency: self.agency.trim().into(),
                telephone: non_blank(&self.telephone),
                email,
                from,
                to,
            }),
            _ => Err(errs),
        }
    }
}

crate::string_schema!(
    RelationshipType,
    "A is the <kind> of B",
    Some(RelationshipType::ALL.iter().map(|k| k.code()).collect()),
    None
);

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 22).unwrap_or_default()
    }

    #[test]
    fn unknown_type_and_impossible_pr_are_refused() {
        let a = PersonId::new().to_string();
        let b = PersonId::new().to_string();
        let bad = RelationshipInput {
            from_person: a.clone(),
            to_person: b.clone(),
            kind: "uncle-ish".into(),
            ..Default::default()
        };
        assert_eq!(
            bad.parse(today()).unwrap_err().0[0].code,
            "unknown_relationship"
        );
        let sib = RelationshipInput {
            from_person: a.clone(),
            to_person: b.clone(),
            kind: "sibling".into(),
            parental_responsibility: true,
            ..Default::default()
        };
        assert_eq!(sib.parse(today()).unwrap_err().0[0].code, "pr_not_possible");
        let parent = RelationshipInput {
            from_person: a,
            to_person: b,
            kind: "parent".into(),
            parental_responsibility: true,
            ..Default::default()
        };
        assert!(parent.parse(today()).unwrap().parental_responsibility);
    }

    #[test]
    fn a_person_is_not_their_own_relative() {
        let a = PersonId::new().to_string();
        let r = RelationshipInput {
            from_person: a.clone(),
            to_person: a,
            kind: "parent".into(),
            ..Default::default()
        };
        assert_eq!(r.parse(today()).unwrap_err().0[0].code, "same_person");
    }

    #[test]
    fn involvement_dates_are_ordered() {
        let i = InvolvementInput {
            name: "Dr A".into(),
            role: "GP".into(),
            agency: "Surgery".into(),
            from: "2024-01-01".into(),
            to: Some("2023-01-01".into()),
            ..Default::default()
        };
        assert_eq!(
            i.parse(PersonId::new(), today()).unwrap_err().0[0].code,
            "end_before_start"
        );
    }
}
