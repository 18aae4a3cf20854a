//! Child protection records: strategy discussions (section 47 enquiries, conferences and plans
//! follow here).

pub mod strategy_discussions;
