//! The front door: contacts, the multi-agency referral form, referrals and their decision within
//! one working day, and allocating the work that follows.

pub mod allocation;
pub mod contacts;
pub mod form_children;
pub mod referral_forms;
pub mod referrals;
pub mod types;
