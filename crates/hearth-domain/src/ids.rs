//! Typed identifiers, so a person's id can never be passed where a user's is wanted.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

macro_rules! id_type {
    ($(#[$m:meta])* $name:ident) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, utoipa::ToSchema)]
        #[serde(transparent)]
        pub struct $name(pub Uuid);

        impl $name {
            /// A fresh random id (v4).
            pub fn new() -> Self {
                Self(Uuid::new_v4())
            }
        }

        impl Default for $name {
            fn default() -> Self {
                Self::new()
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }

        impl From<Uuid> for $name {
            fn from(id: Uuid) -> Self {
                Self(id)
            }
        }

        impl std::str::FromStr for $name {
            type Err = uuid::Error;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Uuid::parse_str(s).map(Self)
            }
        }
    };
}

id_type!(
    /// A child or adult known to children's social care.
    PersonId
);
id_type!(
    /// A member of staff or a partner-agency user who signs in.
    UserId
);
id_type!(
    /// A team (front door, a locality team, a partner agency).
    TeamId
);
id_type!(
    /// A relationship between two people.
    RelationshipId
);
id_type!(
    /// A professional's involvement with a child.
    InvolvementId
);
id_type!(
    /// A contact received at the front door.
    ContactId
);
id_type!(
    /// A referral: one per child a contact concerns.
    ReferralId
);
id_type!(
    /// A child's episode of need (census `CINdetails`).
    EpisodeId
);
id_type!(
    /// A child and family assessment.
    AssessmentId
);
