//! Child in need plans, their reviews and visits.

pub mod plans;
