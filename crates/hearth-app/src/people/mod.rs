//! People: search, create, view, edit, merge-safety, restriction, the links between people, and
//! who has viewed a record.

pub mod access_log;
pub mod cases;
pub mod links;
