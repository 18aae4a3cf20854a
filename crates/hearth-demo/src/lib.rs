//! Synthetic demo data for Hearth, made through the real use cases (never by writing rows behind
//! their back): one account per role, families of children and adults, front-door and
//! assessment work in progress, and children at every child protection stage. Kept out of the
//! use-case crate: a demo is a client of the application, like the web and the CLI.

pub mod assessment;
pub mod cin;
pub mod cp_steps;
pub mod front_door;
pub mod generate;
pub mod load;
pub mod protection;

pub use load::{load_demo, load_people, DemoAccount, DemoReport};
