//! The child's child in need plans as one record: each plan with its reviews, meetings, visits,
//! versions and clocks (reading it is audited).

use hearth_domain::authz::{CaseAccess, Read};
use hearth_domain::casework::plan_content::PlanKind;
use hearth_domain::ids::PersonId;
use hearth_store::Tx;

use crate::accounts::auth::Principal;
use crate::cin::plans::CIN_PLAN;
use crate::cin::types::*;
use crate::error::AppResult;
use crate::protection::enquiries::cp_entry;
use crate::App;

impl App {
    /// The child's child in need plans with their reviews, versions and clocks (audited).
    #[tracing::instrument(skip_all)]
    pub async fn cin_plans_of(&self, p: &Principal, person: PersonId) -> AppResult<CinPlansView> {
        self.allow(p, hearth_domain::authz::GeneralAction::SearchPeople)
            .await?;
        let now = self.clock.now();
        let tx = self.db.read().await?;
        let (mut tx, access) = self.read_access(tx, p, person, "cin-plan.view").await?;
        let view = self.cin_plans_in(&mut tx, &access).await?;
        let row = cp_entry(p, "cin-plan.view", "person", person.0, None);
        self.audited(tx, vec![crate::read_row_about(now, person.0, row)])
            .await?;
        Ok(view)
    }

    pub(crate) async fn cin_plans_in(
        &self,
        tx: &mut Tx,
        access: &CaseAccess<Read>,
    ) -> AppResult<CinPlansView> {
        let cal = Self::calendar_in(tx).await?;
        let mut plans = Vec::new();
        for plan in tx.cin_plans().of_child(access).await? {
            let clocks = tx
                .clocks_for(CIN_PLAN, &plan.id.to_string())
                .await?
                .into_iter()
                .map(|c| self.view_clock(c, &cal))
                .collect();
            plans.push(CinPlanView {
                status_label: hearth_domain::state::State::label(plan.status).into(),
                reviews: tx.cin_plans().reviews(plan.id).await?,
                meetings: tx.cin_plans().meetings(plan.id).await?,
                visits: tx.cin_plans().visit_dates(plan.id).await?,
                versions: tx
                    .plan_versions()
                    .of_plan(access, PlanKind::ChildInNeed, plan.id)
                    .await?,
                clocks,
                plan,
            });
        }
        Ok(CinPlansView {
            person_id: access.person().0,
            plans,
            census: Self::census_findings_in(tx, access.person(), self.clock.today()).await?,
        })
    }
}
