//! Use cases: one function per user action. Each opens one transaction, asks the domain to
//! decide, writes rows and the audit row together, and commits. The HTML pages, the JSON API
//! and the CLI all call these, so they cannot disagree.

pub mod access;
pub mod accounts;
pub mod assessment;
pub mod calendar;
pub mod casework;
pub mod cin;
pub mod clock;
pub mod clocks;
pub mod error;
pub mod front_door;
pub mod people;
pub mod protection;
pub mod returns;

use std::sync::Arc;

pub use clock::{Clock, FixedClock, SystemClock};
pub use error::AppError;
use error::AppResult;
use hearth_store::audit::AuditEntry;
use hearth_store::audit_batch::{AuditBatcher, PendingAudit};
use hearth_store::{Db, Tx};

/// Everything a use case needs: the database and the clock.
#[derive(Clone)]
pub struct App {
    pub db: Db,
    pub clock: Arc<dyn Clock>,
    pub throttle: Arc<accounts::auth::LoginThrottle>,
    /// Password hashing, bounded so sign-ins cannot starve other requests of CPU.
    pub passwords: Arc<accounts::auth::PasswordChecker>,
    /// Group commit for the audit rows of reads (see [`hearth_store::audit_batch`]).
    pub reads_audit: AuditBatcher,
    /// The council's census settings (its DfE LA code).
    pub census: returns::census_export::CensusSettings,
}

impl App {
    pub fn new(db: Db, clock: Arc<dyn Clock>) -> Self {
        Self {
            reads_audit: AuditBatcher::new(db.clone()),
            db,
            clock,
            throttle: Arc::default(),
            passwords: Arc::default(),
            census: returns::census_export::CensusSettings::from_env(),
        }
    }

    /// Makes the audit rows of a read durable; the caller returns its data only after this.
    /// The read itself ran in `tx` (a reader on SQLite), which is closed first.
    pub(crate) async fn audited(&self, tx: Tx, rows: Vec<PendingAudit>) -> AppResult<()> {
        tx.rollback().await?;
        self.reads_audit.append(rows).await?;
        Ok(())
    }
}

/// An audit row for a read, at `at`.
pub(crate) fn read_row(at: chrono::DateTime<chrono::Utc>, entry: AuditEntry) -> PendingAudit {
    PendingAudit {
        at,
        entry,
        about: None,
        shown: Vec::new(),
    }
}

/// An audit row for a read that showed these people (a search's results, a contact's
/// children): each one's access log lists it.
pub(crate) fn read_row_showing(
    at: chrono::DateTime<chrono::Utc>,
    entry: AuditEntry,
    shown: impl IntoIterator<Item = hearth_domain::ids::PersonId>,
) -> PendingAudit {
    PendingAudit {
        at,
        entry,
        about: None,
        shown: shown.into_iter().map(|p| p.0).collect(),
    }
}

/// An audit row for a read of a record about `person` (it shows in the person's access log).
pub(crate) fn read_row_about(
    at: chrono::DateTime<chrono::Utc>,
    person: uuid::Uuid,
    entry: AuditEntry,
) -> PendingAudit {
    PendingAudit {
        at,
        entry,
        about: Some(person),
        shown: Vec::new(),
    }
}
