//! Optimistic concurrency for versioned records: an update that changed no row is either stale
//! (someone saved first: here is the version now) or aimed at a record that does not exist.

use uuid::Uuid;

use crate::{on_tx, Result, StoreError, Tx};

/// The tables whose rows carry a `version` and are changed by a versioned update.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Versioned {
    Enquiries,
    Conferences,
    StrategyDiscussions,
    CinPlans,
}

impl Versioned {
    fn table(self) -> &'static str {
        match self {
            Versioned::Enquiries => "s47_enquiries",
            Versioned::Conferences => "cp_conferences",
            Versioned::StrategyDiscussions => "strategy_discussions",
            Versioned::CinPlans => "cin_plans",
        }
    }
}

impl Tx {
    /// Ok when the update changed its row (`n == 1`); otherwise stale with the current version,
    /// or not found.
    pub(crate) async fn versioned_change(&mut self, t: Versioned, id: Uuid, n: u64) -> Result<()> {
        if n == 1 {
            return Ok(());
        }
        let sql = format!("SELECT version FROM {} WHERE id = $1", t.table());
        Err(
            match on_tx!(self, c => sqlx::query_scalar::<_, i64>(&sql).bind(id).fetch_optional(&mut *c).await)?
            {
                Some(current) => StoreError::Stale { current },
                None => StoreError::NotFound,
            },
        )
    }
}
