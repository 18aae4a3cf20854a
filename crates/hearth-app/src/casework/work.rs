//! My work: every open clock on the children I hold (a manager: on my team's children, the
//! checkpoints and authorisations that wait on me), what was returned to me and what was newly
//! allocated — grouped by child and sibling group, each with its explanation and a link.

use std::collections::HashMap;

use chrono::Days;
use hearth_domain::assessment::AssessmentState;
use hearth_domain::authz::GeneralAction;
use hearth_domain::casework::tasks::{bucket, group_by_family, Bucket, TaskOwner};
use hearth_domain::clock::{status, ClockKind, DEFAULT_DUE_SOON};
use hearth_domain::ids::{PersonId, UserId};
use hearth_store::audit::{AuditEntry, AuditOutcome};
use hearth_store::casework::work::OpenClock;
use uuid::Uuid;

use crate::accounts::auth::Principal;
use crate::casework::types::{FamilyTasks, MyWork, TaskView, WorkItem};
use crate::error::AppResult;
use crate::people::cases::shown;
use crate::{read_row, App};

/// How far back "newly allocated" looks.
const NEW_ALLOCATION_DAYS: u64 = 14;

/// The page that does a clock's work.
fn link_of(c: &OpenClock) -> String {
    match c.clock.subject_type.as_str() {
        "assessment" => format!("/assessments/{}", c.clock.subject_id), // literal-ok: a clock's subject type
        "referral" => format!("/referrals/{}", c.clock.subject_id), // literal-ok: a clock's subject type
        crate::protection::strategy::SUBJECT => {
            format!("/strategy-discussions/{}", c.clock.subject_id)
        }
        crate::cin::plans::CIN_PLAN => c
            .clock
            .person_id
            .map_or_else(|| "/".to_string(), |p| format!("/people/{p}/cin-plan")),
        crate::protection::enquiries::CONFERENCE | crate::protection::enquiries::PLAN => {
            c.clock.person_id.map_or_else(
                || "/".to_string(),
                |p| format!("/people/{p}/child-protection"),
            )
        }
        _ => c
            .clock
            .person_id
            .map_or_else(|| "/".to_string(), |p| format!("/people/{p}")),
    }
}

impl App {
    /// My work, for a social worker or a manager.
    #[tracing::instrument(skip_all)]
    pub async fn my_work(&self, p: &Principal) -> AppResult<MyWork> {
        self.allow(p, GeneralAction::ChairConference).await?;
        let now = self.clock.now();
        let chair = p.user.role == hearth_domain::role::Role::ConferenceChair;
        let today = self.clock.today();
        let manager = p.user.role.is_manager();
        let me = p.user.id;
        let team = manager.then_some(p.user.team);
        let mut tx = self.db.read().await?;
        let cal = Self::calendar_in(&mut tx).await?;
        // A chair's list is the conferences they chair; a worker's, the children they hold.
        let mut clocks = if chair {
            tx.work().chaired_clocks(me, 1000).await?
        } else {
            tx.work().open_clocks(Some(me), team, 1000).await?
        };
        // Acting for a colleague who is away: their children's tasks are mine too.
        let covered = tx.team().covering(me, today).await?;
        for w in &covered {
            for c in tx.work().open_clocks(Some(UserId(*w)), None, 1000).await? {
                if !clocks.iter().any(|x| x.clock.id == c.clock.id) {
                    clocks.push(c);
                }
            }
        }
        let returned = tx
            .work()
            .assessments(AssessmentState::InProgress, Some(me), None, true)
            .await?;
        let since = now
            .checked_sub_days(Days::new(NEW_ALLOCATION_DAYS))
            .unwrap_or(now);
        let allocated = tx.work().new_allocations(me, since).await?;
        let sign_off = match team {
            Some(t) => {
                tx.work()
                    .assessments(AssessmentState::AwaitingAuthorisation, None, Some(t), false)
                    .await?
            }
            None => Vec::new(),
        };
        // Whose each task is: the worker holds their children's clocks; a checkpoint is the
        // manager's; the front door's and the census measure are nobody's here.
        let mine: Vec<&OpenClock> = clocks
            .iter()
            .filter(|c| {
                let Some(kind) = ClockKind::parse(&c.clock.kind) else {
                    return false;
                };
                if chair {
                    return true;
                }
                match kind.task_owner() {
                    TaskOwner::Worker => {
                        c.worker == Some(me.0) || c.worker.is_some_and(|w| covered.contains(&w))
                    }
                    TaskOwner::Manager => manager,
                    // A chair's tasks come from the conferences they chair (below).
                    TaskOwner::Chair | TaskOwner::FrontDoor | TaskOwner::Nobody => false,
                }
            })
            .collect();
        let mut people: Vec<PersonId> = mine
            .iter()
            .filter_map(|c| c.clock.person_id.map(PersonId))
            .chain(returned.iter().map(|a| PersonId(a.person_id)))
            .chain(allocated.iter().map(|a| PersonId(a.person_id)))
            .chain(sign_off.iter().map(|a| PersonId(a.person_id)))
            .collect();
        people.sort_by_key(|p| p.0);
        people.dedup();
        let names: HashMap<Uuid, String> =
            shown(p, tx.people_search().summaries_in_context(&people).await?)
                .into_iter()
                .map(|s| (s.id.0, s.name))
                .collect();
        let name = |id: Uuid| names.get(&id).cloned().unwrap_or_default();
        let child_ids: Vec<Uuid> = people.iter().map(|p| p.0).collect();
        let pairs = tx.work().sibling_pairs(&child_ids).await?;
        let tasks: Vec<TaskView> = mine
            .iter()
            .filter_map(|c| {
                let child = c.clock.person_id?;
                let kind = ClockKind::parse(&c.clock.kind)?;
                let st = status(c.clock.due_date, today, None, None, &cal, DEFAULT_DUE_SOON);
                let acting = c.worker.filter(|w| *w != me.0 && covered.contains(w));
                Some(TaskView {
                    child_id: child,
                    child: name(child),
                    title: match acting {
                        Some(_) => format!("{} (acting for a colleague who is away)", kind.label()),
                        None => kind.label(),
                    },
                    due_date: c.clock.due_date,
                    explanation: c.clock.explanation.clone(),
                    bucket: bucket(c.clock.due_date, today, &cal),
                    status_label: st.label(),
                    status: st,
                    link: link_of(c),
                })
            })
            .collect();
        let in_bucket = |b: Bucket| -> Vec<FamilyTasks> {
            let these: Vec<TaskView> = tasks.iter().filter(|t| t.bucket == b).cloned().collect();
            group_by_family(&these, |t| t.child_id, |t| t.due_date, &pairs)
                .into_iter()
                .map(|g| FamilyTasks {
                    children: g.children.iter().map(|c| name(*c)).collect(),
                    tasks: g.tasks,
                })
                .collect()
        };
        let work = MyWork {
            today,
            overdue: in_bucket(Bucket::Overdue),
            due_today: in_bucket(Bucket::DueToday),
            due_this_week: in_bucket(Bucket::DueThisWeek),
            later: in_bucket(Bucket::Later),
            returned_to_me: returned
                .iter()
                .map(|a| WorkItem {
                    child_id: a.person_id,
                    child: name(a.person_id),
                    what: format!(
                        "Assessment returned for more work: {}",
                        a.returned_note.clone().unwrap_or_default()
                    ),
                    since: a.submitted_at,
                    link: format!("/assessments/{}", a.id),
                })
                .collect(),
            newly_allocated: allocated
                .iter()
                .map(|a| WorkItem {
                    child_id: a.person_id,
                    child: name(a.person_id),
                    what: "Newly allocated to you".into(),
                    since: Some(a.allocated_at),
                    link: format!("/people/{}", a.person_id),
                })
                .collect(),
            awaiting_my_sign_off: sign_off
                .iter()
                .map(|a| WorkItem {
                    child_id: a.person_id,
                    child: name(a.person_id),
                    what: "Assessment submitted for your authorisation".into(),
                    since: a.submitted_at,
                    link: format!("/assessments/{}/authorise", a.id),
                })
                .collect(),
        };
        let row = AuditEntry {
            user: Some(p.user.id),
            action: "work.view",
            record_type: "user",
            record_id: Some(p.user.id.0.to_string()),
            outcome: AuditOutcome::Success,
            detail: Some(format!("tasks={}", tasks.len())),
        };
        self.audited(tx, vec![read_row(now, row)]).await?;
        Ok(work)
    }
}
