//! Reading the child in need plan page's forms into the domain's records: dates, chosen codes,
//! the people at a meeting, and the plan itself (its outcomes and actions as the shared versions
//! form names them).

use chrono::NaiveDate;
use hearth_app::casework::plan_versions::content_of;
use hearth_app::AppError;
use hearth_domain::cin::meeting::{Agreement, Attendance, Attendee, AttendeeKind};
use hearth_domain::cin::plan::{CinPlan, IdentifiedNeed, LeadProfessional};
use hearth_domain::cin::visits::VisitFrequency;
use hearth_domain::errors::ValidationErrors;
use hearth_domain::person::parse_date;

use crate::forms::FormData;
use crate::pages::cin::plan_page::{ATTENDEE_ROWS, NEED_ROWS};
use crate::pages::plan_versions::{input_of, to_page_fields};

/// A required date as typed, or its error.
pub(crate) fn date(
    d: &FormData,
    name: &str,
    label: &str,
    e: &mut ValidationErrors,
) -> Option<NaiveDate> {
    let v = d.date(name).unwrap_or_default();
    if v.is_empty() {
        e.add(name, "required", format!("Enter {}", label.to_lowercase()));
        return None;
    }
    parse_date(name, label, &v, e)
}

pub(crate) fn optional_date(
    d: &FormData,
    name: &str,
    label: &str,
    e: &mut ValidationErrors,
) -> Option<NaiveDate> {
    d.date(name).and_then(|v| parse_date(name, label, &v, e))
}

/// A code chosen from a list, or its error.
pub(crate) fn code<T>(
    d: &FormData,
    name: &str,
    what: &str,
    parse: impl Fn(&str) -> Result<T, String>,
    e: &mut ValidationErrors,
) -> Option<T> {
    let v = d.get(name).trim();
    if v.is_empty() {
        e.add(name, "required", format!("Choose {what}"));
        return None;
    }
    parse(v).map_err(|m| e.add(name, "unknown_code", m)).ok()
}

pub(crate) fn lines(v: &str) -> Vec<String> {
    v.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(String::from)
        .collect()
}

pub(crate) fn attendees(d: &FormData, e: &mut ValidationErrors) -> Vec<Attendee> {
    (1..=ATTENDEE_ROWS)
        .filter(|n| !d.get(&format!("p{n}.name")).trim().is_empty())
        .filter_map(|n| {
            let f = |x: &str| format!("p{n}.{x}");
            let kind = code(d, &f("kind"), "who they are", AttendeeKind::parse, e);
            let attendance = code(
                d,
                &f("attendance"),
                "their attendance",
                Attendance::parse,
                e,
            );
            let agreement = code(d, &f("agreement"), "their agreement", Agreement::parse, e);
            Some(Attendee {
                name: d.get(&f("name")).trim().into(),
                role: d.get(&f("role")).trim().into(),
                kind: kind?,
                attendance: attendance?,
                agreement: agreement?,
                note: d.get(&f("note")).trim().into(),
            })
        })
        .collect()
}

pub(crate) fn plan_of(d: &FormData, e: &mut ValidationErrors) -> Option<CinPlan> {
    let (versions, o_place, a_place) = input_of(d);
    let mut ce = ValidationErrors::default();
    let content = content_of(&versions, &mut ce);
    if let AppError::Validation(x) = to_page_fields(AppError::Validation(ce), &o_place, &a_place) {
        e.0.extend(x.0);
    }
    let weeks = d.get("visit_weeks").trim().parse::<u32>().ok();
    let visit_frequency = match d.get("visit_kind") {
        "stated" => VisitFrequency::Stated {
            every_weeks: weeks.unwrap_or(0),
        },
        "stable-package" => VisitFrequency::StablePackageOfCare {
            every_weeks: weeks.unwrap_or(0),
            why: d.get("visit_why").trim().into(),
        },
        _ => VisitFrequency::ProtocolDefault,
    };
    let long = d.get("long_term_support").trim();
    Some(CinPlan {
        purpose: d.get("purpose").trim().into(),
        needs: (1..=NEED_ROWS)
            .filter(|n| {
                !d.get(&format!("n{n}.need")).trim().is_empty()
                    || !d.get(&format!("n{n}.services")).trim().is_empty()
            })
            .map(|n| IdentifiedNeed {
                need: d.get(&format!("n{n}.need")).trim().into(),
                services: d.get(&format!("n{n}.services")).trim().into(),
            })
            .collect(),
        content,
        family_agrees_to: d.get("family_agrees_to").trim().into(),
        lead_professional: LeadProfessional {
            name: d.get("lead_name").trim().into(),
            role: d.get("lead_role").trim().into(),
            duties: d.get("lead_duties").trim().into(),
        },
        visit_frequency,
        contingency: d.get("contingency").trim().into(),
        review_points: d.get("review_points").trim().into(),
        circulation: lines(d.get("circulation")),
        long_term_support: (!long.is_empty()).then(|| long.to_string()),
    })
}
