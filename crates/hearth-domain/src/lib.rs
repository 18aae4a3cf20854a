//! Hearth's domain: the Children Act 1989 process as types, codes, rules and state machines.
//!
//! Pure: no I/O, no async, no database, no HTTP, no system clock ("today" is passed in).
//! Most of the statute lives here so the same rule runs when a worker saves a form and when a
//! return is validated.

#[macro_use]
mod vocab_macro;
#[macro_use]
pub mod state;

pub mod assessment;
pub mod authz;
pub mod codes;
pub mod csv;
pub mod errors;
pub mod front_door;
pub mod ids;
pub mod known_to_service;
pub mod limits;
pub mod nhs_number;
pub mod person;
pub mod phonetic;
pub mod protection;
pub mod relationship;
pub mod restriction;
pub mod returns;
pub mod role;
pub mod schema;
pub mod uk_time;
pub mod upn;

pub mod calendar;
pub mod casework;
pub mod childhood;
pub mod cin;
pub mod clock;
pub mod protocol;
