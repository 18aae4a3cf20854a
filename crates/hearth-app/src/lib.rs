//! Use cases: one function per user action. Each opens one transaction, asks the domain to
//! decide, writes rows and the audit row together, and commits. The HTML pages, the JSON API
//! and the CLI all call these, so they cannot disagree.

pub mod access;
pub mod allocation;
pub mod api_tokens;
pub mod assessment_actions;
pub mod assessment_records;
pub mod assessment_types;
mod assessment_view;
pub mod assessments;
pub mod auth;
pub mod calendar;
pub mod clock;
pub mod clocks;
pub mod demo;
mod demo_assessment;
mod demo_front_door;
pub mod demo_load;
pub mod error;
pub mod front_door;
pub mod front_door_types;
pub mod people;
pub mod people_links;
pub mod referral_forms;
pub mod referrals;
pub mod users;

use std::sync::Arc;

pub use clock::{Clock, FixedClock, SystemClock};
pub use error::AppError;
use hearth_store::Db;

/// Everything a use case needs: the database and the clock.
#[derive(Clone)]
pub struct App {
    pub db: Db,
    pub clock: Arc<dyn Clock>,
    pub throttle: Arc<auth::LoginThrottle>,
    /// Password hashing, bounded so sign-ins cannot starve other requests of CPU.
    pub passwords: Arc<auth::PasswordChecker>,
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
