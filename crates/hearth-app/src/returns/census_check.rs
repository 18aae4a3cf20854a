//! The DfE census rules where the work is done (issue 16, item 4): a child's findings today with
//! the page that fixes each; the point-of-entry guard (a save that would break an error rule is
//! refused with the rule in words; a new query is listed for a reason, which is kept); and the
//! census readiness list, all year round, for the performance analyst.

use std::collections::HashSet;

use chrono::NaiveDate;
use hearth_census::{Child, Issue, Kind, Ruleset, Spot, Validator};
use hearth_domain::authz::GeneralAction;
use hearth_domain::calendar::Calendar;
use hearth_domain::errors::ValidationErrors;
use hearth_domain::ids::PersonId;
use hearth_store::audit::{AuditEntry, AuditOutcome};
use hearth_store::Tx;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::census_map::{census_child, CensusPages, CensusYear};
use crate::accounts::auth::Principal;
use crate::error::{AppError, AppResult};
use crate::App;

/// One rule a child's record breaks, with where and the page that fixes it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CensusFinding {
    /// The DfE rule code, e.g. `8840` or `8670Q`.
    pub code: String,
    #[schema(value_type = String)]
    pub kind: Kind,
    pub message: String,
    pub la_child_id: Option<String>,
    pub person_id: Option<uuid::Uuid>,
    /// Where in the child's census record, as the DfE's elements name it.
    pub place: String,
    /// The page that fixes it.
    pub fix: Option<String>,
    /// For a query: whether a reason has been given.
    pub explained: bool,
}

/// Identifier and characteristic fields fixed on the person's own record.
const PERSON_FIELDS: &[&str] = &[
    "Ethnicity",
    "Disability",
    "Sex",
    "GenderCurrent",
    "PersonBirthDate",
    "ExpectedPersonBirthDate",
    "UPN",
];

fn fix_link(child: &Child, issue: &Issue) -> Option<String> {
    let person = child.key.as_deref()?;
    let ep = |i: usize| child.episodes.get(i);
    Some(match issue.spot {
        Spot::Header | Spot::Return => return None,
        Spot::Child => {
            if issue.fields.iter().any(|f| PERSON_FIELDS.contains(f)) {
                format!("/people/{person}/edit")
            } else {
                format!("/people/{person}/census")
            }
        }
        Spot::Assessment {
            episode,
            assessment,
        } => match ep(episode)
            .and_then(|e| e.assessments.get(assessment))
            .and_then(|a| a.key.as_deref())
        {
            Some(a) => format!("/assessments/{a}"),
            None => format!("/people/{person}"),
        },
        Spot::CinPlan { .. } => format!("/people/{person}/cin-plan"),
        Spot::Section47 { .. } | Spot::CpPlan { .. } | Spot::Review { .. } => {
            format!("/people/{person}/child-protection")
        }
        Spot::Episode { .. } => format!("/people/{person}"),
    })
}

fn finding(child: &Child, issue: &Issue, explained: bool) -> CensusFinding {
    CensusFinding {
        code: issue.code.to_string(),
        kind: issue.kind,
        message: issue.message.trim().to_string(),
        la_child_id: issue.child.clone(),
        person_id: child.key.as_deref().and_then(|k| k.parse().ok()),
        place: issue.spot.path(),
        fix: fix_link(child, issue),
        explained,
    }
}

/// The census years a save today can change: the year under way, and until the return is
/// made in the summer, the year just ended.
fn years_open(today: NaiveDate) -> Vec<(CensusYear, Ruleset)> {
    use chrono::Datelike;
    let mut out = Vec::new();
    if let Some(y) = CensusYear::containing(today) {
        if today.month() <= 6 && today.month() >= 4 {
            if let Some(prev) = CensusYear::ending(y.year() - 1) {
                out.extend(Ruleset::for_reference_date(prev.end).map(|r| (prev, r)));
            }
        }
        out.extend(Ruleset::for_reference_date(y.end).map(|r| (y, r)));
    }
    out
}

/// The council's calendar (for Hearth's own timescales) and the census's (bank holidays with
/// their corrections, which the DfE rules count working days on).
type Calendars = (std::sync::Arc<Calendar>, std::sync::Arc<Calendar>);

/// One child's findings for a census year, with the child's record as the return carries it.
async fn child_findings(
    tx: &mut Tx,
    person: PersonId,
    y: CensusYear,
    rules: Ruleset,
    (cal, census_cal): &Calendars,
) -> AppResult<Option<(Child, Vec<Issue>)>> {
    let Some(row) = tx.census().child(person, y.start, y.end).await? else {
        return Ok(None);
    };
    let child = census_child(&row, y, cal);
    let mut v = Validator::with_calendar(&y.header(), rules, None, census_cal.clone());
    v.child(&child);
    let issues = v.issues_since(0).to_vec();
    Ok(Some((child, issues)))
}

/// What a child's record broke before a save, to tell what the save breaks.
pub(crate) struct CensusBaseline(HashSet<(i32, &'static str, String)>);

/// The record a finding is about, by Hearth's own key where the return carries one (so a save
/// that adds an item before it, shifting the return's order, does not make an old finding look
/// new), else by its place.
fn spot_key(child: &Child, spot: &Spot) -> String {
    let ep = |i: usize| child.episodes.get(i);
    let key = match *spot {
        Spot::Episode { episode } => ep(episode).and_then(|e| e.key.clone()),
        Spot::Assessment {
            episode,
            assessment,
        } => ep(episode).and_then(|e| e.assessments.get(assessment)?.key.clone()),
        Spot::CinPlan { episode, plan } => {
            ep(episode).and_then(|e| e.cin_plans.get(plan)?.key.clone())
        }
        Spot::Section47 { episode, enquiry } => {
            ep(episode).and_then(|e| e.section47s.get(enquiry)?.key.clone())
        }
        Spot::CpPlan { episode, plan } => {
            ep(episode).and_then(|e| e.cp_plans.get(plan)?.key.clone())
        }
        Spot::Review {
            episode,
            plan,
            review,
        } => ep(episode)
            .and_then(|e| e.cp_plans.get(plan)?.key.clone())
            .map(|k| format!("{k}/review/{review}")),
        Spot::Header | Spot::Return | Spot::Child => None,
    };
    key.unwrap_or_else(|| spot.path())
}

/// Identifier and characteristic fields: errors about them are listed, never block casework.
const IDENTITY_FIELDS: &[&str] = &[
    "LAchildID",
    "UPN",
    "FormerUPN",
    "UPNunknown",
    "Sex",
    "GenderCurrent",
    "Ethnicity",
    "Disability",
];

fn blocking(i: &Issue) -> bool {
    // Identifier and characteristic errors never block casework (a referral is recorded whether
    // or not the child's disability is known yet): the child's safety comes first, and the
    // readiness list and the child's census page carry them.
    i.kind == Kind::Error
        && !matches!(i.spot, Spot::Child | Spot::Header | Spot::Return)
        && !i.fields.iter().any(|f| IDENTITY_FIELDS.contains(f))
}

impl App {
    /// The child's census findings before a save (in the save's transaction).
    pub(crate) async fn census_baseline(
        tx: &mut Tx,
        person: PersonId,
        today: NaiveDate,
    ) -> AppResult<CensusBaseline> {
        let cal = Self::calendars_in(tx).await?;
        let mut seen = HashSet::new();
        for (y, rules) in years_open(today) {
            if let Some((child, issues)) = child_findings(tx, person, y, rules, &cal).await? {
                seen.extend(
                    issues
                        .iter()
                        .map(|i| (y.year(), i.code, spot_key(&child, &i.spot))),
                );
            }
        }
        Ok(CensusBaseline(seen))
    }

    /// Refuses a save (before commit) that breaks a census error rule the record did not
    /// already break, naming the rule and where in words; nothing is written.
    pub(crate) async fn census_guard(
        tx: &mut Tx,
        person: PersonId,
        today: NaiveDate,
        before: &CensusBaseline,
    ) -> AppResult<()> {
        let cal = Self::calendars_in(tx).await?;
        let mut e = ValidationErrors::default();
        for (y, rules) in years_open(today) {
            let Some((child, issues)) = child_findings(tx, person, y, rules, &cal).await? else {
                continue;
            };
            for i in issues.iter().filter(|i| blocking(i)) {
                if !before
                    .0
                    .contains(&(y.year(), i.code, spot_key(&child, &i.spot)))
                {
                    e.add(
                        "census",
                        "census_rule",
                        format!(
                            "This would break DfE census rule {} for {} (at {}): {}. Nothing has been saved; correct the date or detail and save again.",
                            i.code,
                            y.year(),
                            i.spot.path(),
                            i.message.trim()
                        ),
                    );
                }
            }
        }
        if e.is_empty() {
            Ok(())
        } else {
            Err(AppError::Validation(e))
        }
    }

    /// The child's census findings today (for their census page), with reasons given.
    pub(crate) async fn census_findings_in(
        tx: &mut Tx,
        person: PersonId,
        today: NaiveDate,
    ) -> AppResult<Vec<CensusFinding>> {
        let cal = Self::calendars_in(tx).await?;
        let explained: HashSet<(String, String)> = tx
            .census_reasons()
            .explained(&[person.0])
            .await?
            .into_iter()
            .map(|(_, c, s)| (c, s))
            .collect();
        let mut out = Vec::new();
        for (y, rules) in years_open(today) {
            if let Some((child, issues)) = child_findings(tx, person, y, rules, &cal).await? {
                for i in &issues {
                    let done = i.kind == Kind::Query
                        && explained.contains(&(i.code.to_string(), i.spot.path()));
                    out.push(finding(&child, i, done));
                }
            }
        }
        Ok(out)
    }
}

/// A reason for a census query on the child's record.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct QueryReasonInput {
    /// The rule code, e.g. `8670Q`.
    #[serde(default)]
    pub code: String,
    /// Where, as the finding names it.
    #[serde(default)]
    pub place: String,
    #[serde(default)]
    pub reason: String,
}

impl App {
    /// Keeps a worker's reason for a census query the child's record raises today.
    #[tracing::instrument(skip_all)]
    pub async fn explain_census_query(
        &self,
        p: &Principal,
        person: PersonId,
        input: &QueryReasonInput,
    ) -> AppResult<()> {
        let now = self.clock.now();
        let today = self.clock.today();
        let tx = self.db.begin().await?;
        let (mut tx, _access) = self
            .write_access(tx, p, person, "census-query.explain")
            .await?;
        let mut e = ValidationErrors::default();
        let reason = input.reason.trim();
        if reason.is_empty() {
            e.add(
                "reason",
                "required",
                "Give the reason the query is right for this child",
            );
        } else if reason.chars().count() > 2000 {
            e.add(
                "reason",
                "too_long",
                "The reason must be 2,000 characters or fewer",
            );
        }
        let findings = Self::census_findings_in(&mut tx, person, today).await?;
        let open = findings
            .iter()
            .any(|f| f.kind == Kind::Query && f.code == input.code && f.place == input.place);
        if !open {
            e.add(
                "code",
                "not_a_query",
                "This child's record does not raise that census query today",
            );
        }
        if !e.is_empty() {
            return Err(AppError::Validation(e));
        }
        tx.census_reasons()
            .add(person, &input.code, &input.place, reason, p.user.id, now)
            .await?;
        tx.audit_about(
            now,
            person.0,
            AuditEntry {
                user: Some(p.user.id),
                action: "census-query.explain",
                record_type: "person",
                record_id: Some(person.0.to_string()),
                outcome: AuditOutcome::Success,
                detail: Some(format!("{} at {}", input.code, input.place)),
            },
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
}

/// Every child whose record would fail a rule today.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ReadinessView {
    pub year: i32,
    pub reference_date: NaiveDate,
    pub ruleset: String,
    pub children_checked: usize,
    pub errors: usize,
    pub queries: usize,
    /// Queries with a reason given.
    pub explained: usize,
    pub findings: Vec<CensusFinding>,
}

impl App {
    /// The census readiness list for the year ending 31 March `year` (the year under way when
    /// `None`): every child's findings under every rule, whole-return findings last.
    pub async fn census_readiness(
        &self,
        p: &Principal,
        year: Option<i32>,
    ) -> AppResult<ReadinessView> {
        self.allow(p, GeneralAction::CensusReturn).await?;
        let now = self.clock.now();
        let year = year.unwrap_or_else(|| self.current_census_year());
        let (y, rules) = super::census_export::census_year(year)?;
        let h = y.header();
        let mut findings = Vec::new();
        let mut tx = self.db.read().await?;
        let (cal, census_cal) = Self::calendars_in(&mut tx).await?;
        let mut v = Validator::with_calendar(&h, rules, None, census_cal);
        let mut pages = CensusPages::new(y);
        while let Some(page) = pages.next(&mut tx).await? {
            let ids: Vec<uuid::Uuid> = page.iter().map(|r| r.person_id).collect();
            let explained: HashSet<(uuid::Uuid, String, String)> = tx
                .census_reasons()
                .explained(&ids)
                .await?
                .into_iter()
                .collect();
            for row in &page {
                let child = census_child(row, y, &cal);
                let from = v.issue_count();
                v.child(&child);
                for i in v.issues_since(from) {
                    let done = i.kind == Kind::Query
                        && explained.contains(&(row.person_id, i.code.to_string(), i.spot.path()));
                    findings.push(finding(&child, i, done));
                }
            }
        }
        let report = v.finish();
        let empty = Child::default();
        let returned: Vec<CensusFinding> = report
            .issues
            .iter()
            .filter(|i| matches!(i.spot, Spot::Return | Spot::Header))
            .map(|i| finding(&empty, i, false))
            .collect();
        findings.extend(returned);
        let errors = findings.iter().filter(|f| f.kind == Kind::Error).count();
        let explained = findings.iter().filter(|f| f.explained).count();
        let row = AuditEntry {
            user: Some(p.user.id),
            action: "census.readiness",
            record_type: "return",
            record_id: Some(format!("CIN {}", y.year())),
            outcome: AuditOutcome::Success,
            detail: Some(format!("{} children checked", report.children)),
        };
        let shown: HashSet<uuid::Uuid> = findings.iter().filter_map(|f| f.person_id).collect();
        let shown = shown.into_iter().map(PersonId);
        self.audited(tx, vec![crate::read_row_showing(now, row, shown)])
            .await?;
        Ok(ReadinessView {
            year: y.year(),
            reference_date: y.end,
            ruleset: rules.name().to_string(),
            children_checked: report.children,
            errors,
            queries: findings.len() - errors,
            explained,
            findings,
        })
    }
}
