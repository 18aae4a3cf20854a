//! The example indicators of seed 000 §2.7 (Nottinghamshire's levels-of-concern table), by level,
//! age group and area. Examples only, for reference beside a decision: the level is the worker's
//! professional judgement, with the concerns considered together.

/// Indicators for one age group at one level: (area, examples).
pub struct AgeGroup {
    pub age: &'static str,
    pub areas: &'static [(&'static str, &'static [&'static str])],
}

const FAMILY: &str = "Family and environmental factors";
const PARENTING: &str = "Parenting capacity";
const HEALTH: &str = "Health";
const EDUCATION: &str = "Education";
const EMOTIONAL: &str = "Emotional and behavioural development";
const IDENTITY: &str = "Identity, social presentation and self-care skills";
const RELATIONSHIPS: &str = "Family and social relationships";
/// The moderate-concerns table runs family, environment and parenting together in one column.
const HOME: &str = "Family, home and parenting";

const CONCERNS: &[AgeGroup] = &[
    AgeGroup { age: "All children", areas: &[
        (FAMILY, &["Heating is inadequate; insufficient space for everyone to sit or sleep", "Occasional domestic violence"]),
        (PARENTING, &["Little or no support from family or community", "Inconsistent or inappropriate boundary setting by parents", "Lack of parental support for preventative health measures"]),
        (HEALTH, &["Child has sensory or physical problems"]),
        (EDUCATION, &["Parents show no interest in the child's achievements", "Parents do not appreciate the need to encourage their children to learn and explore"]),
        (EMOTIONAL, &["Child blamed for behaviour (for example, wetting)", "Child has emotional and behavioural difficulties", "Child seriously lacking in self-esteem"]),
        (IDENTITY, &["Child appears scruffy or unkempt", "Limited show of affection or warmth to the child", "Inconsistent contact with absent parents", "Child suffers occasional racial harassment"]),
        (RELATIONSHIPS, &["Parents do little to help the child's friendships and social integration"]),
    ]},
    AgeGroup { age: "Younger children", areas: &[
        (FAMILY, &["Parent with post-natal depression", "Young or immature parent or carer with poor support networks"]),
        (PARENTING, &["Lack of safety equipment", "Child lacks age-appropriate toys or play equipment"]),
        (HEALTH, &["Frequent attendance at Accident and Emergency"]),
        (EDUCATION, &["Not attending pre-school play or learning", "Difficulty developing literacy or numeracy skills", "Child spends long periods strapped in a buggy"]),
        (EMOTIONAL, &["Parent or carer frequently smacks the child"]),
        (IDENTITY, &["Child left in dirty nappies or frequently dressed inappropriately"]),
    ]},
    AgeGroup { age: "Older children and young people", areas: &[
        (PARENTING, &["Child does not know where the parent is"]),
        (HEALTH, &["Occasional misuse of alcohol or soft drugs"]),
        (EDUCATION, &["Young person not achieving their potential in all areas", "Occasional truancy"]),
        (RELATIONSHIPS, &["History of serious verbal arguments between the young person and a parent"]),
    ]},
];

const MODERATE: &[AgeGroup] = &[
    AgeGroup { age: "All children", areas: &[
        (HOME, &["Home used as a brothel, or as a meeting place for people misusing alcohol or drugs", "Serious or persistent domestic violence", "Inappropriate sexual boundaries within the home"]),
        (HEALTH, &["Diet inadequate or inappropriate", "Child has a profound physical or learning disability", "Child has chronic ill health", "Child has frequent avoidable accidents", "Child's health needs not being met"]),
        (EDUCATION, &["For school-age children, frequent unexplained absences", "Child working at a level substantially below children of a similar age"]),
        (EMOTIONAL, &["Child is constantly blamed, or their behaviour causes the parent ongoing concern", "Ongoing difficulties with interaction that impede social relationships"]),
        (IDENTITY, &["Child is given more responsibility than is appropriate for their age and stage of development", "Child suffers frequent racial harassment"]),
        (RELATIONSHIPS, &["Child not usually liked by adults or peers", "Child acting as a carer for a parent with mental ill health or disability", "Repeated and sustained bullying by siblings"]),
    ]},
    AgeGroup { age: "Young children", areas: &[
        (HOME, &["Health risks from vermin, dangerous materials or substances, or animal or human waste"]),
        (HEALTH, &["Frequent unexplained periods of illness, or not achieving milestones", "Poor growth or weight gain"]),
        (EDUCATION, &["Speech cannot be understood outside the family", "Behaviour is very problematic in the pre-school setting"]),
        (IDENTITY, &["Child shows no awareness of gender, ethnicity and racial differences"]),
    ]},
    AgeGroup { age: "Older children", areas: &[
        (HEALTH, &["Young person misusing substances occasionally", "Sexually active young person at risk of sexually transmitted disease"]),
        (EDUCATION, &["No contact between school and family", "Permanent exclusion or regular temporary exclusions", "Frequent unexplained absences"]),
        (EMOTIONAL, &["Child taking age-inappropriate risks", "Involved in offences against property"]),
        (IDENTITY, &["Child performing parenting or intimate care tasks for siblings or adults"]),
        (RELATIONSHIPS, &["Unable to sustain friendships", "History of physical arguments between the young person and a parent"]),
    ]},
];

const SERIOUS: &[AgeGroup] = &[
    AgeGroup { age: "All children", areas: &[
        (FAMILY, &["A person assessed as presenting a serious risk to children moves into the household or starts regular contact with the child", "Children who go missing"]),
        (PARENTING, &["Parental physical or mental ill health or substance dependence that seriously affects parenting", "Parent rejects or scapegoats the child within the family"]),
        (HEALTH, &["Another child in the family has been removed", "Disabled child with challenging behaviour or complex needs"]),
        (EDUCATION, &["Child or young person is not in education"]),
        (EMOTIONAL, &["Bruising that needs medical attention", "Extreme age-inappropriate or sexualised behaviour"]),
        (IDENTITY, &["Parenting that actively destroys or undermines the child's self-esteem and identity"]),
        (RELATIONSHIPS, &["Child moves back and forth among family members", "Violence between the young person and a parent", "Child is the main carer for a parent or sibling"]),
    ]},
    AgeGroup { age: "Pre-school children", areas: &[
        (FAMILY, &["Dangerous objects left within reach in the house, for example needles or broken glass"]),
        (PARENTING, &["Specialist appointments missed", "Parent presenting with fabricated or induced illness in the child"]),
        (HEALTH, &["Unexplained injuries to this or another child in the family", "Failing to thrive (below the 3rd centile)"]),
        (EDUCATION, &["Parents rarely communicate or play with the child", "No response, or a negative response, to the attention of a known adult", "Child shows no inclination to explore or play"]),
        (EMOTIONAL, &["Baby smacked, causing bruising", "Involved in activities that would be criminal at the age of criminal responsibility"]),
        (RELATIONSHIPS, &["Little or no sign of attachment, or anxious attachment", "Frequent changes of primary carer", "Carers in hospital or prison, so no carer available"]),
    ]},
    AgeGroup { age: "Young people", areas: &[
        (FAMILY, &["Homelessness"]),
        (HEALTH, &["Deliberate self-harm or attempted suicide", "Frequent misuse of alcohol or class A drugs", "Victim or perpetrator of sexual exploitation"]),
        (EDUCATION, &["No stable friendships", "Refusal to work or attend school"]),
        (EMOTIONAL, &["Offences against the person"]),
        (IDENTITY, &["Appearance and personal hygiene lead to rejection by peers"]),
        (RELATIONSHIPS, &["Homeless young person without a stable relationship with at least one adult", "Threat of rejection because of family breakdown"]),
    ]},
];

/// The example indicators for a level ("Concerns", "Moderate concerns", "Serious concerns").
pub fn for_level(title: &str) -> &'static [AgeGroup] {
    match title {
        "Concerns" => CONCERNS,
        "Moderate concerns" => MODERATE,
        "Serious concerns" => SERIOUS,
        _ => &[],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_level_has_examples_for_three_age_groups() {
        for level in ["Concerns", "Moderate concerns", "Serious concerns"] {
            let groups = for_level(level);
            assert_eq!(groups.len(), 3, "{level}");
            assert!(groups
                .iter()
                .all(|g| g.areas.iter().all(|(_, items)| !items.is_empty())));
        }
        assert!(for_level("Unknown").is_empty());
    }
}
