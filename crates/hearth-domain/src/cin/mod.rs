//! Child in need plans (Children Act 1989 s17): the planning meeting, the plan with its visits,
//! meetings and reviews, long plans, and the plan's end with the episode's closure.
//!
//! Sources: seed 001 (Dudley, Child in Need Practice Guidance), seed 003 (South West, "Child in
//! Need Plans and Reviews" §1–§4), seed 000 §6.7 and §7.2 and seed 004 (Blackpool's yearly
//! refresh). A plan's outcomes and actions, its versions and their circulation are the shared
//! [`crate::casework::plan_content`]; a plan's state is
//! [`crate::assessment::states::CinPlanState`], with the transitions for the plan's own work in
//! [`states`].

pub mod cin_meeting;
pub mod closure;
pub mod long_plan;
pub mod meeting;
pub mod plan;
pub mod review;
pub mod schedule;
pub mod start;
pub mod states;
pub mod visits;

pub use states::CinPlanState;
