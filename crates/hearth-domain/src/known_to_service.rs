//! Whether children's social care knows a person: what a worker needs beside a name in a search
//! result to tell two people apart and to see at once whether the child has a case.

use serde::Serialize;

/// Open to the service (an open episode of need), known to it (any past referral or episode),
/// or not known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum KnownToService {
    OpenCase,
    Known,
    NotKnown,
}

impl KnownToService {
    /// From the facts: an open episode wins over any history.
    pub fn of(open_episode: bool, any_referral_or_episode: bool) -> Self {
        match (open_episode, any_referral_or_episode) {
            (true, _) => Self::OpenCase,
            (false, true) => Self::Known,
            (false, false) => Self::NotKnown,
        }
    }

    /// The words shown to staff.
    pub fn label(self) -> &'static str {
        match self {
            Self::OpenCase => "Open case",
            Self::Known => "Known",
            Self::NotKnown => "Not known",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_open_episode_wins_over_history() {
        assert_eq!(KnownToService::of(true, true), KnownToService::OpenCase);
        assert_eq!(KnownToService::of(true, false), KnownToService::OpenCase);
        assert_eq!(KnownToService::of(false, true), KnownToService::Known);
        assert_eq!(KnownToService::of(false, false), KnownToService::NotKnown);
        assert_eq!(KnownToService::Known.label(), "Known");
    }
}
