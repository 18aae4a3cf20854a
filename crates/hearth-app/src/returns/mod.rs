//! The statutory returns: the census identity.

pub mod identity;
