//! People pages: search, the person, the forms and the links between people.

pub mod access_log;
pub mod census;
pub mod form;
pub mod links;
pub mod search;
pub mod summary;
pub mod view;
