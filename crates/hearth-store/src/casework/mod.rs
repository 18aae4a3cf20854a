//! A worker's day: case notes, the chronology's analysis, and what is due for a person.

pub mod notes;
pub mod plan_versions;
pub mod team;
pub mod work;
