//! Child protection pages.

pub mod child_protection;
pub mod child_protection_forms;
pub mod end_letters;
pub mod invitation_letters;
pub mod strategy;
