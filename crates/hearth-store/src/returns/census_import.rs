//! Writes a child brought in from a council's previous census return: the person with their
//! census identity (the LA child ID from the file, never a new one), then each episode with its
//! assessments, CIN plans, section 47 enquiries (each with the strategy discussion that started
//! it), initial conferences, CP plans and review conferences. The census does not carry names,
//! reasons or workers: what it does not say is recorded as not known, never invented.

use chrono::{DateTime, NaiveDate, Utc};
use hearth_domain::assessment::factors::Factor;
use hearth_domain::codes::{AbuseCategory, PrimaryNeed, ReasonForClosure, ReferralSource};
use hearth_domain::ids::{PersonId, UserId};
use hearth_domain::returns::identity::{LaChildId, UpnUnknown};
use uuid::Uuid;

use crate::{on_tx, Result, Tx};

/// An episode as the return carries it.
#[derive(Debug, Clone)]
pub struct ImportEpisode {
    pub referral_date: NaiveDate,
    pub source: ReferralSource,
    pub primary_need: PrimaryNeed,
    pub referral_nfa: bool,
    pub closure: Option<(NaiveDate, ReasonForClosure)>,
    /// An initial conference recorded on the episode rather than an enquiry.
    pub initial_conference: Option<NaiveDate>,
    pub assessments: Vec<ImportAssessment>,
    pub cin_plans: Vec<(NaiveDate, Option<NaiveDate>)>,
    pub enquiries: Vec<ImportEnquiry>,
    pub cp_plans: Vec<ImportCpPlan>,
}

#[derive(Debug, Clone)]
pub struct ImportAssessment {
    pub start: NaiveDate,
    pub internal_review: Option<NaiveDate>,
    pub authorised: Option<NaiveDate>,
    pub factors: Vec<Factor>,
}

#[derive(Debug, Clone)]
pub struct ImportEnquiry {
    pub start: NaiveDate,
    pub target: Option<NaiveDate>,
    pub conference: Option<NaiveDate>,
    pub not_required: bool,
}

#[derive(Debug, Clone)]
pub struct ImportCpPlan {
    pub start: NaiveDate,
    pub end: Option<NaiveDate>,
    pub initial: AbuseCategory,
    pub latest: AbuseCategory,
    pub previous: i64,
    pub reviews: Vec<NaiveDate>,
}

/// The census identity the file gives.
#[derive(Debug, Clone)]
pub struct ImportIdentity {
    pub la_child_id: LaChildId,
    pub former_upn: Option<String>,
    pub upn_unknown: Option<UpnUnknown>,
    pub death_date: Option<NaiveDate>,
}

/// Writes imported records.
pub struct CensusImport<'t>(&'t mut Tx);

impl Tx {
    /// Writes imported census records.
    pub fn census_import(&mut self) -> CensusImport<'_> {
        CensusImport(self)
    }
}

const NOT_HELD: &str =
    "Not held: imported from a previous system's CIN census return, which does not carry it.";

impl CensusImport<'_> {
    /// The person with this LA child ID, if any.
    pub async fn find(&mut self, id: &LaChildId) -> Result<Option<PersonId>> {
        let p = on_tx!(self.0, c => sqlx::query_scalar::<_, Uuid>(
            "SELECT person_id FROM census_identity WHERE la_child_id = $1")
            .bind(id.as_str()).fetch_optional(&mut *c).await)?;
        Ok(p.map(PersonId))
    }

    /// The referral dates of the person's episodes already recorded.
    pub async fn episode_dates(&mut self, person: PersonId) -> Result<Vec<NaiveDate>> {
        Ok(on_tx!(self.0, c => sqlx::query_scalar::<_, NaiveDate>(
            "SELECT referral_date FROM episodes WHERE person_id = $1")
            .bind(person.0).fetch_all(&mut *c).await)?)
    }

    /// The administrator an import from the command line is recorded as, if there is one.
    pub async fn an_administrator(&mut self) -> Result<Option<UserId>> {
        let u = on_tx!(self.0, c => sqlx::query_scalar::<_, Uuid>(
            "SELECT id FROM users WHERE role = 'administrator' AND disabled = false ORDER BY created_at LIMIT 1")
            .fetch_optional(&mut *c).await)?;
        Ok(u.map(UserId))
    }

    /// Replaces the census identity just allocated to a new person with the file's, and keeps
    /// the allocation counter past an imported ID of Hearth's own form.
    pub async fn set_identity(&mut self, person: PersonId, i: &ImportIdentity) -> Result<()> {
        on_tx!(self.0, c => sqlx::query(
            "UPDATE census_identity SET la_child_id = $1, former_upn = $2, upn_unknown = $3, death_date = $4 WHERE person_id = $5")
            .bind(i.la_child_id.as_str()).bind(&i.former_upn).bind(i.upn_unknown.map(|u| u.code()))
            .bind(i.death_date).bind(person.0).execute(&mut *c).await.map(|_| ()))?;
        if let Some(n) = i
            .la_child_id
            .as_str()
            .strip_prefix("HC")
            .and_then(|d| (d.len() == 7).then(|| d.parse::<i64>().ok()).flatten())
        {
            on_tx!(self.0, c => sqlx::query(
                "UPDATE census_counters SET value = $1 WHERE name = 'la_child_id' AND value < $1")
                .bind(n).execute(&mut *c).await.map(|_| ()))?;
        }
        Ok(())
    }

    /// Writes one episode with everything in it.
    pub async fn episode(
        &mut self,
        person: PersonId,
        e: &ImportEpisode,
        by: UserId,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let ep = Uuid::new_v4();
        on_tx!(self.0, c => sqlx::query(
            "INSERT INTO episodes (id, person_id, referral_date, source, primary_need, referral_nfa, closure_date, closure_reason, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)")
            .bind(ep).bind(person.0).bind(e.referral_date).bind(e.source.code()).bind(e.primary_need.code())
            .bind(e.referral_nfa).bind(e.closure.map(|c| c.0)).bind(e.closure.map(|c| c.1.code())).bind(now)
            .execute(&mut *c).await.map(|_| ()))?;
        for a in &e.assessments {
            self.assessment(person, ep, e.referral_date, a, by, now)
                .await?;
        }
        for (start, end) in &e.cin_plans {
            on_tx!(self.0, c => sqlx::query(
                "INSERT INTO cin_plans (id, person_id, episode_id, status, created_by, created_at, started_on, ended_on, version) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 1)")
                .bind(Uuid::new_v4()).bind(person.0).bind(ep).bind(if end.is_some() { "ended" } else { "open" })
                .bind(by.0).bind(now).bind(*start).bind(*end).execute(&mut *c).await.map(|_| ()))?;
        }
        let mut conferences: Vec<(NaiveDate, Uuid)> = Vec::new();
        for q in &e.enquiries {
            if let Some(held) = self.enquiry(person, ep, q, by, now).await? {
                conferences.push(held);
            }
        }
        if let Some(on) = e.initial_conference {
            conferences.push((
                on,
                self.conference(person, ep, None, on, on, by, now).await?,
            ));
        }
        let closed_for = e.closure.map(|c| c.1);
        for p in &e.cp_plans {
            let conf = match conferences.iter().position(|(d, _)| *d == p.start) {
                Some(i) => conferences.remove(i).1,
                None => {
                    self.conference(person, ep, None, p.start, p.start, by, now)
                        .await?
                }
            };
            self.cp_plan(person, ep, conf, p, closed_for, by, now)
                .await?;
        }
        Ok(())
    }

    async fn assessment(
        &mut self,
        person: PersonId,
        ep: Uuid,
        referral_date: NaiveDate,
        a: &ImportAssessment,
        by: UserId,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let id = Uuid::new_v4();
        let status = if a.authorised.is_some() {
            "authorised"
        } else {
            "in-progress"
        };
        on_tx!(self.0, c => sqlx::query(
            "INSERT INTO assessments (id, person_id, episode_id, origin, origin_note, referral_date, start_date, status, \
             completed_on, authorised_on, created_by, created_at, version, internal_review_date) \
             VALUES ($1, $2, $3, 'referral-decision', $4, $5, $6, $7, $8, $8, $9, $10, 1, $11)")
            .bind(id).bind(person.0).bind(ep).bind(NOT_HELD).bind(referral_date.min(a.start)).bind(a.start)
            .bind(status).bind(a.authorised).bind(by.0).bind(now).bind(a.internal_review)
            .execute(&mut *c).await.map(|_| ()))?;
        for f in &a.factors {
            on_tx!(self.0, c => sqlx::query("INSERT INTO assessment_factors (assessment_id, code) VALUES ($1, $2)")
                .bind(id).bind(f.code).execute(&mut *c).await.map(|_| ()))?;
        }
        Ok(())
    }

    /// Writes an enquiry with its strategy discussion; returns its initial conference (date and
    /// id) when one was held.
    async fn enquiry(
        &mut self,
        person: PersonId,
        ep: Uuid,
        q: &ImportEnquiry,
        by: UserId,
        now: DateTime<Utc>,
    ) -> Result<Option<(NaiveDate, Uuid)>> {
        let discussion = Uuid::new_v4();
        on_tx!(self.0, c => sqlx::query(
            "INSERT INTO strategy_discussions (id, person_id, episode_id, status, reason, requested_by, requested_at, \
             requested_from, requested_on, held_on, start_section_47, summary, version) \
             VALUES ($1, $2, $3, 'held', $4, $5, $6, 'open-case', $7, $7, $8, $4, 1)")
            .bind(discussion).bind(person.0).bind(ep).bind(NOT_HELD).bind(by.0).bind(now).bind(q.start).bind(true)
            .execute(&mut *c).await.map(|_| ()))?;
        let enquiry = Uuid::new_v4();
        let concluded = q
            .conference
            .or(if q.not_required { Some(q.start) } else { None });
        let outcome = match (q.conference, q.not_required) {
            (Some(_), _) => Some("continuing-risk"),
            (None, true) => Some("not-substantiated"),
            _ => None,
        };
        on_tx!(self.0, c => sqlx::query(
            "INSERT INTO s47_enquiries (id, person_id, episode_id, discussion_id, started_on, status, outcome, concluded_on, \
             conference_not_required, conclusion, created_at, version, icpc_target) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 1, $12)")
            .bind(enquiry).bind(person.0).bind(ep).bind(discussion).bind(q.start)
            .bind(if outcome.is_some() { "concluded" } else { "open" }).bind(outcome).bind(concluded)
            .bind(q.not_required).bind(outcome.map(|_| NOT_HELD)).bind(now).bind(q.target)
            .execute(&mut *c).await.map(|_| ()))?;
        match q.conference {
            Some(held) => {
                let target = q.target.unwrap_or(held);
                let id = self
                    .conference(person, ep, Some(enquiry), q.start, held, by, now)
                    .await?;
                on_tx!(self.0, c => sqlx::query("UPDATE cp_conferences SET target_on = $1 WHERE id = $2")
                    .bind(target).bind(id).execute(&mut *c).await.map(|_| ()))?;
                Ok(Some((held, id)))
            }
            None => Ok(None),
        }
    }

    /// Writes a held initial conference.
    #[allow(clippy::too_many_arguments)]
    async fn conference(
        &mut self,
        person: PersonId,
        ep: Uuid,
        enquiry: Option<Uuid>,
        anchor: NaiveDate,
        held: NaiveDate,
        by: UserId,
        now: DateTime<Utc>,
    ) -> Result<Uuid> {
        let id = Uuid::new_v4();
        on_tx!(self.0, c => sqlx::query(
            "INSERT INTO cp_conferences (id, person_id, episode_id, kind, status, enquiry_id, anchor_on, target_on, \
             scheduled_on, invitees, held_on, decision, created_by, created_at, version) \
             VALUES ($1, $2, $3, $4, 'held', $5, $6, $7, $7, '[]', $7, $8, $9, $10, 1)")
            .bind(id).bind(person.0).bind(ep).bind(if enquiry.is_some() { "initial" } else { "transfer-in" })
            .bind(enquiry).bind(anchor).bind(held).bind(NOT_HELD).bind(by.0).bind(now)
            .execute(&mut *c).await.map(|_| ()))?;
        Ok(id)
    }

    #[allow(clippy::too_many_arguments)]
    async fn cp_plan(
        &mut self,
        person: PersonId,
        ep: Uuid,
        conference: Uuid,
        p: &ImportCpPlan,
        closed_for: Option<ReasonForClosure>,
        by: UserId,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let id = Uuid::new_v4();
        // The census does not carry why a plan ended; a death or a move the episode's closure
        // records is the reason, otherwise the plan ended at a review.
        let reason = p.end.map(|_| match closed_for {
            Some(ReasonForClosure::Rc2) => "died",
            Some(ReasonForClosure::Rc5) => "moved-permanently",
            _ => "no-longer-at-risk",
        });
        on_tx!(self.0, c => sqlx::query(
            "INSERT INTO cp_plans (id, person_id, episode_id, conference_id, started_on, initial_category, latest_category, \
             previous_plans, status, ended_on, end_reason, end_evidence, created_at, version) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 1)")
            .bind(id).bind(person.0).bind(ep).bind(conference).bind(p.start).bind(p.initial.code()).bind(p.latest.code())
            .bind(p.previous).bind(if p.end.is_some() { "ended" } else { "open" }).bind(p.end).bind(reason)
            .bind(p.end.map(|_| NOT_HELD)).bind(now).execute(&mut *c).await.map(|_| ()))?;
        on_tx!(self.0, c => sqlx::query("UPDATE cp_conferences SET plan_id = $1, plan_decided = $2, category = $3 WHERE id = $4")
            .bind(id).bind(true).bind(p.initial.code()).bind(conference).execute(&mut *c).await.map(|_| ()))?;
        for r in &p.reviews {
            on_tx!(self.0, c => sqlx::query(
                "INSERT INTO cp_conferences (id, person_id, episode_id, kind, status, plan_id, anchor_on, target_on, \
                 scheduled_on, invitees, held_on, decision, created_by, created_at, version) \
                 VALUES ($1, $2, $3, 'review', 'held', $4, $5, $5, $5, '[]', $5, $6, $7, $8, 1)")
                .bind(Uuid::new_v4()).bind(person.0).bind(ep).bind(id).bind(*r).bind(NOT_HELD).bind(by.0).bind(now)
                .execute(&mut *c).await.map(|_| ()))?;
        }
        Ok(())
    }
}
