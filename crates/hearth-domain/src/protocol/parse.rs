//! Reading a protocol file: TOML syntax, known fields only, typed timescales, and the national
//! caps. Every problem is reported with its line, the field and why.

use serde::Deserialize;

use super::duration::Timescale;
use super::national::{check, rule_for};
use super::{AssessmentModel, CinTimescales, CpTimescales, Protocol};

/// One problem in a protocol file.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
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

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    name: String,
    version: u32,
    title: String,
    source: String,
    referral: RawReferral,
    assessment: RawAssessment,
    #[serde(default)]
    cin: RawCin,
    cp: RawCp,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawReferral {
    decision: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAssessment {
    model: String,
    complete: String,
    first_stage: Option<String>,
    initial: Option<String>,
    core: Option<String>,
    #[serde(default)]
    checkpoints: Vec<String>,
    pre_birth_before_due_date: Option<String>,
    refresh: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawCin {
    plan_after_assessment: Option<String>,
    visit_every: Option<String>,
    meeting_every: Option<String>,
    first_review: Option<String>,
    second_review: Option<String>,
    review_every: Option<String>,
    complex_needs_panel_after: Option<String>,
    minimum_after_cp_plan: Option<String>,
    step_down_minimum: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCp {
    initial_conference: String,
    core_group: String,
    first_review: String,
    review_every: String,
    visit_every: Option<String>,
    missing_review_after: String,
}

fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let col = before
        .rfind('\n')
        .map_or(before.len(), |i| before.len() - i - 1)
        + 1;
    (line, col)
}

/// The line of `key` inside `[section]` (or at the top when `section` is empty).
fn line_of(text: &str, path: &str) -> usize {
    let (section, key) = path.split_once('.').unwrap_or(("", path));
    let mut in_section = section.is_empty();
    for (i, raw) in text.lines().enumerate() {
        let l = raw.trim();
        if l.starts_with('[') {
            in_section = l.trim_matches(|c| c == '[' || c == ']').trim() == section;
            continue;
        }
        if in_section && l.split('=').next().map(str::trim) == Some(key) {
            return i + 1;
        }
    }
    1
}

struct Ctx<'a> {
    text: &'a str,
    errors: Vec<ProtocolError>,
}

impl Ctx<'_> {
    fn err(&mut self, field: &str, message: String) {
        self.errors.push(ProtocolError {
            line: line_of(self.text, field),
            column: 1,
            field: field.to_string(),
            message,
        });
    }
    fn ts(&mut self, field: &str, v: &str) -> Option<Timescale> {
        match Timescale::parse(v) {
            Ok(t) => {
                if let Some(rule) = rule_for(field) {
                    if let Some(why) = check(rule, t) {
                        self.err(field, why);
                        return None;
                    }
                }
                Some(t)
            }
            Err(e) => {
                self.err(field, e);
                None
            }
        }
    }
    fn opt(&mut self, field: &str, v: &Option<String>) -> Option<Timescale> {
        v.as_deref().and_then(|v| self.ts(field, v))
    }
}

pub fn parse(text: &str) -> Result<Protocol, Vec<ProtocolError>> {
    let raw: Raw = toml::from_str(text).map_err(|e| {
        let (line, column) = e.span().map_or((1, 1), |s| line_col(text, s.start));
        let msg = e.message().to_string();
        let field = msg.split('`').nth(1).unwrap_or("file").to_string();
        vec![ProtocolError {
            line,
            column,
            field,
            message: msg,
        }]
    })?;
    let mut c = Ctx {
        text,
        errors: Vec::new(),
    };
    if raw.name.trim().is_empty()
        || !raw
            .name
            .chars()
            .all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit() || ch == '-')
    {
        c.err(
            "name",
            "use lower-case letters, digits and hyphens, like \"my-council\"".into(),
        );
    }
    if raw.version == 0 {
        c.err("version", "versions start at 1".into());
    }
    let decision = c.ts("referral.decision", &raw.referral.decision);
    let complete = c.ts("assessment.complete", &raw.assessment.complete);
    let a = &raw.assessment;
    let model = match a.model.as_str() {
        "single" => Some(AssessmentModel::Single),
        "staged" => match &a.first_stage {
            Some(f) => c
                .ts("assessment.first_stage", f)
                .map(|first_stage| AssessmentModel::Staged { first_stage }),
            None => {
                c.err(
                    "assessment.model",
                    "a staged assessment needs assessment.first_stage".into(),
                );
                None
            }
        },
        "initial-and-core" => {
            match (&a.initial, &a.core) {
                (Some(i), Some(k)) => {
                    match (c.ts("assessment.initial", i), c.ts("assessment.core", k)) {
                        (Some(initial), Some(core)) => {
                            Some(AssessmentModel::InitialAndCore { initial, core })
                        }
                        _ => None,
                    }
                }
                _ => {
                    c.err("assessment.model", "an initial-and-core assessment needs assessment.initial and assessment.core".into());
                    None
                }
            }
        }
        other => {
            c.err(
                "assessment.model",
                format!(
                    "'{other}' is not an assessment model; use single, staged or initial-and-core"
                ),
            );
            None
        }
    };
    if let (Some(model), Some(Timescale::WorkingDays(max))) = (&model, complete) {
        let total = match model {
            AssessmentModel::Single => None,
            AssessmentModel::Staged { first_stage } => {
                Some((first_stage, "assessment.first_stage"))
            }
            AssessmentModel::InitialAndCore { .. } => None,
        };
        if let Some((Timescale::WorkingDays(n), f)) = total {
            if *n > max {
                c.err(f, format!("the first stage ({n} working days) cannot be longer than the whole assessment ({max} working days)"));
            }
        }
        if let AssessmentModel::InitialAndCore {
            initial: Timescale::WorkingDays(i),
            core: Timescale::WorkingDays(k),
        } = model
        {
            if i + k > 45 {
                c.err("assessment.core", format!("initial ({i}) plus core ({k}) working days relaxes the national rule: a child and family assessment concludes within 45 working days of the referral (Working Together 2023)"));
            }
        }
    }
    let checkpoints: Vec<Timescale> = a
        .checkpoints
        .iter()
        .filter_map(|v| c.ts("assessment.checkpoints", v))
        .collect();
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
    match (decision, complete, model, cp) {
        (
            Some(referral_decision),
            Some(assessment_complete),
            Some(assessment_model),
            (Some(ic), Some(cg), Some(fr), Some(re), visit_every, Some(mr)),
        ) if c.errors.is_empty() => Ok(Protocol {
            name: raw.name,
            version: raw.version,
            title: raw.title,
            source: raw.source,
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
        _ => Err(c.errors),
    }
}
