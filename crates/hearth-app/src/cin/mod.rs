//! Child in need plans: start, versions, visits, meetings, reviews and ending.

pub mod ending;
pub mod meetings;
pub mod plan_versions;
pub mod plans;
pub mod record;
pub mod types;
