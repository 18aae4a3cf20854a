//! What a use case can answer besides success, each with a stable code for the API.

use hearth_domain::authz::Denied;
use hearth_domain::errors::ValidationErrors;
use hearth_domain::state::WrongState;
use hearth_store::people::search::PersonSummary;
use hearth_store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// Bad input: every field problem, nothing written.
    #[error("{0}")]
    Validation(ValidationErrors),
    #[error("{0}")]
    Denied(Denied),
    #[error("You need to sign in")]
    Unauthenticated,
    #[error("Too many attempts. Wait a few minutes and try again")]
    Throttled,
    #[error("Not found")]
    NotFound,
    /// Someone else saved first; nothing was overwritten.
    #[error("Someone else changed this record while you were editing it (it is now at version {current}). Your changes have not been saved; review the latest version and apply them again.")]
    Stale { current: i64 },
    /// The action does not apply in the record's current state (nobody else changed anything).
    #[error("{0}")]
    WrongState(WrongState),
    #[error("{0}")]
    Conflict(String),
    /// A new person resembles people already recorded; confirm before creating.
    #[error("This person may already be recorded")]
    PossibleDuplicates(Vec<PersonSummary>),
    /// A server fault: logged once with its cause and the request id, shown to the user as an
    /// opaque message. The cause names ids and constraints, never personal data.
    #[error("internal error: {0}")]
    Internal(String),
}

impl AppError {
    /// Stable machine-readable code.
    pub fn code(&self) -> &'static str {
        match self {
            AppError::Validation(_) => "validation_failed",
            AppError::Denied(_) => "forbidden",
            AppError::Unauthenticated => "unauthenticated",
            AppError::Throttled => "too_many_attempts",
            AppError::NotFound => "not_found",
            AppError::Stale { .. } => "stale",
            AppError::WrongState(_) => "wrong_state",
            AppError::Conflict(_) => "conflict",
            AppError::PossibleDuplicates(_) => "possible_duplicate",
            AppError::Internal(_) => "internal_error",
        }
    }
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound => AppError::NotFound,
            StoreError::Stale { current } => AppError::Stale { current },
            StoreError::WrongState(w) => AppError::WrongState(w),
            StoreError::Conflict { constraint } => AppError::Conflict(format!(
                "The change conflicts with existing data ({constraint})"
            )),
            other => AppError::Internal(chain(&other)),
        }
    }
}

impl From<WrongState> for AppError {
    fn from(e: WrongState) -> Self {
        AppError::WrongState(e)
    }
}

impl From<ValidationErrors> for AppError {
    fn from(e: ValidationErrors) -> Self {
        AppError::Validation(e)
    }
}

impl From<Denied> for AppError {
    fn from(e: Denied) -> Self {
        AppError::Denied(e)
    }
}

pub type AppResult<T> = Result<T, AppError>;

/// An error and every source beneath it, joined with ": ", for the one log line of a fault.
pub fn chain(e: &dyn std::error::Error) -> String {
    let mut out = e.to_string();
    let mut next = e.source();
    while let Some(s) = next {
        let text = s.to_string();
        if !out.contains(&text) {
            out.push_str(": ");
            out.push_str(&text);
        }
        next = s.source();
    }
    out
}
