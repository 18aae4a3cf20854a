//! Child protection use cases: strategy discussions, section 47 enquiries, conferences and plans.

pub mod circulation;
pub mod conferences;
pub mod cp_types;
pub mod early_review;
pub mod enquiries;
pub mod people_for;
pub mod plan_versions;
pub mod plans;
pub mod strategy;
pub mod types;
