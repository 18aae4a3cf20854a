//! Storage for Hearth on SQLite (embedded default) and PostgreSQL (production) from one codebase.
//!
//! One binary speaks both, chosen at start-up from the URL. SQL is written once where it is
//! portable (`$1` placeholders, `RETURNING`, `ON CONFLICT`) and the same query body runs on either
//! connection through [`on_tx!`]. Functions take and return domain types; failures are
//! [`StoreError`], never swallowed into "not found".

pub mod assessment_records;
pub mod assessments;
pub mod audit;
pub mod calendar_days;
pub mod contacts;
pub mod db;
pub mod episodes;
pub mod error;
pub mod people;
pub mod people_search;
pub mod protocols;
pub mod record_people;
pub mod referral_forms;
pub mod referrals;
pub mod relationships;
pub mod sessions;
pub mod users;

pub use db::{Db, DbKind, Tx};
pub use error::StoreError;

pub type Result<T, E = StoreError> = std::result::Result<T, E>;
