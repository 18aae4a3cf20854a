//! The child in need planning meeting, and what every child in need meeting records: who came,
//! who chaired, and each person's agreement or disagreement.
//!
//! Seed 003 §1: "Child in Need Planning Meetings will follow an Assessment ... A Child in need Plan
//! will be completed within 7 days of the completion/review of the assessment"; "The relevant
//! social worker should discuss potential attendees for the Planning Meeting with the child and
//! the parents/carers prior to arrangements being made for the meeting"; "an appropriate venue
//! suitable for the child and his or her family"; "The first Planning Meeting will usually be
//! chaired by the social worker's line manager"; the note of the meeting "will be copied to those
//! involved, including the child and parent/s, who will need to sign their agreement".
//!
//! Seed 001: "Where needed, the first CIN meeting should be chaired by a team manager. All formal
//! meetings should be minuted"; "Child In Need meetings: these are regular multi-agency meetings
//! like Core Groups which meet at intervals of 4-8 weeks to monitor, effect change and implement
//! the plan"; "Where English is not the first language of one or more of the family members
//! attending, they should be asked if they want an interpreter" and a parent "identified as having
//! specific learning difficulties or mental health needs ... should be asked if they would like to
//! be supported by an advocate".

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::errors::ValidationErrors;
use crate::limits::{check_narrative, check_short};
use crate::uk_time::format_date;

/// Who chaired the meeting. Seed 001: the planning meeting "will generally be chaired by the
/// allocated social worker. Where there are difficult or contentious issues, they can ask for
/// support from a more senior team member or team manager to chair"; seed 003 §1: "The first
/// Planning Meeting will usually be chaired by the social worker's line manager".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ChairKind {
    TeamManager,
    SeniorPractitioner,
    AllocatedSocialWorker,
}

vocab!(ChairKind, "chair of a child in need meeting", [
    ChairKind::TeamManager => ("team-manager", "Team manager (the social worker's line manager)"),
    ChairKind::SeniorPractitioner => ("senior-practitioner", "A more senior member of the team"),
    ChairKind::AllocatedSocialWorker => ("allocated-social-worker", "The allocated social worker"),
]);

/// Who a person at the meeting is: seed 003 §1, "attended by the child (depending on age and
/// understanding), parents/carers and those agencies whose potential/actual contribution is
/// recommended".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum AttendeeKind {
    Child,
    ParentOrCarer,
    #[serde(rename = "professional")]
    Agency,
    FamilyOrFriend,
}

vocab!(AttendeeKind, "person at a child in need meeting", [
    AttendeeKind::Child => ("child", "The child"),
    AttendeeKind::ParentOrCarer => ("parent-or-carer", "Parent or carer"),
    AttendeeKind::Agency => ("professional", "A professional or agency"),
    AttendeeKind::FamilyOrFriend => ("family-or-friend", "Wider family or a friend of the family"),
]);

/// Whether they came.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Attendance {
    #[serde(rename = "present")]
    Attended,
    Apologies,
    DidNotAttend,
}

vocab!(Attendance, "attendance at a meeting", [
    Attendance::Attended => ("present", "Attended"),
    Attendance::Apologies => ("apologies", "Sent apologies"),
    Attendance::DidNotAttend => ("did-not-attend", "Did not attend"),
]);

/// Whether they agree with the plan. Seed 000 §6.5: the plan drawn up "in agreement with the
/// child's parents ... and their views and any disagreements recorded".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Agreement {
    Agrees,
    Disagrees,
    NotGiven,
}

vocab!(Agreement, "agreement with the plan", [
    Agreement::Agrees => ("agrees", "Agrees with the plan"),
    Agreement::Disagrees => ("disagrees", "Disagrees with the plan or part of it"),
    Agreement::NotGiven => ("not-given", "Did not say"),
]);

/// One person invited to the meeting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Attendee {
    pub name: String,
    /// Their role or agency ("Mother", "Class teacher, Oak Primary").
    pub role: String,
    pub kind: AttendeeKind,
    pub attendance: Attendance,
    pub agreement: Agreement,
    /// What they disagree with, or anything they want recorded.
    #[serde(default)]
    pub note: String,
}

/// An interpreter or an advocate: whether one is needed and whether one was offered (seed 001:
/// family members "should be asked if they want an interpreter", "asked if they would like to be
/// supported by an advocate").
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct SupportOffer {
    pub needed: bool,
    pub offered: bool,
    /// Why it was not offered when needed.
    #[serde(default)]
    pub why_not: String,
}

/// The planning meeting that develops the plan (seed 003 §2: "A Child in Need Plan will be
/// developed in a Child in Need Planning Meeting").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct PlanningMeeting {
    pub held_on: NaiveDate,
    /// Venue and time chosen with the family (seed 003 §1: "an appropriate venue suitable for the
    /// child and his or her family"; "outside of school time, wherever possible").
    pub venue_agreed_with_family: bool,
    /// Invitees discussed with the child and parents beforehand (seed 003 §1).
    pub invitees_agreed_with_family: bool,
    /// Why the venue or invitees were not agreed with the family.
    #[serde(default)]
    pub arrangements_note: String,
    pub chair: ChairKind,
    pub attendees: Vec<Attendee>,
    pub interpreter: SupportOffer,
    pub advocate: SupportOffer,
    /// The day the minutes went to those involved (seed 003 §1: "copied to those involved").
    pub minutes_circulated_on: Option<NaiveDate>,
}

/// How many people one meeting may list.
pub const MAX_ATTENDEES: usize = 60;

pub(super) fn check_attendees(e: &mut ValidationErrors, list: &[Attendee]) {
    if list.is_empty() {
        e.add(
            "attendees",
            "required",
            "Record who was invited: the child (depending on age and understanding), parents or carers and the agencies involved",
        );
    }
    if list.len() > MAX_ATTENDEES {
        e.add(
            "attendees",
            "too_many",
            format!("A meeting can list at most {MAX_ATTENDEES} people"),
        );
        return;
    }
    for (i, a) in list.iter().enumerate() {
        let n = i + 1;
        let f = |x: &str| format!("attendees[{n}].{x}");
        if a.name.trim().is_empty() {
            e.add(
                &f("name"),
                "required",
                format!("Person {n}: enter their name"),
            );
        }
        if a.role.trim().is_empty() {
            e.add(
                &f("role"),
                "required",
                format!("Person {n}: enter their role or agency"),
            );
        }
        if a.agreement == Agreement::Disagrees && a.note.trim().is_empty() {
            e.add(
                &f("note"),
                "disagreement_needs_note",
                format!("Person {n} disagrees: record what they disagree with and why"),
            );
        }
        check_short(e, &f("name"), &format!("Person {n}'s name"), &a.name);
        check_short(e, &f("role"), &format!("Person {n}'s role"), &a.role);
        check_narrative(e, &f("note"), &format!("Person {n}'s note"), &a.note);
    }
}

fn check_offer(e: &mut ValidationErrors, field: &str, what: &str, o: &SupportOffer) {
    if o.needed && !o.offered && o.why_not.trim().is_empty() {
        e.add(
            field,
            "support_not_offered",
            format!("{what} is needed: record that one was offered, or why not"),
        );
    }
    check_narrative(e, &format!("{field}.why_not"), "The reason", &o.why_not);
}

pub(super) fn check_date(
    e: &mut ValidationErrors,
    held_on: NaiveDate,
    earliest: NaiveDate,
    earliest_what: &str,
    today: NaiveDate,
) {
    if held_on > today {
        e.add(
            "held_on",
            "future_date",
            "The meeting cannot be in the future",
        );
    }
    if held_on < earliest {
        e.add(
            "held_on",
            "too_early",
            format!(
                "The meeting cannot be before {earliest_what} on {}",
                format_date(earliest)
            ),
        );
    }
}

/// Checks a planning meeting held after (or during) the assessment started on
/// `assessment_started_on` (seed 001: a plan "can sometimes be done by holding a Child In Need
/// planning meeting" when "a child and young person's assessment is in progress or has been
/// completed").
pub fn check_planning_meeting(
    m: &PlanningMeeting,
    assessment_started_on: NaiveDate,
    today: NaiveDate,
) -> Result<(), ValidationErrors> {
    let mut e = ValidationErrors::default();
    check_date(
        &mut e,
        m.held_on,
        assessment_started_on,
        "the assessment started",
        today,
    );
    if (!m.venue_agreed_with_family || !m.invitees_agreed_with_family)
        && m.arrangements_note.trim().is_empty()
    {
        e.add(
            "arrangements_note",
            "required",
            "The venue, time and who is invited are agreed with the family beforehand: record why they were not",
        );
    }
    check_narrative(
        &mut e,
        "arrangements_note",
        "The note on the arrangements",
        &m.arrangements_note,
    );
    check_attendees(&mut e, &m.attendees);
    check_offer(&mut e, "interpreter", "An interpreter", &m.interpreter);
    check_offer(&mut e, "advocate", "An advocate", &m.advocate);
    if let Some(c) = m.minutes_circulated_on {
        if c < m.held_on {
            e.add(
                "minutes_circulated_on",
                "before_meeting",
                format!(
                    "The minutes cannot go out before the meeting on {}",
                    format_date(m.held_on)
                ),
            );
        }
        if c > today {
            e.add(
                "minutes_circulated_on",
                "future_date",
                "The date the minutes went out cannot be in the future",
            );
        }
    }
    e.into_result(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn person(kind: AttendeeKind, agreement: Agreement) -> Attendee {
        Attendee {
            name: "Jo Smith".into(),
            role: "Mother".into(),
            kind,
            attendance: Attendance::Attended,
            agreement,
            note: String::new(),
        }
    }

    fn meeting() -> PlanningMeeting {
        PlanningMeeting {
            held_on: d(2026, 12, 7),
            venue_agreed_with_family: true,
            invitees_agreed_with_family: true,
            arrangements_note: String::new(),
            chair: ChairKind::TeamManager,
            attendees: vec![person(AttendeeKind::ParentOrCarer, Agreement::Agrees)],
            interpreter: SupportOffer::default(),
            advocate: SupportOffer::default(),
            minutes_circulated_on: Some(d(2026, 12, 8)),
        }
    }

    fn codes(e: &ValidationErrors) -> Vec<&'static str> {
        e.0.iter().map(|x| x.code).collect()
    }

    #[test]
    fn a_planning_meeting_falls_between_the_assessment_and_today() {
        // Seed 001: a plan is developed when an assessment "is in progress or has been completed".
        let started = d(2026, 11, 20);
        let today = d(2026, 12, 10);
        assert!(check_planning_meeting(&meeting(), started, today).is_ok());
        let on_the_day = PlanningMeeting {
            held_on: started,
            minutes_circulated_on: None,
            ..meeting()
        };
        assert!(check_planning_meeting(&on_the_day, started, today).is_ok());
        let early = PlanningMeeting {
            held_on: d(2026, 11, 19),
            minutes_circulated_on: None,
            ..meeting()
        };
        let e = check_planning_meeting(&early, started, today).unwrap_err();
        assert_eq!(codes(&e), ["too_early"]);
        assert!(e.0[0].message.contains("20 November 2026"));
        let future = PlanningMeeting {
            held_on: d(2026, 12, 11),
            minutes_circulated_on: None,
            ..meeting()
        };
        let e = check_planning_meeting(&future, started, today).unwrap_err();
        assert_eq!(codes(&e), ["future_date"]);
    }

    #[test]
    fn someone_is_invited_and_a_disagreement_is_explained() {
        // Seed 000 §6.5: "their views and any disagreements recorded".
        let (started, today) = (d(2026, 11, 20), d(2026, 12, 10));
        let empty = PlanningMeeting {
            attendees: vec![],
            ..meeting()
        };
        let e = check_planning_meeting(&empty, started, today).unwrap_err();
        assert_eq!(e.0[0].field, "attendees");
        let mut dad = person(AttendeeKind::ParentOrCarer, Agreement::Disagrees);
        let m = PlanningMeeting {
            attendees: vec![person(AttendeeKind::Child, Agreement::Agrees), dad.clone()],
            ..meeting()
        };
        let e = check_planning_meeting(&m, started, today).unwrap_err();
        assert_eq!(
            (e.0[0].field.as_str(), e.0[0].code),
            ("attendees[2].note", "disagreement_needs_note")
        );
        dad.note = "Does not accept the school attendance target".into();
        let m = PlanningMeeting {
            attendees: vec![dad],
            ..meeting()
        };
        assert!(check_planning_meeting(&m, started, today).is_ok());
    }

    #[test]
    fn a_needed_interpreter_is_offered_or_the_reason_recorded() {
        // Seed 001: "Where English is not the first language of one or more of the family
        // members attending, they should be asked if they want an interpreter."
        let (started, today) = (d(2026, 11, 20), d(2026, 12, 10));
        let needed = SupportOffer {
            needed: true,
            offered: false,
            why_not: String::new(),
        };
        let m = PlanningMeeting {
            interpreter: needed.clone(),
            ..meeting()
        };
        let e = check_planning_meeting(&m, started, today).unwrap_err();
        assert_eq!(
            (e.0[0].field.as_str(), e.0[0].code),
            ("interpreter", "support_not_offered")
        );
        let offered = PlanningMeeting {
            interpreter: SupportOffer {
                offered: true,
                ..needed.clone()
            },
            ..meeting()
        };
        assert!(check_planning_meeting(&offered, started, today).is_ok());
        // Seed 001: a parent with learning difficulties "should be asked if they would like to
        // be supported by an advocate".
        let declined = PlanningMeeting {
            advocate: SupportOffer {
                why_not: "Mother's sister supports her and she asked for no one else".into(),
                ..needed
            },
            ..meeting()
        };
        assert!(check_planning_meeting(&declined, started, today).is_ok());
    }

    #[test]
    fn arrangements_not_made_with_the_family_are_explained() {
        // Seed 003 §1: "The relevant social worker should discuss potential attendees for the
        // Planning Meeting with the child and the parents/carers prior to arrangements being made".
        let (started, today) = (d(2026, 11, 20), d(2026, 12, 10));
        let m = PlanningMeeting {
            invitees_agreed_with_family: false,
            ..meeting()
        };
        let e = check_planning_meeting(&m, started, today).unwrap_err();
        assert_eq!(e.0[0].field, "arrangements_note");
        let m = PlanningMeeting {
            arrangements_note: "Held the day after discharge from hospital; mother agreed by phone"
                .into(),
            ..m
        };
        assert!(check_planning_meeting(&m, started, today).is_ok());
    }

    #[test]
    fn minutes_go_out_after_the_meeting_and_not_in_the_future() {
        // Seed 001: "All formal meetings should be minuted."
        let (started, today) = (d(2026, 11, 20), d(2026, 12, 10));
        let m = PlanningMeeting {
            minutes_circulated_on: Some(d(2026, 12, 6)),
            ..meeting()
        };
        let e = check_planning_meeting(&m, started, today).unwrap_err();
        assert_eq!(codes(&e), ["before_meeting"]);
        let m = PlanningMeeting {
            minutes_circulated_on: Some(d(2026, 12, 11)),
            ..meeting()
        };
        assert_eq!(
            codes(&check_planning_meeting(&m, started, today).unwrap_err()),
            ["future_date"]
        );
    }
}

#[cfg(test)]
mod codes_agree {
    use super::*;

    /// The JSON API and the forms name each choice with the same code.
    #[test]
    fn serde_names_are_the_vocabulary_codes() {
        for k in AttendeeKind::ALL {
            assert_eq!(serde_json::to_value(k).unwrap(), k.code());
        }
        for a in Attendance::ALL {
            assert_eq!(serde_json::to_value(a).unwrap(), a.code());
        }
        for a in Agreement::ALL {
            assert_eq!(serde_json::to_value(a).unwrap(), a.code());
        }
        for c in ChairKind::ALL {
            assert_eq!(serde_json::to_value(c).unwrap(), c.code());
        }
    }
}
