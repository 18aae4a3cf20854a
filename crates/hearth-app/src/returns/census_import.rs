//! Import of a council's previous census returns (issue 16, item 6): the file is validated first
//! (every DfE rule of its year); a child whose record breaks an error rule, or whose values Hearth
//! cannot hold, is refused with messages naming the child and the element, and everything else is
//! loaded, one transaction per child with its audit row. Matched on LAchildID: a child already
//! present gains only the episodes not yet recorded (by referral date), so running the import
//! again changes nothing.

use std::collections::HashMap;
use std::io::BufReader;
use std::path::Path;

use chrono::NaiveDate;
use hearth_census::read::{validate_reader, Reader};
use hearth_census::{Child, Episode, Kind};
use hearth_domain::assessment::factors::Factor;
use hearth_domain::codes::{
    AbuseCategory, Disability, Ethnicity, PrimaryNeed, ReasonForClosure, ReferralSource, Sex,
};
use hearth_domain::errors::ValidationErrors;
use hearth_domain::ids::{PersonId, UserId};
use hearth_domain::person::{Birth, PersonDetails, PersonKind};
use hearth_domain::returns::identity::{LaChildId, UpnUnknown};
use hearth_domain::upn::Upn;
use hearth_store::audit::{AuditEntry, AuditOutcome};
use hearth_store::returns::census_import::{
    ImportAssessment, ImportCpPlan, ImportEnquiry, ImportEpisode, ImportIdentity,
};

use crate::error::{AppError, AppResult};
use crate::App;

/// What an import did.
#[derive(Debug, Clone, Default)]
pub struct ImportSummary {
    pub children_read: usize,
    pub children_added: usize,
    pub children_present: usize,
    pub episodes_added: usize,
    pub episodes_present: usize,
    /// Each refused child: its LA child ID, the element and why.
    pub refused: Vec<String>,
}

impl std::fmt::Display for ImportSummary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "Read {} children: {} added, {} already recorded; {} episodes added, {} already recorded; {} refused.",
            self.children_read,
            self.children_added,
            self.children_present,
            self.episodes_added,
            self.episodes_present,
            self.refused.len()
        )
    }
}

fn refuse_file(message: String) -> AppError {
    let mut e = ValidationErrors::default();
    e.add("file", "census_refused", message);
    AppError::Validation(e)
}

/// A child's value Hearth cannot hold, naming the element.
type Refusal = String;

fn code<T>(
    parse: impl Fn(&str) -> Result<T, hearth_domain::codes::UnknownCode>,
    v: Option<&str>,
    element: &str,
) -> Result<T, Refusal> {
    let v = v.ok_or_else(|| format!("{element} is missing"))?;
    parse(v).map_err(|e| format!("{element}: {e}"))
}

fn date(v: Option<NaiveDate>, element: &str) -> Result<NaiveDate, Refusal> {
    v.ok_or_else(|| format!("{element} is missing"))
}

fn yes(v: Option<&str>) -> bool {
    hearth_census::model::flag_true(v)
}

/// The typed records of one child, or why Hearth cannot hold them.
struct Typed {
    la_child_id: LaChildId,
    details: PersonDetails,
    identity: ImportIdentity,
    episodes: Vec<ImportEpisode>,
}

fn typed(c: &Child) -> Result<Typed, Refusal> {
    let id = c
        .la_child_id
        .as_deref()
        .ok_or("ChildIdentifiers/LAchildID is missing")?;
    let la_child_id =
        LaChildId::parse(id).map_err(|e| format!("ChildIdentifiers/LAchildID: {e}"))?;
    let upn = c
        .upn
        .as_deref()
        .map(Upn::parse)
        .transpose()
        .map_err(|e| format!("ChildIdentifiers/UPN: {e}"))?;
    if let Some(f) = c.former_upn.as_deref() {
        Upn::parse(f).map_err(|e| format!("ChildIdentifiers/FormerUPN: {e}"))?;
    }
    let unborn = c.birth_date.is_none() && c.expected_birth_date.is_some();
    let sex = match c.sex.as_deref().or(c.gender_current.as_deref()) {
        Some("M") | Some("1") => Some(Sex::Male),
        Some("F") | Some("2") => Some(Sex::Female),
        Some("U") | Some("0") if !unborn => Some(Sex::NotKnown),
        Some("9") => Some(Sex::NotSpecified),
        _ => None,
    };
    let birth = match (c.birth_date, c.expected_birth_date) {
        (Some(d), _) => Birth::Born {
            date_of_birth: Some(d),
        },
        (None, Some(e)) => Birth::Unborn {
            expected_date_of_delivery: e,
        },
        (None, None) => Birth::Born {
            date_of_birth: None,
        },
    };
    let mut disabilities = Vec::new();
    for d in &c.disabilities {
        let d = Disability::parse(d)
            .map_err(|e| format!("ChildCharacteristics/Disabilities/Disability: {e}"))?;
        if !disabilities.contains(&d) {
            disabilities.push(d);
        }
    }
    let ethnicity = c
        .ethnicity
        .as_deref()
        .map(Ethnicity::parse)
        .transpose()
        .map_err(|e| format!("ChildCharacteristics/Ethnicity: {e}"))?;
    let details = PersonDetails {
        kind: PersonKind::Child,
        given_names: String::new(),
        family_name: format!("Name not held (LA child ID {id})"),
        aliases: Vec::new(),
        birth,
        sex,
        gender_identity: None,
        ethnicity,
        first_language: None,
        communication_needs: None,
        interpreter_required: false,
        disabilities,
        nhs_number: None,
        upn,
        telephone: None,
    };
    let upn_unknown = c
        .upn_unknown
        .as_deref()
        .map(|u| {
            UpnUnknown::ALL
                .iter()
                .copied()
                .find(|x| x.code().eq_ignore_ascii_case(u.trim()))
                .ok_or_else(|| format!("ChildIdentifiers/UPNunknown: '{u}' is not UN1 to UN7"))
        })
        .transpose()?;
    let identity = ImportIdentity {
        la_child_id: la_child_id.clone(),
        former_upn: c.former_upn.clone(),
        upn_unknown,
        death_date: c.death_date,
    };
    let episodes = c
        .episodes
        .iter()
        .enumerate()
        .map(|(i, e)| episode(e).map_err(|m| format!("CINdetails[{}]/{m}", i + 1)))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Typed {
        la_child_id,
        details,
        identity,
        episodes,
    })
}

fn episode(e: &Episode) -> Result<ImportEpisode, Refusal> {
    let closure = match (e.closure_date, e.reason_for_closure.as_deref()) {
        (Some(d), Some(r)) => Some((
            d,
            code(ReasonForClosure::parse, Some(r), "ReasonForClosure")?,
        )),
        (None, None) => None,
        _ => return Err("CINclosureDate and ReasonForClosure must come together".into()),
    };
    let mut assessments = Vec::new();
    for (i, a) in e.assessments.iter().enumerate() {
        let at = |m: String| format!("Assessments[{}]/{m}", i + 1);
        let mut factors = Vec::new();
        for f in &a.factors {
            let found = Factor::find(f)
                .ok_or_else(|| at(format!("FactorsIdentifiedAtAssessment/AssessmentFactors: '{f}' is not a factor Hearth records (18A and 19A are replaced by 18B/18C and 19B/19C)")))?;
            if !factors.contains(&found) {
                factors.push(found);
            }
        }
        assessments.push(ImportAssessment {
            start: date(a.start, "AssessmentActualStartDate").map_err(at)?,
            internal_review: a.internal_review,
            authorised: a.authorisation,
            factors,
        });
    }
    let cin_plans = e
        .cin_plans
        .iter()
        .enumerate()
        .map(|(i, p)| {
            date(p.start, "CINPlanStartDate")
                .map(|s| (s, p.end))
                .map_err(|m| format!("CINPlanDates[{}]/{m}", i + 1))
        })
        .collect::<Result<Vec<_>, _>>()?;
    let enquiries = e
        .section47s
        .iter()
        .enumerate()
        .map(|(i, s)| {
            Ok(ImportEnquiry {
                start: date(s.start, "S47ActualStartDate")
                    .map_err(|m| format!("Section47[{}]/{m}", i + 1))?,
                target: s.icpc_target,
                conference: s.date_of_initial_cpc,
                not_required: yes(s.icpc_not_required.as_deref()),
            })
        })
        .collect::<Result<Vec<_>, Refusal>>()?;
    let mut cp_plans = Vec::new();
    for (i, p) in e.cp_plans.iter().enumerate() {
        let at = |m: String| format!("ChildProtectionPlans[{}]/{m}", i + 1);
        let previous = p
            .previous_plans
            .as_deref()
            .and_then(|n| n.trim().parse::<i64>().ok())
            .filter(|n| *n >= 0)
            .ok_or_else(|| at("NumberOfPreviousCPP is missing or not a whole number".into()))?;
        cp_plans.push(ImportCpPlan {
            start: date(p.start, "CPPstartDate").map_err(at)?,
            end: p.end,
            initial: code(
                AbuseCategory::parse,
                p.initial_category.as_deref(),
                "InitialCategoryOfAbuse",
            )
            .map_err(at)?,
            latest: code(
                AbuseCategory::parse,
                p.latest_category.as_deref(),
                "LatestCategoryOfAbuse",
            )
            .map_err(at)?,
            previous,
            reviews: p.reviews.iter().flatten().copied().collect(),
        });
    }
    Ok(ImportEpisode {
        referral_date: date(e.referral_date, "CINreferralDate")?,
        source: code(
            ReferralSource::parse,
            e.referral_source.as_deref(),
            "ReferralSource",
        )?,
        // A referral with no further action need not say (rule 8610): Hearth holds "not stated".
        primary_need: match e.primary_need.as_deref() {
            None if yes(e.referral_nfa.as_deref()) => PrimaryNeed::N0,
            v => code(PrimaryNeed::parse, v, "PrimaryNeedCode")?,
        },
        referral_nfa: yes(e.referral_nfa.as_deref()),
        closure,
        initial_conference: e.date_of_initial_cpc,
        assessments,
        cin_plans,
        enquiries,
        cp_plans,
    })
}

fn open(path: &Path) -> AppResult<BufReader<std::fs::File>> {
    let f = std::fs::File::open(path)
        .map_err(|e| refuse_file(format!("The file cannot be opened: {e}")))?;
    Ok(BufReader::with_capacity(1 << 16, f))
}

/// Imports a census return file, calling `progress` with the children read so far and the
/// children in the file.
pub async fn import_file(
    app: &App,
    path: &Path,
    mut progress: impl FnMut(usize, usize),
) -> AppResult<ImportSummary> {
    // Pass 1: the DfE rules over the whole file.
    let report = validate_reader(open(path)?, None).map_err(|e| {
        refuse_file(format!(
            "The file cannot be read as a CIN census return: {e}"
        ))
    })?;
    let mut refused: HashMap<String, Vec<String>> = HashMap::new();
    for i in report.issues.iter().filter(|i| i.kind == Kind::Error) {
        match &i.child {
            Some(c) => refused.entry(c.clone()).or_default().push(format!(
                "{} {}: {}",
                i.spot.path(),
                i.code,
                i.message.trim()
            )),
            None => {
                return Err(refuse_file(format!(
                    "The return breaks rule {} at {}: {} Nothing was imported.",
                    i.code,
                    i.spot.path(),
                    i.message.trim()
                )))
            }
        }
    }
    for p in &report.problems {
        match &p.child {
            Some(c) => refused
                .entry(c.clone())
                .or_default()
                .push(format!("{}: {} ('{}')", p.element, p.message, p.value)),
            None => return Err(refuse_file(format!("{p}. Nothing was imported."))),
        }
    }
    let by = import_account(app).await?;
    // Pass 2: load what passed.
    let mut summary = ImportSummary::default();
    let mut reader = Reader::new(open(path)?).map_err(|e| {
        refuse_file(format!(
            "The file cannot be read as a CIN census return: {e}"
        ))
    })?;
    while let Some(child) = reader.next_child().map_err(|e| {
        refuse_file(format!(
            "The file cannot be read as a CIN census return: {e}"
        ))
    })? {
        summary.children_read += 1;
        progress(summary.children_read, report.children);
        let name = child
            .la_child_id
            .clone()
            .unwrap_or_else(|| format!("(child {} without LAchildID)", summary.children_read));
        if let Some(why) = refused.get(&name) {
            summary
                .refused
                .push(format!("child {name}: {}", why.join("; ")));
            continue;
        }
        match typed(&child) {
            // Another import recording the same child at the same moment wins the LA child ID's
            // unique index; this one then finds the child recorded and adds nothing twice.
            Ok(t) => match load(app, &t, by, &mut summary).await {
                Err(AppError::Conflict(_)) => load(app, &t, by, &mut summary).await?,
                other => other?,
            },
            Err(why) => summary.refused.push(format!("child {name}: {why}")),
        }
    }
    Ok(summary)
}

/// Who an import from the command line is recorded as: the first administrator, or when there is
/// none yet (a council migrating into a fresh Hearth), a disabled account that exists only to be
/// named in the records and the audit log and can never sign in.
async fn import_account(app: &App) -> AppResult<UserId> {
    match import_account_once(app).await {
        // Two imports into a fresh Hearth at once: the other created the account first.
        Err(AppError::Conflict(_)) => import_account_once(app).await,
        other => other,
    }
}

async fn import_account_once(app: &App) -> AppResult<UserId> {
    const EMAIL: &str = "census-import@hearth.invalid";
    let mut tx = app.db.begin().await?;
    if let Some(admin) = tx.census_import().an_administrator().await? {
        tx.rollback().await?;
        return Ok(admin);
    }
    if let Some(u) = tx.users().by_email(EMAIL).await? {
        tx.rollback().await?;
        return Ok(u.0.id);
    }
    let now = app.clock.now();
    let team = tx.users().ensure_team("Census import", now).await?;
    let user = hearth_store::accounts::users::User {
        id: UserId::new(),
        name: "Census import (no sign-in)".into(),
        email: EMAIL.into(),
        role: hearth_domain::role::Role::Administrator,
        team,
        team_name: "Census import".into(),
        disabled: true,
    };
    let unusable = format!(
        "{:032x}{:032x}",
        rand::random::<u128>(),
        rand::random::<u128>()
    );
    let hash = crate::accounts::auth::hash_password(&unusable)?;
    tx.users().insert(&user, &hash, now).await?;
    tx.users().set_disabled(user.id, true, now).await?;
    tx.audit(
        now,
        AuditEntry {
            user: None,
            action: "user.add",
            record_type: "user",
            record_id: Some(user.id.to_string()),
            outcome: AuditOutcome::Success,
            detail: Some("the disabled account census imports are recorded as".into()),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(user.id)
}

async fn load(app: &App, t: &Typed, by: UserId, summary: &mut ImportSummary) -> AppResult<()> {
    let now = app.clock.now();
    let mut tx = app.db.begin().await?;
    let (person, known) = match tx.census_import().find(&t.la_child_id).await? {
        Some(p) => (p, tx.census_import().episode_dates(p).await?),
        None => {
            let p = PersonId::new();
            tx.people().insert(p, &t.details, None, by, now).await?;
            tx.census_import().set_identity(p, &t.identity).await?;
            (p, Vec::new())
        }
    };
    let mut added = 0;
    for e in &t.episodes {
        if known.contains(&e.referral_date) {
            summary.episodes_present += 1;
        } else {
            tx.census_import().episode(person, e, by, now).await?;
            added += 1;
        }
    }
    if known.is_empty() && added == t.episodes.len() {
        summary.children_added += 1;
    } else {
        summary.children_present += 1;
    }
    summary.episodes_added += added;
    tx.audit(
        now,
        AuditEntry {
            user: Some(by),
            action: "census.import",
            record_type: "person",
            record_id: Some(person.0.to_string()),
            outcome: AuditOutcome::Success,
            detail: Some(format!("{added} episodes from a census return")),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
