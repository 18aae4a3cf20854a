//! The child protection plan's outcomes and actions (Working Together 2018 ch.1: the core group
//! develops "the outline child protection plan into a more detailed interagency plan and
//! circulate[s it] to relevant practitioners (and family where appropriate)"), each version
//! circulated, its dated actions tasks until done.

use hearth_domain::casework::plan_content::PlanKind;
use hearth_domain::ids::PersonId;
use hearth_store::protection::cp_plans::CpPlanRow;
use uuid::Uuid;

use crate::accounts::auth::Principal;
use crate::casework::plan_versions::{PlanRef, PlanVersionInput, VersionCirculatedInput};
use crate::error::AppResult;
use crate::protection::cp_types::ChildProtectionView;
use crate::protection::enquiries::{cp_entry, PLAN};
use crate::App;

fn plan_ref(plan: &CpPlanRow) -> PlanRef<'static> {
    PlanRef {
        kind: PlanKind::ChildProtection,
        id: plan.id,
        started_on: plan.started_on,
        subject: PLAN,
    }
}

impl App {
    /// A new version of an open plan's outcomes and actions.
    #[tracing::instrument(skip_all)]
    pub async fn amend_cp_plan(
        &self,
        p: &Principal,
        person: PersonId,
        plan_id: Uuid,
        input: &PlanVersionInput,
    ) -> AppResult<ChildProtectionView> {
        let now = self.clock.now();
        let (mut tx, access) = self.cp_write(p, person, "cp-plan.version").await?;
        let plan = tx.cp_plans().get(&access, plan_id).await?;
        plan.status.work()?;
        let version = self
            .record_plan_version(&mut tx, p, &access, &plan_ref(&plan), input)
            .await?;
        tx.audit_about(
            now,
            person.0,
            cp_entry(
                p,
                "cp-plan.version",
                PLAN,
                plan.id,
                Some(format!("version={version}")),
            ),
        )
        .await?;
        let view = self.child_protection_in(&mut tx, &access).await?;
        tx.commit().await?;
        Ok(view)
    }

    /// Records that a version of the plan was circulated.
    #[tracing::instrument(skip_all)]
    pub async fn circulate_cp_plan_version(
        &self,
        p: &Principal,
        person: PersonId,
        plan_id: Uuid,
        version: i64,
        input: &VersionCirculatedInput,
    ) -> AppResult<ChildProtectionView> {
        let now = self.clock.now();
        let (mut tx, access) = self
            .cp_write(p, person, "cp-plan.version-circulated")
            .await?;
        let plan = tx.cp_plans().get(&access, plan_id).await?;
        self.record_version_circulated(&mut tx, p, &access, &plan_ref(&plan), version, input)
            .await?;
        tx.audit_about(
            now,
            person.0,
            cp_entry(
                p,
                "cp-plan.version-circulated",
                PLAN,
                plan.id,
                Some(format!("version={version}")),
            ),
        )
        .await?;
        let view = self.child_protection_in(&mut tx, &access).await?;
        tx.commit().await?;
        Ok(view)
    }

    /// Marks one of the plan's dated actions done.
    #[tracing::instrument(skip_all)]
    pub async fn cp_plan_action_done(
        &self,
        p: &Principal,
        person: PersonId,
        plan_id: Uuid,
        action: Uuid,
    ) -> AppResult<ChildProtectionView> {
        let now = self.clock.now();
        let (mut tx, access) = self.cp_write(p, person, "cp-plan.action-done").await?;
        let plan = tx.cp_plans().get(&access, plan_id).await?;
        self.record_plan_action_done(&mut tx, p, &access, &plan_ref(&plan), action)
            .await?;
        tx.audit_about(
            now,
            person.0,
            cp_entry(
                p,
                "cp-plan.action-done",
                PLAN,
                plan.id,
                Some(format!("action={action}")),
            ),
        )
        .await?;
        let view = self.child_protection_in(&mut tx, &access).await?;
        tx.commit().await?;
        Ok(view)
    }
}
