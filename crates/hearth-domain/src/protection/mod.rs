//! Child protection: the strategy discussion and immediate protection, the section 47 enquiry,
//! conferences, and the child protection plan with its core group, visits, reviews and end.

pub mod conference;
pub mod enquiry;
pub mod plan;
pub mod states;
pub mod strategy;

pub use crate::assessment::states::StrategyDiscussionState;
pub use states::{ConferenceState, CpPlanState, EnquiryState};
