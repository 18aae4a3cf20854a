//! (rules to be written)

use super::Rule;

/// The rules of this group.
pub static RULES: &[Rule] = &[];
