//! A worker's day: my work, case notes and the chronology.

pub mod chronology;
pub mod my_work;
pub mod notes;
pub mod team;
