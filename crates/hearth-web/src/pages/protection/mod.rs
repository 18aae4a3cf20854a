//! Child protection pages.

pub mod child_protection;
pub mod strategy;
