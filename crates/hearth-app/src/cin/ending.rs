//! Ending a child in need plan: a team or service manager's decision (seed 001: "Decisions to
//! end Child In Need interventions must have team manager approval"), checked against the
//! protocol's minimums, the census closure codes and the episode; the plan's clocks stop, and the
//! episode closes when the ending says so.

use hearth_domain::cin::closure::{check_plan_end, EndingContext};
use hearth_domain::front_door::episode::Episode;
use hearth_domain::ids::PersonId;
use uuid::Uuid;

use crate::accounts::auth::Principal;
use crate::cin::plans::{started, CIN_PLAN};
use crate::cin::types::*;
use crate::error::AppResult;
use crate::protection::enquiries::cp_entry;
use crate::App;

impl App {
    /// Ends the plan (a team or service manager's decision: seed 001, closure "must be agreed by
    /// the Team Manager"), and closes the episode with its census reason when the ending says so.
    #[tracing::instrument(skip_all)]
    pub async fn end_cin_plan(
        &self,
        p: &Principal,
        person: PersonId,
        plan_id: Uuid,
        input: &EndCinPlanInput,
    ) -> AppResult<CinPlansView> {
        let now = self.clock.now();
        let today = self.clock.today();
        let (mut tx, access) = self.cp_write(p, person, "cin-plan.end").await?;
        let census_before = Self::census_baseline(&mut tx, person, today).await?;
        let plan = tx.cin_plans().get(&access, plan_id).await?;
        plan.status.end()?;
        let (start, _) = started(&plan)?;
        let mut ending = input.ending.clone();
        // The approval is the manager's own act, never a box a worker ticks.
        ending.team_manager_approved = p.user.role.is_manager();
        ending.service_manager_approved = false;
        let (protocol, _) = Self::protocol_in(&mut tx).await?;
        let cal = Self::calendar_in(&mut tx).await?;
        let ep = tx
            .episodes()
            .get(&access, hearth_domain::ids::EpisodeId(plan.episode_id))
            .await?;
        let episode = Episode {
            referral_date: ep.referral_date,
            source: ep.source,
            primary_need: ep.primary_need,
            closed: ep.closure_date.zip(ep.closure_reason),
            referral_nfa: ep.referral_nfa,
        };
        let had_assessment = tx
            .assessments()
            .of_child(&access)
            .await?
            .iter()
            .any(|a| a.episode_id.0 == plan.episode_id);
        let last_review_on = tx
            .cin_plans()
            .reviews(plan.id)
            .await?
            .iter()
            .map(|r| r.reviewed_on)
            .max();
        check_plan_end(
            &ending,
            &EndingContext {
                plan_start: start,
                today,
                timescales: &protocol.cin,
                cal: &cal,
                service_manager_required: false,
                minimum_plan: plan.minimum_plan,
                last_review_on,
                episode: &episode,
                had_assessment,
            },
        )?;
        tx.cin_plans().end(plan.id, input.version, &ending).await?;
        tx.cp_plans()
            .stop_clocks(CIN_PLAN, plan.id, ending.ended_on, "the plan ended")
            .await?;
        if let Some(c) = &ending.closure {
            tx.episodes()
                .close(plan.episode_id, ending.ended_on, c.reason)
                .await?;
        }
        tx.audit_about(
            now,
            person.0,
            cp_entry(
                p,
                "cin-plan.end",
                CIN_PLAN,
                plan.id,
                Some(format!("reason={}", ending.end_reason.code())),
            ),
        )
        .await?;
        let view = self.cin_plans_in(&mut tx, &access).await?;
        Self::census_guard(&mut tx, person, today, &census_before).await?;
        tx.commit().await?;
        Ok(view)
    }
}
