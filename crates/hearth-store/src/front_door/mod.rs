//! Contacts, referral forms, referrals and CIN episodes.

pub mod contacts;
pub mod episodes;
pub mod referral_forms;
pub mod referrals;
