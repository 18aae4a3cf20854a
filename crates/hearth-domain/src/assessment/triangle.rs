//! The assessment triangle (Framework for the Assessment of Children in Need and their Families):
//! three domains, each with its dimensions, each dimension recorded as strengths and concerns.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TriangleDomain {
    ChildDevelopment,
    ParentingCapacity,
    FamilyEnvironment,
}

/// One dimension of a domain: its code (the JSON key) and its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dimension {
    pub code: &'static str,
    pub label: &'static str,
    pub prompt: &'static str,
}

const fn dim(code: &'static str, label: &'static str, prompt: &'static str) -> Dimension {
    Dimension {
        code,
        label,
        prompt,
    }
}

const CHILD: &[Dimension] = &[
    dim("health", "Health", "Growth, development, physical and mental wellbeing; health care, immunisations, diet."),
    dim("education", "Education", "Cognitive development from birth; nursery or school attendance, progress and special educational needs."),
    dim("emotional-behavioural", "Emotional and behavioural development", "Feelings and actions towards carers and others; attachment, temperament, response to stress, self-control."),
    dim("identity", "Identity", "The child's sense of self as separate and valued: race, religion, culture, age, gender, sexuality, disability."),
    dim("family-social-relationships", "Family and social relationships", "Stable, affectionate relationships with carers, siblings, family and friends."),
    dim("social-presentation", "Social presentation", "How the child appears to the outside world: dress, hygiene, behaviour."),
    dim("self-care", "Self-care skills", "Growing practical, emotional and communication skills for independence."),
];

const PARENTING: &[Dimension] = &[
    dim("basic-care", "Basic care", "Meeting physical needs: food, warmth, shelter, clean clothing, hygiene, medical and dental care."),
    dim("ensuring-safety", "Ensuring safety", "Protection from harm and danger, including unsafe adults and other children, and from self-harm."),
    dim("emotional-warmth", "Emotional warmth", "Emotional needs met; a sense of being valued; warm, sensitive and consistent care."),
    dim("stimulation", "Stimulation", "Promoting learning and intellectual development through encouragement, play and school attendance."),
    dim("guidance-boundaries", "Guidance and boundaries", "Helping the child regulate emotions and behaviour; setting and keeping boundaries."),
    dim("stability", "Stability", "A stable family environment; consistent carers and responses; keeping contact with important people."),
];

const FAMILY: &[Dimension] = &[
    dim("family-history-functioning", "Family history and functioning", "Genetic and psycho-social history; who lives in the household and how they relate; parents' own childhoods."),
    dim("wider-family", "Wider family", "Who the child and family regard as family; their role and importance."),
    dim("housing", "Housing", "Whether the accommodation has basic amenities and suits the child's needs, including any disability."),
    dim("employment", "Employment", "Who works in the household and how work affects the family and the child."),
    dim("income", "Income", "Income over time; whether the family has what it needs and receives all it is entitled to."),
    dim("social-integration", "Family's social integration", "The family's place in its neighbourhood and community; isolation; peer groups and friendships."),
    dim("community-resources", "Community resources", "Local facilities and services: health, childcare, places of worship, transport, shops, leisure."),
];

impl TriangleDomain {
    pub const ALL: &'static [TriangleDomain] = &[
        TriangleDomain::ChildDevelopment,
        TriangleDomain::ParentingCapacity,
        TriangleDomain::FamilyEnvironment,
    ];

    pub fn label(self) -> &'static str {
        match self {
            TriangleDomain::ChildDevelopment => "Child's developmental needs",
            TriangleDomain::ParentingCapacity => "Parenting capacity",
            TriangleDomain::FamilyEnvironment => "Family and environmental factors",
        }
    }

    pub fn dimensions(self) -> &'static [Dimension] {
        match self {
            TriangleDomain::ChildDevelopment => CHILD,
            TriangleDomain::ParentingCapacity => PARENTING,
            TriangleDomain::FamilyEnvironment => FAMILY,
        }
    }
}

/// What is recorded for one dimension.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(default, deny_unknown_fields)]
pub struct DimensionRecord {
    pub strengths: String,
    pub concerns: String,
}

impl DimensionRecord {
    pub fn is_blank(&self) -> bool {
        self.strengths.trim().is_empty() && self.concerns.trim().is_empty()
    }
}

/// A domain's record: dimension code → strengths and concerns.
pub type DomainRecord = BTreeMap<String, DimensionRecord>;

/// Checks every key is a dimension of `domain`, naming the unknown ones.
pub fn check_domain(domain: TriangleDomain, rec: &DomainRecord) -> Result<(), String> {
    let unknown: Vec<&str> = rec
        .keys()
        .map(String::as_str)
        .filter(|k| !domain.dimensions().iter().any(|d| d.code == *k))
        .collect();
    if unknown.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "{} is not a dimension of {} (use: {})",
            unknown.join(", "),
            domain.label().to_lowercase(),
            domain
                .dimensions()
                .iter()
                .map(|d| d.code)
                .collect::<Vec<_>>()
                .join(", ")
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_dimension_in_the_domain_guide_is_listed_once() {
        let counts: Vec<usize> = TriangleDomain::ALL
            .iter()
            .map(|d| d.dimensions().len())
            .collect();
        assert_eq!(counts, vec![7, 6, 7]);
        let mut codes: Vec<&str> = TriangleDomain::ALL
            .iter()
            .flat_map(|d| d.dimensions().iter().map(|x| x.code))
            .collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), 20);
    }

    #[test]
    fn unknown_dimensions_are_named() {
        let mut rec = DomainRecord::new();
        rec.insert("housing".into(), DimensionRecord::default());
        assert!(check_domain(TriangleDomain::FamilyEnvironment, &rec).is_ok());
        let err = check_domain(TriangleDomain::ChildDevelopment, &rec).unwrap_err();
        assert!(err.starts_with("housing is not a dimension of child's developmental needs"));
    }
}
