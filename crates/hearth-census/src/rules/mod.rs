//! The DfE's CIN census validation rules (ruleset `cin2024_25` and `cin2025_26`: 109 rules, the
//! same in both years), each with the DfE's code, message and class. Rules are grouped by the part
//! of the return they read:
//! - [`identity`]: the header, the child's identifiers and characteristics, and the whole-return
//!   rules;
//! - [`episodes`]: episodes of need (`CINdetails`) and assessments;
//! - [`plans`]: CIN plans, section 47 enquiries and child protection plans with their reviews.

use chrono::NaiveDate;
use hearth_domain::calendar::Calendar;
use serde::Serialize;

use crate::model::{Child, Header};

pub mod episodes;
pub mod identity;
pub mod plans;

/// Errors must be fixed before submission; queries must be fixed or explained.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Error,
    Query,
}

/// A DfE ruleset, chosen by the return's reference date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum Ruleset {
    /// Reference date 31 March 2025.
    #[serde(rename = "cin2024_25")]
    Cin2024_25,
    /// Reference date 31 March 2026.
    #[serde(rename = "cin2025_26")]
    Cin2025_26,
    /// Reference date 31 March 2027: the public package's `cin2026_27` changes no rule of
    /// 2025-26 (the pre-proceedings rules are not in its release), so neither does Hearth's. It
    /// lets the census readiness page check the year under way.
    #[serde(rename = "cin2026_27")]
    Cin2026_27,
}

impl Ruleset {
    /// The ruleset for a return closing on `reference_date`, or `None` for a year Hearth has no
    /// ruleset for.
    pub fn for_reference_date(reference_date: NaiveDate) -> Option<Self> {
        use chrono::Datelike;
        match (
            reference_date.year(),
            reference_date.month(),
            reference_date.day(),
        ) {
            (2025, 3, 31) => Some(Self::Cin2024_25),
            (2026, 3, 31) => Some(Self::Cin2025_26),
            (2027, 3, 31) => Some(Self::Cin2026_27),
            _ => None,
        }
    }

    /// The ruleset's name as the DfE writes it.
    pub fn name(self) -> &'static str {
        match self {
            Self::Cin2024_25 => "cin2024_25",
            Self::Cin2025_26 => "cin2025_26",
            Self::Cin2026_27 => "cin2026_27",
        }
    }

    /// Reads a ruleset name (`cin2024_25`, `cin2025_26`).
    pub fn parse(name: &str) -> Option<Self> {
        match name {
            "cin2024_25" => Some(Self::Cin2024_25),
            "cin2025_26" => Some(Self::Cin2025_26),
            "cin2026_27" => Some(Self::Cin2026_27),
            _ => None,
        }
    }

    /// The reference date the ruleset validates.
    pub fn reference_date(self) -> NaiveDate {
        let year = match self {
            Self::Cin2024_25 => 2025,
            Self::Cin2025_26 => 2026,
            Self::Cin2026_27 => 2027,
        };
        NaiveDate::from_ymd_opt(year, 3, 31).unwrap_or(NaiveDate::MIN)
    }

    /// Every rule of the ruleset. The DfE changed no rule between 2024-25 and 2026-27.
    pub fn rules(self) -> Vec<&'static Rule> {
        identity::RULES
            .iter()
            .chain(episodes::RULES)
            .chain(plans::RULES)
            .collect()
    }
}

/// Where in the return a rule failed. Indices count from 0 in document order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "at", rename_all = "snake_case")]
pub enum Spot {
    /// The header.
    Header,
    /// The whole return (no one child).
    Return,
    /// The child's identifiers or characteristics.
    Child,
    /// An episode (`CINdetails`).
    Episode { episode: usize },
    /// An assessment of an episode.
    Assessment { episode: usize, assessment: usize },
    /// A CIN plan of an episode.
    CinPlan { episode: usize, plan: usize },
    /// A section 47 enquiry of an episode.
    Section47 { episode: usize, enquiry: usize },
    /// A child protection plan of an episode.
    CpPlan { episode: usize, plan: usize },
    /// A review of a child protection plan.
    Review {
        episode: usize,
        plan: usize,
        review: usize,
    },
}

impl Spot {
    /// Where, as the DfE's elements name it (indices from 1), e.g.
    /// `CINdetails[1]/ChildProtectionPlans[2]`.
    pub fn path(&self) -> String {
        match *self {
            Spot::Header => "Header".into(),
            Spot::Return => "the whole return".into(),
            Spot::Child => "ChildIdentifiers/ChildCharacteristics".into(),
            Spot::Episode { episode } => format!("CINdetails[{}]", episode + 1),
            Spot::Assessment {
                episode,
                assessment,
            } => format!(
                "CINdetails[{}]/Assessments[{}]",
                episode + 1,
                assessment + 1
            ),
            Spot::CinPlan { episode, plan } => {
                format!("CINdetails[{}]/CINPlanDates[{}]", episode + 1, plan + 1)
            }
            Spot::Section47 { episode, enquiry } => {
                format!("CINdetails[{}]/Section47[{}]", episode + 1, enquiry + 1)
            }
            Spot::CpPlan { episode, plan } => {
                format!(
                    "CINdetails[{}]/ChildProtectionPlans[{}]",
                    episode + 1,
                    plan + 1
                )
            }
            Spot::Review {
                episode,
                plan,
                review,
            } => format!(
                "CINdetails[{}]/ChildProtectionPlans[{}]/Reviews/CPPreviewDate[{}]",
                episode + 1,
                plan + 1,
                review + 1
            ),
        }
    }
}

/// What a rule reads beyond the child: the census year and the working-day calendar.
pub struct Ctx<'a> {
    /// 31 March at the end of the census year (the header's, or the ruleset's when the header has
    /// none).
    pub reference_date: NaiveDate,
    /// 1 April at the start of the census year.
    pub collection_start: NaiveDate,
    /// England and Wales bank holidays, for rules that count working days.
    pub calendar: &'a Calendar,
}

/// A finding of a whole-return rule: the child it names (by `LAchildID`), if any, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReturnHit {
    pub child: Option<String>,
    pub spot: Spot,
}

/// A rule over the whole return: sees every child once, in order, then reports.
pub trait ReturnCheck {
    fn child(&mut self, child: &Child, ctx: &Ctx);
    fn finish(self: Box<Self>, ctx: &Ctx) -> Vec<ReturnHit>;
}

/// How a rule reads the return.
pub enum Check {
    /// Fails (returns true) on the header.
    Header(fn(&Header, &Ctx) -> bool),
    /// Pushes every spot of one child that fails.
    Child(fn(&Child, &Ctx, &mut Vec<Spot>)),
    /// Needs the whole return (duplicates across children, proportions).
    Return(fn() -> Box<dyn ReturnCheck>),
}

/// One DfE rule.
pub struct Rule {
    /// The DfE's code, e.g. `8840` or `8945Q`.
    pub code: &'static str,
    pub kind: Kind,
    /// The DfE's message, word for word.
    pub message: &'static str,
    /// The XML elements the rule reads, as the DfE names them.
    pub fields: &'static [&'static str],
    pub check: Check,
}

impl std::fmt::Debug for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Rule({})", self.code)
    }
}
