//! Streaming writer of a census XML file: the header, then each child as it is handed over, so a
//! council's whole year is written in bounded memory. ISO dates, `1`/`0` flags as recorded, elements
//! in the DfE's order, optional elements left out when empty. Hearth's own keys are never written.

use std::io::{self, Write};

use chrono::NaiveDate;
use quick_xml::escape::escape;

use crate::model::{Assessment, Child, CinPlan, CpPlan, Episode, Header, Section47};

/// Writes one census return.
pub struct Writer<W: Write> {
    out: W,
    children: usize,
}

fn text(out: &mut impl Write, indent: usize, name: &str, value: Option<&str>) -> io::Result<()> {
    match value {
        Some(v) => writeln!(
            out,
            "{:indent$}<{name}>{}</{name}>",
            "",
            escape(v),
            indent = indent
        ),
        None => Ok(()),
    }
}

fn date(
    out: &mut impl Write,
    indent: usize,
    name: &str,
    value: Option<NaiveDate>,
) -> io::Result<()> {
    match value {
        Some(d) => writeln!(
            out,
            "{:indent$}<{name}>{}</{name}>",
            "",
            d.format("%Y-%m-%d"),
            indent = indent
        ),
        None => Ok(()),
    }
}

fn open(out: &mut impl Write, indent: usize, name: &str) -> io::Result<()> {
    writeln!(out, "{:indent$}<{name}>", "", indent = indent)
}

fn close(out: &mut impl Write, indent: usize, name: &str) -> io::Result<()> {
    writeln!(out, "{:indent$}</{name}>", "", indent = indent)
}

impl<W: Write> Writer<W> {
    /// Starts the return: the XML declaration, `Message`, the header and `<Children>`.
    pub fn new(mut out: W, h: &Header) -> io::Result<Self> {
        writeln!(out, r#"<?xml version="1.0" encoding="utf-8"?>"#)?;
        open(&mut out, 0, "Message")?;
        open(&mut out, 2, "Header")?;
        open(&mut out, 4, "CollectionDetails")?;
        text(&mut out, 6, "Collection", h.collection.as_deref())?;
        text(&mut out, 6, "Year", h.year.as_deref())?;
        date(&mut out, 6, "ReferenceDate", h.reference_date)?;
        close(&mut out, 4, "CollectionDetails")?;
        open(&mut out, 4, "Source")?;
        text(&mut out, 6, "SourceLevel", h.source_level.as_deref())?;
        text(&mut out, 6, "LEA", h.lea.as_deref())?;
        text(&mut out, 6, "SoftwareCode", h.software_code.as_deref())?;
        text(&mut out, 6, "Release", h.release.as_deref())?;
        text(&mut out, 6, "SerialNo", h.serial_no.as_deref())?;
        text(&mut out, 6, "DateTime", h.date_time.as_deref())?;
        close(&mut out, 4, "Source")?;
        close(&mut out, 2, "Header")?;
        open(&mut out, 2, "Children")?;
        Ok(Writer { out, children: 0 })
    }

    /// Writes one child.
    pub fn child(&mut self, c: &Child) -> io::Result<()> {
        let o = &mut self.out;
        open(o, 4, "Child")?;
        open(o, 6, "ChildIdentifiers")?;
        text(o, 8, "LAchildID", c.la_child_id.as_deref())?;
        text(o, 8, "UPN", c.upn.as_deref())?;
        text(o, 8, "FormerUPN", c.former_upn.as_deref())?;
        text(o, 8, "UPNunknown", c.upn_unknown.as_deref())?;
        date(o, 8, "PersonBirthDate", c.birth_date)?;
        date(o, 8, "ExpectedPersonBirthDate", c.expected_birth_date)?;
        text(o, 8, "GenderCurrent", c.gender_current.as_deref())?;
        text(o, 8, "Sex", c.sex.as_deref())?;
        date(o, 8, "PersonDeathDate", c.death_date)?;
        close(o, 6, "ChildIdentifiers")?;
        open(o, 6, "ChildCharacteristics")?;
        text(o, 8, "Ethnicity", c.ethnicity.as_deref())?;
        if !c.disabilities.is_empty() {
            open(o, 8, "Disabilities")?;
            for d in &c.disabilities {
                text(o, 10, "Disability", Some(d))?;
            }
            close(o, 8, "Disabilities")?;
        }
        close(o, 6, "ChildCharacteristics")?;
        for e in &c.episodes {
            episode(o, e)?;
        }
        close(o, 4, "Child")?;
        self.children += 1;
        Ok(())
    }

    /// Ends the return and hands back the output with the number of children written.
    pub fn finish(mut self) -> io::Result<(W, usize)> {
        close(&mut self.out, 2, "Children")?;
        close(&mut self.out, 0, "Message")?;
        self.out.flush()?;
        Ok((self.out, self.children))
    }
}

fn episode(o: &mut impl Write, e: &Episode) -> io::Result<()> {
    open(o, 6, "CINdetails")?;
    text(o, 8, "CINdetailsID", e.id.as_deref())?;
    date(o, 8, "CINreferralDate", e.referral_date)?;
    text(o, 8, "ReferralSource", e.referral_source.as_deref())?;
    text(o, 8, "PrimaryNeedCode", e.primary_need.as_deref())?;
    date(o, 8, "CINclosureDate", e.closure_date)?;
    text(o, 8, "ReasonForClosure", e.reason_for_closure.as_deref())?;
    date(o, 8, "DateOfInitialCPC", e.date_of_initial_cpc)?;
    text(o, 8, "ReferralNFA", e.referral_nfa.as_deref())?;
    for a in &e.assessments {
        assessment(o, a)?;
    }
    for p in &e.cin_plans {
        cin_plan(o, p)?;
    }
    for s in &e.section47s {
        section47(o, s)?;
    }
    for p in &e.cp_plans {
        cp_plan(o, p)?;
    }
    close(o, 6, "CINdetails")
}

fn assessment(o: &mut impl Write, a: &Assessment) -> io::Result<()> {
    open(o, 8, "Assessments")?;
    text(o, 10, "AssessmentID", a.id.as_deref())?;
    date(o, 10, "AssessmentActualStartDate", a.start)?;
    date(o, 10, "AssessmentInternalReviewDate", a.internal_review)?;
    date(o, 10, "AssessmentAuthorisationDate", a.authorisation)?;
    if !a.factors.is_empty() {
        open(o, 10, "FactorsIdentifiedAtAssessment")?;
        for f in &a.factors {
            text(o, 12, "AssessmentFactors", Some(f))?;
        }
        close(o, 10, "FactorsIdentifiedAtAssessment")?;
    }
    close(o, 8, "Assessments")
}

fn cin_plan(o: &mut impl Write, p: &CinPlan) -> io::Result<()> {
    open(o, 8, "CINPlanDates")?;
    date(o, 10, "CINPlanStartDate", p.start)?;
    date(o, 10, "CINPlanEndDate", p.end)?;
    close(o, 8, "CINPlanDates")
}

fn section47(o: &mut impl Write, s: &Section47) -> io::Result<()> {
    open(o, 8, "Section47")?;
    date(o, 10, "S47ActualStartDate", s.start)?;
    date(o, 10, "InitialCPCtarget", s.icpc_target)?;
    date(o, 10, "DateOfInitialCPC", s.date_of_initial_cpc)?;
    text(o, 10, "ICPCnotRequired", s.icpc_not_required.as_deref())?;
    close(o, 8, "Section47")
}

fn cp_plan(o: &mut impl Write, p: &CpPlan) -> io::Result<()> {
    open(o, 8, "ChildProtectionPlans")?;
    text(o, 10, "CPPID", p.id.as_deref())?;
    date(o, 10, "CPPstartDate", p.start)?;
    date(o, 10, "CPPendDate", p.end)?;
    text(
        o,
        10,
        "InitialCategoryOfAbuse",
        p.initial_category.as_deref(),
    )?;
    text(o, 10, "LatestCategoryOfAbuse", p.latest_category.as_deref())?;
    text(o, 10, "NumberOfPreviousCPP", p.previous_plans.as_deref())?;
    if !p.reviews.is_empty() {
        open(o, 10, "Reviews")?;
        for r in &p.reviews {
            match r {
                Some(d) => date(o, 12, "CPPreviewDate", Some(*d))?,
                None => writeln!(o, "{:12}<CPPreviewDate/>", "")?,
            }
        }
        close(o, 10, "Reviews")?;
    }
    close(o, 8, "ChildProtectionPlans")
}
