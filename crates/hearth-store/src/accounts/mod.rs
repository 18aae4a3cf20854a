//! Users and sessions (and the API tokens stored beside them).

pub mod sessions;
pub mod users;
