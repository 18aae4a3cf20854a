//! Signing in and out, and API tokens in the browser.

pub mod sign_in;
pub mod tokens;
