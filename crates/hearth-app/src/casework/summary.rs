//! The child's summary at the top of their page: the open episode and its stage, who holds the
//! case, what is due next, alerts, and the history of episodes, referrals, assessments and
//! strategy discussions, with the latest notes and when a manager last had oversight.

use hearth_domain::assessment::AssessmentState;
use hearth_domain::authz::GeneralAction;
use hearth_domain::casework::tasks::{bucket, TaskOwner};
use hearth_domain::clock::{status, ClockKind, DEFAULT_DUE_SOON};
use hearth_domain::ids::{PersonId, UserId};
use hearth_domain::protection::StrategyDiscussionState;
use hearth_domain::uk_time::{format_date, uk_date};
use hearth_store::audit::{AuditEntry, AuditOutcome};

use crate::accounts::auth::Principal;
use crate::casework::types::{ChildSummary, HistoryLine, TaskView};
use crate::error::AppResult;
use crate::{read_row_about, App};

impl App {
    /// The child's summary (audited against the child).
    #[tracing::instrument(skip_all)]
    pub async fn child_summary(&self, p: &Principal, person: PersonId) -> AppResult<ChildSummary> {
        self.allow(p, GeneralAction::SearchPeople).await?;
        let now = self.clock.now();
        let today = self.clock.today();
        let tx = self.db.read().await?;
        let (mut tx, access) = self.read_access(tx, p, person, "person.summary").await?;
        let cal = Self::calendar_in(&mut tx).await?;
        let episodes = tx.episodes().of_child(&access).await?;
        let open = episodes.iter().find(|e| e.closure_date.is_none());
        let referrals = tx.referrals().of_child(&access).await?;
        let assessments = tx.assessments().of_child(&access).await?;
        let discussions = tx.strategy_discussions().of_child(&access).await?;
        let plans = tx.cp_plans().of_child(&access).await?;
        let conferences = tx.conferences().of_child(&access).await?;
        let open_plan = plans.iter().find(|p| p.status.work().is_ok());
        let mut alerts = Vec::new();
        if let Some(p) = open_plan {
            alerts.push(format!(
                "Subject to a child protection plan since {} ({})",
                format_date(p.started_on),
                p.latest_category.label()
            ));
        }
        for c in tx.cin_plans().of_child(&access).await? {
            match (c.status, c.started_on) {
                (hearth_domain::assessment::states::CinPlanState::Open, Some(on)) => alerts.push(
                    format!("Subject to a child in need plan since {}", format_date(on)),
                ),
                (hearth_domain::assessment::states::CinPlanState::ToBeAgreed, _) => {
                    alerts.push("A child in need plan is to be agreed".to_string());
                }
                _ => {}
            }
        }
        if let Some(c) = conferences
            .iter()
            .find(|c| c.status == hearth_domain::protection::ConferenceState::Arranged)
        {
            alerts.push(format!(
                "{} {}",
                c.kind.text(),
                match c.scheduled_on {
                    Some(d) => format!("arranged for {}", format_date(d)),
                    None => format!("due by {}", format_date(c.target_on)),
                }
            ));
        }
        let stage = open.map(|e| {
            if let Some(p) = open_plan {
                format!("Child protection plan since {}", format_date(p.started_on))
            } else if let Some(a) = assessments
                .iter()
                .find(|a| a.episode_id == e.id && a.status != AssessmentState::Authorised)
            {
                match a.status {
                    AssessmentState::AwaitingAuthorisation => {
                        "Assessment awaiting a manager's authorisation".to_string()
                    }
                    _ => format!("Assessment in progress since {}", format_date(a.start_date)),
                }
            } else if discussions
                .iter()
                .any(|d| d.status == StrategyDiscussionState::ToBeHeld)
            {
                "Strategy discussion to be held".to_string()
            } else {
                "Open".to_string()
            }
        });
        if discussions
            .iter()
            .any(|d| d.held.as_ref().is_some_and(|h| h.start_section_47))
            && open.is_some()
        {
            alerts.push("Section 47 enquiries started".to_string());
        }
        if discussions
            .iter()
            .any(|d| d.status == StrategyDiscussionState::ToBeHeld)
        {
            alerts.push("A strategy discussion is to be held".to_string());
        }
        let (worker, team) = match open {
            Some(e) => (
                match e.allocated_worker {
                    Some(w) => Some(tx.users().get(UserId(w)).await?.name),
                    None => {
                        alerts.push("Not allocated to a social worker".to_string());
                        None
                    }
                },
                match e.allocated_team {
                    Some(t) => tx.users().team_name(t).await?,
                    None => None,
                },
            ),
            None => (None, None),
        };
        let next_due = tx
            .work()
            .open_clocks_of_child(&access)
            .await?
            .into_iter()
            .filter_map(|c| {
                let kind = ClockKind::parse(&c.kind)?;
                (kind.task_owner() != TaskOwner::Nobody).then_some((c, kind))
            })
            .map(|(c, kind)| {
                let st = status(c.due_date, today, None, None, &cal, DEFAULT_DUE_SOON);
                TaskView {
                    child_id: person.0,
                    child: String::new(),
                    title: kind.label(),
                    due_date: c.due_date,
                    explanation: c.explanation.clone(),
                    bucket: bucket(c.due_date, today, &cal),
                    status_label: st.label(),
                    status: st,
                    link: String::new(),
                }
            })
            .next();
        let mut history = Vec::new();
        for e in &episodes {
            // A reopened case says which episode it follows.
            let reopened = e
                .previous_episode_id
                .and_then(|p| episodes.iter().find(|x| x.id.0 == p))
                .and_then(|p| p.closure_date)
                .map(|c| format!("; reopened after the episode closed {}", format_date(c)))
                .unwrap_or_default();
            history.push(HistoryLine {
                on: e.referral_date,
                what: match (e.closure_date, e.closure_reason) {
                    (Some(c), Some(r)) => format!(
                        "Episode of need (primary need {}), closed {} ({}){reopened}",
                        e.primary_need.code(),
                        format_date(c),
                        r.code()
                    ),
                    _ => format!(
                        "Episode of need opened (primary need {} – {}){reopened}",
                        e.primary_need.code(),
                        e.primary_need.label()
                    ),
                },
                link: None,
            });
        }
        for r in &referrals {
            let outcomes: Vec<&str> = r.outcomes.iter().map(|o| o.text()).collect();
            history.push(HistoryLine {
                on: r.referral_date,
                what: if outcomes.is_empty() {
                    "Referral awaiting decision".into()
                } else {
                    format!("Referral: {}", outcomes.join("; "))
                },
                link: Some(format!("/referrals/{}", r.id.0)),
            });
        }
        for a in &assessments {
            history.push(HistoryLine {
                on: a.start_date,
                what: format!("Assessment ({})", a.status.label().to_lowercase()),
                link: Some(format!("/assessments/{}", a.id.0)),
            });
        }
        for d in &discussions {
            history.push(HistoryLine {
                on: d.held.as_ref().map_or(d.requested_on, |h| h.held_on),
                what: format!("Strategy discussion ({})", d.status.label().to_lowercase()),
                link: Some(format!("/strategy-discussions/{}", d.id)),
            });
        }
        let cp_link = Some(format!("/people/{}/child-protection", person.0));
        for c in conferences.iter().filter(|c| c.held_on.is_some()) {
            history.push(HistoryLine {
                on: c.held_on.unwrap_or(c.anchor_on),
                what: c.kind.text().to_string(),
                link: cp_link.clone(),
            });
        }
        for p in &plans {
            history.push(HistoryLine {
                on: p.started_on,
                what: match (p.ended_on, p.end_reason) {
                    (Some(e), Some(r)) => format!(
                        "Child protection plan ({}), ended {}: {}",
                        p.initial_category.label(),
                        format_date(e),
                        r.text()
                    ),
                    _ => format!(
                        "Child protection plan ({}), open",
                        p.initial_category.label()
                    ),
                },
                link: cp_link.clone(),
            });
        }
        history.sort_by_key(|h| std::cmp::Reverse(h.on));
        let notes = tx.case_notes().of_child(&access, 5).await?;
        let recent_notes = notes
            .iter()
            .map(|n| HistoryLine {
                on: uk_date(n.occurred_at),
                what: format!("{} ({})", n.kind.text(), n.status.label().to_lowercase()),
                link: Some(format!("/case-notes/{}", n.id)),
            })
            .collect();
        let last_oversight = tx.case_notes().last_oversight(person).await?;
        let episode = open.map(|e| {
            format!(
                "Open since {}: primary need {} – {}",
                format_date(e.referral_date),
                e.primary_need.code(),
                e.primary_need.label()
            )
        });
        let row = AuditEntry {
            user: Some(p.user.id),
            action: "person.summary",
            record_type: "person",
            record_id: Some(person.0.to_string()),
            outcome: AuditOutcome::Success,
            detail: None,
        };
        self.audited(tx, vec![read_row_about(now, person.0, row)])
            .await?;
        Ok(ChildSummary {
            episode,
            stage,
            worker,
            team,
            next_due,
            alerts,
            history,
            last_oversight,
            recent_notes,
        })
    }
}
