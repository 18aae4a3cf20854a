//! The child and family assessment: starting it, recording its sections, agency requests and
//! visits, submitting, returning and authorising it, and the decision that follows.

pub mod actions;
mod evidence;
pub mod family_copy;
pub mod lifecycle;
pub mod records;
pub mod types;
mod view;
