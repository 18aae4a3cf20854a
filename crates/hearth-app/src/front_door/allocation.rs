//! Allocating an episode of need to a team and a social worker, and the unallocated list.

use crate::read_row;
use hearth_domain::authz::GeneralAction;
use hearth_domain::errors::ValidationErrors;
use hearth_domain::front_door::states::EpisodeState;
use hearth_domain::ids::EpisodeId;
use hearth_domain::ids::{PersonId, TeamId, UserId};
use hearth_store::front_door::episodes::EpisodeRow;
use hearth_store::record_people::RecordKind;
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::accounts::auth::Principal;
use crate::error::{AppError, AppResult};
use crate::front_door::contacts::fd_entry;
use crate::front_door::types::{AllocationInput, PrimaryNeedInput};
use crate::App;
use hearth_domain::codes::PrimaryNeed;
use hearth_store::audit::{AuditEntry, AuditOutcome};

/// Open work without an allocated social worker.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct UnallocatedItem {
    pub episode_id: Uuid,
    #[schema(value_type = String)]
    pub person_id: PersonId,
    pub child: String,
    pub referral_date: chrono::NaiveDate,
    pub primary_need: hearth_domain::codes::PrimaryNeed,
    pub team: Option<String>,
    /// Working days since the referral.
    pub working_days_waiting: i64,
}

impl App {
    /// Managers' list of open episodes nobody is allocated to, oldest first.
    #[tracing::instrument(skip_all)]
    pub async fn unallocated_work(&self, p: &Principal) -> AppResult<Vec<UnallocatedItem>> {
        self.allow(p, GeneralAction::AllocateWork).await?;
        let now = self.clock.now();
        let today = self.clock.today();
        let mut tx = self.db.read().await?;
        let cal = Self::calendar_in(&mut tx).await?;
        let rows = tx.episodes().unallocated(500).await?;
        let ids: Vec<PersonId> = rows.iter().map(|r| PersonId(r.person_id)).collect();
        let names =
            crate::people::cases::shown(p, tx.people_search().summaries_in_context(&ids).await?);
        let items = rows
            .into_iter()
            .map(|r| UnallocatedItem {
                episode_id: r.episode_id,
                person_id: PersonId(r.person_id),
                child: names
                    .iter()
                    .find(|s| s.id.0 == r.person_id)
                    .map(|s| s.name.clone())
                    .unwrap_or_default(),
                working_days_waiting: i64::from(cal.working_days_between(r.referral_date, today)),
                referral_date: r.referral_date,
                primary_need: r.primary_need,
                team: r.team_name,
            })
            .collect::<Vec<_>>();
        let read_audit = read_row(
            now,
            hearth_store::audit::AuditEntry {
                user: Some(p.user.id),
                action: "allocation.list",
                record_type: "episode",
                record_id: None,
                outcome: hearth_store::audit::AuditOutcome::Success,
                detail: Some(format!("results={}", items.len())),
            },
        );
        self.audited(tx, vec![read_audit]).await?;
        Ok(items)
    }

    /// Allocates an open episode to a team and, optionally, a social worker in that team.
    #[tracing::instrument(skip_all, fields(episode = %episode))]
    pub async fn allocate_episode(
        &self,
        p: &Principal,
        episode: Uuid,
        input: &AllocationInput,
    ) -> AppResult<EpisodeRow> {
        self.allow(p, GeneralAction::AllocateWork).await?;
        let now = self.clock.now();
        let mut tx = self.db.begin().await?;
        let child = tx.child_of(RecordKind::Episode, episode).await?;
        let (mut tx, access) = self.write_access(tx, p, child, "episode.allocate").await?;
        let access = access.as_read();
        let ep = tx.episodes().get(&access, EpisodeId(episode)).await?;
        let mut e = ValidationErrors::default();
        let team = TeamId(input.team_id);
        let users = tx.users().list().await?;
        if !users.iter().any(|u| u.team == team) {
            e.add("team_id", "unknown_team", "Choose a team from the list");
        }
        if let Some(w) = input.worker_id {
            match users.iter().find(|u| u.id.0 == w) {
                None => e.add(
                    "worker_id",
                    "unknown_user",
                    "Choose a social worker from the list",
                ),
                Some(u) if u.disabled => {
                    e.add("worker_id", "disabled", "That user's account is disabled")
                }
                Some(u) if !u.role.may_hold_cases() => e.add(
                    "worker_id",
                    "not_case_holder",
                    "Only a social worker or manager can hold a case",
                ),
                Some(u) if u.team != team => e.add(
                    "worker_id",
                    "other_team",
                    format!("{} is not in the chosen team", u.name),
                ),
                Some(_) => {}
            }
        }
        if EpisodeState::of(ep.closure_date.is_some()).work().is_err() {
            e.add(
                "episode",
                "episode_closed",
                "This episode is closed; only open work can be allocated",
            );
        }
        if !e.is_empty() {
            return Err(AppError::Validation(e));
        }
        tx.episodes()
            .allocate(episode, team, input.worker_id.map(UserId), p.user.id, now)
            .await?;
        if let Some(worker) = input.worker_id {
            // The assessment in progress on the episode moves with the work.
            tx.assessments().reassign_open(episode, worker).await?;
        }
        tx.audit(
            now,
            fd_entry(
                p,
                "episode.allocate",
                "episode",
                episode,
                Some(format!(
                    "team={} worker={}",
                    input.team_id,
                    input
                        .worker_id
                        .map(|w| w.to_string())
                        .unwrap_or_else(|| "none".into())
                )),
            ),
        )
        .await?;
        if input.with_siblings {
            tx = self
                .allocate_siblings(tx, p, &access, team, input.worker_id.map(UserId))
                .await?;
        }
        let row = tx.episodes().get(&access, EpisodeId(episode)).await?;
        tx.commit().await?;
        Ok(row)
    }

    /// Allocates the child's brothers and sisters whose open episodes wait for allocation to the
    /// same team and worker, in the same transaction, each audited against its child.
    async fn allocate_siblings(
        &self,
        mut tx: hearth_store::Tx,
        p: &Principal,
        access: &hearth_domain::authz::CaseAccess<hearth_domain::authz::Read>,
        team: TeamId,
        worker: Option<UserId>,
    ) -> AppResult<hearth_store::Tx> {
        let now = self.clock.now();
        let child = access.person();
        let mut siblings: Vec<PersonId> = tx
            .relationships()
            .of(access)
            .await?
            .into_iter()
            .filter(|r| r.kind.is_sibling())
            .map(|r| {
                if r.from_person == child {
                    r.to_person
                } else {
                    r.from_person
                }
            })
            .collect();
        siblings.sort_by_key(|s| s.0);
        siblings.dedup();
        for sib in siblings {
            let (t, sib_access) = self.write_access(tx, p, sib, "episode.allocate").await?;
            tx = t;
            let sib_access = sib_access.as_read();
            let Some(ep) = tx.episodes().open_of(&sib_access).await? else {
                continue;
            };
            if ep.allocated_worker.is_some() {
                continue;
            }
            tx.episodes()
                .allocate(ep.id.0, team, worker, p.user.id, now)
                .await?;
            if let Some(w) = worker {
                tx.assessments().reassign_open(ep.id.0, w.0).await?;
            }
            tx.audit_about(
                now,
                sib.0,
                fd_entry(
                    p,
                    "episode.allocate",
                    "episode",
                    ep.id.0,
                    Some(format!("team={} with_sibling={}", team.0, child.0)),
                ),
            )
            .await?;
        }
        Ok(tx)
    }
}

impl App {
    /// The active staff who can hold a case, for a manager choosing whom to allocate to.
    #[tracing::instrument(skip_all)]
    pub async fn allocation_staff(
        &self,
        p: &Principal,
    ) -> AppResult<Vec<hearth_store::accounts::users::User>> {
        self.allow(p, GeneralAction::AllocateWork).await?;
        let mut tx = self.db.read().await?;
        let users = tx.users().list().await?;
        tx.rollback().await?;
        Ok(users
            .into_iter()
            .filter(|u| !u.disabled && u.role.may_hold_cases())
            .collect())
    }

    /// Revises the episode's primary need once the assessment has shown it (the census reports
    /// the latest). The change and the code it replaced are audited against the child.
    #[tracing::instrument(skip_all, fields(episode = %episode))]
    pub async fn revise_primary_need(
        &self,
        p: &Principal,
        episode: Uuid,
        input: &PrimaryNeedInput,
    ) -> AppResult<EpisodeRow> {
        self.allow(p, GeneralAction::AssessmentWork).await?;
        let need = PrimaryNeed::parse(&input.primary_need).map_err(|e| {
            AppError::Validation(ValidationErrors::single(
                "primary_need",
                "unknown_code",
                e.to_string(),
            ))
        })?;
        let now = self.clock.now();
        let mut tx = self.db.begin().await?;
        let child = tx.child_of(RecordKind::Episode, episode).await?;
        let (mut tx, access) = self
            .write_access(tx, p, child, "episode.primary-need")
            .await?;
        let before = tx
            .episodes()
            .get(&access.as_read(), EpisodeId(episode))
            .await?;
        tx.episodes()
            .revise_primary_need(&access, EpisodeId(episode), need)
            .await?;
        tx.audit_about(
            now,
            child.0,
            AuditEntry {
                user: Some(p.user.id),
                action: "episode.primary-need",
                record_type: "episode",
                record_id: Some(episode.to_string()),
                outcome: AuditOutcome::Success,
                detail: Some(format!(
                    "from={} to={}",
                    before.primary_need.code(),
                    need.code()
                )),
            },
        )
        .await?;
        let row = tx
            .episodes()
            .get(&access.as_read(), EpisodeId(episode))
            .await?;
        tx.commit().await?;
        Ok(row)
    }
}
