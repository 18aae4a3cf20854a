//! A worker's day: tasks from every clock and action, case notes, and the chronology.

pub mod chronology;
pub mod notes;
pub mod plan_content;
pub mod tasks;
pub mod team;
