//! States of a case record's life, and the refusal when an action does not fit the state.
//!
//! Every aggregate (contact, referral form, referral, episode, assessment, CIN plan, strategy
//! discussion) has an enum of states made with [`states!`]; its transitions are functions in the
//! aggregate's own file that take the current state (and the facts) and return the new state, or a
//! [`WrongState`] naming the state and the rule. The store keeps the state's code; nothing above
//! the store compares codes.

use serde::Serialize;

/// A closed set of states: the stored code, the words a person reads, and the record it belongs to.
pub trait State: Copy + Eq + std::fmt::Debug + Send + Sync + 'static {
    /// The kind of record, as a sentence names it ("referral").
    const RECORD: &'static str;
    const ALL: &'static [Self];
    fn code(self) -> &'static str;
    fn label(self) -> &'static str;
    fn from_code(code: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|s| s.code() == code)
    }
}

/// An action refused because the record is in the wrong state for it. Distinct from a stale
/// version: nothing was changed by anyone else, the action simply does not apply now.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize)]
#[error("{message}")]
pub struct WrongState {
    /// The kind of record ("assessment").
    pub record: &'static str,
    /// The record's current state, as its code (`awaiting-authorisation`).
    pub state: &'static str,
    /// What was attempted, as a code (`edit`).
    pub action: &'static str,
    /// The rule in words a social worker understands.
    pub message: String,
}

impl WrongState {
    pub fn new<S: State>(state: S, action: &'static str, message: impl Into<String>) -> Self {
        Self {
            record: S::RECORD,
            state: state.code(),
            action,
            message: message.into(),
        }
    }
}

/// A stored state code that is not one of its set's codes (corrupt data, never user input).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("'{code}' is not a state of a {record}")]
pub struct UnknownState {
    pub record: &'static str,
    pub code: String,
}

/// Declares a state enum with its codes and words (serialised as its code).
macro_rules! states {
    ($(#[$m:meta])* $name:ident, $record:literal, { $($variant:ident => ($code:literal, $label:literal)),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name { $($variant),+ }

        impl $crate::state::State for $name {
            const RECORD: &'static str = $record;
            const ALL: &'static [$name] = &[$($name::$variant),+];
            fn code(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }
            fn label(self) -> &'static str {
                match self { $($name::$variant => $label),+ }
            }
        }

        impl $name {
            /// The stored and API code.
            pub fn code(self) -> &'static str { $crate::state::State::code(self) }
            /// The words a person reads.
            pub fn label(self) -> &'static str { $crate::state::State::label(self) }
        }

        impl TryFrom<String> for $name {
            type Error = $crate::state::UnknownState;
            fn try_from(code: String) -> Result<Self, Self::Error> {
                <Self as $crate::state::State>::from_code(&code)
                    .ok_or($crate::state::UnknownState { record: $record, code })
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.code())
            }
        }
        impl utoipa::PartialSchema for $name {
            fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
                $crate::schema::string_schema(concat!("State of a ", $record), Some(vec![$($code),+]), None)
            }
        }
        impl utoipa::ToSchema for $name {}
        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result { f.write_str(self.label()) }
        }
    };
}
