//! The result types the web layer returns as JSON carry OpenAPI schemas that match their JSON.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use hearth_domain::calendar::NonWorkingDay;
use hearth_domain::clock::{ClockStatus, Due};
use hearth_domain::protocol::{ProtocolError, Timescale};
use utoipa::PartialSchema;

fn schema_json<T: PartialSchema>() -> String {
    serde_json::to_string(&T::schema()).unwrap()
}

#[test]
fn result_types_have_schemas_naming_their_fields() {
    let due = schema_json::<Due>();
    for field in [
        "kind",
        "anchor",
        "timescale",
        "direction",
        "date",
        "explanation",
        "protocol_name",
        "protocol_version",
    ] {
        assert!(due.contains(&format!("\"{field}\"")), "{field} in {due}");
    }
    assert!(schema_json::<Timescale>().contains("working_days"));
    assert!(schema_json::<ClockStatus>().contains("met-late"));
    assert!(schema_json::<NonWorkingDay>().contains("\"name\""));
    assert!(schema_json::<ProtocolError>().contains("\"column\""));
}

#[test]
fn timescale_json_matches_its_schema_tags() {
    let json = serde_json::to_string(&Timescale::WorkingDays(15)).unwrap();
    assert_eq!(json, r#"{"unit":"working_days","n":15}"#);
    let status = serde_json::to_string(&ClockStatus::MetLate { reason: None }).unwrap();
    assert_eq!(status, r#"{"state":"met-late","reason":null}"#);
}
