//! Local protocols as data: a versioned TOML file per council setting every local timescale, with
//! the national timescales enforced as caps. Five presets ship, one per source procedure.

pub mod duration;
mod lenient;
mod locate;
pub mod national;
mod parse;
mod raw;

use serde::Serialize;

pub use duration::Timescale;
pub use parse::ProtocolError;

/// How the council stages its child and family assessment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "model", rename_all = "kebab-case")]
pub enum AssessmentModel {
    /// One assessment, concluded within `assessment.complete` of the referral.
    Single,
    /// A first stage from the start, then the rest up to `assessment.complete` (Blackpool).
    Staged { first_stage: Timescale },
    /// An initial assessment from the referral, then a core assessment from its end or from
    /// the section 47 decision (Nottinghamshire 2001).
    InitialAndCore { initial: Timescale, core: Timescale },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CinTimescales {
    pub plan_after_assessment: Option<Timescale>,
    pub visit_every: Option<Timescale>,
    pub meeting_every: Option<Timescale>,
    pub first_review: Option<Timescale>,
    pub second_review: Option<Timescale>,
    pub review_every: Option<Timescale>,
    pub complex_needs_panel_after: Option<Timescale>,
    pub minimum_after_cp_plan: Option<Timescale>,
    pub step_down_minimum: Option<Timescale>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CpTimescales {
    pub initial_conference: Timescale,
    pub core_group: Timescale,
    pub first_review: Timescale,
    pub review_every: Timescale,
    pub visit_every: Option<Timescale>,
    pub missing_review_after: Timescale,
}

/// A council's protocol, valid and within the national rules.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Protocol {
    pub name: String,
    pub version: u32,
    pub title: String,
    pub source: String,
    pub referral_decision: Timescale,
    pub assessment_model: AssessmentModel,
    pub assessment_complete: Timescale,
    /// Manager checkpoints, each counted from the assessment's start.
    pub checkpoints: Vec<Timescale>,
    pub pre_birth_before_due_date: Option<Timescale>,
    pub assessment_refresh: Option<Timescale>,
    pub cin: CinTimescales,
    pub cp: CpTimescales,
}

const PRESETS: &[(&str, &str)] = &[
    (
        "working-together",
        include_str!("../../../../protocols/working-together.toml"),
    ),
    (
        "nottinghamshire-2001",
        include_str!("../../../../protocols/nottinghamshire-2001.toml"),
    ),
    ("dudley", include_str!("../../../../protocols/dudley.toml")),
    (
        "south-west",
        include_str!("../../../../protocols/south-west.toml"),
    ),
    (
        "blackpool",
        include_str!("../../../../protocols/blackpool.toml"),
    ),
];

impl Protocol {
    /// The names of the shipped presets.
    pub fn presets() -> Vec<&'static str> {
        PRESETS.iter().map(|(n, _)| *n).collect()
    }

    /// A shipped preset's source text.
    pub fn preset_source(name: &str) -> Option<&'static str> {
        PRESETS.iter().find(|(n, _)| *n == name).map(|(_, s)| *s)
    }

    /// A shipped preset, parsed.
    pub fn preset(name: &str) -> Option<Protocol> {
        Self::preset_source(name).and_then(|s| Self::parse(s).ok())
    }

    /// Parses and validates a protocol file, returning every problem with its line.
    pub fn parse(text: &str) -> Result<Protocol, Vec<ProtocolError>> {
        lenient::parse_all(text)
    }

    /// Every timescale in words, for `hearth protocol show` and the protocol page.
    pub fn describe(&self) -> Vec<(&'static str, String)> {
        let opt = |t: &Option<Timescale>| {
            t.map_or_else(|| "not set locally".to_string(), |t| t.to_string())
        };
        let model = match &self.assessment_model {
            AssessmentModel::Single => "single stage".to_string(),
            AssessmentModel::Staged { first_stage } => format!("staged: first stage within {first_stage} of the start"),
            AssessmentModel::InitialAndCore { initial, core } => format!("initial assessment within {initial} of the referral, then core assessment within {core}"),
        };
        let checkpoints = if self.checkpoints.is_empty() {
            "none".to_string()
        } else {
            self.checkpoints
                .iter()
                .map(|c| c.to_string())
                .collect::<Vec<_>>()
                .join(", ")
                + " from the start"
        };
        vec![
            (
                "Referral decision",
                format!("within {} of receipt", self.referral_decision),
            ),
            ("Assessment", model),
            (
                "Assessment completed",
                format!("within {} of the referral", self.assessment_complete),
            ),
            ("Manager checkpoints", checkpoints),
            (
                "Pre-birth assessment completed before the expected date of delivery",
                opt(&self.pre_birth_before_due_date),
            ),
            ("Assessment refreshed", opt(&self.assessment_refresh)),
            (
                "CIN plan after the assessment",
                opt(&self.cin.plan_after_assessment),
            ),
            ("CIN visits at least every", opt(&self.cin.visit_every)),
            ("CIN meetings at least every", opt(&self.cin.meeting_every)),
            ("First CIN review", opt(&self.cin.first_review)),
            ("Second CIN review", opt(&self.cin.second_review)),
            ("Later CIN reviews every", opt(&self.cin.review_every)),
            (
                "Complex-needs panel when a CIN plan has run",
                opt(&self.cin.complex_needs_panel_after),
            ),
            (
                "Minimum CIN plan after a CP plan",
                opt(&self.cin.minimum_after_cp_plan),
            ),
            (
                "Step-down to early help after at least",
                opt(&self.cin.step_down_minimum),
            ),
            (
                "Initial child protection conference",
                format!(
                    "within {} of the strategy discussion",
                    self.cp.initial_conference
                ),
            ),
            (
                "First core group",
                format!("within {} of the initial conference", self.cp.core_group),
            ),
            (
                "First review conference",
                format!("within {} of the initial conference", self.cp.first_review),
            ),
            (
                "Later review conferences",
                format!("at most every {}", self.cp.review_every),
            ),
            ("CP visits at least every", opt(&self.cp.visit_every)),
            (
                "Early review when a child is missing for more than",
                self.cp.missing_review_after.to_string(),
            ),
        ]
    }
}

// Preset and parsing tests live in tests/protocol_presets.rs, protocol_check.rs and
// protocol_all_errors.rs.
