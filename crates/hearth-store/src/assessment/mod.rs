//! Assessments and what is recorded inside them.

pub mod assessments;
pub mod records;
pub mod withholdings;
