//! The reader and writer: a return written then read back is the same, element for element; faults
//! name the child and the element; nothing panics on hostile input.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::NaiveDate;
use hearth_census::read::{validate_reader, Reader};
use hearth_census::write::Writer;
use hearth_census::{Assessment, Child, CinPlan, CpPlan, Episode, Header, Section47};

fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, day)
}

fn header() -> Header {
    Header {
        collection: Some("CIN".into()),
        year: Some("2026".into()),
        reference_date: d(2026, 3, 31),
        source_level: Some("L".into()),
        lea: Some("201".into()),
        software_code: Some("Hearth".into()),
        release: Some("0.1.0".into()),
        serial_no: Some("1".into()),
        date_time: Some("2026-04-02T09:00:00".into()),
    }
}

fn child() -> Child {
    Child {
        la_child_id: Some("HC0000001".into()),
        upn: Some("A123456789012".into()),
        birth_date: d(2015, 6, 1),
        sex: Some("F".into()),
        has_characteristics: true,
        ethnicity: Some("WBRI".into()),
        disabilities: vec!["NONE".into()],
        episodes: vec![Episode {
            referral_date: d(2025, 5, 1),
            referral_source: Some("2A".into()),
            primary_need: Some("N1".into()),
            referral_nfa: Some("0".into()),
            assessments: vec![Assessment {
                start: d(2025, 5, 2),
                authorisation: d(2025, 6, 20),
                factors: vec!["3A".into(), "4B".into()],
                ..Default::default()
            }],
            cin_plans: vec![CinPlan {
                start: d(2025, 6, 27),
                end: d(2025, 7, 10),
                key: None,
            }],
            section47s: vec![Section47 {
                start: d(2025, 7, 1),
                icpc_target: d(2025, 7, 22),
                date_of_initial_cpc: d(2025, 7, 10),
                icpc_not_required: Some("0".into()),
                key: None,
            }],
            cp_plans: vec![CpPlan {
                start: d(2025, 7, 10),
                initial_category: Some("NEG".into()),
                latest_category: Some("NEG".into()),
                previous_plans: Some("0".into()),
                reviews: vec![d(2025, 10, 9), d(2026, 3, 26)],
                ..Default::default()
            }],
            ..Default::default()
        }],
        ..Default::default()
    }
}

#[test]
fn a_return_written_then_read_is_the_same_element_for_element() {
    let mut w = Writer::new(Vec::new(), &header()).unwrap();
    w.child(&child()).unwrap();
    let mut second = child();
    second.la_child_id = Some("HC0000002".into());
    second.episodes.clear();
    w.child(&second).unwrap();
    let (bytes, n) = w.finish().unwrap();
    assert_eq!(n, 2);
    let mut r = Reader::new(bytes.as_slice()).unwrap();
    assert_eq!(r.header(), &header());
    assert_eq!(r.next_child().unwrap(), Some(child()));
    assert_eq!(r.next_child().unwrap(), Some(second));
    assert_eq!(r.next_child().unwrap(), None);
    assert!(r.problems.is_empty());
}

#[test]
fn every_review_date_in_one_reviews_block_is_read() {
    let xml = br#"<Message><Header/><Children><Child><ChildIdentifiers><LAchildID>X1</LAchildID></ChildIdentifiers>
      <CINdetails><ChildProtectionPlans><CPPstartDate>2025-07-10</CPPstartDate>
      <Reviews><CPPreviewDate>2025-10-09</CPPreviewDate><CPPreviewDate>2026-03-26</CPPreviewDate></Reviews>
      <Reviews><CPPreviewDate/></Reviews></ChildProtectionPlans></CINdetails></Child></Children></Message>"#;
    let mut r = Reader::new(&xml[..]).unwrap();
    let c = r.next_child().unwrap().unwrap();
    assert_eq!(
        c.episodes[0].cp_plans[0].reviews,
        vec![d(2025, 10, 9), d(2026, 3, 26), None]
    );
}

#[test]
fn malformed_xml_names_the_child_and_the_element() {
    let xml = br#"<Message><Header/><Children><Child><ChildIdentifiers><LAchildID>X1</LAchildID></ChildIdentifiers>
      <CINdetails><CINreferralDate>2025-05-01</CINreferralDate></Assessments></CINdetails></Child></Children></Message>"#;
    let mut r = Reader::new(&xml[..]).unwrap();
    let e = r.next_child().unwrap_err();
    assert_eq!(e.child.as_deref(), Some("X1"));
    assert!(e.element.ends_with("Child/CINdetails"), "{e}");
    assert!(e.message.contains("not well formed"), "{e}");
}

#[test]
fn a_wrong_root_or_namespace_is_refused_by_name() {
    let e = Reader::new(&b"<Return><Header/></Return>"[..])
        .err()
        .unwrap();
    assert!(e.message.contains("<Return>"), "{e}");
    let e = Reader::new(&br#"<Message xmlns="urn:other"><Header/></Message>"#[..])
        .err()
        .unwrap();
    assert!(e.message.contains("urn:other"), "{e}");
    let e = Reader::new(&b"not xml at all"[..]).err().unwrap();
    assert_eq!(e.child, None);
    let e = Reader::new(&b""[..]).err().unwrap();
    assert!(e.message.contains("ends before"), "{e}");
}

#[test]
fn a_date_that_does_not_parse_is_a_problem_naming_child_and_element() {
    let xml = br#"<Message><Header><CollectionDetails><ReferenceDate>2026-03-31</ReferenceDate></CollectionDetails></Header>
      <Children><Child><ChildIdentifiers><LAchildID>X9</LAchildID><PersonBirthDate>31st June</PersonBirthDate></ChildIdentifiers></Child></Children></Message>"#;
    let report = validate_reader(&xml[..], None).unwrap();
    assert_eq!(report.problems.len(), 1);
    let p = &report.problems[0];
    assert_eq!(p.child.as_deref(), Some("X9"));
    assert!(
        p.element.ends_with("ChildIdentifiers/PersonBirthDate"),
        "{p}"
    );
    assert_eq!(p.value, "31st June");
    assert!(report.has_errors());
}

#[test]
fn an_unknown_reference_date_names_the_rulesets_hearth_has() {
    let xml = br#"<Message><Header><CollectionDetails><ReferenceDate>2019-03-31</ReferenceDate></CollectionDetails></Header><Children/></Message>"#;
    let e = validate_reader(&xml[..], None).unwrap_err();
    assert!(e.message.contains("cin2025_26"), "{e}");
}

#[test]
fn truncated_and_garbage_input_never_panics() {
    let mut full = Vec::new();
    let mut w = Writer::new(&mut full, &header()).unwrap();
    w.child(&child()).unwrap();
    w.finish().unwrap();
    for cut in (0..full.len()).step_by(7) {
        let part = &full[..cut];
        if let Ok(mut r) = Reader::new(part) {
            while let Ok(Some(_)) = r.next_child() {}
        }
    }
}

#[test]
fn a_wrong_reference_date_is_rule_100_under_the_year_s_ruleset() {
    // Rule 100: "Reference Date is incorrect" — the header says 2026, so 31 March 2026 is due.
    let xml = br#"<Message><Header><CollectionDetails><Collection>CIN</Collection><Year>2026</Year><ReferenceDate>2026-03-30</ReferenceDate></CollectionDetails></Header><Children/></Message>"#;
    let report = validate_reader(&xml[..], None).unwrap();
    assert_eq!(report.ruleset.name(), "cin2025_26");
    assert!(
        report.issues.iter().any(|i| i.code == "100"),
        "{:?}",
        report.issues
    );
}
