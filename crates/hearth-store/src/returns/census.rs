//! The census return's read side: every child with an episode of need open during a census year,
//! a page at a time in LA child ID order (memory bounded whatever the council's size), with their
//! episodes, assessments, CIN plans, section 47 enquiries, conferences and CP plans read in a few
//! queries per page (never one per child). Typed rows; what the return carries is decided above.

use chrono::NaiveDate;
use hearth_domain::assessment::factors::Factor;
use hearth_domain::codes::{
    AbuseCategory, Disability, Ethnicity, PrimaryNeed, ReasonForClosure, ReferralSource, Sex,
};
use hearth_domain::returns::identity::{LaChildId, UpnUnknown};
use uuid::Uuid;

use crate::code_tables::{decode, decode_opt};
use crate::{on_tx, Result, StoreError, Tx};

/// A child in the return, with every episode open during the year.
#[derive(Debug, Clone)]
pub struct CensusChildRow {
    pub person_id: Uuid,
    pub la_child_id: LaChildId,
    pub upn: Option<String>,
    pub former_upn: Option<String>,
    pub upn_unknown: Option<UpnUnknown>,
    pub date_of_birth: Option<NaiveDate>,
    pub expected_delivery: Option<NaiveDate>,
    pub sex: Option<Sex>,
    pub death_date: Option<NaiveDate>,
    pub ethnicity: Option<Ethnicity>,
    pub disabilities: Vec<Disability>,
    pub episodes: Vec<CensusEpisodeRow>,
}

/// An episode of need.
#[derive(Debug, Clone)]
pub struct CensusEpisodeRow {
    pub id: Uuid,
    pub referral_date: NaiveDate,
    pub source: ReferralSource,
    pub primary_need: PrimaryNeed,
    pub referral_nfa: bool,
    pub closure: Option<(NaiveDate, ReasonForClosure)>,
    pub assessments: Vec<CensusAssessmentRow>,
    pub cin_plans: Vec<CensusCinPlanRow>,
    pub enquiries: Vec<CensusEnquiryRow>,
    /// Initial conferences held without a section 47 enquiry of this episode (transfer-in).
    pub other_initial_conferences: Vec<NaiveDate>,
    pub cp_plans: Vec<CensusCpPlanRow>,
}

/// An assessment.
#[derive(Debug, Clone)]
pub struct CensusAssessmentRow {
    pub id: Uuid,
    pub start_date: NaiveDate,
    pub internal_review_date: Option<NaiveDate>,
    pub authorised_on: Option<NaiveDate>,
    pub factors: Vec<Factor>,
}

/// A CIN plan that started.
#[derive(Debug, Clone)]
pub struct CensusCinPlanRow {
    pub id: Uuid,
    pub started_on: NaiveDate,
    pub ended_on: Option<NaiveDate>,
}

/// A section 47 enquiry with its initial conference.
#[derive(Debug, Clone)]
pub struct CensusEnquiryRow {
    pub id: Uuid,
    pub started_on: NaiveDate,
    /// The strategy discussion that started it (the anchor of the conference's 15 working days).
    pub discussion_on: Option<NaiveDate>,
    pub conference_target: Option<NaiveDate>,
    pub conference_held: Option<NaiveDate>,
    pub conference_not_required: bool,
    pub concluded_on: Option<NaiveDate>,
}

/// A child protection plan with its review conferences held.
#[derive(Debug, Clone)]
pub struct CensusCpPlanRow {
    pub id: Uuid,
    pub started_on: NaiveDate,
    pub ended_on: Option<NaiveDate>,
    pub initial_category: AbuseCategory,
    pub latest_category: AbuseCategory,
    pub previous_plans: i64,
    pub reviews: Vec<NaiveDate>,
}

#[derive(sqlx::FromRow)]
struct ChildRaw {
    id: Uuid,
    la_child_id: String,
    upn: Option<String>,
    former_upn: Option<String>,
    upn_unknown: Option<String>,
    date_of_birth: Option<NaiveDate>,
    expected_date_of_delivery: Option<NaiveDate>,
    sex: Option<String>,
    death_date: Option<NaiveDate>,
    ethnicity: Option<String>,
}

#[derive(sqlx::FromRow)]
struct EpisodeRaw {
    id: Uuid,
    person_id: Uuid,
    referral_date: NaiveDate,
    source: String,
    primary_need: String,
    referral_nfa: bool,
    closure_date: Option<NaiveDate>,
    closure_reason: Option<String>,
}

#[derive(sqlx::FromRow)]
struct AssessmentRaw {
    id: Uuid,
    episode_id: Uuid,
    start_date: NaiveDate,
    internal_review_date: Option<NaiveDate>,
    authorised_on: Option<NaiveDate>,
}

#[derive(sqlx::FromRow)]
struct CinPlanRaw {
    id: Uuid,
    episode_id: Uuid,
    started_on: NaiveDate,
    ended_on: Option<NaiveDate>,
}

#[derive(sqlx::FromRow)]
struct EnquiryRaw {
    id: Uuid,
    episode_id: Uuid,
    started_on: NaiveDate,
    discussion_on: Option<NaiveDate>,
    target_on: Option<NaiveDate>,
    held_on: Option<NaiveDate>,
    icpc_target: Option<NaiveDate>,
    conference_not_required: Option<bool>,
    concluded_on: Option<NaiveDate>,
}

#[derive(sqlx::FromRow)]
struct CpPlanRaw {
    id: Uuid,
    episode_id: Uuid,
    started_on: NaiveDate,
    ended_on: Option<NaiveDate>,
    initial_category: String,
    latest_category: String,
    previous_plans: i64,
}

const CHILD_COLS: &str =
    "SELECT p.id, ci.la_child_id, p.upn, ci.former_upn, ci.upn_unknown, p.date_of_birth, \
     p.expected_date_of_delivery, p.sex, ci.death_date, p.ethnicity \
     FROM census_identity ci JOIN persons p ON p.id = ci.person_id";

/// Has an episode open at some time in the year ($2 its end, $3 its start).
const IN_YEAR: &str = "EXISTS (SELECT 1 FROM episodes e WHERE e.person_id = p.id \
     AND e.referral_date <= $2 AND (e.closure_date IS NULL OR e.closure_date >= $3))";

/// The census return's reads.
pub struct Census<'t>(&'t mut Tx);

impl Tx {
    /// The census return's reads.
    pub fn census(&mut self) -> Census<'_> {
        Census(self)
    }
}

fn corrupt(what: &str, e: impl std::fmt::Display) -> StoreError {
    StoreError::Corrupt(format!("a census {what}: {e}"))
}

impl Census<'_> {
    /// The next serial number of the return for census year `year` (1 for the first export).
    pub async fn next_serial(&mut self, year: i32) -> Result<i64> {
        let name = format!("census_serial_{year}");
        on_tx!(self.0, c => sqlx::query("INSERT INTO census_counters (name, value) VALUES ($1, 0) ON CONFLICT (name) DO NOTHING")
            .bind(&name).execute(&mut *c).await.map(|_| ()))?;
        Ok(on_tx!(self.0, c => sqlx::query_scalar::<_, i64>(
            "UPDATE census_counters SET value = value + 1 WHERE name = $1 RETURNING value")
            .bind(&name).fetch_one(&mut *c).await)?)
    }

    /// Up to `limit` children with an episode open at some time from `start` to `end`, whose LA
    /// child ID sorts after `after`, in LA child ID order, with those episodes.
    pub async fn page(
        &mut self,
        start: NaiveDate,
        end: NaiveDate,
        after: Option<&str>,
        limit: i64,
    ) -> Result<Vec<CensusChildRow>> {
        let raws = on_tx!(self.0, c => sqlx::query_as::<_, ChildRaw>(&format!(
            "{CHILD_COLS} WHERE ci.la_child_id > $1 AND {IN_YEAR} ORDER BY ci.la_child_id LIMIT $4"))
            .bind(after.unwrap_or("")).bind(end).bind(start).bind(limit)
            .fetch_all(&mut *c).await)?;
        self.fill(raws, start, end).await
    }

    /// One child's census record for the year, if they have an episode open during it.
    pub async fn child(
        &mut self,
        person: hearth_domain::ids::PersonId,
        start: NaiveDate,
        end: NaiveDate,
    ) -> Result<Option<CensusChildRow>> {
        let raws = on_tx!(self.0, c => sqlx::query_as::<_, ChildRaw>(&format!(
            "{CHILD_COLS} WHERE p.id = $1 AND {IN_YEAR}"))
            .bind(person.0).bind(end).bind(start)
            .fetch_all(&mut *c).await)?;
        Ok(self.fill(raws, start, end).await?.pop())
    }

    async fn fill(
        &mut self,
        raws: Vec<ChildRaw>,
        start: NaiveDate,
        end: NaiveDate,
    ) -> Result<Vec<CensusChildRow>> {
        let ids: Vec<Uuid> = raws.iter().map(|r| r.id).collect();
        let mut children = Vec::with_capacity(raws.len());
        for r in raws {
            children.push(CensusChildRow {
                person_id: r.id,
                la_child_id: LaChildId::parse(&r.la_child_id)
                    .map_err(|e| corrupt("LA child ID", e))?,
                upn: r.upn,
                former_upn: r.former_upn,
                upn_unknown: decode_opt(r.upn_unknown.as_deref())?,
                date_of_birth: r.date_of_birth,
                expected_delivery: r.expected_date_of_delivery,
                sex: decode_opt(r.sex.as_deref())?,
                death_date: r.death_date,
                ethnicity: decode_opt(r.ethnicity.as_deref())?,
                disabilities: Vec::new(),
                episodes: Vec::new(),
            });
        }
        if ids.is_empty() {
            return Ok(children);
        }
        let at: std::collections::HashMap<Uuid, usize> =
            ids.iter().enumerate().map(|(i, id)| (*id, i)).collect();
        let dis: Vec<(Uuid, String)> = crate::in_list::by_ids!(
            self.0,
            (Uuid, String),
            "SELECT person_id, code FROM person_disabilities WHERE person_id IN (",
            " ORDER BY person_id, code",
            &ids
        );
        for (p, code) in dis {
            if let Some(&i) = at.get(&p) {
                children[i].disabilities.push(decode(&code)?);
            }
        }
        self.episodes(&mut children, &at, &ids, start, end).await?;
        Ok(children)
    }

    async fn episodes(
        &mut self,
        children: &mut [CensusChildRow],
        at: &std::collections::HashMap<Uuid, usize>,
        ids: &[Uuid],
        start: NaiveDate,
        end: NaiveDate,
    ) -> Result<()> {
        let eps: Vec<EpisodeRaw> = crate::in_list::by_ids!(self.0, EpisodeRaw,
            "SELECT id, person_id, referral_date, source, primary_need, referral_nfa, closure_date, closure_reason \
             FROM episodes WHERE person_id IN (", " ORDER BY referral_date, created_at", ids);
        let eps: Vec<EpisodeRaw> = eps
            .into_iter()
            .filter(|e| e.referral_date <= end && e.closure_date.is_none_or(|d| d >= start))
            .collect();
        let ep_ids: Vec<Uuid> = eps.iter().map(|e| e.id).collect();
        let mut where_ep: std::collections::HashMap<Uuid, (usize, usize)> = Default::default();
        for e in eps {
            let Some(&ci) = at.get(&e.person_id) else {
                continue;
            };
            let closure = match (e.closure_date, e.closure_reason.as_deref()) {
                (Some(d), Some(r)) => Some((
                    d,
                    ReasonForClosure::parse(r).map_err(|x| corrupt("closure reason", x))?,
                )),
                _ => None,
            };
            where_ep.insert(e.id, (ci, children[ci].episodes.len()));
            children[ci].episodes.push(CensusEpisodeRow {
                id: e.id,
                referral_date: e.referral_date,
                source: ReferralSource::parse(&e.source)
                    .map_err(|x| corrupt("referral source", x))?,
                primary_need: PrimaryNeed::parse(&e.primary_need)
                    .map_err(|x| corrupt("primary need", x))?,
                referral_nfa: e.referral_nfa,
                closure,
                assessments: Vec::new(),
                cin_plans: Vec::new(),
                enquiries: Vec::new(),
                other_initial_conferences: Vec::new(),
                cp_plans: Vec::new(),
            });
        }
        if ep_ids.is_empty() {
            return Ok(());
        }
        let mut ep = |id: &Uuid| where_ep.get(id).map(|&(c, e)| (c, e));
        self.assessments(children, &mut ep, &ep_ids).await?;
        self.plans_and_enquiries(children, &mut ep, &ep_ids).await
    }

    async fn assessments(
        &mut self,
        children: &mut [CensusChildRow],
        ep: &mut impl FnMut(&Uuid) -> Option<(usize, usize)>,
        ep_ids: &[Uuid],
    ) -> Result<()> {
        let rows: Vec<AssessmentRaw> = crate::in_list::by_ids!(self.0, AssessmentRaw,
            "SELECT id, episode_id, start_date, internal_review_date, authorised_on FROM assessments WHERE episode_id IN (",
            " ORDER BY start_date, created_at", ep_ids);
        let a_ids: Vec<Uuid> = rows.iter().map(|a| a.id).collect();
        let factors: Vec<(Uuid, String)> = crate::in_list::by_ids!(
            self.0,
            (Uuid, String),
            "SELECT assessment_id, code FROM assessment_factors WHERE assessment_id IN (",
            "",
            &a_ids
        );
        let mut by_a: std::collections::HashMap<Uuid, Vec<Factor>> = Default::default();
        for (a, code) in factors {
            let f = Factor::find(&code).ok_or_else(|| corrupt("assessment factor", &code))?;
            by_a.entry(a).or_default().push(f);
        }
        for r in rows {
            let Some((c, e)) = ep(&r.episode_id) else {
                continue;
            };
            let mut factors = by_a.remove(&r.id).unwrap_or_default();
            factors.sort_by_key(|f| {
                hearth_domain::assessment::factors::FACTORS
                    .iter()
                    .position(|x| x == f)
            });
            children[c].episodes[e]
                .assessments
                .push(CensusAssessmentRow {
                    id: r.id,
                    start_date: r.start_date,
                    internal_review_date: r.internal_review_date,
                    authorised_on: r.authorised_on,
                    factors,
                });
        }
        Ok(())
    }

    async fn plans_and_enquiries(
        &mut self,
        children: &mut [CensusChildRow],
        ep: &mut impl FnMut(&Uuid) -> Option<(usize, usize)>,
        ep_ids: &[Uuid],
    ) -> Result<()> {
        let cin: Vec<CinPlanRaw> = crate::in_list::by_ids!(self.0, CinPlanRaw,
            "SELECT id, episode_id, started_on, ended_on FROM cin_plans WHERE started_on IS NOT NULL AND episode_id IN (",
            " ORDER BY started_on", ep_ids);
        for r in cin {
            let Some((c, e)) = ep(&r.episode_id) else {
                continue;
            };
            children[c].episodes[e].cin_plans.push(CensusCinPlanRow {
                id: r.id,
                started_on: r.started_on,
                ended_on: r.ended_on,
            });
        }
        let enq: Vec<EnquiryRaw> = crate::in_list::by_ids!(self.0, EnquiryRaw,
            "SELECT q.id, q.episode_id, q.started_on, d.held_on AS discussion_on, f.target_on, \
             CASE WHEN f.status = 'held' THEN f.held_on END AS held_on, q.conference_not_required, q.concluded_on, q.icpc_target \
             FROM s47_enquiries q LEFT JOIN strategy_discussions d ON d.id = q.discussion_id \
             LEFT JOIN cp_conferences f ON f.enquiry_id = q.id AND f.status <> 'cancelled' \
             WHERE q.episode_id IN (", " ORDER BY q.started_on", ep_ids);
        for r in enq {
            let Some((c, e)) = ep(&r.episode_id) else {
                continue;
            };
            children[c].episodes[e].enquiries.push(CensusEnquiryRow {
                id: r.id,
                started_on: r.started_on,
                discussion_on: r.discussion_on,
                conference_target: r.target_on.or(r.icpc_target),
                conference_held: r.held_on,
                conference_not_required: r.conference_not_required.unwrap_or(false),
                concluded_on: r.concluded_on,
            });
        }
        let other: Vec<(Uuid, NaiveDate)> = crate::in_list::by_ids!(self.0, (Uuid, NaiveDate),
            "SELECT episode_id, held_on FROM cp_conferences WHERE status = 'held' AND enquiry_id IS NULL \
             AND kind <> 'review' AND episode_id IN (", " ORDER BY held_on", ep_ids);
        for (id, on) in other {
            if let Some((c, e)) = ep(&id) {
                children[c].episodes[e].other_initial_conferences.push(on);
            }
        }
        self.cp_plans(children, ep, ep_ids).await
    }

    async fn cp_plans(
        &mut self,
        children: &mut [CensusChildRow],
        ep: &mut impl FnMut(&Uuid) -> Option<(usize, usize)>,
        ep_ids: &[Uuid],
    ) -> Result<()> {
        let plans: Vec<CpPlanRaw> = crate::in_list::by_ids!(self.0, CpPlanRaw,
            "SELECT id, episode_id, started_on, ended_on, initial_category, latest_category, CAST(previous_plans AS BIGINT) AS previous_plans \
             FROM cp_plans WHERE episode_id IN (", " ORDER BY started_on", ep_ids);
        let p_ids: Vec<Uuid> = plans.iter().map(|p| p.id).collect();
        let reviews: Vec<(Uuid, NaiveDate)> = crate::in_list::by_ids!(self.0, (Uuid, NaiveDate),
            "SELECT plan_id, held_on FROM cp_conferences WHERE kind = 'review' AND status = 'held' AND plan_id IN (",
            " ORDER BY held_on", &p_ids);
        let mut by_plan: std::collections::HashMap<Uuid, Vec<NaiveDate>> = Default::default();
        for (p, on) in reviews {
            by_plan.entry(p).or_default().push(on);
        }
        for r in plans {
            let Some((c, e)) = ep(&r.episode_id) else {
                continue;
            };
            children[c].episodes[e].cp_plans.push(CensusCpPlanRow {
                id: r.id,
                started_on: r.started_on,
                ended_on: r.ended_on,
                initial_category: decode(&r.initial_category)?,
                latest_category: decode(&r.latest_category)?,
                previous_plans: r.previous_plans,
                reviews: by_plan.remove(&r.id).unwrap_or_default(),
            });
        }
        Ok(())
    }
}
