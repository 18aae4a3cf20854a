//! Child in need plans: agreed and started with everything seeds 000 §6.7, 001 and 003 §2 ask
//! of a plan (census `CINPlanStartDate`), visited at the plan's frequency, reviewed on the
//! protocol's schedule, and ended with its reasons and approval (census `CINPlanEndDate`),
//! closing the episode where the family's need has ended. Every timescale is a clock.

use chrono::NaiveDate;
use hearth_domain::casework::plan_content::PlanKind;
use hearth_domain::cin::long_plan::{complex_needs_panel, PanelClock};
use hearth_domain::cin::review::{check_review, NextStep};
use hearth_domain::cin::schedule::{next_review, next_visit, NextClock};
use hearth_domain::cin::start::{check_plan_start, CpPlanSpan};
use hearth_domain::clock::ClockKind;
use hearth_domain::errors::ValidationErrors;
use hearth_domain::ids::PersonId;
use hearth_domain::person::parse_date;
use hearth_domain::protection::plan::check_cp_visit;
use hearth_store::cin::plans::CinPlanRow;
use hearth_store::Tx;
use uuid::Uuid;

use crate::accounts::auth::Principal;
use crate::casework::plan_versions::PlanRef;
use crate::cin::types::*;
use crate::error::{AppError, AppResult};
use crate::protection::enquiries::cp_entry;
use crate::App;

/// The clocks' and audit rows' name for a child in need plan.
pub(crate) const CIN_PLAN: &str = "cin-plan";

/// The review clocks, any one of which is the plan's next review.
const REVIEWS: [ClockKind; 3] = [
    ClockKind::CinFirstReview,
    ClockKind::CinSecondReview,
    ClockKind::CinReview,
];

impl App {
    pub(crate) async fn start_next(
        &self,
        tx: &mut Tx,
        plan: Uuid,
        person: PersonId,
        next: NextClock,
    ) -> AppResult<()> {
        self.start_clock(
            tx,
            CIN_PLAN,
            &plan.to_string(),
            Some(person),
            next.kind,
            next.anchor,
        )
        .await?;
        Ok(())
    }

    /// Meets the plan's open clock of one of `kinds`; whether there was one.
    pub(crate) async fn meet_cin_clock(
        &self,
        tx: &mut Tx,
        plan: Uuid,
        kinds: &[ClockKind],
        on: NaiveDate,
        late_reason: &str,
    ) -> AppResult<bool> {
        let codes: Vec<String> = kinds.iter().map(|k| k.code()).collect();
        let open = tx
            .clocks_for(CIN_PLAN, &plan.to_string())
            .await?
            .into_iter()
            .find(|c| codes.contains(&c.kind) && c.met_on.is_none());
        match open {
            Some(c) => {
                self.meet_clock(tx, c.id, on, Some(late_reason)).await?;
                Ok(true)
            }
            None => Ok(false),
        }
    }

    /// Starts a plan to be agreed: its date (not with a child protection plan, not before the
    /// referral, not in the future), what it says, the first version of its outcomes and actions,
    /// and its clocks (visits, meetings, the first review, the complex-needs panel).
    #[tracing::instrument(skip_all)]
    pub async fn start_cin_plan(
        &self,
        p: &Principal,
        person: PersonId,
        plan_id: Uuid,
        input: &StartCinPlanInput,
    ) -> AppResult<CinPlansView> {
        let now = self.clock.now();
        let today = self.clock.today();
        let (mut tx, access) = self.cp_write(p, person, "cin-plan.start").await?;
        let census_before = Self::census_baseline(&mut tx, person, today).await?;
        let plan = tx.cin_plans().get(&access, plan_id).await?;
        plan.status.agree()?;
        let mut e = ValidationErrors::default();
        let Some(started_on) =
            parse_date("started_on", "The start date", &input.started_on, &mut e)
        else {
            return Err(AppError::Validation(e));
        };
        let episode = tx
            .episodes()
            .get(&access, hearth_domain::ids::EpisodeId(plan.episode_id))
            .await?;
        let spans: Vec<CpPlanSpan> = tx
            .cp_plans()
            .of_child(&access)
            .await?
            .iter()
            .map(|c| CpPlanSpan {
                started_on: c.started_on,
                ended_on: c.ended_on,
            })
            .collect();
        let (protocol, _) = Self::protocol_in(&mut tx).await?;
        let cal = Self::calendar_in(&mut tx).await?;
        let disabled = !tx
            .people()
            .get(&access)
            .await?
            .details
            .disabilities
            .is_empty();
        check_plan_start(started_on, episode.referral_date, &spans, today).and_then(|()| {
            hearth_domain::cin::plan::check_cin_plan(
                &input.plan,
                started_on,
                protocol.cin.visit_every,
                disabled,
                &cal,
            )
        })?;
        tx.cin_plans()
            .start(plan.id, input.version, started_on, &input.plan)
            .await?;
        if input.after_return_home && !plan.minimum_plan {
            tx.cin_plans().set_minimum(plan.id).await?;
        }
        self.record_plan_content(
            &mut tx,
            p,
            &access,
            &plan_ref(plan.id, started_on),
            &input.plan.content,
            "",
        )
        .await?;
        // The clock for agreeing the plan: the assessment's (held on the plan) or the
        // conference's (on the plan's own subject).
        let mut agree_clock = match plan.clock_id {
            Some(id) => Some(tx.clock(id).await?),
            None => None,
        };
        if agree_clock.is_none() {
            agree_clock = tx
                .clocks_for(CIN_PLAN, &plan.id.to_string())
                .await?
                .into_iter()
                .find(|c| c.kind == ClockKind::CinPlanStart.code());
        }
        if let Some(c) = agree_clock.filter(|c| c.met_on.is_none()) {
            self.meet_clock(&mut tx, c.id, started_on, Some(&input.late_reason))
                .await?;
        }
        let visit = next_visit(&protocol, &input.plan.visit_frequency, started_on, None)
            .map_err(|x| AppError::Conflict(x.to_string()))?;
        self.start_next(&mut tx, plan.id, person, visit).await?;
        if ClockKind::CinMeeting.timescale(&protocol).is_ok() {
            let m = hearth_domain::cin::schedule::next_meeting(&protocol, started_on, None)
                .map_err(|x| AppError::Conflict(x.to_string()))?;
            self.start_next(&mut tx, plan.id, person, m).await?;
        }
        let review = next_review(&protocol, started_on, &[])
            .map_err(|x| AppError::Conflict(x.to_string()))?;
        self.start_next(&mut tx, plan.id, person, review).await?;
        if let PanelClock::Applies(c) = complex_needs_panel(
            &protocol,
            started_on,
            input.plan.long_term_support.as_deref(),
        ) {
            self.start_next(&mut tx, plan.id, person, c).await?;
        }
        tx.audit_about(
            now,
            person.0,
            cp_entry(p, "cin-plan.start", CIN_PLAN, plan.id, None),
        )
        .await?;
        let view = self.cin_plans_in(&mut tx, &access).await?;
        Self::census_guard(&mut tx, person, today, &census_before).await?;
        tx.commit().await?;
        Ok(view)
    }

    /// A new version of an open plan's outcomes and actions (seed 003 §3: an amended plan is
    /// circulated).
    #[tracing::instrument(skip_all)]
    pub async fn amend_cin_plan(
        &self,
        p: &Principal,
        person: PersonId,
        plan_id: Uuid,
        input: &crate::casework::plan_versions::PlanVersionInput,
    ) -> AppResult<CinPlansView> {
        let now = self.clock.now();
        let (mut tx, access) = self.cp_write(p, person, "cin-plan.version").await?;
        let plan = tx.cin_plans().get(&access, plan_id).await?;
        plan.status.amend()?;
        let (start, _) = started(&plan)?;
        let version = self
            .record_plan_version(&mut tx, p, &access, &plan_ref(plan.id, start), input)
            .await?;
        tx.audit_about(
            now,
            person.0,
            cp_entry(
                p,
                "cin-plan.version",
                CIN_PLAN,
                plan.id,
                Some(format!("version={version}")),
            ),
        )
        .await?;
        let view = self.cin_plans_in(&mut tx, &access).await?;
        tx.commit().await?;
        Ok(view)
    }

    /// Records a visit under the open plan: it meets the visit clock and starts the next at the
    /// plan's frequency, counted from this visit.
    #[tracing::instrument(skip_all)]
    pub async fn record_cin_visit(
        &self,
        p: &Principal,
        person: PersonId,
        plan_id: Uuid,
        input: &crate::protection::cp_types::CpVisitInput,
    ) -> AppResult<CinPlansView> {
        let now = self.clock.now();
        let today = self.clock.today();
        let (mut tx, access) = self.cp_write(p, person, "cin-visit.record").await?;
        let plan = tx.cin_plans().get(&access, plan_id).await?;
        plan.status.work()?;
        let (start, details) = started(&plan)?;
        let mut e = ValidationErrors::default();
        let Some(visited_on) =
            parse_date("visited_on", "The visit date", &input.visited_on, &mut e)
        else {
            return Err(AppError::Validation(e));
        };
        let v = input.visit(visited_on);
        check_cp_visit(&v, start, today)?;
        let id = tx
            .cin_plans()
            .add_visit(person.0, plan.id, &v, p.user.id.0, now)
            .await?;
        if self
            .meet_cin_clock(
                &mut tx,
                plan.id,
                &[ClockKind::CinVisit],
                visited_on,
                &input.late_reason,
            )
            .await?
        {
            let (protocol, _) = Self::protocol_in(&mut tx).await?;
            let next = next_visit(&protocol, &details.visit_frequency, start, Some(visited_on))
                .map_err(|x| AppError::Conflict(x.to_string()))?;
            self.start_next(&mut tx, plan.id, person, next).await?;
        }
        tx.audit_about(
            now,
            person.0,
            cp_entry(p, "cin-visit.record", CIN_PLAN, id, None),
        )
        .await?;
        let view = self.cin_plans_in(&mut tx, &access).await?;
        tx.commit().await?;
        Ok(view)
    }

    /// Records a review: it meets the review clock and, while the plan continues, starts the
    /// next on the protocol's schedule (first, second, then later reviews).
    #[tracing::instrument(skip_all)]
    pub async fn record_cin_review(
        &self,
        p: &Principal,
        person: PersonId,
        plan_id: Uuid,
        input: &CinReviewInput,
    ) -> AppResult<CinPlansView> {
        let now = self.clock.now();
        let today = self.clock.today();
        let (mut tx, access) = self.cp_write(p, person, "cin-plan.review").await?;
        let plan = tx.cin_plans().get(&access, plan_id).await?;
        plan.status.work()?;
        let (start, _) = started(&plan)?;
        check_review(&input.review, start, today)?;
        let mut held: Vec<NaiveDate> = tx
            .cin_plans()
            .reviews(plan.id)
            .await?
            .iter()
            .map(|r| r.reviewed_on)
            .collect();
        let id = tx
            .cin_plans()
            .add_review(plan.id, person.0, &input.review, p.user.id.0, now)
            .await?;
        let on = input.review.reviewed_on;
        self.meet_cin_clock(&mut tx, plan.id, &REVIEWS, on, &input.late_reason)
            .await?;
        held.push(on);
        // Seed 003 §3: a child who appears to be at risk of significant harm → a strategy
        // discussion, asked for here in the review's transaction (the plan runs on meanwhile).
        let mut detail = format!("outcome={}", input.review.outcome.code());
        if input.review.outcome.next_step() == NextStep::AskForStrategyDiscussion {
            let reason = format!(
                "Child in need review on {}: {}",
                hearth_domain::uk_time::format_date(on),
                input.review.reasons.trim()
            );
            let sd = self
                .ask_for_discussion(
                    &mut tx,
                    p,
                    &crate::protection::strategy::Ask {
                        person,
                        episode: plan.episode_id,
                        assessment: None,
                        referral: None,
                        from: hearth_domain::protection::strategy::RequestedFrom::OpenCase,
                        reason: &reason,
                        on,
                    },
                )
                .await?;
            detail.push_str(&format!(" strategy_discussion={sd}"));
        }
        if input.review.outcome.plan_continues() {
            let (protocol, _) = Self::protocol_in(&mut tx).await?;
            let next = next_review(&protocol, start, &held)
                .map_err(|x| AppError::Conflict(x.to_string()))?;
            self.start_next(&mut tx, plan.id, person, next).await?;
        }
        tx.audit_about(
            now,
            person.0,
            cp_entry(p, "cin-plan.review", CIN_PLAN, id, Some(detail)),
        )
        .await?;
        let view = self.cin_plans_in(&mut tx, &access).await?;
        tx.commit().await?;
        Ok(view)
    }
}

/// A started plan as its versions' owner.
pub(crate) fn cin_plan_ref(plan: &CinPlanRow) -> AppResult<PlanRef<'static>> {
    let (start, _) = started(plan)?;
    Ok(plan_ref(plan.id, start))
}

fn plan_ref(id: Uuid, started_on: NaiveDate) -> PlanRef<'static> {
    PlanRef {
        kind: PlanKind::ChildInNeed,
        id,
        started_on,
        subject: CIN_PLAN,
    }
}

/// A started plan's start date and details.
pub(crate) fn started(
    plan: &CinPlanRow,
) -> AppResult<(NaiveDate, &hearth_domain::cin::plan::CinPlan)> {
    match (plan.started_on, plan.details.as_ref()) {
        (Some(s), Some(d)) => Ok((s, d)),
        _ => Err(AppError::Conflict(
            "The plan has not started: agree it with the family first".into(),
        )),
    }
}
