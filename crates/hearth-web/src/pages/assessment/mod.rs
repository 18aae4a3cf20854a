//! The assessment pages: the record, its sections, its blocks, the decisions and the family copy.

pub mod blocks;
pub mod decisions;
pub mod family_copy;
pub mod record;
pub mod sections;
pub mod withholdings;
