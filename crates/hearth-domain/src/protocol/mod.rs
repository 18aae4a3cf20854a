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
    /// How soon a strategy discussion asked for is held (a local choice: Working Together asks
    /// only that it "plan rapid future action").
    pub strategy_discussion: Option<Timescale>,
    pub initial_conference: Timescale,
    pub core_group: Timescale,
    pub first_review: Timescale,
    pub review_every: Timescale,
    pub visit_every: Option<Timescale>,
    pub missing_review_after: Timescale,
    /// How often the core group meets after its first meeting (Working Together 2018 ch.1: the
    /// conference establishes "timescales for meetings of the core group"; a local choice).
    pub core_group_every: Option<Timescale>,
    /// How soon the conference's decision and outline plan are circulated (Working Together 2018
    /// ch.1: "Define the local protocol for timeliness of circulating plans after the child
    /// protection conference").
    pub decision_circulated: Option<Timescale>,
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
    /// How soon an agency asked for information during an assessment is expected to reply (a
    /// local choice; no national timescale).
    pub agency_reply: Option<Timescale>,
    pub cin: CinTimescales,
    pub cp: CpTimescales,
    /// Fields this file sets as the council's own choice, not its source's words.
    pub council_choices: Vec<String>,
    /// Fields this file leaves out, taken from the `working-together` preset (where they are
    /// themselves the council's choice: Working Together sets no timescale for them).
    pub inherited: Vec<String>,
}

/// One timescale in words, with where it comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Described {
    /// The protocol field, e.g. `cin.visit_every`.
    pub field: &'static str,
    pub what: &'static str,
    pub value: String,
    /// Where the value comes from: the national rule, this protocol's source, or the council's
    /// own choice.
    pub basis: String,
}

/// Every field a protocol may set, in the order they are described.
pub const FIELDS: &[&str] = &[
    "referral.decision",
    "assessment.model",
    "assessment.complete",
    "assessment.checkpoints",
    "assessment.pre_birth_before_due_date",
    "assessment.refresh",
    "assessment.agency_reply",
    "cin.plan_after_assessment",
    "cin.visit_every",
    "cin.meeting_every",
    "cin.first_review",
    "cin.second_review",
    "cin.review_every",
    "cin.complex_needs_panel_after",
    "cin.minimum_after_cp_plan",
    "cin.step_down_minimum",
    "cp.strategy_discussion",
    "cp.initial_conference",
    "cp.core_group",
    "cp.first_review",
    "cp.review_every",
    "cp.visit_every",
    "cp.missing_review_after",
    "cp.core_group_every",
    "cp.decision_circulated",
];

/// The national default preset, whose local values fill what a council's file leaves out.
pub const WORKING_TOGETHER: &str = "working-together";

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

    /// Where a field's value comes from, in words.
    pub fn basis(&self, field: &str) -> String {
        if let Some(rule) = national::rule_for(field) {
            if self.value_of(field) == Some(rule.cap) {
                return format!("National: {}", rule.rule);
            }
            return format!(
                "Stricter than the national {} ({}); national: {}",
                rule.cap,
                self.local_basis(field),
                rule.rule
            );
        }
        self.local_basis(field)
    }

    fn local_basis(&self, field: &str) -> String {
        if self.inherited.iter().any(|f| f == field) {
            "The council's choice, not set nationally nor by this protocol's source: the working-together default".into()
        } else if self.council_choices.iter().any(|f| f == field) {
            "The council's choice (not set nationally)".into()
        } else {
            self.source.clone()
        }
    }

    /// A single timescale field's value, if it is one and is set.
    pub fn value_of(&self, field: &str) -> Option<Timescale> {
        let (c, p) = (&self.cin, &self.cp);
        match field {
            "referral.decision" => Some(self.referral_decision),
            "assessment.complete" => Some(self.assessment_complete),
            "assessment.pre_birth_before_due_date" => self.pre_birth_before_due_date,
            "assessment.refresh" => self.assessment_refresh,
            "assessment.agency_reply" => self.agency_reply,
            "cin.plan_after_assessment" => c.plan_after_assessment,
            "cin.visit_every" => c.visit_every,
            "cin.meeting_every" => c.meeting_every,
            "cin.first_review" => c.first_review,
            "cin.second_review" => c.second_review,
            "cin.review_every" => c.review_every,
            "cin.complex_needs_panel_after" => c.complex_needs_panel_after,
            "cin.minimum_after_cp_plan" => c.minimum_after_cp_plan,
            "cin.step_down_minimum" => c.step_down_minimum,
            "cp.strategy_discussion" => p.strategy_discussion,
            "cp.initial_conference" => Some(p.initial_conference),
            "cp.core_group" => Some(p.core_group),
            "cp.first_review" => Some(p.first_review),
            "cp.review_every" => Some(p.review_every),
            "cp.visit_every" => p.visit_every,
            "cp.missing_review_after" => Some(p.missing_review_after),
            "cp.core_group_every" => p.core_group_every,
            "cp.decision_circulated" => p.decision_circulated,
            _ => None,
        }
    }

    /// Every timescale in words with its basis, for `hearth protocol show`, the API and the
    /// protocol page.
    pub fn describe(&self) -> Vec<Described> {
        FIELDS
            .iter()
            .map(|field| {
                let (what, value) = self.describe_field(field);
                let set = !matches!(value.as_str(), "not set locally" | "none");
                Described {
                    field,
                    what,
                    value,
                    basis: if set {
                        self.basis(field)
                    } else {
                        "Not set".into()
                    },
                }
            })
            .collect()
    }

    fn describe_field(&self, field: &str) -> (&'static str, String) {
        let opt = |f: &str| {
            self.value_of(f)
                .map_or_else(|| "not set locally".to_string(), |t| t.to_string())
        };
        match field {
            "referral.decision" => (
                "Referral decision",
                format!("within {} of receipt", self.referral_decision),
            ),
            "assessment.model" => (
                "Assessment",
                match &self.assessment_model {
                    AssessmentModel::Single => "single stage".to_string(),
                    AssessmentModel::Staged { first_stage } => {
                        format!("staged: first stage within {first_stage} of the start")
                    }
                    AssessmentModel::InitialAndCore { initial, core } => format!("initial assessment within {initial} of the referral, then core assessment within {core}"),
                },
            ),
            "assessment.complete" => (
                "Assessment completed",
                format!("within {} of the referral", self.assessment_complete),
            ),
            "assessment.checkpoints" => (
                "Manager checkpoints",
                if self.checkpoints.is_empty() {
                    "none".to_string()
                } else {
                    self.checkpoints
                        .iter()
                        .map(ToString::to_string)
                        .collect::<Vec<_>>()
                        .join(", ")
                        + " from the referral"
                },
            ),
            "assessment.pre_birth_before_due_date" => (
                "Pre-birth assessment completed before the expected date of delivery",
                opt(field),
            ),
            "assessment.refresh" => ("Assessment refreshed at least every", opt(field)),
            "assessment.agency_reply" => (
                "Agencies asked for information reply within",
                opt(field),
            ),
            "cin.plan_after_assessment" => ("CIN plan after the assessment", opt(field)),
            "cin.visit_every" => ("CIN visits at least every", opt(field)),
            "cin.meeting_every" => ("CIN meetings at least every", opt(field)),
            "cin.first_review" => ("First CIN review", opt(field)),
            "cin.second_review" => ("Second CIN review", opt(field)),
            "cin.review_every" => ("Later CIN reviews every", opt(field)),
            "cin.complex_needs_panel_after" => {
                ("Complex-needs panel when a CIN plan has run", opt(field))
            }
            "cin.minimum_after_cp_plan" => ("Minimum CIN plan after a CP plan", opt(field)),
            "cin.step_down_minimum" => ("Step-down to early help after at least", opt(field)),
            "cp.strategy_discussion" => (
                "Strategy discussion held within",
                self.cp
                    .strategy_discussion
                    .map_or_else(|| "not set locally".into(), |t| format!("{t} of being asked for")),
            ),
            "cp.initial_conference" => (
                "Initial child protection conference",
                format!(
                    "within {} of the strategy discussion",
                    self.cp.initial_conference
                ),
            ),
            "cp.core_group" => (
                "First core group",
                format!("within {} of the initial conference", self.cp.core_group),
            ),
            "cp.first_review" => (
                "First review conference",
                format!("within {} of the initial conference", self.cp.first_review),
            ),
            "cp.review_every" => (
                "Later review conferences",
                format!("at most every {}", self.cp.review_every),
            ),
            "cp.visit_every" => ("CP visits at least every", opt(field)),
            "cp.missing_review_after" => (
                "Early review when a child is missing for more than",
                opt(field),
            ),
            "cp.core_group_every" => ("Later core groups at least every", opt(field)),
            "cp.decision_circulated" => (
                "Conference decision and outline plan circulated within",
                opt(field),
            ),
            _ => ("", String::new()),
        }
    }
}

// Preset and parsing tests live in tests/protocol_presets.rs, protocol_check.rs and
// protocol_all_errors.rs.
