//! A plan's outcomes and actions, versioned: each amendment is a new version with its reason;
//! the actions with a date are tasks on the worker's list until done, and a new version closes
//! the tasks of the one before (they are superseded, not lost: the old version keeps them).
//! Each version is circulated once. Child protection and child in need plans share this; each
//! kind calls it with its own plan's start and clock subject.

use chrono::NaiveDate;
use hearth_domain::authz::{CaseAccess, Read};
use hearth_domain::casework::plan_content::{
    check_amendment, check_circulation, check_plan_content, PlanAction, PlanContent, PlanKind,
    PlanOutcome,
};
use hearth_domain::clock::{Anchor, ClockKind};
use hearth_domain::errors::ValidationErrors;
use hearth_domain::ids::PersonId;
use hearth_domain::person::parse_date;
use hearth_domain::uk_time::format_date;
use hearth_store::casework::plan_versions::NewPlanVersion;
use hearth_store::{StoreError, Tx};
use serde::Deserialize;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::accounts::auth::Principal;
use crate::error::{AppError, AppResult};
use crate::App;

/// One outcome as typed.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanOutcomeInput {
    #[serde(default)]
    pub what_must_change: String,
    #[serde(default)]
    pub measure: String,
    /// YYYY-MM-DD, or blank.
    #[serde(default)]
    pub by_when: String,
}

/// One action as typed.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanActionInput {
    #[serde(default)]
    pub action: String,
    #[serde(default)]
    pub owner: String,
    /// YYYY-MM-DD, or blank when a frequency is given.
    #[serde(default)]
    pub due_on: String,
    #[serde(default)]
    pub frequency: String,
}

/// A new version of a plan's outcomes and actions.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanVersionInput {
    #[serde(default)]
    pub outcomes: Vec<PlanOutcomeInput>,
    #[serde(default)]
    pub actions: Vec<PlanActionInput>,
    /// Why the plan changes (every version after the first).
    #[serde(default)]
    pub reason: String,
}

/// Recording that a version was circulated.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct VersionCirculatedInput {
    /// YYYY-MM-DD; today when blank.
    #[serde(default)]
    pub circulated_on: String,
}

/// The plan a version belongs to, as its kind's use case read it.
pub(crate) struct PlanRef<'a> {
    pub kind: PlanKind,
    pub id: Uuid,
    pub started_on: NaiveDate,
    /// The clocks' subject type for this kind of plan.
    pub subject: &'a str,
}

fn optional_date(field: &str, label: &str, v: &str, e: &mut ValidationErrors) -> Option<NaiveDate> {
    if v.trim().is_empty() {
        None
    } else {
        parse_date(field, label, v, e)
    }
}

/// The typed content, with any date that does not read named by its place.
pub fn content_of(input: &PlanVersionInput, e: &mut ValidationErrors) -> PlanContent {
    PlanContent {
        outcomes: input
            .outcomes
            .iter()
            .enumerate()
            .map(|(i, o)| PlanOutcome {
                what_must_change: o.what_must_change.trim().into(),
                measure: o.measure.trim().into(),
                by_when: optional_date(
                    &format!("outcomes[{}].by_when", i + 1),
                    &format!("Outcome {}'s date", i + 1),
                    &o.by_when,
                    e,
                ),
            })
            .collect(),
        actions: input
            .actions
            .iter()
            .enumerate()
            .map(|(i, a)| PlanAction {
                action: a.action.trim().into(),
                owner: a.owner.trim().into(),
                due_on: optional_date(
                    &format!("actions[{}].due_on", i + 1),
                    &format!("Action {}'s date", i + 1),
                    &a.due_on,
                    e,
                ),
                frequency: a.frequency.trim().into(),
            })
            .collect(),
    }
}

impl App {
    /// Records a new version of the plan's outcomes and actions in the caller's transaction;
    /// returns its number. The earlier version's open action tasks close as superseded.
    pub(crate) async fn record_plan_version(
        &self,
        tx: &mut Tx,
        p: &Principal,
        access: &CaseAccess<Read>,
        plan: &PlanRef<'_>,
        input: &PlanVersionInput,
    ) -> AppResult<i64> {
        let mut e = ValidationErrors::default();
        let content = content_of(input, &mut e);
        e.into_result(())?;
        self.record_plan_content(tx, p, access, plan, &content, &input.reason)
            .await
    }

    /// Records `content` as the plan's next version (the first when it has none).
    pub(crate) async fn record_plan_content(
        &self,
        tx: &mut Tx,
        p: &Principal,
        access: &CaseAccess<Read>,
        plan: &PlanRef<'_>,
        content: &PlanContent,
        reason: &str,
    ) -> AppResult<i64> {
        let now = self.clock.now();
        let today = self.clock.today();
        let latest = tx
            .plan_versions()
            .of_plan(access, plan.kind, plan.id)
            .await?
            .first()
            .map_or(0, |v| v.version);
        let version = latest + 1;
        check_amendment(u32::try_from(version).unwrap_or(u32::MAX), reason)
            .and(check_plan_content(content, plan.started_on))?;
        let superseded = tx
            .plan_versions()
            .open_action_clocks(plan.kind, plan.id)
            .await?;
        let person = access.person();
        let version_id = tx
            .plan_versions()
            .insert(
                &NewPlanVersion {
                    kind: plan.kind,
                    plan: plan.id,
                    person: person.0,
                    version,
                    made_on: today,
                    content,
                    reason,
                    by: p.user.id.0,
                },
                now,
            )
            .await
            .map_err(|err| match err {
                StoreError::Conflict { constraint } if constraint.contains("plan_versions_number") => {
                    AppError::Conflict(
                        "Someone else changed this plan at the same moment: open it again to see their version, then make yours".into(),
                    )
                }
                other => other.into(),
            })?;
        let why = format!("superseded by version {version} of the plan");
        for clock in superseded {
            tx.meet_clock(clock, today, Some(&why)).await?;
        }
        for (i, a) in content.actions.iter().enumerate() {
            let n = i32::try_from(i + 1).unwrap_or(i32::MAX);
            let clock = match a.due_on {
                Some(due) => Some(
                    self.plan_action_clock(tx, plan, person, version, today, a, due)
                        .await?,
                ),
                None => None,
            };
            if clock.is_some() {
                tx.plan_versions()
                    .add_action(version_id, person.0, n, clock)
                    .await?;
            }
        }
        Ok(version)
    }

    #[allow(clippy::too_many_arguments)]
    async fn plan_action_clock(
        &self,
        tx: &mut Tx,
        plan: &PlanRef<'_>,
        person: PersonId,
        version: i64,
        made_on: NaiveDate,
        a: &PlanAction,
        due: NaiveDate,
    ) -> AppResult<Uuid> {
        let kind = ClockKind::PlanAction;
        let explanation = format!(
            "{} due {}: set in version {version} of the {} made on {} ({}: {})",
            kind.label(),
            format_date(due),
            plan.kind.text().to_lowercase(),
            format_date(made_on),
            a.owner,
            a.action
        );
        self.start_set_clock(
            tx,
            plan.subject,
            &plan.id.to_string(),
            person,
            kind,
            Anchor {
                event: format!("version {version} of the plan"),
                date: made_on,
            },
            "set by the plan",
            due,
            &explanation,
        )
        .await
    }

    /// Records that version `version` of the plan was circulated (once; not before it was made,
    /// not in the future).
    pub(crate) async fn record_version_circulated(
        &self,
        tx: &mut Tx,
        p: &Principal,
        access: &CaseAccess<Read>,
        plan: &PlanRef<'_>,
        version: i64,
        input: &VersionCirculatedInput,
    ) -> AppResult<()> {
        let today = self.clock.today();
        let versions = tx
            .plan_versions()
            .of_plan(access, plan.kind, plan.id)
            .await?;
        let v = versions
            .iter()
            .find(|v| v.version == version)
            .ok_or(AppError::NotFound)?;
        let mut e = ValidationErrors::default();
        let on = if input.circulated_on.trim().is_empty() {
            Some(today)
        } else {
            parse_date("circulated_on", "The date", &input.circulated_on, &mut e)
        };
        let Some(on) = on else {
            return Err(AppError::Validation(e));
        };
        check_circulation(v.made_on, on, v.circulated_on, today)?;
        if !tx.plan_versions().circulated(v.id, on, p.user.id.0).await? {
            return Err(AppError::Validation(ValidationErrors::single(
                "circulated_on",
                "already_circulated",
                "This version's circulation is already recorded",
            )));
        }
        Ok(())
    }

    /// Marks one of the plan's dated actions done; its task closes.
    pub(crate) async fn record_plan_action_done(
        &self,
        tx: &mut Tx,
        p: &Principal,
        access: &CaseAccess<Read>,
        plan: &PlanRef<'_>,
        action: Uuid,
    ) -> AppResult<()> {
        let today = self.clock.today();
        let Some(clock) = tx
            .plan_versions()
            .action_done(access, plan.kind, plan.id, action, today, p.user.id.0)
            .await?
        else {
            return Err(AppError::Validation(ValidationErrors::single(
                "action",
                "not_open",
                "That action is not open on this plan: it is done already, or a later version of the plan replaced it",
            )));
        };
        // Done is done: lateness is the action owner's, shown by the dates.
        tx.meet_clock(clock, today, None).await?;
        Ok(())
    }
}
