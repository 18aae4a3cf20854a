//! The agencies an assessment asks for information.

/// The kind of agency asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AgencyType {
    School,
    EarlyYears,
    HealthVisitor,
    Gp,
    Hospital,
    MentalHealth,
    Police,
    Probation,
    Housing,
    YouthJustice,
    OtherCouncil,
    Voluntary,
    Other,
}

vocab!(AgencyType, "agency type", [
    AgencyType::School => ("school", "School"),
    AgencyType::EarlyYears => ("early-years", "Nursery or early years setting"),
    AgencyType::HealthVisitor => ("health-visitor", "Health visitor or school nurse"),
    AgencyType::Gp => ("gp", "GP"),
    AgencyType::Hospital => ("hospital", "Hospital or midwifery"),
    AgencyType::MentalHealth => ("mental-health", "Mental health service"),
    AgencyType::Police => ("police", "Police"),
    AgencyType::Probation => ("probation", "Probation"),
    AgencyType::Housing => ("housing", "Housing"),
    AgencyType::YouthJustice => ("youth-justice", "Youth justice"),
    AgencyType::OtherCouncil => ("other-council", "Another council"),
    AgencyType::Voluntary => ("voluntary", "Voluntary or community organisation"),
    AgencyType::Other => ("other", "Other"),
]);
