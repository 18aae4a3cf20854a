//! Accounts: signing in and out, sessions and API tokens, and managing users.

pub mod api_tokens;
pub mod auth;
pub mod users;
