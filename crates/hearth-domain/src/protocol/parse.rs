//! Reading a protocol file: TOML syntax, known fields only, typed timescales, and the national
//! caps. Every problem is reported with its line and column, the field and why; all problems are
//! reported at once, not just the first.

use serde::Serialize;

use super::duration::Timescale;
use super::national::{check, rule_for};
use super::raw::{field_at, line_col, Raw, Text};
use super::{AssessmentModel, CinTimescales, CpTimescales, Protocol, FIELDS};

/// One problem in a protocol file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct ProtocolError {
    pub line: usize,
    pub column: usize,
    /// The field's path, e.g. `assessment.complete`.
    pub field: String,
    pub message: String,
}

impl std::fmt::Display for ProtocolError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "line {}, column {}: {}: {}",
            self.line, self.column, self.field, self.message
        )
    }
}

struct Ctx<'a> {
    text: &'a str,
    errors: Vec<ProtocolError>,
    inherited: Vec<String>,
}

impl Ctx<'_> {
    fn err_at(&mut self, offset: usize, field: &str, message: String) {
        let (line, column) = line_col(self.text, offset);
        self.errors.push(ProtocolError {
            line,
            column,
            field: field.to_string(),
            message,
        });
    }

    fn err(&mut self, v: &Text, field: &str, message: String) {
        self.err_at(v.span().start, field, message);
    }

    /// A timescale, checked against the national rule for its field.
    fn ts(&mut self, field: &str, v: &Text) -> Option<Timescale> {
        match Timescale::parse(v.get_ref()) {
            Ok(t) => match rule_for(field).and_then(|rule| check(rule, t)) {
                Some(why) => {
                    self.err(v, field, why);
                    None
                }
                None => Some(t),
            },
            Err(e) => {
                self.err(v, field, e);
                None
            }
        }
    }

    fn opt(&mut self, field: &str, v: &Option<Text>) -> Option<Timescale> {
        v.as_ref().and_then(|v| self.ts(field, v))
    }

    /// An optional field: this file's value, or else the working-together preset's (noted in
    /// `inherited`, so the protocol says the value is the council's choice, not its source's).
    fn or_default(
        &mut self,
        field: &'static str,
        v: &Option<Text>,
        fallback: Option<&Protocol>,
    ) -> Option<Timescale> {
        if v.is_some() {
            return self.opt(field, v);
        }
        let inherited = fallback.and_then(|f| f.value_of(field));
        if inherited.is_some() {
            self.inherited.push(field.to_string());
        }
        inherited
    }

    /// A field the chosen assessment model does not use is a mistake, not something to ignore.
    fn unused(&mut self, field: &str, v: &Option<Text>, model: &str) {
        if let Some(v) = v {
            self.err(
                v,
                field,
                format!(
                    "only used when assessment.model = \"{model}\"; remove it or change the model"
                ),
            );
        }
    }
}

fn model(c: &mut Ctx<'_>, a: &super::raw::RawAssessment) -> Option<AssessmentModel> {
    let m = &a.model;
    match m.get_ref().as_str() {
        "single" => {
            c.unused("assessment.first_stage", &a.first_stage, "staged");
            c.unused("assessment.initial", &a.initial, "initial-and-core");
            c.unused("assessment.core", &a.core, "initial-and-core");
            Some(AssessmentModel::Single)
        }
        "staged" => {
            c.unused("assessment.initial", &a.initial, "initial-and-core");
            c.unused("assessment.core", &a.core, "initial-and-core");
            let Some(f) = &a.first_stage else {
                c.err(
                    m,
                    "assessment.model",
                    "a staged assessment needs assessment.first_stage".into(),
                );
                return None;
            };
            c.ts("assessment.first_stage", f)
                .map(|first_stage| AssessmentModel::Staged { first_stage })
        }
        "initial-and-core" => {
            c.unused("assessment.first_stage", &a.first_stage, "staged");
            let (Some(i), Some(k)) = (&a.initial, &a.core) else {
                c.err(
                    m,
                    "assessment.model",
                    "an initial-and-core assessment needs assessment.initial and assessment.core"
                        .into(),
                );
                return None;
            };
            match (c.ts("assessment.initial", i), c.ts("assessment.core", k)) {
                (Some(initial), Some(core)) => {
                    Some(AssessmentModel::InitialAndCore { initial, core })
                }
                _ => None,
            }
        }
        other => {
            c.err(
                m,
                "assessment.model",
                format!(
                    "'{other}' is not an assessment model; use single, staged or initial-and-core"
                ),
            );
            None
        }
    }
}

/// The stages must fit inside the whole assessment (checked when all are in working days).
fn stages_fit(
    c: &mut Ctx<'_>,
    a: &super::raw::RawAssessment,
    m: &AssessmentModel,
    complete: Timescale,
) {
    let Timescale::WorkingDays(max) = complete else {
        return;
    };
    match m {
        AssessmentModel::Staged {
            first_stage: Timescale::WorkingDays(n),
        } if *n > max => {
            if let Some(f) = &a.first_stage {
                c.err(f, "assessment.first_stage", format!("the first stage ({n} working days) cannot be longer than the whole assessment ({max} working days)"));
            }
        }
        AssessmentModel::InitialAndCore {
            initial: Timescale::WorkingDays(i),
            core: Timescale::WorkingDays(k),
        } if i + k > max => {
            if let Some(v) = &a.core {
                c.err(v, "assessment.core", format!("initial ({i}) plus core ({k}) working days is longer than the whole assessment ({max} working days), which is capped by the national rule: a child and family assessment concludes no longer than 45 working days from the point of referral (Working Together 2018, ch.1 para 75; unchanged in Working Together 2023)"));
            }
        }
        _ => {}
    }
}

/// Manager checkpoints are numbered in order, so each must come after the one before.
fn checkpoints(c: &mut Ctx<'_>, raw: &[Text]) -> Vec<Timescale> {
    let mut out: Vec<Timescale> = Vec::new();
    for v in raw {
        let Some(t) = c.ts("assessment.checkpoints", v) else {
            continue;
        };
        if let Some(prev) = out.last() {
            let same_unit = std::mem::discriminant(prev) == std::mem::discriminant(&t);
            if same_unit && t.n() <= prev.n() {
                c.err(
                    v,
                    "assessment.checkpoints",
                    format!("checkpoints are listed in order: {t} does not come after {prev}"),
                );
            }
        }
        out.push(t);
    }
    out
}

/// The working-together preset, parsed once: the values a council file leaves out.
fn working_together() -> Option<&'static Protocol> {
    static WT: std::sync::OnceLock<Option<Protocol>> = std::sync::OnceLock::new();
    WT.get_or_init(|| {
        Protocol::preset_source(super::WORKING_TOGETHER).and_then(|t| parse_with(t, None).ok())
    })
    .as_ref()
}

/// Reads a protocol file; what it leaves out comes from the working-together preset.
pub fn parse(text: &str) -> Result<Protocol, Vec<ProtocolError>> {
    let own = Protocol::preset_source(super::WORKING_TOGETHER) == Some(text);
    parse_with(text, if own { None } else { working_together() })
}

/// Whether the file itself sets `field`.
fn sets(raw: &Raw, field: &str) -> bool {
    let (a, r, p) = (&raw.assessment, &raw.cin, &raw.cp);
    match field {
        "assessment.checkpoints" => !a.checkpoints.is_empty(),
        "assessment.pre_birth_before_due_date" => a.pre_birth_before_due_date.is_some(),
        "assessment.refresh" => a.refresh.is_some(),
        "assessment.agency_reply" => a.agency_reply.is_some(),
        "cin.plan_after_assessment" => r.plan_after_assessment.is_some(),
        "cin.visit_every" => r.visit_every.is_some(),
        "cin.meeting_every" => r.meeting_every.is_some(),
        "cin.first_review" => r.first_review.is_some(),
        "cin.second_review" => r.second_review.is_some(),
        "cin.review_every" => r.review_every.is_some(),
        "cin.complex_needs_panel_after" => r.complex_needs_panel_after.is_some(),
        "cin.minimum_after_cp_plan" => r.minimum_after_cp_plan.is_some(),
        "cin.step_down_minimum" => r.step_down_minimum.is_some(),
        "cp.visit_every" => p.visit_every.is_some(),
        "cp.strategy_discussion" => p.strategy_discussion.is_some(),
        "cp.missing_review_after" => p.missing_review_after.is_some(),
        "cp.core_group_every" => p.core_group_every.is_some(),
        "cp.decision_circulated" => p.decision_circulated.is_some(),
        _ => true,
    }
}

/// Each named council choice must be a timescale field of the file, and set in it.
fn council_choices(c: &mut Ctx<'_>, raw: &Raw) -> Vec<String> {
    let mut out = Vec::new();
    for v in &raw.council_choices {
        let f = v.get_ref().trim();
        if !FIELDS.contains(&f) {
            c.err(
                v,
                "council_choices",
                format!(
                    "'{f}' is not a timescale field; use one of: {}",
                    FIELDS.join(", ")
                ),
            );
        } else if rule_for(f).is_some() {
            c.err(v, "council_choices", format!("'{f}' is a national timescale, not the council's choice (a local value may only make it stricter)"));
        } else if !sets(raw, f) {
            c.err(
                v,
                "council_choices",
                format!("'{f}' is not set in this file"),
            );
        } else {
            out.push(f.to_string());
        }
    }
    out
}

fn parse_with(text: &str, fallback: Option<&Protocol>) -> Result<Protocol, Vec<ProtocolError>> {
    let raw: Raw = toml::from_str(text).map_err(|e| {
        let offset = e.span().map_or(0, |s| s.start);
        let (line, column) = line_col(text, offset);
        let message = e.message().trim().to_string();
        vec![ProtocolError {
            line,
            column,
            field: field_at(text, offset, &message),
            message,
        }]
    })?;
    let mut c = Ctx {
        text,
        errors: Vec::new(),
        inherited: Vec::new(),
    };
    let choices = council_choices(&mut c, &raw);
    let name = raw.name.get_ref();
    if name.is_empty()
        || !name
            .chars()
            .all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '-')
    {
        c.err(
            &raw.name,
            "name",
            "use lower-case letters, digits and hyphens, like \"my-council\"".into(),
        );
    }
    if *raw.version.get_ref() == 0 {
        c.err_at(
            raw.version.span().start,
            "version",
            "versions start at 1".into(),
        );
    }
    let decision = c.ts("referral.decision", &raw.referral.decision);
    let a = &raw.assessment;
    let complete = c.ts("assessment.complete", &a.complete);
    let assessment_model = model(&mut c, a);
    if let (Some(m), Some(t)) = (&assessment_model, complete) {
        stages_fit(&mut c, a, m, t);
    }
    let checkpoints = checkpoints(&mut c, &a.checkpoints);
    let f = fallback;
    let pre_birth = c.or_default(
        "assessment.pre_birth_before_due_date",
        &a.pre_birth_before_due_date,
        f,
    );
    let refresh = c.or_default("assessment.refresh", &a.refresh, f);
    let agency_reply = c.or_default("assessment.agency_reply", &a.agency_reply, f);
    let r = &raw.cin;
    let cin = CinTimescales {
        plan_after_assessment: c.or_default(
            "cin.plan_after_assessment",
            &r.plan_after_assessment,
            f,
        ),
        visit_every: c.or_default("cin.visit_every", &r.visit_every, f),
        meeting_every: c.or_default("cin.meeting_every", &r.meeting_every, f),
        first_review: c.or_default("cin.first_review", &r.first_review, f),
        second_review: c.or_default("cin.second_review", &r.second_review, f),
        review_every: c.or_default("cin.review_every", &r.review_every, f),
        complex_needs_panel_after: c.or_default(
            "cin.complex_needs_panel_after",
            &r.complex_needs_panel_after,
            f,
        ),
        minimum_after_cp_plan: c.or_default(
            "cin.minimum_after_cp_plan",
            &r.minimum_after_cp_plan,
            f,
        ),
        step_down_minimum: c.or_default("cin.step_down_minimum", &r.step_down_minimum, f),
    };
    let p = &raw.cp;
    let cp = (
        c.ts("cp.initial_conference", &p.initial_conference),
        c.ts("cp.core_group", &p.core_group),
        c.ts("cp.first_review", &p.first_review),
        c.ts("cp.review_every", &p.review_every),
        c.or_default("cp.visit_every", &p.visit_every, f),
        c.or_default("cp.missing_review_after", &p.missing_review_after, f),
    );
    let strategy_discussion = c.or_default("cp.strategy_discussion", &p.strategy_discussion, f);
    let core_group_every = c.or_default("cp.core_group_every", &p.core_group_every, f);
    let decision_circulated = c.or_default("cp.decision_circulated", &p.decision_circulated, f);
    if cp.5.is_none() && p.missing_review_after.is_none() {
        c.err_at(
            0,
            "cp.missing_review_after",
            "missing field `missing_review_after`".into(),
        );
    }
    match (decision, complete, assessment_model, cp) {
        (
            Some(referral_decision),
            Some(assessment_complete),
            Some(assessment_model),
            (Some(ic), Some(cg), Some(fr), Some(re), visit_every, Some(mr)),
        ) if c.errors.is_empty() => Ok(Protocol {
            name: raw.name.into_inner(),
            version: raw.version.into_inner(),
            title: raw.title.into_inner(),
            source: raw.source.into_inner(),
            referral_decision,
            assessment_model,
            assessment_complete,
            checkpoints,
            pre_birth_before_due_date: pre_birth,
            assessment_refresh: refresh,
            agency_reply,
            cin,
            council_choices: choices,
            inherited: c.inherited,
            cp: CpTimescales {
                strategy_discussion,
                initial_conference: ic,
                core_group: cg,
                first_review: fr,
                review_every: re,
                visit_every,
                missing_review_after: mr,
                core_group_every,
                decision_circulated,
            },
        }),
        _ => {
            c.errors.sort_by_key(|e| (e.line, e.column));
            Err(c.errors)
        }
    }
}
