//! OpenAPI schemas for values that travel as strings (codes, NHS numbers, UPNs).
//!
//! The derive would describe their Rust shape; over the wire they are checked strings.

use utoipa::openapi::schema::{ObjectBuilder, Schema, Type};
use utoipa::openapi::RefOr;

/// A string schema, optionally restricted to a list of codes.
pub fn string_schema(
    description: &str,
    codes: Option<Vec<&'static str>>,
    pattern: Option<&str>,
) -> RefOr<Schema> {
    let mut b = ObjectBuilder::new()
        .schema_type(Type::String)
        .description(Some(description));
    if let Some(c) = codes {
        b = b.enum_values(Some(c));
    }
    if let Some(p) = pattern {
        b = b.pattern(Some(p));
    }
    RefOr::T(Schema::Object(b.build()))
}

/// Implements `ToSchema` for a type that serialises as a string.
#[macro_export]
macro_rules! string_schema {
    ($t:ty, $desc:expr, $codes:expr, $pattern:expr) => {
        impl utoipa::PartialSchema for $t {
            fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
                $crate::schema::string_schema($desc, $codes, $pattern)
            }
        }
        impl utoipa::ToSchema for $t {}
    };
}
