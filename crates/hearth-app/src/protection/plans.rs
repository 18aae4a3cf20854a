//! What a conference's decision does to the plan, the plan's core groups and statutory visits,
//! ending a plan for a fact, and the child's whole protection record.

use chrono::NaiveDate;
use hearth_domain::authz::{CaseAccess, GeneralAction, Read};
use hearth_domain::casework::plan_content::PlanKind;
use hearth_domain::clock::{Anchor, ClockKind};
use hearth_domain::codes::AbuseCategory;
use hearth_domain::errors::ValidationErrors;
use hearth_domain::ids::PersonId;
use hearth_domain::person::parse_date;
use hearth_domain::protection::conference::{
    check_quorum, ConferenceKind, DEFAULT_QUORUM_OTHER_AGENCIES,
};
use hearth_domain::protection::plan::{
    check_core_group, check_cp_visit, check_discontinuation, CoreGroupMeeting,
    DiscontinuationReason,
};
use hearth_store::protection::conferences::{ConferenceRow, NewConference};
use hearth_store::protection::cp_plans::{CpPlanRow, NewCpPlan, PlanEnd};
use hearth_store::Tx;
use uuid::Uuid;

use crate::accounts::auth::Principal;
use crate::error::{AppError, AppResult};
use crate::protection::cp_types::*;
use crate::protection::enquiries::{cp_entry, only_one, CONFERENCE, PLAN};
use crate::{read_row_about, App};

fn held_anchor_of(kind: ConferenceKind, on: NaiveDate) -> Anchor {
    Anchor {
        event: if kind.is_initial() {
            "initial child protection conference".into()
        } else {
            "review conference".into()
        },
        date: on,
    }
}

impl App {
    /// Does what the conference decided, in its transaction; returns the audit detail.
    #[allow(clippy::too_many_arguments)]
    pub(crate) async fn act_on_decision(
        &self,
        tx: &mut Tx,
        p: &Principal,
        conf: &ConferenceRow,
        plan: Option<&CpPlanRow>,
        input: &HoldConferenceInput,
        held_on: NaiveDate,
        category: Option<AbuseCategory>,
        review_on: Option<NaiveDate>,
        end_reason: Option<DiscontinuationReason>,
    ) -> AppResult<String> {
        let now = self.clock.now();
        let person = PersonId(conf.person_id);
        let mut detail = format!("plan={}", input.plan);
        if conf.kind.is_initial() {
            if conf.kind != ConferenceKind::TransferIn {
                tx.cp_plans()
                    .set_episode_initial_cpc(conf.episode_id, held_on)
                    .await?;
            }
            if let (true, Some(category)) = (input.plan, category) {
                const OPEN: &str = "The child already has an open child protection plan: a second is never opened (census rule 8935); review the open plan instead";
                if tx.cp_plans().open_plan_of(conf.person_id).await?.is_some() {
                    return Err(AppError::Validation(ValidationErrors::single(
                        "plan",
                        "plan_open",
                        OPEN,
                    )));
                }
                let previous = tx.cp_plans().count_of_person(conf.person_id).await?
                    + i64::from(input.previous_plans_elsewhere);
                let plan_id = tx
                    .cp_plans()
                    .start(
                        &NewCpPlan {
                            person: conf.person_id,
                            episode: conf.episode_id,
                            conference: conf.id,
                            started_on: held_on,
                            category,
                            previous_plans: previous,
                            lead_worker: input.lead_worker_id,
                        },
                        now,
                    )
                    .await
                    .map_err(|e| only_one(e, "cp_plans_one_open", "plan", "plan_open", OPEN))?;
                let ended = tx
                    .cp_plans()
                    .end_open_cin_plans(conf.person_id, held_on)
                    .await?;
                detail.push_str(&format!(" cp_plan={plan_id} cin_plans_ended={ended}"));
                let anchor = held_anchor_of(conf.kind, held_on);
                let (protocol, _) = Self::protocol_in(tx).await?;
                let plan_subject = plan_id.to_string();
                self.start_clock_under(
                    tx,
                    &protocol,
                    PLAN,
                    &plan_subject,
                    Some(person),
                    ClockKind::CoreGroup,
                    anchor.clone(),
                )
                .await?;
                if ClockKind::CpVisit.timescale(&protocol).is_ok() {
                    self.start_clock_under(
                        tx,
                        &protocol,
                        PLAN,
                        &plan_subject,
                        Some(person),
                        ClockKind::CpVisit,
                        anchor.clone(),
                    )
                    .await?;
                }
                self.arrange_review(
                    tx,
                    p,
                    conf,
                    plan_id,
                    ClockKind::FirstReviewConference,
                    anchor,
                    review_on,
                )
                .await?;
                tx.audit_about(
                    now,
                    conf.person_id,
                    cp_entry(p, "cp-plan.start", PLAN, plan_id, None),
                )
                .await?;
            } else if input.cin_plan_follows {
                self.cin_plan_follows(tx, p, conf, held_on).await?;
            }
            return Ok(detail);
        }
        // A review conference.
        let Some(plan) = plan else {
            return Err(AppError::Conflict(
                "a review conference without its plan".into(),
            ));
        };
        plan.status.work()?;
        if input.plan {
            if let Some(c) = category {
                if c != plan.latest_category {
                    tx.cp_plans().set_latest_category(plan.id, c).await?;
                    detail.push_str(&format!(" latest_category={}", c.code()));
                }
            }
            self.arrange_review(
                tx,
                p,
                conf,
                plan.id,
                ClockKind::ReviewConference,
                held_anchor_of(conf.kind, held_on),
                review_on,
            )
            .await?;
        } else if let Some(reason) = end_reason {
            self.end_plan(
                tx,
                p,
                plan,
                &PlanEnd {
                    ended_on: held_on,
                    reason,
                    evidence: &input.end_evidence,
                    by_conference: Some(conf.id),
                    cin_plan_follows: input.cin_plan_follows,
                },
            )
            .await?;
            if input.cin_plan_follows {
                self.cin_plan_follows(tx, p, conf, held_on).await?;
            }
            detail.push_str(&format!(" ended={}", reason.code()));
        }
        Ok(detail)
    }

    /// Arranges the plan's next review conference on the date the conference set, with the
    /// clock that bounds it (3 months after the initial conference, then 6).
    #[allow(clippy::too_many_arguments)]
    async fn arrange_review(
        &self,
        tx: &mut Tx,
        p: &Principal,
        conf: &ConferenceRow,
        plan: Uuid,
        kind: ClockKind,
        anchor: Anchor,
        review_on: Option<NaiveDate>,
    ) -> AppResult<Uuid> {
        self.arrange_conference(
            tx,
            p,
            &NewConference {
                person: conf.person_id,
                episode: conf.episode_id,
                kind: ConferenceKind::Review,
                enquiry: None,
                plan: Some(plan),
                anchor_on: anchor.date,
                target_on: anchor.date,
                scheduled_on: review_on,
                by: p.user.id.0,
            },
            kind,
            anchor,
        )
        .await
    }

    async fn cin_plan_follows(
        &self,
        tx: &mut Tx,
        p: &Principal,
        conf: &ConferenceRow,
        on: NaiveDate,
    ) -> AppResult<Uuid> {
        let (protocol, _) = Self::protocol_in(tx).await?;
        let now = self.clock.now();
        let id = tx
            .cp_plans()
            .cin_plan_after(conf.person_id, conf.episode_id, None, p.user.id.0, now)
            .await?;
        if ClockKind::CinPlanStart.timescale(&protocol).is_ok() {
            let anchor = Anchor {
                event: "conference's decision".into(),
                date: on,
            };
            self.start_clock_under(
                tx,
                &protocol,
                "cin-plan",
                &id.to_string(),
                Some(PersonId(conf.person_id)),
                ClockKind::CinPlanStart,
                anchor,
            )
            .await?;
        }
        Ok(id)
    }

    /// Ends a plan and stops its clocks (and any review still arranged).
    async fn end_plan(
        &self,
        tx: &mut Tx,
        p: &Principal,
        plan: &CpPlanRow,
        end: &PlanEnd<'_>,
    ) -> AppResult<()> {
        plan.status.end()?;
        tx.cp_plans().end(plan.id, end).await?;
        let why = format!(
            "The plan ended on {}",
            hearth_domain::uk_time::format_date(end.ended_on)
        );
        tx.cp_plans()
            .stop_clocks(PLAN, plan.id, end.ended_on, &why)
            .await?;
        for c in tx.conferences().arranged_for_plan(plan.id).await? {
            tx.cp_plans()
                .stop_clocks(CONFERENCE, c, end.ended_on, &why)
                .await?;
            tx.conferences().cancel(c).await?;
        }
        tx.audit_about(
            self.clock.now(),
            plan.person_id,
            cp_entry(
                p,
                "cp-plan.end",
                PLAN,
                plan.id,
                Some(format!("reason={}", end.reason.code())),
            ),
        )
        .await?;
        Ok(())
    }

    /// Meets the plan's open clock of `kind` on `on` (a late one needs its reason); false when
    /// the plan has none open.
    async fn meet_plan_clock(
        &self,
        tx: &mut Tx,
        plan: Uuid,
        kind: ClockKind,
        on: NaiveDate,
        late_reason: &str,
    ) -> AppResult<bool> {
        let code = kind.code();
        let open = tx
            .clocks_for(PLAN, &plan.to_string())
            .await?
            .into_iter()
            .find(|c| c.kind == code && c.met_on.is_none());
        match open {
            Some(c) => {
                self.meet_clock(tx, c.id, on, Some(late_reason)).await?;
                Ok(true)
            }
            None => Ok(false),
        }
    }

    /// Records a core group meeting; the first meets the core group clock (10 working days from
    /// the initial conference).
    #[tracing::instrument(skip_all)]
    pub async fn record_core_group(
        &self,
        p: &Principal,
        person: PersonId,
        plan_id: Uuid,
        input: &CoreGroupInput,
    ) -> AppResult<ChildProtectionView> {
        let now = self.clock.now();
        let today = self.clock.today();
        let (mut tx, access) = self.cp_write(p, person, "cp-plan.core-group").await?;
        let plan = tx.cp_plans().get(&access, plan_id).await?;
        plan.status.work()?;
        let mut e = ValidationErrors::default();
        let Some(met_on) = parse_date("met_on", "The meeting date", &input.met_on, &mut e) else {
            return Err(AppError::Validation(e));
        };
        let m = CoreGroupMeeting {
            met_on,
            attendees: input.attendees.trim().into(),
            decisions: input.decisions.trim().into(),
            absent_views: input.absent_views.trim().into(),
        };
        check_core_group(&m, plan.started_on, today)?;
        let id = tx
            .cp_plans()
            .add_core_group(plan.id, &m, p.user.id.0, now)
            .await?;
        // The first meeting meets the 10-working-day clock, each later one the interval's; every
        // meeting starts the next at the protocol's interval (where it sets one).
        let first = self
            .meet_plan_clock(
                &mut tx,
                plan.id,
                ClockKind::CoreGroup,
                met_on,
                &input.late_reason,
            )
            .await?;
        let later = first
            || self
                .meet_plan_clock(
                    &mut tx,
                    plan.id,
                    ClockKind::CoreGroupMeeting,
                    met_on,
                    &input.late_reason,
                )
                .await?;
        let (protocol, _) = Self::protocol_in(&mut tx).await?;
        if later && ClockKind::CoreGroupMeeting.timescale(&protocol).is_ok() {
            let anchor = Anchor {
                event: "core group meeting".into(),
                date: met_on,
            };
            self.start_clock_under(
                &mut tx,
                &protocol,
                PLAN,
                &plan.id.to_string(),
                Some(person),
                ClockKind::CoreGroupMeeting,
                anchor,
            )
            .await?;
        }
        tx.audit_about(
            now,
            person.0,
            cp_entry(p, "cp-plan.core-group", PLAN, id, None),
        )
        .await?;
        let view = self.child_protection_in(&mut tx, &access).await?;
        tx.commit().await?;
        Ok(view)
    }

    /// Records a statutory visit to the child; under an open plan it meets the visit clock and
    /// starts the next at the protocol's frequency, counted from this visit.
    #[tracing::instrument(skip_all)]
    pub async fn record_cp_visit(
        &self,
        p: &Principal,
        person: PersonId,
        input: &CpVisitInput,
    ) -> AppResult<ChildProtectionView> {
        let now = self.clock.now();
        let today = self.clock.today();
        let (mut tx, access) = self.cp_write(p, person, "cp-visit.record").await?;
        let plans = tx.cp_plans().of_child(&access).await?;
        let Some(plan) = plans.iter().find(|x| x.status.work().is_ok()) else {
            return Err(AppError::Validation(ValidationErrors::single(
                "visited_on",
                "no_open_plan",
                "The child has no open child protection plan: record the visit with the assessment or as a case note",
            )));
        };
        let mut e = ValidationErrors::default();
        let Some(visited_on) =
            parse_date("visited_on", "The visit date", &input.visited_on, &mut e)
        else {
            return Err(AppError::Validation(e));
        };
        let v = input.visit(visited_on);
        check_cp_visit(&v, plan.started_on, today)?;
        let id = tx
            .cp_plans()
            .add_visit(person.0, Some(plan.id), &v, p.user.id.0, now)
            .await?;
        if self
            .meet_plan_clock(
                &mut tx,
                plan.id,
                ClockKind::CpVisit,
                visited_on,
                &input.late_reason,
            )
            .await?
        {
            let anchor = Anchor {
                event: "statutory visit".into(),
                date: visited_on,
            };
            self.start_clock(
                &mut tx,
                PLAN,
                &plan.id.to_string(),
                Some(person),
                ClockKind::CpVisit,
                anchor,
            )
            .await?;
        }
        tx.audit_about(
            now,
            person.0,
            cp_entry(p, "cp-visit.record", PLAN, id, None),
        )
        .await?;
        let view = self.child_protection_in(&mut tx, &access).await?;
        tx.commit().await?;
        Ok(view)
    }

    /// Ends a plan for a fact outside a review conference (moved permanently, reached 18, died,
    /// left the UK), with its evidence.
    #[tracing::instrument(skip_all)]
    pub async fn discontinue_plan(
        &self,
        p: &Principal,
        person: PersonId,
        plan_id: Uuid,
        input: &DiscontinueInput,
    ) -> AppResult<ChildProtectionView> {
        let today = self.clock.today();
        let (mut tx, access) = self.cp_write(p, person, "cp-plan.end").await?;
        let census_before = Self::census_baseline(&mut tx, person, today).await?;
        let plan = tx.cp_plans().get(&access, plan_id).await?;
        plan.status.end()?;
        let mut e = ValidationErrors::default();
        let reason = if input.reason.trim().is_empty() {
            None
        } else {
            DiscontinuationReason::parse(input.reason.trim())
                .map_err(|m| e.add("reason", "unknown_code", m))
                .ok()
        };
        let ended_on = if input.ended_on.trim().is_empty() {
            Some(today)
        } else {
            parse_date("ended_on", "The end date", &input.ended_on, &mut e)
        };
        let Some(ended_on) = ended_on else {
            return Err(AppError::Validation(e));
        };
        e.into_result(())?;
        let eighteenth = tx
            .people()
            .get(&access)
            .await?
            .details
            .date_of_birth()
            .map(hearth_domain::childhood::eighteenth_birthday);
        check_discontinuation(
            reason,
            ended_on,
            plan.started_on,
            today,
            false,
            &input.evidence,
            eighteenth,
        )?;
        let Some(reason) = reason else {
            return Err(AppError::Validation(ValidationErrors::single(
                "reason",
                "required",
                "Choose why the plan ends",
            )));
        };
        self.end_plan(
            &mut tx,
            p,
            &plan,
            &PlanEnd {
                ended_on,
                reason,
                evidence: &input.evidence,
                by_conference: None,
                cin_plan_follows: false,
            },
        )
        .await?;
        let view = self.child_protection_in(&mut tx, &access).await?;
        Self::census_guard(&mut tx, person, today, &census_before).await?;
        tx.commit().await?;
        Ok(view)
    }

    /// The child's whole protection record (audited as a read of the child's record).
    #[tracing::instrument(skip_all)]
    pub async fn child_protection_of(
        &self,
        p: &Principal,
        person: PersonId,
    ) -> AppResult<ChildProtectionView> {
        self.allow(p, GeneralAction::SearchPeople).await?;
        let now = self.clock.now();
        let tx = self.db.read().await?;
        let (mut tx, access) = self
            .read_access(tx, p, person, "child-protection.view")
            .await?;
        let view = self.child_protection_in(&mut tx, &access).await?;
        let row = cp_entry(p, "child-protection.view", "person", person.0, None);
        self.audited(tx, vec![read_row_about(now, person.0, row)])
            .await?;
        Ok(view)
    }

    /// Builds the record inside a transaction already holding access.
    pub(crate) async fn child_protection_in(
        &self,
        tx: &mut Tx,
        access: &CaseAccess<Read>,
    ) -> AppResult<ChildProtectionView> {
        let cal = Self::calendar_in(tx).await?;
        let child = tx.people().get(access).await?.details.full_name();
        let enquiries = tx
            .enquiries()
            .of_child(access)
            .await?
            .into_iter()
            .map(|q| EnquiryView {
                status_label: q.status.label().into(),
                outcome_label: q.outcome.map(|o| o.text().to_string()),
                enquiry: q,
            })
            .collect();
        let rows = tx.conferences().of_child(access).await?;
        let plan_rows = tx.cp_plans().of_child(access).await?;
        // Clocks and people's names read once for the whole record, not per conference or plan.
        let clock_ids: Vec<Uuid> = rows
            .iter()
            .flat_map(|c| [c.clock_id, c.circulation_clock_id])
            .flatten()
            .collect();
        let clocks = if clock_ids.is_empty() {
            Vec::new()
        } else {
            tx.clocks_by_id(&clock_ids).await?
        };
        let mut people: Vec<Uuid> = rows
            .iter()
            .flat_map(|c| [c.chair_id, c.lead_worker_id])
            .chain(plan_rows.iter().map(|p| p.lead_worker_id))
            .flatten()
            .collect();
        people.sort();
        people.dedup();
        let names = tx.users().names(&people).await?;
        let name = |id: Option<Uuid>| id.and_then(|i| names.get(&i).cloned()).unwrap_or_default();
        let conferences: Vec<ConferenceView> = rows
            .iter()
            .map(|c| ConferenceView {
                kind_label: c.kind.text().into(),
                status_label: c.status.label().into(),
                chair_name: name(c.chair_id),
                lead_worker_name: name(c.lead_worker_id),
                clock: c
                    .clock_id
                    .and_then(|id| clocks.iter().find(|k| k.id == id))
                    .map(|k| self.view_clock(k.clone(), &cal)),
                circulation_clock: c
                    .circulation_clock_id
                    .and_then(|id| clocks.iter().find(|k| k.id == id))
                    .map(|k| self.view_clock(k.clone(), &cal)),
                quorate: c
                    .held_on
                    .map(|_| check_quorum(&c.invitees, DEFAULT_QUORUM_OTHER_AGENCIES).is_ok()),
                conference: c.clone(),
            })
            .collect();
        let mut plans = Vec::new();
        for plan in plan_rows {
            let clocks = tx
                .clocks_for(PLAN, &plan.id.to_string())
                .await?
                .into_iter()
                .map(|c| self.view_clock(c, &cal))
                .collect();
            let review_dates = rows
                .iter()
                .filter(|c| c.kind == ConferenceKind::Review && c.plan_id == Some(plan.id))
                .filter_map(|c| c.held_on)
                .collect();
            plans.push(PlanView {
                initial_category_label: plan.initial_category.label().into(),
                latest_category_label: plan.latest_category.label().into(),
                status_label: plan.status.label().into(),
                lead_worker_name: name(plan.lead_worker_id),
                review_dates,
                core_groups: tx.cp_plans().core_groups(plan.id).await?,
                clocks,
                versions: tx
                    .plan_versions()
                    .of_plan(access, PlanKind::ChildProtection, plan.id)
                    .await?,
                plan,
            });
        }
        // The open episode's, or once it has closed, the latest episode's.
        let episodes = tx.episodes().of_child(access).await?;
        let date_of_initial_cpc = episodes
            .iter()
            .find(|e| e.closure_date.is_none())
            .or_else(|| episodes.first())
            .and_then(|e| e.date_of_initial_cpc);
        let born = tx.people().get(access).await?.details.date_of_birth();
        let next_review = conferences
            .iter()
            .filter(|c| {
                c.conference.kind == ConferenceKind::Review && c.conference.status.prepare().is_ok()
            })
            .map(|c| c.conference.scheduled_on.unwrap_or(c.conference.target_on))
            .min();
        let review_before_18 = hearth_domain::protection::plan::review_before_18(born, next_review);
        Ok(ChildProtectionView {
            person_id: access.person().0,
            child,
            enquiries,
            conferences,
            plans,
            visits: tx.cp_plans().visits(access).await?,
            date_of_initial_cpc,
            review_before_18,
            census: Self::census_findings_in(tx, access.person(), self.clock.today()).await?,
        })
    }
}
