//! People: search, create, view, edit, merge-safety, restriction, and the links between people.

pub mod cases;
pub mod links;
