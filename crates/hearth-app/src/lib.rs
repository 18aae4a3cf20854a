//! Use cases: one function per user action. Each opens one transaction, asks the domain to
//! decide, writes rows and the audit row together, and commits. The HTML pages, the JSON API
//! and the CLI all call these, so they cannot disagree.

pub mod access;
pub mod accounts;
pub mod assessment;
pub mod calendar;
pub mod clock;
pub mod clocks;
pub mod demo;
mod demo_assessment;
mod demo_front_door;
pub mod demo_load;
pub mod error;
pub mod front_door;
pub mod people;

use std::sync::Arc;

pub use clock::{Clock, FixedClock, SystemClock};
pub use error::AppError;
use hearth_store::Db;

/// Everything a use case needs: the database and the clock.
#[derive(Clone)]
pub struct App {
    pub db: Db,
    pub clock: Arc<dyn Clock>,
    pub throttle: Arc<accounts::auth::LoginThrottle>,
    /// Password hashing, bounded so sign-ins cannot starve other requests of CPU.
    pub passwords: Arc<accounts::auth::PasswordChecker>,
}

impl App {
    pub fn new(db: Db, clock: Arc<dyn Clock>) -> Self {
        Self {
            db,
            clock,
            throttle: Arc::default(),
            passwords: Arc::default(),
        }
    }
}
