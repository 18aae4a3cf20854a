//! Field-level validation errors shared by every form and API body.
//!
//! A `FieldError` names the field, a stable machine-readable code and a sentence a social worker
//! understands; the web layer turns a list of them into a GOV.UK error summary or problem+json.

use serde::Serialize;

/// One problem with one field of user input.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct FieldError {
    /// The input's name, as the form or JSON body spells it (`date_of_birth`, `nhs_number`).
    pub field: String,
    /// Stable code for machines (`invalid_nhs_number`, `future_date`).
    pub code: &'static str,
    /// What is wrong and how to put it right.
    pub message: String,
}

impl FieldError {
    pub fn new(field: impl Into<String>, code: &'static str, message: impl Into<String>) -> Self {
        Self {
            field: field.into(),
            code,
            message: message.into(),
        }
    }
}

/// Every problem found in one submission; never empty when returned as an error.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ValidationErrors(pub Vec<FieldError>);

impl ValidationErrors {
    pub fn push(&mut self, e: FieldError) {
        self.0.push(e);
    }
    pub fn add(&mut self, field: &str, code: &'static str, message: impl Into<String>) {
        self.0.push(FieldError::new(field, code, message));
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    pub fn single(field: &str, code: &'static str, message: impl Into<String>) -> Self {
        Self(vec![FieldError::new(field, code, message)])
    }
    /// `Ok(v)` when nothing was found, otherwise the errors.
    pub fn into_result<T>(self, v: T) -> Result<T, Self> {
        if self.0.is_empty() {
            Ok(v)
        } else {
            Err(self)
        }
    }
    pub fn for_field(&self, field: &str) -> Option<&FieldError> {
        self.0.iter().find(|e| e.field == field)
    }
}

impl std::fmt::Display for ValidationErrors {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let msgs: Vec<String> = self
            .0
            .iter()
            .map(|e| format!("{}: {}", e.field, e.message))
            .collect();
        write!(f, "{}", msgs.join("; "))
    }
}

impl std::error::Error for ValidationErrors {}
