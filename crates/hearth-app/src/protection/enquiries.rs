//! The section 47 enquiry: started by the strategy discussion that decides on it (in that
//! discussion's transaction), concluded with one of Working Together's outcomes; continuing risk
//! arranges the initial conference with its 15-working-day clock from the discussion.

use chrono::NaiveDate;
use hearth_domain::authz::{authorize_conference_write, CaseAccess, GeneralAction, Read};
use hearth_domain::clock::ClockKind;
use hearth_domain::errors::ValidationErrors;
use hearth_domain::ids::PersonId;
use hearth_domain::person::parse_date;
use hearth_domain::protection::conference::{check_recorder, ConferenceKind};
use hearth_domain::protection::enquiry::{
    check_conclusion, Conclusion, DeclinedRequest, EnquiryOutcome,
};
use hearth_domain::protection::strategy::held_anchor;
use hearth_store::audit::{AuditEntry, AuditOutcome};
use hearth_store::protection::conferences::{ConferenceRow, NewConference};
use hearth_store::protection::enquiries::ConclusionRecord;
use hearth_store::protection::strategy_discussions::StrategyDiscussionRow;
use hearth_store::{StoreError, Tx};
use uuid::Uuid;

use crate::accounts::auth::Principal;
use crate::error::{AppError, AppResult};
use crate::protection::cp_types::{ChildProtectionView, ConcludeEnquiryInput};
use crate::App;

/// The clocks' and audit rows' names for the child protection records.
pub(crate) const ENQUIRY: &str = "s47-enquiry";
pub(crate) const CONFERENCE: &str = "conference";
pub(crate) const PLAN: &str = "cp-plan";

pub(crate) fn cp_entry(
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

/// A store conflict on a named "only one" index as the rule in words, on `field`.
pub(crate) fn only_one(
    e: StoreError,
    index: &str,
    field: &str,
    code: &'static str,
    message: &str,
) -> AppError {
    match e {
        StoreError::Conflict { constraint } if constraint.contains(index) => {
            AppError::Validation(ValidationErrors::single(field, code, message))
        }
        other => other.into(),
    }
}

impl App {
    /// The start of every child protection change: the caller may do casework, a transaction
    /// is open, and the child's record may be written (read access is what the stores take).
    pub(crate) async fn cp_write(
        &self,
        p: &Principal,
        person: PersonId,
        action: &'static str,
    ) -> AppResult<(
        Tx,
        hearth_domain::authz::CaseAccess<hearth_domain::authz::Read>,
    )> {
        self.allow(p, GeneralAction::AssessmentWork).await?;
        let tx = self.db.begin().await?;
        let (tx, access) = self.write_access(tx, p, person, action).await?;
        Ok((tx, access.as_read()))
    }

    /// The start of recording a conference (its attendance, decision or circulation): its chair
    /// may, as well as those who record casework, and a chair only the conference they chair.
    pub(crate) async fn conference_write(
        &self,
        p: &Principal,
        person: PersonId,
        id: Uuid,
        action: &'static str,
    ) -> AppResult<(Tx, CaseAccess<Read>, ConferenceRow)> {
        self.allow(p, GeneralAction::ChairConference).await?;
        let mut tx = self.db.begin().await?;
        let ctx = tx
            .people()
            .context(person)
            .await?
            .ok_or(AppError::NotFound)?;
        let access = match authorize_conference_write(&p.actor(), person, &ctx) {
            Ok(a) => a.as_read(),
            Err(d) => return Err(self.denied(tx, p, person, action, d).await),
        };
        let conf = tx.conferences().get(&access, id).await?;
        if let Err(d) = check_recorder(p.user.role, p.user.id, conf.chair_id) {
            return Err(self.denied(tx, p, person, action, d).await);
        }
        Ok((tx, access, conf))
    }

    /// Starts the section 47 enquiry a held discussion decided on, in its transaction: it starts
    /// on the discussion's date (census `S47ActualStartDate`). A child with an enquiry still open
    /// is refused (census rule 8890).
    pub(crate) async fn start_enquiry(
        &self,
        tx: &mut Tx,
        p: &Principal,
        d: &StrategyDiscussionRow,
        held_on: NaiveDate,
    ) -> AppResult<Uuid> {
        let now = self.clock.now();
        const OPEN: &str = "A section 47 enquiry is already open for this child: record its outcome before another starts (census rule 8890)";
        if tx.enquiries().open_of(d.person_id).await?.is_some() {
            return Err(AppError::Validation(ValidationErrors::single(
                "start_section_47",
                "enquiry_open",
                OPEN,
            )));
        }
        let id = tx
            .enquiries()
            .start(d.person_id, d.episode_id, d.id, held_on, now)
            .await
            .map_err(|e| {
                only_one(
                    e,
                    "s47_enquiries_one_open",
                    "start_section_47",
                    "enquiry_open",
                    OPEN,
                )
            })?;
        tx.audit_about(
            now,
            d.person_id,
            cp_entry(
                p,
                "s47.start",
                ENQUIRY,
                id,
                Some(format!("discussion={}", d.id)),
            ),
        )
        .await?;
        Ok(id)
    }

    /// Records the enquiry's outcome. Continuing risk arranges the initial conference (a
    /// pre-birth conference for an unborn child) due 15 working days from the strategy
    /// discussion that started the enquiry (census `InitialCPCtarget`); any other outcome records
    /// that no conference is required (`ICPCnotRequired`).
    #[tracing::instrument(skip_all)]
    pub async fn conclude_enquiry(
        &self,
        p: &Principal,
        person: PersonId,
        id: Uuid,
        input: &ConcludeEnquiryInput,
    ) -> AppResult<ChildProtectionView> {
        let now = self.clock.now();
        let today = self.clock.today();
        let (mut tx, access) = self.cp_write(p, person, "s47.conclude").await?;
        let census_before = Self::census_baseline(&mut tx, person, today).await?;
        let enquiry = tx.enquiries().get(&access, id).await?;
        enquiry.status.conclude()?;
        let mut e = ValidationErrors::default();
        let outcome = EnquiryOutcome::parse(&input.outcome)
            .map_err(|m| e.add("outcome", "unknown_code", m))
            .ok();
        let concluded_on = if input.concluded_on.trim().is_empty() {
            Some(today)
        } else {
            parse_date("concluded_on", "The date", &input.concluded_on, &mut e)
        };
        let (Some(outcome), Some(concluded_on)) = (outcome, concluded_on) else {
            return Err(AppError::Validation(e));
        };
        let declined = input.declined_request.as_ref().map(|d| DeclinedRequest {
            agency: d.agency.trim().into(),
            reason: d.reason.trim().into(),
            escalation: d.escalation.trim().into(),
        });
        let c = Conclusion {
            outcome,
            concluded_on,
            child_seen: input.child_seen,
            child_seen_alone: input.child_seen_alone,
            spoken_to: input.spoken_to.trim().into(),
            support_follows: input.support_follows.trim().into(),
            not_seen_reason: input.not_seen_reason.trim().into(),
            declined_request: declined.clone(),
        };
        check_conclusion(&c, enquiry.started_on, today)?;
        let record = ConclusionRecord {
            child_seen: c.child_seen,
            child_seen_alone: c.child_seen_alone,
            spoken_to: c.spoken_to.clone(),
            support_follows: c.support_follows.clone(),
            not_seen_reason: c.not_seen_reason.clone(),
            declined_request: declined,
        };
        tx.enquiries()
            .conclude(
                id,
                input.version,
                outcome,
                concluded_on,
                &record,
                p.user.id.0,
            )
            .await?;
        let mut detail = format!("outcome={}", outcome.code());
        if outcome == EnquiryOutcome::ContinuingRisk {
            let discussion = tx
                .strategy_discussions()
                .get(&access, enquiry.discussion_id)
                .await?;
            let Some(held) = discussion.held.as_ref() else {
                return Err(AppError::Conflict(
                    "the enquiry's strategy discussion is not recorded as held".into(),
                ));
            };
            let unborn = tx
                .people()
                .get(&access)
                .await?
                .details
                .expected_date_of_delivery()
                .is_some();
            let kind = if unborn {
                ConferenceKind::PreBirth
            } else {
                ConferenceKind::Initial
            };
            let conf = self
                .arrange_conference(
                    &mut tx,
                    p,
                    &NewConference {
                        person: enquiry.person_id,
                        episode: enquiry.episode_id,
                        kind,
                        enquiry: Some(id),
                        plan: None,
                        anchor_on: held.held_on,
                        target_on: held.held_on,
                        scheduled_on: None,
                        by: p.user.id.0,
                    },
                    ClockKind::InitialConference,
                    held_anchor(held),
                )
                .await?;
            detail.push_str(&format!(" conference={conf}"));
        }
        tx.audit_about(
            now,
            enquiry.person_id,
            cp_entry(p, "s47.conclude", ENQUIRY, id, Some(detail)),
        )
        .await?;
        let view = self.child_protection_in(&mut tx, &access).await?;
        Self::census_guard(&mut tx, person, today, &census_before).await?;
        tx.commit().await?;
        Ok(view)
    }
}
