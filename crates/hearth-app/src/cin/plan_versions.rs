//! A child in need plan's versions: circulating one (seed 003 §3: "the Lead Professional should
//! circulate a copy of the amended Plan") and marking its dated actions done.

use hearth_domain::ids::PersonId;
use uuid::Uuid;

use crate::accounts::auth::Principal;
use crate::casework::plan_versions::VersionCirculatedInput;
use crate::cin::plans::{cin_plan_ref, CIN_PLAN};
use crate::cin::types::CinPlansView;
use crate::error::AppResult;
use crate::protection::enquiries::cp_entry;
use crate::App;

impl App {
    /// Records that a version of the plan was circulated.
    #[tracing::instrument(skip_all)]
    pub async fn circulate_cin_plan_version(
        &self,
        p: &Principal,
        person: PersonId,
        plan_id: Uuid,
        version: i64,
        input: &VersionCirculatedInput,
    ) -> AppResult<CinPlansView> {
        let now = self.clock.now();
        let (mut tx, access) = self
            .cp_write(p, person, "cin-plan.version-circulated")
            .await?;
        let plan = tx.cin_plans().get(&access, plan_id).await?;
        let r = cin_plan_ref(&plan)?;
        self.record_version_circulated(&mut tx, p, &access, &r, version, input)
            .await?;
        tx.audit_about(
            now,
            person.0,
            cp_entry(
                p,
                "cin-plan.version-circulated",
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

    /// Marks one of the plan's dated actions done.
    #[tracing::instrument(skip_all)]
    pub async fn cin_plan_action_done(
        &self,
        p: &Principal,
        person: PersonId,
        plan_id: Uuid,
        action: Uuid,
    ) -> AppResult<CinPlansView> {
        let now = self.clock.now();
        let (mut tx, access) = self.cp_write(p, person, "cin-plan.action-done").await?;
        let plan = tx.cin_plans().get(&access, plan_id).await?;
        let r = cin_plan_ref(&plan)?;
        self.record_plan_action_done(&mut tx, p, &access, &r, action)
            .await?;
        tx.audit_about(
            now,
            person.0,
            cp_entry(
                p,
                "cin-plan.action-done",
                CIN_PLAN,
                plan.id,
                Some(format!("action={action}")),
            ),
        )
        .await?;
        let view = self.cin_plans_in(&mut tx, &access).await?;
        tx.commit().await?;
        Ok(view)
    }
}
