//! Child protection conferences: arranged with their clock (initial and pre-birth from the
//! enquiry, transfer-in from the notification of a move, reviews from the plan), prepared (a
//! working day, an independent chair, invitations and reports) and held once with the decision,
//! which starts, continues or ends the plan.

use hearth_domain::authz::{CaseAccess, Read};
use hearth_domain::clock::{compute, Anchor, ClockKind};
use hearth_domain::codes::AbuseCategory;
use hearth_domain::errors::ValidationErrors;
use hearth_domain::ids::{EpisodeId, PersonId, UserId};
use hearth_domain::person::parse_date;
use hearth_domain::protection::conference::{
    check_chair, check_decision, check_invitees, check_quorum, check_working_day, ConferenceKind,
    Decision, DEFAULT_QUORUM_OTHER_AGENCIES,
};
use hearth_domain::protection::plan::{check_discontinuation, DiscontinuationReason};
use hearth_store::protection::conferences::{
    ConferenceRow, DecisionRecord, HeldConference, NewConference,
};
use hearth_store::Tx;
use uuid::Uuid;

use crate::accounts::auth::Principal;
use crate::error::{AppError, AppResult};
use crate::protection::cp_types::{
    invitees_of, ChildProtectionView, HoldConferenceInput, PrepareConferenceInput, TransferInInput,
};
use crate::protection::enquiries::{cp_entry, CONFERENCE};
use crate::App;

impl App {
    /// Arranges a conference with its clock in the caller's transaction; its target date is the
    /// clock's due date (census `InitialCPCtarget` for an initial conference).
    pub(crate) async fn arrange_conference(
        &self,
        tx: &mut Tx,
        p: &Principal,
        n: &NewConference,
        kind: ClockKind,
        anchor: Anchor,
    ) -> AppResult<Uuid> {
        let (protocol, _) = Self::protocol_in(tx).await?;
        let cal = Self::calendar_in(tx).await?;
        let due = compute(kind, anchor.clone(), &protocol, &cal)
            .map_err(|e| AppError::Conflict(e.to_string()))?;
        let id = tx
            .conferences()
            .arrange(
                &NewConference {
                    target_on: due.date,
                    anchor_on: anchor.date,
                    ..clone_new(n)
                },
                self.clock.now(),
            )
            .await?;
        let clock = self
            .start_clock_under(
                tx,
                &protocol,
                CONFERENCE,
                &id.to_string(),
                Some(PersonId(n.person)),
                kind,
                anchor,
            )
            .await?;
        tx.conferences().set_clock(id, clock.id).await?;
        tx.audit_about(
            self.clock.now(),
            n.person,
            cp_entry(
                p,
                "conference.arrange",
                CONFERENCE,
                id,
                Some(format!("kind={}", n.kind.code())),
            ),
        )
        .await?;
        Ok(id)
    }

    /// A transfer-in conference for a child on another council's plan who has moved here: due
    /// within 15 working days of this council being told of the move.
    #[tracing::instrument(skip_all)]
    pub async fn arrange_transfer_in(
        &self,
        p: &Principal,
        person: PersonId,
        input: &TransferInInput,
    ) -> AppResult<ChildProtectionView> {
        let today = self.clock.today();
        let (mut tx, access) = self.cp_write(p, person, "conference.arrange").await?;
        let mut e = ValidationErrors::default();
        let Some(notified_on) = parse_date(
            "notified_on",
            "The date you were told",
            &input.notified_on,
            &mut e,
        ) else {
            return Err(AppError::Validation(e));
        };
        if notified_on > today {
            return Err(AppError::Validation(ValidationErrors::single(
                "notified_on",
                "future_date",
                "The notification cannot be in the future",
            )));
        }
        let Some(episode) = tx.episodes().open_of(&access).await? else {
            return Err(AppError::Validation(ValidationErrors::single(
                "person_id",
                "no_open_episode",
                "The child has no open episode of need: record the referral from the other council first",
            )));
        };
        self.arrange_conference(
            &mut tx,
            p,
            &NewConference {
                person: person.0,
                episode: episode.id.0,
                kind: ConferenceKind::TransferIn,
                enquiry: None,
                plan: None,
                anchor_on: notified_on,
                target_on: notified_on,
                scheduled_on: None,
                by: p.user.id.0,
            },
            ClockKind::TransferInConference,
            Anchor {
                event: "notification of the child's move from another council".into(),
                date: notified_on,
            },
        )
        .await?;
        let view = self.child_protection_in(&mut tx, &access).await?;
        tx.commit().await?;
        Ok(view)
    }

    /// Sets the conference's date (a working day), its chair (a conference chair independent of
    /// the case) and its invitations and reports.
    #[tracing::instrument(skip_all)]
    pub async fn prepare_conference(
        &self,
        p: &Principal,
        person: PersonId,
        id: Uuid,
        input: &PrepareConferenceInput,
    ) -> AppResult<ChildProtectionView> {
        let now = self.clock.now();
        let (mut tx, access) = self.cp_write(p, person, "conference.prepare").await?;
        let conf = tx.conferences().get(&access, id).await?;
        conf.status.prepare()?;
        let cal = Self::calendar_in(&mut tx).await?;
        let mut e = ValidationErrors::default();
        let scheduled_on = if input.scheduled_on.trim().is_empty() {
            None
        } else {
            parse_date(
                "scheduled_on",
                "The conference date",
                &input.scheduled_on,
                &mut e,
            )
        };
        if let Some(d) = scheduled_on {
            if let Err(more) = check_working_day("scheduled_on", d, &cal) {
                e.0.extend(more.0);
            }
        }
        if let Some(chair) = input.chair_id {
            if let Err(more) = self.check_chair_for(&mut tx, &access, &conf, chair).await {
                e.0.extend(more.0);
            }
        }
        let invitees = invitees_of(&input.invitees, &mut e);
        if let Err(more) = check_invitees(&invitees) {
            e.0.extend(more.0);
        }
        e.into_result(())?;
        tx.conferences()
            .prepare(id, input.version, scheduled_on, input.chair_id, &invitees)
            .await?;
        tx.audit_about(
            now,
            person.0,
            cp_entry(p, "conference.prepare", CONFERENCE, id, None),
        )
        .await?;
        let view = self.child_protection_in(&mut tx, &access).await?;
        tx.commit().await?;
        Ok(view)
    }

    /// The chair must be in the conference chair role and independent of the case: not the
    /// allocated worker, not in the allocated team.
    async fn check_chair_for(
        &self,
        tx: &mut Tx,
        access: &CaseAccess<Read>,
        conf: &ConferenceRow,
        chair: Uuid,
    ) -> Result<(), ValidationErrors> {
        let Ok(user) = tx.users().get(UserId(chair)).await else {
            return Err(ValidationErrors::single(
                "chair_id",
                "unknown_user",
                "Choose a chair from the list",
            ));
        };
        if user.disabled {
            return Err(ValidationErrors::single(
                "chair_id",
                "disabled_user",
                "That chair's account is disabled",
            ));
        }
        let episode = tx
            .episodes()
            .get(access, EpisodeId(conf.episode_id))
            .await
            .ok();
        let worker = episode.as_ref().and_then(|e| e.allocated_worker);
        let team = episode.as_ref().and_then(|e| e.allocated_team);
        check_chair(user.role, worker == Some(chair), team == Some(user.team.0))
    }

    /// Records the conference as held with its decision, in one transaction: an initial
    /// conference that decides on a plan starts it (census `CPPstartDate` = the conference's
    /// date) with its core group and review clocks and the first review arranged, ends any open
    /// child in need plan (census rule 4001) and dates the episode's `DateOfInitialCPC`; a review
    /// conference continues the plan (latest category, next review within 6 months) or ends it.
    #[tracing::instrument(skip_all)]
    pub async fn hold_conference(
        &self,
        p: &Principal,
        person: PersonId,
        id: Uuid,
        input: &HoldConferenceInput,
    ) -> AppResult<ChildProtectionView> {
        let now = self.clock.now();
        let today = self.clock.today();
        let (mut tx, access, conf) = self
            .conference_write(p, person, id, "conference.hold")
            .await?;
        let census_before = Self::census_baseline(&mut tx, person, today).await?;
        conf.status.hold()?;
        let cal = Self::calendar_in(&mut tx).await?;
        let (protocol, _) = Self::protocol_in(&mut tx).await?;
        let mut e = ValidationErrors::default();
        let held_on = parse_date("held_on", "The conference date", &input.held_on, &mut e);
        let category = if input.category.trim().is_empty() {
            None
        } else {
            AbuseCategory::parse(input.category.trim())
                .map_err(|m| e.add("category", "unknown_code", m.to_string()))
                .ok()
        };
        let review_on = if input.review_on.trim().is_empty() {
            None
        } else {
            parse_date("review_on", "The review date", &input.review_on, &mut e)
        };
        let end_reason = if input.end_reason.trim().is_empty() {
            None
        } else {
            DiscontinuationReason::parse(input.end_reason.trim())
                .map_err(|m| e.add("end_reason", "unknown_code", m))
                .ok()
        };
        let Some(held_on) = held_on else {
            return Err(AppError::Validation(e));
        };
        if let Err(more) = check_working_day("held_on", held_on, &cal) {
            e.0.extend(more.0);
        }
        if held_on > today {
            e.add(
                "held_on",
                "future_date",
                "A conference is recorded as held once it has happened",
            );
        }
        if held_on < conf.anchor_on {
            e.add(
                "held_on",
                "before_anchor",
                "The conference cannot be held before the event it follows",
            );
        }
        match conf.chair_id {
            None => e.add(
                "chair_id",
                "required",
                "Name the conference's chair before recording it as held",
            ),
            Some(chair) => {
                if let Err(more) = self.check_chair_for(&mut tx, &access, &conf, chair).await {
                    e.0.extend(more.0);
                }
            }
        }
        let invitees = if input.invitees.is_empty() {
            conf.invitees.clone()
        } else {
            invitees_of(&input.invitees, &mut e)
        };
        if let Err(more) =
            check_invitees(&invitees).and(check_quorum(&invitees, DEFAULT_QUORUM_OTHER_AGENCIES))
        {
            e.0.extend(more.0);
        }
        if let Some(lead) = input.lead_worker_id {
            match tx.users().get(UserId(lead)).await {
                Ok(u) if u.role.may_hold_cases() && !u.disabled => {}
                _ => e.add(
                    "lead_worker_id",
                    "not_a_worker",
                    "Choose a social worker who can hold cases as the lead social worker",
                ),
            }
        }
        let next_kind = if conf.kind.is_initial() {
            ClockKind::FirstReviewConference
        } else {
            ClockKind::ReviewConference
        };
        let latest_review = compute(
            next_kind,
            Anchor {
                event: "conference".into(),
                date: held_on,
            },
            &protocol,
            &cal,
        )
        .map_err(|x| AppError::Conflict(x.to_string()))?
        .date;
        let decision = Decision {
            plan: input.plan,
            category,
            lead_worker_named: input.lead_worker_id.is_some(),
            core_group: input.core_group.trim().into(),
            outline_plan: input.outline_plan.trim().into(),
            review_on,
            child_wishes: input.child_wishes.trim().into(),
            parents_views: input.parents_views.trim().into(),
            agency_views: input.agency_views.trim().into(),
            dissent: input.dissent.trim().into(),
        };
        if let Err(more) = check_decision(&decision, conf.kind, held_on, latest_review, &cal) {
            e.0.extend(more.0);
        }
        // A review that does not continue the plan ends it, for a reason.
        let plan = match conf.plan_id {
            Some(pid) => Some(tx.cp_plans().get(&access, pid).await?),
            None => None,
        };
        if conf.kind == ConferenceKind::Review && !input.plan {
            if let Some(plan) = &plan {
                if let Err(more) = check_discontinuation(
                    end_reason,
                    held_on,
                    plan.started_on,
                    today,
                    true,
                    &input.end_evidence,
                    None,
                ) {
                    e.0.extend(more.0);
                }
            }
        }
        e.into_result(())?;
        if let Some(clock) = conf.clock_id {
            let late = Some(input.late_reason.as_str());
            self.meet_clock(&mut tx, clock, held_on, late).await?;
        }
        let record = DecisionRecord {
            child_wishes: decision.child_wishes.clone(),
            parents_views: decision.parents_views.clone(),
            agency_views: decision.agency_views.clone(),
            dissent: decision.dissent.clone(),
            core_group: decision.core_group.clone(),
            outline_plan: decision.outline_plan.clone(),
            end_evidence: input.end_evidence.trim().into(),
            cin_plan_follows: input.cin_plan_follows,
        };
        tx.conferences()
            .hold(
                id,
                input.version,
                &HeldConference {
                    held_on,
                    plan_decided: input.plan,
                    category,
                    lead_worker: input.lead_worker_id,
                    review_on,
                    end_reason: if input.plan { None } else { end_reason },
                    record: &record,
                    invitees: &invitees,
                    by: p.user.id.0,
                },
            )
            .await?;
        // Circulating the decision is the chair's task, due at the protocol's timescale.
        if ClockKind::DecisionCirculation.timescale(&protocol).is_ok() {
            let clock = self
                .start_clock_under(
                    &mut tx,
                    &protocol,
                    CONFERENCE,
                    &id.to_string(),
                    Some(person),
                    ClockKind::DecisionCirculation,
                    Anchor {
                        event: "conference".into(),
                        date: held_on,
                    },
                )
                .await?;
            tx.conferences().set_circulation_clock(id, clock.id).await?;
        }
        let detail = self
            .act_on_decision(
                &mut tx,
                p,
                &conf,
                plan.as_ref(),
                input,
                held_on,
                category,
                review_on,
                end_reason,
            )
            .await?;
        tx.audit_about(
            now,
            person.0,
            cp_entry(p, "conference.hold", CONFERENCE, id, Some(detail)),
        )
        .await?;
        let view = self.child_protection_in(&mut tx, &access).await?;
        Self::census_guard(&mut tx, person, today, &census_before).await?;
        tx.commit().await?;
        Ok(view)
    }
}

fn clone_new(n: &NewConference) -> NewConference {
    NewConference {
        person: n.person,
        episode: n.episode,
        kind: n.kind,
        enquiry: n.enquiry,
        plan: n.plan,
        anchor_on: n.anchor_on,
        target_on: n.target_on,
        scheduled_on: n.scheduled_on,
        by: n.by,
    }
}
