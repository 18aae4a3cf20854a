//! Staff and partner roles. Each user holds one role and belongs to one team.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub enum Role {
    SocialWorker,
    TeamManager,
    ServiceManager,
    ConferenceChair,
    FrontDoor,
    PartnerReferrer,
    PerformanceAnalyst,
    InformationGovernance,
    Administrator,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("'{0}' is not a role; use one of: social-worker, team-manager, service-manager, conference-chair, front-door, partner-referrer, performance-analyst, information-governance, administrator")]
pub struct UnknownRole(pub String);

impl Role {
    pub const ALL: &'static [Role] = &[
        Role::SocialWorker,
        Role::TeamManager,
        Role::ServiceManager,
        Role::ConferenceChair,
        Role::FrontDoor,
        Role::PartnerReferrer,
        Role::PerformanceAnalyst,
        Role::InformationGovernance,
        Role::Administrator,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Role::SocialWorker => "social-worker",
            Role::TeamManager => "team-manager",
            Role::ServiceManager => "service-manager",
            Role::ConferenceChair => "conference-chair",
            Role::FrontDoor => "front-door",
            Role::PartnerReferrer => "partner-referrer",
            Role::PerformanceAnalyst => "performance-analyst",
            Role::InformationGovernance => "information-governance",
            Role::Administrator => "administrator",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Role::SocialWorker => "Social worker",
            Role::TeamManager => "Team manager",
            Role::ServiceManager => "Service manager",
            Role::ConferenceChair => "Conference chair (independent reviewing officer)",
            Role::FrontDoor => "Front door (MASH)",
            Role::PartnerReferrer => "Partner agency referrer",
            Role::PerformanceAnalyst => "Performance analyst",
            Role::InformationGovernance => "Information governance lead",
            Role::Administrator => "Administrator",
        }
    }

    pub fn parse(s: &str) -> Result<Self, UnknownRole> {
        let s = s.trim();
        Self::ALL
            .iter()
            .copied()
            .find(|r| r.code() == s || (s == "ig-lead" && *r == Role::InformationGovernance))
            .ok_or_else(|| UnknownRole(s.to_string()))
    }

    /// Staff of the council (everyone but partner-agency referrers).
    pub fn is_council_staff(self) -> bool {
        self != Role::PartnerReferrer
    }

    /// Whether the role is held by a social worker registered with Social Work England: social
    /// workers, their team and service managers, and conference chairs (independent reviewing
    /// officers are registered social workers). Front-door (MASH) officers screen contacts but
    /// are not assumed to be registered.
    pub fn is_registered_social_worker(self) -> bool {
        matches!(
            self,
            Role::SocialWorker | Role::TeamManager | Role::ServiceManager | Role::ConferenceChair
        )
    }

    pub fn is_manager(self) -> bool {
        matches!(self, Role::TeamManager | Role::ServiceManager)
    }

    /// Whether a case can be allocated to someone in this role: a registered social worker or
    /// a manager holding it themselves (never front-door, partner or back-office roles).
    pub fn may_hold_cases(self) -> bool {
        matches!(
            self,
            Role::SocialWorker | Role::TeamManager | Role::ServiceManager
        )
    }
}

impl TryFrom<String> for Role {
    type Error = UnknownRole;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Self::parse(&s)
    }
}

impl From<Role> for String {
    fn from(r: Role) -> String {
        r.code().to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_social_workers_and_managers_hold_cases() {
        let holders: Vec<Role> = Role::ALL
            .iter()
            .copied()
            .filter(|r| r.may_hold_cases())
            .collect();
        assert_eq!(
            holders,
            vec![Role::SocialWorker, Role::TeamManager, Role::ServiceManager]
        );
    }

    #[test]
    fn every_role_round_trips_through_its_code() {
        for r in Role::ALL {
            assert_eq!(Role::parse(r.code()), Ok(*r));
        }
        assert!(Role::parse("superuser").is_err());
    }
}

crate::string_schema!(
    Role,
    "User role",
    Some(Role::ALL.iter().map(|r| r.code()).collect()),
    None
);
