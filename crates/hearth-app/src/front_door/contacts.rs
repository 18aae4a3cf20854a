//! The front door: recording contacts, linking the children they concern, screening them into
//! outcomes (a referral per child starts the one-working-day decision clock) and the queue.

use hearth_domain::authz::{CaseAccess, Read};
use hearth_domain::ids::ContactId;
use std::collections::HashMap;

use crate::front_door::referral_forms::parse_form;
use crate::{read_row, read_row_showing};
use chrono::{DateTime, Utc};
use hearth_domain::childhood::{check_child_on, AgeEvidence};
use hearth_domain::clock::{Anchor, ClockKind};
use hearth_domain::codes::ReferralSource;
use hearth_domain::errors::ValidationErrors;
use hearth_domain::front_door::consent::{parse_consent, Consent};
use hearth_domain::front_door::contact::{
    check_childless, check_contact, check_open_case, check_outcomes, makes_referral,
    outcomes_per_child, union_of, ChildOutcome, Contact, ContactOutcome, Urgency,
};
use hearth_domain::front_door::decision::is_re_referral;
use hearth_domain::front_door::vocab::ContactMethod;
use hearth_domain::ids::PersonId;
use hearth_domain::uk_time::{parse_instant, uk_date};
use hearth_store::audit::{AuditEntry, AuditOutcome};
use hearth_store::front_door::contacts::{ContactConclusion, ContactRow, NewContact};
use hearth_store::front_door::referrals::NewReferral;
use hearth_store::people::search::PersonSummary;
use hearth_store::Tx;
use uuid::Uuid;

use crate::accounts::auth::Principal;
use crate::error::{AppError, AppResult};
use crate::front_door::types::{
    AwaitingDecision, ChildOutcomeView, ContactInput, ContactOutcomeInput, ContactView,
    FrontDoorQueue, QueueClock, QueueItem,
};
use crate::people::cases::shown;
use crate::App;

/// An audit row about a front-door record (ids and codes only, never typed text).
pub(crate) fn fd_entry(
    p: &Principal,
    action: &'static str,
    record_type: &'static str,
    id: Uuid,
    detail: Option<String>,
) -> AuditEntry {
    AuditEntry {
        user: Some(p.user.id),
        action,
        record_type,
        record_id: Some(id.to_string()),
        outcome: AuditOutcome::Success,
        detail,
    }
}

/// A referral source in words first, its census code after ("Schools (2A)").
pub(crate) fn source_label(s: &ReferralSource) -> String {
    format!("{} ({})", s.label(), s.code())
}

pub(crate) fn consent_of(json: &str) -> AppResult<Consent> {
    serde_json::from_str(json).map_err(|e| AppError::Internal(format!("stored consent: {e}")))
}

/// What a person's summary says about their age, for the children-only rule.
pub(crate) fn age_of(s: &PersonSummary) -> AgeEvidence {
    AgeEvidence {
        kind: s.kind,
        date_of_birth: s.date_of_birth,
        expected_date_of_delivery: s.expected_date_of_delivery,
    }
}

/// Children only (Children Act 1989 s105(1)): each person must be a child on `on`, each named by
/// its field. Nothing about the person is put in the message.
pub(crate) async fn check_children_on(
    tx: &mut Tx,
    people: &[(String, PersonId)],
    on: chrono::NaiveDate,
    what: &str,
) -> AppResult<ValidationErrors> {
    let ids: Vec<PersonId> = people.iter().map(|(_, p)| *p).collect();
    let summaries = tx.people_search().summaries(&ids).await?;
    let mut e = ValidationErrors::default();
    for (field, person) in people {
        if let Some(s) = summaries.iter().find(|s| s.id == *person) {
            check_child_on(&mut e, field, &age_of(s), on, what);
        }
    }
    Ok(e)
}

pub(crate) fn opt_text(s: &str) -> Option<&str> {
    let t = s.trim();
    (!t.is_empty()).then_some(t)
}

impl App {
    /// A contact as `p` sees it: a linked child `p` may not open is only a restricted record.
    pub(crate) async fn contact_view_for(
        &self,
        tx: &mut Tx,
        p: &Principal,
        row: ContactRow,
    ) -> AppResult<ContactView> {
        let ids = tx.contacts().children(row.id.0).await?;
        let children = shown(p, tx.people_search().summaries_in_context(&ids).await?);
        let child_outcomes = tx
            .contacts()
            .child_outcomes(row.id.0)
            .await?
            .into_iter()
            .map(|(person_id, outcomes)| ChildOutcomeView {
                person_id,
                outcomes,
            })
            .collect();
        let referrals = tx
            .referrals()
            .ids_of_contact(row.id.0)
            .await?
            .into_iter()
            .collect();
        let form_children = match row.form_id {
            Some(_) => match tx.referral_forms().of_contact(row.id.0).await? {
                Some(f) => crate::front_door::form_children::named_children(&parse_form(&f.body)?),
                None => Vec::new(),
            },
            None => Vec::new(),
        };
        Ok(ContactView {
            id: row.id.0,
            received_at: row.received_at,
            source_label: source_label(&row.source),
            source: row.source,
            method: row.method,
            contact_name: row.contact_name,
            contact_agency: row.contact_agency,
            contact_details: row.contact_details,
            summary: row.summary,
            urgency: row.urgency,
            consent: consent_of(&row.consent)?,
            young_person_consent: row
                .young_person_consent
                .as_deref()
                .map(consent_of)
                .transpose()?,
            status: row.status,
            outcomes: row.outcomes,
            outcome_notes: row.outcome_notes,
            feedback: row.feedback,
            concluded_at: row.concluded_at,
            children,
            child_outcomes,
            referrals,
            form_id: row.form_id,
            form_children,
            version: row.version,
        })
    }

    /// Records a contact taken by front-door staff (telephone, email, police notification, …).
    #[tracing::instrument(skip_all)]
    pub async fn record_contact(
        &self,
        p: &Principal,
        input: &ContactInput,
    ) -> AppResult<ContactView> {
        input.check_limits()?;
        let desk = self.front_door_desk(p).await?;
        let now = self.clock.now();
        let mut e = ValidationErrors::default();
        let received_at = parse_instant(&input.received_at);
        if received_at.is_none() {
            e.add("received_at", "invalid_date", "Enter a real date and time when the contact was received, for example 20 November 2026 at 09:30");
        }
        let source = ReferralSource::parse(&input.source)
            .map_err(|err| {
                e.add(
                    "source",
                    "unknown_code",
                    format!("{err}; choose one from the list"),
                )
            })
            .ok();
        let method = ContactMethod::parse(&input.method)
            .map_err(|m| e.add("method", "unknown_code", m))
            .ok();
        let urgency = Urgency::parse(&input.urgency)
            .map_err(|m| e.add("urgency", "unknown_code", m))
            .ok();
        if input.contact_name.trim().is_empty() {
            e.add("contact_name", "required", "Enter who made contact");
        }
        let consent = parse_consent("consent", &input.consent, &input.consent_why, &mut e);
        let contact = Contact {
            received_at: received_at.unwrap_or(now),
            source: source.unwrap_or(ReferralSource::S10),
            children: input.children.clone(),
            summary: input.summary.clone(),
            urgency: urgency.unwrap_or(Urgency::Routine),
            information_only: input.information_only,
        };
        if let Err(more) = check_contact(&contact, now) {
            e.0.extend(more.0);
        }
        let (Some(source), Some(method), Some(urgency), Some(consent), true) =
            (source, method, urgency, consent, e.is_empty())
        else {
            return Err(AppError::Validation(e));
        };
        let mut tx = self.db.begin().await?;
        for child in &input.children {
            if tx.people().context(*child).await?.is_none() {
                return Err(AppError::Validation(ValidationErrors::single(
                    "children",
                    "unknown_person",
                    "One of the children chosen is not a recorded person; search for them again",
                )));
            }
        }
        let named: Vec<(String, PersonId)> = input
            .children
            .iter()
            .enumerate()
            .map(|(i, c)| (format!("children.{i}"), *c))
            .collect();
        let mut e =
            check_children_on(&mut tx, &named, uk_date(contact.received_at), "a contact").await?;
        // Seed 001: "particularly those aged 16 or over should be asked for their consent as
        // well": a contact about a young person of 16 or 17 records their own consent too.
        let on = uk_date(contact.received_at);
        let summaries = tx.people_search().summaries(&input.children).await?;
        let young_person_consent = if summaries.iter().any(|s| age_of(s).asked_own_consent_on(on)) {
            if input.young_person_consent.trim().is_empty() {
                e.add("young_person_consent", "required", "A young person of 16 or over is asked for their own consent: record whether they gave it (seed 001)");
                None
            } else {
                parse_consent(
                    "young_person_consent",
                    &input.young_person_consent,
                    &input.young_person_consent_why,
                    &mut e,
                )
            }
        } else {
            None
        };
        if !e.is_empty() {
            return Err(AppError::Validation(e));
        }
        let young_person_consent_json = young_person_consent
            .map(|c| serde_json::to_string(&c))
            .transpose()
            .map_err(|e| AppError::Internal(e.to_string()))?;
        let mut writable = Vec::new();
        for child in &input.children {
            let (t, access) = self.write_access(tx, p, *child, "contact.create").await?;
            tx = t;
            writable.push(access.person());
        }
        let consent_json =
            serde_json::to_string(&consent).map_err(|e| AppError::Internal(e.to_string()))?;
        let id = tx
            .contacts()
            .insert(
                &NewContact {
                    received_at: contact.received_at,
                    source,
                    method,
                    contact_name: input.contact_name.trim(),
                    contact_agency: input.contact_agency.trim(),
                    contact_details: input.contact_details.trim(),
                    summary: input.summary.trim(),
                    urgency,
                    consent_json: &consent_json,
                    young_person_consent_json: young_person_consent_json.as_deref(),
                    form_id: None,
                    created_by: p.user.id,
                },
                now,
            )
            .await?;
        for child in writable {
            tx.contacts().add_child(id, child).await?;
        }
        tx.audit(
            now,
            fd_entry(
                p,
                "contact.create",
                "contact",
                id,
                Some(format!(
                    "children={} source={} urgency={} information_only={}",
                    input.children.len(),
                    source.code(),
                    urgency.code(),
                    input.information_only
                )),
            ),
        )
        .await?;
        let row = tx.contacts().get(&desk, ContactId(id)).await?;
        let view = self.contact_view_for(&mut tx, p, row).await?;
        tx.commit().await?;
        Ok(view)
    }

    /// Opens a contact (audited).
    #[tracing::instrument(skip_all, fields(id = %id))]
    pub async fn view_contact(&self, p: &Principal, id: Uuid) -> AppResult<ContactView> {
        let desk = self.front_door_desk(p).await?;
        let now = self.clock.now();
        let mut tx = self.db.read().await?;
        let row = tx.contacts().get(&desk, ContactId(id)).await?;
        let view = self.contact_view_for(&mut tx, p, row).await?;
        let row = fd_entry(p, "contact.view", "contact", id, None);
        // Each child on the contact has the view on their access log.
        let shown = view.children.iter().map(|c| c.id);
        self.audited(tx, vec![read_row_showing(now, row, shown)])
            .await?;
        Ok(view)
    }

    /// Links a recorded child to an open contact.
    #[tracing::instrument(skip_all, fields(contact = %contact, person = %person))]
    pub async fn link_contact_child(
        &self,
        p: &Principal,
        contact: Uuid,
        person: PersonId,
    ) -> AppResult<ContactView> {
        let desk = self.front_door_desk(p).await?;
        let now = self.clock.now();
        let mut tx = self.db.begin().await?;
        let row = tx.contacts().get(&desk, ContactId(contact)).await?;
        row.status.change()?;
        let (mut tx, access) = self
            .write_access(tx, p, person, "contact.link-child")
            .await?;
        let e = check_children_on(
            &mut tx,
            &[("person_id".to_string(), access.person())],
            uk_date(row.received_at),
            "a contact",
        )
        .await?;
        if !e.is_empty() {
            return Err(AppError::Validation(e));
        }
        tx.contacts().add_child(contact, access.person()).await?;
        tx.contacts().touch(contact).await?;
        tx.audit(
            now,
            fd_entry(
                p,
                "contact.link-child",
                "contact",
                contact,
                Some(format!("person={}", access.person())),
            ),
        )
        .await?;
        let row = tx.contacts().get(&desk, ContactId(contact)).await?;
        let view = self.contact_view_for(&mut tx, p, row).await?;
        tx.commit().await?;
        Ok(view)
    }

    /// Screens a contact: its outcomes, notes and feedback. A referral (or child protection
    /// enquiry) makes one referral per child, each with its one-working-day decision clock.
    #[tracing::instrument(skip_all, fields(contact = %contact))]
    pub async fn conclude_contact(
        &self,
        p: &Principal,
        contact: Uuid,
        input: &ContactOutcomeInput,
    ) -> AppResult<ContactView> {
        input.check_limits()?;
        let desk = self.front_door_desk(p).await?;
        let now = self.clock.now();
        let mut e = ValidationErrors::default();
        let parse =
            |codes: &[String], field: &str, e: &mut ValidationErrors| -> Vec<ContactOutcome> {
                codes
                    .iter()
                    .filter_map(|o| {
                        ContactOutcome::parse(o)
                            .map_err(|m| e.add(field, "unknown_code", m))
                            .ok()
                    })
                    .collect()
            };
        let outcomes = parse(&input.outcomes, "outcomes", &mut e);
        let per_child: Vec<ChildOutcome> = input
            .child_outcomes
            .iter()
            .enumerate()
            .map(|(i, c)| ChildOutcome {
                child: c.person_id,
                outcomes: parse(&c.outcomes, &format!("child_outcomes.{i}"), &mut e),
            })
            .collect();
        let mut tx = self.db.begin().await?;
        let row = tx.contacts().get(&desk, ContactId(contact)).await?;
        row.status.conclude()?;
        let children = tx.contacts().children(contact).await?;
        // Each child's outcomes: the contact's for every child, or each child's own.
        let resolved = if !e.is_empty() {
            Vec::new()
        } else if children.is_empty() && per_child.is_empty() {
            // Only an information, advice or consultation contact is concluded with no child.
            if let Err(more) = check_outcomes(&outcomes).and_then(|()| check_childless(&outcomes)) {
                e.0.extend(more.0);
            }
            Vec::new()
        } else {
            outcomes_per_child(&outcomes, &per_child, &children)
                .map_err(|more| e.0.extend(more.0))
                .unwrap_or_default()
        };
        let contact_outcomes = if per_child.is_empty() {
            outcomes.clone()
        } else {
            union_of(&resolved)
        };
        let referral = resolved.iter().any(|c| makes_referral(&c.outcomes));
        if !referral && row.form_id.is_some() && input.feedback.trim().is_empty() {
            e.add("feedback", "required", "This came from a referral form: record the feedback and signposting given to the referrer");
        }
        // Concluding a contact writes to each child's record: each needs write access.
        let mut accesses = Vec::new();
        for c in &children {
            let (t, a) = self.write_access(tx, p, *c, "contact.conclude").await?;
            tx = t;
            accesses.push(a.as_read());
        }
        // "Passed to the existing open case" only for a child who has one of their own.
        for c in &resolved {
            let access = accesses.iter().find(|a| a.person() == c.child);
            if let (true, Some(access)) = (
                c.outcomes.contains(&ContactOutcome::ExistingOpenCase),
                access,
            ) {
                let open = tx.episodes().open_of(access).await?.is_some();
                if let Err(more) = check_open_case(c, open) {
                    e.0.extend(more.0);
                }
            }
        }
        // Children only: a referral is for a child under 18 or unborn on the contact's date.
        let referred: Vec<(String, PersonId)> = resolved
            .iter()
            .filter(|c| makes_referral(&c.outcomes))
            .map(|c| {
                (
                    hearth_domain::front_door::contact::child_outcome_field(c.child),
                    c.child,
                )
            })
            .collect();
        let more =
            check_children_on(&mut tx, &referred, uk_date(row.received_at), "a referral").await?;
        e.0.extend(more.0);
        if !e.is_empty() {
            return Err(AppError::Validation(e));
        }
        let codes: Vec<&str> = contact_outcomes.iter().map(|o| o.code()).collect();
        let stored: Vec<(PersonId, Vec<ContactOutcome>)> = resolved
            .iter()
            .map(|c| (c.child, c.outcomes.clone()))
            .collect();
        tx.contacts()
            .conclude(
                contact,
                input.version,
                &ContactConclusion {
                    outcomes: &contact_outcomes,
                    per_child: &stored,
                    notes: opt_text(&input.notes),
                    feedback: opt_text(&input.feedback),
                    by: p.user.id,
                },
                now,
            )
            .await?;
        tx.audit(
            now,
            fd_entry(
                p,
                "contact.conclude",
                "contact",
                contact,
                Some(format!(
                    "outcomes={} children={} referrals={}",
                    codes.join(","),
                    resolved.len(),
                    referred.len()
                )),
            ),
        )
        .await?;
        for c in resolved.iter().filter(|c| makes_referral(&c.outcomes)) {
            if let Some(access) = accesses.iter().find(|a| a.person() == c.child) {
                self.open_referral(&mut tx, p, &row, access, now).await?;
            }
        }
        let row = tx.contacts().get(&desk, ContactId(contact)).await?;
        let view = self.contact_view_for(&mut tx, p, row).await?;
        tx.commit().await?;
        Ok(view)
    }

    /// Creates the referral for one child and starts its decision clock.
    async fn open_referral(
        &self,
        tx: &mut Tx,
        p: &Principal,
        contact: &ContactRow,
        access: &CaseAccess<Read>,
        now: DateTime<Utc>,
    ) -> AppResult<Uuid> {
        let child = access.person();
        let referral_date = uk_date(contact.received_at);
        let previous: Vec<_> = tx
            .referrals()
            .of_child(access)
            .await?
            .iter()
            .map(|r| r.referral_date)
            .collect();
        let re_referral = is_re_referral(referral_date, &previous);
        let previous_referral_date = previous
            .iter()
            .copied()
            .filter(|d| *d <= referral_date)
            .max();
        let id = tx
            .referrals()
            .insert(
                &NewReferral {
                    contact: contact.id.0,
                    person: child,
                    received_at: contact.received_at,
                    referral_date,
                    source: contact.source,
                    previous_referral_date,
                    re_referral,
                    consent_json: &contact.consent,
                    by: p.user.id,
                },
                now,
            )
            .await?;
        let clock = self
            .start_clock(
                tx,
                "referral",
                &id.to_string(),
                Some(child),
                ClockKind::ReferralDecision,
                Anchor::referral_received(referral_date),
            )
            .await?;
        tx.referrals().set_clock(id, clock.id).await?;
        self.start_acknowledgement(tx, p, id, child, contact, referral_date)
            .await?;
        tx.audit(
            now,
            fd_entry(
                p,
                "referral.create",
                "referral",
                id,
                Some(format!("person={child} re_referral={re_referral}")),
            ),
        )
        .await?;
        Ok(id)
    }

    /// The front-door queue: open contacts (most urgent, then longest waiting) and referrals
    /// awaiting their decision with the state of each clock.
    #[tracing::instrument(skip_all)]
    pub async fn front_door_queue(&self, p: &Principal) -> AppResult<FrontDoorQueue> {
        let desk = self.front_door_desk(p).await?;
        let now = self.clock.now();
        let mut tx = self.db.read().await?;
        let cal = Self::calendar_in(&mut tx).await?;
        // A fixed number of queries whatever the queue's length: the rows, then their
        // children, forms, people and clocks each in one query.
        let open = tx.contacts().open(&desk, 200).await?;
        let waiting = tx.referrals().awaiting_decision(200).await?;
        let contact_ids: Vec<Uuid> = open.iter().map(|c| c.id.0).collect();
        let links = tx.contacts().children_of(&contact_ids).await?;
        let forms = tx.referral_forms().of_contacts(&contact_ids).await?;
        let mut people: Vec<PersonId> = links.iter().map(|(_, p)| *p).collect();
        people.extend(waiting.iter().map(|r| PersonId(r.person_id)));
        people.sort_by_key(|p| p.0);
        people.dedup();
        let names: HashMap<PersonId, String> =
            shown(p, tx.people_search().summaries_in_context(&people).await?)
                .into_iter()
                .map(|s| (s.id, s.name))
                .collect();
        let clock_ids: Vec<Uuid> = waiting.iter().filter_map(|r| r.clock_id).collect();
        let clocks: HashMap<Uuid, _> = tx
            .clocks_by_id(&clock_ids)
            .await?
            .into_iter()
            .map(|c| (c.id, c))
            .collect();
        let (protocol, _) = Self::protocol_in(&mut tx).await?;
        let today = self.clock.today();
        let mut contacts = Vec::new();
        for row in open {
            let due = hearth_domain::clock::compute(
                ClockKind::ReferralDecision,
                Anchor::referral_received(uk_date(row.received_at)),
                &protocol,
                &cal,
            )
            .map_err(|e| AppError::Internal(e.to_string()))?;
            let status = hearth_domain::clock::status(
                due.date,
                today,
                None,
                None,
                &cal,
                hearth_domain::clock::DEFAULT_DUE_SOON,
            );
            let decision_due = QueueClock {
                due_date: due.date,
                explanation: due.explanation,
                status_label: status.label(),
                status,
            };
            let mut children: Vec<String> = links
                .iter()
                .filter(|(c, _)| *c == row.id.0)
                .filter_map(|(_, child)| names.get(child).cloned())
                .collect();
            if children.is_empty() {
                if let Some(f) = forms.iter().find(|f| f.contact_id == Some(row.id.0)) {
                    let form = parse_form(&f.body)?;
                    children.extend(
                        form.children()
                            .iter()
                            .map(|c| format!("{} (not yet linked)", c.name())),
                    );
                }
            }
            contacts.push(QueueItem {
                contact_id: row.id.0,
                received_at: row.received_at,
                source_label: source_label(&row.source),
                urgency: row.urgency,
                method: row.method,
                children,
                summary: row.summary,
                decision_due,
            });
        }
        let mut referrals = Vec::new();
        for r in waiting {
            let clock = match r.clock_id {
                Some(c) => Some(self.view_clock(
                    clocks.get(&c).cloned().ok_or(AppError::Internal(format!(
                        "referral {} names clock {c}, which is missing",
                        r.id
                    )))?,
                    &cal,
                )),
                None => None,
            };
            referrals.push(AwaitingDecision {
                referral_id: r.id.0,
                child: names
                    .get(&PersonId(r.person_id))
                    .cloned()
                    .unwrap_or_default(),
                referral_date: r.referral_date,
                re_referral: r.re_referral,
                clock,
            });
        }
        let row = AuditEntry {
            user: Some(p.user.id),
            action: "front-door.queue",
            record_type: "contact",
            record_id: None,
            outcome: AuditOutcome::Success,
            detail: Some(format!(
                "contacts={} referrals={}",
                contacts.len(),
                referrals.len()
            )),
        };
        self.audited(tx, vec![read_row(now, row)]).await?;
        Ok(FrontDoorQueue {
            contacts,
            referrals,
        })
    }
}
