//! The multi-agency referral form: a draft saved as the referrer types (every save versioned, a
//! stale save refused, never overwriting), submitted once into the front-door queue with an
//! acknowledgement, and afterwards the feedback given to the referrer. Partners see only the
//! forms they wrote.

use crate::read_row;
use chrono::{DateTime, Utc};
use hearth_domain::authz::{authorize, Denied, GeneralAction};
use hearth_domain::clock::{compute, Anchor, ClockKind};
use hearth_domain::front_door::referral_form::ReferralForm;
use hearth_domain::front_door::states::ReferralFormState;
use hearth_domain::front_door::vocab::ContactMethod;
use hearth_domain::ids::ContactId;
use hearth_domain::role::Role;
use hearth_domain::uk_time::{format_date, format_uk, uk_date};
use hearth_store::front_door::contacts::NewContact;
use hearth_store::front_door::referral_forms::ReferralFormRow;
use hearth_store::Tx;
use uuid::Uuid;

use crate::accounts::auth::Principal;
use crate::error::{AppError, AppResult};
use crate::front_door::contacts::fd_entry;
use crate::front_door::form_children::{outcomes_of, ContactStanding};
use crate::front_door::types::{reference_of, FeedbackItem, ReferralFormView, Saved};
use crate::App;

const NOT_YOURS: &str = "You can see only the referrals you made.";

fn body_of(row: &ReferralFormRow) -> AppResult<ReferralForm> {
    parse_form(&row.body)
}

/// A stored referral form; one that no longer parses is a fault, never read as empty.
pub(crate) fn parse_form(body: &str) -> AppResult<ReferralForm> {
    serde_json::from_str(body).map_err(|e| AppError::Internal(format!("stored referral form: {e}")))
}

fn json(form: &ReferralForm) -> AppResult<String> {
    serde_json::to_string(form).map_err(|e| AppError::Internal(e.to_string()))
}

impl App {
    async fn form_view(tx: &mut Tx, row: ReferralFormRow) -> AppResult<ReferralFormView> {
        let form = body_of(&row)?;
        let mut feedback = Vec::new();
        let mut child_outcomes = Vec::new();
        if let Some(contact) = row.contact_id {
            // What the referrer was told, and nothing else of the contact.
            let standing = tx.referral_forms().contact_feedback(&row).await?;
            if let Some((text, at)) = standing.clone() {
                feedback.push(FeedbackItem { given_at: at, text });
            }
            let referrals = tx.referrals().outcomes_by_child_of_contact(contact).await?;
            let mut decided: Vec<(String, DateTime<Utc>)> = referrals
                .iter()
                .filter_map(|r| r.feedback.clone().zip(r.decided_at))
                .collect();
            decided.sort_by_key(|(_, at)| *at);
            for (text, at) in decided {
                if !feedback.iter().any(|f| f.text == text) {
                    feedback.push(FeedbackItem { given_at: at, text });
                }
            }
            // Each named child's own outcome. The linked records' names are read only to tell
            // which named child each is; the referrer is shown the names they wrote.
            let linked_ids = tx.contacts().children(contact).await?;
            let linked = tx.people_search().summaries(&linked_ids).await?;
            let concluded = tx.referral_forms().contact_concluded(contact).await?;
            child_outcomes = outcomes_of(
                &form,
                &linked,
                &referrals,
                &ContactStanding {
                    concluded: concluded.is_some(),
                    feedback: standing.as_ref().map(|(t, _)| t.as_str()),
                    concluded_at: concluded,
                },
            );
        }
        Ok(ReferralFormView {
            id: row.id,
            reference: reference_of(row.id),
            form,
            status: row.status,
            version: row.version,
            updated_at: row.updated_at,
            submitted_at: row.submitted_at,
            acknowledgement: row.acknowledgement,
            feedback,
            child_outcomes,
            contact_id: row.contact_id,
        })
    }

    /// The form, if this user may see it: its author, or front-door staff once it is submitted.
    /// A refusal rolls the transaction back and is audited before the error returns.
    async fn form_for(
        &self,
        mut tx: Tx,
        p: &Principal,
        id: Uuid,
        write: bool,
    ) -> AppResult<(Tx, ReferralFormRow)> {
        let row = tx.referral_forms().get(id).await?;
        let author = row.author_id == p.user.id.0;
        let staff_may_read = !write
            && row.status == ReferralFormState::Submitted
            && p.user.role != Role::PartnerReferrer
            && authorize(&p.actor(), GeneralAction::FrontDoorWork).is_ok();
        if author || staff_may_read {
            return Ok((tx, row));
        }
        tx.rollback().await?;
        let action = if write {
            "referral-form.save"
        } else {
            "referral-form.view"
        };
        Err(self
            .refused(
                p,
                action,
                "referral_form",
                Some(id.to_string()),
                Denied(NOT_YOURS),
            )
            .await)
    }

    /// The route gate for a form: the same decision as [`Self::form_for`], on the reader side;
    /// an unknown form passes (the handler answers 404).
    pub(crate) async fn referral_form_gate(
        &self,
        p: &Principal,
        id: Uuid,
        write: bool,
    ) -> AppResult<()> {
        let tx = self.db.read().await?;
        match self.form_for(tx, p, id, write).await {
            Ok((tx, _)) => {
                tx.rollback().await?;
                Ok(())
            }
            Err(AppError::NotFound) => Ok(()),
            Err(e) => Err(e),
        }
    }

    /// Starts an empty draft.
    #[tracing::instrument(skip_all)]
    pub async fn start_referral_form(&self, p: &Principal) -> AppResult<ReferralFormView> {
        self.allow(p, GeneralAction::SubmitReferral).await?;
        let now = self.clock.now();
        let mut tx = self.db.begin().await?;
        let id = tx
            .referral_forms()
            .insert(p.user.id, &json(&ReferralForm::default())?, now)
            .await?;
        tx.audit(
            now,
            fd_entry(p, "referral-form.start", "referral_form", id, None),
        )
        .await?;
        let row = tx.referral_forms().get(id).await?;
        let view = Self::form_view(&mut tx, row).await?;
        tx.commit().await?;
        Ok(view)
    }

    #[tracing::instrument(skip_all, fields(id = %id))]
    pub async fn view_referral_form(&self, p: &Principal, id: Uuid) -> AppResult<ReferralFormView> {
        self.allow(p, GeneralAction::SubmitReferral).await?;
        let now = self.clock.now();
        let tx = self.db.read().await?;
        let (mut tx, row) = self.form_for(tx, p, id, false).await?;
        let view = Self::form_view(&mut tx, row).await?;
        let read_audit = read_row(
            now,
            fd_entry(p, "referral-form.view", "referral_form", id, None),
        );
        self.audited(tx, vec![read_audit]).await?;
        Ok(view)
    }

    /// Saves what has been typed so far over `version`.
    #[tracing::instrument(skip_all, fields(id = %id))]
    pub async fn save_referral_form(
        &self,
        p: &Principal,
        id: Uuid,
        version: i64,
        form: &ReferralForm,
    ) -> AppResult<Saved> {
        self.allow(p, GeneralAction::SubmitReferral).await?;
        form.check_draft()?;
        let now = self.clock.now();
        let tx = self.db.begin().await?;
        let (mut tx, _) = self.form_for(tx, p, id, true).await?;
        let version = tx
            .referral_forms()
            .save(id, version, &json(form)?, now)
            .await?;
        tx.audit(
            now,
            fd_entry(
                p,
                "referral-form.save",
                "referral_form",
                id,
                Some(format!("version={version}")),
            ),
        )
        .await?;
        tx.commit().await?;
        Ok(Saved {
            version,
            saved_at: now,
        })
    }

    /// Submits the form: checked whole, it becomes a contact in the front-door queue and the
    /// referrer gets an acknowledgement with the reference and when the decision is due.
    #[tracing::instrument(skip_all, fields(id = %id))]
    pub async fn submit_referral_form(
        &self,
        p: &Principal,
        id: Uuid,
        version: i64,
        form: &ReferralForm,
    ) -> AppResult<ReferralFormView> {
        self.allow(p, GeneralAction::SubmitReferral).await?;
        let now = self.clock.now();
        let today = self.clock.today();
        let tx = self.db.begin().await?;
        let (mut tx, _) = self.form_for(tx, p, id, true).await?;
        let sub = form.check_submission(today)?;
        let (protocol, _) = Self::protocol_in(&mut tx).await?;
        let cal = Self::calendar_in(&mut tx).await?;
        let due = compute(
            ClockKind::ReferralDecision,
            Anchor::referral_received(uk_date(now)),
            &protocol,
            &cal,
        )
        .map_err(|e| AppError::Conflict(e.to_string()))?;
        let reference = reference_of(id);
        let ack = format!(
            "Thank you. We received your referral about {} on {}. Your reference is {reference}. The front door will decide what happens next by the end of {} and will tell you the outcome.",
            form.children_names(), format_uk(now), format_date(due.date)
        );
        let contact_name = if form.referrer_role.trim().is_empty() {
            form.referrer_name.trim().to_string()
        } else {
            format!(
                "{} ({})",
                form.referrer_name.trim(),
                form.referrer_role.trim()
            )
        };
        let details = [form.referrer_phone.trim(), form.referrer_email.trim()]
            .iter()
            .filter(|s| !s.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(", ");
        let consent_json =
            serde_json::to_string(&sub.consent).map_err(|e| AppError::Internal(e.to_string()))?;
        let contact = tx
            .contacts()
            .insert(
                &NewContact {
                    received_at: now,
                    source: sub.source,
                    method: ContactMethod::ReferralForm,
                    contact_name: &contact_name,
                    contact_agency: form.referrer_agency.trim(),
                    contact_details: &details,
                    summary: &form.concerns_summary(),
                    urgency: sub.urgency,
                    consent_json: &consent_json,
                    young_person_consent_json: None,
                    form_id: Some(id),
                    created_by: p.user.id,
                },
                now,
            )
            .await?;
        tx.referral_forms()
            .submit(id, version, &json(form)?, contact, &ack, now)
            .await?;
        tx.audit(
            now,
            fd_entry(
                p,
                "referral-form.submit",
                "referral_form",
                id,
                Some(format!(
                    "contact={contact} source={} urgency={}",
                    sub.source.code(),
                    sub.urgency.code()
                )),
            ),
        )
        .await?;
        tx.audit(
            now,
            fd_entry(
                p,
                "contact.create",
                "contact",
                contact,
                Some(format!("from referral form {reference}")),
            ),
        )
        .await?;
        let row = tx.referral_forms().get(id).await?;
        let view = Self::form_view(&mut tx, row).await?;
        tx.commit().await?;
        Ok(view)
    }

    /// The signed-in user's own referral forms, newest first.
    #[tracing::instrument(skip_all)]
    pub async fn my_referral_forms(&self, p: &Principal) -> AppResult<Vec<ReferralFormView>> {
        self.allow(p, GeneralAction::SubmitReferral).await?;
        let now = self.clock.now();
        let mut tx = self.db.read().await?;
        let mut out = Vec::new();
        for row in tx.referral_forms().by_author(p.user.id).await? {
            out.push(Self::form_view(&mut tx, row).await?);
        }
        let read_audit = read_row(
            now,
            hearth_store::audit::AuditEntry {
                user: Some(p.user.id),
                action: "referral-form.list",
                record_type: "referral_form",
                record_id: None,
                outcome: hearth_store::audit::AuditOutcome::Success,
                detail: Some(format!("results={}", out.len())),
            },
        );
        self.audited(tx, vec![read_audit]).await?;
        Ok(out)
    }

    /// Creates the child's record from a submitted form's details and links it to the contact
    /// (after staff have searched and found no existing record).
    #[tracing::instrument(skip_all, fields(contact = %contact))]
    pub async fn create_child_from_form(
        &self,
        p: &Principal,
        contact: Uuid,
        form_child: usize,
    ) -> AppResult<crate::front_door::types::ContactView> {
        let desk = self.front_door_desk(p).await?;
        let now = self.clock.now();
        let mut tx = self.db.begin().await?;
        let c = tx.contacts().get(&desk, ContactId(contact)).await?;
        c.status.change()?;
        let row = tx
            .referral_forms()
            .of_contact(contact)
            .await?
            .ok_or_else(|| {
                AppError::Conflict("This contact did not come from a referral form".into())
            })?;
        let household = body_of(&row)?;
        let Some(form) = household.children().into_iter().nth(form_child) else {
            return Err(AppError::Validation(
                hearth_domain::errors::ValidationErrors::single(
                    "form_child",
                    "unknown",
                    "The referral form does not name that child",
                ),
            ));
        };
        let input = hearth_domain::person::PersonInput {
            kind: "child".into(),
            given_names: form.child_given_names.trim().into(),
            family_name: form.child_family_name.trim().into(),
            aliases: form
                .child_aliases
                .split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(String::from)
                .collect(),
            date_of_birth: Some(form.child_date_of_birth.trim().to_string())
                .filter(|s| !s.is_empty()),
            expected_date_of_delivery: Some(
                form.child_expected_date_of_delivery.trim().to_string(),
            )
            .filter(|s| !s.is_empty()),
            sex: Some(form.child_sex.trim().to_string()).filter(|s| !s.is_empty()),
            gender_identity: Some(form.child_gender_identity.trim().to_string())
                .filter(|s| !s.is_empty()),
            ethnicity: Some(form.ethnicity.trim().to_string()).filter(|s| !s.is_empty()),
            first_language: Some(household.first_language.trim().to_string())
                .filter(|s| !s.is_empty()),
            communication_needs: Some(form.communication_needs.trim().to_string())
                .filter(|s| !s.is_empty()),
            telephone: Some(household.child_telephone.trim().to_string()).filter(|s| !s.is_empty()),
            ..Default::default()
        };
        let (details, _) = input.parse(self.clock.today())?;
        // Children only: the form's child must be under 18 or unborn on the contact's date.
        let mut e = hearth_domain::errors::ValidationErrors::default();
        hearth_domain::childhood::check_child_on(
            &mut e,
            "create_from_form",
            &hearth_domain::childhood::AgeEvidence {
                kind: details.kind,
                date_of_birth: details.date_of_birth(),
                expected_date_of_delivery: details.expected_date_of_delivery(),
            },
            hearth_domain::uk_time::uk_date(c.received_at),
            "a contact",
        );
        if !e.is_empty() {
            return Err(AppError::Validation(e));
        }
        let id = hearth_domain::ids::PersonId::new();
        tx.people()
            .insert(id, &details, None, p.user.id, now)
            .await?;
        tx.audit(
            now,
            crate::people::cases::entry(
                p,
                "person.create",
                id,
                hearth_store::audit::AuditOutcome::Success,
            ),
        )
        .await?;
        tx.contacts().add_child(contact, id).await?;
        tx.contacts().touch(contact).await?;
        tx.audit(
            now,
            fd_entry(
                p,
                "contact.link-child",
                "contact",
                contact,
                Some(format!(
                    "person={id} created from referral form (child {})",
                    form_child + 1
                )),
            ),
        )
        .await?;
        let c = tx.contacts().get(&desk, ContactId(contact)).await?;
        let view = self.contact_view_for(&mut tx, p, c).await?;
        tx.commit().await?;
        Ok(view)
    }
}
