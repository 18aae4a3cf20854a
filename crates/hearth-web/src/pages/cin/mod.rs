//! Child in need plan pages.

pub mod family_copy;
pub mod plan_forms;
pub mod plan_page;
