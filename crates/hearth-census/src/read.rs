//! Streaming reader of a census XML file: the header first, then one child at a time, so memory
//! stays bounded whatever the return's size. A structural fault (malformed XML, the wrong root or
//! namespace, a missing header) is a [`ReadError`] naming the child and the element where reading
//! stopped; a value that cannot be read (a date that does not parse) is a [`ReadProblem`] naming the
//! child and the element, and reading goes on with the value left out.

use std::io::BufRead;

use chrono::NaiveDate;
use quick_xml::events::Event;
use serde::Serialize;

use crate::model::{Assessment, Child, CinPlan, CpPlan, Episode, Header, Section47};
use crate::rules::Ruleset;
use crate::validate::{Report, Validator};

/// Why a file could not be read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[error("{message} (child {}, element {element}, byte {position})", child.as_deref().unwrap_or("none"))]
pub struct ReadError {
    /// The `LAchildID` of the child being read, when known.
    pub child: Option<String>,
    /// The element path where reading stopped, e.g. `Message/Children/Child/CINdetails`.
    pub element: String,
    /// Byte offset in the file.
    pub position: u64,
    pub message: String,
}

/// A value left out because it could not be read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReadProblem {
    /// The `LAchildID` of the child, when known.
    pub child: Option<String>,
    pub element: String,
    pub value: String,
    pub message: String,
}

impl std::fmt::Display for ReadProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} (child {}, element {})",
            self.message,
            self.child.as_deref().unwrap_or("none"),
            self.element
        )
    }
}

/// Reads a census return as it streams.
pub struct Reader<R: BufRead> {
    xml: quick_xml::Reader<R>,
    buf: Vec<u8>,
    path: Vec<String>,
    text: String,
    header: Header,
    done: bool,
    /// Values left out so far.
    pub problems: Vec<ReadProblem>,
}

fn parse_date(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(s, "%d/%m/%Y"))
        .ok()
}

impl<R: BufRead> Reader<R> {
    /// Opens a return and reads its header (up to `<Children>`).
    pub fn new(source: R) -> Result<Self, ReadError> {
        let mut xml = quick_xml::Reader::from_reader(source);
        xml.config_mut().trim_text(true);
        let mut r = Reader {
            xml,
            buf: Vec::with_capacity(4096),
            path: Vec::with_capacity(8),
            text: String::new(),
            header: Header::default(),
            done: false,
            problems: Vec::new(),
        };
        r.read_header()?;
        Ok(r)
    }

    /// The return's header.
    pub fn header(&self) -> &Header {
        &self.header
    }

    fn error(&self, child: Option<&Child>, message: impl Into<String>) -> ReadError {
        ReadError {
            child: child.and_then(|c| c.la_child_id.clone()),
            element: if self.path.is_empty() {
                "(document)".to_string()
            } else {
                self.path.join("/")
            },
            position: self.xml.buffer_position(),
            message: message.into(),
        }
    }

    fn read_header(&mut self) -> Result<(), ReadError> {
        loop {
            self.buf.clear();
            let ev = self.xml.read_event_into(&mut self.buf);
            match ev {
                Err(e) => return Err(self.error(None, format!("the XML is not well formed: {e}"))),
                Ok(Event::Start(s)) => {
                    let name = String::from_utf8_lossy(s.local_name().as_ref()).into_owned();
                    if self.path.is_empty() {
                        if name != "Message" {
                            return Err(self.error(
                                None,
                                format!("the root element is <{name}>, not <Message>"),
                            ));
                        }
                        for a in s.attributes().flatten() {
                            let key = a.key.as_ref();
                            if key == b"xmlns" && !a.value.is_empty() {
                                let ns = String::from_utf8_lossy(&a.value).into_owned();
                                return Err(self.error(
                                    None,
                                    format!("the return is in namespace {ns:?}; the CIN census has none"),
                                ));
                            }
                        }
                        if s.name().prefix().is_some() {
                            return Err(self.error(
                                None,
                                "the root element has a namespace prefix; the CIN census has none",
                            ));
                        }
                    }
                    self.path.push(name);
                    self.text.clear();
                    if self.path.len() == 2 && self.path[1] == "Children" {
                        return Ok(());
                    }
                }
                Ok(Event::Empty(s)) => {
                    let name = String::from_utf8_lossy(s.local_name().as_ref()).into_owned();
                    if self.path.is_empty() {
                        return Err(
                            self.error(None, format!("the root element is an empty <{name}>"))
                        );
                    }
                    if self.path.len() == 1 && name == "Children" {
                        self.done = true;
                        return Ok(());
                    }
                }
                Ok(Event::Text(t)) => {
                    if let Err(m) = push_text(&mut self.text, &t) {
                        return Err(self.error(None, m));
                    }
                }
                Ok(Event::CData(t)) => self.text.push_str(&String::from_utf8_lossy(&t)),
                Ok(Event::End(_)) => {
                    let name = self.path.pop().unwrap_or_default();
                    let value = std::mem::take(&mut self.text);
                    self.header_value(&name, value.trim());
                }
                Ok(Event::Eof) => {
                    return Err(self.error(None, "the file ends before <Children>"));
                }
                Ok(_) => {}
            }
        }
    }

    fn header_value(&mut self, name: &str, v: &str) {
        let some = || (!v.is_empty()).then(|| v.to_string());
        let h = &mut self.header;
        match name {
            "Collection" => h.collection = some(),
            "Year" => h.year = some(),
            "ReferenceDate" => {
                h.reference_date = parse_date(v);
                if h.reference_date.is_none() && !v.is_empty() {
                    self.problems.push(ReadProblem {
                        child: None,
                        element: "Header/CollectionDetails/ReferenceDate".into(),
                        value: v.to_string(),
                        message: "the date does not parse (expected YYYY-MM-DD)".into(),
                    });
                }
            }
            "SourceLevel" => h.source_level = some(),
            "LEA" => h.lea = some(),
            "SoftwareCode" => h.software_code = some(),
            "Release" => h.release = some(),
            "SerialNo" => h.serial_no = some(),
            "DateTime" => h.date_time = some(),
            _ => {}
        }
    }

    /// The next child, or `None` after the last.
    pub fn next_child(&mut self) -> Result<Option<Child>, ReadError> {
        if self.done {
            return Ok(None);
        }
        let mut child: Option<Child> = None;
        loop {
            self.buf.clear();
            let ev = self.xml.read_event_into(&mut self.buf);
            match ev {
                Err(e) => {
                    return Err(
                        self.error(child.as_ref(), format!("the XML is not well formed: {e}"))
                    )
                }
                Ok(Event::Start(s)) => {
                    let name = String::from_utf8_lossy(s.local_name().as_ref()).into_owned();
                    self.text.clear();
                    if self.path.len() == 2 {
                        if name != "Child" {
                            return Err(
                                self.error(None, format!("<Children> holds <{name}>, not <Child>"))
                            );
                        }
                        child = Some(Child::default());
                    } else if let Some(c) = child.as_mut() {
                        open_container(c, &name, self.path.last().map(String::as_str));
                        if name == "ChildCharacteristics" {
                            c.has_characteristics = true;
                        }
                    }
                    self.path.push(name);
                }
                Ok(Event::Empty(s)) => {
                    let name = String::from_utf8_lossy(s.local_name().as_ref()).into_owned();
                    if let Some(c) = child.as_mut() {
                        open_container(c, &name, self.path.last().map(String::as_str));
                        if name == "ChildCharacteristics" {
                            c.has_characteristics = true;
                        }
                        if name == "CPPreviewDate" {
                            if let Some(p) = last_cp(c) {
                                p.reviews.push(None);
                            }
                        }
                    } else if self.path.len() == 2 && name == "Child" {
                        return Ok(Some(Child::default()));
                    }
                }
                Ok(Event::Text(t)) => {
                    if let Err(m) = push_text(&mut self.text, &t) {
                        return Err(self.error(child.as_ref(), m));
                    }
                }
                Ok(Event::CData(t)) => self.text.push_str(&String::from_utf8_lossy(&t)),
                Ok(Event::End(_)) => {
                    let name = self.path.pop().unwrap_or_default();
                    let value = std::mem::take(&mut self.text);
                    if self.path.len() == 2 && name == "Child" {
                        return Ok(child);
                    }
                    if self.path.len() == 1 && name == "Children" {
                        self.done = true;
                        return Ok(None);
                    }
                    if let Some(c) = child.as_mut() {
                        let parent = self.path.last().map(String::as_str).unwrap_or("");
                        if let Some(p) = set_value(c, parent, &name, value.trim()) {
                            self.problems.push(ReadProblem {
                                child: c.la_child_id.clone(),
                                element: format!("{}/{name}", self.path.join("/")),
                                value: value.trim().to_string(),
                                message: p.to_string(),
                            });
                        }
                    }
                }
                Ok(Event::Eof) => {
                    return Err(self.error(child.as_ref(), "the file ends inside the return"));
                }
                Ok(_) => {}
            }
        }
    }
}

fn push_text(text: &mut String, t: &quick_xml::events::BytesText) -> Result<(), String> {
    let s = t
        .unescape()
        .map_err(|e| format!("a value cannot be read: {e}"))?;
    text.push_str(&s);
    Ok(())
}

fn last_episode(c: &mut Child) -> Option<&mut Episode> {
    c.episodes.last_mut()
}

fn last_cp(c: &mut Child) -> Option<&mut CpPlan> {
    last_episode(c).and_then(|e| e.cp_plans.last_mut())
}

fn open_container(c: &mut Child, name: &str, parent: Option<&str>) {
    match (name, parent) {
        ("CINdetails", Some("Child")) => c.episodes.push(Episode::default()),
        ("Assessments", Some("CINdetails")) => {
            if let Some(e) = last_episode(c) {
                e.assessments.push(Assessment::default());
            }
        }
        ("CINPlanDates", Some("CINdetails")) => {
            if let Some(e) = last_episode(c) {
                e.cin_plans.push(CinPlan::default());
            }
        }
        ("Section47", Some("CINdetails")) => {
            if let Some(e) = last_episode(c) {
                e.section47s.push(Section47::default());
            }
        }
        ("ChildProtectionPlans", Some("CINdetails")) => {
            if let Some(e) = last_episode(c) {
                e.cp_plans.push(CpPlan::default());
            }
        }
        _ => {}
    }
}

const BAD_DATE: &str = "the date does not parse (expected YYYY-MM-DD)";

/// Stores one leaf value; returns a problem when the value cannot be read.
fn set_value(c: &mut Child, parent: &str, name: &str, v: &str) -> Option<&'static str> {
    let text = (!v.is_empty()).then(|| v.to_string());
    let mut bad = false;
    let mut date = || {
        let d = parse_date(v);
        bad = d.is_none() && !v.is_empty();
        d
    };
    match (parent, name) {
        ("ChildIdentifiers", "LAchildID") => c.la_child_id = text,
        ("ChildIdentifiers", "UPN") => c.upn = text,
        ("ChildIdentifiers", "FormerUPN") => c.former_upn = text,
        ("ChildIdentifiers", "UPNunknown") => c.upn_unknown = text,
        ("ChildIdentifiers", "PersonBirthDate") => c.birth_date = date(),
        ("ChildIdentifiers", "ExpectedPersonBirthDate") => c.expected_birth_date = date(),
        ("ChildIdentifiers", "GenderCurrent") => c.gender_current = text,
        ("ChildIdentifiers", "Sex") => c.sex = text,
        ("ChildIdentifiers", "PersonDeathDate") => c.death_date = date(),
        ("ChildCharacteristics", "Ethnicity") => c.ethnicity = text,
        ("Disabilities", "Disability") => c.disabilities.push(v.to_string()),
        ("CINdetails", _) => {
            let e = last_episode(c)?;
            match name {
                "CINdetailsID" => e.id = text,
                "CINreferralDate" => e.referral_date = date(),
                "ReferralSource" => e.referral_source = text,
                "PrimaryNeedCode" => e.primary_need = text,
                "CINclosureDate" => e.closure_date = date(),
                "ReasonForClosure" => e.reason_for_closure = text,
                "DateOfInitialCPC" => e.date_of_initial_cpc = date(),
                "ReferralNFA" => e.referral_nfa = text,
                _ => {}
            }
        }
        ("Assessments", _) => {
            let a = last_episode(c)?.assessments.last_mut()?;
            match name {
                "AssessmentID" => a.id = text,
                "AssessmentActualStartDate" => a.start = date(),
                "AssessmentInternalReviewDate" => a.internal_review = date(),
                "AssessmentAuthorisationDate" => a.authorisation = date(),
                _ => {}
            }
        }
        ("FactorsIdentifiedAtAssessment", "AssessmentFactors") => {
            let a = last_episode(c)?.assessments.last_mut()?;
            a.factors.push(v.to_string());
        }
        ("CINPlanDates", _) => {
            let p = last_episode(c)?.cin_plans.last_mut()?;
            match name {
                "CINPlanStartDate" => p.start = date(),
                "CINPlanEndDate" => p.end = date(),
                _ => {}
            }
        }
        ("Section47", _) => {
            let s = last_episode(c)?.section47s.last_mut()?;
            match name {
                "S47ActualStartDate" => s.start = date(),
                "InitialCPCtarget" => s.icpc_target = date(),
                "DateOfInitialCPC" => s.date_of_initial_cpc = date(),
                "ICPCnotRequired" => s.icpc_not_required = text,
                _ => {}
            }
        }
        ("ChildProtectionPlans", _) => {
            let p = last_cp(c)?;
            match name {
                "CPPID" => p.id = text,
                "CPPstartDate" => p.start = date(),
                "CPPendDate" => p.end = date(),
                "InitialCategoryOfAbuse" => p.initial_category = text,
                "LatestCategoryOfAbuse" => p.latest_category = text,
                "NumberOfPreviousCPP" => p.previous_plans = text,
                _ => {}
            }
        }
        ("Reviews", "CPPreviewDate") => {
            let d = date();
            last_cp(c)?.reviews.push(d);
        }
        _ => {}
    }
    bad.then_some(BAD_DATE)
}

/// Reads and validates a whole return as it streams, under `ruleset` or the one its reference date
/// names.
pub fn validate_reader(
    source: impl BufRead,
    ruleset: Option<Ruleset>,
) -> Result<Report, ReadError> {
    let mut reader = Reader::new(source)?;
    let ruleset = match ruleset {
        Some(r) => r,
        // By the reference date; failing that by the header's year (rule 100 then reports the
        // reference date).
        None => {
            let h = reader.header();
            h.reference_date
                .and_then(Ruleset::for_reference_date)
                .or_else(|| {
                    let year: i32 = h.year.as_deref()?.trim().parse().ok()?;
                    Ruleset::for_reference_date(NaiveDate::from_ymd_opt(year, 3, 31)?)
                })
        }
        .ok_or_else(|| ReadError {
                child: None,
                element: "Message/Header/CollectionDetails/ReferenceDate".into(),
                position: 0,
                message: "no ruleset for this reference date or year: Hearth has cin2024_25 (31 March 2025), cin2025_26 (31 March 2026) and cin2026_27 (31 March 2027)".into(),
            })?,
    };
    let mut v = Validator::new(reader.header(), ruleset, None);
    while let Some(child) = reader.next_child()? {
        v.child(&child);
    }
    let mut report = v.finish();
    report.problems = std::mem::take(&mut reader.problems);
    Ok(report)
}
