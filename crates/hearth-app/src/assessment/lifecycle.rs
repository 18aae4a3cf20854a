//! Opening and reading child and family assessments, and saving their sections as the worker
//! types (each section versioned on its own: a stale save is refused, never applied).

use crate::read_row_about;
use hearth_domain::authz::{CaseAccess, Read};
use hearth_domain::ids::{AssessmentId, ReferralId};
use hearth_store::record_people::RecordKind;
use std::collections::BTreeMap;

use hearth_domain::assessment::stages::{checkpoint_question, clocks_at_start, completion_anchor};
use hearth_domain::assessment::{Origin, Section};
use hearth_domain::authz::GeneralAction;
use hearth_domain::clock::ClockKind;
use hearth_domain::errors::ValidationErrors;
use hearth_domain::front_door::decision::ReferralOutcome;
use hearth_domain::ids::{PersonId, UserId};
use hearth_store::assessment::assessments::{AssessmentRow, NewAssessment};
use hearth_store::audit::{AuditEntry, AuditOutcome};
use hearth_store::Tx;
use uuid::Uuid;

use crate::accounts::auth::Principal;
use crate::assessment::records::Window;
use crate::assessment::types::*;
use crate::error::{AppError, AppResult};
use crate::App;

/// An audit row about an assessment (ids and codes only, never typed text).
pub(crate) fn a_entry(
    p: &Principal,
    action: &'static str,
    id: Uuid,
    detail: Option<String>,
) -> AuditEntry {
    AuditEntry {
        user: Some(p.user.id),
        action,
        record_type: "assessment",
        record_id: Some(id.to_string()),
        outcome: AuditOutcome::Success,
        detail,
    }
}

/// A user's name for display ("" when none). Users are never deleted, so a missing user or a
/// database fault is an error, not a placeholder name.
pub(crate) async fn name_of(tx: &mut Tx, id: Option<Uuid>) -> AppResult<String> {
    Ok(match id {
        Some(u) => tx.users().get(UserId(u)).await?.name,
        None => String::new(),
    })
}

pub(crate) fn invalid(field: &str, code: &'static str, msg: impl Into<String>) -> AppError {
    AppError::Validation(ValidationErrors::single(field, code, msg))
}

/// The text keys a section accepts.
fn section_keys(section: Section) -> Vec<String> {
    section.fields().into_iter().map(|f| f.name).collect()
}

/// Checks a section's body: known keys, text values. Blank values are dropped. A domain's body may
/// also nest a dimension's text (`{"health": {"concerns": "…"}}` is `health.concerns`).
fn check_section(section: Section, input: &SectionInput) -> AppResult<BTreeMap<String, String>> {
    let keys = section_keys(section);
    let mut e = ValidationErrors::default();
    let mut out = BTreeMap::new();
    let flat: Vec<(String, &serde_json::Value)> = input
        .iter()
        .flat_map(|(k, v)| match v {
            serde_json::Value::Object(inner) => inner
                .iter()
                .map(|(sub, x)| (format!("{k}.{sub}"), x))
                .collect::<Vec<_>>(),
            other => vec![(k.clone(), other)],
        })
        .collect();
    for (k, v) in &flat {
        let k = k.as_str();
        if !keys.iter().any(|x| x == k) {
            e.add(
                k,
                "unknown_field",
                format!(
                    "'{k}' is not part of the {} (use: {})",
                    section.text().to_lowercase(),
                    keys.join(", ")
                ),
            );
            continue;
        }
        match v {
            serde_json::Value::String(s) if s.trim().is_empty() => {}
            serde_json::Value::String(s) => {
                out.insert(k.to_string(), s.clone());
            }
            serde_json::Value::Null => {}
            _ => e.add(k, "not_text", format!("'{k}' must be text")),
        }
    }
    e.into_result(out).map_err(AppError::Validation)
}

impl App {
    /// Loads an assessment with read access to its child.
    pub(crate) async fn assessment_for_read(
        &self,
        p: &Principal,
        id: Uuid,
        action: &'static str,
    ) -> AppResult<(Tx, AssessmentRow, CaseAccess<Read>)> {
        self.allow(p, GeneralAction::SearchPeople).await?;
        let mut tx = self.db.read().await?;
        let child = tx.child_of(RecordKind::Assessment, id).await?;
        let (mut tx, access) = self.read_access(tx, p, child, action).await?;
        let a = tx.assessments().get(&access, AssessmentId(id)).await?;
        Ok((tx, a, access))
    }

    /// Loads an assessment with write access to its child.
    pub(crate) async fn assessment_for_write(
        &self,
        p: &Principal,
        id: Uuid,
        action: &'static str,
    ) -> AppResult<(Tx, AssessmentRow, CaseAccess<Read>)> {
        self.allow(p, GeneralAction::AssessmentWork).await?;
        let mut tx = self.db.begin().await?;
        let child = tx.child_of(RecordKind::Assessment, id).await?;
        let (mut tx, access) = self.write_access(tx, p, child, action).await?;
        let access = access.as_read();
        let a = tx.assessments().get(&access, AssessmentId(id)).await?;
        Ok((tx, a, access))
    }

    /// Refuses a change to a record that is no longer being written.
    pub(crate) fn must_be_in_progress(a: &AssessmentRow) -> AppResult<()> {
        a.status.edit()?;
        Ok(())
    }

    /// Opens an assessment on the child's open episode of need and starts its clocks.
    #[tracing::instrument(skip_all)]
    pub async fn open_assessment(
        &self,
        p: &Principal,
        input: &OpenAssessmentInput,
    ) -> AppResult<AssessmentView> {
        input.check_limits()?;
        self.allow(p, GeneralAction::AssessmentWork).await?;
        let now = self.clock.now();
        let today = self.clock.today();
        let mut e = ValidationErrors::default();
        let origin = Origin::parse(&input.origin)
            .map_err(|m| e.add("origin", "unknown_code", m))
            .ok();
        if origin == Some(Origin::Review) && input.origin_note.trim().is_empty() {
            e.add(
                "origin_note",
                "required",
                "Say when the review was held and what it decided",
            );
        }
        if origin == Some(Origin::StrategyDiscussion) && input.strategy_discussion_id.is_none() {
            e.add(
                "strategy_discussion_id",
                "required",
                "Choose the strategy discussion that started the assessment, recorded as held with its date",
            );
        }
        if !e.is_empty() {
            return Err(AppError::Validation(e));
        }
        let origin = origin.unwrap_or(Origin::ReferralDecision);
        let person = PersonId(input.person_id);
        let tx = self.db.begin().await?;
        let (mut tx, access) = self.write_access(tx, p, person, "assessment.open").await?;
        let access = access.as_read();
        let episode = tx.episodes().open_of(&access).await?.ok_or_else(|| {
            AppError::Conflict(
                "The child has no open episode of need: record the referral decision first".into(),
            )
        })?;
        if let Some(open) = tx.assessments().open_on(episode.id.0).await? {
            return Err(AppError::Conflict(format!(
                "An assessment started on {} is still open on this episode; complete it before starting another",
                hearth_domain::uk_time::format_date(open.start_date)
            )));
        }
        let mut asked_on = None;
        if let Some(r) = input.referral_id {
            let referral = tx.referrals().get(&access, ReferralId(r)).await?;
            asked_on = Some(referral.referral_date);
            if referral.person_id != person.0 || referral.episode_id != Some(episode.id.0) {
                return Err(invalid(
                    "referral_id",
                    "wrong_referral",
                    "That referral is not about this child's open episode",
                ));
            }
            if !referral
                .outcomes
                .iter()
                .copied()
                .any(ReferralOutcome::asks_for_assessment)
            {
                return Err(invalid(
                    "referral_id",
                    "no_assessment_decided",
                    "The referral decision did not ask for an assessment",
                ));
            }
        } else if origin == Origin::ReferralDecision {
            return Err(invalid(
                "referral_id",
                "required",
                "Choose the referral whose decision asked for this assessment",
            ));
        }
        if let (Origin::StrategyDiscussion, Some(sd)) = (origin, input.strategy_discussion_id) {
            let d = tx.strategy_discussions().get(&access, sd).await?;
            let Some(held) = d.held else {
                return Err(invalid(
                    "strategy_discussion_id",
                    "not_held",
                    "Record the strategy discussion as held (with its date and decision) before starting the assessment it decided on",
                ));
            };
            asked_on = Some(held.held_on);
        }
        let mut e = ValidationErrors::default();
        let start = Window {
            floor: episode.referral_date,
            what: "the referral",
            today,
        }
        .date("start_date", "Start date", &input.start_date, &mut e);
        let worker = input
            .worker_id
            .or(episode.allocated_worker)
            .unwrap_or(p.user.id.0);
        if let Some(w) = input.worker_id {
            if tx.users().get(UserId(w)).await.is_err() {
                e.add("worker_id", "unknown_user", "No such social worker");
            }
        }
        if let Some(start) = start {
            // Children only: an assessment is for a child under 18 or unborn on its start date.
            let more = crate::front_door::contacts::check_children_on(
                &mut tx,
                &[("person_id".to_string(), person)],
                start,
                "an assessment",
            )
            .await?;
            e.0.extend(more.0);
        }
        let (Some(start), true) = (start, e.is_empty()) else {
            return Err(AppError::Validation(e));
        };
        let child = tx
            .people_search()
            .summaries(&[person])
            .await?
            .into_iter()
            .next()
            .ok_or(AppError::NotFound)?;
        let edd = child
            .date_of_birth
            .is_none()
            .then_some(child.expected_date_of_delivery)
            .flatten();
        // The timescale runs from the referral that asked for this assessment, or from the event
        // that started it on an open case — never from the episode's first referral.
        let anchor = completion_anchor(origin, asked_on, start);
        let id = tx
            .assessments()
            .insert(
                &NewAssessment {
                    person: person.0,
                    episode: episode.id.0,
                    referral: input.referral_id,
                    origin: origin.code(),
                    origin_note: input.origin_note.trim(),
                    referral_date: anchor.date,
                    start_date: start,
                    expected_delivery: edd,
                    worker: Some(worker),
                    by: p.user.id.0,
                    strategy_discussion: input
                        .strategy_discussion_id
                        .filter(|_| origin == Origin::StrategyDiscussion),
                },
                now,
            )
            .await?;
        let (protocol, _) = Self::protocol_in(&mut tx).await?;
        for c in clocks_at_start(&protocol, origin, &anchor, start, edd) {
            // The protocol read above, not once more per clock.
            let row = self
                .start_clock_under(
                    &mut tx,
                    &protocol,
                    "assessment",
                    &id.to_string(),
                    Some(person),
                    c.kind,
                    c.anchor,
                )
                .await?;
            if let ClockKind::AssessmentCheckpoint(n) = c.kind {
                tx.assessment_records()
                    .insert_checkpoint(id, i64::from(n), row.id, &checkpoint_question(&protocol, n))
                    .await?;
            }
        }
        tx.audit_about(
            now,
            person.0,
            a_entry(
                p,
                "assessment.open",
                id,
                Some(format!(
                    "origin={} protocol={} v{}",
                    origin.code(),
                    protocol.name,
                    protocol.version
                )),
            ),
        )
        .await?;
        self.finish_assessment(tx, &access, id).await
    }

    /// The whole record (audited as a read of the child's record).
    #[tracing::instrument(skip_all, fields(id = %id))]
    pub async fn view_assessment(&self, p: &Principal, id: Uuid) -> AppResult<AssessmentView> {
        let now = self.clock.now();
        let (mut tx, a, access) = self.assessment_for_read(p, id, "assessment.view").await?;
        let person = a.person_id;
        let view = self.assessment_view(&mut tx, &access, a).await?;
        let read_audit = read_row_about(now, person, a_entry(p, "assessment.view", id, None));
        self.audited(tx, vec![read_audit]).await?;
        Ok(view)
    }

    /// The family's copy: the same record, audited as printed for the family.
    #[tracing::instrument(skip_all, fields(id = %id))]
    pub async fn family_copy(&self, p: &Principal, id: Uuid) -> AppResult<AssessmentView> {
        let now = self.clock.now();
        let (mut tx, a, access) = self
            .assessment_for_read(p, id, "assessment.family-copy")
            .await?;
        let person = a.person_id;
        let view = self.assessment_view(&mut tx, &access, a).await?;
        let read_audit =
            read_row_about(now, person, a_entry(p, "assessment.family-copy", id, None));
        self.audited(tx, vec![read_audit]).await?;
        Ok(crate::assessment::family_copy::redact_for_family(view))
    }

    /// Saves one section over `version` (0 when it was never saved).
    #[tracing::instrument(skip_all, fields(id = %id))]
    pub async fn save_assessment_section(
        &self,
        p: &Principal,
        id: Uuid,
        section: &str,
        version: i64,
        input: &SectionInput,
    ) -> AppResult<SectionSaved> {
        let section = Section::parse(section).map_err(|m| invalid("section", "unknown_code", m))?;
        let body = check_section(section, input)?;
        crate::assessment::types::check_section_limits(section, input)?;
        let now = self.clock.now();
        let (mut tx, a, _) = self
            .assessment_for_write(p, id, "assessment.section.save")
            .await?;
        Self::must_be_in_progress(&a)?;
        let json = serde_json::to_string(&body).map_err(|e| AppError::Internal(e.to_string()))?;
        let version = tx
            .assessments()
            .save_section(id, section.code(), version, &json, p.user.id.0, now)
            .await?;
        tx.audit_about(
            now,
            a.person_id,
            a_entry(
                p,
                "assessment.section.save",
                id,
                Some(format!("section={} version={version}", section.code())),
            ),
        )
        .await?;
        tx.commit().await?;
        Ok(SectionSaved {
            section: section.code().into(),
            version,
            saved_at: now,
        })
    }

    /// Assessments not yet authorised: your own, and for managers everything awaiting
    /// authorisation too.
    #[tracing::instrument(skip_all)]
    pub async fn assessment_worklist(&self, p: &Principal) -> AppResult<Vec<AssessmentListItem>> {
        self.allow(p, GeneralAction::AssessmentWork).await?;
        let mut tx = self.db.read().await?;
        let cal = Self::calendar_in(&mut tx).await?;
        let rows = tx
            .assessments()
            .in_progress(p.user.id.0, p.user.role.is_manager(), 200)
            .await?;
        // A fixed number of queries: the rows, then their children, clocks and workers.
        let ids: Vec<PersonId> = rows.iter().map(|r| PersonId(r.person_id)).collect();
        let names =
            crate::people::cases::shown(p, tx.people_search().summaries_in_context(&ids).await?);
        let subjects: Vec<String> = rows.iter().map(|r| r.id.to_string()).collect();
        let clocks = tx.clocks_for_many("assessment", &subjects).await?;
        let workers: Vec<Uuid> = rows.iter().filter_map(|r| r.worker_id).collect();
        let worker_names = tx.users().names(&workers).await?;
        let mut out = Vec::new();
        for r in rows {
            let subject = r.id.to_string();
            let due = clocks
                .iter()
                .find(|c| {
                    c.subject_id == subject && c.kind == ClockKind::AssessmentCompletion.code()
                })
                .map(|c| self.view_clock(c.clone(), &cal));
            let worker_name = match r.worker_id {
                None => String::new(),
                Some(w) => worker_names.get(&w).cloned().ok_or_else(|| {
                    AppError::Internal(format!("assessment {} names missing user {w}", r.id))
                })?,
            };
            out.push(AssessmentListItem {
                id: r.id.0,
                child_name: names
                    .iter()
                    .find(|s| s.id.0 == r.person_id)
                    .map(|s| s.name.clone())
                    .unwrap_or_default(),
                person_id: r.person_id,
                start_date: r.start_date,
                status_label: r.status.label().to_string(),
                status: r.status,
                worker_name,
                due,
            });
        }
        tx.commit().await?;
        Ok(out)
    }
}

/// A referral an assessment can be opened from.
#[derive(Debug, Clone, serde::Serialize, utoipa::ToSchema)]
pub struct ReferralChoice {
    pub id: Uuid,
    pub label: String,
}

impl App {
    /// A child's assessments (newest first) and the decided referrals on the open episode that
    /// an assessment can start from.
    #[tracing::instrument(skip_all, fields(person = %person))]
    pub async fn assessments_of_person(
        &self,
        p: &Principal,
        person: PersonId,
    ) -> AppResult<(Vec<AssessmentListItem>, Vec<ReferralChoice>)> {
        self.allow(p, GeneralAction::SearchPeople).await?;
        let tx = self.db.read().await?;
        let (mut tx, access) = self.read_access(tx, p, person, "assessment.list").await?;
        let mut items = Vec::new();
        for r in tx.assessments().of_child(&access).await? {
            items.push(AssessmentListItem {
                id: r.id.0,
                child_name: String::new(),
                person_id: r.person_id,
                start_date: r.start_date,
                status_label: r.status.label().to_string(),
                status: r.status,
                worker_name: name_of(&mut tx, r.worker_id).await?,
                due: None,
            });
        }
        let mut choices = Vec::new();
        if let Some(ep) = tx.episodes().open_of(&access).await? {
            for r in tx.referrals().of_child(&access).await? {
                if r.episode_id == Some(ep.id.0) && r.status.is_decided() {
                    choices.push(ReferralChoice {
                        id: r.id.0,
                        label: format!(
                            "Referral of {}",
                            hearth_domain::uk_time::format_date(r.referral_date)
                        ),
                    });
                }
            }
        }
        tx.commit().await?;
        Ok((items, choices))
    }
}

impl App {
    /// Managers' checkpoint tasks: every unanswered checkpoint on an open assessment, soonest
    /// due first.
    #[tracing::instrument(skip_all)]
    pub async fn checkpoint_tasks(&self, p: &Principal) -> AppResult<Vec<CheckpointTask>> {
        self.allow(p, GeneralAction::ManagerDecision).await?;
        let mut tx = self.db.read().await?;
        let cal = Self::calendar_in(&mut tx).await?;
        let rows = tx.assessment_records().open_checkpoints(200).await?;
        let ids: Vec<PersonId> = rows.iter().map(|r| PersonId(r.person_id)).collect();
        let names =
            crate::people::cases::shown(p, tx.people_search().summaries_in_context(&ids).await?);
        let clock_ids: Vec<Uuid> = rows.iter().map(|r| r.clock_id).collect();
        let clocks = tx.clocks_by_id(&clock_ids).await?;
        let mut out = Vec::new();
        for r in rows {
            let row = clocks
                .iter()
                .find(|c| c.id == r.clock_id)
                .cloned()
                .ok_or_else(|| {
                    AppError::Internal(format!("checkpoint names missing clock {}", r.clock_id))
                })?;
            let clock = self.view_clock(row, &cal);
            out.push(CheckpointTask {
                assessment_id: r.assessment_id,
                person_id: r.person_id,
                child_name: names
                    .iter()
                    .find(|s| s.id.0 == r.person_id)
                    .map(|s| s.name.clone())
                    .unwrap_or_default(),
                n: r.n,
                question: r.question,
                clock,
            });
        }
        tx.commit().await?;
        Ok(out)
    }
}
