//! The DfE children in need census return: its model ([`model`]), a streaming XML reader
//! ([`read`]) and writer ([`write`]), and the DfE validation rules ([`rules`], run by
//! [`validate::Validator`]). Depends on the domain (the working-day calendar) and nothing that does
//! I/O beyond the reader and writer it is handed.

pub mod model;
pub mod read;
pub mod rules;
pub mod synthetic;
pub mod validate;
pub mod write;

pub use model::{Assessment, Child, CinPlan, CpPlan, Episode, Header, Section47};
pub use rules::{Kind, Rule, Ruleset, Spot};
pub use validate::{Issue, Report, Validator};
