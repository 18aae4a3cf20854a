//! Front-door pages: the queue, contacts, the referral decision, the referral form and threshold
//! guidance.

pub mod decision;
pub mod form_children;
pub mod queue;
pub mod referral_form_data;
pub mod referral_forms;
pub mod threshold_guidance;
pub mod threshold_indicators;
