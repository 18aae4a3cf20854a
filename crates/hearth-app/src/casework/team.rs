//! The team view for managers: caseload per worker (children held, their FTE, per FTE), overdue
//! work by worker, assessments awaiting authorisation, unallocated children, the team's cases
//! with their last management oversight; reassigning children in bulk; cover while a worker is
//! away; a worker's FTE.

use std::collections::HashMap;

use hearth_domain::assessment::AssessmentState;
use hearth_domain::authz::GeneralAction;
use hearth_domain::casework::tasks::TaskOwner;
use hearth_domain::casework::team::{check_cover, check_takes_work, parse_fte, per_fte, Colleague};
use hearth_domain::clock::ClockKind;
use hearth_domain::errors::ValidationErrors;
use hearth_domain::ids::{EpisodeId, PersonId, UserId};
use hearth_domain::person::parse_date;
use hearth_store::audit::{AuditEntry, AuditOutcome};
use hearth_store::casework::team::CoverRow;
use hearth_store::record_people::RecordKind;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::accounts::auth::Principal;
use crate::casework::types::WorkItem;
use crate::error::{AppError, AppResult};
use crate::people::cases::shown;
use crate::{read_row, App};

/// One worker's load.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct WorkerRow {
    pub id: Uuid,
    pub name: String,
    pub fte: f64,
    pub children: i64,
    pub children_per_fte: f64,
    pub overdue: i64,
    /// Who covers for them today, if anyone.
    pub covered_by: Option<String>,
}

/// One open case in the team.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TeamCaseRow {
    pub episode_id: Uuid,
    pub child_id: Uuid,
    pub child: String,
    pub worker: Option<String>,
    pub last_oversight: Option<chrono::DateTime<chrono::Utc>>,
}

/// The team view.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TeamView {
    pub team: String,
    pub workers: Vec<WorkerRow>,
    pub awaiting_authorisation: Vec<WorkItem>,
    pub unallocated: i64,
    pub cases: Vec<TeamCaseRow>,
}

/// Moving children from one worker to another.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ReassignInput {
    pub from_worker: Uuid,
    pub to_worker: Uuid,
    /// The episodes to move; every child the worker holds when empty.
    #[serde(default)]
    pub episodes: Vec<Uuid>,
}

/// Cover while a worker is away.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CoverInput {
    pub absent_worker: Uuid,
    pub covering_worker: Uuid,
    /// YYYY-MM-DD.
    #[serde(default)]
    pub from: String,
    /// YYYY-MM-DD.
    #[serde(default)]
    pub to: String,
}

/// A worker's full-time equivalent.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FteInput {
    /// From 0.01 to 1, e.g. "0.6".
    #[serde(default)]
    pub fte: String,
}

fn team_entry(
    p: &Principal,
    action: &'static str,
    id: String,
    detail: Option<String>,
) -> AuditEntry {
    AuditEntry {
        user: Some(p.user.id),
        action,
        record_type: "team",
        record_id: Some(id),
        outcome: AuditOutcome::Success,
        detail,
    }
}

impl App {
    /// The manager's team view.
    #[tracing::instrument(skip_all)]
    pub async fn team_view(&self, p: &Principal) -> AppResult<TeamView> {
        self.allow(p, GeneralAction::AllocateWork).await?;
        let now = self.clock.now();
        let today = self.clock.today();
        let team = p.user.team;
        let mut tx = self.db.read().await?;
        let loads = tx.team().caseloads(team).await?;
        let clocks = tx.work().open_clocks(None, Some(team), 5000).await?;
        let mut overdue: HashMap<Uuid, i64> = HashMap::new();
        for c in &clocks {
            let worker_owned = ClockKind::parse(&c.clock.kind)
                .is_some_and(|k| k.task_owner() == TaskOwner::Worker);
            if let (true, true, Some(w)) = (worker_owned, c.clock.due_date < today, c.worker) {
                *overdue.entry(w).or_default() += 1;
            }
        }
        let cover = tx.team().cover_in(team, today).await?;
        let names: HashMap<Uuid, String> = loads.iter().map(|l| (l.id, l.name.clone())).collect();
        let workers = loads
            .iter()
            .filter(|l| hearth_domain::role::Role::parse(&l.role).is_ok_and(|r| r.may_hold_cases()))
            .map(|l| WorkerRow {
                id: l.id,
                name: l.name.clone(),
                fte: l.fte_hundredths as f64 / 100.0,
                children: l.children,
                children_per_fte: per_fte(l.children, l.fte_hundredths),
                overdue: overdue.get(&l.id).copied().unwrap_or(0),
                covered_by: cover
                    .iter()
                    .find(|c| c.absent_worker == l.id && c.from_date <= today)
                    .and_then(|c| names.get(&c.covering_worker).cloned()),
            })
            .collect();
        let waiting = tx
            .work()
            .assessments(
                AssessmentState::AwaitingAuthorisation,
                None,
                Some(team),
                false,
            )
            .await?;
        let cases = tx.team().cases(team, 1000).await?;
        let unallocated = tx.episodes().unallocated_count().await?;
        let mut people: Vec<PersonId> = cases
            .iter()
            .map(|c| PersonId(c.person_id))
            .chain(waiting.iter().map(|a| PersonId(a.person_id)))
            .collect();
        people.sort_by_key(|p| p.0);
        people.dedup();
        let child_names: HashMap<Uuid, String> =
            shown(p, tx.people_search().summaries_in_context(&people).await?)
                .into_iter()
                .map(|s| (s.id.0, s.name))
                .collect();
        let child = |id: Uuid| child_names.get(&id).cloned().unwrap_or_default();
        let view = TeamView {
            team: p.user.team_name.clone(),
            workers,
            awaiting_authorisation: waiting
                .iter()
                .map(|a| WorkItem {
                    child_id: a.person_id,
                    child: child(a.person_id),
                    what: "Assessment awaiting authorisation".into(),
                    since: a.submitted_at,
                    link: format!("/assessments/{}/authorise", a.id),
                })
                .collect(),
            unallocated,
            cases: cases
                .iter()
                .map(|c| TeamCaseRow {
                    episode_id: c.episode_id,
                    child_id: c.person_id,
                    child: child(c.person_id),
                    worker: c.worker_id.and_then(|w| names.get(&w).cloned()),
                    last_oversight: c.last_oversight,
                })
                .collect(),
        };
        let row = team_entry(p, "team.view", team.0.to_string(), None);
        self.audited(tx, vec![read_row(now, row)]).await?;
        Ok(view)
    }

    /// Moves children (all, or those named) from one worker to another in one transaction; each
    /// child's assessment in progress and tasks go with them. Refused, with nothing moved, when the
    /// new worker is disabled, cannot hold cases or is not in the team.
    #[tracing::instrument(skip_all)]
    pub async fn reassign(&self, p: &Principal, input: &ReassignInput) -> AppResult<TeamView> {
        self.allow(p, GeneralAction::AllocateWork).await?;
        let now = self.clock.now();
        let mut tx = self.db.begin().await?;
        let users = tx.users().list().await?;
        let mut e = ValidationErrors::default();
        let to = users.iter().find(|u| u.id.0 == input.to_worker);
        check_takes_work(
            &mut e,
            "to_worker",
            to.map(|u| Colleague {
                role: u.role,
                disabled: u.disabled,
            }),
        );
        if let Some(u) = to {
            if u.team != p.user.team {
                e.add("to_worker", "other_team", "Choose a worker in your team");
            }
        }
        if input.from_worker == input.to_worker {
            e.add("to_worker", "same_person", "Choose a different worker");
        }
        if !users.iter().any(|u| u.id.0 == input.from_worker) {
            e.add("from_worker", "unknown_user", "No such member of staff");
        }
        if !e.is_empty() {
            return Err(AppError::Validation(e));
        }
        let episodes = tx
            .team()
            .held_by(UserId(input.from_worker), &input.episodes)
            .await?;
        if episodes.len() != input.episodes.len() && !input.episodes.is_empty() {
            return Err(AppError::Validation(ValidationErrors::single(
                "episodes",
                "not_held",
                "Some of the children chosen are not held by that worker; refresh the team view",
            )));
        }
        for ep in &episodes {
            let child = tx.child_of(RecordKind::Episode, *ep).await?;
            let (t, access) = self.write_access(tx, p, child, "episode.allocate").await?;
            tx = t;
            let _ = tx.episodes().get(&access.as_read(), EpisodeId(*ep)).await?;
            tx.episodes()
                .allocate(
                    *ep,
                    p.user.team,
                    Some(UserId(input.to_worker)),
                    p.user.id,
                    now,
                )
                .await?;
            tx.assessments().reassign_open(*ep, input.to_worker).await?;
            tx.audit_about(
                now,
                child.0,
                team_entry(
                    p,
                    "episode.reassign",
                    ep.to_string(),
                    Some(format!("from={} to={}", input.from_worker, input.to_worker)),
                ),
            )
            .await?;
        }
        tx.commit().await?;
        self.team_view(p).await
    }

    /// Records cover: one worker acting for another between two dates; their tasks show in the
    /// covering worker's My work.
    #[tracing::instrument(skip_all)]
    pub async fn record_cover(&self, p: &Principal, input: &CoverInput) -> AppResult<TeamView> {
        self.allow(p, GeneralAction::AllocateWork).await?;
        let now = self.clock.now();
        let today = self.clock.today();
        let mut e = ValidationErrors::default();
        let from = parse_date("from", "From", &input.from, &mut e);
        let to = parse_date("to", "To", &input.to, &mut e);
        let mut tx = self.db.begin().await?;
        let users = tx.users().list().await?;
        let covering = users.iter().find(|u| u.id.0 == input.covering_worker);
        check_takes_work(
            &mut e,
            "covering_worker",
            covering.map(|u| Colleague {
                role: u.role,
                disabled: u.disabled,
            }),
        );
        match users.iter().find(|u| u.id.0 == input.absent_worker) {
            Some(u) if u.team == p.user.team => {}
            Some(_) => e.add(
                "absent_worker",
                "other_team",
                "Choose a worker in your team",
            ),
            None => e.add("absent_worker", "unknown_user", "No such member of staff"),
        }
        let (Some(from), Some(to), true) = (from, to, e.is_empty()) else {
            return Err(AppError::Validation(e));
        };
        check_cover(
            input.absent_worker == input.covering_worker,
            from,
            to,
            today,
        )
        .map_err(AppError::Validation)?;
        if tx
            .team()
            .overlapping_cover(UserId(input.absent_worker), from, to)
            .await?
        {
            return Err(AppError::Validation(ValidationErrors::single(
                "from",
                "overlaps",
                "Cover is already recorded for this worker on some of these days",
            )));
        }
        let id = Uuid::new_v4();
        tx.team()
            .insert_cover(&CoverRow {
                id,
                absent_worker: input.absent_worker,
                covering_worker: input.covering_worker,
                from_date: from,
                to_date: to,
                recorded_by: p.user.id.0,
                recorded_at: now,
            })
            .await?;
        tx.audit(
            now,
            team_entry(
                p,
                "team.cover",
                id.to_string(),
                Some(format!(
                    "absent={} covering={}",
                    input.absent_worker, input.covering_worker
                )),
            ),
        )
        .await?;
        tx.commit().await?;
        self.team_view(p).await
    }

    /// Sets a team member's FTE (a manager of their team).
    #[tracing::instrument(skip_all)]
    pub async fn set_fte(
        &self,
        p: &Principal,
        user: Uuid,
        input: &FteInput,
    ) -> AppResult<TeamView> {
        self.allow(p, GeneralAction::AllocateWork).await?;
        let hundredths = parse_fte(&input.fte).map_err(AppError::Validation)?;
        let now = self.clock.now();
        let mut tx = self.db.begin().await?;
        let u = tx.users().get(UserId(user)).await?;
        if u.team != p.user.team {
            return Err(AppError::Validation(ValidationErrors::single(
                "fte",
                "other_team",
                "Only a manager of the worker's team sets their FTE",
            )));
        }
        tx.team().set_fte(UserId(user), hundredths).await?;
        tx.audit(
            now,
            team_entry(
                p,
                "team.fte",
                user.to_string(),
                Some(format!("fte_hundredths={hundredths}")),
            ),
        )
        .await?;
        tx.commit().await?;
        self.team_view(p).await
    }
}
