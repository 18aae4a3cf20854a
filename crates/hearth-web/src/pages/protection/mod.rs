//! Child protection pages.

pub mod strategy;
