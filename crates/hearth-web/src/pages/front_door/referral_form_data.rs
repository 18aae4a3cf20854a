//! The referral form's page fields and its JSON body, both ways: the JSON keys name the fields,
//! each further child's fields are `other_children[i].<key>`, and dates are typed as GOV.UK
//! date inputs (`<key>-day`, `-month`, `-year`) but kept in the body as one `YYYY-MM-DD` text,
//! so a draft keeps whatever was typed, even half a date.

use hearth_domain::front_door::form_child::FormChild;
use hearth_domain::front_door::referral_form::ReferralForm;

use crate::forms::FormData;

/// The form's fields typed as date inputs.
pub const DATE_FIELDS: [&str; 2] = ["child_date_of_birth", "child_expected_date_of_delivery"];

/// Most further-child indexes read from one post (the domain refuses more than its limit
/// with a message; this only stops a forged post from allocating without bound).
const MOST_INDEXES: usize = 64;

/// Where the error summary links for a field: a date's day box, or the field itself.
pub fn anchor(field: &str) -> String {
    let id = crate::forms::field_id(field);
    if DATE_FIELDS.iter().any(|d| field.ends_with(d)) {
        format!("{id}-day")
    } else {
        id
    }
}

/// The three boxes as one text: `YYYY-MM-DD` with one-digit days and months padded, a blank
/// part left blank, and nothing at all when every box is blank.
fn joined_date(d: &FormData, name: &str) -> String {
    let part = |p: &str| d.get(&format!("{name}-{p}")).trim().to_string();
    let (day, month, year) = (part("day"), part("month"), part("year"));
    if day.is_empty() && month.is_empty() && year.is_empty() {
        return String::new();
    }
    let pad = |s: String| if s.len() == 1 { format!("0{s}") } else { s };
    format!("{year}-{}-{}", pad(month), pad(day))
}

/// A stored date text back into its three boxes (a text that is not three parts goes whole
/// into the year box, so nothing typed is lost).
fn split_date(d: &mut FormData, name: &str, text: &str) {
    if text.is_empty() {
        return;
    }
    let parts: Vec<&str> = text.splitn(3, '-').collect();
    let unpad = |s: &str| {
        let t = s.trim_start_matches('0');
        if t.is_empty() && !s.is_empty() {
            "0".to_string()
        } else {
            t.to_string()
        }
    };
    let (year, month, day) = match parts.as_slice() {
        [y, m, dd] => (y.to_string(), unpad(m), unpad(dd)),
        _ => (text.to_string(), String::new(), String::new()),
    };
    d.set(&format!("{name}-day"), day);
    d.set(&format!("{name}-month"), month);
    d.set(&format!("{name}-year"), year);
}

fn put_fields(d: &mut FormData, prefix: &str, value: serde_json::Value) {
    let serde_json::Value::Object(m) = value else {
        return;
    };
    for (k, v) in m {
        let name = format!("{prefix}{k}");
        match v {
            serde_json::Value::String(s) if DATE_FIELDS.contains(&k.as_str()) => {
                split_date(d, &name, &s);
            }
            serde_json::Value::String(s) => d.set(&name, s),
            serde_json::Value::Bool(true) => d.set(&name, "true"),
            serde_json::Value::Array(items) => {
                for (i, item) in items.into_iter().enumerate() {
                    put_fields(d, &format!("{name}[{i}]."), item);
                }
            }
            _ => {}
        }
    }
}

/// The page's fields for a stored form.
pub fn to_form_data(f: &ReferralForm) -> FormData {
    let mut d = FormData::default();
    put_fields(&mut d, "", serde_json::to_value(f).unwrap_or_default());
    d
}

/// The text fields of `template` (a default value of the type) read from the page under `prefix`.
fn read_fields(d: &FormData, prefix: &str, template: serde_json::Value) -> serde_json::Value {
    let mut m = serde_json::Map::new();
    if let serde_json::Value::Object(keys) = template {
        for (k, v) in keys {
            let name = format!("{prefix}{k}");
            let val = match v {
                serde_json::Value::Bool(_) => serde_json::Value::Bool(d.checked(&name)),
                serde_json::Value::String(_) if DATE_FIELDS.contains(&k.as_str()) => {
                    serde_json::Value::String(joined_date(d, &name))
                }
                serde_json::Value::String(_) => serde_json::Value::String(d.get(&name).to_string()),
                // Lists are read on their own (`other_children`).
                _ => continue,
            };
            m.insert(k, val);
        }
    }
    serde_json::Value::Object(m)
}

/// The indexes of the further children the page posted, in order.
fn child_indexes(d: &FormData) -> Vec<usize> {
    let mut found: Vec<usize> =
        d.0.iter()
            .filter_map(|(k, _)| {
                let rest = k.strip_prefix("other_children[")?;
                rest.split_once(']')?.0.parse().ok()
            })
            .collect();
    found.sort_unstable();
    found.dedup();
    found.truncate(MOST_INDEXES);
    found
}

/// The form as the page posted it.
pub fn from_form_data(d: &FormData) -> ReferralForm {
    let template = serde_json::to_value(ReferralForm::default()).unwrap_or_default();
    let mut form: ReferralForm =
        serde_json::from_value(read_fields(d, "", template)).unwrap_or_default();
    let child_template = serde_json::to_value(FormChild::default()).unwrap_or_default();
    form.other_children = child_indexes(d)
        .into_iter()
        .map(|i| {
            let v = read_fields(d, &format!("other_children[{i}]."), child_template.clone());
            serde_json::from_value(v).unwrap_or_default()
        })
        .collect();
    form
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn a_form_with_further_children_round_trips_through_the_page() {
        let form = ReferralForm {
            child_given_names: "Jo".into(),
            child_date_of_birth: "2018-03-04".into(),
            immediate_risk: true,
            other_children: vec![
                FormChild {
                    child_given_names: "Sam".into(),
                    child_date_of_birth: "2020--".into(),
                    ..Default::default()
                },
                FormChild {
                    child_expected_date_of_delivery: "2027-02-14".into(),
                    ..Default::default()
                },
            ],
            ..Default::default()
        };
        let d = to_form_data(&form);
        assert_eq!(d.get("child_date_of_birth-day"), "4");
        assert_eq!(d.get("child_date_of_birth-month"), "3");
        assert_eq!(d.get("child_date_of_birth-year"), "2018");
        assert_eq!(d.get("other_children[0].child_given_names"), "Sam");
        assert_eq!(d.get("other_children[0].child_date_of_birth-year"), "2020");
        assert_eq!(
            d.get("other_children[1].child_expected_date_of_delivery-day"),
            "14"
        );
        assert_eq!(from_form_data(&d), form);
    }

    #[test]
    fn typed_dates_become_iso_text_and_half_dates_are_kept() {
        let mut d = FormData::default();
        d.set("child_date_of_birth-day", "4");
        d.set("child_date_of_birth-month", "3");
        d.set("child_date_of_birth-year", "2018");
        d.set("other_children[3].child_date_of_birth-year", "2020");
        let f = from_form_data(&d);
        assert_eq!(f.child_date_of_birth, "2018-03-04");
        assert_eq!(f.child_expected_date_of_delivery, "");
        assert_eq!(f.other_children.len(), 1);
        assert_eq!(f.other_children[0].child_date_of_birth, "2020--");
        assert_eq!(
            anchor("other_children[0].child_date_of_birth"),
            "other_children-0-child_date_of_birth-day"
        );
        assert_eq!(anchor("referrer_name"), "referrer_name");
    }
}
