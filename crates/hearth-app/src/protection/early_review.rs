//! Bringing a child protection review forward: a further incident, a change of circumstance or
//! the child missing for longer than the protocol allows (seed 000 §7.3) moves the plan's
//! arranged review to an earlier working day, recording why.

use hearth_domain::errors::ValidationErrors;
use hearth_domain::ids::PersonId;
use hearth_domain::person::parse_date;
use hearth_domain::protection::conference::{check_early_review, EarlyReviewReason};
use uuid::Uuid;

use crate::accounts::auth::Principal;
use crate::error::{AppError, AppResult};
use crate::protection::cp_types::{ChildProtectionView, EarlyReviewInput};
use crate::protection::enquiries::{cp_entry, CONFERENCE};
use crate::App;

impl App {
    #[tracing::instrument(skip_all)]
    pub async fn bring_review_forward(
        &self,
        p: &Principal,
        person: PersonId,
        plan_id: Uuid,
        input: &EarlyReviewInput,
    ) -> AppResult<ChildProtectionView> {
        let now = self.clock.now();
        let today = self.clock.today();
        let (mut tx, access) = self.cp_write(p, person, "conference.early-review").await?;
        let plan = tx.cp_plans().get(&access, plan_id).await?;
        plan.status.work()?;
        let Some(review_id) = tx
            .conferences()
            .arranged_for_plan(plan.id)
            .await?
            .into_iter()
            .next()
        else {
            return Err(AppError::Validation(ValidationErrors::single(
                "review_on",
                "no_review",
                "The plan has no review conference arranged to bring forward",
            )));
        };
        let review = tx.conferences().get(&access, review_id).await?;
        review.status.prepare()?;
        let mut e = ValidationErrors::default();
        let reason = EarlyReviewReason::parse(&input.reason)
            .map_err(|m| e.add("reason", "unknown_code", m))
            .ok();
        let on = parse_date("review_on", "The new review date", &input.review_on, &mut e);
        let (Some(reason), Some(on)) = (reason, on) else {
            return Err(AppError::Validation(e));
        };
        let cal = Self::calendar_in(&mut tx).await?;
        let current = review
            .scheduled_on
            .unwrap_or(review.target_on)
            .min(review.target_on);
        check_early_review(on, today, current, &input.detail, &cal)?;
        tx.conferences()
            .bring_forward(review.id, review.version, on, reason, &input.detail)
            .await?;
        tx.audit_about(
            now,
            person.0,
            cp_entry(
                p,
                "conference.early-review",
                CONFERENCE,
                review.id,
                Some(format!("reason={}", reason.code())),
            ),
        )
        .await?;
        let view = self.child_protection_in(&mut tx, &access).await?;
        tx.commit().await?;
        Ok(view)
    }
}
