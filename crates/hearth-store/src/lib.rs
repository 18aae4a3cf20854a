//! Storage for Hearth on SQLite (embedded default) and PostgreSQL (production) from one codebase.
//!
//! One binary speaks both, chosen at start-up from the URL. SQL is written once where it is
//! portable (`$1` placeholders, `RETURNING`, `ON CONFLICT`) and the same query body runs on either
//! connection through [`on_tx!`]. Functions take and return domain types; failures are
//! [`StoreError`], never swallowed into "not found".

pub mod access_log;
pub mod accounts;
pub mod assessment;
pub mod audit;
pub mod audit_batch;
pub mod calendar_days;
pub mod casework;
mod checkpoint;
pub mod cin;
mod code_tables;
pub mod db;
pub mod error;
pub mod front_door;
pub mod in_list;
pub mod people;
pub mod protection;
pub mod protocols;
pub mod record_people;
pub mod returns;
mod versioned;

pub use db::{Db, DbKind, Tx};
pub use error::StoreError;

pub type Result<T, E = StoreError> = std::result::Result<T, E>;
