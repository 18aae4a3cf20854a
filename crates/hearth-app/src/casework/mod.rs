//! A worker's day: my work, case notes and the chronology.

pub mod chronology;
mod chronology_cin;
mod chronology_protection;
pub mod notes;
pub mod plan_versions;
pub mod summary;
pub mod team;
pub mod types;
pub mod work;
