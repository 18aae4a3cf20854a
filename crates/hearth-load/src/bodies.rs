//! The JSON bodies the load sends: contacts, their outcome, referral decisions, opening an
//! assessment, section autosaves and person edits (a read record turned back into the input the
//! update takes), plus the current time as RFC 3339 without a date library.

use std::time::{SystemTime, UNIX_EPOCH};

use serde_json::{json, Map, Value};

/// The assessment sections in the order autosaves cycle through them, with one field each.
pub const SECTIONS: [(&str, &str); 5] = [
    ("plan", "who_will_be_seen"),
    ("child-development", "health.strengths"),
    ("parenting-capacity", "basic-care.concerns"),
    ("family-environment", "housing.strengths"),
    ("analysis", "analysis"),
];

/// Now in UTC as `YYYY-MM-DDTHH:MM:SSZ` (never ahead of UK time, so never "in the future").
pub fn now_rfc3339() -> String {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let (days, rem) = ((secs / 86_400) as i64, secs % 86_400);
    // Howard Hinnant's days-to-civil.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rem / 3_600,
        rem % 3_600 / 60,
        rem % 60
    )
}

/// A police notification about one child, as the front door records it.
pub fn contact(child: &str) -> Value {
    json!({
        "received_at": now_rfc3339(),
        "source": "5A",
        "method": "police-notification",
        "contact_name": "Load Test Officer",
        "contact_agency": "Exampleton Police",
        "contact_details": "01632 960 999",
        "summary": "Domestic abuse incident at the family home; the child was present",
        "urgency": "urgent",
        "children": [child],
        "consent": "not-sought",
        "consent_why": "Police notification",
    })
}

/// The contact becomes a referral.
pub fn becomes_referral(version: i64) -> Value {
    json!({
        "version": version,
        "outcomes": ["becomes-referral"],
        "notes": "Threshold for a referral met",
    })
}

/// The decision the timed flow makes: no further action (it creates no further work).
pub fn decide_no_further_action(version: i64) -> Value {
    json!({
        "version": version,
        "outcomes": ["no-further-action"],
        "threshold": "concerns",
        "rationale": "Single incident; the family accepted advice and the school will monitor",
        "feedback_to_referrer": "No further action by children's social care; advice given.",
    })
}

/// The decision setup makes, so that an assessment can be opened from it.
pub fn decide_assessment(version: i64) -> Value {
    json!({
        "version": version,
        "outcomes": ["assessment"],
        "threshold": "moderate",
        "rationale": "Second incident this year; the child's needs should be assessed",
        "primary_need": "N1",
        "feedback_to_referrer": "A child and family assessment will start.",
    })
}

pub fn open_assessment(person: &str, referral: &str) -> Value {
    json!({"person_id": person, "origin": "referral-decision", "referral_id": referral})
}

/// The body of the `n`th autosave of section `i` (a paragraph, as a draft grows).
pub fn section(i: usize, n: u64, client: usize) -> (&'static str, Value) {
    let (section, field) = SECTIONS[i % SECTIONS.len()];
    let text = format!(
        "Draft {n} by load client {client}. Seen at home with mother; the child spoke about school \
         and friends, and said they feel safe with their mother but worry when her partner \
         shouts. The home was warm and clean; the child shares a bedroom with a younger sibling."
    );
    let mut body = Map::new();
    body.insert(field.to_string(), Value::String(text));
    (section, Value::Object(body))
}

/// The update input for a person read with `GET /api/v1/people/{id}` (`record.person.details`),
/// with its communication needs changed to say which edit this is.
pub fn person_edit(details: &Value, n: u64) -> Value {
    let mut input = Map::new();
    for k in [
        "kind",
        "given_names",
        "family_name",
        "aliases",
        "sex",
        "gender_identity",
        "ethnicity",
        "first_language",
        "interpreter_required",
        "disabilities",
        "nhs_number",
        "upn",
        "telephone",
    ] {
        if let Some(v) = details.get(k) {
            input.insert(k.to_string(), v.clone());
        }
    }
    for k in ["date_of_birth", "expected_date_of_delivery"] {
        if let Some(v) = details["birth"].get(k) {
            input.insert(k.to_string(), v.clone());
        }
    }
    input.insert(
        "communication_needs".into(),
        Value::String(format!(
            "Prefers short sentences and time to answer (edit {n})"
        )),
    );
    Value::Object(input)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn now_is_a_plausible_timestamp() {
        let s = now_rfc3339();
        assert_eq!(s.len(), 20);
        assert!(s.starts_with("20"));
        assert!(s.ends_with('Z'));
    }

    #[test]
    fn a_read_person_becomes_an_update_input() {
        let details = json!({
            "kind": "child", "given_names": "Adam", "family_name": "Smith", "aliases": [],
            "birth": {"status": "born", "date_of_birth": "2012-12-04"}, "sex": "1",
            "gender_identity": null, "ethnicity": "BCRB", "first_language": "English",
            "communication_needs": null, "interpreter_required": false, "disabilities": ["NONE"],
            "nhs_number": "6960541468", "upn": "E999437319309", "telephone": null
        });
        let input = person_edit(&details, 3);
        assert_eq!(input["date_of_birth"], "2012-12-04");
        assert!(input.get("birth").is_none());
        assert!(input.get("status").is_none());
        assert_eq!(
            input["communication_needs"],
            "Prefers short sentences and time to answer (edit 3)"
        );
    }
}
