//! Recording during an assessment: visits (and a manager's reason when the child was not seen,
//! or not seen alone), views in people's own words (appended, never overwritten), requests to
//! other agencies and their replies, and the answers to manager checkpoints.

use hearth_domain::assessment::visit::{check_visit, VisitRecord};
use hearth_domain::assessment::visit::{parse_visit_time, VisitKind, VisitPlace};
use hearth_domain::assessment::{
    check_interpreter_decision, parents_on_record, AgencyType, InterpreterChoice, Speaker, ViewKind,
};
use hearth_domain::authz::GeneralAction;
use hearth_domain::authz::{authorize_read, CaseAccess, Read};
use hearth_domain::clock::{Anchor, ClockKind};
use hearth_domain::errors::ValidationErrors;
use hearth_domain::ids::{AssessmentId, PersonId};
use hearth_domain::person::parse_date;
use hearth_domain::uk_time::format_date;
use hearth_store::assessment::records::{
    AgencyRequestRow, InterpreterDecisionRow, NewView, VisitRow,
};
use hearth_store::Tx;
use uuid::Uuid;

use crate::accounts::auth::Principal;
use crate::assessment::lifecycle::{a_entry, invalid};
use crate::assessment::types::*;
use crate::error::{AppError, AppResult};
use crate::App;

/// When a date may fall: not before `floor` (named by `what`, e.g. "the referral") and not after
/// today.
pub(crate) struct Window<'a> {
    pub floor: chrono::NaiveDate,
    pub what: &'a str,
    pub today: chrono::NaiveDate,
}

impl Window<'_> {
    /// The typed date (today when blank), checked against the window; problems go to `e`.
    pub(crate) fn date(
        &self,
        field: &str,
        label: &str,
        raw: &str,
        e: &mut ValidationErrors,
    ) -> Option<chrono::NaiveDate> {
        let d = if raw.trim().is_empty() {
            self.today
        } else {
            parse_date(field, label, raw, e)?
        };
        if d < self.floor {
            let code = if self.what == "the referral" {
                "before_referral"
            } else {
                "too_early"
            };
            e.add(
                field,
                code,
                format!(
                    "This date cannot be before {} on {}",
                    self.what,
                    format_date(self.floor)
                ),
            );
        }
        if d > self.today {
            e.add(field, "future_date", "This date cannot be in the future");
        }
        Some(d)
    }
}

impl App {
    pub(crate) async fn finish_assessment(
        &self,
        mut tx: Tx,
        access: &CaseAccess<Read>,
        id: Uuid,
    ) -> AppResult<AssessmentView> {
        let a = tx.assessments().get(access, AssessmentId(id)).await?;
        let view = self.assessment_view(&mut tx, access, a).await?;
        tx.commit().await?;
        Ok(view)
    }

    #[tracing::instrument(skip_all, fields(id = %id))]
    pub async fn record_visit(
        &self,
        p: &Principal,
        id: Uuid,
        input: &VisitInput,
    ) -> AppResult<AssessmentView> {
        let now = self.clock.now();
        let today = self.clock.today();
        let (mut tx, a, access) = self.assessment_for_write(p, id, "assessment.visit").await?;
        Self::must_be_in_progress(&a)?;
        let mut e = ValidationErrors::default();
        let date = parse_date("visit_date", "Visit date", &input.visit_date, &mut e);
        let visit_time = parse_visit_time(&input.visit_time)
            .map_err(|m| e.add("visit_time", "invalid_time", m))
            .ok()
            .flatten();
        let kind = (!input.visit_kind.trim().is_empty())
            .then(|| {
                VisitKind::parse(&input.visit_kind)
                    .map_err(|m| e.add("visit_kind", "unknown_code", m))
                    .ok()
            })
            .flatten();
        let place = (!input.place.trim().is_empty())
            .then(|| {
                VisitPlace::parse(&input.place)
                    .map_err(|m| e.add("place", "unknown_code", m))
                    .ok()
            })
            .flatten();
        let (Some(date), true) = (date, e.is_empty()) else {
            return Err(AppError::Validation(e));
        };
        let v = VisitRecord {
            date,
            child_seen: input.child_seen,
            seen_alone: input.seen_alone,
            home_seen: input.home_seen,
            bedroom_seen: input.bedroom_seen,
            all_children_considered: input.all_children_considered,
            who_was_seen: input.who_was_seen.trim().into(),
            notes: input.notes.trim().into(),
        };
        check_visit(&v, a.referral_date, today)?;
        let mut people_seen = input.people_seen.clone();
        people_seen.sort();
        people_seen.dedup();
        for person in &people_seen {
            if tx.people().context(PersonId(*person)).await?.is_none() {
                return Err(invalid(
                    "people_seen",
                    "unknown_person",
                    "One of the people seen is not a recorded person; choose them from the child's family",
                ));
            }
        }
        let row = VisitRow {
            id: Uuid::new_v4(),
            assessment_id: id,
            visit_date: v.date,
            child_seen: v.child_seen,
            seen_alone: v.seen_alone,
            home_seen: v.home_seen,
            bedroom_seen: v.bedroom_seen,
            all_children_considered: v.all_children_considered,
            who_was_seen: v.who_was_seen.clone(),
            notes: v.notes.clone(),
            recorded_by: p.user.id.0,
            recorded_at: now,
            manager_reason: None,
            manager_reason_by: None,
            manager_reason_at: None,
            people_seen,
            visit_time,
            kind,
            place,
            kind_code: None,
            place_code: None,
        };
        tx.assessment_records().insert_visit(&row).await?;
        tx.audit_about(
            now,
            a.person_id,
            a_entry(
                p,
                "assessment.visit",
                id,
                Some(format!(
                    "visit={} seen={} alone={} people_seen={}",
                    row.id,
                    v.child_seen,
                    v.seen_alone,
                    row.people_seen.len()
                )),
            ),
        )
        .await?;
        self.finish_assessment(tx, &access, id).await
    }

    /// A manager records why the child was not seen, or not seen alone, on a visit.
    #[tracing::instrument(skip_all, fields(id = %id, visit = %visit))]
    pub async fn record_visit_reason(
        &self,
        p: &Principal,
        id: Uuid,
        visit: Uuid,
        input: &ReasonInput,
    ) -> AppResult<AssessmentView> {
        input.check_limits()?;
        self.allow(p, GeneralAction::ManagerDecision).await?;
        let now = self.clock.now();
        let (mut tx, a, access) = self
            .assessment_for_write(p, id, "assessment.visit-reason")
            .await?;
        if input.reason.trim().is_empty() {
            return Err(invalid(
                "reason",
                "required",
                "Record why the child was not seen, or not seen alone",
            ));
        }
        tx.assessment_records()
            .record_visit_reason(id, visit, input.reason.trim(), p.user.id.0, now)
            .await?;
        tx.audit_about(
            now,
            a.person_id,
            a_entry(
                p,
                "assessment.visit-reason",
                id,
                Some(format!("visit={visit}")),
            ),
        )
        .await?;
        self.finish_assessment(tx, &access, id).await
    }

    /// Records a decision about an interpreter (seed 004 Blackpool: "Any decision not to use an
    /// interpreter in such circumstances must be approved by the Team Manager and recorded").
    /// Not using one when one is needed is refused unless a team manager records it; they are
    /// recorded as its approver, with the reasons. "Not needed" cannot stand against the child's
    /// or a parent's record that says an interpreter is needed.
    #[tracing::instrument(skip_all, fields(id = %id))]
    pub async fn record_interpreter_decision(
        &self,
        p: &Principal,
        id: Uuid,
        input: &InterpreterInput,
    ) -> AppResult<AssessmentView> {
        let now = self.clock.now();
        let (mut tx, a, access) = self
            .assessment_for_write(p, id, "assessment.interpreter")
            .await?;
        Self::must_be_in_progress(&a)?;
        let choice = InterpreterChoice::parse(&input.choice)
            .map_err(|m| invalid("choice", "unknown_code", m))?;
        // "Where a child or parent speaks a language other than ...": the child's record, and
        // each parent's record the reader may open, may say an interpreter is needed.
        let mut needed = tx.people().get(&access).await?.details.interpreter_required;
        let rels = tx.relationships().of(&access).await?;
        let parents = parents_on_record(access.person(), &rels);
        for (s, ctx) in tx.people_search().summaries_in_context(&parents).await? {
            if let Ok(theirs) = authorize_read(&p.actor(), s.id, &ctx) {
                needed |= tx.people().get(&theirs).await?.details.interpreter_required;
            }
        }
        check_interpreter_decision(choice, &input.reasons, p.user.role, needed)?;
        let row = InterpreterDecisionRow {
            id: Uuid::new_v4(),
            assessment_id: id,
            choice,
            reasons: input.reasons.trim().into(),
            decided_by: p.user.id.0,
            approved_by: (choice == InterpreterChoice::NotUsed).then_some(p.user.id.0),
            decided_at: now,
        };
        tx.assessment_records()
            .insert_interpreter_decision(&row)
            .await?;
        tx.audit_about(
            now,
            a.person_id,
            a_entry(
                p,
                "assessment.interpreter",
                id,
                Some(format!("choice={}", choice.code())),
            ),
        )
        .await?;
        self.finish_assessment(tx, &access, id).await
    }

    /// Appends views and wishes, a disagreement or a correction request; never overwrites.
    #[tracing::instrument(skip_all, fields(id = %id))]
    pub async fn add_assessment_view(
        &self,
        p: &Principal,
        id: Uuid,
        input: &ViewInput,
    ) -> AppResult<AssessmentView> {
        input.check_limits()?;
        let now = self.clock.now();
        let (mut tx, a, access) = self
            .assessment_for_write(p, id, "assessment.view-recorded")
            .await?;
        let mut e = ValidationErrors::default();
        let speaker = Speaker::parse(&input.speaker)
            .map_err(|m| e.add("speaker", "unknown_code", m))
            .ok();
        let kind = ViewKind::parse(&input.kind)
            .map_err(|m| e.add("kind", "unknown_code", m))
            .ok();
        if input.words.trim().is_empty() {
            e.add(
                "words",
                "required",
                "Record what they said, in their own words",
            );
        }
        let (Some(speaker), Some(kind)) = (speaker, kind) else {
            return Err(AppError::Validation(e));
        };
        if !e.is_empty() {
            return Err(AppError::Validation(e));
        }
        tx.assessment_records()
            .insert_view(
                &NewView {
                    assessment: id,
                    speaker: speaker.code(),
                    speaker_name: input.speaker_name.trim(),
                    kind: kind.code(),
                    words: input.words.trim(),
                    by: p.user.id.0,
                },
                now,
            )
            .await?;
        tx.audit_about(
            now,
            a.person_id,
            a_entry(
                p,
                "assessment.view-recorded",
                id,
                Some(format!("speaker={} kind={}", speaker.code(), kind.code())),
            ),
        )
        .await?;
        self.finish_assessment(tx, &access, id).await
    }

    #[tracing::instrument(skip_all, fields(id = %id))]
    pub async fn request_agency_information(
        &self,
        p: &Principal,
        id: Uuid,
        input: &AgencyRequestInput,
    ) -> AppResult<AssessmentView> {
        input.check_limits()?;
        let now = self.clock.now();
        let today = self.clock.today();
        let (mut tx, a, access) = self
            .assessment_for_write(p, id, "assessment.agency-request")
            .await?;
        Self::must_be_in_progress(&a)?;
        let mut e = ValidationErrors::default();
        if input.agency.trim().is_empty() {
            e.add(
                "agency",
                "required",
                "Name the agency (for example, the school's name)",
            );
        }
        let kind = AgencyType::parse(&input.agency_type)
            .map_err(|m| e.add("agency_type", "unknown_code", m))
            .ok();
        if input.asked.trim().is_empty() {
            e.add("asked", "required", "Record what the agency was asked");
        }
        let on = Window {
            floor: a.referral_date,
            what: "the referral",
            today,
        }
        .date(
            "requested_on",
            "Date requested",
            &input.requested_on,
            &mut e,
        );
        let (Some(kind), Some(on), true) = (kind, on, e.is_empty()) else {
            return Err(AppError::Validation(e));
        };
        // The reply is due by the protocol's timescale: a task in the worker's My work.
        let (protocol, _) = Self::protocol_in(&mut tx).await?;
        let clock_id = match ClockKind::AgencyReply.timescale(&protocol) {
            Ok(_) => Some(
                self.start_clock_under(
                    &mut tx,
                    &protocol,
                    "assessment",
                    &id.to_string(),
                    Some(PersonId(a.person_id)),
                    ClockKind::AgencyReply,
                    Anchor {
                        event: format!("request to {}", input.agency.trim()),
                        date: on,
                    },
                )
                .await?
                .id,
            ),
            Err(_) => None,
        };
        let row = AgencyRequestRow {
            id: Uuid::new_v4(),
            assessment_id: id,
            agency: input.agency.trim().into(),
            agency_type: kind.code().into(),
            asked: input.asked.trim().into(),
            requested_on: on,
            requested_by: p.user.id.0,
            requested_at: now,
            response_on: None,
            response: None,
            response_by: None,
            response_at: None,
            clock_id,
        };
        tx.assessment_records().insert_agency_request(&row).await?;
        tx.audit_about(
            now,
            a.person_id,
            a_entry(
                p,
                "assessment.agency-request",
                id,
                Some(format!("request={} type={}", row.id, kind.code())),
            ),
        )
        .await?;
        self.finish_assessment(tx, &access, id).await
    }

    #[tracing::instrument(skip_all, fields(id = %id, request = %request))]
    pub async fn record_agency_response(
        &self,
        p: &Principal,
        id: Uuid,
        request: Uuid,
        input: &AgencyResponseInput,
    ) -> AppResult<AssessmentView> {
        input.check_limits()?;
        let now = self.clock.now();
        let today = self.clock.today();
        let (mut tx, a, access) = self
            .assessment_for_write(p, id, "assessment.agency-response")
            .await?;
        let req = tx
            .assessment_records()
            .agency_requests(id)
            .await?
            .into_iter()
            .find(|r| r.id == request)
            .ok_or(AppError::NotFound)?;
        let mut e = ValidationErrors::default();
        if input.response.trim().is_empty() {
            e.add("response", "required", "Record what the agency said");
        }
        let on = Window {
            floor: req.requested_on,
            what: "the request",
            today,
        }
        .date("response_on", "Date of reply", &input.response_on, &mut e);
        let (Some(on), true) = (on, e.is_empty()) else {
            return Err(AppError::Validation(e));
        };
        tx.assessment_records()
            .record_agency_response(id, request, on, input.response.trim(), p.user.id.0, now)
            .await?;
        // The reply completes its task; a late reply is the agency's, so it is noted as such.
        if let Some(clock) = req.clock_id {
            let c = tx.clock(clock).await?;
            let late = (on > c.due_date).then_some("The agency replied after the date asked");
            tx.meet_clock(clock, on, late).await?;
        }
        tx.audit_about(
            now,
            a.person_id,
            a_entry(
                p,
                "assessment.agency-response",
                id,
                Some(format!("request={request}")),
            ),
        )
        .await?;
        self.finish_assessment(tx, &access, id).await
    }

    /// A manager answers checkpoint `n`'s question; answering late needs the reason.
    #[tracing::instrument(skip_all, fields(id = %id))]
    pub async fn answer_checkpoint(
        &self,
        p: &Principal,
        id: Uuid,
        n: i64,
        input: &CheckpointInput,
    ) -> AppResult<AssessmentView> {
        input.check_limits()?;
        self.allow(p, GeneralAction::ManagerDecision).await?;
        let now = self.clock.now();
        let today = self.clock.today();
        let (mut tx, a, access) = self
            .assessment_for_write(p, id, "assessment.checkpoint")
            .await?;
        let cp = tx
            .assessment_records()
            .checkpoints(id)
            .await?
            .into_iter()
            .find(|c| c.n == n)
            .ok_or(AppError::NotFound)?;
        let mut e = ValidationErrors::default();
        if input.answer.trim().is_empty() {
            e.add("answer", "required", "Answer the checkpoint's question");
        }
        let on = Window {
            floor: a.start_date,
            what: "the assessment's start",
            today,
        }
        .date("answered_on", "Date answered", &input.answered_on, &mut e);
        let (Some(on), true) = (on, e.is_empty()) else {
            return Err(AppError::Validation(e));
        };
        let late = input.late_reason.trim();
        self.meet_clock(&mut tx, cp.clock_id, on, (!late.is_empty()).then_some(late))
            .await?;
        tx.assessment_records()
            .answer_checkpoint(id, n, input.answer.trim(), on, p.user.id.0, now)
            .await?;
        tx.audit_about(
            now,
            a.person_id,
            a_entry(
                p,
                "assessment.checkpoint",
                id,
                Some(format!("checkpoint={n}")),
            ),
        )
        .await?;
        self.finish_assessment(tx, &access, id).await
    }
}
