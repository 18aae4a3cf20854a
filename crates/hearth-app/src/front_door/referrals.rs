//! The referral decision screen and its actions: the decision within one working day (episode of
//! need opened or joined), consent overrides, checks with other agencies and acknowledgement.

use crate::read_row_about;
use hearth_domain::authz::GeneralAction;
use hearth_domain::authz::{authorize_read, CaseAccess, Read};
use hearth_domain::codes::{PrimaryNeed, ReasonForClosure};
use hearth_domain::errors::ValidationErrors;
use hearth_domain::front_door::consent::{
    check_route, check_sharing, Consent, SharingWithoutConsent,
};
use hearth_domain::front_door::decision::{
    check_decision, ReferralDecision, ReferralOutcome, ThresholdLevel,
};
use hearth_domain::front_door::episode::{
    check_closure, on_accepted_referral, Episode, EpisodeAction,
};
use hearth_domain::front_door::states::EpisodeState;
use hearth_domain::ids::PersonId;
use hearth_domain::ids::{EpisodeId, ReferralId};
use hearth_domain::person::parse_date;
use hearth_domain::relationship::RelationshipType;
use hearth_store::front_door::episodes::EpisodeRow;
use hearth_store::front_door::episodes::NewEpisode;
use hearth_store::front_door::referrals::{AgencyCheckRow, DecisionWrite, ReferralRow};
use hearth_store::record_people::RecordKind;
use hearth_store::Tx;
use uuid::Uuid;

use crate::accounts::auth::Principal;
use crate::assessment::lifecycle::name_of;
use crate::error::{AppError, AppResult};
use crate::front_door::contacts::{consent_of, fd_entry, opt_text, source_label};
use crate::front_door::types::{reference_of, FamilyInput, FamilyView};
use crate::front_door::types::{
    AcknowledgeInput, AgencyCheckInput, DecisionInput, DecisionView, HistoryItem, ReferralView,
    SharingInput, SharingView,
};
use crate::people::cases::shown;
use crate::protection::strategy::Ask;
use crate::App;
use hearth_domain::clock::{Anchor, ClockKind};
use hearth_domain::front_door::family::{check_family_informed, FamilyInformed};
use hearth_domain::front_door::letter::{feedback_letter, LetterFacts};
use hearth_domain::protection::strategy::{ProtectiveAction, ProtectiveActionKind, RequestedFrom};

fn is_sibling(k: RelationshipType) -> bool {
    matches!(
        k,
        RelationshipType::Sibling | RelationshipType::HalfSibling | RelationshipType::StepSibling
    )
}

impl App {
    /// The child's and siblings' earlier contacts, referrals and episodes (siblings by recorded
    /// relationship or by sharing a contact with the child). A sibling whose record `p` may not
    /// open is left out: their history is theirs, and the child's record already shows that a
    /// restricted relative exists.
    async fn history(
        &self,
        tx: &mut Tx,
        p: &Principal,
        r: &ReferralRow,
        access: &hearth_domain::authz::CaseAccess<hearth_domain::authz::Read>,
    ) -> AppResult<Vec<HistoryItem>> {
        let child = PersonId(r.person_id);
        let mut people: Vec<(PersonId, String)> = vec![(child, "This child".into())];
        for rel in tx.relationships().of(access).await? {
            let other = if rel.from_person == child {
                rel.to_person
            } else {
                rel.from_person
            };
            if is_sibling(rel.kind) && !people.iter().any(|(p, _)| *p == other) {
                people.push((other, rel.kind.label().to_string()));
            }
        }
        for other in tx.contacts().children(r.contact_id.0).await? {
            if !people.iter().any(|(p, _)| *p == other) {
                people.push((other, "Named in the same contact".into()));
            }
        }
        let ids: Vec<PersonId> = people.iter().map(|(p, _)| *p).collect();
        let listed = tx.people_search().summaries_in_context(&ids).await?;
        // Each relative's history is read under a capability for that relative: one the reader
        // may not open is left out (the store could not read it without the capability).
        let mut readable: Vec<(PersonId, String, CaseAccess<Read>)> = Vec::new();
        for (id, relation) in people {
            let Some((_, ctx)) = listed.iter().find(|(s, _)| s.id == id) else {
                continue;
            };
            if let Ok(a) = authorize_read(&p.actor(), id, ctx) {
                readable.push((id, relation, a));
            }
        }
        let names = shown(p, listed);
        let name_of = |id: PersonId| {
            names
                .iter()
                .find(|s| s.id == id)
                .map(|s| s.name.clone())
                .unwrap_or_default()
        };
        let mut items = Vec::new();
        for (pid, relation, their) in &readable {
            for c in tx
                .contacts()
                .about(&[their])
                .await?
                .into_iter()
                .map(|(_, c)| c)
                .filter(|c| c.id != r.contact_id)
            {
                let outcomes: Vec<&str> = c.outcomes.iter().map(|o| o.code()).collect();
                items.push(HistoryItem {
                    person: name_of(*pid),
                    person_id: *pid,
                    relation: relation.clone(),
                    kind: "contact".into(),
                    date: hearth_domain::uk_time::uk_date(c.received_at),
                    summary: if outcomes.is_empty() {
                        "Contact, not yet concluded".into()
                    } else {
                        format!("Contact: {}", outcomes.join(", "))
                    },
                });
            }
            for rr in tx
                .referrals()
                .of_child(their)
                .await?
                .into_iter()
                .filter(|x| x.id != r.id)
            {
                let outcomes: Vec<&str> = rr.outcomes.iter().map(|o| o.code()).collect();
                items.push(HistoryItem {
                    person: name_of(*pid),
                    person_id: *pid,
                    relation: relation.clone(),
                    kind: "referral".into(),
                    date: rr.referral_date,
                    summary: if outcomes.is_empty() {
                        "Referral awaiting decision".into()
                    } else {
                        format!("Referral decided: {}", outcomes.join(", "))
                    },
                });
            }
            for ep in tx.episodes().of_child(their).await? {
                let need = format!("{} {}", ep.primary_need.code(), ep.primary_need.label());
                let state = match (&ep.closure_date, &ep.closure_reason) {
                    (Some(d), Some(reason)) => format!(
                        "closed {} ({})",
                        hearth_domain::uk_time::format_date(*d),
                        reason.code()
                    ),
                    _ => EpisodeState::Open.label().to_lowercase(),
                };
                items.push(HistoryItem {
                    person: name_of(*pid),
                    person_id: *pid,
                    relation: relation.clone(),
                    kind: "episode".into(),
                    date: ep.referral_date,
                    summary: format!(
                        "Episode of need ({need}), {state}{}",
                        if ep.referral_nfa {
                            ", no further action at referral"
                        } else {
                            ""
                        }
                    ),
                });
            }
        }
        items.sort_by_key(|h| std::cmp::Reverse(h.date));
        Ok(items)
    }

    async fn referral_view(
        &self,
        tx: &mut Tx,
        p: &Principal,
        r: ReferralRow,
        access: &hearth_domain::authz::CaseAccess<hearth_domain::authz::Read>,
    ) -> AppResult<ReferralView> {
        let cal = Self::calendar_in(tx).await?;
        let contact = tx.contacts().about_child(access, r.contact_id.0).await?;
        let listed = tx
            .people_search()
            .summaries_in_context(&[PersonId(r.person_id)])
            .await?;
        let child = shown(p, listed)
            .into_iter()
            .next()
            .ok_or(AppError::NotFound)?;
        let clock = match r.clock_id {
            Some(c) => Some(self.view_clock(tx.clock(c).await?, &cal)),
            None => None,
        };
        let sharing = match &r.sharing {
            Some(js) => Some(SharingView {
                basis: serde_json::from_str(js).map_err(|e| AppError::Internal(e.to_string()))?,
                recorded_by: name_of(tx, r.sharing_by).await?,
                recorded_at: r.sharing_at.unwrap_or(r.created_at),
            }),
            None => None,
        };
        let decision = match (r.decided_on, r.decided_at) {
            (Some(on), Some(at)) => Some(DecisionView {
                decided_on: on,
                decided_at: at,
                decided_by: name_of(tx, r.decided_by).await?,
                outcomes: r.outcomes.clone(),
                threshold: r.threshold.clone().unwrap_or_default(),
                rationale: r.rationale.clone().unwrap_or_default(),
                primary_need: r.primary_need.clone(),
                feedback_to_referrer: r.feedback.clone(),
                consent_override_reasons: r.consent_override_reasons.clone(),
                parents_told: r.parents_told.clone(),
            }),
            _ => None,
        };
        let episode = match r.episode_id {
            Some(e) => Some(tx.episodes().get(access, EpisodeId(e)).await?),
            None => None,
        };
        let history = self.history(tx, p, &r, access).await?;
        let ack_clock = match r.ack_clock_id {
            Some(c) => Some(self.view_clock(tx.clock(c).await?, &cal)),
            None => None,
        };
        let family = match (r.family_informed, r.family_on) {
            (Some(how), Some(on)) => Some(FamilyView {
                how,
                how_label: how.text().to_string(),
                note: r.family_note.clone().unwrap_or_default(),
                on,
                recorded_by: name_of(tx, r.family_by).await?,
            }),
            _ => None,
        };
        let feedback_letter = match (r.decided_on, &r.feedback) {
            (Some(decided_on), Some(feedback)) => Some(feedback_letter(&LetterFacts {
                referrer_name: &contact.contact_name,
                referrer_agency: &contact.contact_agency,
                child_name: &child.name,
                received_on: r.referral_date,
                reference: &reference_of(r.id.0),
                decided_on,
                outcomes: &r.outcomes,
                referred_to: r.referred_to.as_deref(),
                feedback,
                today: self.clock.today(),
            })),
            _ => None,
        };
        let protective_actions = tx.referrals().protective_actions(r.id.0).await?;
        let strategy_discussions = tx.strategy_discussions().of_referral(r.id.0).await?;
        Ok(ReferralView {
            ack_clock,
            referred_to: r.referred_to.clone(),
            protective_actions,
            strategy_discussions,
            family,
            feedback_letter,
            id: r.id.0,
            contact_id: r.contact_id.0,
            child,
            received_at: r.received_at,
            referral_date: r.referral_date,
            source_label: source_label(&r.source),
            source: r.source,
            referrer_name: contact.contact_name,
            referrer_agency: contact.contact_agency,
            referrer_contact: contact.contact_details,
            summary: contact.summary,
            re_referral: r.re_referral,
            previous_referral_date: r.previous_referral_date,
            consent: consent_of(&r.consent)?,
            sharing,
            acknowledged_at: r.acknowledged_at,
            acknowledgement: r.acknowledgement.clone(),
            clock,
            status: r.status,
            decision,
            episode,
            agency_checks: tx.referrals().agency_checks(r.id.0).await?,
            history,
            form_id: contact.form_id,
            version: r.version,
        })
    }

    /// Opens the decision screen (audited against the child's record).
    #[tracing::instrument(skip_all, fields(id = %id))]
    pub async fn view_referral(&self, p: &Principal, id: Uuid) -> AppResult<ReferralView> {
        self.allow(p, GeneralAction::FrontDoorWork).await?;
        let now = self.clock.now();
        let mut tx = self.db.read().await?;
        let child = tx.child_of(RecordKind::Referral, id).await?;
        let (mut tx, access) = self.read_access(tx, p, child, "referral.view").await?;
        let r = tx.referrals().get(&access, ReferralId(id)).await?;
        let person = r.person_id;
        let view = self.referral_view(&mut tx, p, r, &access).await?;
        let row = fd_entry(p, "referral.view", "referral", id, None);
        self.audited(tx, vec![read_row_about(now, person, row)])
            .await?;
        Ok(view)
    }

    /// Loads a referral and write access to its child, inside one transaction.
    async fn referral_for_write(
        &self,
        p: &Principal,
        id: Uuid,
        action: &'static str,
    ) -> AppResult<(Tx, ReferralRow, CaseAccess<Read>)> {
        self.allow(p, GeneralAction::FrontDoorWork).await?;
        let mut tx = self.db.begin().await?;
        let child = tx.child_of(RecordKind::Referral, id).await?;
        let (mut tx, access) = self.write_access(tx, p, child, action).await?;
        let access = access.as_read();
        let r = tx.referrals().get(&access, ReferralId(id)).await?;
        Ok((tx, r, access))
    }

    async fn finish(
        &self,
        mut tx: Tx,
        p: &Principal,
        access: &CaseAccess<Read>,
        id: Uuid,
    ) -> AppResult<ReferralView> {
        let r = tx.referrals().get(access, ReferralId(id)).await?;
        let view = self.referral_view(&mut tx, p, r, access).await?;
        tx.commit().await?;
        Ok(view)
    }

    /// Records the decision. Nothing is written unless every rule holds: outcomes, level of
    /// concern and rationale; feedback for no further action; dates; a reason when late.
    #[tracing::instrument(skip_all, fields(id = %id))]
    pub async fn decide_referral(
        &self,
        p: &Principal,
        id: Uuid,
        input: &DecisionInput,
    ) -> AppResult<ReferralView> {
        input.check_limits()?;
        let now = self.clock.now();
        let today = self.clock.today();
        // A registered social worker or a manager decides (Working Together 2018 ch.1 para 71).
        self.allow(p, GeneralAction::DecideReferral).await?;
        let (mut tx, r, access) = self.referral_for_write(p, id, "referral.decide").await?;
        r.status.decide()?;
        let mut e = ValidationErrors::default();
        let outcomes: Vec<ReferralOutcome> = input
            .outcomes
            .iter()
            .filter_map(|o| {
                ReferralOutcome::parse(o)
                    .map_err(|m| e.add("outcomes", "unknown_code", m))
                    .ok()
            })
            .collect();
        let threshold = if input.threshold.trim().is_empty() {
            None
        } else {
            ThresholdLevel::parse(&input.threshold)
                .map_err(|m| e.add("threshold", "unknown_code", m))
                .ok()
        };
        let decided_on = if input.decided_on.trim().is_empty() {
            Some(today)
        } else {
            parse_date("decided_on", "Decision date", &input.decided_on, &mut e)
        };
        // Census RC7: no further action at referral (or only passing it to another agency).
        let nfa = !outcomes.is_empty() && outcomes.iter().all(|o| o.ends_at_referral());
        let protective_action = if input.protective_action.trim().is_empty() {
            None
        } else {
            let kind = ProtectiveActionKind::parse(&input.protective_action)
                .map_err(|m| e.add("protective_action", "unknown_code", m))
                .ok();
            let on = parse_date(
                "protective_action_on",
                "The date of the protective action",
                &input.protective_action_on,
                &mut e,
            );
            kind.zip(on).map(|(kind, taken_on)| ProtectiveAction {
                kind,
                taken_on,
                detail: input.protective_action_detail.trim().to_string(),
            })
        };
        let primary_need = if input.primary_need.trim().is_empty() {
            if !nfa {
                e.add(
                    "primary_need",
                    "required",
                    "Choose the child's primary need (census code N0–N9)",
                );
            }
            None
        } else {
            PrimaryNeed::parse(&input.primary_need)
                .map_err(|err| e.add("primary_need", "unknown_code", err.to_string()))
                .ok()
        };
        let decision = ReferralDecision {
            referral_date: r.referral_date,
            decided_on: decided_on.unwrap_or(today),
            decided_by: p.user.id,
            outcomes: outcomes.clone(),
            threshold,
            rationale: input.rationale.clone(),
            feedback_to_referrer: opt_text(&input.feedback_to_referrer).map(str::to_string),
            referred_to: opt_text(&input.referred_to).map(str::to_string),
            protective_action: protective_action.clone(),
        };
        if let Err(more) = check_route(
            &consent_of(&r.consent)?,
            &outcomes,
            &input.consent_override_reasons,
            &input.parents_told,
        ) {
            e.0.extend(more.0);
        }
        if let Err(more) = check_decision(&decision, today) {
            for mut m in more.0 {
                // The API's flat field names for the protective action.
                m.field = match m.field.as_str() {
                    "protective_action.kind" => "protective_action".into(),
                    "protective_action.taken_on" => "protective_action_on".into(),
                    "protective_action.detail" => "protective_action_detail".into(),
                    _ => m.field,
                };
                if !e.0.iter().any(|x| x.field == m.field) {
                    e.push(m);
                }
            }
        }
        if !e.is_empty() {
            return Err(AppError::Validation(e));
        }
        let decided_on = decision.decided_on;
        if let Some(clock) = r.clock_id {
            self.meet_clock(&mut tx, clock, decided_on, opt_text(&input.late_reason))
                .await?;
        }
        let child = PersonId(r.person_id);
        // Children only: an episode of need is for a child under 18 or unborn on the referral date.
        let e = crate::front_door::contacts::check_children_on(
            &mut tx,
            &[("person_id".to_string(), child)],
            r.referral_date,
            "an episode of need",
        )
        .await?;
        if !e.is_empty() {
            return Err(AppError::Validation(e));
        }
        let episodes = tx.episodes().of_child(&access).await?;
        let known: Vec<Episode> = episodes.iter().map(EpisodeRow::episode).collect();
        let episode = match on_accepted_referral(&known) {
            // A second referral while an episode is open joins it.
            EpisodeAction::JoinOpen(i) => episodes[i].id,
            EpisodeAction::Open => {
                let opened = Episode {
                    referral_date: r.referral_date,
                    source: r.source,
                    primary_need: primary_need.unwrap_or(PrimaryNeed::N0),
                    closed: None,
                    referral_nfa: nfa,
                };
                // No further action at referral closes the new episode at once (census RC7),
                // under the same closure rules as any other.
                let closed = if nfa {
                    check_closure(&opened, decided_on, ReasonForClosure::Rc7, false, today)?;
                    Some((decided_on, ReasonForClosure::Rc7))
                } else {
                    None
                };
                tx.episodes()
                    .insert(
                        &NewEpisode {
                            person: child,
                            referral_date: opened.referral_date,
                            source: opened.source,
                            primary_need: opened.primary_need,
                            referral_nfa: nfa,
                            closed,
                        },
                        now,
                    )
                    .await?
            }
        };
        let codes: Vec<&str> = outcomes.iter().map(|o| o.code()).collect();
        let threshold_code = decision.threshold.map(|t| t.code()).unwrap_or_default();
        tx.referrals()
            .decide(
                id,
                input.version,
                &DecisionWrite {
                    decided_on,
                    by: p.user.id,
                    outcomes: &outcomes,
                    threshold: threshold_code,
                    rationale: input.rationale.trim(),
                    primary_need: primary_need.map(|n| n.code()),
                    feedback: decision.feedback_to_referrer.as_deref(),
                    referred_to: decision.referred_to.as_deref(),
                    consent_override_reasons: opt_text(&input.consent_override_reasons),
                    parents_told: opt_text(&input.parents_told),
                    episode: episode.0,
                },
                now,
            )
            .await?;
        tx.audit_about(
            now,
            r.person_id,
            fd_entry(
                p,
                "referral.decide",
                "referral",
                id,
                Some(format!(
                    "outcomes={} threshold={threshold_code} episode={episode}",
                    codes.join(",")
                )),
            ),
        )
        .await?;
        if decision.feedback_to_referrer.is_some() {
            tx.audit_about(
                now,
                r.person_id,
                fd_entry(p, "referral.feedback", "referral", id, None),
            )
            .await?;
        }
        self.work_from_decision(&mut tx, p, &r, episode, &decision, input)
            .await?;
        self.finish(tx, p, &access, id).await
    }

    /// The work a decision creates: a protective action recorded, and a strategy discussion to
    /// hold (with its clock) for "strategy discussion" and after immediate protection.
    async fn work_from_decision(
        &self,
        tx: &mut Tx,
        p: &Principal,
        r: &ReferralRow,
        episode: EpisodeId,
        decision: &ReferralDecision,
        input: &DecisionInput,
    ) -> AppResult<()> {
        let child = PersonId(r.person_id);
        if let Some(a) = &decision.protective_action {
            let action = tx
                .referrals()
                .insert_protective_action(child, Some(r.id.0), a, p.user.id, self.clock.now())
                .await?;
            tx.audit_about(
                self.clock.now(),
                r.person_id,
                fd_entry(
                    p,
                    "referral.protective-action",
                    "referral",
                    r.id.0,
                    Some(format!("kind={} action={action}", a.kind.code())),
                ),
            )
            .await?;
        }
        let Some(first) = decision
            .outcomes
            .iter()
            .copied()
            .find(|o| o.opens_strategy_discussion())
        else {
            return Ok(());
        };
        let from = if first == ReferralOutcome::ImmediateProtection
            || decision.protective_action.is_some()
        {
            RequestedFrom::ImmediateProtection
        } else {
            RequestedFrom::ReferralDecision
        };
        let reason = opt_text(&input.strategy_reason).unwrap_or(decision.rationale.trim());
        self.ask_for_discussion(
            tx,
            p,
            &Ask {
                person: child,
                episode: episode.0,
                assessment: None,
                referral: Some(r.id.0),
                from,
                reason,
                on: decision.decided_on,
            },
        )
        .await?;
        Ok(())
    }

    /// Records the basis for discussing the referral with other agencies without the family's
    /// consent: a manager's authorisation with reasons (the manager records it), or the
    /// significant-harm (section 47) basis with why consent is not needed.
    #[tracing::instrument(skip_all, fields(id = %id))]
    pub async fn record_sharing(
        &self,
        p: &Principal,
        id: Uuid,
        input: &SharingInput,
    ) -> AppResult<ReferralView> {
        let now = self.clock.now();
        let (mut tx, r, access) = self
            .referral_for_write(p, id, "referral.share-without-consent")
            .await?;
        let consent = consent_of(&r.consent)?;
        let basis = match input.basis.trim() {
            "manager-authorised" => SharingWithoutConsent::ManagerAuthorised {
                manager: p.user.id,
                reasons: input.reasons.trim().to_string(),
            },
            "significant-harm" => SharingWithoutConsent::SignificantHarm {
                manager: Some(p.user.id),
                why_consent_not_needed: input.reasons.trim().to_string(),
            },
            _ => {
                return Err(AppError::Validation(ValidationErrors::single(
                    "basis",
                    "unknown_code",
                    "The basis must be manager-authorised or significant-harm",
                )))
            }
        };
        let role = p.user.role;
        check_sharing(&consent, Some(&basis), |_| role.is_manager()).map_err(|mut e| {
            for f in &mut e.0 {
                f.field = match f.field.as_str() {
                    "sharing.manager" => "basis".into(),
                    "sharing.reasons" | "sharing.why_consent_not_needed" => "reasons".into(),
                    "sharing" => "basis".into(),
                    other => other.to_string(),
                };
            }
            AppError::Validation(e)
        })?;
        let json = serde_json::to_string(&basis).map_err(|e| AppError::Internal(e.to_string()))?;
        tx.referrals()
            .record_sharing_basis(id, &json, p.user.id, now)
            .await?;
        tx.audit_about(
            now,
            r.person_id,
            fd_entry(
                p,
                "referral.share-without-consent",
                "referral",
                id,
                Some(format!("basis={}", input.basis.trim())),
            ),
        )
        .await?;
        self.finish(tx, p, &access, id).await
    }

    /// Records a check with another agency: what was shared and learned. Without consent it
    /// needs a recorded basis first.
    #[tracing::instrument(skip_all, fields(id = %id))]
    pub async fn record_agency_check(
        &self,
        p: &Principal,
        id: Uuid,
        input: &AgencyCheckInput,
    ) -> AppResult<ReferralView> {
        input.check_limits()?;
        let now = self.clock.now();
        let (mut tx, r, access) = self
            .referral_for_write(p, id, "referral.agency-check")
            .await?;
        let mut e = ValidationErrors::default();
        if input.agency.trim().is_empty() {
            e.add("agency", "required", "Name the agency");
        }
        if input.shared.trim().is_empty() {
            e.add(
                "shared",
                "required",
                "Record what was shared with the agency",
            );
        }
        let with_consent = consent_of(&r.consent)? == Consent::Given;
        if !with_consent && r.sharing.is_none() {
            e.add("agency", "consent_required", "The family has not consented to enquiries with other agencies: a manager must first authorise sharing without consent, with reasons, or the significant-harm basis must be recorded");
        }
        if !e.is_empty() {
            return Err(AppError::Validation(e));
        }
        let check = AgencyCheckRow {
            id: Uuid::new_v4(),
            referral_id: id,
            agency: input.agency.trim().into(),
            shared: input.shared.trim().into(),
            learned: input.learned.trim().into(),
            with_consent,
            recorded_by: p.user.id.0,
            recorded_at: now,
        };
        tx.referrals().insert_agency_check(&check).await?;
        tx.audit_about(
            now,
            r.person_id,
            fd_entry(
                p,
                "referral.agency-check",
                "referral",
                id,
                Some(format!("with_consent={with_consent}")),
            ),
        )
        .await?;
        self.finish(tx, p, &access, id).await
    }

    /// Records that the referrer was acknowledged and how.
    #[tracing::instrument(skip_all, fields(id = %id))]
    pub async fn acknowledge_referral(
        &self,
        p: &Principal,
        id: Uuid,
        input: &AcknowledgeInput,
    ) -> AppResult<ReferralView> {
        input.check_limits()?;
        let now = self.clock.now();
        let (mut tx, r, access) = self
            .referral_for_write(p, id, "referral.acknowledge")
            .await?;
        let Some(note) = opt_text(&input.note) else {
            return Err(AppError::Validation(ValidationErrors::single(
                "note",
                "required",
                "Record how the referrer was acknowledged and what they were told",
            )));
        };
        // Late acknowledgement needs its reason, like every clock met after its due date.
        if let Some(clock) = r.ack_clock_id {
            self.meet_clock(
                &mut tx,
                clock,
                self.clock.today(),
                opt_text(&input.late_reason),
            )
            .await?;
        }
        tx.referrals().acknowledge(id, note, p.user.id, now).await?;
        tx.audit_about(
            now,
            r.person_id,
            fd_entry(p, "referral.acknowledge", "referral", id, None),
        )
        .await?;
        self.finish(tx, p, &access, id).await
    }

    /// Records that the child and family were told the decision, or why not (Working Together
    /// 2018 ch.1 para 73: "The child and family must be informed of the action to be taken,
    /// unless a decision is taken on the basis that this may jeopardise a police investigation
    /// or place the child at risk of significant harm").
    #[tracing::instrument(skip_all, fields(id = %id))]
    pub async fn record_family_informed(
        &self,
        p: &Principal,
        id: Uuid,
        input: &FamilyInput,
    ) -> AppResult<ReferralView> {
        let now = self.clock.now();
        let today = self.clock.today();
        let (mut tx, r, access) = self
            .referral_for_write(p, id, "referral.family-informed")
            .await?;
        let Some(decided_on) = r.decided_on else {
            return Err(AppError::Conflict(
                "The referral has not been decided yet: the family is told the decision once it is made".into(),
            ));
        };
        let mut e = ValidationErrors::default();
        let how = FamilyInformed::parse(&input.how)
            .map_err(|m| e.add("how", "unknown_code", m))
            .ok();
        let on = if input.on.trim().is_empty() {
            Some(today)
        } else {
            parse_date("on", "The date", &input.on, &mut e)
        };
        let (Some(how), Some(on)) = (how, on) else {
            return Err(AppError::Validation(e));
        };
        check_family_informed(how, &input.note, on, decided_on, &r.outcomes, today)
            .map_err(AppError::Validation)?;
        tx.referrals()
            .record_family_informed(id, how, input.note.trim(), on, p.user.id)
            .await?;
        tx.audit_about(
            now,
            r.person_id,
            fd_entry(
                p,
                "referral.family-informed",
                "referral",
                id,
                Some(format!("how={}", how.code())),
            ),
        )
        .await?;
        self.finish(tx, p, &access, id).await
    }

    /// Starts the clock for acknowledging receipt to the referrer; a referral form's submission
    /// was acknowledged on screen at once, so its clock is met when it starts.
    pub(crate) async fn start_acknowledgement(
        &self,
        tx: &mut Tx,
        p: &Principal,
        id: Uuid,
        child: PersonId,
        contact: &hearth_store::front_door::contacts::ContactRow,
        referral_date: chrono::NaiveDate,
    ) -> AppResult<()> {
        let clock = self
            .start_clock(
                tx,
                "referral",
                &id.to_string(),
                Some(child),
                ClockKind::ReferralAcknowledgement,
                Anchor::referral_received(referral_date),
            )
            .await?;
        tx.referrals().set_ack_clock(id, clock.id).await?;
        if contact.form_id.is_some() {
            tx.referrals().acknowledge(id, "Acknowledged automatically on screen when the referral form was submitted, with the reference and when a decision is due", p.user.id, contact.received_at).await?;
            self.meet_clock(tx, clock.id, referral_date, None).await?;
        }
        Ok(())
    }
}
