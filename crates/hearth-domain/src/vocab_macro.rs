//! `vocab!`: codes and words for a closed vocabulary (kebab-case codes carried by the API, plain
//! English labels shown to people), with a parser whose error names the set and its codes.

macro_rules! vocab {
    ($ty:ty, $set:literal, [$($v:expr => ($code:literal, $label:literal)),+ $(,)?]) => {
        impl $ty {
            pub const ALL: &'static [$ty] = &[$($v),+];
            pub fn code(self) -> &'static str {
                #[allow(unreachable_patterns)]
                match self { $(x if x == $v => $code,)+ _ => unreachable!() }
            }
            pub fn text(self) -> &'static str {
                #[allow(unreachable_patterns)]
                match self { $(x if x == $v => $label,)+ _ => unreachable!() }
            }
            /// Parses a code, naming the set in the error.
            pub fn parse(code: &str) -> Result<Self, String> {
                let c = code.trim();
                Self::ALL.iter().copied().find(|v| v.code() == c).ok_or_else(|| {
                    format!("'{c}' is not a {} (use one of: {})", $set,
                        Self::ALL.iter().map(|v| v.code()).collect::<Vec<_>>().join(", "))
                })
            }
        }

        /// Reads a stored code back (the store's codec); an unknown code is corrupt data.
        impl TryFrom<String> for $ty {
            type Error = $crate::codes::UnknownCode;
            fn try_from(code: String) -> Result<Self, Self::Error> {
                Self::parse(&code).map_err(|_| $crate::codes::UnknownCode { set: $set, code })
            }
        }
    };
}
