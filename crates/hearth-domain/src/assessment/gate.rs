//! The completion gate (seed 001): before a manager authorises an assessment, each item of the
//! checklist is confirmed, or the manager records why it could not be met.

use serde::{Deserialize, Serialize};

use crate::errors::ValidationErrors;
use crate::limits::check_narrative;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum GateItem {
    ChildSeenAloneAndViews,
    AllChildrenSeen,
    HomeAndBedroomSeen,
    ParentsSeenAndViews,
    AgenciesConsulted,
    AnalysisComplete,
}

vocab!(GateItem, "checklist item", [
    GateItem::ChildSeenAloneAndViews => ("child-seen-alone-and-views", "The child was seen alone and their views are recorded"),
    GateItem::AllChildrenSeen => ("all-children-seen", "All children in the household were seen"),
    GateItem::HomeAndBedroomSeen => ("home-and-bedroom-seen", "The home and the child's bedroom were seen"),
    GateItem::ParentsSeenAndViews => ("parents-seen-and-views", "Parents and carers, including fathers, were seen and their views are recorded"),
    GateItem::AgenciesConsulted => ("agencies-consulted", "Relevant agencies were consulted"),
    GateItem::AnalysisComplete => ("analysis-complete", "The analysis is complete"),
]);

/// The manager's answer to one item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct GateAnswer {
    /// The item's code, e.g. `all-children-seen`.
    pub item: String,
    /// Confirmed as met.
    pub met: bool,
    /// Why it was not met; required when `met` is false.
    #[serde(default)]
    pub reason: String,
}

/// Checks the manager answered every item and gave a reason for each one not met.
pub fn check_gate(
    answers: &[GateAnswer],
) -> Result<Vec<(GateItem, bool, String)>, ValidationErrors> {
    let mut e = ValidationErrors::default();
    let mut out = Vec::new();
    for a in answers {
        match GateItem::parse(&a.item) {
            Ok(item) if out.iter().any(|(i, _, _)| *i == item) => e.add(
                &format!("gate.{}", item.code()),
                "duplicate",
                format!("'{}' is answered twice", item.text()),
            ),
            Ok(item) => {
                check_narrative(
                    &mut e,
                    &format!("gate.{}", item.code()),
                    "The reason",
                    a.reason.trim(),
                );
                out.push((item, a.met, a.reason.trim().to_string()));
            }
            Err(m) => e.add("gate", "unknown_code", m),
        }
    }
    for item in GateItem::ALL {
        let field = format!("gate.{}", item.code());
        match out.iter().find(|(i, _, _)| i == item) {
            None => e.add(
                &field,
                "required",
                format!("Confirm or explain: {}", item.text().to_lowercase()),
            ),
            Some((_, false, reason)) if reason.is_empty() => e.add(
                &field,
                "reason_required",
                format!(
                    "'{}' is not ticked: record why before authorising",
                    item.text()
                ),
            ),
            _ => {}
        }
    }
    out.sort_by_key(|(i, _, _)| GateItem::ALL.iter().position(|x| x == i));
    e.into_result(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(met: bool) -> Vec<GateAnswer> {
        GateItem::ALL
            .iter()
            .map(|i| GateAnswer {
                item: i.code().into(),
                met,
                reason: String::new(),
            })
            .collect()
    }

    #[test]
    fn every_item_met_passes() {
        assert_eq!(check_gate(&all(true)).unwrap().len(), 6);
    }

    #[test]
    fn an_unticked_item_needs_a_reason() {
        let mut a = all(true);
        a[1].met = false;
        let e = check_gate(&a).unwrap_err();
        assert_eq!(e.0.len(), 1);
        assert_eq!(e.0[0].field, "gate.all-children-seen");
        assert_eq!(e.0[0].code, "reason_required");
        a[1].reason = "The older brother was staying with his grandmother out of area".into();
        assert!(check_gate(&a).is_ok());
    }

    #[test]
    fn a_reason_has_a_limit() {
        let mut a = all(true);
        a[0].met = false;
        a[0].reason = "r".repeat(20_001);
        let e = check_gate(&a).unwrap_err();
        assert_eq!(e.0.len(), 1);
        assert_eq!(e.0[0].field, "gate.child-seen-alone-and-views");
        assert_eq!(
            e.0[0].message,
            "The reason must be 20000 characters or fewer"
        );
    }

    #[test]
    fn missing_items_are_named() {
        let e = check_gate(&all(true)[..4]).unwrap_err();
        assert_eq!(e.0.len(), 2);
        assert!(e.0.iter().all(|x| x.code == "required"));
    }
}
