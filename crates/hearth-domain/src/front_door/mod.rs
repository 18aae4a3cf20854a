//! The front door's rules, ahead of its screens: contacts and their outcomes, consent, the
//! referral decision (with rationale, threshold level and feedback), re-referrals and the one open
//! CIN episode per child. Pure functions over facts; storage and pages come with the front-door
//! issue.

pub mod consent;
pub mod contact;
pub mod decision;
pub mod episode;
pub mod family;
pub mod form_child;
pub mod letter;
pub mod referral_form;
pub mod states;
pub mod vocab;
