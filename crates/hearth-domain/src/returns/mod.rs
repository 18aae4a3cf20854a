//! The statutory returns: what the CIN census needs that the case record does not already hold.

pub mod identity;
