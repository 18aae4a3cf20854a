//! The statutory returns' pages: the CIN census for the performance analyst.

pub mod census;
