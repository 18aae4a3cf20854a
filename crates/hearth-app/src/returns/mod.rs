//! The statutory returns: the census identity, and the CIN census export, validation and import.

pub mod census_check;
pub mod census_export;
pub mod census_import;
pub mod census_map;
pub mod identity;
