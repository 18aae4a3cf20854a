//! Child in need plan pages.

pub mod end_letters;
pub mod family_copy;
pub mod plan_forms;
pub mod plan_inputs;
pub mod plan_page;
