//! The statutory returns: the census identity the return needs.

pub mod identity;
