//! Child protection: the strategy discussion and immediate protection (section 47 enquiries,
//! conferences and plans follow in the same module).

pub mod strategy;

pub use crate::assessment::states::StrategyDiscussionState;
