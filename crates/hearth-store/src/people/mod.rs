//! People, their search index and the relationships between them.

pub mod records;
pub mod relationships;
pub mod search;
pub(crate) mod stored;
