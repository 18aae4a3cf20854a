//! What the child in need use cases take and give back.

use hearth_domain::cin::closure::PlanEnding;
use hearth_domain::cin::plan::CinPlan;
use hearth_domain::cin::review::CinReview;
use hearth_store::casework::plan_versions::PlanVersionRow;
use hearth_store::cin::plans::{CinMeetingRow, CinPlanRow, CinReviewRow};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::clocks::ClockView;

/// Agreeing and starting a plan.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StartCinPlanInput {
    pub version: i64,
    /// Census `CINPlanStartDate` (YYYY-MM-DD).
    #[serde(default)]
    pub started_on: String,
    pub plan: CinPlan,
    /// Why, when the plan starts after the protocol's timescale.
    #[serde(default)]
    pub late_reason: String,
    /// The child has come home from care: like a plan after a child protection plan, it lasts at
    /// least the protocol's minimum (seed 001).
    #[serde(default)]
    pub after_return_home: bool,
}

/// A review of the plan.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CinReviewInput {
    pub review: CinReview,
    #[serde(default)]
    pub late_reason: String,
}

/// Ending the plan (and closing the episode, when the ending says so).
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EndCinPlanInput {
    pub version: i64,
    pub ending: PlanEnding,
}

/// A plan with its reviews, visits, versions and clocks.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CinPlanView {
    #[serde(flatten)]
    pub plan: CinPlanRow,
    pub status_label: String,
    pub reviews: Vec<CinReviewRow>,
    /// The planning meeting and the regular meetings, oldest first.
    pub meetings: Vec<CinMeetingRow>,
    /// The dates of the visits under this plan, newest first.
    pub visits: Vec<chrono::NaiveDate>,
    pub versions: Vec<PlanVersionRow>,
    pub clocks: Vec<ClockView>,
}

/// The child's child in need plans, newest first.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CinPlansView {
    pub person_id: Uuid,
    pub plans: Vec<CinPlanView>,
    /// The DfE census rules the child's record breaks today, so the page can warn.
    pub census: Vec<crate::returns::census_check::CensusFinding>,
}
