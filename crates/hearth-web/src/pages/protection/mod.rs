//! Child protection pages.

pub mod child_protection;
pub mod end_letters;
pub mod strategy;
