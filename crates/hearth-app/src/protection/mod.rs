//! Child protection use cases: strategy discussions (section 47 enquiries, conferences and plans
//! follow here).

pub mod strategy;
pub mod types;
