//! Child in need plans: start, visits, reviews and ending.

pub mod plans;
pub mod types;
