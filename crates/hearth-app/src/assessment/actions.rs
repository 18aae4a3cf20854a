//! The assessment's decisions: concluding the first stage, submitting for authorisation (factors,
//! outcomes, the census meaning, a reason when late), a manager returning it or authorising it
//! against the completion gate, and acting on its outcome (closing the episode RC8/RC9, opening
//! a child in need plan to agree, or a strategy discussion to hold).

use crate::clocks::due_by;
use hearth_domain::assessment::seen_across::{reason_needed_on, seen_across};
use hearth_domain::assessment::stages::refresh_after;
use hearth_domain::assessment::states::FollowOnWork;
use hearth_domain::assessment::{
    check_factors, check_gate, check_gate_evidence, check_outcome, check_recorded_outcome,
    AssessmentOutcome, Section,
};
use hearth_domain::authz::GeneralAction;
use hearth_domain::clock::late::check_late_reason;
use hearth_domain::clock::{Anchor, ClockKind};
use hearth_domain::errors::ValidationErrors;
use hearth_domain::front_door::episode::check_closure;
use hearth_domain::ids::PersonId;
use hearth_store::assessment::assessments::Submission;
use hearth_store::protocols::ClockRow;
use hearth_store::Tx;
use uuid::Uuid;

use crate::accounts::auth::Principal;
use crate::assessment::evidence::{analysis_written, gate_evidence, parents_of};
use crate::assessment::lifecycle::{a_entry, invalid};
use crate::assessment::records::Window;
use crate::assessment::types::*;
use crate::error::{AppError, AppResult};
use crate::App;

fn opt(s: &str) -> Option<&str> {
    let t = s.trim();
    (!t.is_empty()).then_some(t)
}

async fn clock_of(tx: &mut Tx, id: Uuid, kind: ClockKind) -> AppResult<Option<ClockRow>> {
    Ok(tx
        .clocks_for("assessment", &id.to_string())
        .await?
        .into_iter()
        .find(|c| c.kind == kind.code()))
}

impl App {
    /// Concludes the first stage (seed 004) or the initial assessment (seed 000); for the
    /// latter the core assessment's clock starts from this date.
    #[tracing::instrument(skip_all, fields(id = %id))]
    pub async fn conclude_first_stage(
        &self,
        p: &Principal,
        id: Uuid,
        input: &FirstStageInput,
    ) -> AppResult<AssessmentView> {
        input.check_limits()?;
        let now = self.clock.now();
        let today = self.clock.today();
        let (mut tx, a, access) = self
            .assessment_for_write(p, id, "assessment.first-stage")
            .await?;
        Self::must_be_in_progress(&a)?;
        let mut stage = clock_of(&mut tx, id, ClockKind::AssessmentFirstStage).await?;
        let mut initial = false;
        if stage.is_none() {
            stage = clock_of(&mut tx, id, ClockKind::InitialAssessment).await?;
            initial = stage.is_some();
        }
        let Some(stage) = stage else {
            return Err(AppError::Conflict(
                "This assessment has no first stage under the protocol it started under".into(),
            ));
        };
        let mut e = ValidationErrors::default();
        if input.note.trim().is_empty() {
            e.add(
                "note",
                "required",
                "Record what the first stage found and why the assessment continues",
            );
        }
        let on = Window {
            floor: a.start_date,
            what: "the assessment's start",
            today,
        }
        .date(
            "concluded_on",
            "Date concluded",
            &input.concluded_on,
            &mut e,
        );
        let (Some(on), true) = (on, e.is_empty()) else {
            return Err(AppError::Validation(e));
        };
        self.meet_clock(&mut tx, stage.id, on, opt(&input.late_reason))
            .await?;
        tx.assessments()
            .conclude_first_stage(id, input.version, on, input.note.trim())
            .await?;
        if initial {
            // The core assessment runs under the protocol the initial one started under.
            let protocol =
                Self::protocol_version_in(&mut tx, &stage.protocol_name, stage.protocol_version)
                    .await?;
            self.start_clock_under(
                &mut tx,
                &protocol,
                "assessment",
                &id.to_string(),
                Some(PersonId(a.person_id)),
                ClockKind::CoreAssessment,
                Anchor {
                    event: "end of the initial assessment".into(),
                    date: on,
                },
            )
            .await?;
        }
        tx.audit_about(
            now,
            a.person_id,
            a_entry(p, "assessment.first-stage", id, None),
        )
        .await?;
        self.finish_assessment(tx, &access, id).await
    }

    /// Submits for authorisation with the factors, outcomes and whether the child is in need.
    /// Completing after the national timescale needs the reason.
    #[tracing::instrument(skip_all, fields(id = %id))]
    pub async fn submit_assessment(
        &self,
        p: &Principal,
        id: Uuid,
        input: &SubmitInput,
    ) -> AppResult<AssessmentView> {
        input.check_limits()?;
        let now = self.clock.now();
        let today = self.clock.today();
        let (mut tx, a, access) = self
            .assessment_for_write(p, id, "assessment.submit")
            .await?;
        a.status.submit()?;
        let mut e = ValidationErrors::default();
        let factors = check_factors(&input.factors, "factors")
            .map_err(|x| e.0.extend(x.0))
            .ok();
        let outcome = check_outcome(&input.outcomes, input.in_need)
            .map_err(|x| e.0.extend(x.0))
            .ok();
        let on = Window {
            floor: a.start_date,
            what: "the assessment's start",
            today,
        }
        .date(
            "completed_on",
            "Date completed",
            &input.completed_on,
            &mut e,
        );
        let analysis = tx
            .assessments()
            .section(id, Section::Analysis.code())
            .await?;
        let has_analysis = analysis
            .and_then(|s| {
                serde_json::from_str::<std::collections::BTreeMap<String, String>>(&s.body).ok()
            })
            .is_some_and(|m| m.get("analysis").is_some_and(|t| !t.trim().is_empty()));
        if !has_analysis {
            e.add(
                "analysis",
                "required",
                "Write the analysis before submitting the assessment",
            );
        }
        let national = clock_of(&mut tx, id, ClockKind::AssessmentCompletion).await?;
        if let (Some(c), Some(d)) = (&national, on) {
            if let Err(late) = check_late_reason(&due_by(c), d, opt(&input.late_reason)) {
                e.push(late);
            }
        }
        let (Some(factors), Some(outcome), Some(on), true) = (factors, outcome, on, e.is_empty())
        else {
            return Err(AppError::Validation(e));
        };
        let factor_codes: Vec<&str> = factors.iter().map(|f| f.code).collect();
        let outcome_codes: Vec<&str> = outcome.outcomes.iter().map(|o| o.code()).collect();
        tx.assessments()
            .submit(
                id,
                input.version,
                &Submission {
                    factors: &factors,
                    outcomes: &outcome.outcomes,
                    in_need: outcome.in_need,
                    completed_on: on,
                    late_reason: opt(&input.late_reason),
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
                "assessment.submit",
                id,
                Some(format!(
                    "factors={} outcomes={} in_need={}",
                    factor_codes.join(","),
                    outcome_codes.join(","),
                    outcome.in_need
                )),
            ),
        )
        .await?;
        self.finish_assessment(tx, &access, id).await
    }

    /// A manager returns a submitted assessment for more work, saying what is needed.
    #[tracing::instrument(skip_all, fields(id = %id))]
    pub async fn return_assessment(
        &self,
        p: &Principal,
        id: Uuid,
        input: &ReturnInput,
    ) -> AppResult<AssessmentView> {
        input.check_limits()?;
        self.allow(p, GeneralAction::ManagerDecision).await?;
        let now = self.clock.now();
        let (mut tx, a, access) = self
            .assessment_for_write(p, id, "assessment.return")
            .await?;
        a.status.return_for_work()?;
        if input.note.trim().is_empty() {
            return Err(invalid(
                "note",
                "required",
                "Say what more is needed before the assessment can be authorised",
            ));
        }
        tx.assessments()
            .return_for_work(id, input.version, input.note.trim())
            .await?;
        tx.audit_about(now, a.person_id, a_entry(p, "assessment.return", id, None))
            .await?;
        self.finish_assessment(tx, &access, id).await
    }

    /// A manager authorises the assessment against the completion gate. Every unticked item
    /// needs the reason; authorising after the national timescale needs the reason too. The
    /// national and census clocks, and any stage clocks still running, are met on the date.
    #[tracing::instrument(skip_all, fields(id = %id))]
    pub async fn authorise_assessment(
        &self,
        p: &Principal,
        id: Uuid,
        input: &AuthoriseInput,
    ) -> AppResult<AssessmentView> {
        input.check_limits()?;
        self.allow(p, GeneralAction::ManagerDecision).await?;
        let now = self.clock.now();
        let today = self.clock.today();
        let (mut tx, a, access) = self
            .assessment_for_write(p, id, "assessment.authorise")
            .await?;
        a.status.authorise()?;
        let mut e = ValidationErrors::default();
        let gate = check_gate(&input.gate).map_err(|x| e.0.extend(x.0)).ok();
        let visits = tx.assessment_records().visits(id).await?;
        if let Some(gate) = &gate {
            // An item cannot be ticked as met when the record shows it is not.
            let views = tx.assessment_records().views(id).await?;
            let agencies = tx.assessment_records().agency_requests(id).await?;
            let ev = gate_evidence(
                &visits.iter().collect::<Vec<_>>(),
                &views.iter().collect::<Vec<_>>(),
                &agencies.iter().collect::<Vec<_>>(),
                analysis_written(&mut tx, id).await?,
                parents_of(&mut tx, &access).await?,
            );
            if let Err(more) = check_gate_evidence(gate, &ev) {
                e.0.extend(more.0);
            }
        }
        let seen = crate::assessment::view::seen_on_visits(&visits);
        if reason_needed_on(&seen).is_some() {
            e.add(
                "visits",
                "visit_reason_required",
                format!(
                    "{} during this assessment: record why on the assessment before authorising it",
                    seen_across(&seen).text()
                ),
            );
        }
        let on = Window {
            floor: a.completed_on.unwrap_or(a.start_date),
            what: "the date the assessment was completed",
            today,
        }
        .date(
            "authorised_on",
            "Date authorised",
            &input.authorised_on,
            &mut e,
        );
        let late_reason = opt(&input.late_reason)
            .or(a.late_reason.as_deref())
            .map(str::to_string);
        let clocks = tx.clocks_for("assessment", &id.to_string()).await?;
        if let (Some(c), Some(d)) = (
            clocks
                .iter()
                .find(|c| c.kind == ClockKind::AssessmentCompletion.code()),
            on,
        ) {
            if let Err(late) = check_late_reason(&due_by(c), d, late_reason.as_deref()) {
                e.push(late);
            }
        }
        let (Some(gate), Some(on), true) = (gate, on, e.is_empty()) else {
            return Err(AppError::Validation(e));
        };
        for c in clocks.iter().filter(|c| c.met_on.is_none()) {
            let kind = ClockKind::parse(&c.kind);
            let reason = match kind {
                Some(ClockKind::AssessmentCheckpoint(_)) => Some(
                    "The assessment was authorised before this checkpoint was answered".to_string(),
                ),
                _ => late_reason.clone(),
            };
            // A checkpoint not yet due when the assessment is authorised is no longer needed.
            let reason = if on <= c.due_date { None } else { reason };
            self.meet_clock(&mut tx, c.id, on, reason.as_deref())
                .await?;
        }
        let answers: Vec<_> = gate
            .iter()
            .map(
                |(item, met, reason)| hearth_domain::assessment::GateAnswer {
                    item: item.code().into(),
                    met: *met,
                    reason: reason.clone(),
                },
            )
            .collect();
        let gj = serde_json::to_string(&answers).map_err(|e| AppError::Internal(e.to_string()))?;
        tx.assessments()
            .authorise(id, input.version, &gj, on, p.user.id.0, now)
            .await?;
        let unmet: Vec<&str> = gate
            .iter()
            .filter(|(_, met, _)| !met)
            .map(|(i, _, _)| i.code())
            .collect();
        tx.audit_about(
            now,
            a.person_id,
            a_entry(
                p,
                "assessment.authorise",
                id,
                Some(format!("unmet={}", unmet.join(","))),
            ),
        )
        .await?;
        self.finish_assessment(tx, &access, id).await
    }

    /// Acts on the authorised outcome: closes the episode (RC8 no further action, RC9 early
    /// help), or opens a child in need plan to agree (its planning clock starts) and/or a
    /// strategy discussion to hold.
    #[tracing::instrument(skip_all, fields(id = %id))]
    pub async fn act_on_assessment(
        &self,
        p: &Principal,
        id: Uuid,
        input: &ActInput,
    ) -> AppResult<AssessmentView> {
        input.check_limits()?;
        let now = self.clock.now();
        let (mut tx, a, access) = self.assessment_for_write(p, id, "assessment.act").await?;
        a.status.act_on(a.acted_on_at.is_some())?;
        let decision =
            check_recorded_outcome(&a.outcomes, a.in_need).map_err(AppError::Validation)?;
        // Checked before anything is written.
        let wants_discussion = decision.outcomes.iter().any(|o| {
            matches!(
                o,
                AssessmentOutcome::StrategyDiscussion | AssessmentOutcome::EmergencyAction
            )
        });
        let strategy_reason = opt(&input.strategy_reason);
        if wants_discussion && strategy_reason.is_none() {
            return Err(invalid(
                "strategy_reason",
                "required",
                "Say why a strategy discussion is needed, for the people who will hold it",
            ));
        }
        let on = a.authorised_on.unwrap_or(a.start_date);
        let person = PersonId(a.person_id);
        let census_before = Self::census_baseline(&mut tx, person, self.clock.today()).await?;
        let mut done = Vec::new();
        if let Some(reason) = decision.closure_reason() {
            // The census closure rules (RC8 and RC9 need the assessment, which this is).
            let episode = tx.episodes().get(&access, a.episode_id).await?;
            check_closure(&episode.episode(), on, reason, true, self.clock.today())?;
            tx.episodes().close(a.episode_id.0, on, reason).await?;
            done.push(format!("closed={}", reason.code()));
        }
        let (protocol, _) = Self::protocol_in(&mut tx).await?;
        let closes = decision.closure_reason().is_some();
        if let Some(c) = refresh_after(&protocol, on, closes) {
            let clock = self
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
            done.push(format!("refresh_clock={}", clock.id));
        }
        if decision.outcomes.contains(&AssessmentOutcome::CinPlan) {
            let (protocol, _) = Self::protocol_in(&mut tx).await?;
            let clock = match ClockKind::CinPlanStart.timescale(&protocol) {
                Ok(_) => Some(
                    self.start_clock(
                        &mut tx,
                        FollowOnWork::CIN_PLAN,
                        &id.to_string(),
                        Some(person),
                        ClockKind::CinPlanStart,
                        Anchor {
                            event: "assessment authorisation".into(),
                            date: on,
                        },
                    )
                    .await?
                    .id,
                ),
                Err(_) => None,
            };
            let plan = tx
                .assessments()
                .insert_cin_plan(a.person_id, a.episode_id.0, id, clock, p.user.id.0, now)
                .await?;
            done.push(format!("cin_plan={plan}"));
        }
        if let Some(reason) = strategy_reason.filter(|_| wants_discussion) {
            let sd = self
                .ask_for_discussion(
                    &mut tx,
                    p,
                    &crate::protection::strategy::Ask {
                        person,
                        episode: a.episode_id.0,
                        assessment: Some(id),
                        referral: None,
                        from: hearth_domain::protection::strategy::RequestedFrom::AssessmentOutcome,
                        reason,
                        on,
                    },
                )
                .await?;
            done.push(format!("strategy_discussion={sd}"));
        }
        tx.assessments()
            .mark_acted_on(id, input.version, now)
            .await?;
        Self::census_guard(&mut tx, person, self.clock.today(), &census_before).await?;
        tx.audit_about(
            now,
            a.person_id,
            a_entry(p, "assessment.act", id, Some(done.join(" "))),
        )
        .await?;
        self.finish_assessment(tx, &access, id).await
    }
}
