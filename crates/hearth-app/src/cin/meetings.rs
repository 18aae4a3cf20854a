//! The child in need planning meeting (seed 003 §1-2: the plan "will be developed in a Child in
//! Need Planning Meeting") and the regular child in need meetings (seed 001: "regular
//! multi-agency meetings like Core Groups which meet at intervals of 4-8 weeks"), each meeting
//! the meeting clock and starting the next.

use hearth_domain::assessment::states::CinPlanState;
use hearth_domain::cin::cin_meeting::{check_cin_meeting, CinMeeting, MeetingKind};
use hearth_domain::cin::meeting::{check_planning_meeting, PlanningMeeting};
use hearth_domain::cin::schedule::next_meeting;
use hearth_domain::clock::ClockKind;
use hearth_domain::ids::{AssessmentId, EpisodeId, PersonId};
use hearth_store::cin::plans::NewCinMeeting;
use serde::Deserialize;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::accounts::auth::Principal;
use crate::cin::plans::{started, CIN_PLAN};
use crate::cin::types::CinPlansView;
use crate::error::{AppError, AppResult};
use crate::protection::enquiries::cp_entry;
use crate::App;

/// A regular meeting, and why it is late when it is.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CinMeetingInput {
    pub meeting: CinMeeting,
    #[serde(default)]
    pub late_reason: String,
}

impl App {
    /// Records the planning meeting of a plan to be agreed (or one just started), held after or
    /// during the assessment.
    #[tracing::instrument(skip_all)]
    pub async fn record_planning_meeting(
        &self,
        p: &Principal,
        person: PersonId,
        plan_id: Uuid,
        m: &PlanningMeeting,
    ) -> AppResult<CinPlansView> {
        let now = self.clock.now();
        let today = self.clock.today();
        let (mut tx, access) = self
            .cp_write(p, person, "cin-plan.planning-meeting")
            .await?;
        let plan = tx.cin_plans().get(&access, plan_id).await?;
        if plan.status == CinPlanState::Ended {
            return Err(AppError::Conflict(
                "The plan has ended: a planning meeting is for a plan to be agreed or running"
                    .into(),
            ));
        }
        let since = match plan.assessment_id {
            Some(a) => {
                tx.assessments()
                    .get(&access, AssessmentId(a))
                    .await?
                    .start_date
            }
            None => {
                tx.episodes()
                    .get(&access, EpisodeId(plan.episode_id))
                    .await?
                    .referral_date
            }
        };
        check_planning_meeting(m, since, today)?;
        let id = tx
            .cin_plans()
            .add_meeting(
                &NewCinMeeting {
                    plan: plan.id,
                    person: person.0,
                    kind: MeetingKind::Planning,
                    held_on: m.held_on,
                    record: m,
                    by: p.user.id.0,
                },
                now,
            )
            .await?;
        tx.audit_about(
            now,
            person.0,
            cp_entry(p, "cin-plan.planning-meeting", CIN_PLAN, id, None),
        )
        .await?;
        let view = self.cin_plans_in(&mut tx, &access).await?;
        tx.commit().await?;
        Ok(view)
    }

    /// Records a regular meeting of the running plan: it meets the meeting clock and starts the
    /// next at the protocol's interval, counted from this meeting.
    #[tracing::instrument(skip_all)]
    pub async fn record_cin_meeting(
        &self,
        p: &Principal,
        person: PersonId,
        plan_id: Uuid,
        input: &CinMeetingInput,
    ) -> AppResult<CinPlansView> {
        let now = self.clock.now();
        let today = self.clock.today();
        let (mut tx, access) = self.cp_write(p, person, "cin-plan.meeting").await?;
        let plan = tx.cin_plans().get(&access, plan_id).await?;
        plan.status.work()?;
        let (start, _) = started(&plan)?;
        let m = &input.meeting;
        check_cin_meeting(m, start, today)?;
        let id = tx
            .cin_plans()
            .add_meeting(
                &NewCinMeeting {
                    plan: plan.id,
                    person: person.0,
                    kind: MeetingKind::Progress,
                    held_on: m.held_on,
                    record: m,
                    by: p.user.id.0,
                },
                now,
            )
            .await?;
        if self
            .meet_cin_clock(
                &mut tx,
                plan.id,
                &[ClockKind::CinMeeting],
                m.held_on,
                &input.late_reason,
            )
            .await?
        {
            let (protocol, _) = Self::protocol_in(&mut tx).await?;
            let next = next_meeting(&protocol, start, Some(m.held_on))
                .map_err(|x| AppError::Conflict(x.to_string()))?;
            self.start_next(&mut tx, plan.id, person, next).await?;
        }
        tx.audit_about(
            now,
            person.0,
            cp_entry(p, "cin-plan.meeting", CIN_PLAN, id, None),
        )
        .await?;
        let view = self.cin_plans_in(&mut tx, &access).await?;
        tx.commit().await?;
        Ok(view)
    }
}
