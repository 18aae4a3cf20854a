//! Runs a ruleset over a return as it streams past: child rules on each child as it is read,
//! whole-return rules accumulating, and the header rules once. Memory holds the findings and what
//! the whole-return rules keep (identifiers seen), never the children.

use std::sync::Arc;

use chrono::NaiveDate;
use hearth_domain::calendar::Calendar;
use serde::Serialize;

use crate::model::{collection_start, Child, Header};
use crate::rules::{Check, Ctx, Kind, ReturnCheck, Rule, Ruleset, Spot};

/// One failure of one rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Issue {
    pub code: &'static str,
    pub kind: Kind,
    pub message: &'static str,
    /// The child's `LAchildID` (None for header and whole-return findings).
    pub child: Option<String>,
    /// Hearth's key for the child, when the return came from Hearth.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub child_key: Option<String>,
    pub spot: Spot,
    pub fields: &'static [&'static str],
}

/// Everything a validation found.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub ruleset: Ruleset,
    pub reference_date: NaiveDate,
    pub children: usize,
    pub errors: usize,
    pub queries: usize,
    pub issues: Vec<Issue>,
    /// Values the reader left out (dates that do not parse), each naming the child and element.
    pub problems: Vec<crate::read::ReadProblem>,
}

impl Report {
    /// Whether any error (not query) was found.
    pub fn has_errors(&self) -> bool {
        self.errors > 0 || !self.problems.is_empty()
    }
}

/// England and Wales bank holidays as the DfE's rules count working days, built once (about 30 ms)
/// and shared by every validation.
fn england() -> Arc<Calendar> {
    static CAL: std::sync::OnceLock<Arc<Calendar>> = std::sync::OnceLock::new();
    CAL.get_or_init(|| Arc::new(Calendar::england_and_wales()))
        .clone()
}

/// What the rules read beyond the child, for a census year closing on `reference_date`.
fn ctx_of(reference_date: NaiveDate, calendar: &Calendar) -> Ctx<'_> {
    Ctx {
        reference_date,
        collection_start: collection_start(reference_date),
        calendar,
    }
}

/// A validation under way.
pub struct Validator {
    ruleset: Ruleset,
    calendar: Arc<Calendar>,
    reference_date: NaiveDate,
    child_rules: Vec<&'static Rule>,
    return_rules: Vec<(&'static Rule, Box<dyn ReturnCheck>)>,
    issues: Vec<Issue>,
    children: usize,
    spots: Vec<Spot>,
}

impl Validator {
    /// Starts a validation of a return with this header under `ruleset` (the header rules run
    /// now). Only the named rules run when `only` is given.
    pub fn new(header: &Header, ruleset: Ruleset, only: Option<&[&str]>) -> Self {
        Self::with_calendar(header, ruleset, only, england())
    }

    /// As [`Validator::new`], counting working days on `calendar` (a council's bank holidays
    /// with their corrections, where it has them).
    pub fn with_calendar(
        header: &Header,
        ruleset: Ruleset,
        only: Option<&[&str]>,
        calendar: Arc<Calendar>,
    ) -> Self {
        let reference_date = header
            .reference_date
            .unwrap_or_else(|| ruleset.reference_date());
        let chosen: Vec<&'static Rule> = ruleset
            .rules()
            .into_iter()
            .filter(|r| only.is_none_or(|o| o.contains(&r.code)))
            .collect();
        let mut v = Validator {
            ruleset,
            calendar,
            reference_date,
            child_rules: Vec::new(),
            return_rules: Vec::new(),
            issues: Vec::new(),
            children: 0,
            spots: Vec::new(),
        };
        for rule in chosen {
            match &rule.check {
                Check::Header(f) => {
                    let ctx = ctx_of(v.reference_date, &v.calendar);
                    if f(header, &ctx) {
                        v.issues.push(issue(rule, None, None, Spot::Header));
                    }
                }
                Check::Child(_) => v.child_rules.push(rule),
                Check::Return(make) => v.return_rules.push((rule, make())),
            }
        }
        v
    }

    /// Runs every child rule on one child and lets the whole-return rules see it.
    pub fn child(&mut self, child: &Child) {
        self.children += 1;
        let calendar = self.calendar.clone();
        let ctx = ctx_of(self.reference_date, &calendar);
        for rule in &self.child_rules {
            if let Check::Child(f) = &rule.check {
                self.spots.clear();
                f(child, &ctx, &mut self.spots);
                for spot in self.spots.drain(..) {
                    self.issues.push(issue(
                        rule,
                        child.la_child_id.clone(),
                        child.key.clone(),
                        spot,
                    ));
                }
            }
        }
        for (_, check) in &mut self.return_rules {
            check.child(child, &ctx);
        }
    }

    /// How many findings so far (the findings of the next child start here).
    pub fn issue_count(&self) -> usize {
        self.issues.len()
    }

    /// The findings from `from` on (e.g. one child's, just checked).
    pub fn issues_since(&self, from: usize) -> &[Issue] {
        self.issues.get(from..).unwrap_or(&[])
    }

    /// Ends the validation: the whole-return rules report.
    pub fn finish(mut self) -> Report {
        let calendar = self.calendar.clone();
        let ctx = ctx_of(self.reference_date, &calendar);
        for (rule, check) in std::mem::take(&mut self.return_rules) {
            for hit in check.finish(&ctx) {
                self.issues.push(issue(rule, hit.child, None, hit.spot));
            }
        }
        let errors = self.issues.iter().filter(|i| i.kind == Kind::Error).count();
        Report {
            ruleset: self.ruleset,
            reference_date: self.reference_date,
            children: self.children,
            errors,
            queries: self.issues.len() - errors,
            issues: self.issues,
            problems: Vec::new(),
        }
    }
}

fn issue(rule: &'static Rule, child: Option<String>, key: Option<String>, spot: Spot) -> Issue {
    Issue {
        code: rule.code,
        kind: rule.kind,
        message: rule.message,
        child,
        child_key: key,
        spot,
        fields: rule.fields,
    }
}
