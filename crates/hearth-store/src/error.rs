//! Storage errors: not found, a named constraint conflict, a stale version, or a fault.

/// What went wrong in storage. A fault is never reported as "not found".
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("record not found")]
    NotFound,
    /// A uniqueness, foreign-key or check constraint refused the write.
    #[error("constraint {constraint} refused the change")]
    Conflict { constraint: String },
    /// Optimistic concurrency: someone else saved first.
    #[error("the record was changed by someone else (now at version {current})")]
    Stale { current: i64 },
    /// The record moved to a state where the action no longer applies.
    #[error("{0}")]
    WrongState(hearth_domain::state::WrongState),
    /// Stored data that does not parse back into a domain value (a bug or tampering).
    #[error("stored data is corrupt: {0}")]
    Corrupt(String),
    /// A read's audit row could not be made durable, so the read is refused.
    #[error("the audit log could not be written: {0}")]
    AuditUnavailable(String),
    #[error("database error: {0}")]
    Database(sqlx::Error),
    #[error("migration error: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("unsupported database URL: use sqlite://path or postgres://…")]
    BadUrl,
}

impl From<sqlx::Error> for StoreError {
    fn from(e: sqlx::Error) -> Self {
        match &e {
            sqlx::Error::RowNotFound => StoreError::NotFound,
            sqlx::Error::Database(db)
                if db.is_unique_violation()
                    || db.is_foreign_key_violation()
                    || db.is_check_violation() =>
            {
                StoreError::Conflict {
                    constraint: db
                        .constraint()
                        .map_or_else(|| db.message().to_string(), str::to_string),
                }
            }
            // A stored code or state that is not in its set: corrupt data, never "not found".
            sqlx::Error::ColumnDecode { .. } | sqlx::Error::Decode(_) => {
                StoreError::Corrupt(e.to_string())
            }
            _ => StoreError::Database(e),
        }
    }
}

impl From<serde_json::Error> for StoreError {
    fn from(e: serde_json::Error) -> Self {
        StoreError::Corrupt(e.to_string())
    }
}
