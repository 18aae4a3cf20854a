//! Why information governance restricts a record or lifts its restriction. The audit log keeps
//! the code, never free text about the person.

/// A reason for restricting a record or lifting its restriction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RestrictionReason {
    StaffConnection,
    PublicProfile,
    Safety,
    CourtDirection,
    NoLongerNeeded,
    Other,
    /// Recorded when the change gave no reason.
    NotGiven,
}

vocab!(RestrictionReason, "restriction reason", [
    RestrictionReason::StaffConnection => ("staff-connection", "The person, or someone close to them, works for the council"),
    RestrictionReason::PublicProfile => ("public-profile", "The family is known in the community or in the news"),
    RestrictionReason::Safety => ("safety", "Knowing where the child is could put them or others at risk"),
    RestrictionReason::CourtDirection => ("court-direction", "A court has directed who may see the record"),
    RestrictionReason::NoLongerNeeded => ("no-longer-needed", "The reason for the restriction no longer applies"),
    RestrictionReason::Other => ("other", "Another reason, held by information governance"),
    RestrictionReason::NotGiven => ("not-given", "No reason given"),
]);

impl RestrictionReason {
    /// The reasons offered when restricting (`true`) or lifting a restriction (`false`).
    pub fn offered(restricting: bool) -> impl Iterator<Item = RestrictionReason> {
        Self::ALL.iter().copied().filter(move |r| match r {
            RestrictionReason::NotGiven => false,
            RestrictionReason::NoLongerNeeded => !restricting,
            RestrictionReason::Other => true,
            _ => restricting,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::RestrictionReason as R;

    #[test]
    fn lifting_offers_no_longer_needed_and_other_only() {
        let lift: Vec<_> = R::offered(false).collect();
        assert_eq!(lift, vec![R::NoLongerNeeded, R::Other]);
        let restrict: Vec<_> = R::offered(true).collect();
        assert_eq!(
            restrict,
            vec![
                R::StaffConnection,
                R::PublicProfile,
                R::Safety,
                R::CourtDirection,
                R::Other
            ]
        );
        assert!(R::parse("not-given").is_ok());
        assert!(R::parse("because")
            .unwrap_err()
            .contains("restriction reason"));
    }
}
