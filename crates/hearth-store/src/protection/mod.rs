//! Child protection records: strategy discussions, section 47 enquiries, conferences, plans with
//! their core groups, and the child's statutory visits.

pub mod conferences;
pub mod cp_plans;
pub mod enquiries;
pub mod strategy_discussions;
