//! Who can chair a child's conference (conference chairs outside the case's team) and who can
//! be its lead social worker (people who hold cases), for the conference forms.

use hearth_domain::authz::GeneralAction;
use hearth_domain::ids::PersonId;
use hearth_domain::role::Role;
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::accounts::auth::Principal;
use crate::error::AppResult;
use crate::App;

/// A person to choose, by id and name.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Choice {
    pub id: Uuid,
    pub name: String,
}

/// The people the conference forms offer.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ConferencePeople {
    /// Conference chairs who are not in the team that holds the case.
    pub chairs: Vec<Choice>,
    /// Social workers and managers who can lead the plan, the allocated worker first.
    pub workers: Vec<Choice>,
}

impl App {
    /// The chairs and lead workers to offer for the child's conference (no audit row: it reads
    /// staff names, not the child's record, beyond the allocated team the gate already checked).
    #[tracing::instrument(skip_all)]
    pub async fn conference_people(
        &self,
        p: &Principal,
        person: PersonId,
    ) -> AppResult<ConferencePeople> {
        self.allow(p, GeneralAction::ChairConference).await?;
        let tx = self.db.read().await?;
        let (mut tx, access) = self.read_access(tx, p, person, "conference.people").await?;
        let episode = tx.episodes().open_of(&access).await?;
        let team = episode.as_ref().and_then(|e| e.allocated_team);
        let worker = episode.as_ref().and_then(|e| e.allocated_worker);
        let users = tx.users().list().await?;
        tx.rollback().await?;
        let mut chairs: Vec<Choice> = users
            .iter()
            .filter(|u| !u.disabled && u.role == Role::ConferenceChair && Some(u.team.0) != team)
            .map(|u| Choice {
                id: u.id.0,
                name: format!("{} ({})", u.name, u.team_name),
            })
            .collect();
        chairs.sort_by(|a, b| a.name.cmp(&b.name));
        let mut workers: Vec<Choice> = users
            .iter()
            .filter(|u| !u.disabled && u.role.may_hold_cases())
            .filter(|u| Some(u.team.0) == team || Some(u.id.0) == worker)
            .map(|u| Choice {
                id: u.id.0,
                name: format!("{} ({})", u.name, u.team_name),
            })
            .collect();
        workers.sort_by_key(|c| (Some(c.id) != worker, c.name.clone()));
        Ok(ConferencePeople { chairs, workers })
    }
}
