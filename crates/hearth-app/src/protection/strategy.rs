//! Strategy discussions: asked for at the referral decision, after immediate protection, at any
//! stage of an assessment, by an assessment's outcome or on an open case; each asked for with a
//! clock to hold it, then held as a dated event whose date anchors what follows.

use chrono::NaiveDate;
use hearth_domain::assessment::AssessmentState;
use hearth_domain::authz::{CaseAccess, GeneralAction, Read};
use hearth_domain::clock::{Anchor, ClockKind};
use hearth_domain::errors::ValidationErrors;
use hearth_domain::ids::{AssessmentId, PersonId};
use hearth_domain::person::parse_date;
use hearth_domain::protection::strategy::{
    check_actions, check_held, held_anchor, requested_anchor, AgreedAction, DiscussionForm,
    DiscussionParticipant, HeldDetails, HeldDiscussion, RequestedFrom,
};
use hearth_domain::protocol::AssessmentModel;
use hearth_store::audit::{AuditEntry, AuditOutcome};
use hearth_store::protection::strategy_discussions::{
    NewStrategyDiscussion, StrategyDiscussionRow,
};
use hearth_store::record_people::RecordKind;
use hearth_store::Tx;
use uuid::Uuid;

use crate::accounts::auth::Principal;
use crate::assessment::lifecycle::invalid;
use crate::error::{AppError, AppResult};
use crate::protection::types::{DiscussionView, HeldInput, RequestDiscussionInput};
use crate::{read_row_about, App};

/// The clocks' and audit rows' name for a strategy discussion.
pub(crate) const SUBJECT: &str = "strategy-discussion";

fn sd_entry(p: &Principal, action: &'static str, id: Uuid, detail: Option<String>) -> AuditEntry {
    AuditEntry {
        user: Some(p.user.id),
        action,
        record_type: SUBJECT,
        record_id: Some(id.to_string()),
        outcome: AuditOutcome::Success,
        detail,
    }
}

/// Where a discussion is asked for, and about what.
pub(crate) struct Ask<'a> {
    pub person: PersonId,
    pub episode: Uuid,
    pub assessment: Option<Uuid>,
    pub referral: Option<Uuid>,
    pub from: RequestedFrom,
    pub reason: &'a str,
    pub on: NaiveDate,
}

impl App {
    /// Opens a strategy discussion to be held, with its clock (when the protocol sets one), in
    /// the caller's transaction, audited.
    pub(crate) async fn ask_for_discussion(
        &self,
        tx: &mut Tx,
        p: &Principal,
        ask: &Ask<'_>,
    ) -> AppResult<Uuid> {
        let now = self.clock.now();
        let id = tx
            .strategy_discussions()
            .insert(
                &NewStrategyDiscussion {
                    person: ask.person,
                    episode: ask.episode,
                    assessment: ask.assessment,
                    referral: ask.referral,
                    from: ask.from,
                    reason: ask.reason,
                    requested_on: ask.on,
                    by: p.user.id,
                },
                now,
            )
            .await?;
        let (protocol, _) = Self::protocol_in(tx).await?;
        if ClockKind::StrategyDiscussion.timescale(&protocol).is_ok() {
            let clock = self
                .start_clock_under(
                    tx,
                    &protocol,
                    SUBJECT,
                    &id.to_string(),
                    Some(ask.person),
                    ClockKind::StrategyDiscussion,
                    requested_anchor(ask.from, ask.on),
                )
                .await?;
            tx.strategy_discussions().set_clock(id, clock.id).await?;
        }
        tx.audit_about(
            now,
            ask.person.0,
            sd_entry(
                p,
                "strategy-discussion.request",
                id,
                Some(format!("from={}", ask.from.code())),
            ),
        )
        .await?;
        Ok(id)
    }

    /// Asks for a strategy discussion at any stage of an assessment (seed 000 §5.12: "At any
    /// stage of an assessment should there be indications about child maltreatment or neglect
    /// there must be a strategy discussion"), or on an open case.
    #[tracing::instrument(skip_all)]
    pub async fn request_strategy_discussion(
        &self,
        p: &Principal,
        input: &RequestDiscussionInput,
    ) -> AppResult<DiscussionView> {
        input.check_limits()?;
        self.allow(p, GeneralAction::AssessmentWork).await?;
        let reason = input.reason.trim();
        if reason.is_empty() {
            return Err(invalid(
                "reason",
                "required",
                "Say why a strategy discussion is needed: the indications of significant harm, for the people who will hold it",
            ));
        }
        let person = PersonId(input.person_id);
        let tx = self.db.begin().await?;
        let (mut tx, access) = self
            .write_access(tx, p, person, "strategy-discussion.request")
            .await?;
        let access = access.as_read();
        let episode = tx.episodes().open_of(&access).await?.ok_or_else(|| {
            AppError::Conflict(
                "The child has no open episode of need: record a referral decision first".into(),
            )
        })?;
        let from = match input.assessment_id {
            Some(a) => {
                let a = tx.assessments().get(&access, AssessmentId(a)).await?;
                if a.status == AssessmentState::Authorised {
                    return Err(invalid("assessment_id", "not_in_progress", "That assessment is finished: ask for the discussion on the open case instead, or through the assessment's outcome"));
                }
                RequestedFrom::DuringAssessment
            }
            None => RequestedFrom::OpenCase,
        };
        // Asked for earlier and recorded now: dated, not before the referral, not in the future.
        let today = self.clock.today();
        let on = if input.requested_on.trim().is_empty() {
            today
        } else {
            let mut e = ValidationErrors::default();
            let Some(on) = parse_date(
                "requested_on",
                "The date it was asked for",
                &input.requested_on,
                &mut e,
            ) else {
                return Err(AppError::Validation(e));
            };
            if on > today {
                return Err(invalid(
                    "requested_on",
                    "future_date",
                    "A discussion cannot be asked for on a future date",
                ));
            }
            if on < episode.referral_date {
                return Err(invalid(
                    "requested_on",
                    "before_referral",
                    format!(
                    "A discussion on this episode cannot be asked for before its referral on {}",
                    hearth_domain::uk_time::format_date(episode.referral_date)
                ),
                ));
            }
            on
        };
        let id = self
            .ask_for_discussion(
                &mut tx,
                p,
                &Ask {
                    person,
                    episode: episode.id.0,
                    assessment: input.assessment_id,
                    referral: None,
                    from,
                    reason,
                    on,
                },
            )
            .await?;
        let view = self.discussion_view(&mut tx, &access, id).await?;
        tx.commit().await?;
        Ok(view)
    }

    async fn discussion_view(
        &self,
        tx: &mut Tx,
        access: &CaseAccess<Read>,
        id: Uuid,
    ) -> AppResult<DiscussionView> {
        let d = tx.strategy_discussions().get(access, id).await?;
        let mut view = self
            .discussion_views(tx, vec![d])
            .await?
            .pop()
            .ok_or(AppError::NotFound)?;
        view.actions = tx.strategy_discussions().actions(id).await?;
        Ok(view)
    }

    /// An action's clock: due on the date the discussion set (not computed from the protocol),
    /// explained as such; the allocated worker's task until the action is done.
    async fn action_clock(
        &self,
        tx: &mut Tx,
        child: PersonId,
        discussion: Uuid,
        held_on: NaiveDate,
        a: &AgreedAction,
    ) -> AppResult<Uuid> {
        let kind = ClockKind::StrategyAction;
        let explanation = format!(
            "{} due {}: agreed at the strategy discussion on {} ({}: {})",
            kind.label(),
            hearth_domain::uk_time::format_date(a.due_on),
            hearth_domain::uk_time::format_date(held_on),
            a.owner,
            a.what
        );
        self.start_set_clock(
            tx,
            SUBJECT,
            &discussion.to_string(),
            child,
            kind,
            hearth_domain::clock::Anchor {
                event: "strategy discussion".into(),
                date: held_on,
            },
            "set by the discussion",
            a.due_on,
            &explanation,
        )
        .await
    }

    /// Marks an action agreed at the discussion as done; its task closes (audited).
    #[tracing::instrument(skip_all, fields(id = %id))]
    pub async fn complete_strategy_action(
        &self,
        p: &Principal,
        id: Uuid,
        action: Uuid,
    ) -> AppResult<DiscussionView> {
        self.allow(p, GeneralAction::AssessmentWork).await?;
        let now = self.clock.now();
        let today = self.clock.today();
        let mut tx = self.db.begin().await?;
        let child = tx.child_of(RecordKind::StrategyDiscussion, id).await?;
        let (mut tx, access) = self
            .write_access(tx, p, child, "strategy-discussion.action")
            .await?;
        let access = access.as_read();
        tx.strategy_discussions().get(&access, id).await?;
        let Some(clock) = tx
            .strategy_discussions()
            .action_done(id, action, today, p.user.id.0)
            .await?
        else {
            return Err(AppError::NotFound);
        };
        if let Some(c) = clock {
            // Done is done: lateness is the action owner's, shown by the dates.
            tx.meet_clock(c, today, None).await?;
        }
        tx.audit_about(
            now,
            child.0,
            sd_entry(p, "strategy-discussion.action", id, None),
        )
        .await?;
        let view = self.discussion_view(&mut tx, &access, id).await?;
        tx.commit().await?;
        Ok(view)
    }

    /// Discussions with their clocks and people's names: the calendar, the clocks and the names
    /// each read once for the whole list.
    async fn discussion_views(
        &self,
        tx: &mut Tx,
        rows: Vec<StrategyDiscussionRow>,
    ) -> AppResult<Vec<DiscussionView>> {
        let clock_ids: Vec<Uuid> = rows.iter().filter_map(|d| d.clock_id).collect();
        let clocks = if clock_ids.is_empty() {
            Vec::new()
        } else {
            tx.clocks_by_id(&clock_ids).await?
        };
        let cal = if clocks.is_empty() {
            None
        } else {
            Some(Self::calendar_in(tx).await?)
        };
        let mut people: Vec<Uuid> = rows
            .iter()
            .flat_map(|d| std::iter::once(d.requested_by).chain(d.held_by))
            .collect();
        people.sort();
        people.dedup();
        let names = tx.users().names(&people).await?;
        let name = |id: Option<Uuid>| id.and_then(|i| names.get(&i).cloned()).unwrap_or_default();
        Ok(rows
            .into_iter()
            .map(|d| DiscussionView {
                requested_by_name: name(Some(d.requested_by)),
                held_by_name: name(d.held_by),
                anchor_date: d.held.as_ref().map(|h| h.held_on),
                clock: match (d.clock_id, &cal) {
                    (Some(c), Some(cal)) => clocks
                        .iter()
                        .find(|k| k.id == c)
                        .map(|k| self.view_clock(k.clone(), cal)),
                    _ => None,
                },
                discussion: d,
                actions: Vec::new(),
            })
            .collect())
    }

    /// A strategy discussion (audited against the child's record).
    #[tracing::instrument(skip_all, fields(id = %id))]
    pub async fn view_strategy_discussion(
        &self,
        p: &Principal,
        id: Uuid,
    ) -> AppResult<DiscussionView> {
        self.allow(p, GeneralAction::SearchPeople).await?;
        let now = self.clock.now();
        let mut tx = self.db.read().await?;
        let child = tx.child_of(RecordKind::StrategyDiscussion, id).await?;
        let (mut tx, access) = self
            .read_access(tx, p, child, "strategy-discussion.view")
            .await?;
        let view = self.discussion_view(&mut tx, &access, id).await?;
        let row = sd_entry(p, "strategy-discussion.view", id, None);
        self.audited(tx, vec![read_row_about(now, child.0, row)])
            .await?;
        Ok(view)
    }

    /// Records the discussion as held: a dated event with who took part, whether section 47
    /// enquiries start (and jointly with the police) and what was agreed. Under a protocol with
    /// a core assessment (seed 000 §5.16), a decision to start section 47 enquiries starts the
    /// core assessment's clock from the discussion's own date, if an assessment is in progress.
    #[tracing::instrument(skip_all, fields(id = %id))]
    pub async fn record_strategy_discussion_held(
        &self,
        p: &Principal,
        id: Uuid,
        input: &HeldInput,
    ) -> AppResult<DiscussionView> {
        input.check_limits()?;
        self.allow(p, GeneralAction::AssessmentWork).await?;
        let now = self.clock.now();
        let today = self.clock.today();
        let mut tx = self.db.begin().await?;
        let child = tx.child_of(RecordKind::StrategyDiscussion, id).await?;
        let (mut tx, access) = self
            .write_access(tx, p, child, "strategy-discussion.held")
            .await?;
        let access = access.as_read();
        let d = tx.strategy_discussions().get(&access, id).await?;
        d.status.hold()?;
        let mut e = ValidationErrors::default();
        let held_on = parse_date("held_on", "The date it was held", &input.held_on, &mut e);
        let form = DiscussionForm::parse(&input.form)
            .map_err(|m| e.add("form", "unknown_code", m))
            .ok();
        let (Some(held_on), Some(form)) = (held_on, form) else {
            return Err(AppError::Validation(e));
        };
        let present: Vec<DiscussionParticipant> = input
            .present
            .iter()
            .filter_map(|c| {
                DiscussionParticipant::parse(c)
                    .map_err(|m| e.add("present", "unknown_code", m))
                    .ok()
            })
            .collect();
        let actions: Vec<AgreedAction> = input
            .actions
            .iter()
            .enumerate()
            .filter(|(_, a)| {
                !(a.what.trim().is_empty()
                    && a.owner.trim().is_empty()
                    && a.due_on.trim().is_empty())
            })
            .filter_map(|(i, a)| {
                let due = parse_date(
                    &format!("actions[{i}].due_on"),
                    "The due date",
                    &a.due_on,
                    &mut e,
                )?;
                Some(AgreedAction {
                    what: a.what.trim().into(),
                    owner: a.owner.trim().into(),
                    due_on: due,
                })
            })
            .collect();
        e.0.extend(check_actions(&actions, held_on).0);
        let held = HeldDiscussion {
            held_on,
            form,
            attendees: input.attendees.trim().to_string(),
            start_section_47: input.start_section_47,
            joint_investigation: input.joint_investigation,
            summary: input.summary.trim().to_string(),
            details: HeldDetails {
                present,
                missing_why: input.missing_why.trim().into(),
                further_discussions: input.further_discussions,
                immediate_safety: input.immediate_safety.trim().into(),
                family_told: input.family_told.trim().into(),
                withheld: input.withheld.trim().into(),
                withheld_why: input.withheld_why.trim().into(),
            },
        };
        if let Err(more) = check_held(&held, d.requested_on, today) {
            e.0.extend(more.0);
        }
        e.into_result(())?;
        if let Some(clock) = d.clock_id {
            let late = Some(input.late_reason.as_str());
            self.meet_clock(&mut tx, clock, held_on, late).await?;
        }
        tx.strategy_discussions()
            .record_held(id, input.version, &held, p.user.id, now)
            .await?;
        for a in &actions {
            let clock = self.action_clock(&mut tx, child, id, held_on, a).await?;
            tx.strategy_discussions()
                .add_action(id, child.0, a, Some(clock), now)
                .await?;
        }
        let mut detail = format!("section_47={}", held.start_section_47);
        if held.start_section_47 {
            let enquiry = self.start_enquiry(&mut tx, p, &d, held_on).await?;
            detail.push_str(&format!(" enquiry={enquiry}"));
            if let Some(core) = self
                .start_core_assessment(&mut tx, &d.episode_id, child, &held)
                .await?
            {
                detail.push_str(&format!(" core_assessment_clock={core}"));
            }
        }
        tx.audit_about(
            now,
            child.0,
            sd_entry(p, "strategy-discussion.held", id, Some(detail)),
        )
        .await?;
        let view = self.discussion_view(&mut tx, &access, id).await?;
        tx.commit().await?;
        Ok(view)
    }

    /// Seed 000 §5.16: "A core assessment starts at the point an initial assessment ends, or
    /// from when a strategy discussion decides to initiate enquiries under section 47": under an
    /// initial-and-core protocol, the assessment in progress on the episode gets its core clock
    /// from the discussion's date, unless it already has one.
    async fn start_core_assessment(
        &self,
        tx: &mut Tx,
        episode: &Uuid,
        child: PersonId,
        held: &HeldDiscussion,
    ) -> AppResult<Option<Uuid>> {
        let (protocol, _) = Self::protocol_in(tx).await?;
        if !matches!(
            protocol.assessment_model,
            AssessmentModel::InitialAndCore { .. }
        ) {
            return Ok(None);
        }
        let Some(open) = tx.assessments().open_on(*episode).await? else {
            return Ok(None);
        };
        let subject = open.id.0.to_string();
        let core = ClockKind::CoreAssessment.code();
        if tx
            .clocks_for("assessment", &subject)
            .await?
            .iter()
            .any(|c| c.kind == core)
        {
            return Ok(None);
        }
        let anchor: Anchor = held_anchor(held);
        let clock = self
            .start_clock_under(
                tx,
                &protocol,
                "assessment",
                &subject,
                Some(child),
                ClockKind::CoreAssessment,
                anchor,
            )
            .await?;
        Ok(Some(clock.id))
    }
}

impl App {
    /// The child's strategy discussions, newest first (audited against the child's record).
    #[tracing::instrument(skip_all)]
    pub async fn strategy_discussions_of(
        &self,
        p: &Principal,
        person: PersonId,
    ) -> AppResult<Vec<DiscussionView>> {
        self.allow(p, GeneralAction::SearchPeople).await?;
        let now = self.clock.now();
        let tx = self.db.read().await?;
        let (mut tx, access) = self
            .read_access(tx, p, person, "strategy-discussion.list")
            .await?;
        let rows = tx.strategy_discussions().of_child(&access).await?;
        let out = self.discussion_views(&mut tx, rows).await?;
        let row = AuditEntry {
            user: Some(p.user.id),
            action: "strategy-discussion.list",
            record_type: "person",
            record_id: Some(person.0.to_string()),
            outcome: AuditOutcome::Success,
            detail: None,
        };
        self.audited(tx, vec![read_row_about(now, person.0, row)])
            .await?;
        Ok(out)
    }
}
