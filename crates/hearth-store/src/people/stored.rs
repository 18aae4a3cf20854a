//! How a person's details are stored (since migration 0006): the census characteristics in typed
//! columns (`persons.sex`, `gender_identity`, `ethnicity`, each checked by the database) and the
//! `person_disabilities` table; everything else in the `details` JSON. Each is held once.
//! `person_versions.details` keeps the whole of [`PersonDetails`] as history.

use hearth_domain::codes::{Disability, Ethnicity, Sex};
use hearth_domain::nhs_number::NhsNumber;
use hearth_domain::person::{Birth, PersonDetails, PersonKind};
use hearth_domain::upn::Upn;
use serde::{Deserialize, Serialize};

use crate::code_tables::decode_opt;
use crate::Result;

/// What `persons.details` holds: the details less the census characteristics. The fields and
/// their serde shapes are those of [`PersonDetails`].
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct DetailsJson {
    kind: PersonKind,
    given_names: String,
    family_name: String,
    aliases: Vec<String>,
    birth: Birth,
    first_language: Option<String>,
    communication_needs: Option<String>,
    interpreter_required: bool,
    nhs_number: Option<NhsNumber>,
    upn: Option<Upn>,
    telephone: Option<String>,
}

/// The census characteristics, held in typed columns and `person_disabilities`.
#[derive(Debug, Clone, Default)]
pub(crate) struct Characteristics {
    pub sex: Option<Sex>,
    pub gender_identity: Option<String>,
    pub ethnicity: Option<Ethnicity>,
    pub disabilities: Vec<Disability>,
}

impl Characteristics {
    /// From the typed columns as read (codes checked again: a stray code is corrupt data).
    pub fn from_columns(
        sex: Option<&str>,
        gender_identity: Option<String>,
        ethnicity: Option<&str>,
        disabilities: Vec<Disability>,
    ) -> Result<Characteristics> {
        Ok(Characteristics {
            sex: decode_opt(sex)?,
            gender_identity,
            ethnicity: decode_opt(ethnicity)?,
            disabilities,
        })
    }

    pub fn sex_code(&self) -> Option<&'static str> {
        self.sex.map(Sex::code)
    }

    pub fn ethnicity_code(&self) -> Option<&'static str> {
        self.ethnicity.map(Ethnicity::code)
    }
}

/// Splits details into what the JSON holds and what the typed columns hold.
pub(crate) fn split(d: &PersonDetails) -> (DetailsJson, Characteristics) {
    // Destructured whole, so a new field of `PersonDetails` must be given a home here.
    let PersonDetails {
        kind,
        given_names,
        family_name,
        aliases,
        birth,
        sex,
        gender_identity,
        ethnicity,
        first_language,
        communication_needs,
        interpreter_required,
        disabilities,
        nhs_number,
        upn,
        telephone,
    } = d.clone();
    (
        DetailsJson {
            kind,
            given_names,
            family_name,
            aliases,
            birth,
            first_language,
            communication_needs,
            interpreter_required,
            nhs_number,
            upn,
            telephone,
        },
        Characteristics {
            sex,
            gender_identity,
            ethnicity,
            disabilities,
        },
    )
}

/// Puts the two halves back together.
pub(crate) fn join(j: DetailsJson, c: Characteristics) -> PersonDetails {
    PersonDetails {
        kind: j.kind,
        given_names: j.given_names,
        family_name: j.family_name,
        aliases: j.aliases,
        birth: j.birth,
        sex: c.sex,
        gender_identity: c.gender_identity,
        ethnicity: c.ethnicity,
        first_language: j.first_language,
        communication_needs: j.communication_needs,
        interpreter_required: j.interpreter_required,
        disabilities: c.disabilities,
        nhs_number: j.nhs_number,
        upn: j.upn,
        telephone: j.telephone,
    }
}

impl DetailsJson {
    /// The details with the characteristics left empty, for lists and duplicate checks: a
    /// summary never shows them and a duplicate check never compares them, so they are not read.
    pub fn without_characteristics(self) -> PersonDetails {
        join(self, Characteristics::default())
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn the_json_is_the_details_less_the_characteristics() {
        let d = PersonDetails {
            kind: PersonKind::Child,
            given_names: "Ada".into(),
            family_name: "Lovelace".into(),
            aliases: vec!["Addie".into()],
            birth: Birth::Born {
                date_of_birth: None,
            },
            sex: Some(Sex::Female),
            gender_identity: Some("girl".into()),
            ethnicity: Some(Ethnicity::Wbri),
            first_language: Some("English".into()),
            communication_needs: None,
            interpreter_required: false,
            disabilities: vec![Disability::Aut],
            nhs_number: None,
            upn: None,
            telephone: None,
        };
        let (j, c) = split(&d);
        let mut whole = serde_json::to_value(&d).unwrap();
        for k in ["sex", "gender_identity", "ethnicity", "disabilities"] {
            whole.as_object_mut().unwrap().remove(k);
        }
        assert_eq!(serde_json::to_value(&j).unwrap(), whole);
        assert_eq!(join(j, c), d);
    }
}
