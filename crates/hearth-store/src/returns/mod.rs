//! The statutory returns: the census identity the return needs and the census return's reads.

pub mod census;
pub mod census_import;
pub mod census_reasons;
pub mod identity;
