//! Reading a protocol file: TOML syntax, known fields only, typed timescales, and the national
//! caps. Every problem is reported with its line and column, the field and why; all problems are
//! reported at once, not just the first.

use serde::Serialize;

use super::duration::Timescale;
use super::national::{check, rule_for};
use super::raw::{field_at, line_col, Raw, Text};
use super::{AssessmentModel, CinTimescales, CpTimescales, Protocol};

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
                c.err(v, "assessment.core", format!("initial ({i}) plus core ({k}) working days is longer than the whole assessment ({max} working days), which is capped by the national rule: a child and family assessment concludes within 45 working days of the referral (Working Together 2023)"));
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

pub fn parse(text: &str) -> Result<Protocol, Vec<ProtocolError>> {
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
    };
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
    let pre_birth = c.opt(
        "assessment.pre_birth_before_due_date",
        &a.pre_birth_before_due_date,
    );
    let refresh = c.opt("assessment.refresh", &a.refresh);
    let r = &raw.cin;
    let cin = CinTimescales {
        plan_after_assessment: c.opt("cin.plan_after_assessment", &r.plan_after_assessment),
        visit_every: c.opt("cin.visit_every", &r.visit_every),
        meeting_every: c.opt("cin.meeting_every", &r.meeting_every),
        first_review: c.opt("cin.first_review", &r.first_review),
        second_review: c.opt("cin.second_review", &r.second_review),
        review_every: c.opt("cin.review_every", &r.review_every),
        complex_needs_panel_after: c.opt(
            "cin.complex_needs_panel_after",
            &r.complex_needs_panel_after,
        ),
        minimum_after_cp_plan: c.opt("cin.minimum_after_cp_plan", &r.minimum_after_cp_plan),
        step_down_minimum: c.opt("cin.step_down_minimum", &r.step_down_minimum),
    };
    let p = &raw.cp;
    let cp = (
        c.ts("cp.initial_conference", &p.initial_conference),
        c.ts("cp.core_group", &p.core_group),
        c.ts("cp.first_review", &p.first_review),
        c.ts("cp.review_every", &p.review_every),
        c.opt("cp.visit_every", &p.visit_every),
        c.ts("cp.missing_review_after", &p.missing_review_after),
    );
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
            cin,
            cp: CpTimescales {
                initial_conference: ic,
                core_group: cg,
                first_review: fr,
                review_every: re,
                visit_every,
                missing_review_after: mr,
            },
        }),
        _ => {
            c.errors.sort_by_key(|e| (e.line, e.column));
            Err(c.errors)
        }
    }
}
